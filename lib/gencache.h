/* Candidates shared by every checker of a model: what an inverse edit of a
 * word yields depends only on the word, the model and the checker's
 * settings (all in the key), so a word one checker has worked out is not
 * worked out again by another (ligfix -j, many checkers on one model).
 * Thread-safe: one mutex, held only to copy in or out; the expensive work
 * happens outside it. Bounded: once full, nothing more is stored. */
#ifndef LF_GENCACHE_H
#define LF_GENCACHE_H
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

typedef struct lf_gencache lf_gencache;

/* NULL on allocation failure. */
lf_gencache *lf_gencache_new(size_t max_bytes);
void lf_gencache_free(lf_gencache *g);

/* The key of an entry checker c stores: tag (what kind of entry), the
 * number of user words c's lexicon has, head (what else the entry
 * depends on, padding zeroed) and the word s. key needs room for
 * 1 + 4 + head_len + n bytes; returns the key's length. */
size_t lf_gencache_key(const ligfix_checker *c, char *key, char tag, const void *head,
                       size_t head_len, const char *s, size_t n);

/* Appends the candidates stored under key to cands (their words to pool,
 * word_off rebased); 1 if found, 0 if not, -1 on allocation failure (cands
 * and pool are then as they were). */
int lf_gencache_get(lf_gencache *g, const char *key, size_t kn, lf_vec *cands, lf_vec *pool);

/* Stores cands[off, off + n) (words read from pool) under key, unless the
 * key is there already or the cache is full; 0, or -1 on allocation
 * failure (the cache is then as it was). */
int lf_gencache_put(lf_gencache *g, const char *key, size_t kn, const lf_vec *cands,
                     uint32_t off, uint32_t n, const lf_vec *pool);

/* The same with a head: bytes the caller defines, stored with the
 * candidates (a word type's record). get copies the head into head (at
 * most head_cap bytes; a longer one is not found) and its length into
 * *head_len. */
int lf_gencache_get_head(lf_gencache *g, const char *key, size_t kn, void *head,
                         size_t head_cap, size_t *head_len, lf_vec *cands, lf_vec *pool);
int lf_gencache_put_head(lf_gencache *g, const char *key, size_t kn, const void *head,
                         size_t head_len, const lf_vec *cands, uint32_t off, uint32_t n,
                         const lf_vec *pool);

#endif
