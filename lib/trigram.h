/* Letter trigrams seen in the vocabulary: a cheap test that throws out
 * most inverse-edit candidates before they reach the dictionary. */
#ifndef LF_TRIGRAM_H
#define LF_TRIGRAM_H
#include <stddef.h>
#include <stdint.h>

#define LF_TRIGRAM_ALPHABET 28 /* a-z, word edge, anything else */
#define LF_TRIGRAM_BITS (LF_TRIGRAM_ALPHABET * LF_TRIGRAM_ALPHABET * LF_TRIGRAM_ALPHABET)

typedef struct {
    uint8_t seen[(LF_TRIGRAM_BITS + 7) / 8];
} lf_trigrams;

void lf_trigrams_add_word(lf_trigrams *t, const char *w, size_t n);
/* 1 if every trigram of the word (with its edges) has been seen. */
int lf_trigrams_plausible(const lf_trigrams *t, const char *w, size_t n);
/* The same for the trigrams centred on w[from..to] only: an edit's seams. */
int lf_trigrams_plausible_at(const lf_trigrams *t, const char *w, size_t n, size_t from,
                             size_t to);

#endif
