/* Word types' records shared by every checker of a model: whether a type
 * is a word (Hunspell), the groups it shows intact, its lower-case form and
 * its readings as a non-word depend only on its bytes, the model and the
 * checker's settings (all in the key), so a type one checker has worked
 * out costs another a copy instead of a spell check and a search (ligfix
 * -j: each block's checker meets the same common words). Stored in a
 * lf_gencache of the model's: immutable entries, a lock held only to copy.
 * A checker asks here only on its own first sight of a type. */
#ifndef LF_TYPESHARE_H
#define LF_TYPESHARE_H
#include <stddef.h>

#include "internal.h"

/* Fills rec (all but count and the fields filled later: rw_*, pieces,
 * ends, lm_ready, ctx_id) for the type s[0, n) from the shared records,
 * appending its lower-case form and readings to the checker's pools; 1 if
 * found, 0 if not, -1 on allocation failure (the pools may then hold
 * unused bytes). */
int lf_typeshare_get(ligfix_checker *c, const char *s, size_t n, lf_type_rec *rec);

/* Shares rec, made by this checker for s[0, n) (its lower-case form and
 * readings in the checker's pools); 0, or -1 on allocation failure. */
int lf_typeshare_put(const ligfix_checker *c, const char *s, size_t n, const lf_type_rec *rec);

#endif
