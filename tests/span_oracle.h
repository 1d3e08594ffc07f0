/* What every scan result must be, checked from outside the library: the
 * hostile-input tests and the fuzz target share it. The applied text is
 * rebuilt here on purpose, apart from lib/result.c, so that ligfix_apply is
 * compared with an independent answer. */
#ifndef LIGFIX_SPAN_ORACLE_H
#define LIGFIX_SPAN_ORACLE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ligfix.h"

/* NULL if r is well formed over text[0, len) for apply threshold
 * `threshold`: spans inside the text, sorted and apart, observed equal to
 * the text there (NUL-terminated), fields sane, nothing past the count.
 * Else a description of the first fault, written into why. */
static inline const char *span_oracle_check(const char *text, size_t len,
                                            const ligfix_result *r, double threshold,
                                            char *why, size_t cap)
{
    size_t n = ligfix_result_count(r), prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        if (!s) {
            snprintf(why, cap, "span %zu is NULL", i);
            return why;
        }
        if (!(s->start < s->end && s->end <= len) || s->start < prev_end) {
            snprintf(why, cap, "span %zu [%zu,%zu) of %zu, after %zu", i, s->start, s->end, len,
                     prev_end);
            return why;
        }
        prev_end = s->end;
        if (memcmp(s->observed, text + s->start, s->end - s->start) != 0 ||
            s->observed[s->end - s->start] != '\0') {
            snprintf(why, cap, "span %zu: observed differs from the text", i);
            return why;
        }
        if (!s->replacement || !s->ligature || !s->mode) {
            snprintf(why, cap, "span %zu: NULL string", i);
            return why;
        }
        if (!(s->confidence >= 0.0 && s->confidence <= 1.0) ||
            s->applied != (s->confidence >= threshold)) {
            snprintf(why, cap, "span %zu: applied %d at confidence %g", i, s->applied,
                     s->confidence);
            return why;
        }
        if (s->n_alternatives > 16) {
            snprintf(why, cap, "span %zu: %zu alternatives", i, s->n_alternatives);
            return why;
        }
        for (size_t k = 0; k < s->n_alternatives; k++) {
            double p = s->alternatives[k].probability;
            if (!s->alternatives[k].word || !(p >= 0.0 && p <= 1.0)) {
                snprintf(why, cap, "span %zu: alternative %zu (probability %g)", i, k, p);
                return why;
            }
        }
    }
    if (ligfix_result_span(r, n) != NULL) {
        snprintf(why, cap, "a span past the end");
        return why;
    }
    return NULL;
}

/* The text with r's applied spans replaced, built by hand (malloc'd,
 * NUL-terminated, length in *out_len); NULL if out of memory. r must have
 * passed span_oracle_check. */
static inline char *span_oracle_apply(const char *text, size_t len, const ligfix_result *r,
                                      size_t *out_len)
{
    size_t n = ligfix_result_count(r), want = len;
    for (size_t i = 0; i < n; i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        if (s->applied)
            want = want - (s->end - s->start) + strlen(s->replacement);
    }
    char *out = malloc(want + 1);
    if (!out)
        return NULL;
    size_t o = 0, at = 0;
    for (size_t i = 0; i < n; i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        if (!s->applied)
            continue;
        memcpy(out + o, text + at, s->start - at);
        o += s->start - at;
        size_t rl = strlen(s->replacement);
        memcpy(out + o, s->replacement, rl);
        o += rl;
        at = s->end;
    }
    memcpy(out + o, text + at, len - at);
    o += len - at;
    out[o] = '\0';
    *out_len = o;
    return out;
}

#endif
