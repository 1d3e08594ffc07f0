# ---- Python binding (`make check-python`) -------------------------------------
# python/ is a pure-ctypes package; its tests load the in-tree shared library
# through LIGFIX_LIBRARY. They run twice:
#  1. LIGFIX_DATA unset: the binding passes dict/ligfix-context.bin (if made)
#     to every model it loads, and ligfix.fix goes through a Repairer;
#  2. LIGFIX_DATA set: the library finds the data itself, and ligfix.fix goes
#     through the C simple API (ligfix_fix and its lazily loaded default model).

PYTHON ?= python3
PY_TEST_ENV = LIGFIX_LIBRARY=$(abspath $(B)/$(SONAME)) PYTHONDONTWRITEBYTECODE=1

.PHONY: check-python
CHECK_TARGETS += check-python

check-python: $(B)/$(SONAME)
	env -u LIGFIX_DATA $(PY_TEST_ENV) $(PYTHON) -m unittest discover -s python/tests -v
	$(if $(wildcard dict/ligfix-context.bin),\
	    LIGFIX_DATA=$(abspath dict/ligfix-context.bin) $(PY_TEST_ENV) \
	    $(PYTHON) -m unittest discover -s python/tests)
