/* What a checker has worked out about two neighbouring word types, by the
 * types' indices and the kind of question: two numbers per answer (the
 * candidates of the run they make across a space, as an offset and count
 * in tcands; whether they join into a word). The passes over the tokens ask
 * about most neighbouring words, and a document repeats its word pairs as
 * it repeats its words: looking a pair up by three numbers spares building
 * the run's lower-case fragments and key for the checker's map of runs.
 * Direct mapped: a collision replaces the older entry. */
#ifndef LF_PAIRMEMO_H
#define LF_PAIRMEMO_H
#include <stddef.h>
#include <stdint.h>

#define LF_PAIRMEMO_BITS 13 /* 128 KiB */

typedef struct {
    uint32_t a, b; /* the types; kind 0: an empty slot */
    uint32_t kind; /* which question about the two (caller's numbering, > 0) */
    uint32_t v1, v2; /* the answer */
} lf_pairmemo_slot;

typedef struct {
    lf_pairmemo_slot *slots; /* NULL until lf_pairmemo_init */
} lf_pairmemo;

int lf_pairmemo_init(lf_pairmemo *m);

static inline lf_pairmemo_slot *lf_pairmemo_slot_for(const lf_pairmemo *m, uint32_t a, uint32_t b,
                                                     uint32_t kind)
{
    uint64_t h = (((uint64_t)a << 32 | b) ^ ((uint64_t)kind << 29)) * 0x9E3779B97F4A7C15ULL;
    return &m->slots[h >> (64 - LF_PAIRMEMO_BITS)];
}

/* 1 and the answer if it is kept, else 0. */
static inline int lf_pairmemo_get(const lf_pairmemo *m, uint32_t a, uint32_t b, uint32_t kind,
                                  uint32_t *v1, uint32_t *v2)
{
    if (!m->slots)
        return 0;
    const lf_pairmemo_slot *s = lf_pairmemo_slot_for(m, a, b, kind);
    if (s->kind != kind || s->a != a || s->b != b)
        return 0;
    *v1 = s->v1;
    *v2 = s->v2;
    return 1;
}

static inline void lf_pairmemo_put(lf_pairmemo *m, uint32_t a, uint32_t b, uint32_t kind,
                                   uint32_t v1, uint32_t v2)
{
    if (m->slots)
        *lf_pairmemo_slot_for(m, a, b, kind) = (lf_pairmemo_slot){a, b, kind, v1, v2};
}

/* Forgets every entry (the types or candidates they name are gone). */
void lf_pairmemo_clear(lf_pairmemo *m);
void lf_pairmemo_free(lf_pairmemo *m);

#endif
