/* Lexicon: one checker's Hunspell handle, the user words, and a verdict cache
 * per word type. Knows nothing of ICU or ligatures. */
#ifndef LF_LEXICON_H
#define LF_LEXICON_H
#include <stddef.h>
#include "ligfix.h"
#include "verdicts.h"

typedef struct lf_lexicon lf_lexicon;

/* base: Hunspell base name (base.aff + base.dic). The handle is created on
 * the first lookup that misses the caches, so an idle checker costs nothing.
 * The user words' strings must outlive the lexicon; the array is copied.
 * shared (may be NULL): verdicts shared with other lexicons of the same
 * dictionary, asked before Hunspell and told its answers. */
lf_lexicon *lf_lexicon_new(const char *base, const char *const *user_words, size_t n_user,
                           lf_verdicts *shared, ligfix_error *err);
void lf_lexicon_free(lf_lexicon *lx);

/* 1 if the word is spelled correctly, 0 if not, -1 on allocation failure. */
int lf_lexicon_check(lf_lexicon *lx, const char *word, size_t n);

/* Checks base.aff and base.dic can be read; an error naming the path if not. */
int lf_lexicon_probe(const char *base, ligfix_error *err);

#endif
