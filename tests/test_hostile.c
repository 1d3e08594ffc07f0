/* Hostile input through the public API: any bytes in, no crash, no byte
 * lost. For every input:
 *   - ligfix_tokenize covers the text exactly, in order;
 *   - spans are sorted, non-overlapping, inside the text, and observed is
 *     the text's bytes there (NUL-terminated copy); their fields are sane;
 *   - with threshold 2.0 ligfix_checker_fix returns the input byte for byte;
 *   - with the default threshold the output is the input with exactly the
 *     applied spans replaced (checked by applying them here). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "span_oracle.h"
#include "unit.h"

#define LEN(s) (sizeof(s) - 1)

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* LIGFIX_TEST_LIGHT (set under valgrind): smaller inputs. */
static int light(void)
{
    const char *e = getenv("LIGFIX_TEST_LIGHT");
    return e && *e && *e != '0';
}

/* One checker per test (a checker's Hunspell handle takes a while to load);
 * each text is a new document on it. */
static ligfix_checker *hc;
static void setup(void) { hc = unit_checker(); }
static void teardown(void)
{
    ligfix_checker_free(hc);
    hc = NULL;
}

/* ck_assert records its location on every call (a write per assertion in
 * fork mode): too slow for the 200,000 spans of a megabyte; this only calls
 * into Check on failure. */
#define EXPECT(cond, ...)               \
    do {                                \
        if (!(cond))                    \
            ck_abort_msg(__VA_ARGS__);  \
    } while (0)

/* Checks the invariants on one text; returns the number of spans. */
static size_t check_text(const char *what, const char *text, size_t len)
{
    ligfix_error err = {0};
    ligfix_checker *c = hc;
    ligfix_checker_reset(c);
    double t0 = seconds();

    /* tokens cover the text */
    size_t nt = 0;
    ligfix_token *t = ligfix_tokenize(c, text, len, &nt, &err);
    EXPECT(t != NULL || (len == 0 && err.code == LIGFIX_OK), "%s: tokenize: %s", what,
                  err.message);
    size_t pos = 0;
    for (size_t i = 0; i < nt; i++) {
        EXPECT(t[i].start == pos && t[i].end > t[i].start && t[i].end <= len,
                      "%s: token %zu [%zu,%zu) after %zu", what, i, t[i].start, t[i].end, pos);
        EXPECT(t[i].kind >= LIGFIX_TOKEN_WORD && t[i].kind <= LIGFIX_TOKEN_OTHER,
                      "%s: token kind %d", what, t[i].kind);
        pos = t[i].end;
    }
    EXPECT(pos == len, "%s: tokens end at %zu of %zu", what, pos, len);
    ligfix_free(t);

    /* spans */
    ligfix_result *r = ligfix_scan(c, text, len, &err);
    EXPECT(r != NULL, "%s: scan: %s", what, err.message);
    size_t n = ligfix_result_count(r);
    char why[200];
    const char *bad = span_oracle_check(text, len, r, 0.5, why, sizeof why);
    EXPECT(bad == NULL, "%s: %s", what, bad);

    /* the output is the text with the applied spans replaced, nothing else */
    size_t o = 0;
    char *want = span_oracle_apply(text, len, r, &o);
    EXPECT(want != NULL, "%s: out of memory", what);
    size_t out_len = 0;
    char *out = ligfix_apply(text, len, r, &out_len, &err);
    EXPECT(out != NULL, "%s: apply: %s", what, err.message);
    EXPECT(out_len == o && memcmp(out, want, o) == 0 && out[o] == '\0',
                  "%s: apply output differs from the spans applied by hand", what);
    ligfix_free(out);
    ligfix_result_free(r);

    /* the same through ligfix_checker_fix, on a new document */
    ligfix_checker_reset(c);
    out = ligfix_checker_fix(c, text, len, &out_len, &err);
    EXPECT(out != NULL, "%s: fix: %s", what, err.message);
    EXPECT(out_len == o && memcmp(out, want, o) == 0,
                  "%s: ligfix_checker_fix differs from scan + apply", what);
    ligfix_free(out);
    free(want);

    /* nothing applied: the identity, byte for byte */
    EXPECT(ligfix_checker_set_threshold(c, 2.0) == LIGFIX_OK, "%s", "set_threshold");
    ligfix_checker_reset(c);
    out_len = (size_t)-1;
    out = ligfix_checker_fix(c, text, len, &out_len, &err);
    EXPECT(out != NULL, "%s: fix at threshold 2: %s", what, err.message);
    EXPECT(out_len == len && memcmp(out, text, len) == 0 && out[len] == '\0',
                  "%s: threshold 2 changed the text (%zu -> %zu bytes)", what, len, out_len);
    ligfix_free(out);
    EXPECT(ligfix_checker_set_threshold(c, 0.5) == LIGFIX_OK, "%s", "set_threshold");
    if (getenv("LIGFIX_TEST_VERBOSE"))
        fprintf(stderr, "hostile: %s: %zu bytes, %zu spans, %.2f s\n", what, len, n,
                seconds() - t0);
    return n;
}

#define CHECK_LIT(what, lit) check_text((what), (lit), LEN(lit))

/* A deterministic byte generator (xorshift), so failures reproduce. */
static uint32_t rng = 2463534242u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

START_TEST(test_invalid_utf8)
{
    CHECK_LIT("lone continuation", "a\x80" "fter \x80\x80\x80 ater");
    CHECK_LIT("truncated 2", "ater \xc3");
    CHECK_LIT("truncated 3", "ater \xe2\x82");
    CHECK_LIT("truncated 4", "\xf0\x9f\x98 ater \xf0\x9f");
    CHECK_LIT("truncated inside word", "at\xe2\x82" "er be\xf0\x9f" "er");
    CHECK_LIT("overlong slash", "a\xc0\xaf" "er \xe0\x80\xaf \xf0\x80\x80\xaf");
    CHECK_LIT("overlong NUL", "a\xc0\x80" "er");
    CHECK_LIT("surrogates", "a\xed\xa0\x80" "er \xed\xbf\xbf ater");
    CHECK_LIT("beyond U+10FFFF", "a\xf4\x90\x80\x80" "er \xf8\x88\x80\x80\x80");
    CHECK_LIT("FE FF", "\xfe\xff ater \xff\xfe");
    CHECK_LIT("only invalid", "\xff");
    CHECK_LIT("empty", "");
    /* random bytes, and random bytes mixed with damaged words */
    static const char *const words[] = {"ater ", "a er ", "be\xee\x80\x86" "er ", "\xef\xac\x81rst ",
                                        "aer ", "the ", ". ", "\n"};
    for (int round = 0; round < (light() ? 6 : 40); round++) {
        char buf[600];
        size_t n = 0;
        while (n < 500) {
            uint32_t x = next_rand();
            if (round % 2 && x % 3 == 0) {
                const char *w = words[(x >> 8) % 8];
                memcpy(buf + n, w, strlen(w));
                n += strlen(w);
            } else {
                buf[n++] = (char)(x >> 16);
            }
        }
        check_text("random bytes", buf, n);
    }
}
END_TEST

START_TEST(test_nul_and_controls)
{
    CHECK_LIT("NUL inside a word", "the talks ended a\0er midnight and at\0er");
    CHECK_LIT("NUL between words", "ater\0ater \0\0\0 a er\0");
    CHECK_LIT("NUL only", "\0");
    CHECK_LIT("C0 controls", "a\x01" "er \x02\x03 be\x1b" "er \x7f" "a\x7f" "er\x08\x0b\x0c\x1f");
    CHECK_LIT("CR LF", "a\r\ner ater\r\n\r\nbe er\r");
    CHECK_LIT("C1 controls", "a\xc2\x81" "er \xc2\x9f");
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)i;
    check_text("every byte", all, sizeof all);
}
END_TEST

START_TEST(test_placeholders)
{
    CHECK_LIT("private use", "be\xee\x80\x86" "er o\xee\x80\x86" "ce \xee\x80\x86\xee\x80\x86\xee\x80\x86");
    CHECK_LIT("private use only", "\xee\x80\x86");
    CHECK_LIT("supplementary private use", "a\xf3\xb0\x80\x80" "er \xf4\x8f\xbf\xbf");
    CHECK_LIT("U+FFFD", "a\xef\xbf\xbd" "er \xef\xbf\xbd\xef\xbf\xbd di\xef\xbf\xbd" "cult");
    CHECK_LIT("placeholder at start", "\xee\x80\x86" "rst of all");
    CHECK_LIT("placeholder at end", "the sta\xee\x80\x86");
    CHECK_LIT("many glues", "a\xee\x80\x86" "b\xee\x80\x86" "c\xee\x80\x86" "d\xee\x80\x86"
                           "e\xee\x80\x86" "f\xee\x80\x86" "g\xee\x80\x86" "h");
    CHECK_LIT("(cid:27)", "a(cid:27)er the (cid:27)rst o(cid:28)ce (cid:)");
    CHECK_LIT("ring above", "a\xcb\x9a" "er");
    CHECK_LIT("CJK glue", "a\xe4\xb8\x80" "er \xe4\xb8\x80\xe4\xb8\x80");
    CHECK_LIT("presentation forms", "\xef\xac\x80\xef\xac\x81\xef\xac\x82\xef\xac\x83\xef\xac\x84"
                                    "\xef\xac\x85\xef\xac\x86 o\xef\xac\x83" "ce \xef\xac\x81");
}
END_TEST

START_TEST(test_scripts_and_marks)
{
    CHECK_LIT("mixed scripts", "Ελληνικά ater русский a er 中文 עברית العربية be er हिन्दी");
    CHECK_LIT("mixed inside a word", "aтer beαer а\xee\x80\x86" "er");
    CHECK_LIT("combining marks", "a\xcc\x81" "ter ca\xcc\x81" "fe\xcc\x81 \xcc\x81\xcc\x81 a\xcc\x81 er");
    CHECK_LIT("soft hyphen", "af\xc2\xad" "ter a\xc2\xad" "er at\xc2\xad" "tempts");
    CHECK_LIT("zero-width joiner", "af\xe2\x80\x8d" "ter a\xe2\x80\x8d" "er \xe2\x80\x8d");
    CHECK_LIT("zero-width space", "a\xe2\x80\x8b" "er \xe2\x80\x8b");
    CHECK_LIT("BOM", "\xef\xbb\xbf" "ater \xef\xbb\xbf");
    CHECK_LIT("dotted capital I", "\xc4\xb0\xc4\xb0\xc4\xb0 \xc4\xb0ter ATER");
    CHECK_LIT("emoji", "a\xf0\x9f\x98\x80" "er \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
}
END_TEST

START_TEST(test_long_words)
{
    char w[400];
    /* 200 bytes: over Hunspell's 100-byte limit */
    memset(w, 'a', 200);
    memcpy(w + 90, "ater", 4);
    check_text("200-byte word", w, 200);
    /* the lengths around the limits, with damage in them */
    for (size_t n = 95; n <= 135; n += light() ? 8 : 1) {
        for (size_t i = 0; i < n; i++)
            w[i] = "aterbe"[i % 6];
        check_text("word near the limit", w, n);
    }
    /* a 100-byte word of 2-byte letters that grows when lower-cased */
    size_t n = 0;
    while (n < 100) {
        memcpy(w + n, "\xc4\xb0", 2); /* U+0130 -> i + U+0307 */
        n += 2;
    }
    check_text("expanding case", w, n);
    /* fragments of split words near the limit */
    memset(w, 'b', 300);
    w[99] = ' ';
    w[199] = ' ';
    check_text("long fragments", w, 300);
    memset(w, 'b', 300);
    memcpy(w + 98, "\xee\x80\x86", 3);
    check_text("long placeholder fragments", w, 300);
}
END_TEST

START_TEST(test_many_sites)
{
    char w[64];
    double t0 = seconds();
    for (int n = light() ? 30 : 10; n <= 30; n += 10) {
        memset(w, 't', (size_t)n);
        check_text("many t", w, (size_t)n);
        memset(w, 'f', (size_t)n);
        check_text("many f", w, (size_t)n);
    }
    CHECK_LIT("many t with spaces", "t t t t t t t t t t t t t t t t t t t t t t t t t t t t t t");
    CHECK_LIT("alternating", "tftftftftftftftftftftftftftftf fifififififififififififififi");
    double secs = seconds() - t0;
    ck_assert_msg(secs < 10.0 || light(), "words with many candidate sites took %.1f s", secs);
}
END_TEST

START_TEST(test_megabyte_line)
{
    size_t n = light() ? (size_t)1 << 16 : (size_t)1 << 20;
    char *s = malloc(n);
    ck_assert_ptr_nonnull(s);
    double t0 = seconds();
    /* one word */
    for (size_t i = 0; i < n; i++)
        s[i] = "ater"[i % 4];
    check_text("1 MB word", s, n);
    /* no spaces, but punctuation between damaged words */
    for (size_t i = 0; i < n; i++)
        s[i] = "ater,"[i % 5];
    check_text("1 MB of ater,", s, n);
    /* letters with a placeholder every kilobyte, no spaces */
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('a' + i % 26);
    for (size_t i = 500; i + 3 <= n; i += 1000)
        memcpy(s + i, "\xee\x80\x86", 3);
    check_text("1 MB with placeholders", s, n);
    /* dense placeholders: every unit has its candidates enumerated, so this
     * costs ~0.2 ms per placeholder; 16 KB keeps the test short */
    size_t dense = light() ? 1024 : 16384;
    for (size_t i = 0; i + 4 <= dense; i += 4)
        memcpy(s + i, "a\xee\x80\x86", 4);
    check_text("dense placeholders", s, dense);
    double secs = seconds() - t0;
    ck_assert_msg(secs < 60.0 || light(), "1 MB lines took %.1f s", secs);
    free(s);
}
END_TEST

START_TEST(test_bad_arguments)
{
    ligfix_error err = {0};
    ligfix_checker *c = hc;
    ck_assert_ptr_null(ligfix_scan(NULL, "x", 1, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(ligfix_scan(c, NULL, 1, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ligfix_result *r = ligfix_scan(c, NULL, 0, &err);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(ligfix_result_count(r), 0);
    size_t n = 7;
    char *out = ligfix_apply(NULL, 0, r, &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(n, 0);
    ligfix_free(out);
    ck_assert_ptr_null(ligfix_apply(NULL, 0, NULL, &n, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ligfix_result_free(r);
    /* a result applied to another (shorter) text is refused, not overrun */
    r = ligfix_scan(c, "the talks ended ater midnight", 29, &err);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_ge(ligfix_result_count(r), 1);
    ck_assert_ptr_null(ligfix_apply("short", 5, r, &n, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_uint_eq(ligfix_result_count(NULL), 0);
    ck_assert_ptr_null(ligfix_result_span(NULL, 0));
    ligfix_result_free(r);
    ligfix_result_free(NULL);
    /* thresholds */
    ck_assert_int_ne(ligfix_checker_set_threshold(c, -1.0), LIGFIX_OK);
    ck_assert_int_ne(ligfix_checker_set_threshold(c, 0.0 / 0.0), LIGFIX_OK);
    ck_assert_int_ne(ligfix_checker_set_threshold(NULL, 0.5), LIGFIX_OK);
    /* errors without an error struct */
    ck_assert_ptr_null(ligfix_scan(NULL, NULL, 5, NULL));
    ck_assert_ptr_null(ligfix_fix(NULL, 5, NULL, NULL));
    ck_assert_int_ne(ligfix_checker_set_modes(c, "nonsense", NULL), LIGFIX_OK);
    ck_assert_int_ne(ligfix_checker_set_ligatures(c, ",,", &err), LIGFIX_OK);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(strchr(err.message, '\n'));
    ck_assert_ptr_null(ligfix_checker_new(NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ligfix_checker_free(NULL);
    ligfix_model_free(NULL);
    ligfix_free(NULL);
    ck_assert_str_eq(ligfix_status_string(-1), "unknown error");
    ck_assert_str_eq(ligfix_status_string(1000), "unknown error");
}
END_TEST

/* Errors name what failed, on one line. */
START_TEST(test_clear_errors)
{
    ligfix_error err = {0};
    ligfix_model *m = ligfix_model_new("/nonexistent/dir/xx_YY", NULL, &err);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(err.code, LIGFIX_ERR_DICTIONARY);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/dir/xx_YY"));
    m = ligfix_model_new(NULL, "/nonexistent/ctx.bin", &err);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/ctx.bin"));
    /* a directory, and a file that is not context data */
    m = ligfix_model_new(NULL, "/tmp", &err);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
    m = ligfix_model_new(NULL, "/etc/hostname", &err);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
    /* a path with a newline still gives a one-line message */
    m = ligfix_model_new("/nonexistent/a\nb", NULL, &err);
    ck_assert_ptr_null(m);
    ck_assert_ptr_null(strchr(err.message, '\n'));
    /* a very long path is cut, not overrun */
    char path[1200];
    memset(path, 'x', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    m = ligfix_model_new(path, NULL, &err);
    ck_assert_ptr_null(m);
    ck_assert_uint_lt(strlen(err.message), LIGFIX_ERROR_MESSAGE_SIZE);
    /* word lists */
    m = ligfix_model_new(NULL, getenv("LIGFIX_DATA"), &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    ck_assert_int_eq(ligfix_model_add_word_file(m, "/nonexistent/words", &err), LIGFIX_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/words"));
    ck_assert_int_eq(ligfix_model_add_word(m, "", &err), LIGFIX_ERR_ARGUMENT);
    char big[300];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(ligfix_model_add_word(m, big, &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(ligfix_model_add_word(m, "ligfixword", &err), LIGFIX_OK);
    ligfix_model_free(m);
}
END_TEST

Suite *suite_hostile(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("hostile");
    tcase_set_timeout(tc, 300);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_nul_and_controls);
    tcase_add_test(tc, test_placeholders);
    tcase_add_test(tc, test_scripts_and_marks);
    tcase_add_test(tc, test_long_words);
    tcase_add_test(tc, test_many_sites);
    tcase_add_test(tc, test_megabyte_line);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_clear_errors);
    suite_add_tcase(s, tc);
    return s;
}
