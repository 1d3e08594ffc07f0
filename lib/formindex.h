/* The damaged forms of the vocabulary words a real word may stand for,
 * indexed: what the inverse search (lf_damage_invert_flags) finds for a
 * dictionary word, by looking the word up instead of trying every site.
 * Dictionary words are read as damaged only into words of at least
 * min_prior (real-word damage; 100,000 of the data's words), and each
 * such word has only a few damaged forms, so the forward index is
 * smaller than the search is slow (127,000 forms, 5.5 MB).
 *
 * Read in place from the context data file's derived tables when the
 * file has it for this build (lib/formtable.h); else built once per model
 * on first use (about 60 ms), from the context data's vocabulary;
 * thread-safe: the first user builds it under a lock, everyone after
 * reads it. */
#ifndef LF_FORMINDEX_H
#define LF_FORMINDEX_H
#include <stddef.h>
#include <stdint.h>

#include "context.h"
#include "damage.h"

typedef struct lf_formindex lf_formindex;

/* An index of the words of ctx with a unigram of at least min_prior, for
 * readings of up to two sites; two vanished glyphs only in damaged forms
 * of at most short_max bytes. Not built yet; NULL on allocation failure. */
lf_formindex *lf_formindex_new(const lf_context *ctx, double min_prior, size_t short_max);
void lf_formindex_free(lf_formindex *ix);
/* 1 if ix reads the data file's stored index (nothing to build). */
int lf_formindex_from_data(const lf_formindex *ix);
/* The index's block (lib/formtable.h) as a first use builds it, lf_malloc'd,
 * *size bytes: what tools/derive_data.c stores. NULL with *rc -1 when
 * memory ran out, 1 when the data cannot have an index. */
void *lf_formindex_build_block(const lf_context *ctx, double min_prior, size_t short_max,
                               size_t *size, int *rc);

/* Stands in for lf_damage_invert_flags(w, n, upper, mode, mask, max_sites,
 * budget, flags, seams, fn, ud) with a fn that keeps only vocabulary words
 * of prior at least min_prior (and passes the trigram filters built from
 * the same vocabulary): fn gets those readings in the search's order,
 * and others that fn rejects are left out. Returns 1 if it did so, 0 if
 * it cannot stand in (the budget could run out, more sites, a longer word,
 * an index that cannot be built), and then calls nothing; -1 when memory
 * ran out building the index. Stops when fn returns nonzero. */
int lf_formindex_invert(lf_formindex *ix, const char *w, size_t n, uint64_t upper, int mode,
                        lf_group_mask mask, int max_sites, int budget, unsigned flags,
                        lf_cand_fn fn, void *ud);

/* Whether some word of the index might be read from a split run (lib/
 * damage.c's gap filling) whose first fragment is first and last one
 * last: 0 only when none can (no such word has first before a site, or
 * through a group kept before a space, and last after a site); empty
 * fragments are not tested. 1 also when the index cannot be built; -1
 * when memory ran out building it. */
int lf_formindex_may_split(lf_formindex *ix, const char *first, size_t first_len,
                           const char *last, size_t last_len);
/* The same for one end: side LF_PIECE_LEFT tests w as a first fragment,
 * LF_PIECE_RIGHT as a last one (trigram.h). */
int lf_formindex_may_end(lf_formindex *ix, int side, const char *w, size_t n);
/* Whether some word of the index might be read from a run of nfrag
 * fragments (lower case) without LF_FILL_KEPT_ACROSS: 0 only when none
 * can. Stricter than lf_formindex_may_split for runs of two fragments and
 * of three with at most one empty end: their outer non-empty fragments
 * must be what one split of the same word leaves (other runs go by
 * lf_formindex_may_split). The pairs of ends this asks of are made at the
 * first call (under the index's lock): 1 also when they cannot be made,
 * -1 when memory ran out. */
int lf_formindex_may_join(lf_formindex *ix, const char *const *frag, const size_t *len, int nfrag);

#endif
