/* Casing (lib/casing.c): lower-casing for lookups, the case pattern of an
 * observed word and putting it back on a repair. */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "unit.h"
#include "casing.h"

static void expect_lower(const char *in, const char *want)
{
    char out[256];
    memset(out, 'X', sizeof out);
    long n = lf_case_lower(in, strlen(in), out, sizeof out);
    ck_assert_msg(n == (long)strlen(want), "lower(%s): length %ld, want %zu", in, n,
                  strlen(want));
    ck_assert_str_eq(out, want);
}

static void expect_apply(int pattern, const char *lower, const char *want)
{
    char out[256];
    memset(out, 'X', sizeof out);
    long n = lf_case_apply(pattern, lower, strlen(lower), out, sizeof out);
    ck_assert_msg(n == (long)strlen(want), "apply(%d, %s): length %ld, want %zu", pattern, lower,
                  n, strlen(want));
    ck_assert_str_eq(out, want);
}

#define PAT(s) lf_case_pattern((s), strlen(s))

START_TEST(test_lower)
{
    expect_lower("after", "after");
    expect_lower("AfTeR", "after");
    expect_lower("ATTEMPTS", "attempts");
    expect_lower("Don't", "don't");
    expect_lower("B2B-x", "b2b-x");
    expect_lower("", "");
    /* non-ASCII */
    expect_lower("\xc3\x89LAN", "\xc3\xa9lan");                   /* ÉLAN -> élan */
    expect_lower("NA\xc3\x8fVE", "na\xc3\xafve");                 /* NAÏVE */
    expect_lower("\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91",      /* ΣΟΦΙΑ */
                 "\xcf\x83\xce\xbf\xcf\x86\xce\xb9\xce\xb1");     /* σοφια */
    expect_lower("caf\xc3\xa9", "caf\xc3\xa9");
    /* the length is honoured: no NUL needed */
    char out[16];
    ck_assert_int_eq(lf_case_lower("AFTERWARDS", 5, out, sizeof out), 5);
    ck_assert_str_eq(out, "after");
    ck_assert_int_eq(lf_case_lower("\xc3\x89LANS", 5, out, sizeof out), 5);
    ck_assert_str_eq(out, "\xc3\xa9lan");
}
END_TEST

START_TEST(test_lower_limits)
{
    char out[8];
    /* room for the NUL is needed */
    ck_assert_int_eq(lf_case_lower("ABC", 3, out, 3), -1);
    ck_assert_int_eq(lf_case_lower("ABC", 3, out, 4), 3);
    ck_assert_str_eq(out, "abc");
    ck_assert_int_eq(lf_case_lower("", 0, out, 1), 0);
    ck_assert_str_eq(out, "");
    /* non-ASCII: ÉLAN is 5 bytes lowered (exact fit: test_exact_fit_non_ascii) */
    ck_assert_int_eq(lf_case_lower("\xc3\x89LAN", 5, out, 5), -1);
    ck_assert_int_eq(lf_case_lower("\xc3\x89LAN", 5, out, 7), 5);
    ck_assert_str_eq(out, "\xc3\xa9lan");
    /* lower-casing that grows: U+0130 (2 bytes) -> i + U+0307 (3 bytes) */
    long n = lf_case_lower("\xc4\xb0", 2, out, 3);
    ck_assert_int_eq(n, -1);
    n = lf_case_lower("\xc4\xb0", 2, out, sizeof out);
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(out, "i\xcc\x87");
    /* invalid UTF-8 */
    ck_assert_int_eq(lf_case_lower("\xff", 1, out, sizeof out), -1);
    ck_assert_int_eq(lf_case_lower("caf\xc3", 4, out, sizeof out), -1);
    ck_assert_int_eq(lf_case_lower("\xc0\xaf", 2, out, sizeof out), -1);
    /* a long non-ASCII word does not overflow anything */
    char big[1200], res[1300];
    for (int i = 0; i < 600; i++)
        memcpy(big + 2 * i, "\xc3\x89", 2);
    long r = lf_case_lower(big, sizeof big, res, sizeof res);
    ck_assert(r == -1 || r == (long)sizeof big);
    if (r > 0)
        ck_assert_int_eq(memcmp(res, "\xc3\xa9\xc3\xa9", 4), 0);
}
END_TEST

START_TEST(test_pattern)
{
    ck_assert_int_eq(PAT("after"), LF_CASE_LOWER);
    ck_assert_int_eq(PAT("don't"), LF_CASE_LOWER);
    ck_assert_int_eq(PAT("After"), LF_CASE_TITLE);
    ck_assert_int_eq(PAT("AFTER"), LF_CASE_UPPER);
    ck_assert_int_eq(PAT("DON'T"), LF_CASE_UPPER);
    ck_assert_int_eq(PAT("AT"), LF_CASE_UPPER);
    ck_assert_int_eq(PAT("T"), LF_CASE_TITLE); /* a single capital: the T of Th */
    ck_assert_int_eq(PAT("A"), LF_CASE_TITLE);
    ck_assert_int_eq(PAT("McDonald"), LF_CASE_OTHER);
    ck_assert_int_eq(PAT("iPhone"), LF_CASE_OTHER);
    ck_assert_int_eq(PAT("aFTER"), LF_CASE_OTHER);
    ck_assert_int_eq(PAT("AfTeR"), LF_CASE_OTHER);
    ck_assert_int_eq(PAT(""), LF_CASE_LOWER);
    /* non-letters do not count */
    ck_assert_int_eq(PAT("B2B"), LF_CASE_UPPER);
    ck_assert_int_eq(PAT("'Tis"), LF_CASE_TITLE);
    /* non-ASCII */
    ck_assert_int_eq(PAT("\xc3\xa9lan"), LF_CASE_LOWER);  /* élan */
    ck_assert_int_eq(PAT("\xc3\x89lan"), LF_CASE_TITLE);  /* Élan */
    ck_assert_int_eq(PAT("\xc3\x89LAN"), LF_CASE_UPPER);  /* ÉLAN */
    ck_assert_int_eq(PAT("NA\xc3\x8fVE"), LF_CASE_UPPER); /* NAÏVE */
    ck_assert_int_eq(PAT("na\xc3\x8fve"), LF_CASE_OTHER); /* naÏve */
    /* the length is honoured */
    ck_assert_int_eq(lf_case_pattern("AFTERwards", 5), LF_CASE_UPPER);
    ck_assert_int_eq(lf_case_pattern("After", 1), LF_CASE_TITLE);
    /* invalid bytes do not crash */
    int p = PAT("A\xff\xfe" "B");
    ck_assert_int_eq(p, LF_CASE_UPPER);
}
END_TEST

START_TEST(test_apply)
{
    expect_apply(LF_CASE_LOWER, "after", "after");
    expect_apply(LF_CASE_TITLE, "after", "After");
    expect_apply(LF_CASE_UPPER, "after", "AFTER");
    expect_apply(LF_CASE_OTHER, "after", "after");
    expect_apply(LF_CASE_UPPER, "don't", "DON'T");
    expect_apply(LF_CASE_TITLE, "the", "The");
    expect_apply(LF_CASE_TITLE, "'tis", "'tis"); /* first code point only */
    /* non-ASCII */
    expect_apply(LF_CASE_TITLE, "\xc3\xa9lan", "\xc3\x89lan");    /* élan -> Élan */
    expect_apply(LF_CASE_UPPER, "\xc3\xa9lan", "\xc3\x89LAN");    /* -> ÉLAN */
    expect_apply(LF_CASE_UPPER, "na\xc3\xafve", "NA\xc3\x8fVE");  /* naïve -> NAÏVE */
    expect_apply(LF_CASE_TITLE, "na\xc3\xafve", "Na\xc3\xafve");
    expect_apply(LF_CASE_LOWER, "na\xc3\xafve", "na\xc3\xafve");
    expect_apply(LF_CASE_UPPER, "stra\xc3\x9f" "e", "STRASSE");   /* straße */
    expect_apply(LF_CASE_UPPER, "\xcf\x83\xce\xbf\xcf\x86\xce\xb9\xce\xb1",
                 "\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91");
    /* round trip with pattern */
    static const char *const words[] = {"After", "AFTER", "after", "\xc3\x89lan", "\xc3\x89LAN"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char low[64], back[64];
        long n = lf_case_lower(words[i], strlen(words[i]), low, sizeof low);
        ck_assert_int_ge(n, 0);
        long m = lf_case_apply(PAT(words[i]), low, (size_t)n, back, sizeof back);
        ck_assert_int_ge(m, 0);
        ck_assert_str_eq(back, words[i]);
    }
}
END_TEST

START_TEST(test_apply_small_buffer)
{
    char out[16];
    /* every pattern needs len + 1 */
    const int pats[] = {LF_CASE_LOWER, LF_CASE_TITLE, LF_CASE_UPPER, LF_CASE_OTHER};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(lf_case_apply(pats[i], "after", 5, out, 5), -1);
        ck_assert_int_eq(lf_case_apply(pats[i], "after", 5, out, 0 + 1), -1);
        ck_assert_int_eq(lf_case_apply(pats[i], "after", 5, out, 6), 5);
        ck_assert_int_eq(lf_case_apply(pats[i], "\xc3\xa9lan", 5, out, 5), -1);
        ck_assert_int_eq(lf_case_apply(pats[i], "\xc3\xa9lan", 5, out, 7), 5);
    }
    /* upper-casing that grows: U+01F0 (2 bytes) -> J + U+030C (3 bytes) */
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "\xc7\xb0", 2, out, 3), -1);
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "\xc7\xb0", 2, out, sizeof out), 3);
    ck_assert_str_eq(out, "J\xcc\x8c");
    /* ß -> SS: 7 bytes in, 7 out */
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "stra\xc3\x9f" "e", 7, out, 7), -1);
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "stra\xc3\x9f" "e", 7, out, 9), 7);
    /* title of invalid UTF-8 */
    ck_assert_int_eq(lf_case_apply(LF_CASE_TITLE, "\xff" "ab", 3, out, sizeof out), -1);
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "\xc3" "ab", 3, out, sizeof out), -1);
}
END_TEST

/* Regression: the ICU path once rejected a result that fits exactly (it
 * took ICU's "not terminated" warning for "does not fit"). */
START_TEST(test_exact_fit_non_ascii)
{
    char out[16];
    /* the ASCII path accepts len + 1 */
    ck_assert_int_eq(lf_case_lower("ELAN", 4, out, 5), 4);
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "elan", 4, out, 5), 4);
    ck_assert_int_eq(lf_case_apply(LF_CASE_TITLE, "\xc3\xa9lan", 5, out, 6), 5);
    /* ... and so must the ICU path */
    ck_assert_int_eq(lf_case_lower("\xc3\x89LAN", 5, out, 6), 5);
    ck_assert_str_eq(out, "\xc3\xa9lan");
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "\xc3\xa9lan", 5, out, 6), 5);
    ck_assert_str_eq(out, "\xc3\x89LAN");
    ck_assert_int_eq(lf_case_apply(LF_CASE_UPPER, "stra\xc3\x9f" "e", 7, out, 8), 7);
    ck_assert_str_eq(out, "STRASSE");
}
END_TEST

/* The pattern as ICU's character properties give it, code point by code
 * point: what lf_case_pattern must answer, its ASCII shortcut included. */
static int icu_pattern(const char *s, size_t n)
{
    int upper = 0, lower = 0, first_upper = 0, letters = 0;
    for (int32_t i = 0; i < (int32_t)n;) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        if (c < 0 || !u_isalpha(c))
            continue;
        if (u_isupper(c) || u_istitle(c)) {
            upper++;
            first_upper |= letters == 0;
        } else if (u_islower(c)) {
            lower++;
        }
        letters++;
    }
    if (upper == 0)
        return LF_CASE_LOWER;
    if (lower == 0 && upper >= 2)
        return LF_CASE_UPPER;
    if ((first_upper && upper == 1) || lower == 0)
        return LF_CASE_TITLE;
    return LF_CASE_OTHER;
}

/* Every pair of ASCII bytes, and each beside a capital, a small letter and
 * a non-ASCII letter (É, é). */
START_TEST(test_pattern_ascii_as_icu)
{
    const char *others[] = {"A", "a", "\xc3\x89", "\xc3\xa9", ""};
    char w[16];
    for (int a = 1; a < 128; a++)
        for (int b = 1; b < 128; b++)
            for (size_t o = 0; o < sizeof others / sizeof *others; o++) {
                int n = snprintf(w, sizeof w, "%c%c%s", a, b, others[o]);
                ck_assert_msg(lf_case_pattern(w, (size_t)n) == icu_pattern(w, (size_t)n),
                              "pattern of %02x %02x + %s", a, b, others[o]);
                n = snprintf(w, sizeof w, "%s%c%c", others[o], a, b);
                ck_assert_msg(lf_case_pattern(w, (size_t)n) == icu_pattern(w, (size_t)n),
                              "pattern of %s + %02x %02x", others[o], a, b);
            }
}
END_TEST

Suite *suite_casing(void)
{
    Suite *s = suite_create("casing");
    TCase *tc = tcase_create("casing");
    tcase_add_test(tc, test_lower);
    tcase_add_test(tc, test_lower_limits);
    tcase_add_test(tc, test_pattern);
    tcase_add_test(tc, test_pattern_ascii_as_icu);
    tcase_add_test(tc, test_apply);
    tcase_add_test(tc, test_apply_small_buffer);
    tcase_add_test(tc, test_exact_fit_non_ascii);
    suite_add_tcase(s, tc);
    return s;
}
