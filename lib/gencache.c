#include <pthread.h>
#include <string.h>

#include "alloc.h"
#include "gencache.h"
#include "strmap.h"

/* An entry is a run of records in recs and their words in words: record k
 * of an entry keeps its word at words[base + rec.word_off]. Its head, if
 * any, is words[head_off, head_off + head_len). */
typedef struct {
    uint32_t rec_off, n;
    size_t word_base;
    size_t head_off, head_len;
} entry;

struct lf_gencache {
    pthread_mutex_t mu;
    lf_strmap keys; /* key -> index in entries */
    lf_vec entries; /* entry */
    lf_vec recs;    /* lf_cand_rec */
    lf_vec words;   /* char */
    size_t max_bytes;
};

lf_gencache *lf_gencache_new(size_t max_bytes)
{
    lf_gencache *g = lf_calloc(1, sizeof *g);
    if (!g)
        return NULL;
    if (pthread_mutex_init(&g->mu, NULL) != 0) {
        lf_free(g);
        return NULL;
    }
    lf_strmap_init(&g->keys);
    lf_vec_init(&g->entries, sizeof(entry));
    lf_vec_init(&g->recs, sizeof(lf_cand_rec));
    lf_vec_init(&g->words, 1);
    g->max_bytes = max_bytes;
    return g;
}

void lf_gencache_free(lf_gencache *g)
{
    if (!g)
        return;
    pthread_mutex_destroy(&g->mu);
    lf_strmap_free(&g->keys);
    lf_vec_free(&g->entries);
    lf_vec_free(&g->recs);
    lf_vec_free(&g->words);
    lf_free(g);
}

static size_t used_bytes(const lf_gencache *g)
{
    return g->keys.arena_len + g->entries.n * sizeof(entry) + g->recs.n * sizeof(lf_cand_rec) +
           g->words.n + g->keys.nslots * sizeof(uint64_t) +
           g->keys.n * sizeof(struct lf_strmap_entry);
}

size_t lf_gencache_key(const ligfix_checker *c, char *key, char tag, const void *head,
                       size_t head_len, const char *s, size_t n)
{
    size_t kn = 0;
    uint32_t n_user = (uint32_t)c->n_user;
    key[kn++] = tag;
    memcpy(key + kn, &n_user, sizeof n_user);
    kn += sizeof n_user;
    if (head_len)
        memcpy(key + kn, head, head_len);
    kn += head_len;
    memcpy(key + kn, s, n);
    return kn + n;
}

int lf_gencache_get_head(lf_gencache *g, const char *key, size_t kn, void *head,
                         size_t head_cap, size_t *head_len, lf_vec *cands, lf_vec *pool)
{
    pthread_mutex_lock(&g->mu);
    const uint32_t *slot = lf_strmap_get(&g->keys, key, kn);
    const entry *e = slot ? (const entry *)g->entries.v + *slot : NULL;
    if (!e || e->head_len > head_cap) {
        pthread_mutex_unlock(&g->mu);
        return 0;
    }
    if (e->head_len && head) /* head_len > head_cap was refused: a NULL head has cap 0 */
        memcpy(head, (const char *)g->words.v + e->head_off, e->head_len);
    if (head_len)
        *head_len = e->head_len;
    size_t cands_n = cands->n, pool_n = pool->n;
    int rc = 1;
    if (lf_vec_reserve(cands, cands->n + e->n) < 0) {
        rc = -1;
    } else {
        for (uint32_t k = 0; k < e->n; k++) {
            const lf_cand_rec *src = (const lf_cand_rec *)g->recs.v + e->rec_off + k;
            long off = lf_vec_append(pool, (const char *)g->words.v + e->word_base + src->word_off,
                                     src->len);
            if (off < 0) {
                rc = -1;
                break;
            }
            lf_cand_rec *dst = (lf_cand_rec *)cands->v + cands->n++;
            *dst = *src;
            dst->word_off = (uint32_t)off;
        }
    }
    pthread_mutex_unlock(&g->mu);
    if (rc < 0) {
        cands->n = cands_n;
        pool->n = pool_n;
    }
    return rc;
}

int lf_gencache_get(lf_gencache *g, const char *key, size_t kn, lf_vec *cands, lf_vec *pool)
{
    return lf_gencache_get_head(g, key, kn, NULL, 0, NULL, cands, pool);
}

int lf_gencache_put_head(lf_gencache *g, const char *key, size_t kn, const void *head,
                         size_t head_len, const lf_vec *cands, uint32_t off, uint32_t n,
                         const lf_vec *pool)
{
    int rc = -1;
    pthread_mutex_lock(&g->mu);
    if (used_bytes(g) > g->max_bytes || lf_strmap_get(&g->keys, key, kn)) {
        rc = 0;
        goto out;
    }
    size_t recs_n = g->recs.n, words_n = g->words.n;
    entry e = {(uint32_t)g->recs.n, n, g->words.n, 0, head_len};
    if (head_len) {
        long h = lf_vec_append(&g->words, head, head_len);
        if (h < 0)
            goto out;
        e.head_off = (size_t)h;
        e.word_base = g->words.n;
    }
    if (lf_vec_reserve(&g->recs, g->recs.n + n) < 0)
        goto undo;
    for (uint32_t k = 0; k < n; k++) {
        const lf_cand_rec *src = (const lf_cand_rec *)cands->v + off + k;
        long w = lf_vec_append(&g->words, (const char *)pool->v + src->word_off, src->len);
        if (w < 0)
            goto undo;
        lf_cand_rec *dst = (lf_cand_rec *)g->recs.v + g->recs.n++;
        *dst = *src;
        dst->word_off = (uint32_t)((size_t)w - e.word_base);
    }
    entry *slot = lf_vec_push(&g->entries);
    if (!slot)
        goto undo;
    *slot = e;
    if (!lf_strmap_put(&g->keys, key, kn, (uint32_t)(g->entries.n - 1))) {
        g->entries.n--;
        goto undo;
    }
    rc = 0;
    goto out;
undo:
    g->recs.n = recs_n;
    g->words.n = words_n;
out:
    pthread_mutex_unlock(&g->mu);
    return rc;
}

int lf_gencache_put(lf_gencache *g, const char *key, size_t kn, const lf_vec *cands,
                    uint32_t off, uint32_t n, const lf_vec *pool)
{
    return lf_gencache_put_head(g, key, kn, NULL, 0, cands, off, n, pool);
}
