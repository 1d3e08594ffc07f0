/* Context data loader (lib/context.c) against dict/ligfix-context.bin
 * (LIGFIX_DATA), plus corrupt, truncated and missing files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "context.h"

static lf_context *open_ok(void)
{
    ligfix_error err = {0};
    lf_context *c = lf_context_open(unit_data_path(), &err);
    ck_assert_msg(c != NULL, "open %s: %s", unit_data_path(), err.message);
    return c;
}

#define UNI(c, w) lf_context_unigram((c), (w), strlen(w))
#define BI(c, a, b) lf_context_bigram((c), (a), strlen(a), (b), strlen(b))
#define HAS(c, w) lf_context_has((c), (w), strlen(w))
#define TRI(c, a, b, d) lf_context_trigram((c), (a), strlen(a), (b), strlen(b), (d), strlen(d))

/* Stored trigram log-probabilities are u16 fixed point, step 2^-13: within
 * half a step (6.1e-5) of the LM's value, plus float rounding. */
#define TRI_TOL 1e-4f
#define ck_assert_near(x, y, tol)                                                      \
    do {                                                                               \
        double x_ = (x), y_ = (y);                                                     \
        ck_assert_msg(x_ - y_ <= (tol) && y_ - x_ <= (tol), "%s = %.7f, want %.7f", #x, \
                      x_, y_);                                                         \
    } while (0)

/* The whole data file in memory. */
static unsigned char *slurp(size_t *size)
{
    FILE *f = fopen(unit_data_path(), "rb");
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
enum {
    F_VERSION = 0, F_N_WORDS = 2, F_N_BIGRAMS = 4, F_OFF_OFFSETS = 7, F_OFF_ROWS = 12,
    F_OFF_W2 = 13, F_N_HIST = 16, F_N_TRIGRAMS = 17, F_OFF_HIST_ROWS = 18, F_OFF_HIST_W2 = 19,
    F_OFF_HIST_BO = 20, F_OFF_TRI_ROWS = 21, F_OFF_TRI_W3 = 22, F_OFF_TRI_LOGP = 23
};
#define HEADER_SIZE 104
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
    size_t none = 99; /* no word, no length: callers may use it unchecked */
    ck_assert_ptr_null(lf_context_vocab_word(c, n, &none));
    ck_assert_uint_eq(none, 0);
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

/* log10 P(sentence) with trigram context: <s> w1 ... wn </s>, the first word
 * scored by the bigram after <s>. */
static double tri_sentence(const lf_context *c, const char *const *w, size_t n)
{
    const char *v[16] = {"<s>"};
    size_t m = 1;
    for (size_t i = 0; i < n && m < 15; i++)
        v[m++] = w[i];
    v[m++] = "</s>";
    double s = BI(c, v[0], v[1]);
    for (size_t i = 2; i < m; i++)
        s += TRI(c, v[i - 2], v[i - 1], v[i]);
    return s;
}

/* The same with bigram context only. */
static double bi_sentence(const lf_context *c, const char *const *w, size_t n)
{
    double s = 0;
    const char *prev = "<s>";
    for (size_t i = 0; i < n; i++) {
        s += BI(c, prev, w[i]);
        prev = w[i];
    }
    return s + BI(c, prev, "</s>");
}

#define NWORDS(a) (sizeof(a) / sizeof *(a))

/* lf_sorted_index against a plain scan: every row length up to 70 (odd and
 * even halvings), every id in and around each row, rows inside a larger
 * array (lo > 0), the empty row and ids at the ends of uint32_t. */
START_TEST(test_sorted_index)
{
    uint32_t ids[80];
    for (uint32_t k = 0; k < 80; k++)
        ids[k] = 3 * k + 1; /* gaps either side of every id */
    for (uint32_t lo = 0; lo < 4; lo++) {
        for (uint32_t hi = lo; hi <= lo + 70; hi++) {
            for (uint32_t x = 0; x <= 3 * 80 + 2; x++) {
                uint32_t want = UINT32_MAX;
                for (uint32_t k = lo; k < hi; k++)
                    if (ids[k] == x)
                        want = k;
                ck_assert_uint_eq(lf_sorted_index(ids, lo, hi, x), want);
            }
        }
    }
    const uint32_t ends[] = {0, 1, UINT32_MAX - 1};
    ck_assert_uint_eq(lf_sorted_index(ends, 0, 3, 0), 0);
    ck_assert_uint_eq(lf_sorted_index(ends, 0, 3, UINT32_MAX - 1), 2);
    ck_assert_uint_eq(lf_sorted_index(ends, 0, 3, UINT32_MAX), UINT32_MAX);
    ck_assert_uint_eq(lf_sorted_index(ends, 1, 3, 0), UINT32_MAX);
}
END_TEST

START_TEST(test_trigrams_stored)
{
    lf_context *c = open_ok();
    /* Values of the CMU LM (en-us.lm.bin, decoded by dict/build_context.py). */
    ck_assert_near(TRI(c, "in", "the", "latter"), -3.554368, TRI_TOL);
    ck_assert_near(TRI(c, "in", "the", "later"), -3.593499, TRI_TOL);
    ck_assert_near(TRI(c, "turn", "off", "the"), -0.378252, TRI_TOL);
    ck_assert_near(TRI(c, "turn", "of", "the"), -0.253862, TRI_TOL);
    ck_assert_near(TRI(c, "of", "the", "century"), -3.150661, TRI_TOL);
    ck_assert_near(TRI(c, "a", "cup", "of"), -0.172480, TRI_TOL);
    ck_assert_near(TRI(c, "one", "of", "the"), -0.305791, TRI_TOL);
    ck_assert_near(TRI(c, "at", "the", "end"), -1.057115, TRI_TOL);
    /* Sentence start as w1, sentence end as w3. */
    ck_assert_near(TRI(c, "<s>", "the", "first"), -1.796020, TRI_TOL);
    ck_assert_near(TRI(c, "<s>", "let", "us"), -1.006086, TRI_TOL);
    ck_assert_near(TRI(c, "the", "end", "</s>"), -1.014602, TRI_TOL);
    ck_assert_near(TRI(c, "thank", "you", "</s>"), -0.490955, TRI_TOL);
    /* The trigram differs from the bigram it refines. */
    ck_assert_float_gt(TRI(c, "in", "the", "later") - BI(c, "the", "later"), 0.4f);
    lf_context_close(c);
}
END_TEST

START_TEST(test_trigrams_backoff)
{
    lf_context *c = open_ok();
    /* "in the" is a history with trigrams, backoff -0.538061 in the LM; none
     * of these words follows it in a stored trigram. */
    const char *w3[] = {"elephant", "zebra", "aardvark", "quagmire", "lizard"};
    for (size_t i = 0; i < NWORDS(w3); i++) {
        float t = TRI(c, "in", "the", w3[i]), b = BI(c, "the", w3[i]);
        ck_assert_float_gt(b, LF_LOGP_UNKNOWN);
        ck_assert_near(t, -0.538061f + b, 1e-5f);
        ck_assert_float_lt(t, b);
    }
    /* Another history, another weight: "one of" -1.396834. */
    ck_assert_near(TRI(c, "one", "of", "elephant"), -1.396834f + BI(c, "of", "elephant"), 1e-5f);
    /* "spout of" is no bigram of the LM: no history, the bigram itself; but
     * "spout off" is one (backoff -0.092441). */
    ck_assert_float_eq(TRI(c, "spout", "of", "the"), BI(c, "of", "the"));
    ck_assert_float_eq(TRI(c, "spout", "of", "elephant"), BI(c, "of", "elephant"));
    ck_assert_near(TRI(c, "spout", "off", "elephant"), -0.092441f + BI(c, "off", "elephant"),
                   1e-5f);
    /* Probabilities stay probabilities. */
    ck_assert_float_le(TRI(c, "in", "the", "latter"), 0.0f);
    ck_assert_float_le(TRI(c, "turn", "of", "the"), 0.0f);
    ck_assert_float_le(TRI(c, "<s>", "the", "the"), 0.0f);
    lf_context_close(c);
}
END_TEST

START_TEST(test_trigrams_real_words)
{
    lf_context *c = open_ok();
    /* Local windows: the trigram decides between a word and its damage. */
    ck_assert_float_gt(TRI(c, "turned", "left", "at"), TRI(c, "turned", "let", "at") + 1.0f);
    ck_assert_float_gt(TRI(c, "of", "the", "century"), TRI(c, "off", "the", "century") + 1.0f);
    ck_assert_float_gt(TRI(c, "turn", "off", "the"), BI(c, "off", "the"));

    /* Whole sentences (right, damaged). */
    static const struct { const char *right[8], *wrong[8]; size_t n; int bigram_wrong; } cases[] = {
        /* The bigram alone prefers the damage in these two ("turn off",
         * "she left"); the trigram does not. */
        {{"the", "turn", "of", "the", "century"}, {"the", "turn", "off", "the", "century"}, 5, 1},
        {{"she", "let", "him", "go"}, {"she", "left", "him", "go"}, 4, 1},
        {{"he", "turned", "left", "at", "the", "corner"},
         {"he", "turned", "let", "at", "the", "corner"}, 6, 0},
        {{"in", "the", "latter", "case"}, {"in", "the", "later", "case"}, 4, 0},
        {{"it", "is", "a", "matter", "of", "time"}, {"it", "is", "a", "mater", "of", "time"}, 6, 0},
        {{"it", "was", "better", "than", "nothing"}, {"it", "was", "beer", "than", "nothing"}, 5, 0},
        {{"a", "cup", "of", "coffee"}, {"a", "cup", "off", "coffee"}, 4, 0},
        {{"please", "turn", "off", "the", "lights"}, {"please", "turn", "of", "the", "lights"}, 5, 0},
        {{"for", "the", "first", "time"}, {"or", "the", "first", "time"}, 4, 0},
    };
    for (size_t i = 0; i < NWORDS(cases); i++) {
        double r = tri_sentence(c, cases[i].right, cases[i].n);
        double w = tri_sentence(c, cases[i].wrong, cases[i].n);
        ck_assert_msg(r > w + 0.5, "case %zu (%s %s): trigram %.3f vs %.3f", i,
                      cases[i].right[1], cases[i].right[2], r, w);
        if (cases[i].bigram_wrong)
            ck_assert_msg(bi_sentence(c, cases[i].right, cases[i].n) <
                              bi_sentence(c, cases[i].wrong, cases[i].n),
                          "case %zu: the bigram got it right after all", i);
    }
    lf_context_close(c);
}
END_TEST

START_TEST(test_trigrams_unknown)
{
    lf_context *c = open_ok();
    /* Unknown w3: the floor, whatever the history. */
    ck_assert_float_eq(TRI(c, "in", "the", "ater"), LF_LOGP_UNKNOWN);
    ck_assert_float_eq(TRI(c, "qzxjv", "qzxjw", "ater"), LF_LOGP_UNKNOWN);
    ck_assert_float_eq(lf_context_trigram(c, "in", 2, "the", 3, "latter", 0), LF_LOGP_UNKNOWN);
    /* Unknown w2: no history at all, the unigram. */
    ck_assert_float_eq(TRI(c, "in", "qzxjv", "latter"), UNI(c, "latter"));
    ck_assert_float_eq(lf_context_trigram(c, "in", 2, "the", 0, "latter", 6), UNI(c, "latter"));
    /* Unknown w1: the bigram. */
    ck_assert_float_eq(TRI(c, "qzxjv", "the", "latter"), BI(c, "the", "latter"));
    ck_assert_float_eq(lf_context_trigram(c, "in", 0, "the", 3, "latter", 6),
                       BI(c, "the", "latter"));
    ck_assert_float_eq(TRI(c, "The", "the", "latter"), BI(c, "the", "latter"));
    /* Lengths are honoured: no NUL needed. */
    ck_assert_float_eq(lf_context_trigram(c, "inx", 2, "theory", 3, "latterly", 6),
                       TRI(c, "in", "the", "latter"));
    /* Markers where they make no sense fall back as the bigram does. */
    ck_assert_float_eq(TRI(c, "<s>", "<s>", "the"), BI(c, "<s>", "the"));
    ck_assert_float_eq(TRI(c, "</s>", "the", "end"), BI(c, "the", "end"));
    lf_context_close(c);
}
END_TEST

/* A version-1 file (the format before trigrams): a vocabulary of "after",
 * "the" and the markers, two bigrams. */
static const unsigned char v1_file[216] = {
    0x4c, 0x49, 0x47, 0x46, 0x49, 0x58, 0x43, 0x31, 0x01, 0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x5c, 0x00, 0x00, 0x00, 0x70, 0x00, 0x00, 0x00,
    0x80, 0x00, 0x00, 0x00, 0x90, 0x00, 0x00, 0x00, 0x94, 0x00, 0x00, 0x00, 0xa8, 0x00, 0x00, 0x00,
    0xb0, 0x00, 0x00, 0x00, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
    0x0a, 0x00, 0x00, 0x00, 0x0e, 0x00, 0x00, 0x00, 0x13, 0x00, 0x00, 0x00, 0x61, 0x66, 0x74, 0x65,
    0x72, 0x00, 0x74, 0x68, 0x65, 0x00, 0x3c, 0x73, 0x3e, 0x00, 0x3c, 0x2f, 0x73, 0x3e, 0x00, 0x00,
    0x00, 0x00, 0x40, 0xc0, 0x00, 0x00, 0xc0, 0xbf, 0x00, 0x00, 0xc6, 0xc2, 0x00, 0x00, 0x80, 0xbf,
    0x00, 0x00, 0x00, 0xbf, 0x9a, 0x99, 0x99, 0xbe, 0xcd, 0xcc, 0x4c, 0xbe, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x33, 0x33, 0x33, 0xbf, 0x66, 0x66, 0x66, 0xbf, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

START_TEST(test_old_format)
{
    const char *path = write_tmp(v1_file, sizeof v1_file);
    expect_data_error(path, "version 1 file");
    ligfix_error err = {0};
    ck_assert_ptr_null(lf_context_open(path, &err));
    ck_assert_msg(strstr(err.message, "version 1") != NULL, "message: %s", err.message);
    unlink(path);

    /* The current file relabelled as version 1, or as a future version. */
    size_t size;
    unsigned char *buf = slurp(&size);
    const unsigned versions[] = {1, 3};
    for (size_t i = 0; i < NWORDS(versions); i++) {
        put32(FIELD(buf, F_VERSION), versions[i]);
        path = write_tmp(buf, size);
        expect_data_error(path, "relabelled version");
        ck_assert_ptr_null(lf_context_open(path, &err));
        ck_assert_msg(strstr(err.message, "version") != NULL, "message: %s", err.message);
        unlink(path);
    }
    free(buf);
}
END_TEST

START_TEST(test_trigram_sections_corrupt)
{
    size_t size;
    unsigned char *buf = slurp(&size);
    ck_assert_uint_ge(size, HEADER_SIZE);
    const unsigned n_words = get32(FIELD(buf, F_N_WORDS));
    const unsigned n_total = n_words + 2;
    const unsigned n_hist = get32(FIELD(buf, F_N_HIST));
    const unsigned n_trigrams = get32(FIELD(buf, F_N_TRIGRAMS));
    const unsigned o_hrows = get32(FIELD(buf, F_OFF_HIST_ROWS));
    const unsigned o_hw2 = get32(FIELD(buf, F_OFF_HIST_W2));
    const unsigned o_hbo = get32(FIELD(buf, F_OFF_HIST_BO));
    const unsigned o_rows = get32(FIELD(buf, F_OFF_TRI_ROWS));
    const unsigned o_w3 = get32(FIELD(buf, F_OFF_TRI_W3));
    const unsigned o_lp = get32(FIELD(buf, F_OFF_TRI_LOGP));
    ck_assert_uint_gt(n_hist, 100000);
    ck_assert_uint_gt(n_trigrams, 1000000);
    ck_assert_uint_le((unsigned long long)o_lp + 2ull * n_trigrams, size);

    /* Cut inside each new section. */
    const size_t cuts[] = {o_hrows + 4, o_hw2 + 4 * (size_t)n_hist - 1, o_hbo + 2,
                           o_rows + 4 * (size_t)n_hist, o_w3 + 4, o_lp + 1,
                           o_lp + 2 * (size_t)n_trigrams - 1};
    for (size_t i = 0; i < NWORDS(cuts); i++) {
        char what[64];
        snprintf(what, sizeof what, "cut at %zu", cuts[i]);
        expect_corrupt_bytes(buf, cuts[i], what);
    }

    /* The first word with two histories or more ... */
    unsigned w = 0;
    while (w < n_total && get32(buf + o_hrows + 4 * (w + 1)) - get32(buf + o_hrows + 4 * w) < 2)
        w++;
    ck_assert_uint_lt(w, n_total);
    const unsigned h0 = get32(buf + o_hrows + 4 * w);
    /* ... and the first history with two trigrams or more. */
    unsigned j = 0;
    while (j < n_hist && get32(buf + o_rows + 4 * (j + 1)) - get32(buf + o_rows + 4 * j) < 2)
        j++;
    ck_assert_uint_lt(j, n_hist);
    const unsigned k = get32(buf + o_rows + 4 * j);

    unsigned char *bad = malloc(size);
    ck_assert_ptr_nonnull(bad);
    struct { unsigned off; unsigned value; const char *what; } faults[] = {
        {8 + 4 * F_N_HIST, 0x7FFFFFFFu, "huge history count"},
        {8 + 4 * F_N_HIST, n_hist - 1, "history count one short"},
        {8 + 4 * F_N_TRIGRAMS, 0x7FFFFFFFu, "huge trigram count"},
        {8 + 4 * F_N_TRIGRAMS, n_trigrams - 1, "trigram count one short"},
        {8 + 4 * F_N_TRIGRAMS, n_trigrams + 1, "trigram count one over"},
        {8 + 4 * F_OFF_HIST_ROWS, 0xFFFFFFF0u, "history rows past the end"},
        {8 + 4 * F_OFF_HIST_BO, 2, "misaligned backoff offset"},
        {8 + 4 * F_OFF_TRI_ROWS, 0xFFFFFFF0u, "trigram rows past the end"},
        {8 + 4 * F_OFF_TRI_W3, (unsigned)size - 4, "trigram w3 past the end"},
        {8 + 4 * F_OFF_TRI_LOGP, 12, "trigram logp inside the header"},
        {o_hrows, 1, "first history row not at 0"},
        {o_hrows + 4 * (w + 1), 0xFFFFFFF0u, "history row past the end"},
        {o_hrows + 4 * (w + 1), h0 - 1, "history rows decreasing"},
        {o_hw2 + 4 * h0, 0xFFFFFF00u, "history w2 out of range"},
        {o_hw2 + 4 * h0, n_words + 1, "history w2 is </s>"},
        {o_hw2 + 4 * (h0 + 1), get32(buf + o_hw2 + 4 * h0), "history w2 repeated"},
        {o_hbo + 4 * 7, 0x7FC00000u, "NaN backoff"},
        {o_hbo, 0x7F800000u, "infinite backoff"},
        {o_rows, 1, "first trigram row not at 0"},
        {o_rows + 4 * (j + 1), 0xFFFFFFF0u, "trigram row past the end"},
        {o_rows + 4 * (j + 1), k - 1, "trigram rows decreasing"},
        {o_rows + 4 * n_hist, n_trigrams - 1, "last trigram row short"},
        {o_w3 + 4 * k, 0xFFFFFF00u, "trigram w3 out of range"},
        {o_w3 + 4 * k, n_words, "trigram w3 is <s>"},
        {o_w3 + 4 * (k + 1), get32(buf + o_w3 + 4 * k), "trigram w3 repeated"},
    };
    for (size_t i = 0; i < NWORDS(faults); i++) {
        memcpy(bad, buf, size);
        put32(bad + faults[i].off, faults[i].value);
        expect_corrupt_bytes(bad, size, faults[i].what);
    }
    free(bad);
    free(buf);
}
END_TEST

Suite *suite_context(void)
{
    Suite *s = suite_create("context");
    TCase *tc = tcase_create("context");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_sorted_index);
    tcase_add_test(tc, test_open_close);
    tcase_add_test(tc, test_unigrams);
    tcase_add_test(tc, test_has);
    tcase_add_test(tc, test_bigrams_context);
    tcase_add_test(tc, test_bigrams_unknown);
    tcase_add_test(tc, test_vocab_iteration);
    tcase_add_test(tc, test_missing_file);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_garbage);
    tcase_add_test(tc, test_trigrams_stored);
    tcase_add_test(tc, test_trigrams_backoff);
    tcase_add_test(tc, test_trigrams_real_words);
    tcase_add_test(tc, test_trigrams_unknown);
    tcase_add_test(tc, test_old_format);
    tcase_add_test(tc, test_trigram_sections_corrupt);
    suite_add_tcase(s, tc);
    return s;
}
