# ---- fuzzing (`make fuzz [FUZZ_SECONDS=N]`) -------------------------------------
# libFuzzer targets in fuzz/, built with clang and ASan + UBSan in build/fuzz/
# (the library's objects are compiled again there, instrumented for coverage
# with -fsanitize=fuzzer-no-link). Each target runs FUZZ_SECONDS (default 60)
# from its seed corpus fuzz/corpus/NAME/; new inputs go to build/fuzz/corpus/NAME/
# (kept between runs), a crashing input to build/fuzz/crash-NAME-*, and the
# run fails. Not part of `make check`. See doc/robustness.md.
#
#   make fuzz                       every target, 60 s each
#   make fuzz FUZZ_SECONDS=600      longer
#   make fuzz FUZZ_TARGETS=context  one target
#   build/fuzz/fuzz_scan build/fuzz/crash-scan-...   replay one input

FUZZ_B       := build/fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= scan context
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c11 -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_LIB_OBJ  = $(patsubst lib/%.c,$(FUZZ_B)/obj/%.o,$(LIB_SRC))
FUZZ_DATA    := $(abspath dict/ligfix-context.bin)
# max_len: scan inputs up to 4 KB (a few paragraphs), context files up to 1 KB.
FUZZ_ARGS_scan    := -max_len=4096
FUZZ_ARGS_context := -max_len=1024
FUZZ_ENV := LIGFIX_DATA=$(FUZZ_DATA) \
            ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: fuzz fuzz-build
fuzz-build: $(foreach t,$(FUZZ_TARGETS),$(FUZZ_B)/fuzz_$(t))

$(FUZZ_B)/obj:
	mkdir -p $@

# Built through a pattern chain: keep the objects for the next run.
.PRECIOUS: $(FUZZ_B)/obj/%.o

$(FUZZ_B)/obj/%.o: lib/%.c $(wildcard lib/*.h) include/ligfix.h | $(FUZZ_B)/obj
	$(FUZZ_CC) $(LIB_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_B)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(LIB_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) \
	    $(DEP_LIBS)

# Each run prints libFuzzer's last status line (cov: coverage points, ft:
# features, exec/s) and its final stats; a crash, leak, timeout or failed
# invariant stops make with the log's tail.
fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_B)/corpus/$$t; \
	    log=$(FUZZ_B)/$$t.log; \
	    case $$t in scan) args='$(FUZZ_ARGS_scan)';; context) args='$(FUZZ_ARGS_context)';; *) args=;; esac; \
	    echo "fuzz: $$t for $(FUZZ_SECONDS) s (log: $$log)"; \
	    if ! $(FUZZ_ENV) $(FUZZ_B)/fuzz_$$t $$args -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_B)/crash-$$t- \
	        $(FUZZ_B)/corpus/$$t fuzz/corpus/$$t > $$log 2>&1; then \
	        tail -40 $$log; echo "FAIL - fuzz_$$t found a problem: $(FUZZ_B)/crash-$$t-*"; exit 1; \
	    fi; \
	    grep -E '^#[0-9]+.*(pulse|DONE|REDUCE|NEW)' $$log | tail -1; \
	    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' $$log; \
	done; \
	echo "fuzz: no crash in $(FUZZ_TARGETS)"
