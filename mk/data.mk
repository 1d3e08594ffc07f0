# ---- context data (`make data`, `make data-derived`) -----------------------
# dict/ligfix-context.bin is committed. Regenerating it needs the Debian
# packages dict/README.md names; not part of `make` or `make check`.
#
#   make data            LM tables from the CMU LM and SCOWL (dict/build_context.py),
#                        then the derived tables
#   make data-derived    only the derived tables, again (after a filter change)

DATA_FILE   := dict/ligfix-context.bin
DERIVE_TOOL := $(B)/tools/derive_data

.PHONY: data data-derived
$(DERIVE_TOOL): tools/derive_data.c $(STLIB) | $(B)/tools
	$(CC) $(LIB_CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) -o $@ $< $(STLIB) $(DEP_LIBS)

$(B)/tools:
	mkdir -p $@

data: $(DERIVE_TOOL)
	python3 dict/build_context.py -o $(B)/context-lm.bin
	$(DERIVE_TOOL) $(B)/context-lm.bin $(DATA_FILE)

data-derived: $(DERIVE_TOOL)
	$(DERIVE_TOOL) $(DATA_FILE) $(DATA_FILE)

# The committed file is what this build's derive_data makes of it: its
# derived tables are current and the tool works.
CHECK_TARGETS += check-data
.PHONY: check-data
check-data: $(DERIVE_TOOL)
	$(DERIVE_TOOL) $(DATA_FILE) $(B)/tools/rederived.bin
	cmp $(DATA_FILE) $(B)/tools/rederived.bin && echo "ok - $(DATA_FILE) derived tables are current"
	rm -f $(B)/tools/rederived.bin
