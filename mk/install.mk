# ---- install / uninstall, ligfix.pc, and the packaging checks ----------------
#
#   make install   [PREFIX=/usr/local] [DESTDIR=/staging]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=/staging]   (same values as install)
#   make check-install   stage an install in a temporary DESTDIR and use it
#   make check-exports   the shared library exports only ligfix_* symbols
#
# BINDIR, LIBDIR, INCLUDEDIR, DATADIR and MANDIR may be overridden one by one.
# DESTDIR is only prepended when copying: nothing installed records it, so the
# staged tree is relocated to its final place by the packager. After a real
# install into a system directory run `ldconfig` once.

INSTALL      ?= install
INSTALL_DATA ?= $(INSTALL) -m 644
INSTALL_PROG ?= $(INSTALL) -m 755
INSTALL_DIR  ?= $(INSTALL) -d -m 755

PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
PC           := $(B)/ligfix.pc

# The data file and the files documenting it (licence, provenance) that go
# beside it in DATADIR. Globbed by the shell at install time, so files that
# appear after make was started are still picked up.
DICT_DATA    := dict/ligfix-context.bin
DICT_DOCS    := dict/README dict/README.* dict/LICENSE dict/LICENSE.* dict/LICENCE \
                dict/LICENCE.* dict/COPYING dict/COPYING.* dict/NOTICE dict/AUTHORS
MAN1_PAGES   := man/ligfix.1
MAN3_PAGES   := man/ligfix.3
# One `.so` stub per public function, so `man ligfix_scan` finds ligfix(3).
# (The open parenthesis is a variable: a bare one would end make's $(shell.)
LIGFIX_OPAREN := (
MAN3_LINKS   := $(shell sed -n 's/^LIGFIX_API[^$(LIGFIX_OPAREN)]*[ *]\(ligfix_[a-z0-9_]*\)$(LIGFIX_OPAREN).*/\1/p' include/ligfix.h)

# Paths in ligfix.pc are written relative to ${prefix} when they lie under it,
# so `pkg-config --define-variable=prefix=...` can relocate a staged tree.
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

$(PC): lib/ligfix.pc.in Makefile mk/install.mk | $(B)/obj
	sed -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e 's|@LIBDIR@|$(call pc_rel,$(LIBDIR))|g' \
	    -e 's|@INCLUDEDIR@|$(call pc_rel,$(INCLUDEDIR))|g' \
	    -e 's|@DATADIR@|$(call pc_rel,$(DATADIR))|g' \
	    -e 's|@VERSION@|$(VERSION)|g' lib/ligfix.pc.in > $@.tmp
	mv $@.tmp $@

# The .pc file embeds PREFIX: regenerate it on every install so a changed
# PREFIX is never installed stale.
.PHONY: install uninstall pc FORCE_PC
pc: $(PC)
FORCE_PC:
$(PC): FORCE_PC

install: all $(PC)
	$(INSTALL_DIR) '$(DESTDIR)$(INCLUDEDIR)' '$(DESTDIR)$(LIBDIR)' \
	    '$(DESTDIR)$(PKGCONFIGDIR)' '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(DATADIR)' \
	    '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(MANDIR)/man3'
	$(INSTALL_DATA) include/ligfix.h '$(DESTDIR)$(INCLUDEDIR)/ligfix.h'
	$(INSTALL_PROG) $(SHLIB) '$(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB))'
	ln -sf $(notdir $(SHLIB)) '$(DESTDIR)$(LIBDIR)/$(SONAME)'
	ln -sf $(SONAME) '$(DESTDIR)$(LIBDIR)/libligfix.so'
	$(INSTALL_DATA) $(STLIB) '$(DESTDIR)$(LIBDIR)/$(notdir $(STLIB))'
	$(INSTALL_DATA) $(PC) '$(DESTDIR)$(PKGCONFIGDIR)/ligfix.pc'
	$(INSTALL_PROG) $(CLI) '$(DESTDIR)$(BINDIR)/ligfix'
	@if [ -f $(DICT_DATA) ]; then \
	    echo "$(INSTALL_DATA) $(DICT_DATA) '$(DESTDIR)$(DATADIR)/'"; \
	    $(INSTALL_DATA) $(DICT_DATA) '$(DESTDIR)$(DATADIR)/' || exit 1; \
	else \
	    echo "warning: $(DICT_DATA) is missing; ligfix will run with a flat word prior" >&2; \
	fi
	@for f in $(DICT_DOCS); do \
	    if [ -f "$$f" ]; then \
	        echo "$(INSTALL_DATA) $$f '$(DESTDIR)$(DATADIR)/'"; \
	        $(INSTALL_DATA) "$$f" '$(DESTDIR)$(DATADIR)/' || exit 1; \
	    fi; \
	done
	$(INSTALL_DATA) $(MAN1_PAGES) '$(DESTDIR)$(MANDIR)/man1/'
	$(INSTALL_DATA) $(MAN3_PAGES) '$(DESTDIR)$(MANDIR)/man3/'
	@for fn in $(MAN3_LINKS); do \
	    echo '.so man3/ligfix.3' > '$(DESTDIR)$(MANDIR)/man3/'"$$fn.3" || exit 1; \
	    chmod 644 '$(DESTDIR)$(MANDIR)/man3/'"$$fn.3"; \
	done
	@echo "installed ligfix $(VERSION) under $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f '$(DESTDIR)$(INCLUDEDIR)/ligfix.h'
	rm -f '$(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB))' '$(DESTDIR)$(LIBDIR)/$(SONAME)' \
	    '$(DESTDIR)$(LIBDIR)/libligfix.so' '$(DESTDIR)$(LIBDIR)/$(notdir $(STLIB))'
	rm -f '$(DESTDIR)$(PKGCONFIGDIR)/ligfix.pc'
	rm -f '$(DESTDIR)$(BINDIR)/ligfix'
	rm -f '$(DESTDIR)$(DATADIR)/$(notdir $(DICT_DATA))'
	@for f in $(DICT_DOCS); do \
	    rm -f '$(DESTDIR)$(DATADIR)/'"$${f##*/}"; \
	done
	rmdir '$(DESTDIR)$(DATADIR)' 2>/dev/null || true
	rm -f $(foreach p,$(MAN1_PAGES),'$(DESTDIR)$(MANDIR)/man1/$(notdir $(p))') \
	    $(foreach p,$(MAN3_PAGES),'$(DESTDIR)$(MANDIR)/man3/$(notdir $(p))') \
	    $(foreach f,$(MAN3_LINKS),'$(DESTDIR)$(MANDIR)/man3/$(f).3')

# ---- packaging checks --------------------------------------------------------
.PHONY: check-install check-exports
CHECK_TARGETS += check-install check-exports

check-install: all
	MAKE='$(MAKE)' sh tests/install.sh

check-exports: $(B)/$(SONAME) $(B)/libligfix.so
	sh tests/exports.sh $(B)/libligfix.so include/ligfix.h
