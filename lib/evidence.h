/* Per-document evidence: which group/mode pairs this document's fonts and
 * extractor damage, from the unambiguous repairs in it and from the clean
 * words that show a group surviving. Knows nothing of single words. */
#ifndef LF_EVIDENCE_H
#define LF_EVIDENCE_H
#include <stddef.h>
#include <stdint.h>
#include "damage.h"

#define LF_GROUPS_MAX 32
#define LF_PLACEHOLDER_KEYS 64
#define LF_PLACEHOLDER_KEY_MAX 12

typedef struct {
    char key[LF_PLACEHOLDER_KEY_MAX];
    uint8_t len;
    double votes[LF_GROUPS_MAX];
    double total;
} lf_placeholder_votes;

typedef struct {
    double damaged[LF_GROUPS_MAX][LF_MODE_COUNT];
    double mode_total[LF_MODE_COUNT];
    double clean[LF_GROUPS_MAX];
    double total;
    /* Damage at a word's edge: votes for vanished glyphs there, and for
     * spaces left beside the word (lf_evidence_edge). */
    double edge_vanish, edge_space;
    lf_placeholder_votes ph[LF_PLACEHOLDER_KEYS];
    int nph;
    /* Forced by the caller: these pairs count as fully active. */
    lf_group_mask forced_groups;
    uint32_t forced_modes;
    int forced;
} lf_evidence;

void lf_evidence_reset(lf_evidence *e);
/* A reading of a damaged word, weighted by how sure we are of it. */
void lf_evidence_damaged(lf_evidence *e, int mode, const uint8_t *groups, int nsites, double w);
/* Clean occurrences of groups in a word that stood as it was. */
void lf_evidence_clean(lf_evidence *e, const uint8_t *groups, int n);
void lf_evidence_placeholder(lf_evidence *e, const char *key, size_t n, int group, double w);

/* The probability that an occurrence of group g in this document was
 * damaged in mode m. */
double lf_evidence_rate(const lf_evidence *e, int group, int mode);
/* A reading with damage at a word's edge: a vanished glyph there (space 0)
 * or a space left beside the word (space 1). */
void lf_evidence_edge(lf_evidence *e, int space, double w);
/* The same for a site at a word's edge (first or last letters) when edge
 * is set: an extractor that turns a glyph into a space may leave no trace
 * of it at a word's edge, where the space merges with the word's own
 * (" mes" for times, "o " for off). Where the document's edge damage shows
 * as vanished glyphs rather than as stray spaces, a vanished glyph there is
 * as likely as the space the group becomes inside words. */
double lf_evidence_rate_at(const lf_evidence *e, int group, int mode, int edge);
/* Probability that placeholder `key` stands for group g. */
double lf_evidence_placeholder_prob(const lf_evidence *e, const char *key, size_t n, int group);
/* Where one group has most of a code's votes (votes[], their total; at
 * least a few), the code is that glyph's: the probability of group, with
 * pseudo votes for every group and pseudo_total in all, sharpened to that
 * glyph. -1 where no group has most. */
double lf_one_glyph_top(const double *votes, double total, double pseudo, double pseudo_total,
                        int group);
/* 1 if some group is damaged in mode m at a rate worth checking real words for. */
int lf_evidence_mode_active(const lf_evidence *e, int mode);

/* Every rate and mode verdict of one state of the evidence, worked out
 * once: scoring asks for them per candidate. */
typedef struct {
    double rate[LF_GROUPS_MAX][LF_MODE_COUNT];      /* lf_evidence_rate_at, inside words */
    double edge_rate[LF_GROUPS_MAX][LF_MODE_COUNT]; /* and at a word's edge */
    /* log10 of the two: the channel sums them per candidate site */
    double log_rate[LF_GROUPS_MAX][LF_MODE_COUNT];
    double log_edge_rate[LF_GROUPS_MAX][LF_MODE_COUNT];
    uint8_t active[LF_MODE_COUNT];                  /* lf_evidence_mode_active */
} lf_rates;
void lf_evidence_rates(const lf_evidence *e, lf_rates *out);

/* The groups a clean lower-cased word shows, longest match first, left to
 * right; capital: the word was capitalised (for groups such as Th). */
int lf_groups_in_word(const char *w, size_t n, int capital, uint8_t *out, int max);

#endif
