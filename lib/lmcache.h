/* A checker's memo of language-model probabilities. Scoring asks for the
 * same n-grams again and again (a common phrase, the history every reading
 * of a cluster shares, the real-word rounds scoring a cluster anew), and
 * each lookup is two or three binary searches through tables far larger
 * than the processor's caches. The memo is direct-mapped: a collision
 * replaces the older entry, so it only ever answers what the context data
 * itself would. */
#ifndef LF_LMCACHE_H
#define LF_LMCACHE_H
#include <stdint.h>

#include "context.h"

typedef struct lf_lmcache_slot lf_lmcache_slot;

typedef struct {
    lf_lmcache_slot *slots; /* NULL until lf_lmcache_init */
} lf_lmcache;

/* An empty memo: 0, or -1 when out of memory. */
int lf_lmcache_init(lf_lmcache *m);
/* lf_context_trigram_id(ctx, x, y, z), from the memo where it holds it.
 * A bigram P(z | y) is x = LF_CTX_NONE: the trigram's own fallback. */
float lf_lmcache_trigram(lf_lmcache *m, const lf_context *ctx, uint32_t x, uint32_t y, uint32_t z);
void lf_lmcache_free(lf_lmcache *m);

#endif
