/* Threads: one model shared by many threads, one checker each (the thread
 * model of include/ligfix.h). Every thread repairs the same texts many
 * times; every result must be identical across threads, across rounds (a
 * checker's warm caches change nothing) and to a single-threaded run. The
 * simple API ligfix_fix is called from many threads at once, which races
 * the lazy loading of its default model.
 *
 * Run under ThreadSanitizer by `make sanitize` (CK_RUN_SUITE=threads). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define NTHREADS 8
#define ROUNDS 12

/* Consecutive chunks of one document, with every kind of damage. */
static const char *const chunks[] = {
    "Lavrov said on Tuesday ater talks in Geneva that the atempts to setle the dispute had "
    "failed. Nobody knew what came aer the vote.\n\n",
    "It was be\xee\x80\x86" "er to wait, said the \xef\xac\x81rst speaker, and the o\xee\x80\x86"
    "ce agreed. The sta members le early, a er the meeting.\n\n",
    "The e ect of the new rules was di\xee\x80\x86" "cult to judge. Ater it, the commi ee met "
    "again; the \xef\xac\x82oor was o ered to the a\xef\xac\x80" "ected parties.\n\n",
    "Clean text: after the battle, the settlers left the office with their staff.\n"
    "Hostile bytes: \xff\xfe a\0er \xed\xa0\x80 (cid:27) be\xef\xbf\xbd" "er.\n",
};
#define NCHUNKS (sizeof chunks / sizeof *chunks)

static size_t chunk_len(size_t k)
{
    /* chunk 3 holds a NUL: its length is not strlen's */
    return k == 3 ? strlen(chunks[3]) + 1 + strlen(chunks[3] + strlen(chunks[3]) + 1)
                  : strlen(chunks[k]);
}

/* Everything a scan said, as a string: output, spans, their fields (doubles
 * in hex, so "identical" means bit for bit). NULL on error. */
static char *digest(ligfix_checker *c, const char *text, size_t len)
{
    ligfix_error err = {0};
    ligfix_result *r = ligfix_scan(c, text, len, &err);
    if (!r)
        return NULL;
    size_t out_len = 0;
    char *out = ligfix_apply(text, len, r, &out_len, &err);
    if (!out) {
        ligfix_result_free(r);
        return NULL;
    }
    size_t cap = out_len + 1024 + ligfix_result_count(r) * 1024, n = 0;
    char *d = malloc(cap);
    if (!d) {
        ligfix_free(out);
        ligfix_result_free(r);
        return NULL;
    }
    memcpy(d, out, out_len);
    n = out_len;
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        n += (size_t)snprintf(d + n, cap - n, "\n[%zu,%zu) %s -> %s %a %d %s %s", s->start,
                              s->end, s->observed, s->replacement, s->confidence, s->applied,
                              s->ligature, s->mode);
        for (size_t k = 0; k < s->n_alternatives && n < cap; k++)
            n += (size_t)snprintf(d + n, cap - n, " | %s %a", s->alternatives[k].word,
                                  s->alternatives[k].probability);
    }
    ligfix_free(out);
    ligfix_result_free(r);
    if (n >= cap) {
        free(d);
        return NULL;
    }
    return d;
}

static char *expected[NCHUNKS];

typedef struct {
    int id;
    pthread_barrier_t *start;
    char failure[512]; /* empty: all went well */
} worker;

static void *shared_model_worker(void *arg)
{
    worker *w = arg;
    ligfix_error err = {0};
    ligfix_checker *c = ligfix_checker_new(unit_model(), &err);
    pthread_barrier_wait(w->start);
    if (!c) {
        snprintf(w->failure, sizeof w->failure, "checker: %s", err.message);
        return NULL;
    }
    for (int round = 0; round < ROUNDS && !w->failure[0]; round++) {
        ligfix_checker_reset(c); /* a new document each round */
        for (size_t k = 0; k < NCHUNKS; k++) {
            char *d = digest(c, chunks[k], chunk_len(k));
            if (!d || strcmp(d, expected[k]) != 0) {
                snprintf(w->failure, sizeof w->failure,
                         "thread %d, round %d, chunk %zu: %s", w->id, round, k,
                         d ? "differs from the single-threaded run" : "scan failed");
                free(d);
                break;
            }
            free(d);
        }
    }
    ligfix_checker_free(c);
    return NULL;
}

static void run_workers(void *(*fn)(void *), worker *w)
{
    pthread_t tid[NTHREADS];
    pthread_barrier_t start;
    (void)unit_model(); /* loaded here: unit_model() itself is not thread-safe */
    ck_assert_int_eq(pthread_barrier_init(&start, NULL, NTHREADS), 0);
    for (int i = 0; i < NTHREADS; i++) {
        w[i] = (worker){.id = i, .start = &start};
        ck_assert_int_eq(pthread_create(&tid[i], NULL, fn, &w[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(tid[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_msg(w[i].failure[0] == '\0', "%s", w[i].failure);
}

START_TEST(test_shared_model)
{
    /* the single-threaded reference: one fresh checker, one document */
    ligfix_checker *c = unit_checker();
    for (size_t k = 0; k < NCHUNKS; k++) {
        expected[k] = digest(c, chunks[k], chunk_len(k));
        ck_assert_ptr_nonnull(expected[k]);
    }
    ligfix_checker_free(c);
    ck_assert_ptr_nonnull(strstr(expected[0], "after talks"));

    worker w[NTHREADS];
    run_workers(shared_model_worker, w);
    for (size_t k = 0; k < NCHUNKS; k++) {
        free(expected[k]);
        expected[k] = NULL;
    }
}
END_TEST

/* ---- the simple API ----------------------------------------------------- */

static char *simple_expected[NCHUNKS];
static size_t simple_expected_len[NCHUNKS];

static void *simple_api_worker(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start); /* all threads reach ligfix_fix together */
    for (int round = 0; round < 2 && !w->failure[0]; round++) {
        for (size_t k = 0; k < NCHUNKS; k++) {
            size_t k2 = (k + (size_t)w->id) % NCHUNKS; /* not all on the same text */
            ligfix_error err = {0};
            size_t n = 0;
            char *out = ligfix_fix(chunks[k2], chunk_len(k2), &n, &err);
            if (!out || n != simple_expected_len[k2] ||
                memcmp(out, simple_expected[k2], n) != 0) {
                snprintf(w->failure, sizeof w->failure, "thread %d, chunk %zu: %s", w->id, k2,
                         out ? "differs from a checker's output" : err.message);
                ligfix_free(out);
                break;
            }
            ligfix_free(out);
        }
    }
    return NULL;
}

START_TEST(test_simple_api_first_use)
{
    /* ligfix_fix uses the default model (LIGFIX_DATA, the default
     * dictionary) and a fresh checker per call: as unit_model() here. */
    for (size_t k = 0; k < NCHUNKS; k++) {
        ligfix_checker *c = unit_checker();
        ligfix_error err = {0};
        simple_expected[k] = ligfix_checker_fix(c, chunks[k], chunk_len(k),
                                                &simple_expected_len[k], &err);
        ck_assert_msg(simple_expected[k] != NULL, "%s", err.message);
        ligfix_checker_free(c);
    }
    worker w[NTHREADS];
    run_workers(simple_api_worker, w);
    for (size_t k = 0; k < NCHUNKS; k++) {
        ligfix_free(simple_expected[k]);
        simple_expected[k] = NULL;
    }
}
END_TEST

/* Checkers made and freed on a shared model from many threads at once. */
static void *churn_worker(void *arg)
{
    worker *w = arg;
    pthread_barrier_wait(w->start);
    for (int i = 0; i < 2 && !w->failure[0]; i++) {
        ligfix_error err = {0};
        ligfix_checker *c = ligfix_checker_new(unit_model(), &err);
        if (!c) {
            snprintf(w->failure, sizeof w->failure, "checker %d: %s", i, err.message);
            break;
        }
        size_t n = 0;
        char *out = ligfix_checker_fix(c, "ater", 4, &n, &err);
        if (!out || n != 5 || memcmp(out, "after", 5) != 0)
            snprintf(w->failure, sizeof w->failure, "thread %d: 'ater' gave '%s'", w->id,
                     out ? out : err.message);
        ligfix_free(out);
        ligfix_checker_free(c);
    }
    return NULL;
}

START_TEST(test_checker_churn)
{
    worker w[NTHREADS];
    run_workers(churn_worker, w);
}
END_TEST

Suite *suite_threads(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_shared_model);
    tcase_add_test(tc, test_simple_api_first_use);
    tcase_add_test(tc, test_checker_churn);
    suite_add_tcase(s, tc);
    return s;
}
