/* The shared candidate cache (lib/gencache.c): copies in and out with the
 * words' offsets rebased onto the caller's pool, one entry per key, a
 * bound on its size. */
#include <string.h>

#include "unit.h"
#include "gencache.h"

/* Appends a candidate spelled w to cands/pool. */
static void add(lf_vec *cands, lf_vec *pool, const char *w, int mode, float prior)
{
    long off = lf_vec_append(pool, w, strlen(w));
    ck_assert_int_ge(off, 0);
    lf_cand_rec *r = lf_vec_push(cands);
    ck_assert_ptr_nonnull(r);
    r->word_off = (uint32_t)off;
    r->len = (uint16_t)strlen(w);
    r->mode = (uint8_t)mode;
    r->nsites = 1;
    r->group[0] = 3;
    r->prior = prior;
    r->ctx_id = 42;
}

static const char *word_of(const lf_vec *cands, const lf_vec *pool, uint32_t i)
{
    const lf_cand_rec *r = (const lf_cand_rec *)cands->v + i;
    return (const char *)pool->v + r->word_off;
}

/* A store's candidates and pool, and a reader's. */
typedef struct {
    lf_vec cands, pool, out, opool;
} vecs;

static void vecs_init(vecs *v)
{
    lf_vec_init(&v->cands, sizeof(lf_cand_rec));
    lf_vec_init(&v->pool, 1);
    lf_vec_init(&v->out, sizeof(lf_cand_rec));
    lf_vec_init(&v->opool, 1);
}

static void vecs_free(vecs *v)
{
    lf_vec_free(&v->cands);
    lf_vec_free(&v->pool);
    lf_vec_free(&v->out);
    lf_vec_free(&v->opool);
}

START_TEST(test_round_trip)
{
    lf_gencache *g = lf_gencache_new(1 << 20);
    ck_assert_ptr_nonnull(g);
    vecs v;
    vecs_init(&v);
    lf_vec *cands = &v.cands, *pool = &v.pool, *out = &v.out, *opool = &v.opool;
    ck_assert_int_eq(lf_gencache_get(g, "ater", 4, out, opool), 0);
    ck_assert_uint_eq(out->n, 0);

    add(cands, pool, "unrelated", 0, -1); /* before the range stored */
    add(cands, pool, "after", 0, -2.5f);
    add(cands, pool, "atter", 2, -6.0f);
    ck_assert_int_eq(lf_gencache_put(g, "ater", 4, cands, 1, 2, pool), 0);
    /* an empty list is an answer too */
    ck_assert_int_eq(lf_gencache_put(g, "xyzzy", 5, cands, 3, 0, pool), 0);

    /* the caller's vectors already hold something: offsets are rebased */
    lf_vec_append(opool, "zzz", 3);
    add(out, opool, "first", 1, 0);
    ck_assert_int_eq(lf_gencache_get(g, "ater", 4, out, opool), 1);
    ck_assert_uint_eq(out->n, 3);
    ck_assert_str_eq(word_of(out, opool, 0), "first");
    ck_assert_str_eq(word_of(out, opool, 1), "after");
    ck_assert_str_eq(word_of(out, opool, 2), "atter");
    const lf_cand_rec *r = (const lf_cand_rec *)out->v + 2;
    ck_assert_uint_eq(r->len, 5);
    ck_assert_int_eq(r->mode, 2);
    ck_assert_int_eq(r->group[0], 3);
    ck_assert_uint_eq(r->ctx_id, 42);
    ck_assert(r->prior == -6.0f);

    ck_assert_int_eq(lf_gencache_get(g, "xyzzy", 5, out, opool), 1);
    ck_assert_uint_eq(out->n, 3);
    /* keys are exact bytes */
    ck_assert_int_eq(lf_gencache_get(g, "ate", 3, out, opool), 0);
    ck_assert_int_eq(lf_gencache_get(g, "ater\0", 5, out, opool), 0);

    /* a second put under the same key changes nothing */
    ck_assert_int_eq(lf_gencache_put(g, "ater", 4, cands, 0, 1, pool), 0);
    out->n = 0;
    ck_assert_int_eq(lf_gencache_get(g, "ater", 4, out, opool), 1);
    ck_assert_uint_eq(out->n, 2);
    ck_assert_str_eq(word_of(out, opool, 0), "after");

    vecs_free(&v);
    lf_gencache_free(g);
    lf_gencache_free(NULL);
}
END_TEST

START_TEST(test_bounded)
{
    /* room for about one entry: later ones are not stored */
    lf_gencache *g = lf_gencache_new(64);
    ck_assert_ptr_nonnull(g);
    vecs v;
    vecs_init(&v);
    lf_vec *cands = &v.cands, *pool = &v.pool, *out = &v.out, *opool = &v.opool;
    add(cands, pool, "after", 0, -2.5f);
    ck_assert_int_eq(lf_gencache_put(g, "ater", 4, cands, 0, 1, pool), 0);
    ck_assert_int_eq(lf_gencache_put(g, "aer", 3, cands, 0, 1, pool), 0);
    ck_assert_int_eq(lf_gencache_get(g, "ater", 4, out, opool), 1);
    ck_assert_int_eq(lf_gencache_get(g, "aer", 3, out, opool), 0);
    vecs_free(&v);
    lf_gencache_free(g);
}
END_TEST

START_TEST(test_head)
{
    lf_gencache *g = lf_gencache_new(1 << 20);
    ck_assert_ptr_nonnull(g);
    vecs v;
    vecs_init(&v);
    add(&v.cands, &v.pool, "after", 0, -2.5f);
    ck_assert_int_eq(lf_gencache_put_head(g, "T:ater", 6, "HEAD", 4, &v.cands, 0, 1, &v.pool), 0);
    ck_assert_int_eq(lf_gencache_put_head(g, "T:the", 5, "h", 1, &v.cands, 0, 0, &v.pool), 0);
    char head[8] = {0};
    size_t hl = 0;
    ck_assert_int_eq(lf_gencache_get_head(g, "T:ater", 6, head, sizeof head, &hl, &v.out,
                                          &v.opool), 1);
    ck_assert_uint_eq(hl, 4);
    ck_assert_int_eq(memcmp(head, "HEAD", 4), 0);
    ck_assert_uint_eq(v.out.n, 1);
    ck_assert_str_eq(word_of(&v.out, &v.opool, 0), "after");
    ck_assert_int_eq(lf_gencache_get_head(g, "T:the", 5, head, sizeof head, &hl, &v.out,
                                          &v.opool), 1);
    ck_assert_uint_eq(hl, 1);
    ck_assert_int_eq(head[0], 'h');
    ck_assert_uint_eq(v.out.n, 1);
    /* a head longer than the room given is not found (nor copied) */
    memset(head, 0, sizeof head);
    ck_assert_int_eq(lf_gencache_get_head(g, "T:ater", 6, head, 3, &hl, &v.out, &v.opool), 0);
    ck_assert_int_eq(head[0], 0);
    ck_assert_uint_eq(v.out.n, 1);
    vecs_free(&v);
    lf_gencache_free(g);
}
END_TEST

Suite *suite_gencache(void)
{
    Suite *s = suite_create("gencache");
    TCase *tc = tcase_create("gencache");
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_bounded);
    tcase_add_test(tc, test_head);
    suite_add_tcase(s, tc);
    return s;
}
