/* Case: lower-casing for lookups, and putting the observed word's case
 * back on a repair (Ater -> After, ATER -> AFTER). ICU for non-ASCII. */
#ifndef LF_CASING_H
#define LF_CASING_H
#include <stddef.h>

enum { LF_CASE_LOWER, LF_CASE_TITLE, LF_CASE_UPPER, LF_CASE_OTHER };

/* Lower-cases s into out (cap bytes, NUL-terminated); returns the length,
 * or -1 if it does not fit or s is not valid UTF-8. */
long lf_case_lower(const char *s, size_t n, char *out, size_t cap);
int lf_case_pattern(const char *s, size_t n);
/* Gives the lower-case word `lower` the pattern; same contract as lf_case_lower. */
long lf_case_apply(int pattern, const char *lower, size_t n, char *out, size_t cap);

#endif
