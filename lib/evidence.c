#include <math.h>
#include <string.h>

#include "evidence.h"

/* A group's damage rate is shrunk towards the document's overall rate for
 * the mode (damaged occurrences of all groups over all their occurrences),
 * with PRIOR_WEIGHT pseudo-occurrences: a group seen rarely inherits the
 * document's habit, one seen often speaks for itself.
 * Whether a pair is active at all is a model comparison: fonts ligate a
 * group every time, so real damage shows in a good share of the group's
 * occurrences (at least MIN_ACTIVE_RATE), while odd words (names, dialect,
 * foreign words) that happen to have a repair turn up at NOISE_RATE. An
 * inactive pair keeps INACTIVE_RATE. Values fitted on our own damaged text. */
#define PRIOR_WEIGHT 4.0
#define MIN_ACTIVE_RATE 0.2
#define NOISE_RATE 0.01
#define PRIOR_ACTIVE 0.05
#define INACTIVE_RATE 1e-6
#define ACTIVE_RATE 0.05
#define EDGE_PRIOR 4.0 /* pseudo-votes against edge damage merging with spaces */
#define MERGED_MIN 0.5 /* below this share, edge damage is not taken as merged spaces */

void lf_evidence_reset(lf_evidence *e)
{
    lf_group_mask fg = e->forced_groups;
    uint32_t fm = e->forced_modes;
    int forced = e->forced;
    memset(e, 0, sizeof *e);
    e->forced_groups = fg;
    e->forced_modes = fm;
    e->forced = forced;
}

void lf_evidence_damaged(lf_evidence *e, int mode, const uint8_t *groups, int nsites, double w)
{
    for (int i = 0; i < nsites; i++) {
        e->damaged[groups[i]][mode] += w;
        e->mode_total[mode] += w;
        e->total += w;
    }
}

void lf_evidence_clean(lf_evidence *e, const uint8_t *groups, int n)
{
    for (int i = 0; i < n; i++)
        e->clean[groups[i]] += 1.0;
}

static lf_placeholder_votes *find_key(const lf_evidence *e, const char *key, size_t n)
{
    for (int i = 0; i < e->nph; i++)
        if (e->ph[i].len == n && memcmp(e->ph[i].key, key, n) == 0)
            return (lf_placeholder_votes *)&e->ph[i];
    return NULL;
}

void lf_evidence_placeholder(lf_evidence *e, const char *key, size_t n, int group, double w)
{
    if (n > LF_PLACEHOLDER_KEY_MAX)
        return;
    lf_placeholder_votes *v = find_key(e, key, n);
    if (!v) {
        if (e->nph == LF_PLACEHOLDER_KEYS)
            return; /* a document with this many distinct placeholders is noise */
        v = &e->ph[e->nph++];
        memcpy(v->key, key, n);
        v->len = (uint8_t)n;
    }
    v->votes[group] += w;
    v->total += w;
}

/* A private-use code point is the code a font gave one glyph: once most
 * of its votes go to one group, that is its group, and the rest is the
 * readings that lean on the language model against it ("di<U+E03D>": dick,
 * where the code is ct everywhere else). The other groups keep SINGLE_LEAK
 * of their share. Not so U+FFFD (every glyph without a code); nor controls
 * document-wide (glyph numbers, which each font subset of a document
 * counts anew), only by place (localvotes.h). */
#define SINGLE_SHARE 0.75
#define SINGLE_MIN_VOTES 5.0
#define SINGLE_LEAK 0.01
#define SINGLE_FLOOR 1e-4 /* of a share: the least a group keeps */

static int private_use(const char *key, size_t n)
{
    /* U+E000 .. U+F8FF: EE 80 80 .. EF A3 BF */
    const unsigned char *k = (const unsigned char *)key;
    return n == 3 && (k[0] == 0xEE || (k[0] == 0xEF && k[1] <= 0xA3));
}

double lf_evidence_placeholder_prob(const lf_evidence *e, const char *key, size_t n, int group)
{
    /* Before any vote every group is equally likely; votes sharpen it (one
     * extraction maps one glyph one way), but a U+FFFD shared by all
     * ligatures keeps its votes spread. */
    const double prior = 0.5;
    const lf_placeholder_votes *v = find_key(e, key, n);
    double total = v ? v->total : 0;
    double p = ((v ? v->votes[group] : 0) + prior / lf_group_count) / (total + prior);
    if (!v || !private_use(key, n))
        return p;
    double p_top = lf_one_glyph_top(v->votes, total, prior / lf_group_count, prior, group);
    return p_top < 0 ? p : p_top;
}

double lf_one_glyph_top(const double *votes, double total, double pseudo, double pseudo_total,
                        int group)
{
    if (total < SINGLE_MIN_VOTES)
        return -1;
    int top = 0;
    for (int g = 1; g < lf_group_count; g++)
        if (votes[g] > votes[top])
            top = g;
    if (votes[top] < SINGLE_SHARE * total)
        return -1;
    double p_top = (votes[top] + pseudo) / (total + pseudo_total);
    double p = (votes[group] + pseudo) / (total + pseudo_total);
    /* never 0: a reading through another group is unlikely, not -inf */
    if (p < SINGLE_FLOOR)
        p = SINGLE_FLOOR;
    return group == top ? 1 - SINGLE_LEAK * (1 - p_top) : SINGLE_LEAK * p;
}

/* log10 odds that the pair is active, from d damaged and c clean occurrences. */
static double active_log_odds(double d, double c)
{
    double rho = d / (d + c + 1e-9);
    if (rho < MIN_ACTIVE_RATE)
        rho = MIN_ACTIVE_RATE;
    double l_active = d * log10(rho) + c * log10(1 - rho) - 1.0; /* -1: one more parameter */
    double l_noise = d * log10(NOISE_RATE) + c * log10(1 - NOISE_RATE);
    return l_active - l_noise + log10(PRIOR_ACTIVE / (1 - PRIOR_ACTIVE));
}

double lf_evidence_rate(const lf_evidence *e, int g, int m)
{
    if (e->forced)
        return (e->forced_groups & (1u << g)) && (e->forced_modes & (1u << m)) ? 0.9
                                                                                : INACTIVE_RATE;
    double clean_total = 0, group_damaged = 0;
    for (int k = 0; k < lf_group_count; k++)
        clean_total += e->clean[k];
    for (int k = 0; k < LF_MODE_COUNT; k++)
        group_damaged += e->damaged[g][k];
    double mode_rate = (e->mode_total[m] + INACTIVE_RATE) / (e->total + clean_total + 1.0);
    double r = (e->damaged[g][m] + PRIOR_WEIGHT * mode_rate) /
               (group_damaged + e->clean[g] + PRIOR_WEIGHT);
    double odds = active_log_odds(e->damaged[g][m], e->clean[g]);
    double p_active = 1.0 / (1.0 + pow(10.0, -odds));
    double rate = p_active * r + (1 - p_active) * INACTIVE_RATE;
    return rate < INACTIVE_RATE ? INACTIVE_RATE : rate;
}

void lf_evidence_edge(lf_evidence *e, int space, double w)
{
    if (space)
        e->edge_space += w;
    else
        e->edge_vanish += w;
}

double lf_evidence_rate_at(const lf_evidence *e, int g, int m, int edge)
{
    double r = lf_evidence_rate(e, g, m);
    if (e->forced || (m != LF_MODE_VANISH && m != LF_MODE_SPACE))
        return r;
    /* how far edge damage shows as vanished glyphs (merged with the word's
     * space) rather than as stray spaces: none where spaces are the rule,
     * all where they never show */
    double merged = (e->edge_vanish - e->edge_space) /
                    (e->edge_vanish + e->edge_space + EDGE_PRIOR);
    /* ... and only where damage inside words is spaces: a document that
     * drops glyphs everywhere shows vanished ones at edges too */
    double inside_vanish = e->mode_total[LF_MODE_VANISH] - e->edge_vanish;
    if (inside_vanish < 0)
        inside_vanish = 0;
    merged *= e->mode_total[LF_MODE_SPACE] /
              (e->mode_total[LF_MODE_SPACE] + inside_vanish + EDGE_PRIOR);
    if (merged < MERGED_MIN)
        return r;
    /* there, a glyph vanished at an edge is a space, and the other way
     * round: a group seen only vanished at edges (le for left) becomes a
     * space inside words (a er) */
    double s = 0;
    if (edge && m == LF_MODE_VANISH)
        s = merged * lf_evidence_rate(e, g, LF_MODE_SPACE);
    else if (!edge && m == LF_MODE_SPACE)
        s = merged * lf_evidence_rate(e, g, LF_MODE_VANISH);
    return s > r ? s : r;
}

int lf_evidence_mode_active(const lf_evidence *e, int m)
{
    if (e->forced)
        return (e->forced_modes >> m) & 1;
    for (int g = 0; g < lf_group_count; g++)
        if (lf_evidence_rate(e, g, m) >= ACTIVE_RATE)
            return 1;
    return 0;
}

void lf_evidence_rates(const lf_evidence *e, lf_rates *out)
{
    memset(out, 0, sizeof *out);
    for (int m = 0; m < LF_MODE_COUNT; m++) {
        for (int g = 0; g < lf_group_count; g++) {
            if (lf_evidence_rate(e, g, m) >= ACTIVE_RATE)
                out->active[m] = 1;
            out->rate[g][m] = lf_evidence_rate_at(e, g, m, 0);
            out->edge_rate[g][m] = lf_evidence_rate_at(e, g, m, 1);
            out->log_rate[g][m] = log10(out->rate[g][m]);
            out->log_edge_rate[g][m] = log10(out->edge_rate[g][m]);
        }
        if (e->forced)
            out->active[m] = (uint8_t)((e->forced_modes >> m) & 1);
    }
}

int lf_groups_in_word(const char *w, size_t n, int capital, uint8_t *out, int max)
{
    int k = 0;
    for (size_t i = 0; i < n && k < max;) {
        int best = -1;
        /* only the groups that begin with the byte (most bytes begin none) */
        for (lf_group_mask m = lf_groups_starting_with((unsigned char)w[i]); m; m &= m - 1) {
            int g = __builtin_ctz(m);
            const lf_group *gr = &lf_groups[g];
            /* a capital group counts only where a capitalised word starts */
            if ((gr->flags & LF_GROUP_CAPITAL) && (i != 0 || !capital))
                continue;
            if (gr->len <= n - i && memcmp(w + i, gr->letters, gr->len) == 0 &&
                (best < 0 || gr->len > lf_groups[best].len))
                best = g;
        }
        if (best < 0) {
            i++;
        } else {
            out[k++] = (uint8_t)best;
            i += lf_groups[best].len;
        }
    }
    return k;
}
