#include <string.h>

#include "alloc.h"
#include "strmap.h"

uint64_t lf_hash(const char *s, size_t n)
{
    /* Eight bytes a step (the keys are words and word runs), the length
     * mixed in, then a finalizer so the low bits (the slot) depend on
     * every byte. */
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)n * 0xD6E8FEB86659FD93ULL);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        h = (h ^ v) * 0x100000001B3ULL;
        h ^= h >> 29;
    }
    if (i < n) {
        uint64_t v = lf_load_short(s + i, n - i);
        h = (h ^ v) * 0x100000001B3ULL;
        h ^= h >> 29;
    }
    return lf_hash_mix(h);
}

uint64_t lf_hash_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

#define SLOT_TAG(h) ((h) >> 32)
#define SLOT(h, idx1) (((h) & 0xFFFFFFFF00000000ULL) | (uint64_t)(idx1))

void lf_strmap_init(lf_strmap *m) { memset(m, 0, sizeof *m); }

void lf_strmap_free(lf_strmap *m)
{
    lf_free(m->slots);
    lf_free(m->entries);
    lf_free(m->arena);
    memset(m, 0, sizeof *m);
}

void lf_strmap_clear(lf_strmap *m)
{
    if (m->slots)
        memset(m->slots, 0, m->nslots * sizeof *m->slots);
    m->n = 0;
    m->arena_len = 0;
}

size_t lf_strmap_count(const lf_strmap *m) { return m->n; }

static uint64_t key_head(const char *key, size_t n)
{
    return lf_load_short(key, n < 8 ? n : 8);
}

/* A slot's entry is only looked at when the slot's tag (the top of the
 * hash) matches, so probing past other keys touches the slot array alone;
 * keys of up to 8 bytes are then told apart by the entry alone. */
static size_t find_slot(const lf_strmap *m, uint64_t h, const char *key, size_t n)
{
    size_t mask = m->nslots - 1, i = (size_t)h & mask;
    uint64_t head = key_head(key, n);
    for (;;) {
        uint64_t s = m->slots[i];
        if (!s)
            return i;
        if (SLOT_TAG(s) == SLOT_TAG(h)) {
            const struct lf_strmap_entry *e = &m->entries[(uint32_t)s - 1];
            if (e->hash == h && e->key_len == n && e->head == head &&
                (n <= 8 || memcmp(m->arena + e->key_off + 8, key + 8, n - 8) == 0))
                return i;
        }
        i = (i + 1) & mask;
    }
}

uint32_t *lf_strmap_get(const lf_strmap *m, const char *key, size_t n)
{
    if (!m->nslots || !m->n)
        return NULL;
    uint64_t s = m->slots[find_slot(m, lf_hash(key, n), key, n)];
    return s ? &m->entries[(uint32_t)s - 1].value : NULL;
}

static int grow_slots(lf_strmap *m)
{
    size_t ns = m->nslots ? m->nslots * 2 : 1024;
    uint64_t *slots = lf_calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    lf_free(m->slots);
    m->slots = slots;
    m->nslots = ns;
    for (size_t k = 0; k < m->n; k++) {
        const struct lf_strmap_entry *e = &m->entries[k];
        size_t i = (size_t)e->hash & (ns - 1);
        while (slots[i])
            i = (i + 1) & (ns - 1);
        slots[i] = SLOT(e->hash, k + 1);
    }
    return 0;
}

uint32_t *lf_strmap_put(lf_strmap *m, const char *key, size_t n, uint32_t value)
{
    if ((m->n + 1) * 2 > m->nslots && grow_slots(m) < 0)
        return NULL;
    uint64_t h = lf_hash(key, n);
    size_t i = find_slot(m, h, key, n);
    if (m->slots[i])
        return &m->entries[(uint32_t)m->slots[i] - 1].value;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 512;
        struct lf_strmap_entry *e = lf_realloc(m->entries, cap * sizeof *e);
        if (!e)
            return NULL;
        m->entries = e;
        m->cap = cap;
    }
    if (m->arena_len + n > m->arena_cap) {
        size_t cap = m->arena_cap ? m->arena_cap : 8192;
        while (cap < m->arena_len + n)
            cap *= 2;
        char *a = lf_realloc(m->arena, cap);
        if (!a)
            return NULL;
        m->arena = a;
        m->arena_cap = cap;
    }
    memcpy(m->arena + m->arena_len, key, n);
    struct lf_strmap_entry *e = &m->entries[m->n];
    *e = (struct lf_strmap_entry){h, key_head(key, n), m->arena_len, (uint32_t)n, value};
    m->arena_len += n;
    m->slots[i] = SLOT(h, ++m->n);
    return &e->value;
}
