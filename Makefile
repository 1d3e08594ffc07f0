# ligfix — plain Makefile. `make` builds the shared and static library and the CLI
# into build/; `make check` runs every test; `make deps` installs the Debian
# packages the build and tests need (as root).

# Release (API) version and ABI version are separate: the soname only changes
# when the ABI breaks.
VERSION     := 0.1.0
ABI_VERSION := 0

PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share/ligfix
MANDIR     ?= $(PREFIX)/share/man

CC      ?= cc
PKG_CONFIG ?= pkg-config
DEPS_PC := hunspell icu-uc icu-i18n
CFLAGS  ?= -O3 -g
# The library is optimized at link time: each stage is a file of its own,
# and the per-token paths call small functions across them. With GCC only:
# its objects keep ordinary code too (fat), so the static library links
# without LTO; clang's would hold bitcode alone. `make LTO=` builds without.
CC_IS_GCC := $(shell $(CC) -v 2>&1 | grep -q '^gcc version' && echo 1)
LTO     ?= $(if $(CC_IS_GCC),-flto=auto -ffat-lto-objects)
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
LIB_CPPFLAGS = -Iinclude -Ilib -DLIGFIX_BUILDING -D_POSIX_C_SOURCE=200809L \
               -DLIGFIX_DATADIR='"$(DATADIR)"' \
               $(shell $(PKG_CONFIG) --cflags $(DEPS_PC))
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(DEPS_PC)) -lpthread -lm
ALL_CFLAGS = -std=c11 $(WARN) -fPIC -fvisibility=hidden $(CFLAGS)

B := build
SONAME   := libligfix.so.$(ABI_VERSION)
SHLIB    := $(B)/libligfix.so.$(VERSION)
STLIB    := $(B)/libligfix.a
CLI      := $(B)/ligfix

LIB_SRC  := $(sort $(wildcard lib/*.c))
LIB_OBJ  := $(patsubst lib/%.c,$(B)/obj/%.o,$(LIB_SRC))
CLI_SRC  := $(sort $(wildcard cli/*.c))
CLI_OBJ  := $(patsubst cli/%.c,$(B)/cli/%.o,$(CLI_SRC))

# Every test target appends itself here (from this file or mk/*.mk).
CHECK_TARGETS := check-unit check-cli

.PHONY: all lib cli check clean deps $(CHECK_TARGETS)
all: lib cli

lib: $(B)/$(SONAME) $(B)/libligfix.so $(STLIB)
cli: $(CLI)

$(B)/obj/%.o: lib/%.c $(wildcard lib/*.h) include/ligfix.h | $(B)/obj
	$(CC) $(LIB_CPPFLAGS) $(ALL_CFLAGS) $(LTO) -MMD -c $< -o $@

# Static and shared libraries come from the same objects.
$(SHLIB): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=lib/ligfix.map \
	    $(ALL_CFLAGS) $(LTO) $(LDFLAGS) -o $@ $(LIB_OBJ) $(DEP_LIBS)
$(B)/$(SONAME): $(SHLIB)
	ln -sf $(notdir $(SHLIB)) $@
$(B)/libligfix.so: $(B)/$(SONAME)
	ln -sf $(SONAME) $@
$(STLIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(B)/cli/%.o: cli/%.c $(wildcard cli/*.h) include/ligfix.h | $(B)/cli
	$(CC) -Iinclude -D_POSIX_C_SOURCE=200809L $(ALL_CFLAGS) -c $< -o $@

# The CLI links the shared library through an rpath relative to itself, so
# build/ligfix runs in the tree and the installed one finds the installed lib.
$(CLI): $(CLI_OBJ) $(B)/$(SONAME) $(B)/libligfix.so
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) -L$(B) -lligfix -Wl,-rpath,'$$ORIGIN:$$ORIGIN/../lib' -lpthread

$(B)/obj $(B)/cli $(B)/tests:
	mkdir -p $@

-include $(LIB_OBJ:.o=.d)

# ---- tests -----------------------------------------------------------------
TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BIN  := $(B)/tests/unit
TEST_LIBS  = $(shell $(PKG_CONFIG) --libs check)

# The suite list comes from the file names: tests/test_NAME.c -> suite_NAME.
$(B)/tests/suites.inc: $(TEST_SRC) | $(B)/tests
	printf '%s\n' $(patsubst tests/test_%.c,'SUITE(%)',$(TEST_SRC)) > $@

# Unit tests link the static library so internal stages can be tested alone.
$(TEST_BIN): $(TEST_SRC) tests/unit_main.c tests/unit.h $(B)/tests/suites.inc $(STLIB)
	$(CC) $(LIB_CPPFLAGS) -Itests -I$(B)/tests -std=c11 $(WARN) -Wno-missing-prototypes $(CFLAGS) \
	    -o $@ tests/unit_main.c $(TEST_SRC) $(STLIB) $(TEST_LIBS) $(DEP_LIBS)

check-unit: $(TEST_BIN)
	LIGFIX_DATA=dict/ligfix-context.bin $(TEST_BIN)

check-cli: $(CLI)
	sh tests/cli.sh $(CLI)

-include $(sort $(wildcard mk/*.mk))

check: $(CHECK_TARGETS)

# ---- dependencies ----------------------------------------------------------
DEBIAN_PACKAGES := build-essential pkg-config libhunspell-dev hunspell-en-us hunspell groff-base man-db \
                   libicu-dev check python3 python3-pip python3-wheel time valgrind
deps:
	@missing=; for p in $(DEBIAN_PACKAGES); do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(B)
