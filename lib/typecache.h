/* The word types of recent short tokens, in front of the checker's map of
 * types: a few hundred common words make up most tokens, and this small
 * table stays in the processor's cache where the map's slots and keys do
 * not. Keys are tokens of up to 16 bytes, compared whole; a collision
 * replaces the older entry. */
#ifndef LF_TYPECACHE_H
#define LF_TYPECACHE_H
#include <stddef.h>
#include <stdint.h>

#include "strmap.h" /* lf_load_short */

#define LF_TYPECACHE_KEY_MAX 16
#define LF_TYPECACHE_BITS 13 /* 192 KiB */

typedef struct {
    uint64_t head, tail; /* the key's bytes 0-7 and 8-15, zero-padded */
    uint32_t len;        /* 0: empty (no key is empty) */
    uint32_t type;
} lf_typecache_slot;

typedef struct {
    lf_typecache_slot *slots; /* NULL until lf_typecache_init */
} lf_typecache;

/* An empty table: 0, or -1 when out of memory. */
int lf_typecache_init(lf_typecache *tc);

/* The key's bytes as two numbers (n <= 16). */
static inline void lf_typecache_key(const char *s, size_t n, uint64_t *head, uint64_t *tail)
{
    *head = lf_load_short(s, n < 8 ? n : 8);
    *tail = n > 8 ? lf_load_short(s + 8, n - 8) : 0;
}

static inline size_t lf_typecache_slot_of(uint64_t head, uint64_t tail, size_t n)
{
    uint64_t h = (head ^ (uint64_t)n) * 0x9E3779B97F4A7C15ULL ^ tail * 0xC2B2AE3D27D4EB4FULL;
    return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> (64 - LF_TYPECACHE_BITS));
}

/* The type kept for s[0 .. n), or UINT32_MAX. Inline: asked once per word
 * token. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline uint32_t lf_typecache_get(const lf_typecache *tc, const char *s, size_t n)
{
    if (!tc->slots || n == 0 || n > LF_TYPECACHE_KEY_MAX)
        return UINT32_MAX;
    uint64_t head, tail;
    lf_typecache_key(s, n, &head, &tail);
    const lf_typecache_slot *e = &tc->slots[lf_typecache_slot_of(head, tail, n)];
    return e->len == n && e->head == head && e->tail == tail ? e->type : UINT32_MAX;
}

/* Keeps type for s (no-op for longer keys). */
void lf_typecache_put(lf_typecache *tc, const char *s, size_t n, uint32_t type);
/* Forgets every entry (the types they point to are gone). */
void lf_typecache_clear(lf_typecache *tc);
void lf_typecache_free(lf_typecache *tc);

#endif
