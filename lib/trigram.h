/* Letter trigrams seen in the vocabulary: a cheap test that throws out
 * most inverse-edit candidates before they reach the dictionary. Beside
 * them, a Bloom filter of the vocabulary's words: a word it rejects is
 * certainly not in the vocabulary, so the (cache-missing) lookup in the
 * context data can be skipped. */
#ifndef LF_TRIGRAM_H
#define LF_TRIGRAM_H
#include <stddef.h>
#include <stdint.h>

#define LF_TRIGRAM_ALPHABET 28 /* a-z, word edge, anything else */
#define LF_TRIGRAM_BITS (LF_TRIGRAM_ALPHABET * LF_TRIGRAM_ALPHABET * LF_TRIGRAM_ALPHABET)
/* Bloom filters: blocks of 512 bits (one cache line), 2^21 bits each for
 * words and pieces, 2^22 for prefixes (every word has several). */
#define LF_WORDS_BLOCKS 4096
#define LF_PIECES_BLOCKS 4096
#define LF_PREFIX_BLOCKS 8192

/* Which end of a split word a piece is. */
enum { LF_PIECE_LEFT, LF_PIECE_RIGHT };

typedef struct {
    uint8_t seen[(LF_TRIGRAM_BITS + 7) / 8];
    uint64_t words[LF_WORDS_BLOCKS][8];   /* Bloom filter of the words added */
    uint64_t pieces[LF_PIECES_BLOCKS][8]; /* and of the pieces of words added */
    uint64_t prefixes[LF_PREFIX_BLOCKS][8]; /* and of their prefixes */
} lf_trigrams;

/* Adds a vocabulary word: its trigrams and the word itself. */
void lf_trigrams_add_word(lf_trigrams *t, const char *w, size_t n);
/* 1 if every trigram of the word (with its edges) has been seen. */
int lf_trigrams_plausible(const lf_trigrams *t, const char *w, size_t n);
/* The same for the trigrams centred on w[from..to] only: an edit's seams. */
int lf_trigrams_plausible_at(const lf_trigrams *t, const char *w, size_t n, size_t from,
                             size_t to);
/* 0 if w was certainly never added; 1 if it may have been. */
int lf_trigrams_may_be_word(const lf_trigrams *t, const char *w, size_t n);

/* Adds the prefixes of a word beyond its first `known` bytes (words added
 * in sorted order share their prefixes with the word before). */
void lf_trigrams_add_prefixes(lf_trigrams *t, const char *w, size_t n, size_t known);
/* 0 if no word whose prefixes were added begins with w[0..n) (a reading
 * being built that can no longer become a word). */
int lf_trigrams_may_be_prefix(const lf_trigrams *t, const char *w, size_t n);

/* The same test for a caller that builds its readings byte by byte: the
 * prefix hash extends one byte at a time from LF_PREFIX_SEED, so a
 * reading's prefixes are hashed once, not once per test.
 * lf_trigrams_may_be_prefix(t, w, n) for n > 0 is
 * lf_trigrams_prefix_hash_ok(t, lf_prefix_extend(LF_PREFIX_SEED, w, n)). */
#define LF_PREFIX_SEED 0xCBF29CE484222325ULL
static inline uint64_t lf_prefix_step(uint64_t h, unsigned char b)
{
    return (h ^ b) * 0x100000001B3ULL;
}
static inline uint64_t lf_prefix_extend(uint64_t h, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = lf_prefix_step(h, (unsigned char)w[i]);
    return h;
}
int lf_trigrams_prefix_hash_ok(const lf_trigrams *t, uint64_t h);

/* Pieces: what a word split at a lost ligature leaves on either side of
 * the gap (lf_damage_split_pieces). A word whose pieces were added gives a
 * cheap test of a split: "be er" can only join into a known word if "be"
 * was added as a left piece and "er" as a right one. */
void lf_trigrams_add_piece(lf_trigrams *t, int side, const char *w, size_t n);
/* 0 if w was certainly never added as a piece of that side. */
int lf_trigrams_may_be_piece(const lf_trigrams *t, int side, const char *w, size_t n);

#endif
