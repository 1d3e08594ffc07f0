# ---- man pages (`make check-man`) ----------------------------------------------
# Renders man/ligfix.1 and man/ligfix.3 with every groff warning enabled and
# fails on any warning (groff-base). `man -l man/ligfix.1` reads them in the tree.

GROFF ?= groff
MAN_PAGES := man/ligfix.1 man/ligfix.3

.PHONY: check-man
CHECK_TARGETS += check-man

check-man: $(MAN_PAGES)
	@n=0; f=0; for p in $(MAN_PAGES); do \
	    w=$$(LC_ALL=C.UTF-8 $(GROFF) -man -Tutf8 -ww -z "$$p" 2>&1); rc=$$?; \
	    if [ $$rc -eq 0 ] && [ -z "$$w" ]; then n=$$((n + 1)); echo "ok - $$p renders without warnings"; \
	    else f=$$((f + 1)); echo "FAIL - $$p (groff exit $$rc):"; printf '%s\n' "$$w" | sed 's/^/    /'; fi; \
	done; \
	echo "man: $$n passed, $$f failed"; [ $$f -eq 0 ]
