/* Hunspell verdicts shared by every checker of a model: whether a string
 * is spelled right depends only on the dictionary and the user words (the
 * count is in the key), so a word one checker has asked Hunspell about
 * costs another a lookup (ligfix -j: each checker would otherwise ask
 * again about every common word and every reading it tries). Thread-safe:
 * one mutex, held only for the lookup or the insertion. Bounded: once
 * full, nothing more is stored. */
#ifndef LF_VERDICTS_H
#define LF_VERDICTS_H
#include <stddef.h>
#include <stdint.h>

typedef struct lf_verdicts lf_verdicts;

/* NULL on allocation failure. */
lf_verdicts *lf_verdicts_new(size_t max_words);
void lf_verdicts_free(lf_verdicts *v);

/* 1 if word (checked with n_user user words) is known to be spelled right,
 * 0 if known to be wrong, -1 if not known. */
int lf_verdicts_get(lf_verdicts *v, uint32_t n_user, const char *word, size_t n);
/* Stores the verdict ok (0 or 1); 0, or -1 on allocation failure (the
 * store is then as it was). */
int lf_verdicts_put(lf_verdicts *v, uint32_t n_user, const char *word, size_t n, int ok);

#endif
