# ---- benchmark (`make bench`, `make bench-smoke`) --------------------------
# Speed yardstick, not a test: never added to CHECK_TARGETS. See bench/README.md.
#
#   make bench                 32 MB input, BENCH_RUNS rounds (default 5)
#   make bench-smoke           tiny input, 1 run (checks the machinery works)
#   LIGFIX=/path/to/cli make bench   measure another CLI (no build of $(CLI))

BENCH_B      := $(B)/bench
BENCH_PROGS  := $(BENCH_B)/icu_words $(BENCH_B)/icu_hunspell
BENCH_PC     := hunspell icu-uc icu-i18n
BENCH_CFLAGS ?= -O2
# With LIGFIX set in the environment the CLI under test is that program, so
# build/ligfix is not needed (lets the harness run before the CLI exists).
BENCH_CLI     = $(if $(LIGFIX),$(LIGFIX),$(CLI))
BENCH_CLI_DEP = $(if $(LIGFIX),,$(CLI))

.PHONY: bench bench-smoke bench-progs
bench-progs: $(BENCH_PROGS)

$(BENCH_PROGS): $(BENCH_B)/%: bench/%.c bench/icu_walk.h | $(BENCH_B)
	$(CC) -std=c11 $(WARN) $(BENCH_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(shell $(PKG_CONFIG) --cflags --libs $(BENCH_PC))

$(BENCH_B):
	mkdir -p $@

bench: $(BENCH_PROGS) $(BENCH_CLI_DEP)
	sh bench/make_input.sh $(BENCH_B)
	LIGFIX='$(BENCH_CLI)' BENCH_BIN='$(BENCH_B)' BENCH_INPUT_DIR='$(BENCH_B)' \
	    sh bench/run.sh

bench-smoke: $(BENCH_PROGS) $(BENCH_CLI_DEP)
	BENCH_KB=256 sh bench/make_input.sh $(BENCH_B)/smoke
	LIGFIX='$(BENCH_CLI)' BENCH_BIN='$(BENCH_B)' BENCH_INPUT_DIR='$(BENCH_B)/smoke' \
	    BENCH_RUNS=1 BENCH_STARTUP_RUNS=3 sh bench/run.sh
