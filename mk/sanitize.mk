# ---- sanitizers and valgrind (`make sanitize`) ---------------------------------
# Not part of `make check` (slow; CI runs it separately). See doc/robustness.md.
#
#   1. ASan + UBSan build in build/asan (library, unit tests, CLI): the unit
#      tests, tests/cli.sh and hostile input through the CLI (random bytes,
#      tiny blocks, many threads: --threshold 2 must give the input back);
#   2. valgrind (memcheck, definite leaks are errors) on the normal build:
#      the CLI on examples/data/sample.txt and a few unit suites;
#   3. TSan build in build/tsan: the threads, lexicon and formindex suites (the
#      model's index and its pairs of ends are made by whichever thread asks
#      first), and tests/cli.sh (the CLI repairs blocks on a thread per CPU by
#      default).
#
# Each build has its own B directory (a recursive make), so objects never mix
# with the normal build. ICU and Hunspell are not instrumented; a suppression
# they need goes in tests/sanitize.supp.

SAN_ASAN_B   := build/asan
SAN_TSAN_B   := build/tsan
SAN_CC       ?= $(CC)
SAN_CFLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
                -fno-sanitize-recover=all
SAN_TSFLAGS  := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
SAN_DATA     := $(abspath dict/ligfix-context.bin)
# Suppressions (only if the file exists: the sanitizers refuse a missing one).
SAN_SUPP     := $(wildcard $(abspath tests/sanitize.supp))
# Check forks a child per test by default: no fork keeps one process for the
# sanitizers (and valgrind) to watch.
SAN_ENV      := CK_FORK=no LIGFIX_DATA=$(SAN_DATA) \
                ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
                LSAN_OPTIONS=print_suppressions=0$(if $(SAN_SUPP),:suppressions=$(SAN_SUPP)) \
                TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1$(if $(SAN_SUPP),:suppressions=$(SAN_SUPP))
VALGRIND       ?= valgrind
VALGRIND_FLAGS := --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
                  --show-leak-kinds=definite -q
# Unit suites run under valgrind (~30x slower than native: kept small).
SAN_VALGRIND_SUITES ?= context hostile

.PHONY: sanitize sanitize-asan sanitize-valgrind sanitize-tsan

sanitize: sanitize-asan sanitize-valgrind sanitize-tsan
	@echo "sanitize: all passed"

sanitize-asan:
	$(MAKE) --no-print-directory B=$(SAN_ASAN_B) CC='$(SAN_CC)' CFLAGS='$(SAN_CFLAGS)' LTO= \
	    LDFLAGS='-fsanitize=address,undefined' all $(SAN_ASAN_B)/tests/unit
	$(SAN_ENV) $(SAN_ASAN_B)/tests/unit
	$(SAN_ENV) sh tests/cli.sh $(SAN_ASAN_B)/ligfix
	@set -e; cli=$(SAN_ASAN_B)/ligfix; t=$(SAN_ASAN_B)/hostile; rm -rf $$t; mkdir -p $$t; \
	{ head -c 120000 $(SAN_DATA); cat examples/data/sample.txt; \
	  printf 'be\356\200\206er a er \357\254\201rst a\000er \377\376 \355\240\200 (cid:27)\n'; \
	  head -c 60000 $(SAN_DATA) | tail -c 30000; } > $$t/in.bin; \
	run() { $(SAN_ENV) "$$@"; }; \
	for opts in "" "--block-size 64" "-j 3 --block-size 100" "-j 64 --block-size 64"; do \
	    run $$cli --threshold 2 $$opts fix $$t/in.bin > $$t/same.bin; \
	    cmp -s $$t/in.bin $$t/same.bin || { echo "FAIL - cli: --threshold 2 $$opts fix changed bytes"; exit 1; }; \
	done; \
	echo "ok - cli: --threshold 2 fix gives hostile input back (blocks, threads)"; \
	run $$cli --block-size 4096 fix $$t/in.bin > $$t/one.bin; \
	run $$cli --block-size 4096 -j 5 fix $$t/in.bin > $$t/five.bin; \
	cmp -s $$t/one.bin $$t/five.bin || { echo "FAIL - cli: -j 5 output differs from -j 1"; exit 1; }; \
	echo "ok - cli: -j 5 gives the -j 1 output"; \
	run $$cli --block-size 4096 -j 3 scan --json $$t/in.bin > $$t/spans.jsonl; \
	if command -v python3 >/dev/null 2>&1; then \
	    python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' \
	        $$t/spans.jsonl || { echo "FAIL - cli: scan --json is not JSON Lines"; exit 1; }; \
	fi; \
	echo "ok - cli: scan --json on hostile input"; \
	run $$cli --diff fix $$t/in.bin > /dev/null; \
	run $$cli --modes letter,first,vanish,space,placeholder,codepoint --ligatures tt,ft,fi \
	    fix < $$t/in.bin > /dev/null; \
	cp $$t/in.bin $$t/inplace.bin; \
	run $$cli --threshold 2 --in-place fix $$t/inplace.bin; \
	cmp -s $$t/in.bin $$t/inplace.bin || { echo "FAIL - cli: --in-place --threshold 2 changed bytes"; exit 1; }; \
	echo "ok - cli: --diff, forced modes, --in-place on hostile input"

sanitize-valgrind: $(CLI) $(TEST_BIN)
	LIGFIX_DATA=$(SAN_DATA) $(VALGRIND) $(VALGRIND_FLAGS) $(CLI) fix examples/data/sample.txt > /dev/null
	LIGFIX_DATA=$(SAN_DATA) $(VALGRIND) $(VALGRIND_FLAGS) $(CLI) -j 2 --block-size 200 scan --json \
	    examples/data/sample.txt > /dev/null
	@set -e; for s in $(SAN_VALGRIND_SUITES); do \
	    echo "valgrind: unit suite $$s"; \
	    $(SAN_ENV) LIGFIX_TEST_LIGHT=1 CK_RUN_SUITE=$$s $(VALGRIND) $(VALGRIND_FLAGS) $(TEST_BIN); \
	done

sanitize-tsan:
	$(MAKE) --no-print-directory B=$(SAN_TSAN_B) CC='$(SAN_CC)' CFLAGS='$(SAN_TSFLAGS)' LTO= \
	    LDFLAGS='-fsanitize=thread' $(SAN_TSAN_B)/tests/unit $(SAN_TSAN_B)/ligfix
	$(SAN_ENV) CK_RUN_SUITE=threads $(SAN_TSAN_B)/tests/unit
	$(SAN_ENV) CK_RUN_SUITE=lexicon $(SAN_TSAN_B)/tests/unit
	$(SAN_ENV) CK_RUN_SUITE=formindex $(SAN_TSAN_B)/tests/unit
	$(SAN_ENV) sh tests/cli.sh $(SAN_TSAN_B)/ligfix
