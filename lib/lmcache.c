#include "alloc.h"
#include "lmcache.h"
#include "strmap.h" /* lf_hash_mix */

/* 128 KiB, beside the rest in a 1 MiB L2: a larger memo hits more often,
 * but its probes then miss the cache as the searches they save do. */
#define SLOT_BITS 13

struct lf_lmcache_slot {
    uint32_t x, y, z1; /* z1 = z + 1: 0 marks a slot never filled (z is never LF_CTX_NONE here) */
    float p;
};

int lf_lmcache_init(lf_lmcache *m)
{
    m->slots = lf_calloc((size_t)1 << SLOT_BITS, sizeof *m->slots);
    return m->slots ? 0 : -1;
}

float lf_lmcache_trigram(lf_lmcache *m, const lf_context *ctx, uint32_t x, uint32_t y, uint32_t z)
{
    /* unknown words cost no search: not worth a slot */
    if (y == LF_CTX_NONE || z == LF_CTX_NONE)
        return lf_context_trigram_id(ctx, x, y, z);
    if (!m->slots)
        return lf_context_trigram_id(ctx, x, y, z);
    uint64_t h = lf_hash_mix(((uint64_t)x << 32 | y) * 0x9E3779B97F4A7C15ULL ^ z);
    lf_lmcache_slot *s = &m->slots[h & (((size_t)1 << SLOT_BITS) - 1)];
    if (s->z1 == z + 1 && s->x == x && s->y == y)
        return s->p;
    float p = lf_context_trigram_id(ctx, x, y, z);
    *s = (lf_lmcache_slot){x, y, z + 1, p};
    return p;
}

void lf_lmcache_free(lf_lmcache *m)
{
    lf_free(m->slots);
    m->slots = NULL;
}
