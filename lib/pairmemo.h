/* The candidates of a run of two word types across a space, by the types'
 * indices: in the real-word pass most neighbouring dictionary words are
 * asked about, and a document repeats its word pairs as it repeats its
 * words. Looking a pair up by two numbers spares building the run's
 * lower-case fragments and key for the checker's map of runs. Direct
 * mapped: a collision replaces the older entry. */
#ifndef LF_PAIRMEMO_H
#define LF_PAIRMEMO_H
#include <stddef.h>
#include <stdint.h>

#define LF_PAIRMEMO_BITS 13 /* 128 KiB */

typedef struct {
    uint32_t a, b;  /* the types; shape 0: an empty slot */
    uint32_t shape; /* which run of the two the entry is (caller's numbering, > 0) */
    uint32_t off, count; /* the run's candidates in the checker's tcands */
} lf_pairmemo_slot;

typedef struct {
    lf_pairmemo_slot *slots; /* NULL until lf_pairmemo_init */
} lf_pairmemo;

int lf_pairmemo_init(lf_pairmemo *m);

static inline lf_pairmemo_slot *lf_pairmemo_slot_for(const lf_pairmemo *m, uint32_t a, uint32_t b,
                                                     uint32_t shape)
{
    uint64_t h = (((uint64_t)a << 32 | b) ^ ((uint64_t)shape << 29)) * 0x9E3779B97F4A7C15ULL;
    return &m->slots[h >> (64 - LF_PAIRMEMO_BITS)];
}

/* 1 and the run's candidates if the pair is kept, else 0. */
static inline int lf_pairmemo_get(const lf_pairmemo *m, uint32_t a, uint32_t b, uint32_t shape,
                                  uint32_t *off, uint32_t *count)
{
    if (!m->slots)
        return 0;
    const lf_pairmemo_slot *s = lf_pairmemo_slot_for(m, a, b, shape);
    if (s->shape != shape || s->a != a || s->b != b)
        return 0;
    *off = s->off;
    *count = s->count;
    return 1;
}

static inline void lf_pairmemo_put(lf_pairmemo *m, uint32_t a, uint32_t b, uint32_t shape,
                                   uint32_t off, uint32_t count)
{
    if (m->slots)
        *lf_pairmemo_slot_for(m, a, b, shape) = (lf_pairmemo_slot){a, b, shape, off, count};
}

/* Forgets every entry (the types or candidates they name are gone). */
void lf_pairmemo_clear(lf_pairmemo *m);
void lf_pairmemo_free(lf_pairmemo *m);

#endif
