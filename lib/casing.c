#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "casing.h"

#define UBUF 256

static int is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

typedef int32_t (*u_case_fn)(UChar *, int32_t, const UChar *, int32_t, const char *,
                             UErrorCode *);

static long convert(u_case_fn fn, const char *s, size_t n, char *out, size_t cap)
{
    UChar in[UBUF], res[UBUF];
    int32_t ulen = 0, rlen, olen = 0;
    UErrorCode st = U_ZERO_ERROR;
    if (n > UBUF)
        return -1;
    u_strFromUTF8(in, UBUF, &ulen, s, (int32_t)n, &st);
    if (U_FAILURE(st))
        return -1;
    rlen = fn(res, UBUF, in, ulen, "", &st);
    if (U_FAILURE(st))
        return -1;
    /* room for the NUL is kept back, so an exact fit only warns */
    u_strToUTF8(out, (int32_t)cap - 1, &olen, res, rlen, &st);
    if (U_FAILURE(st) || (size_t)olen >= cap)
        return -1;
    out[olen] = '\0';
    return olen;
}

long lf_case_lower(const char *s, size_t n, char *out, size_t cap)
{
    if (is_ascii(s, n)) {
        if (n >= cap)
            return -1;
        for (size_t i = 0; i < n; i++)
            out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        out[n] = '\0';
        return (long)n;
    }
    return convert(u_strToLower, s, n, out, cap);
}

int lf_case_pattern(const char *s, size_t n)
{
    int upper = 0, lower = 0, first_upper = 0, letters = 0;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        int is_up, is_low;
        if (c >= 0 && c < 0x80) { /* most letters: no ICU property lookups */
            is_up = c >= 'A' && c <= 'Z';
            is_low = c >= 'a' && c <= 'z';
            if (!is_up && !is_low)
                continue;
        } else if (c < 0 || !u_isalpha(c)) {
            continue;
        } else {
            is_up = u_isupper(c) || u_istitle(c);
            is_low = !is_up && u_islower(c);
        }
        if (is_up) {
            upper++;
            if (letters == 0)
                first_upper = 1;
        } else if (is_low) {
            lower++;
        }
        letters++;
    }
    if (upper == 0)
        return LF_CASE_LOWER;
    if (lower == 0 && upper >= 2)
        return LF_CASE_UPPER;
    if (first_upper && upper == 1)
        return LF_CASE_TITLE;
    if (lower == 0) /* a single capital letter: "T" of "Th" */
        return LF_CASE_TITLE;
    return LF_CASE_OTHER;
}

long lf_case_apply(int pattern, const char *lower, size_t n, char *out, size_t cap)
{
    if (n >= cap)
        return -1;
    if (pattern == LF_CASE_LOWER || pattern == LF_CASE_OTHER) {
        memcpy(out, lower, n);
        out[n] = '\0';
        return (long)n;
    }
    if (pattern == LF_CASE_UPPER) {
        if (is_ascii(lower, n)) {
            for (size_t i = 0; i < n; i++)
                out[i] = (lower[i] >= 'a' && lower[i] <= 'z') ? (char)(lower[i] - 32) : lower[i];
            out[n] = '\0';
            return (long)n;
        }
        return convert(u_strToUpper, lower, n, out, cap);
    }
    /* title: upper-case the first code point only */
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(lower, i, (int32_t)n, c);
    if (c < 0)
        return -1;
    char first[8];
    int32_t flen = 0;
    UBool err = 0;
    U8_APPEND((uint8_t *)first, flen, (int32_t)sizeof first, u_toupper(c), err);
    if (err || (size_t)flen + (n - (size_t)i) >= cap)
        return -1;
    memcpy(out, first, (size_t)flen);
    memcpy(out + flen, lower + i, n - (size_t)i);
    out[flen + (n - (size_t)i)] = '\0';
    return flen + (long)(n - (size_t)i);
}
