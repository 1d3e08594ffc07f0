/* A string -> 32-bit value map with its keys in one arena: the verdict and
 * candidate caches (text is Zipfian, so a few thousand types cover most
 * words). Keys are byte strings, not NUL-terminated. */
#ifndef LF_STRMAP_H
#define LF_STRMAP_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    uint64_t *slots;  /* 0 = empty, else entry index + 1, with the top 32
                       * bits of the key's hash above it */
    size_t nslots;
    struct lf_strmap_entry *entries;
    size_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
} lf_strmap;

struct lf_strmap_entry {
    uint64_t hash;
    uint64_t head; /* the key's first 8 bytes (zero-padded): most keys are
                    * compared without a trip to the arena */
    size_t key_off;
    uint32_t key_len;
    uint32_t value;
};

/* Bytes s[0 .. n) (n <= 8) as one zero-padded little-endian number: the
 * head keys are compared by, loaded with overlapping fixed-size loads
 * rather than a call to memcpy for a variable size. */
static inline uint64_t lf_load_short(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, u, 4);
        memcpy(&hi, u + n - 4, 4);
        return (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
    }
    if (!n)
        return 0;
    return (uint64_t)u[0] | (uint64_t)u[n / 2] << (8 * (n / 2)) |
           (uint64_t)u[n - 1] << (8 * (n - 1));
}

uint64_t lf_hash(const char *s, size_t n);
/* The finalizer lf_hash ends with: every bit of h moves every bit out. */
uint64_t lf_hash_mix(uint64_t h);
void lf_strmap_init(lf_strmap *m);
void lf_strmap_free(lf_strmap *m);
void lf_strmap_clear(lf_strmap *m);
/* Pointer to the value, or NULL when absent. */
uint32_t *lf_strmap_get(const lf_strmap *m, const char *key, size_t n);
/* Inserts (or finds) key; returns its value slot, NULL on allocation failure. */
uint32_t *lf_strmap_put(lf_strmap *m, const char *key, size_t n, uint32_t value);
size_t lf_strmap_count(const lf_strmap *m);

#endif
