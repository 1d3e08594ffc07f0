/* The checker's memo of n-gram probabilities (lib/lmcache.c): it answers
 * exactly what the context data does, bigrams included, whatever replaced
 * what in its slots. */
#include <string.h>

#include "unit.h"
#include "context.h"
#include "lmcache.h"

#define ID(c, w) lf_context_id((c), (w), strlen(w))

static lf_context *open_ok(void)
{
    ligfix_error err = {0};
    lf_context *c = lf_context_open(unit_data_path(), &err);
    ck_assert_msg(c != NULL, "open %s: %s", unit_data_path(), err.message);
    return c;
}

/* Bit-for-bit: the scores built on them must not move at all. */
static void same_float(float got, float want)
{
    ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "memo %.9g, data %.9g", got, want);
}

/* Triples over common words, markers and unknown words: tens of thousands,
 * so that many share a slot and replace each other. */
static uint32_t pick(const lf_context *c, uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    uint32_t r = *state >> 8;
    if (r % 17 == 0)
        return LF_CTX_NONE;
    if (r % 13 == 0)
        return lf_context_marker(c, (int)(r & 1));
    return r % (r % 5 == 0 ? (uint32_t)lf_context_vocab_size(c) : 2000u);
}

START_TEST(test_memo_answers_as_the_data)
{
    lf_context *c = open_ok();
    lf_lmcache memo;
    ck_assert_int_eq(lf_lmcache_init(&memo), 0);
    for (int pass = 0; pass < 2; pass++) { /* the second finds many in the memo */
        uint32_t state = 7;
        for (int i = 0; i < 40000; i++) {
            uint32_t x = pick(c, &state), y = pick(c, &state), z = pick(c, &state);
            same_float(lf_lmcache_trigram(&memo, c, x, y, z), lf_context_trigram_id(c, x, y, z));
        }
    }
    lf_lmcache_free(&memo);
    lf_lmcache_free(&memo); /* twice is fine */
    lf_context_close(c);
}
END_TEST

/* lm_prob asks for a bigram as the trigram without its first word. */
START_TEST(test_bigram_is_the_trigram_without_w1)
{
    lf_context *c = open_ok();
    lf_lmcache memo;
    ck_assert_int_eq(lf_lmcache_init(&memo), 0);
    const char *words[] = {"the", "after", "ater", "of", "better", "xqzv", "left", "let"};
    size_t n = sizeof words / sizeof *words;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            uint32_t a = ID(c, words[i]), b = ID(c, words[j]);
            float want = lf_context_bigram_id(c, a, b);
            same_float(lf_context_trigram_id(c, LF_CTX_NONE, a, b), want);
            same_float(lf_lmcache_trigram(&memo, c, LF_CTX_NONE, a, b), want);
            same_float(lf_lmcache_trigram(&memo, c, LF_CTX_NONE, a, b), want);
        }
    lf_lmcache_free(&memo);
    lf_context_close(c);
}
END_TEST

Suite *suite_lmcache(void)
{
    Suite *s = suite_create("lmcache");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_memo_answers_as_the_data);
    tcase_add_test(tc, test_bigram_is_the_trigram_without_w1);
    suite_add_tcase(s, tc);
    return s;
}
