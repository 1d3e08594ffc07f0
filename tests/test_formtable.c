/* The index of damaged forms as the data file stores it (lib/formtable.c):
 * read in place; a file without it (or with a stale one) builds the same
 * index at first use; garbage in it never makes a lookup read out of
 * bounds (run under `make sanitize` to be sure of that). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "alloc.h"
#include "context.h"
#include "formindex.h"
#include "formtable.h"
#include "internal.h"
#include "units.h"

/* The whole data file, and where its form index lies. */
typedef struct {
    unsigned char *bytes;
    size_t size, x_off, x_size;
} data_copy;

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static data_copy read_data(void)
{
    data_copy d = {0};
    FILE *f = fopen(unit_data_path(), "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    d.size = (size_t)ftell(f);
    rewind(f);
    d.bytes = malloc(d.size);
    ck_assert_ptr_nonnull(d.bytes);
    ck_assert_uint_eq(fread(d.bytes, 1, d.size, f), d.size);
    fclose(f);
    d.x_off = get32(d.bytes + d.size - 4); /* the trailer's last word */
    ck_assert_msg(d.x_off != 0, "%s has no form index: run `make data-derived`",
                  unit_data_path());
    d.x_size = get32(d.bytes + d.x_off + 4);
    return d;
}

/* The context of a file holding d's bytes. */
static lf_context *open_copy(const data_copy *d)
{
    char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/ligfix-forms-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, d->bytes, d->size), (ssize_t)d->size);
    close(fd);
    ligfix_error err = {0};
    lf_context *c = lf_context_open(path, &err);
    unlink(path);
    ck_assert_msg(c != NULL, "open: %s", err.message);
    return c;
}

/* Records what a lookup hands out, checking it lies inside the word. */
typedef struct {
    char out[4096];
    size_t len;
    int calls;
} trace;

static int record(void *ud, const lf_cand *c)
{
    trace *t = ud;
    ck_assert_uint_le(c->len, LF_CAND_MAX);
    ck_assert_uint_eq(strlen(c->word), c->len);
    ck_assert(c->nsites >= 1 && c->nsites <= 2);
    for (int s = 0; s < c->nsites; s++) {
        ck_assert_int_lt(c->group[s], lf_group_count);
        ck_assert_uint_le(c->pos[s] + lf_groups[c->group[s]].len, c->len);
    }
    t->calls++;
    int n = snprintf(t->out + t->len, sizeof t->out - t->len, "%s/%d/%d%d|", c->word, c->nsites,
                     c->group[0], c->pos[0]);
    if (n > 0 && (size_t)n < sizeof t->out - t->len)
        t->len += (size_t)n;
    return 0;
}

/* The lookups units.c makes, of form f of the pristine block, as text. */
static void look_up(lf_formindex *ix, const char *w, size_t n, trace *t)
{
    static const int modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};
    for (size_t m = 0; m < 3; m++) {
        int rc = lf_formindex_invert(ix, w, n, 0, modes[m], LF_ALL_GROUPS, 2, 1 << 30,
                                     LF_INVERT_SAME_GAP, record, t);
        int may = lf_formindex_may_split(ix, w, n / 2, w + n / 2, n - n / 2);
        int k = snprintf(t->out + t->len, sizeof t->out - t->len, "rc%d may%d;", rc, may);
        if (k > 0 && (size_t)k < sizeof t->out - t->len)
            t->len += (size_t)k;
    }
}

/* The stored index's forms (12 bytes each: hash, string start, first
 * reading), their count and their string bytes, from its header. */
static const unsigned char *stored_forms(const data_copy *d, size_t *nf, const char **strings)
{
    const unsigned char *x = d->bytes + d->x_off;
    size_t forms_off = 48 + (size_t)get32(x + 40) * 8 + (size_t)get32(x + 24) * 4;
    size_t nr = get32(x + 32);
    *nf = get32(x + 28);
    *strings = (const char *)x + forms_off + (*nf + 1) * 12 + nr * 12;
    return x + forms_off;
}

/* Every step-th form of the stored (pristine) index, looked up in a and b
 * (NULL: only a): the same readings. */
static void compare_forms(const data_copy *d, lf_formindex *a, lf_formindex *b, size_t step)
{
    size_t nf;
    const char *strings;
    const unsigned char *forms = stored_forms(d, &nf, &strings);
    for (size_t f = 0; f < nf; f += step) {
        const unsigned char *e = forms + 12 * f;
        uint32_t s0 = get32(e + 4), s1 = get32(e + 16);
        trace ta = {{0}, 0, 0}, tb = {{0}, 0, 0};
        look_up(a, strings + s0, s1 - s0, &ta);
        if (b) {
            look_up(b, strings + s0, s1 - s0, &tb);
            ck_assert_str_eq(ta.out, tb.out);
        }
    }
}

/* A file without the index (an older one: the trailer's last word 0), or
 * with one of another recipe, builds it at first use, with the same
 * readings as the stored one. */
START_TEST(test_built_equals_stored)
{
    data_copy d = read_data();
    lf_context *full = open_copy(&d);
    lf_formindex *stored = lf_formindex_new(full, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX);
    ck_assert(lf_formindex_from_data(stored));
    for (int variant = 0; variant < 2; variant++) {
        data_copy old = d;
        old.bytes = malloc(d.size);
        ck_assert_ptr_nonnull(old.bytes);
        memcpy(old.bytes, d.bytes, d.size);
        if (variant == 0)
            put32(old.bytes + old.size - 4, 0);
        else
            put32(old.bytes + old.x_off, get32(old.bytes + old.x_off) + 1); /* recipe */
        lf_context *c = open_copy(&old);
        size_t size;
        ck_assert(variant == 1 || lf_context_derived_forms(c, &size) == NULL);
        lf_formindex *built = lf_formindex_new(c, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX);
        ck_assert(!lf_formindex_from_data(built));
        compare_forms(&d, stored, built, variant == 0 ? 7 : 101);
        ck_assert(!lf_formindex_from_data(built)); /* built, not taken */
        lf_formindex_free(built);
        lf_context_close(c);
        free(old.bytes);
    }
    /* other parameters than the stored index's: not taken either */
    lf_formindex *other = lf_formindex_new(full, LOGP_REALWORD_MIN - 1, REALWORD_TWO_SITE_MAX);
    ck_assert(!lf_formindex_from_data(other));
    lf_formindex_free(other);
    lf_formindex_free(stored);
    lf_context_close(full);
    free(d.bytes);
}
END_TEST

/* Threads that first use an index the file lacks: one builds it, all get
 * the same readings (TSan, `make sanitize`, checks the publication). */
typedef struct {
    lf_formindex *ix;
    trace t;
} user;

static void *first_use(void *ud)
{
    user *u = ud;
    look_up(u->ix, "ater", 4, &u->t);
    return NULL;
}

START_TEST(test_threads_build_once)
{
    data_copy d = read_data();
    put32(d.bytes + d.size - 4, 0);
    lf_context *c = open_copy(&d);
    lf_formindex *ix = lf_formindex_new(c, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX);
    user u[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        memset(&u[i], 0, sizeof u[i]);
        u[i].ix = ix;
        ck_assert_int_eq(pthread_create(&th[i], NULL, first_use, &u[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    ck_assert_int_ge(u[0].t.calls, 1); /* ater: after, alter, ... */
    for (int i = 1; i < 4; i++)
        ck_assert_str_eq(u[i].t.out, u[0].t.out);
    lf_formindex_free(ix);
    lf_context_close(c);
    free(d.bytes);
}
END_TEST

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* The forms of the pristine d, looked up in a copy of block on the heap
 * (where ASan sees its bounds, as it does not a file's mapping): what a
 * lookup gives lies inside the block. */
static void find_in_heap_copy(const data_copy *d, const unsigned char *block, size_t step)
{
    lf_formtable_key key = {LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX,
                            get32(d->bytes + 8 + 4 * 2)}; /* the header's n_words */
    unsigned char *copy = malloc(d->x_size);
    ck_assert_ptr_nonnull(copy);
    memcpy(copy, block, d->x_size);
    lf_formtable t;
    ck_assert(lf_formtable_open(&t, copy, d->x_size, &key));
    size_t nf;
    const char *strings;
    const unsigned char *forms = stored_forms(d, &nf, &strings);
    for (size_t f = 0; f < nf; f += step) {
        const unsigned char *e = forms + 12 * f;
        size_t count;
        const lf_form_reading *r =
            lf_formtable_find(&t, strings + get32(e + 4), get32(e + 16) - get32(e + 4), &count);
        ck_assert(count == 0 || ((const unsigned char *)r >= copy &&
                                 (const unsigned char *)(r + count) <= copy + d->x_size));
        lf_formtable_may_end(&t, 1, strings + get32(e + 4), get32(e + 16) - get32(e + 4));
    }
    free(copy);
}

/* Random bytes over part of the stored index, its header kept: lookups
 * stay inside the block, the vocabulary and the words. */
START_TEST(test_garbage_stays_in_bounds)
{
    data_copy d = read_data();
    const unsigned char *x = d.bytes + d.x_off;
    size_t slots_off = 48 + (size_t)get32(x + 40) * 8;
    size_t forms_off = slots_off + (size_t)get32(x + 24) * 4;
    size_t readings_off = forms_off + ((size_t)get32(x + 28) + 1) * 12;
    size_t strings_off = readings_off + (size_t)get32(x + 32) * 12;
    /* what is made random: 0 everything after the header (no slot is then
     * empty: every probe runs through all, so fewer lookups); 1 the forms'
     * string offsets and first readings, their hashes kept so that lookups
     * follow them; 2 their first readings only; 3 the readings */
    static const size_t steps[] = {4001, 37, 37, 37};
    for (int p = 0; p < 4; p++) {
        data_copy bad = d;
        bad.bytes = malloc(d.size);
        ck_assert_ptr_nonnull(bad.bytes);
        memcpy(bad.bytes, d.bytes, d.size);
        unsigned char *bx = bad.bytes + d.x_off;
        if (p == 0)
            for (size_t i = 48; i < d.x_size; i++)
                bx[i] = (unsigned char)rnd();
        for (size_t i = forms_off; (p == 1 || p == 2) && i + 12 <= readings_off; i += 12)
            for (int k = p; k < 3; k++) /* now and then small, so more are followed */
                put32(bx + i + 4 * k, rnd() % 4 ? rnd() % 2000000 : rnd());
        for (size_t i = readings_off; p == 3 && i + 12 <= strings_off; i += 12) {
            for (size_t k = 0; k < 12; k++)
                bx[i + k] = (unsigned char)rnd();
            if (rnd() % 2) { /* real words, modes and site counts, wild sites */
                static const int modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};
                put32(bx + i, rnd() % 200000);
                bx[i + 4] = (unsigned char)modes[rnd() % 3];
                bx[i + 5] = (unsigned char)(1 + rnd() % 2);
            }
        }
        lf_context *c = open_copy(&bad);
        lf_formindex *ix = lf_formindex_new(c, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX);
        ck_assert(lf_formindex_from_data(ix));
        compare_forms(&d, ix, NULL, steps[p]);
        find_in_heap_copy(&d, bx, steps[p]);
        lf_formindex_free(ix);
        lf_context_close(c);
        free(bad.bytes);
    }
    free(d.bytes);
}
END_TEST

/* A form index placed outside the room before the trailer is refused. */
START_TEST(test_misplaced_index_refused)
{
    data_copy d = read_data();
    const uint32_t offs[] = {1, (uint32_t)d.x_off + 4, (uint32_t)d.size - 32,
                             (uint32_t)d.size};
    for (size_t i = 0; i < sizeof offs / sizeof *offs + 1; i++) {
        data_copy bad = d;
        bad.bytes = malloc(d.size);
        ck_assert_ptr_nonnull(bad.bytes);
        memcpy(bad.bytes, d.bytes, d.size);
        if (i < sizeof offs / sizeof *offs)
            put32(bad.bytes + d.size - 4, offs[i]);
        else /* a size past the trailer */
            put32(bad.bytes + d.x_off + 4, (uint32_t)(d.size - d.x_off));
        char path[256];
        snprintf(path, sizeof path, "/tmp/ligfix-forms-bad-%d", (int)getpid());
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(bad.bytes, 1, bad.size, f), bad.size);
        fclose(f);
        ligfix_error err = {0};
        lf_context *c = lf_context_open(path, &err);
        unlink(path);
        ck_assert_msg(c == NULL, "offset variant %zu opened", i);
        ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
        free(bad.bytes);
    }
    free(d.bytes);
}
END_TEST

Suite *suite_formtable(void)
{
    Suite *s = suite_create("formtable");
    TCase *tc = tcase_create("formtable");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_built_equals_stored);
    tcase_add_test(tc, test_threads_build_once);
    tcase_add_test(tc, test_garbage_stays_in_bounds);
    tcase_add_test(tc, test_misplaced_index_refused);
    suite_add_tcase(s, tc);
    return s;
}
