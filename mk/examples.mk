# ---- examples (`make examples`, `make check-examples`) ------------------------
# The programs in examples/ built against the in-tree library (build/). The
# same sources build against an installed ligfix with examples/Makefile, which
# uses pkg-config alone (tests/install.sh checks that).

EX_B     := $(B)/examples
EX_PROGS := $(EX_B)/repair_table $(EX_B)/batch_threads
# An rpath to build/ so the programs run in the tree without LD_LIBRARY_PATH.
EX_LDFLAGS = -L$(B) -Wl,-rpath,$(abspath $(B))
# The in-tree context data, when it has been made.
EX_ENV = $(if $(wildcard dict/ligfix-context.bin),LIGFIX_DATA=dict/ligfix-context.bin)

.PHONY: examples check-examples
CHECK_TARGETS += check-examples

examples: $(EX_PROGS)

$(EX_B):
	mkdir -p $@

$(EX_B)/repair_table: examples/repair_table.c include/ligfix.h $(B)/$(SONAME) $(B)/libligfix.so | $(EX_B)
	$(CC) -std=c11 $(WARN) -Wno-missing-prototypes $(CFLAGS) -Iinclude $(LDFLAGS) \
	    -o $@ examples/repair_table.c $(EX_LDFLAGS) -lligfix

$(EX_B)/batch_threads: examples/batch_threads.c include/ligfix.h $(B)/$(SONAME) $(B)/libligfix.so | $(EX_B)
	$(CC) -std=c11 $(WARN) -Wno-missing-prototypes $(CFLAGS) -pthread -Iinclude $(LDFLAGS) \
	    -o $@ examples/batch_threads.c $(EX_LDFLAGS) -lligfix -pthread

# repair_table on a small damaged text must repair it; batch_threads (-j 3 on
# 4 files) must write each FILE.fixed identical to repair_table's output.
check-examples: $(EX_PROGS)
	@set -e; n=3; t=$(EX_B)/check; rm -rf $$t; mkdir -p $$t; \
	printf 'The talks ended ater midnight.\nNo one else could a\357\254\200ord the atempts.\n' > $$t/in.txt; \
	$(EX_ENV) $(EX_B)/repair_table $$t/in.txt > $$t/out.txt 2> $$t/table.txt; \
	cat $$t/table.txt; cat $$t/out.txt; \
	grep -q 'ended after midnight' $$t/out.txt || { echo "FAIL - repair_table did not repair 'ater'"; exit 1; }; \
	grep -q 'ater' $$t/table.txt || { echo "FAIL - repair_table printed no span for 'ater'"; exit 1; }; \
	echo "ok - repair_table"; \
	$(EX_ENV) $(EX_B)/repair_table --threshold 2 < $$t/in.txt > $$t/same.txt 2>/dev/null; \
	cmp -s $$t/in.txt $$t/same.txt || { echo "FAIL - repair_table --threshold 2 changed the text"; exit 1; }; \
	echo "ok - repair_table --threshold 2 is the identity"; \
	for i in 1 2 3 4; do { printf 'File %s.\n' $$i; cat $$t/in.txt; } > $$t/f$$i.txt; done; \
	$(EX_ENV) $(EX_B)/batch_threads -j 3 $$t/f1.txt $$t/f2.txt $$t/f3.txt $$t/f4.txt; \
	for i in 1 2 3 4; do \
	    $(EX_ENV) $(EX_B)/repair_table $$t/f$$i.txt > $$t/f$$i.want 2>/dev/null; \
	    cmp $$t/f$$i.want $$t/f$$i.txt.fixed || { echo "FAIL - batch_threads f$$i.txt"; exit 1; }; \
	done; \
	echo "ok - batch_threads -j 3"; \
	if command -v python3 >/dev/null 2>&1; then \
	    LIGFIX_LIBRARY=$(abspath $(B)/$(SONAME)) PYTHONDONTWRITEBYTECODE=1 $(EX_ENV) \
	        python3 examples/repair.py $$t/in.txt > $$t/py.txt; \
	    cmp $$t/out.txt $$t/py.txt || { echo "FAIL - examples/repair.py differs from repair_table"; exit 1; }; \
	    echo "ok - examples/repair.py"; n=4; \
	fi; \
	echo "examples: $$n passed, 0 failed"
