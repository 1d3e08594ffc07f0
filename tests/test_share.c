/* What the checkers of one model share (lib/typeshare.c, lib/verdicts.c):
 * a word type one checker has worked out is copied, not worked out again,
 * by another; the copy is what the other would have made; checkers on
 * several threads give what one gives alone. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "internal.h"
#include "typeshare.h"
#include "evidence.h"
#include "units.h"
#include "verdicts.h"

/* A model of its own: the shared caches start empty. */
static ligfix_model *fresh_model(void)
{
    ligfix_error err = {0};
    ligfix_model *m = ligfix_model_new(NULL, unit_data_path(), &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    return m;
}

static ligfix_checker *checker_on(const ligfix_model *m)
{
    ligfix_error err = {0};
    ligfix_checker *c = ligfix_checker_new(m, &err);
    ck_assert_msg(c != NULL, "%s", err.message);
    return c;
}

static const char doc[] =
    "Lavrov said on Tuesday ater talks in Geneva that the atempts to setle the dispute had "
    "failed. It was be\xee\x80\x86" "er to wait; the sta members le early, a er the vote. "
    "The e ect of the new rules was di\xee\x80\x86" "cult to judge, said the \xef\xac\x81rst "
    "speaker, and the o\xee\x80\x86" "ce agreed.\n";

/* The scan's spans and output as one string (doubles in hex). */
static char *digest(ligfix_checker *c, const char *text)
{
    ligfix_error err = {0};
    size_t len = strlen(text);
    ligfix_result *r = ligfix_scan(c, text, len, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    size_t out_len;
    char *out = ligfix_apply(text, len, r, &out_len, &err);
    ck_assert_ptr_nonnull(out);
    size_t cap = out_len + 256 + ligfix_result_count(r) * 512, n = 0;
    char *d = malloc(cap);
    ck_assert_ptr_nonnull(d);
    n += (size_t)snprintf(d, cap, "%s", out);
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        n += (size_t)snprintf(d + n, cap - n, "\n%zu %zu %s %a %s %s", s->start, s->end,
                              s->replacement, s->confidence, s->ligature, s->mode);
        for (size_t k = 0; k < s->n_alternatives; k++)
            n += (size_t)snprintf(d + n, cap - n, " %s %a", s->alternatives[k].word,
                                  s->alternatives[k].probability);
        ck_assert_uint_lt(n, cap);
    }
    ligfix_free(out);
    ligfix_result_free(r);
    return d;
}

/* The checker's own record of type w, which it must have seen. */
static const lf_type_rec *own_rec(const ligfix_checker *c, const char *w)
{
    const uint32_t *slot = lf_strmap_get(&c->types, w, strlen(w));
    ck_assert_msg(slot != NULL, "type '%s' not seen", w);
    return (const lf_type_rec *)c->type_recs.v + *slot;
}

static void assert_same_cands(const ligfix_checker *a, const lf_type_rec *ra,
                              const ligfix_checker *b, const lf_type_rec *rb)
{
    ck_assert_uint_eq(ra->ncand, rb->ncand);
    for (uint32_t k = 0; k < ra->ncand; k++) {
        const lf_cand_rec *x = (const lf_cand_rec *)a->tcands.v + ra->cand_off + k;
        const lf_cand_rec *y = (const lf_cand_rec *)b->tcands.v + rb->cand_off + k;
        ck_assert_uint_eq(x->len, y->len);
        ck_assert_int_eq(memcmp((const char *)a->tpool.v + x->word_off,
                                (const char *)b->tpool.v + y->word_off, x->len), 0);
        ck_assert_int_eq(x->mode, y->mode);
        ck_assert_int_eq(memcmp(x->group, y->group, sizeof x->group), 0);
        ck_assert(x->prior == y->prior);
        ck_assert_uint_eq(x->ctx_id, y->ctx_id);
    }
}

START_TEST(test_type_reused)
{
    ligfix_model *m = fresh_model();
    ligfix_checker *a = checker_on(m), *b = checker_on(m);
    char *da = digest(a, doc);
    /* b has not seen "atempts"; the model has it from a */
    lf_type_rec rb;
    ck_assert_int_eq(lf_typeshare_get(b, "atempts", 7, &rb), 1);
    const lf_type_rec *ra = own_rec(a, "atempts");
    ck_assert_int_eq(rb.valid, 0);
    ck_assert_int_eq(ra->valid, 0);
    ck_assert_uint_gt(rb.ncand, 0);
    ck_assert_uint_eq(rb.lower_len, 7);
    ck_assert_int_eq(memcmp((const char *)b->tpool.v + rb.lower_off, "atempts", 7), 0);
    assert_same_cands(a, ra, b, &rb);
    /* a dictionary word: verdict, case and intact groups */
    ck_assert_int_eq(lf_typeshare_get(b, "Geneva", 6, &rb), 1);
    ra = own_rec(a, "Geneva");
    ck_assert_int_eq(rb.valid, ra->valid);
    ck_assert_int_eq(rb.capital, 1);
    ck_assert_uint_eq(rb.upper, ra->upper);
    ck_assert_uint_eq(rb.nclean, ra->nclean);
    ck_assert_uint_eq(rb.ncand, 0);
    /* what nobody has seen, or another setting, is not there */
    ck_assert_int_eq(lf_typeshare_get(b, "zyzzyva", 7, &rb), 0);
    ligfix_checker *narrow = checker_on(m);
    ck_assert_int_eq(ligfix_checker_set_ligatures(narrow, "tt", NULL), LIGFIX_OK);
    ck_assert_int_eq(lf_typeshare_get(narrow, "atempts", 7, &rb), 0);
    /* b's scan made of copies equals a's */
    char *db = digest(b, doc);
    ck_assert_str_eq(da, db);
    /* and both equal a checker on a model of its own */
    ligfix_model *m2 = fresh_model();
    ligfix_checker *alone = checker_on(m2);
    char *d2 = digest(alone, doc);
    ck_assert_str_eq(da, d2);
    free(da);
    free(db);
    free(d2);
    ligfix_checker_free(alone);
    ligfix_model_free(m2);
    ligfix_checker_free(narrow);
    ligfix_checker_free(a);
    ligfix_checker_free(b);
    ligfix_model_free(m);
}
END_TEST

typedef struct {
    const ligfix_model *m;
    pthread_barrier_t *start;
    char *digest[3];
} worker;

static void *scan_worker(void *arg)
{
    worker *w = arg;
    ligfix_checker *c = checker_on(w->m);
    pthread_barrier_wait(w->start);
    for (int k = 0; k < 3; k++) {
        ligfix_checker_reset(c);
        w->digest[k] = digest(c, doc);
    }
    ligfix_checker_free(c);
    return NULL;
}

START_TEST(test_two_threads_as_one)
{
    ligfix_model *m = fresh_model();
    ligfix_checker *c = checker_on(m);
    char *expected = digest(c, doc);
    ligfix_checker_free(c);
    ligfix_model_free(m);

    m = fresh_model(); /* empty shared caches: the two race to fill them */
    pthread_barrier_t start;
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, 2), 0);
    worker w[2] = {{.m = m, .start = &start}, {.m = m, .start = &start}};
    pthread_t tid[2];
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&tid[i], NULL, scan_worker, &w[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(tid[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 3; k++) {
            ck_assert_str_eq(w[i].digest[k], expected);
            free(w[i].digest[k]);
        }
    free(expected);
    ligfix_model_free(m);
}
END_TEST

/* Checkers made before and after a user word was added share the model's
 * caches and Hunspell handle, yet each keeps the words it was made with,
 * whichever asks Hunspell first. */
START_TEST(test_user_words_kept_apart)
{
    const char *t = "Several atempts failed ater the vote, and more atempts after it.";
    for (int later_first = 0; later_first < 2; later_first++) {
        ligfix_model *m = fresh_model();
        ligfix_checker *before = checker_on(m);
        ck_assert_int_eq(ligfix_model_add_word(m, "atempts", NULL), LIGFIX_OK);
        ligfix_checker *after = checker_on(m);
        size_t n;
        char *a = later_first ? ligfix_checker_fix(after, t, strlen(t), &n, NULL) : NULL;
        char *b = ligfix_checker_fix(before, t, strlen(t), &n, NULL);
        if (!later_first)
            a = ligfix_checker_fix(after, t, strlen(t), &n, NULL);
        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_nonnull(b);
        ck_assert_msg(strstr(a, "atempts") && !strstr(a, "attempts"), "%s", a);
        ck_assert_msg(strstr(b, "attempts failed"), "%s", b);
        ligfix_free(a);
        ligfix_free(b);
        ligfix_checker_free(before);
        ligfix_checker_free(after);
        ligfix_model_free(m);
    }
}
END_TEST

START_TEST(test_verdicts)
{
    lf_verdicts *v = lf_verdicts_new(2);
    ck_assert_ptr_nonnull(v);
    ck_assert_int_eq(lf_verdicts_get(v, 0, "after", 5), -1);
    ck_assert_int_eq(lf_verdicts_put(v, 0, "after", 5, 1), 0);
    ck_assert_int_eq(lf_verdicts_put(v, 0, "ater", 4, 0), 0);
    ck_assert_int_eq(lf_verdicts_get(v, 0, "after", 5), 1);
    ck_assert_int_eq(lf_verdicts_get(v, 0, "ater", 4), 0);
    /* another set of user words is another dictionary */
    ck_assert_int_eq(lf_verdicts_get(v, 1, "ater", 4), -1);
    /* full: nothing more is stored, and that is no failure */
    ck_assert_int_eq(lf_verdicts_put(v, 1, "ater", 4, 1), 0);
    ck_assert_int_eq(lf_verdicts_get(v, 1, "ater", 4), -1);
    /* keys are exact bytes */
    ck_assert_int_eq(lf_verdicts_get(v, 0, "ate", 3), -1);
    ck_assert_int_eq(lf_verdicts_get(v, 0, "ater\0", 5), -1);
    lf_verdicts_free(v);
    lf_verdicts_free(NULL);
}
END_TEST

/* lf_groups_in_word as it reads: every group tried at every byte, the
 * longest match taken (the first of equal length), a capital group only
 * at the start of a capitalised word. */
static int groups_in_word_ref(const char *w, size_t n, int capital, uint8_t *out, int max)
{
    int k = 0;
    for (size_t i = 0; i < n && k < max;) {
        int best = -1;
        for (int g = 0; g < lf_group_count; g++) {
            const lf_group *gr = &lf_groups[g];
            if ((gr->flags & LF_GROUP_CAPITAL) && (i != 0 || !capital))
                continue;
            if (gr->len <= n - i && memcmp(w + i, gr->letters, gr->len) == 0 &&
                (best < 0 || gr->len > lf_groups[best].len))
                best = g;
        }
        if (best < 0) {
            i++;
        } else {
            out[k++] = (uint8_t)best;
            i += lf_groups[best].len;
        }
    }
    return k;
}

/* The clean groups of a type (lf_groups_in_word, which compares only the
 * groups a byte begins) are those of the definition: on every word of up
 * to 4 bytes from letters in groups and not, capitalised or not, with every
 * limit on their count. */
START_TEST(test_groups_in_word_as_defined)
{
    char w[4];
    size_t n;
    for (unit_words it = unit_words_over("tfilsrchkaeT\xc3", 4); unit_words_next(&it, w, &n);)
        for (int capital = 0; capital < 2; capital++)
            for (int max = 0; max <= 3; max++) {
                uint8_t want[8], got[8];
                int nw = groups_in_word_ref(w, n, capital, want, max);
                int ng = lf_groups_in_word(w, n, capital, got, max);
                ck_assert_int_eq(ng, nw);
                ck_assert_mem_eq(got, want, (size_t)nw);
            }
    uint8_t want[16], got[16];
    const char *s = "Thirtieth-ffifth stiffly";
    int nw = groups_in_word_ref(s, strlen(s), 1, want, 16);
    ck_assert_int_gt(nw, 3);
    ck_assert_int_eq(lf_groups_in_word(s, strlen(s), 1, got, 16), nw);
    ck_assert_mem_eq(got, want, (size_t)nw);
}
END_TEST

Suite *suite_share(void)
{
    Suite *s = suite_create("share");
    TCase *tc = tcase_create("share");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_type_reused);
    tcase_add_test(tc, test_two_threads_as_one);
    tcase_add_test(tc, test_user_words_kept_apart);
    tcase_add_test(tc, test_verdicts);
    tcase_add_test(tc, test_groups_in_word_as_defined);
    suite_add_tcase(s, tc);
    return s;
}
