/* Allocation failure: every allocation ligfix makes goes through the hooks
 * of ligfix_set_allocator (lib/alloc.c). A counting allocator fails the Nth
 * one, for N = 1, 2, ... until a whole scenario (model, checker, scans of a
 * paragraph showing every damage mode, apply, frees) runs without a failure.
 * Each failing run must report LIGFIX_ERR_NOMEM and leak nothing, and a
 * checker whose scan failed must still work afterwards.
 *
 * Hunspell and ICU allocate with their own malloc; only ligfix's own
 * allocations are counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "alloc.h"
#include "context.h"

/* ---- the counting allocator ------------------------------------------------ */

static long live;         /* allocations made through the hooks, not yet freed */
static long calls;        /* allocation calls (malloc, realloc) so far */
static long fail_at;      /* fail call number fail_at (1-based); 0: never */
static long failures;     /* failures injected */
static long stray_frees;  /* frees the hooks could not account for */

static void *count_malloc(size_t n)
{
    if (++calls == fail_at) {
        failures++;
        return NULL;
    }
    void *p = malloc(n);
    if (p)
        live++;
    return p;
}

static void *count_realloc(void *p, size_t n)
{
    if (++calls == fail_at) {
        failures++;
        return NULL; /* p stays valid, as with a real failing realloc */
    }
    void *q = realloc(p, n);
    if (q && !p)
        live++;
    return q;
}

static void count_free(void *p)
{
    if (!p)
        return;
    if (live <= 0)
        stray_frees++;
    live--;
    free(p);
}

static void hooks_on(long n)
{
    live = calls = failures = stray_frees = 0;
    fail_at = n;
    ligfix_set_allocator(count_malloc, count_realloc, count_free);
}

static void hooks_off(void) { ligfix_set_allocator(NULL, NULL, NULL); }

/* ---- the scenario -------------------------------------------------------------- */

/* Every damage mode: letter (ater), vanish (aer), space (a er),
 * placeholder (be U+E006 er), presentation form (U+FB01 rst). */
static const char paragraph[] =
    "First of all, the talks ended ater midnight. Nobody knew what came aer the "
    "vote, or a er the recount. It was be\xee\x80\x86" "er to wait, said the \xef\xac\x81rst "
    "speaker. The atempts to setle it failed; the \xef\xac\x81nal word was a er all "
    "di\xee\x80\x86" "cult. Sta members le early.\n";

/* A placeholder run at the very first token (regression: a failed
 * allocation there was taken for "no unit here" and the scan went on). */
static const char first_token[] =
    "\xee\x80\x86" "rst of all, the talks ended ater midnight.";

/* A second chunk of the same document: the cached word types are reused. */
static const char chunk2[] = "They met ater lunch and the o\xee\x80\x86" "ce was be er.";

/* When set, the scenario ends with a second checker on the same model
 * scanning text1 again: its word types are copies of the first's (the
 * model's shared records), a path one checker never takes. */
static int second_checker;

typedef struct {
    int code;                 /* LIGFIX_OK or the first error */
    char message[LIGFIX_ERROR_MESSAGE_SIZE];
    char *out1, *out2, *out3; /* outputs (malloc'd copies), when it completed */
    size_t len1, len2, len3;
    int recovered;            /* a scan failed and a retry on the same checker succeeded */
    char *retry_out;
    size_t retry_len;
} outcome;

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    ck_assert_ptr_nonnull(d);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static int fail_with(outcome *o, const ligfix_error *err)
{
    o->code = err->code;
    memcpy(o->message, err->message, sizeof o->message);
    return err->code;
}

/* One scan + apply; on success stores a malloc'd copy of the output. */
static int scan_apply(ligfix_checker *c, const char *text, char **out, size_t *out_len,
                      ligfix_error *err)
{
    size_t len = strlen(text);
    ligfix_result *r = ligfix_scan(c, text, len, err);
    if (!r)
        return err->code ? err->code : -1;
    size_t n = 0;
    char *s = ligfix_apply(text, len, r, &n, err);
    ligfix_result_free(r);
    if (!s)
        return err->code ? err->code : -1;
    *out = dup_bytes(s, n);
    *out_len = n;
    ligfix_free(s);
    return LIGFIX_OK;
}

static void run_scenario(outcome *o, const char *text1, const char *text2)
{
    memset(o, 0, sizeof *o);
    ligfix_error err = {0};
    ligfix_model *m = ligfix_model_new(NULL, getenv("LIGFIX_DATA"), &err);
    if (!m) {
        fail_with(o, &err);
        return;
    }
    ligfix_checker *c = ligfix_checker_new(m, &err);
    if (!c) {
        fail_with(o, &err);
        ligfix_model_free(m);
        return;
    }
    int rc = scan_apply(c, text1, &o->out1, &o->len1, &err);
    if (rc == LIGFIX_OK && text2)
        rc = scan_apply(c, text2, &o->out2, &o->len2, &err);
    if (rc == LIGFIX_OK && second_checker) {
        ligfix_checker *c2 = ligfix_checker_new(m, &err);
        rc = c2 ? scan_apply(c2, text1, &o->out3, &o->len3, &err) : err.code;
        ligfix_checker_free(c2);
    }
    if (rc != LIGFIX_OK) {
        fail_with(o, &err);
        /* The checker must survive a failed scan: a new document on it gives
         * what a fresh checker gives (the failure is one-shot). */
        ligfix_error err2 = {0};
        ligfix_checker_reset(c);
        if (scan_apply(c, text1, &o->retry_out, &o->retry_len, &err2) == LIGFIX_OK)
            o->recovered = 1;
    }
    ligfix_checker_free(c);
    ligfix_model_free(m);
}

static void outcome_free(outcome *o)
{
    free(o->out1);
    free(o->out2);
    free(o->out3);
    free(o->retry_out);
}

/* ---- the test ------------------------------------------------------------------ */

/* Fails each allocation of the scenario in turn; returns how many runs. */
static long fail_each(const char *text1, const char *text2, const char *must_contain)
{
    /* The reference run, counted but never failing. */
    outcome ref;
    hooks_on(0);
    run_scenario(&ref, text1, text2);
    long total = calls, ref_live = live, ref_stray = stray_frees;
    hooks_off();
    ck_assert_msg(ref.code == LIGFIX_OK, "reference run failed: %s", ref.message);
    ck_assert_msg(ref_live == 0 && ref_stray == 0, "reference run leaked %ld allocation(s)",
                  ref_live);
    ck_assert_msg(total > 20, "only %ld allocations seen: are the hooks in use?", total);
    /* The text was repaired (else the scan paths were not reached). */
    ck_assert_msg(strstr(ref.out1, must_contain) != NULL, "out: %s", ref.out1);
    ck_assert_msg(!second_checker || (ref.len3 == ref.len1 && !memcmp(ref.out3, ref.out1, ref.len1)),
                  "the second checker's output differs: %s", ref.out3);

    /* Every allocation one by one for the first few hundred, then a stride
     * (kept under the time budget). */
    clock_t t0 = clock();
    long tested = 0;
    char why[512] = "";
    for (long n = 1; !why[0]; n += n < 600 ? 1 : 7) {
        outcome o;
        hooks_on(n);
        run_scenario(&o, text1, text2);
        long f = failures, left = live, stray = stray_frees;
        hooks_off();
        tested++;
        /* Failures are described into why and reported once everything is
         * freed, so a failing run leaks nothing of its own under ASan. */
        if (f == 0) {
            /* n is past the last allocation: the run must equal the reference */
            if (o.code != LIGFIX_OK)
                snprintf(why, sizeof why, "run %ld: no failure injected, error %s", n,
                         o.message);
            else if (o.len1 != ref.len1 || memcmp(o.out1, ref.out1, ref.len1) != 0)
                snprintf(why, sizeof why, "run %ld differs from the reference", n);
            else if (second_checker && (o.len3 != ref.len1 || memcmp(o.out3, ref.out1, ref.len1) != 0))
                snprintf(why, sizeof why, "run %ld: the second checker differs", n);
            outcome_free(&o);
            break;
        }
        if (o.code == LIGFIX_OK)
            snprintf(why, sizeof why,
                     "allocation %ld of %ld failed but the scenario reported success", n, total);
        else if (o.code != LIGFIX_ERR_NOMEM)
            snprintf(why, sizeof why,
                     "allocation %ld failed: error %d (%s) instead of LIGFIX_ERR_NOMEM", n,
                     o.code, o.message);
        else if (o.message[0] == '\0')
            snprintf(why, sizeof why, "allocation %ld failed: empty message", n);
        else if (left != 0 || stray != 0)
            snprintf(why, sizeof why,
                     "allocation %ld failed: %ld allocation(s) leaked, %ld stray free(s)", n,
                     left, stray);
        else if (o.recovered &&
                 (o.retry_len != ref.len1 || memcmp(o.retry_out, ref.out1, ref.len1) != 0))
            snprintf(why, sizeof why,
                     "allocation %ld failed: the checker gives other output afterwards:\n%.300s",
                     n, o.retry_out);
        else if (n >= total + 8)
            snprintf(why, sizeof why, "allocation %ld: the scenario never completes", n);
        outcome_free(&o);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    if (getenv("LIGFIX_TEST_VERBOSE"))
        fprintf(stderr, "alloc: %ld allocations per run, %ld runs, %.1f s CPU\n", total, tested,
                secs);
    outcome_free(&ref);
    if (why[0])
        ck_abort_msg("%s", why);
    return tested;
}

START_TEST(test_alloc_every_failure)
{
    fail_each(paragraph, chunk2, "first speaker");
}
END_TEST

/* Regression: placeholder_unit() (lib/repair.c) returns -1 on allocation
 * failure, which pass1() cannot tell from "no unit here" (i - 1, and -1 at
 * the first token): the failure went unreported and the scan carried on. */
START_TEST(test_alloc_placeholder_nomem)
{
    fail_each(first_token, NULL, "first of all");
}
END_TEST

/* A second checker copies what the first made (shared word types and
 * verdicts); failures there too report LIGFIX_ERR_NOMEM and leak nothing. */
START_TEST(test_alloc_shared_copies)
{
    second_checker = 1;
    fail_each(paragraph, NULL, "first speaker");
    second_checker = 0;
}
END_TEST

/* A longer document, so every growable table (tokens, word types, the
 * verdict cache, candidates, spans) grows past its first capacity: 600
 * distinct words from the context data's vocabulary, with damage between. */
static char *long_document(void)
{
    static const char *const damaged[] = {
        "ended ater midnight. ", "came aer the vote. ", "a er the recount. ",
        "was be\xee\x80\x86" "er then. ", "the \xef\xac\x81rst one. ", "the atempts failed. ",
    };
    ligfix_error err = {0};
    lf_context *ctx = lf_context_open(unit_data_path(), &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
    size_t nv = lf_context_vocab_size(ctx), cap = 64 * 1024, n = 0;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    int words = 0;
    for (size_t i = 0; i < nv && words < 600; i += nv / 3000) {
        size_t l;
        const char *w = lf_context_vocab_word(ctx, i, &l);
        if (l < 3 || l > 12 || strspn(w, "abcdefghijklmnopqrstuvwxyz") != l)
            continue;
        n += (size_t)snprintf(s + n, cap - n, "%s ", w);
        if (++words % 40 == 0)
            n += (size_t)snprintf(s + n, cap - n, "%s", damaged[(words / 40) % 6]);
        ck_assert_uint_lt(n, cap - 256);
    }
    lf_context_close(ctx);
    ck_assert_int_eq(words, 600);
    return s;
}

START_TEST(test_alloc_long_document)
{
    char *doc = long_document();
    fail_each(doc, NULL, "after midnight");
    free(doc);
}
END_TEST

/* Failures inside ligfix_apply and ligfix_tokenize alone (the model and
 * checker are made with the default allocator). */
START_TEST(test_alloc_apply_tokenize)
{
    ligfix_checker *c = unit_checker();
    ligfix_error err = {0};
    size_t len = strlen(paragraph);
    ligfix_result *r = ligfix_scan(c, paragraph, len, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    hooks_on(1);
    size_t n = 12345;
    char *out = ligfix_apply(paragraph, len, r, &n, &err);
    long f = failures;
    hooks_off();
    ck_assert_int_eq(f, 1);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(err.code, LIGFIX_ERR_NOMEM);
    ligfix_result_free(r);

    hooks_on(1);
    size_t count = 99;
    ligfix_token *t = ligfix_tokenize(c, paragraph, len, &count, &err);
    f = failures;
    long left = live;
    hooks_off();
    ck_assert_int_eq(f, 1);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(err.code, LIGFIX_ERR_NOMEM);
    ck_assert_int_eq(left, 0);
    ligfix_checker_free(c);
}
END_TEST

/* A data file without its derived tables: the model builds the filters
 * itself, an allocation more to fail. Only the model is loaded (each load
 * builds them, some 40 ms). */
START_TEST(test_alloc_model_without_derived_tables)
{
    ligfix_error err = {0};
    lf_context *ctx = lf_context_open(unit_data_path(), &err);
    ck_assert_msg(ctx != NULL, "%s", err.message);
    char bare[256];
    unit_data_prefix_file(lf_context_lm_size(ctx), bare, sizeof bare);
    lf_context_close(ctx);

    hooks_on(0);
    ligfix_model *m = ligfix_model_new(NULL, bare, &err);
    long total = calls;
    ligfix_model_free(m);
    hooks_off();
    ck_assert_msg(m != NULL, "%s", err.message);
    char why[256] = "";
    for (long n = 1; n <= total && !why[0]; n++) {
        hooks_on(n);
        ligfix_error e = {0};
        m = ligfix_model_new(NULL, bare, &e);
        long left_before_free = live;
        ligfix_model_free(m);
        long left = live, stray = stray_frees;
        hooks_off();
        if (m)
            snprintf(why, sizeof why, "allocation %ld of %ld failed but the model loaded", n,
                     total);
        else if (e.code != LIGFIX_ERR_NOMEM)
            snprintf(why, sizeof why, "allocation %ld: error %d (%.120s)", n, e.code, e.message);
        else if (left || left_before_free || stray)
            snprintf(why, sizeof why, "allocation %ld: %ld leaked, %ld stray free(s)", n, left,
                     stray);
    }
    unlink(bare);
    if (why[0])
        ck_abort_msg("%s", why);
}
END_TEST

/* Mixed and partial hook sets fall back to the C library's. */
START_TEST(test_alloc_partial_hooks)
{
    hooks_on(0);
    ligfix_set_allocator(count_malloc, NULL, count_free);
    char *s = ligfix_fix("ater", 4, NULL, NULL);
    long c = calls;
    hooks_off();
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(c, 0);
    ligfix_free(s);
}
END_TEST

/* With the C library's allocator, large blocks are faulted in as they are
 * made and grown (alloc.c): a block keeps its bytes through growth past
 * that size and back, and is zeroed by lf_calloc. */
START_TEST(test_alloc_large_blocks_keep_their_bytes)
{
    size_t sizes[] = {100, 300 << 10, 5 << 20, 6 << 20, 1000, 64};
    unsigned char *p = NULL;
    size_t have = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        p = lf_realloc(p, n);
        ck_assert_ptr_nonnull(p);
        size_t kept = have < n ? have : n;
        for (size_t i = 0; i < kept; i++)
            if (p[i] != (unsigned char)(i * 7 + 1))
                ck_abort_msg("byte %zu lost growing to %zu", i, n);
        for (size_t i = kept; i < n; i++)
            p[i] = (unsigned char)(i * 7 + 1);
        have = n;
    }
    lf_free(p);
    size_t n = (size_t)3 << 20;
    unsigned char *z = lf_calloc(n, 1);
    ck_assert_ptr_nonnull(z);
    for (size_t i = 0; i < n; i++)
        if (z[i])
            ck_abort_msg("byte %zu of a calloc'd block not zero", i);
    lf_free(z);
}
END_TEST

Suite *suite_alloc(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("alloc");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_alloc_every_failure);
    tcase_add_test(tc, test_alloc_placeholder_nomem);
    tcase_add_test(tc, test_alloc_shared_copies);
    tcase_add_test(tc, test_alloc_long_document);
    tcase_add_test(tc, test_alloc_apply_tokenize);
    tcase_add_test(tc, test_alloc_partial_hooks);
    tcase_add_test(tc, test_alloc_large_blocks_keep_their_bytes);
    tcase_add_test(tc, test_alloc_model_without_derived_tables);
    suite_add_tcase(s, tc);
    return s;
}
