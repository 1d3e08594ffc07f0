/* Results: spans for one text, their strings in one pool, and applying them. */
#ifndef LF_RESULT_H
#define LF_RESULT_H
#include <stddef.h>
#include "ligfix.h"

typedef struct {
    const char *word;
    size_t len;
    double p;
} lf_alt_in;

ligfix_result *lf_result_new(void);
/* Appends a span (spans must come in order and not overlap). 0 or -1 (no memory). */
int lf_result_add(ligfix_result *r, size_t start, size_t end, const char *text,
                  const char *replacement, size_t rlen, double confidence, int applied,
                  const char *ligature, const char *mode, const lf_alt_in *alts, int nalt);
/* Points the spans' strings into the pool; call once, after the last add. */
void lf_result_seal(ligfix_result *r);

#endif
