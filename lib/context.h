/* Context data: word prior, bigram and trigram log-probabilities
 * (dict/ligfix-context.bin, built by dict/build_context.py; format in
 * dict/README.md).
 *
 * The file is mapped read-only and validated once at open; lookups allocate
 * nothing and are safe from any number of threads.
 *
 * Vocabulary: the alphabetic words of the CMU US-English LM (lower-case,
 * internal apostrophes allowed) plus SCOWL words the LM lacks, which carry a
 * fallback unigram only (see dict/README.md). The sentence markers "<s>" and
 * "</s>" are usable as bigram context but are not vocabulary words:
 * lf_context_has() is 0 for them and vocabulary iteration skips them.
 *
 * Bigrams: only those with an "interest word" on either side are stored (a
 * ligature word with a real-word damaged form, or such a form). For a pair
 * that involves an interest word lf_context_bigram() therefore equals the
 * LM's own bigram estimate; for other pairs it is the Katz backoff value
 * backoff(w1) + unigram(w2), an approximation.
 *
 * Trigrams: every LM trigram of vocabulary words (w1 may be "<s>", w3
 * "</s>"), log10 probabilities in 16-bit fixed point (step 2^-13: within
 * 6.1e-5 of the LM's value), and the backoff weight of every LM bigram
 * w1 w2 that has trigrams (a "history"; kept apart from the bigram table,
 * which trigrams do not change). */
#ifndef LF_CONTEXT_H
#define LF_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ligfix.h"   /* for ligfix_error */

typedef struct lf_context lf_context;

/* Index of x in the ascending, distinct ids[lo .. hi-1], or UINT32_MAX
 * (tables are far below 2^32 entries: the file is smaller than 4 GiB).
 * Branch-free halving with both next probes prefetched: the rows of common
 * words hold thousands of ids, each probe a cache miss, and a mispredicted
 * branch per probe would wait for each miss in turn. */
static inline uint32_t lf_sorted_index(const uint32_t *ids, uint32_t lo, uint32_t hi, uint32_t x)
{
    uint32_t n = hi - lo;
    if (n == 0)
        return UINT32_MAX;
    const uint32_t *base = ids + lo;
    while (n > 1) {
        uint32_t half = n / 2;
#if defined(__GNUC__)
        __builtin_prefetch(base + half / 2);
        __builtin_prefetch(base + half + half / 2);
#endif
        base = base[half] <= x ? base + half : base;
        n -= half;
    }
    return *base == x ? (uint32_t)(base - ids) : UINT32_MAX;
}

/* Opens the data file; NULL on error with err filled (code LIGFIX_ERR_DATA,
 * message naming the path; LIGFIX_ERR_NOMEM on allocation failure). A
 * truncated or corrupt file is an error, never a crash. */
lf_context *lf_context_open(const char *path, ligfix_error *err);
void lf_context_close(lf_context *c);

#define LF_LOGP_UNKNOWN (-99.0f)

/* log10 unigram probability of a lower-case UTF-8 word, LF_LOGP_UNKNOWN if
 * absent. "</s>" has the LM's end-of-sentence probability. */
float lf_context_unigram(const lf_context *c, const char *w, size_t n);

/* log10 P(w2 | w1) with Katz backoff: the stored bigram if present, else
 * backoff(w1) + unigram(w2). w1 may be "<s>" for sentence start and w2
 * "</s>" for the end. Unknown words:
 *   - w2 unknown: LF_LOGP_UNKNOWN (whatever w1 is);
 *   - w1 unknown (w2 known): unigram(w2), i.e. no usable history and a
 *     backoff weight of 0. */
float lf_context_bigram(const lf_context *c, const char *w1, size_t n1,
                        const char *w2, size_t n2);

/* log10 P(w3 | w1 w2) with Katz backoff: the stored trigram if present,
 * else backoff(w1 w2) + lf_context_bigram(w2, w3); if w1 w2 is not a stored
 * bigram, simply lf_context_bigram(w2, w3). w1 may be "<s>". Unknown w3:
 * LF_LOGP_UNKNOWN; unknown w1 or w2: falls back as the bigram does. */
float lf_context_trigram(const lf_context *c, const char *w1, size_t n1, const char *w2, size_t n2, const char *w3, size_t n3);

/* 1 if the word is in the vocabulary (LM or SCOWL fallback), else 0. */
int lf_context_has(const lf_context *c, const char *w, size_t n);

/* The same on word ids, for callers that look a word up once and ask many
 * times: lf_context_id gives a word's or marker's id, LF_CTX_NONE if it
 * has none (c may be NULL). Each function equals its string form with the
 * words the ids stand for (LF_CTX_NONE: an unknown word). */
#define LF_CTX_NONE UINT32_MAX
uint32_t lf_context_id(const lf_context *c, const char *w, size_t n);
/* The id of "<s>" (end 0) or "</s>" (end 1) without a lookup. */
uint32_t lf_context_marker(const lf_context *c, int end);
int lf_context_id_is_word(const lf_context *c, uint32_t id); /* lf_context_has */
float lf_context_unigram_id(const lf_context *c, uint32_t w);
float lf_context_bigram_id(const lf_context *c, uint32_t w1, uint32_t w2);
float lf_context_trigram_id(const lf_context *c, uint32_t w1, uint32_t w2, uint32_t w3);

/* Vocabulary access, in the file's order (byte-wise sorted), for building
 * derived tables at load time. Words are NUL-terminated; *len (if len is not
 * NULL) gets the length. NULL (and *len 0) if i >= lf_context_vocab_size(c). */
size_t lf_context_vocab_size(const lf_context *c);
const char *lf_context_vocab_word(const lf_context *c, size_t i, size_t *len);

/* ---- derived tables (dict/README.md, "Derived tables") ----------------
 * Tables ligfix computes from the LM tables, appended to the file by
 * tools/derive_data.c, so that loading need not compute them. A trailer in
 * the file's last LF_DERIVED_TRAILER_SIZE bytes places them: the magic,
 * then u32 little-endian: filters offset, size and recipe, slot-hash
 * offset and count, form index offset (0: none; older files have 0). */
#define LF_DERIVED_MAGIC "LIGFIXD1"
#define LF_DERIVED_TRAILER_SIZE 32u

/* The stored vocabulary filters if the file has them with this recipe and
 * size, else NULL. */
const void *lf_context_derived_filters(const lf_context *c, uint32_t recipe, size_t size);
/* The stored index of damaged forms (lib/formtable.h), 8-aligned, and its
 * size as its header gives it (inside the file), if the file has one, else
 * NULL. Its recipe is the reader's to check. */
const void *lf_context_derived_forms(const lf_context *c, size_t *size);
/* Bytes of the file up to the end of the LM tables. */
size_t lf_context_lm_size(const lf_context *c);
/* The word hash of each slot of the word index (0 for an empty slot), into
 * out[0 .. lf_context_hash_slots(c)), computed afresh. */
size_t lf_context_hash_slots(const lf_context *c);
void lf_context_fresh_slot_hashes(const lf_context *c, uint32_t *out);

#endif
