/* Context data loader (lib/context.c) against dict/ligfix-context.bin
 * (LIGFIX_DATA), plus corrupt, truncated and missing files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "context.h"

static const char *data_path(void)
{
    const char *p = getenv("LIGFIX_DATA");
    return p && *p ? p : "dict/ligfix-context.bin";
}

static lf_context *open_ok(void)
{
    ligfix_error err = {0};
    lf_context *c = lf_context_open(data_path(), &err);
    ck_assert_msg(c != NULL, "open %s: %s", data_path(), err.message);
    return c;
}

#define UNI(c, w) lf_context_unigram((c), (w), strlen(w))
#define BI(c, a, b) lf_context_bigram((c), (a), strlen(a), (b), strlen(b))
#define HAS(c, w) lf_context_has((c), (w), strlen(w))

/* The whole data file in memory. */
static unsigned char *slurp(size_t *size)
{
    FILE *f = fopen(data_path(), "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert_int_gt(n, 0);
    rewind(f);
    unsigned char *buf = malloc((size_t)n);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *size = (size_t)n;
    return buf;
}

/* Writes bytes to a new temporary file; returns its path (static buffer). */
static const char *write_tmp(const void *bytes, size_t n)
{
    static char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/ligfix-ctx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(f);
    if (n)
        ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
    fclose(f);
    return path;
}

/* Opening path must fail with LIGFIX_ERR_DATA naming the path. */
static void expect_data_error(const char *path, const char *what)
{
    ligfix_error err = {0};
    lf_context *c = lf_context_open(path, &err);
    ck_assert_msg(c == NULL, "%s: opened", what);
    ck_assert_msg(err.code == LIGFIX_ERR_DATA, "%s: code %d (%s)", what, err.code, err.message);
    ck_assert_msg(strstr(err.message, path) != NULL, "%s: message lacks path: %s", what,
                  err.message);
    /* A NULL error pointer is allowed. */
    ck_assert_ptr_null(lf_context_open(path, NULL));
}

static void expect_corrupt_bytes(const unsigned char *bytes, size_t n, const char *what)
{
    const char *path = write_tmp(bytes, n);
    expect_data_error(path, what);
    unlink(path);
}

static void put32(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static unsigned get32(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
}

/* Header fields after the magic: see dict/README.md. */
enum { F_N_WORDS = 2, F_N_BIGRAMS = 4, F_OFF_OFFSETS = 7, F_OFF_ROWS = 12, F_OFF_W2 = 13 };
#define FIELD(buf, i) ((buf) + 8 + 4 * (i))

START_TEST(test_open_close)
{
    lf_context *c = open_ok();
    ck_assert_uint_gt(lf_context_vocab_size(c), 100000);
    lf_context_close(c);
    lf_context_close(NULL);
}
END_TEST

START_TEST(test_unigrams)
{
    lf_context *c = open_ok();
    float the = UNI(c, "the"), after = UNI(c, "after"), ater = UNI(c, "ater");
    ck_assert_float_gt(the, after);
    ck_assert_float_gt(after, LF_LOGP_UNKNOWN);
    ck_assert_float_eq(ater, LF_LOGP_UNKNOWN);
    ck_assert_float_lt(the, 0.0f);
    ck_assert_float_gt(the, -2.0f);   /* about one word in 25 */
    /* The repaired word is far more probable than its real-word damage. */
    ck_assert_float_gt(UNI(c, "matter"), UNI(c, "mater"));
    ck_assert_float_gt(UNI(c, "better"), UNI(c, "beer"));
    ck_assert_float_gt(UNI(c, "for"), UNI(c, "or"));
    ck_assert_float_gt(UNI(c, "file"), UNI(c, "le"));
    /* Length is honoured: no NUL needed, prefixes are other words. */
    ck_assert_float_eq(lf_context_unigram(c, "afterwards", 5), after);
    ck_assert_float_eq(lf_context_unigram(c, "the", 0), LF_LOGP_UNKNOWN);
    ck_assert_float_eq(lf_context_unigram(c, "The", 3), LF_LOGP_UNKNOWN); /* lower case only */
    /* SCOWL fallback words: known, but rarer than any common LM word. */
    if (HAS(c, "abseil") && UNI(c, "abseil") > LF_LOGP_UNKNOWN)
        ck_assert_float_lt(UNI(c, "abseil"), -6.0f + 0.001f);
    lf_context_close(c);
}
END_TEST

START_TEST(test_has)
{
    lf_context *c = open_ok();
    ck_assert_int_eq(HAS(c, "after"), 1);
    ck_assert_int_eq(HAS(c, "left"), 1);
    ck_assert_int_eq(HAS(c, "let"), 1);
    ck_assert_int_eq(HAS(c, "don't"), 1);
    ck_assert_int_eq(HAS(c, "ater"), 0);
    ck_assert_int_eq(HAS(c, "aer"), 0);
    ck_assert_int_eq(HAS(c, ""), 0);
    /* Sentence markers are context, not words. */
    ck_assert_int_eq(HAS(c, "<s>"), 0);
    ck_assert_int_eq(HAS(c, "</s>"), 0);
    ck_assert_float_lt(UNI(c, "</s>"), 0.0f);
    ck_assert_float_gt(UNI(c, "</s>"), LF_LOGP_UNKNOWN);
    lf_context_close(c);
}
END_TEST

START_TEST(test_bigrams_context)
{
    lf_context *c = open_ok();
    /* Real-word damage decided by the left word. */
    ck_assert_float_gt(BI(c, "turned", "left"), BI(c, "turned", "let"));
    ck_assert_float_gt(BI(c, "the", "latter"), BI(c, "the", "later"));
    ck_assert_float_gt(BI(c, "no", "matter"), BI(c, "no", "mater"));
    ck_assert_float_gt(BI(c, "the", "file"), BI(c, "the", "le"));
    /* ... while the unigram prior alone says the opposite for some. */
    ck_assert_float_gt(UNI(c, "later"), UNI(c, "latter"));
    ck_assert_float_gt(UNI(c, "let"), UNI(c, "left"));
    /* Context both ways: "let" wins before "us", "left" after "turned". */
    ck_assert_float_gt(BI(c, "let", "us"), BI(c, "left", "us"));
    /* Sentence start and end. */
    ck_assert_float_gt(BI(c, "<s>", "the"), BI(c, "<s>", "of"));
    ck_assert_float_gt(BI(c, "<s>", "the"), LF_LOGP_UNKNOWN);
    ck_assert_float_gt(BI(c, "left", "</s>"), LF_LOGP_UNKNOWN);
    ck_assert_float_lt(BI(c, "left", "</s>"), 0.0f);
    /* Conditional probabilities are probabilities. */
    ck_assert_float_le(BI(c, "turned", "left"), 0.0f);
    lf_context_close(c);
}
END_TEST

START_TEST(test_bigrams_unknown)
{
    lf_context *c = open_ok();
    float the = UNI(c, "the");
    /* Unknown w2: the floor, whatever the history. */
    ck_assert_float_eq(BI(c, "the", "ater"), LF_LOGP_UNKNOWN);
    ck_assert_float_eq(BI(c, "qzxjv", "ater"), LF_LOGP_UNKNOWN);
    /* Unknown w1: no history, the unigram. */
    ck_assert_float_eq(BI(c, "qzxjv", "the"), the);
    ck_assert_float_eq(lf_context_bigram(c, "the", 0, "the", 3), the);
    /* A known pair never scores below its own unigram by more than the
     * history's backoff allows, and never above 0. */
    float b = BI(c, "turned", "elephant");
    ck_assert_float_le(b, 0.0f);
    ck_assert_float_gt(b, LF_LOGP_UNKNOWN);
    lf_context_close(c);
}
END_TEST

START_TEST(test_vocab_iteration)
{
    lf_context *c = open_ok();
    size_t n = lf_context_vocab_size(c), prev_len = 0;
    const char *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        const char *w = lf_context_vocab_word(c, i, &len);
        ck_assert_ptr_nonnull(w);
        ck_assert_uint_gt(len, 0);
        ck_assert_uint_eq(strlen(w), len);
        if (prev) {
            /* strictly ascending, byte-wise */
            size_t m = prev_len < len ? prev_len : len;
            int r = memcmp(prev, w, m);
            ck_assert_msg(r < 0 || (r == 0 && prev_len < len), "order at %zu: %s %s", i, prev, w);
        }
        for (size_t k = 0; k < len; k++)
            ck_assert_msg((w[k] >= 'a' && w[k] <= 'z') || (w[k] == '\'' && k > 0 && k + 1 < len),
                          "bad word %s", w);
        ck_assert_int_eq(lf_context_has(c, w, len), 1);
        ck_assert_float_gt(lf_context_unigram(c, w, len), LF_LOGP_UNKNOWN);
        prev = w;
        prev_len = len;
    }
    ck_assert_ptr_null(lf_context_vocab_word(c, n, NULL));
    ck_assert_ptr_null(lf_context_vocab_word(c, (size_t)-1, NULL));
    lf_context_close(c);
}
END_TEST

START_TEST(test_missing_file)
{
    expect_data_error("/nonexistent/ligfix/no-such-context.bin", "missing file");
    ligfix_error err = {0};
    ck_assert_ptr_null(lf_context_open("/", &err));   /* a directory */
    ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
}
END_TEST

START_TEST(test_truncated)
{
    size_t size;
    unsigned char *buf = slurp(&size);
    const size_t cuts[] = {0, 1, 8, 20, 71, 72, 100, 4096, size / 2, size - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        char what[64];
        snprintf(what, sizeof what, "truncated to %zu", cuts[i]);
        expect_corrupt_bytes(buf, cuts[i], what);
    }
    free(buf);
}
END_TEST

START_TEST(test_garbage)
{
    size_t size;
    unsigned char *buf = slurp(&size);
    unsigned char junk[4096];
    unsigned s = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        s = s * 1103515245u + 12345u;
        junk[i] = (unsigned char)(s >> 16);
    }
    expect_corrupt_bytes(junk, sizeof junk, "random bytes");
    memcpy(junk, "LIGFIXC1", 8);   /* right magic, garbage header */
    expect_corrupt_bytes(junk, sizeof junk, "garbage header");
    memcpy(junk, buf, 72);         /* right header, data cut short */
    expect_corrupt_bytes(junk, sizeof junk, "header only");

    /* Surgical damage to a correct file, each must be caught. */
    unsigned char *bad = malloc(size);
    ck_assert_ptr_nonnull(bad);
    struct { int field; unsigned value; const char *what; } hdr_faults[] = {
        {F_N_WORDS, 0xFFFFFFF0u, "huge word count"},
        {F_N_BIGRAMS, 0x7FFFFFFFu, "huge bigram count"},
        {F_OFF_ROWS, 3, "misaligned offset"},
        {F_OFF_W2, 0xFFFFFFF0u, "offset past the end"},
        {0, 99, "unknown version"},
    };
    for (size_t i = 0; i < sizeof hdr_faults / sizeof *hdr_faults; i++) {
        memcpy(bad, buf, size);
        put32(FIELD(bad, hdr_faults[i].field), hdr_faults[i].value);
        expect_corrupt_bytes(bad, size, hdr_faults[i].what);
    }
    /* A word offset pointing past the string table. */
    memcpy(bad, buf, size);
    put32(bad + get32(FIELD(bad, F_OFF_OFFSETS)) + 4 * 10, 0x7FFFFFFFu);
    expect_corrupt_bytes(bad, size, "word offset");
    /* A bigram w2 out of range. */
    memcpy(bad, buf, size);
    put32(bad + get32(FIELD(bad, F_OFF_W2)), 0xFFFFFF00u);
    expect_corrupt_bytes(bad, size, "bigram w2");
    /* Bad magic. */
    memcpy(bad, buf, size);
    bad[0] = 'X';
    expect_corrupt_bytes(bad, size, "magic");
    free(bad);
    free(buf);
}
END_TEST

Suite *suite_context(void)
{
    Suite *s = suite_create("context");
    TCase *tc = tcase_create("context");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_open_close);
    tcase_add_test(tc, test_unigrams);
    tcase_add_test(tc, test_has);
    tcase_add_test(tc, test_bigrams_context);
    tcase_add_test(tc, test_bigrams_unknown);
    tcase_add_test(tc, test_vocab_iteration);
    tcase_add_test(tc, test_missing_file);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_garbage);
    suite_add_tcase(s, tc);
    return s;
}
