#include <string.h>

#include "strmap.h"
#include "trigram.h"

/* The symbol of each byte: a-z 1..26, anything else 27 (0 is the word's
 * edge), looked up: the seam tests ask for millions of them. */
#define SYM1(c) ((c) >= 'a' && (c) <= 'z' ? (c) - 'a' + 1 : 27)
#define SYM4(c) SYM1(c), SYM1((c) + 1), SYM1((c) + 2), SYM1((c) + 3)
#define SYM16(c) SYM4(c), SYM4((c) + 4), SYM4((c) + 8), SYM4((c) + 12)
#define SYM64(c) SYM16(c), SYM16((c) + 16), SYM16((c) + 32), SYM16((c) + 48)
static const uint8_t byte_sym[256] = {SYM64(0), SYM64(64), SYM64(128), SYM64(192)};

static int sym(int c) { return c < 0 ? 0 : byte_sym[c]; }

static int index_of(const char *w, size_t n, long i)
{
    int a = i - 1 < 0 ? -1 : (unsigned char)w[i - 1];
    int b = (size_t)i < n ? (unsigned char)w[i] : -1;
    int c = (size_t)i + 1 < n ? (unsigned char)w[i + 1] : -1;
    return (sym(a) * LF_TRIGRAM_ALPHABET + sym(b)) * LF_TRIGRAM_ALPHABET + sym(c);
}

/* ---- the word filter ------------------------------------------------------ */

#define BLOOM_K 6 /* bits per word, 9 bits of the hash each */

static size_t block_of(uint64_t h)
{
    return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 52) & (LF_WORDS_BLOCKS - 1);
}

static void bloom_set(uint64_t *blk, uint64_t h)
{
    for (int k = 0; k < BLOOM_K; k++) {
        unsigned bit = (unsigned)(h >> (9 * k)) & 511u;
        blk[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

static int bloom_test(const uint64_t *blk, uint64_t h)
{
    for (int k = 0; k < BLOOM_K; k++) {
        unsigned bit = (unsigned)(h >> (9 * k)) & 511u;
        if (!(blk[bit >> 6] & ((uint64_t)1 << (bit & 63))))
            return 0;
    }
    return 1;
}

int lf_trigrams_may_be_word(const lf_trigrams *t, const char *w, size_t n)
{
    uint64_t h = lf_hash(w, n);
    return bloom_test(t->words[block_of(h)], h);
}

/* ---- the prefix filter ----------------------------------------------------- */

/* The prefix hash (trigram.h: lf_prefix_step) extends byte by byte, so
 * all prefixes of a word cost one pass; lf_hash_mix spreads it before it
 * picks bits. */
static size_t prefix_block(uint64_t h)
{
    return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 40) & (LF_PREFIX_BLOCKS - 1);
}

void lf_trigrams_add_prefixes(lf_trigrams *t, const char *w, size_t n, size_t known)
{
    uint64_t h = LF_PREFIX_SEED;
    for (size_t i = 0; i < n; i++) {
        h = lf_prefix_step(h, (unsigned char)w[i]);
        if (i < known)
            continue;
        uint64_t f = lf_hash_mix(h);
        bloom_set(t->prefixes[prefix_block(f)], f);
    }
}

int lf_trigrams_prefix_hash_ok(const lf_trigrams *t, uint64_t h)
{
    uint64_t f = lf_hash_mix(h);
    return bloom_test(t->prefixes[prefix_block(f)], f);
}

int lf_trigrams_may_be_prefix(const lf_trigrams *t, const char *w, size_t n)
{
    return n == 0 || lf_trigrams_prefix_hash_ok(t, lf_prefix_extend(LF_PREFIX_SEED, w, n));
}

/* ---- the piece filter ----------------------------------------------------- */

static uint64_t piece_hash(int side, const char *w, size_t n)
{
    /* the side moves the piece to other bits and another block */
    return lf_hash(w, n) ^ (side == LF_PIECE_RIGHT ? 0xA5A5A5A55A5A5A5AULL : 0);
}

static size_t piece_block(uint64_t h)
{
    return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> 40) & (LF_PIECES_BLOCKS - 1);
}

void lf_trigrams_add_piece(lf_trigrams *t, int side, const char *w, size_t n)
{
    uint64_t h = piece_hash(side, w, n);
    bloom_set(t->pieces[piece_block(h)], h);
}

int lf_trigrams_may_be_piece(const lf_trigrams *t, int side, const char *w, size_t n)
{
    uint64_t h = piece_hash(side, w, n);
    return bloom_test(t->pieces[piece_block(h)], h);
}

/* ---- trigrams ---------------------------------------------------------------- */

void lf_trigrams_add_word(lf_trigrams *t, const char *w, size_t n)
{
    for (long i = 0; (size_t)i < n; i++) {
        int k = index_of(w, n, i);
        t->seen[k >> 3] |= (uint8_t)(1u << (k & 7));
    }
    uint64_t h = lf_hash(w, n);
    bloom_set(t->words[block_of(h)], h);
}

int lf_trigrams_plausible(const lf_trigrams *t, const char *w, size_t n)
{
    return n == 0 || lf_trigrams_plausible_at(t, w, n, 0, n - 1);
}

int lf_trigrams_plausible_at(const lf_trigrams *t, const char *w, size_t n, size_t from,
                             size_t to)
{
    if (to >= n)
        to = n ? n - 1 : 0;
    if (from > to || from >= n)
        return 1;
    /* the window slides: each letter's symbol is worked out once (the
     * inverse searches ask this of every reading they make); only the
     * last letter's right neighbour can be the word's edge */
    const unsigned char *u = (const unsigned char *)w;
    size_t i = from;
    unsigned b = byte_sym[u[i]];
    unsigned ab = (i ? byte_sym[u[i - 1]] : 0) * LF_TRIGRAM_ALPHABET + b; /* the first two */
    for (;;) {
        unsigned c = i + 1 < n ? byte_sym[u[i + 1]] : 0;
        unsigned k = ab * LF_TRIGRAM_ALPHABET + c;
        if (!(t->seen[k >> 3] & (1u << (k & 7))))
            return 0;
        if (++i > to)
            return 1;
        ab = b * LF_TRIGRAM_ALPHABET + c;
        b = c;
    }
}
