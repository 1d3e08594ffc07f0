/* Lexicon: one checker's Hunspell handle, the user words, and a verdict cache
 * per word type. Knows nothing of ICU or ligatures. */
#ifndef LF_LEXICON_H
#define LF_LEXICON_H
#include <stddef.h>
#include "ligfix.h"
#include "verdicts.h"

typedef struct lf_lexicon lf_lexicon;

/* Hunspell handles shared by many lexicons: a handle costs some 60 ms and
 * megabytes to make, and with the verdicts shared few strings reach
 * Hunspell. A lexicon spells with a handle no other is using at the time,
 * and a new one is made (up to a few) only when every one is in use: one
 * per thread spelling at once, so threads do not queue for one handle.
 * Made on first use, with the user words of the lexicon that first needs
 * one; a lexicon with other user words (added to the model later) keeps a
 * handle of its own. */
typedef struct lf_speller lf_speller;
/* NULL on allocation failure. */
lf_speller *lf_speller_new(const char *base);
void lf_speller_free(lf_speller *sp);
/* How many handles sp has made, and how many of them are in use now. */
int lf_speller_handles(lf_speller *sp, int *in_use);

/* base: Hunspell base name (base.aff + base.dic). A handle is needed only
 * for a lookup that misses the caches, so an idle checker costs nothing.
 * The user words' strings must outlive the lexicon; the array is copied.
 * shared (may be NULL): verdicts shared with other lexicons of the same
 * dictionary, asked before Hunspell and told its answers; speller (may be
 * NULL): the handle shared with them. */
lf_lexicon *lf_lexicon_new(const char *base, const char *const *user_words, size_t n_user,
                           lf_verdicts *shared, lf_speller *speller, ligfix_error *err);
void lf_lexicon_free(lf_lexicon *lx);

/* 1 if the word is spelled correctly, 0 if not, -1 on allocation failure. */
int lf_lexicon_check(lf_lexicon *lx, const char *word, size_t n);

/* Checks base.aff and base.dic can be read; an error naming the path if not. */
int lf_lexicon_probe(const char *base, ligfix_error *err);

#endif
