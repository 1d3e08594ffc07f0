/* Repair: the one-way pipeline of a scan.
 *   tokens -> units with candidates (units.c)
 *          -> document evidence (which damage this document shows)
 *          -> clusters of overlapping units, every reading scored in context
 *          -> spans.
 * A cluster's readings compete as alternatives over the same bytes, so a
 * word is never both a vanished-glyph repair and half of a split word, and
 * the posterior is over everything that could explain those bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "casing.h"
#include "error.h"
#include "glyphname.h"
#include "lmcache.h"
#include "lmtape.h"
#include "result.h"
#include "score.h"
#include "screen.h"
#include "units.h"

#define LOGP_STRAY_CP (-30.0)   /* a word with a stray code point, kept as is */
#define LOGP_STRAY_SPACE (-1.5) /* a double space no repair explains */
#define EMIT_MIN 0.20           /* spans below this confidence (nearly all wrong) are not reported */
#define EM_ROUNDS 3
#define EM_START_RATE 0.1       /* what the first round assumes of every pair */
#define CLUSTER_WORDS 12
#define MAX_READINGS 24
#define MAX_ALTS 5

typedef struct {
    uint32_t first, n;    /* items, sorted by start */
    uint32_t tf, tl;      /* word tokens spanned */
    size_t start, end;
    int strays;           /* unexplained double spaces beside its words */
    int edge_end;         /* its last unit ends by taking in a stray space */
} cluster;

/* The words either side of a cluster: two each side, nearest first; a
 * sentence marker where the sentence ends; absent (has 0) past it. */
typedef struct {
    uint32_t prev[2], next[2];
    uint8_t prev_has[2], next_has[2], next_marker[2];
} cluster_around;

/* The observed words of a cluster, ready for the language model. */
typedef struct {
    int n;
    uint32_t tok[CLUSTER_WORDS];
    uint32_t id[CLUSTER_WORDS]; /* context ids; LF_CTX_NONE for non-words */
    double prior[CLUSTER_WORDS];
    double share[CLUSTER_WORDS]; /* lf_doc_share */
    /* A non-word that joins a neighbour into a word ("wh ile"): that word,
     * its prior, and the price of reading it so (the stray space, less the
     * other half's own price); split_has 0 where there is none. */
    uint8_t split_has[CLUSTER_WORDS];
    uint32_t split_id[CLUSTER_WORDS];
    double split_prior[CLUSTER_WORDS], split_extra[CLUSTER_WORDS];
    /* Where both halves are cluster words i and i + 1: joined[i] is set,
     * join_src[i] is the half whose split_* say the word, and the pair is
     * read as that one word, unless a reading replaces either half. */
    uint8_t joined[CLUSTER_WORDS];
    uint8_t join_src[CLUSTER_WORDS];
    uint32_t split_tok[CLUSTER_WORDS]; /* the other half's token */
    cluster_around around;
} cluster_words;

typedef struct {
    double score;
    int32_t item; /* index into the cluster's items; -1 keeps the text */
    int32_t cand;
} reading;

/* ---- clusters ------------------------------------------------------------ */

static lf_item *item_at(ligfix_checker *c, uint32_t i) { return (lf_item *)c->items.v + i; }

/* Items go by start, the longer first at one start: a before b. */
static int item_before(const lf_item *a, const lf_item *b)
{
    return a->start != b->start ? a->start < b->start : a->end > b->end;
}

/* Merges the sorted runs x[0 .. mid) and x[mid .. n) of indices into v
 * into out, stably. */
static void merge_runs(const lf_item *v, const uint32_t *x, size_t mid, size_t n, uint32_t *out)
{
    size_t i = 0, j = mid, o = 0;
    while (i < mid && j < n)
        out[o++] = item_before(&v[x[j]], &v[x[i]]) ? x[j++] : x[i++];
    while (i < mid)
        out[o++] = x[i++];
    while (j < n)
        out[o++] = x[j++];
}

/* Where the sorted run of x beginning at a ends. */
static size_t run_end(const lf_item *v, const uint32_t *x, size_t a, size_t n)
{
    size_t e = a + 1;
    while (e < n && !item_before(&v[x[e]], &v[x[e - 1]]))
        e++;
    return e;
}

/* Sorts items by start, longer first, ties in their order (as qsort's
 * merge sort did), through their indices (4 bytes to move, not an item's
 * 64), then moves each once. The items come in sorted runs (a pass's units
 * are in text order): runs are merged pairwise, each pass halving them,
 * with no call per comparison. 0, or -1 when out of memory. */
static int sort_items(lf_item *v, size_t n)
{
    size_t sorted = 1;
    while (sorted < n && !item_before(&v[sorted], &v[sorted - 1]))
        sorted++;
    if (sorted >= n)
        return 0;
    uint32_t *x = lf_malloc(2 * n * sizeof *x);
    lf_item *moved = lf_malloc(n * sizeof *moved);
    if (!x || !moved) {
        lf_free(x);
        lf_free(moved);
        return -1;
    }
    uint32_t *from = x, *to = x + n;
    for (size_t i = 0; i < n; i++)
        from[i] = (uint32_t)i;
    while (run_end(v, from, 0, n) < n) {
        for (size_t a = 0; a < n;) {
            size_t mid = run_end(v, from, a, n), b = mid < n ? run_end(v, from, mid, n) : n;
            merge_runs(v, from + a, mid - a, b - a, to + a);
            a = b;
        }
        uint32_t *t = from;
        from = to;
        to = t;
    }
    for (size_t i = 0; i < n; i++)
        moved[i] = v[from[i]];
    memcpy(v, moved, n * sizeof *v);
    lf_free(x);
    lf_free(moved);
    return 0;
}

static int word_count(const lf_tokens *tk, uint32_t tf, uint32_t tl)
{
    int n = 0;
    for (uint32_t k = tf; k <= tl; k++)
        n += lf_is_word(tk, k);
    return n;
}

static int count_strays(ligfix_checker *c, const char *text, size_t len, uint32_t tf, uint32_t tl)
{
    int n = 0;
    for (uint32_t k = tf; k <= tl; k++)
        if (lf_is_word(&c->toks, k))
            n += lf_stray_before(text, c->toks.v[k].start) +
                 lf_stray_after(text, len, c->toks.v[k].end);
    return n;
}

/* Groups items [from, to) (sorted) into clusters of overlapping ones. */
static int make_clusters(ligfix_checker *c, const char *text, size_t len, uint32_t from,
                         uint32_t to, lf_vec *out)
{
    out->n = 0;
    cluster *cur = NULL;
    for (uint32_t i = from; i < to; i++) {
        lf_item *it = item_at(c, i);
        uint32_t tl = cur && it->tok_last > cur->tl ? it->tok_last : cur ? cur->tl : 0;
        /* a chain of overlaps too long to weigh at once goes on in a new
         * cluster; emission keeps spans from overlapping */
        /* units that meet at a stray space compete for it */
        int meets = cur && it->start == cur->end && (it->edge || cur->edge_end);
        if (cur && (it->start < cur->end || meets) &&
            word_count(&c->toks, cur->tf, tl) <= CLUSTER_WORDS) {
            cur->n = i + 1 - cur->first;
            cur->tl = tl;
            if (it->end >= cur->end) {
                cur->edge_end = it->edge && it->end > it->start && text[it->end - 1] == ' ';
                cur->end = it->end;
            }
            continue;
        }
        if (!(cur = lf_vec_push(out)))
            return -1;
        *cur = (cluster){i, 1, it->tok_first, it->tok_last, it->start, it->end, 0,
                         it->edge && text[it->end - 1] == ' '};
    }
    for (size_t k = 0; k < out->n; k++) {
        cluster *cl = (cluster *)out->v + k;
        cl->strays = count_strays(c, text, len, cl->tf, cl->tl);
    }
    return 0;
}

static int sentence_break(const char *s, size_t n)
{
    int newlines = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';' || s[i] == ':')
            return 1;
        if (s[i] == '\n' && ++newlines >= 2)
            return 1;
    }
    return 0;
}

/* A damaged neighbour (ater) stands for the word it most likely was where
 * prior and the document's damage leave little doubt, so that the context
 * beyond a cluster is the text's own and not a gap (LF_CTX_NONE if none). */
#define NEIGHBOUR_SURE 0.9

static uint32_t likely_reading(ligfix_checker *c, const lf_type_rec *r)
{
    double best = -1e300, sum = pow(10.0, LOGP_NONWORD);
    uint32_t id = LF_CTX_NONE;
    for (uint32_t k = 0; k < r->ncand; k++) {
        const lf_cand_rec *q = lf_cand_at(&c->tcands, r->cand_off + k);
        double s = q->prior;
        for (int j = 0; j < q->nsites; j++)
            s += log10(lf_site_rate(&c->rates, 0, q, j));
        sum += pow(10.0, s);
        if (s > best) {
            best = s;
            id = q->ctx_id;
        }
    }
    return pow(10.0, best) >= NEIGHBOUR_SURE * sum ? id : LF_CTX_NONE;
}

/* The two words next to the cluster on one side, nearest first, as the
 * language model sees them (a non-word as its likely reading, once the
 * document's rates are known, else LF_CTX_NONE); the sentence marker
 * stands where the sentence ends, and nothing beyond it. */
static int neighbours(ligfix_checker *c, const char *text, uint32_t from, int step,
                      uint32_t id[2], uint8_t has[2], uint8_t marker[2])
{
    const lf_tokens *tk = &c->toks;
    has[0] = has[1] = marker[0] = marker[1] = 0;
    int got = 0;
    for (long k = (long)from + step; got < 2 && k >= 0 && (size_t)k < tk->n; k += step) {
        const lf_token *t = &tk->v[k];
        if (t->kind == LIGFIX_TOKEN_WORD) {
            uint32_t ti = lf_token_type(c, text, (size_t)k);
            if (ti == UINT32_MAX)
                return -1;
            const lf_type_rec *r = lf_type_lm(c, ti);
            id[got] = r->valid && r->lower_len ? r->ctx_id
                      : !r->valid && r->ncand      ? likely_reading(c, r)
                                                   : LF_CTX_NONE;
            has[got++] = 1;
            continue;
        }
        if (sentence_break(text + t->start, t->end - t->start))
            break;
    }
    if (got < 2) {
        id[got] = lf_context_marker(c->model->ctx, step > 0);
        has[got] = marker[got] = 1;
    }
    return 0;
}

/* The log10 prior of a known word (its LM unigram, else the price of a
 * dictionary word the data lacks), LOGP_NONWORD if it is no word. */
static double known_prior(const lf_context *ctx, int valid, uint32_t id)
{
    double p = lf_context_id_is_word(ctx, id) ? lf_context_unigram_id(ctx, id)
               : !valid                       ? LOGP_NONWORD
               : ctx                          ? LOGP_VALID_OOV
                                              : LOGP_FLAT;
    return p < LOGP_NONWORD ? LOGP_NONWORD : p;
}

/* log10 of the price of reading two words as one split by a stray space,
 * from how often the document's non-words join a neighbour into a
 * dictionary word: some extractors split words anywhere, most never do.
 * Where most non-words beside a word do not join it (they were split at a
 * lost ligature) the few that do are less often stray: the rate is
 * weighed by that share, against STRAY_JOIN_SHARE. */
#define STRAY_SPLIT_PSEUDO 200.0 /* words */
#define STRAY_PAIRS_PSEUDO 20.0  /* pairs */
#define STRAY_JOIN_SHARE 0.1

static double stray_split_logp(const ligfix_checker *c)
{
    double joins = (double)c->stray_joins + 1;
    double p = log10(joins / ((double)c->doc_words + STRAY_SPLIT_PSEUDO)) +
               log10(joins / ((double)c->split_pairs + STRAY_PAIRS_PSEUDO) / STRAY_JOIN_SHARE);
    return p < LOGP_STRAY_SPACE ? p : LOGP_STRAY_SPACE;
}

/* Extractors also put stray spaces inside words: a non-word (even one the
 * language model knows, "wa s") that joins a neighbour into a dictionary
 * word ("wh ile") is read as that word split, not as a lost ligature ("wh
 * file"), where that beats reading it as it stands. */
static int find_split_word(ligfix_checker *c, const char *text, cluster_words *cw, int i)
{
    const lf_tokens *tk = &c->toks;
    const lf_context *ctx = c->model->ctx;
    long k = cw->tok[i];
    double best = cw->prior[i];
    cw->split_has[i] = 0;
    for (int side = -1; side <= 1; side += 2) {
        long o = k + 2 * side;
        if (o < 0 || (size_t)o >= tk->n)
            continue;
        char word[WORD_MAX + 8], low[WORD_MAX + 8];
        long n = lf_join_across_space(c, text, (size_t)(side < 0 ? o : k), word, sizeof word, 0);
        if (n < 0)
            return -1;
        long l = n ? lf_case_lower(word, (size_t)n, low, sizeof low) : -1;
        if (l <= 0)
            continue;
        /* a space beside a ligature's letters (media tion, democrati zation)
         * is the glyph's, and read as its damage (a space unit) */
        size_t nl = c->toks.v[side < 0 ? o : k].end - c->toks.v[side < 0 ? o : k].start;
        if (l == n && lf_group_across_gap(low, nl, low + nl, (size_t)l - nl, c->groups, 1) >= 0)
            continue;
        uint32_t id = lf_context_id(ctx, low, (size_t)l);
        double p = known_prior(ctx, 1, id);
        /* the other half, as the readings that keep it a word pay for it */
        uint32_t ho = lf_token_type(c, text, (size_t)o);
        if (ho == UINT32_MAX)
            return -1;
        const lf_type_rec *h = lf_type_lm(c, ho);
        double extra = c->stray_logp - known_prior(ctx, h->valid && h->lower_len, h->ctx_id);
        if (p + extra > best) {
            best = p + extra;
            cw->split_has[i] = 1;
            cw->split_tok[i] = (uint32_t)o;
            cw->split_id[i] = id;
            cw->split_prior[i] = p;
            cw->split_extra[i] = extra;
        }
    }
    return 0;
}

/* find_split_word's answer for a token, kept for the scan (a cluster's
 * words are loaded once per evidence round and scoring round). */
typedef struct {
    uint8_t has;
    uint32_t tok, id;
    double prior, extra;
} split_memo;

static int split_memo_begin(ligfix_checker *c)
{
    c->splits.size = sizeof(split_memo);
    c->splits.n = 0;
    return lf_vec_fill(&c->tok_split, c->toks.n, 0);
}

static int find_split_word_kept(ligfix_checker *c, const char *text, cluster_words *cw, int i)
{
    uint32_t *slot = (uint32_t *)c->tok_split.v + cw->tok[i];
    if (*slot) {
        const split_memo *m = (const split_memo *)c->splits.v + *slot - 1;
        cw->split_has[i] = m->has;
        if (m->has) {
            cw->split_tok[i] = m->tok;
            cw->split_id[i] = m->id;
            cw->split_prior[i] = m->prior;
            cw->split_extra[i] = m->extra;
        }
        return 0;
    }
    if (find_split_word(c, text, cw, i) < 0)
        return -1;
    split_memo *m = lf_vec_push(&c->splits);
    if (!m)
        return -1;
    *m = (split_memo){cw->split_has[i], 0, 0, 0, 0};
    if (m->has) {
        m->tok = cw->split_tok[i];
        m->id = cw->split_id[i];
        m->prior = cw->split_prior[i];
        m->extra = cw->split_extra[i];
    }
    *slot = (uint32_t)c->splits.n;
    return 0;
}

/* A split word whose other half is the next cluster word is read as one
 * word in place of both, each half in one pair at most (the first found). */
static void pair_halves(cluster_words *cw, double cost)
{
    for (int i = 0; i + 1 < cw->n; i++) {
        int src = cw->split_has[i] && cw->split_tok[i] == cw->tok[i + 1]       ? i
                  : cw->split_has[i + 1] && cw->split_tok[i + 1] == cw->tok[i] ? i + 1
                                                                               : -1;
        if (src < 0 || (i > 0 && cw->joined[i - 1]))
            continue;
        cw->joined[i] = 1;
        cw->join_src[i] = (uint8_t)src;
        /* the other half is not scored: the stray space is the whole price */
        cw->split_extra[src] = cost;
        cw->split_has[i] = cw->split_has[i + 1] = 0;
    }
}

/* The cluster's words into cw; with_context, also the words either side
 * for the language model, non-words among them read as their likeliest
 * reading (without it, scoring prices words by their priors alone). */
static int load_words(ligfix_checker *c, const char *text, const cluster *cl, int with_context,
                      cluster_words *cw)
{
    const lf_context *ctx = c->model->ctx;
    cw->n = 0;
    for (uint32_t k = cl->tf; k <= cl->tl; k++) {
        const lf_token *t = &c->toks.v[k];
        if (t->kind != LIGFIX_TOKEN_WORD || cw->n == CLUSTER_WORDS)
            continue;
        uint32_t ti = lf_token_type(c, text, k);
        if (ti == UINT32_MAX)
            return -1;
        const lf_type_rec *r = lf_type_lm(c, ti);
        int i = cw->n++;
        /* A word Hunspell lacks but the language model knows ('Tis, le) is
         * priced by the model: common enough there, it is no damage. */
        int valid = r->valid && r->lower_len;
        int in_lm = lf_context_id_is_word(ctx, r->ctx_id);
        cw->tok[i] = k;
        cw->id[i] = valid || in_lm ? r->ctx_id : LF_CTX_NONE;
        cw->prior[i] = known_prior(ctx, valid, r->ctx_id);
        cw->share[i] = valid && c->doc_words ? (double)r->count / (double)c->doc_words : 0;
        cw->split_has[i] = 0;
        cw->joined[i] = 0;
        if (!valid && find_split_word_kept(c, text, cw, i) < 0)
            return -1;
    }
    pair_halves(cw, c->stray_logp);
    if (!with_context) {
        for (int k = 0; k < 2; k++) {
            cw->around.prev[k] = cw->around.next[k] = LF_CTX_NONE;
            cw->around.prev_has[k] = cw->around.next_has[k] = cw->around.next_marker[k] = 0;
        }
        return 0;
    }
    uint8_t start_marker[2];
    cluster_around *a = &cw->around;
    if (neighbours(c, text, cl->tf, -1, a->prev, a->prev_has, start_marker) < 0 ||
        neighbours(c, text, cl->tl, +1, a->next, a->next_has, a->next_marker) < 0)
        return -1;
    return 0;
}

/* ---- the language model over a reading ------------------------------------ */

typedef struct {
    const lf_context *ctx;
    lf_lmcache *memo;
    lf_lmtape *tape;
    uint32_t p1, p2; /* the last word and the one before (LF_CTX_NONE: unknown) */
    int has2;        /* p2 is there (else the history is one word) */
    double s;
} lm_walk;

/* log10 P(w | history): the trigram where two words of history are known. */
static double lm_prob(const lm_walk *m, uint32_t w)
{
    /* with one word of history, the bigram: the trigram without w1 */
    uint32_t x = m->has2 ? m->p2 : LF_CTX_NONE;
    float p;
    if (!lf_lmtape_next(m->tape, x, m->p1, w, &p)) {
        p = lf_lmcache_trigram(m->memo, m->ctx, x, m->p1, w);
        lf_lmtape_put(m->tape, x, m->p1, w, p);
    }
    return p;
}

static void lm_push(lm_walk *m, uint32_t w)
{
    m->p2 = m->p1;
    m->has2 = 1;
    m->p1 = w;
}

/* A word in context (or the prior of a word the data lacks), mixed with how
 * much this document uses the word, as a cache model does: a word a
 * document repeats (a name, dialect) is no rarity there. */
static void lm_word(lm_walk *m, uint32_t id, double prior, double share)
{
    double lp;
    if (m->ctx && lf_context_id_is_word(m->ctx, id)) {
        lp = lm_prob(m, id);
        lm_push(m, id);
    } else {
        lp = prior;
        lm_push(m, LF_CTX_NONE);
    }
    if (share > 0)
        lp = log10((1 - CACHE_WEIGHT) * pow(10.0, lp) + CACHE_WEIGHT * share);
    m->s += lp;
}

/* The words after the cluster: how well each reading leads into them. */
static void lm_end(lm_walk *m, const cluster_words *cw)
{
    const cluster_around *a = &cw->around;
    for (int k = 0; m->ctx && k < 2 && a->next_has[k]; k++) {
        uint32_t q = a->next[k];
        if (!a->next_marker[k] && !lf_context_id_is_word(m->ctx, q))
            return; /* the same for every reading */
        m->s += lm_prob(m, q);
        if (a->next_marker[k])
            return;
        lm_push(m, q);
    }
}

static void lm_start(lm_walk *m, const lf_context *ctx, ligfix_checker *c,
                     const cluster_words *cw)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
    m->memo = &c->lm_memo;
    m->tape = &c->lm_tape;
    m->p1 = cw->around.prev[0];
    m->p2 = cw->around.prev[1];
    m->has2 = cw->around.prev_has[1];
}

/* log10 score of the cluster's words with item it (or none) read as cand,
 * a word making up share of the document (the cache's part of its score).
 * with_context 0 prices words by their prior alone (for evidence). */
static double lm_reading(ligfix_checker *c, const cluster_words *cw, const lf_item *it,
                         const lf_cand_rec *cand, double share, int with_context)
{
    lm_walk m;
    lm_start(&m, with_context ? c->model->ctx : NULL, c, cw);
    int done = 0;
    for (int i = 0; i < cw->n; i++) {
        if (it && cw->tok[i] >= it->tok_first && cw->tok[i] <= it->tok_last) {
            if (!done)
                lm_word(&m, cand->ctx_id, cand->prior, share);
            done = 1;
            continue;
        }
        if (cw->joined[i] && !(it && cw->tok[i + 1] >= it->tok_first &&
                               cw->tok[i + 1] <= it->tok_last)) {
            int src = cw->join_src[i];
            lm_word(&m, cw->split_id[src], cw->split_prior[src], 0);
            m.s += cw->split_extra[src];
            i++;
            continue;
        }
        if (cw->split_has[i]) {
            lm_word(&m, cw->split_id[i], cw->split_prior[i], 0);
            m.s += cw->split_extra[i];
            continue;
        }
        lm_word(&m, cw->id[i], cw->prior[i], cw->share[i]);
    }
    if (it && !done) /* a unit with no word token of its own */
        lm_word(&m, cand->ctx_id, cand->prior, share);
    lm_end(&m, cw);
    return m.s;
}

/* ---- the channel: how likely this damage is in this document ---------- */

static void site_key(const lf_item *it, int site, uint32_t *off, uint8_t *len)
{
    int k = site < it->nglue ? site : it->nglue - 1;
    *off = it->glue_off[k];
    *len = it->glue_len[k];
}

/* How far around a control-code placeholder its votes are read: about a
 * page of text, the span of one font subset in a PostScript extraction;
 * NEAR_PRIOR pseudo-votes of the document's view fill in. */
#define NEAR_WINDOW 1500u
#define NEAR_PRIOR 2.0

static double near_prob(const lf_localvotes *near, const char *text, uint32_t off, int group,
                        double p_doc)
{
    double v[sizeof(lf_group_mask) * 8];
    double total = lf_localvotes_near(near, (unsigned char)text[off], off, NEAR_WINDOW, v);
    /* within a page a control is one glyph, as a private-use code is */
    double p = lf_one_glyph_top(v, total, 0, 0, group);
    return p >= 0 ? p : (v[group] + NEAR_PRIOR * p_doc) / (total + NEAR_PRIOR);
}

static double channel(const lf_evidence *ev, const lf_rates *rt, const lf_localvotes *near,
                      int optimistic, const char *text, const lf_item *it, const lf_cand_rec *r)
{
    double s = 0;
    for (int k = 0; k < r->nsites; k++) {
        double p;
        if (it->kind == ITEM_CODEPOINT) {
            p = 1.0;
        } else if (r->mode == LF_MODE_PLACEHOLDER) {
            uint32_t off;
            uint8_t len;
            site_key(it, k, &off, &len);
            p = lf_evidence_placeholder_prob(ev, text + off, len, r->group[k]);
            if (lf_localvotes_key(text + off, len))
                p = near_prob(near, text, off, r->group[k], p);
        } else if (!optimistic) {
            s += lf_site_log_rate(rt, it->edge, r, k);
            continue;
        } else {
            p = EM_START_RATE;
        }
        s += log10(p);
    }
    return s;
}

static int is_realword_unit(const lf_item *it);
static uint32_t unit_type_index(const ligfix_checker *c, const lf_item *it);

/* Whether candidate r of item it takes part in scoring: a dictionary word
 * is only read as damaged the way the document shows, and as words likely
 * enough beside it (floor: lf_realword_floor of its type, or -INFINITY). */
static int usable(const ligfix_checker *c, const lf_item *it, const lf_cand_rec *r,
                  const lf_rates *rt, int optimistic, double floor)
{
    return !it->observed_valid || optimistic ||
           lf_realword_eligible(c, rt, it->edge, r, lf_item_pool(c, it), floor);
}

/* The floor usable() holds item it's readings to. */
static double unit_floor(ligfix_checker *c, const lf_item *it)
{
    return is_realword_unit(it) ? lf_realword_floor(c, unit_type_index(c, it)) : -INFINITY;
}

/* Whether an earlier usable candidate of the item spells the same word. */
static int same_word_before(const ligfix_checker *c, const lf_vec *cv, const char *pool,
                            const lf_item *it, uint32_t k, const lf_rates *rt, int optimistic,
                            double floor)
{
    const lf_cand_rec *r = lf_cand_at(cv, it->cand_off + k);
    for (uint32_t j = 0; j < k; j++) {
        const lf_cand_rec *q = lf_cand_at(cv, it->cand_off + j);
        if (q->len == r->len && usable(c, it, q, rt, optimistic, floor) &&
            memcmp(pool + q->word_off, pool + r->word_off, r->len) == 0)
            return 1;
    }
    return 0;
}

/* ---- what the readings make of the document ----------------------------- */

/* What the scan has worked out about a candidate of the checker's tcands,
 * valid while its stamps are the scan's cand_stamp. For a word unit's
 * reading by it, what the reading costs besides the language model once
 * the document's rates are weighed: whether it is read at all, its channel
 * (summed over the routes to the same word) and the word's share of the
 * document; every occurrence of the type asks the same, once per scoring
 * round. And its word's index among the hidden words + 1 (the real-word
 * rounds ask again and again). */
typedef struct {
    uint32_t stamp; /* skip, ch and share are this scan's */
    uint32_t hidden_stamp, hidden1; /* hidden1 is this scan's */
    uint8_t skip;
    double ch, share;
} cand_memo;

/* A document that damages "latter" into "later" every time never shows
 * "latter" intact, so a cache of its intact words calls the word rare
 * there however often its readings find it. The real-word rounds also
 * tally, per word, the posterior mass the document's readings give it (its
 * damaged occurrences), and a word's share takes that in. */
typedef struct {
    double mass;  /* this round's tally */
    double level; /* the share the last scores used */
    float prior;
    uint8_t moved;
} hidden_word;

typedef struct {
    lf_strmap index; /* word -> index in words */
    lf_vec words;    /* hidden_word */
    /* the cluster being scored again: its last readings, whose own part
     * of a word's mass is left out (a cache of the rest of the document) */
    const reading *rd;
    const double *post;
    int n;
} hidden_shares;

/* Item it's candidate k's word in words: its index, or -1 if not there
 * (yet: only indices found are kept, as words are added in the rounds). */
static long hidden_index(ligfix_checker *c, hidden_shares *hs, const lf_item *it, uint32_t k)
{
    size_t ci = (size_t)it->cand_off + k;
    cand_memo *m = !it->chunk_cands && ci < c->cand_memo.n ? (cand_memo *)c->cand_memo.v + ci
                                                            : NULL;
    if (m && m->hidden_stamp == c->cand_stamp)
        return (long)m->hidden1 - 1;
    const lf_cand_rec *r = lf_cand_at(lf_item_cands(c, it), (uint32_t)ci);
    const uint32_t *slot = lf_strmap_get(&hs->index, lf_item_pool(c, it) + r->word_off, r->len);
    if (!slot)
        return -1;
    if (m) {
        m->hidden_stamp = c->cand_stamp;
        m->hidden1 = *slot + 1;
    }
    return (long)*slot;
}

static const hidden_word *hidden_at(ligfix_checker *c, hidden_shares *hs, const lf_item *it,
                                    uint32_t k)
{
    long h = hidden_index(c, hs, it, k);
    return h < 0 ? NULL : (const hidden_word *)hs->words.v + h;
}

/* The share of item it's candidate k's word the rest of the document's
 * readings make (item: its index in the cluster). */
static double hidden_share(ligfix_checker *c, hidden_shares *hs, int32_t item, const lf_item *it,
                           int32_t cand)
{
    const hidden_word *h = hidden_at(c, hs, it, (uint32_t)cand);
    if (!h || !c->doc_words)
        return 0;
    double own = 0;
    for (int i = 0; i < hs->n; i++)
        if (hs->rd[i].item == item && hs->rd[i].cand == cand)
            own = hs->post[i];
    double mass = h->level * (double)c->doc_words - own;
    return mass > 0 ? mass / (double)c->doc_words : 0;
}

/* Readies the memo for this scan's rates and candidates: 0, or -1 when out
 * of memory. */
static int cand_memo_begin(ligfix_checker *c)
{
    lf_vec *m = &c->cand_memo;
    m->size = sizeof(cand_memo);
    if (++c->cand_stamp == 0) { /* wrapped: no entry may look current */
        m->n = 0;
        c->cand_stamp = 1;
    }
    if (lf_vec_reserve(m, c->tcands.n) < 0)
        return -1;
    if (m->n < c->tcands.n) {
        memset((cand_memo *)m->v + m->n, 0, (c->tcands.n - m->n) * sizeof(cand_memo));
        m->n = c->tcands.n;
    }
    return 0;
}

/* Every reading of a cluster, scored; returns how many (keep first). With
 * hs, a rescoring: each candidate word's share takes in what the rest of
 * the document's readings make of it. */
static int score_cluster(ligfix_checker *c, const char *text, const cluster *cl,
                         const cluster_words *cw, const lf_evidence *ev, const lf_rates *rt,
                         int optimistic, int with_context, hidden_shares *hs, reading *rd)
{
    int has_stray_cp = 0;
    for (uint32_t i = 0; i < cl->n; i++) {
        int kind = item_at(c, cl->first + i)->kind;
        has_stray_cp |= kind == ITEM_PLACEHOLDER || kind == ITEM_CODEPOINT;
    }
    int n = 0;
    double keep = lm_reading(c, cw, NULL, NULL, 0, with_context) + cl->strays * LOGP_STRAY_SPACE;
    rd[n++] = (reading){has_stray_cp ? LOGP_STRAY_CP + keep : keep, -1, -1};
    for (uint32_t i = 0; i < cl->n; i++) {
        const lf_item *it = item_at(c, cl->first + i);
        const lf_vec *cv = lf_item_cands(c, it);
        const char *pool = lf_item_pool(c, it);
        int unexplained_cp = has_stray_cp && it->kind != ITEM_PLACEHOLDER &&
                             it->kind != ITEM_CODEPOINT;
        /* asked only where the memo has no answer (most times it has) */
        double floor = -INFINITY;
        int floor_known = 0;
        /* a word unit's candidates are its type's, priced the same for
         * every occurrence (edge 0, no glue) by the scan's own rates */
        cand_memo *memo = it->kind == ITEM_WORD && cv == &c->tcands && rt == &c->rates &&
                                  ev == &c->ev && !optimistic &&
                                  it->cand_off + it->ncand <= c->cand_memo.n
                              ? (cand_memo *)c->cand_memo.v + it->cand_off
                              : NULL;
        for (uint32_t k = 0; k < it->ncand; k++) {
            const lf_cand_rec *r = lf_cand_at(cv, it->cand_off + k);
            cand_memo got = memo ? memo[k] : (cand_memo){0};
            if (!memo || got.stamp != c->cand_stamp) {
                if (!floor_known) {
                    floor = unit_floor(c, it);
                    floor_known = 1;
                }
                got.skip = !usable(c, it, r, rt, optimistic, floor) ||
                           same_word_before(c, cv, pool, it, k, rt, optimistic, floor);
                got.ch = got.share = 0;
                if (!got.skip) {
                    /* A word reached by several routes (sill: still with st
                     * or ti damaged) is one reading; its channel is the sum
                     * of theirs. */
                    got.ch = channel(ev, rt, &c->ph_near, optimistic, text, it, r);
                    for (uint32_t j = k + 1; j < it->ncand; j++) {
                        const lf_cand_rec *q = lf_cand_at(cv, it->cand_off + j);
                        if (q->len == r->len && usable(c, it, q, rt, optimistic, floor) &&
                            memcmp(pool + q->word_off, pool + r->word_off, r->len) == 0) {
                            double cq = channel(ev, rt, &c->ph_near, optimistic, text, it, q);
                            got.ch = fmax(got.ch, cq) + log10(1 + pow(10.0, -fabs(got.ch - cq)));
                        }
                    }
                    got.share = lf_doc_share(c, pool + r->word_off, r->len);
                }
                if (memo) {
                    got.stamp = c->cand_stamp;
                    memo[k] = got;
                }
            }
            if (got.skip)
                continue;
            double ch = got.ch;
            double share = got.share +
                           (hs ? hidden_share(c, hs, (int32_t)i, it, (int32_t)k) : 0);
            double s = lm_reading(c, cw, it, r, share, with_context) + ch +
                       (cl->strays - it->edge) * LOGP_STRAY_SPACE +
                       (unexplained_cp ? LOGP_STRAY_CP : 0);
            reading cand = {s, (int32_t)i, (int32_t)k};
            if (n < MAX_READINGS) {
                rd[n++] = cand;
                continue;
            }
            int worst = 1;
            for (int q = 2; q < n; q++)
                if (rd[q].score < rd[worst].score)
                    worst = q;
            if (s > rd[worst].score)
                rd[worst] = cand;
        }
    }
    return n;
}

/* How much of the document's text damaged readings of a real word's unit
 * are expected to take up: the sum over its usable candidates of
 * 10^(prior + channel), a share of the document's words like the cache's. */
static double damaged_share(ligfix_checker *c, const char *text, const lf_item *it)
{
    const lf_vec *cv = lf_item_cands(c, it);
    double s = 0, floor = unit_floor(c, it);
    for (uint32_t k = 0; k < it->ncand; k++) {
        const lf_cand_rec *r = lf_cand_at(cv, it->cand_off + k);
        if (usable(c, it, r, &c->rates, 0, floor))
            s += pow(10.0, r->prior + channel(&c->ev, &c->rates, &c->ph_near, 0, text, it, r));
    }
    return s;
}

static int is_realword_unit(const lf_item *it)
{
    return it->observed_valid && it->kind == ITEM_WORD;
}

/* A real-word unit's type (its one token's, made in pass 1). */
static uint32_t unit_type_index(const ligfix_checker *c, const lf_item *it)
{
    return lf_token_type_seen(c, it->tok_first);
}

static const lf_type_rec *unit_type(ligfix_checker *c, const lf_item *it)
{
    return (const lf_type_rec *)c->type_recs.v + unit_type_index(c, it);
}

static double first_guess_share(ligfix_checker *c, const char *text, const lf_item *it)
{
    double share = c->doc_words ? (double)unit_type(c, it)->count / (double)c->doc_words : 0;
    return fmax(0.0, share - damaged_share(c, text, it));
}

/* Per word type, the share its scores last used (level; the first guess
 * to begin with) and whether the new tally moves it enough to score its
 * clusters again (moved). */
typedef struct {
    double *units, *intact, *level;
    uint8_t *moved;
    /* the first guess, the same for every unit of a type (its candidates
     * and the document's rates): worked out once per scan */
    double *first;
    uint8_t *first_known;
    /* per reading of scored (the same layout), doubles: its posterior,
     * worked out when first needed (the screen's, or the first tally's) and
     * again only for the clusters scored again since (post_ok per cluster) */
    lf_vec post;
    uint8_t *post_ok;
    hidden_shares hidden;
    size_t *tape; /* per cluster: where its first scoring's n-grams are on the checker's tape */
    cluster_around *around; /* per cluster: the words either side, as its first scoring found them */
    lf_screen screen;
    uint8_t *settled; /* per cluster: taken as written unscored (screen.h) */
} realword_tally;

static double type_first_guess(ligfix_checker *c, const char *text, const lf_item *it,
                               realword_tally *t)
{
    uint32_t ti = unit_type_index(c, it);
    if (!t->first_known[ti]) {
        t->first[ti] = first_guess_share(c, text, it);
        t->first_known[ti] = 1;
    }
    return t->first[ti];
}

/* A document that damages "matter" into "mater" every time uses "mater"
 * often: its count is inflated by the damage, and the cache must not take
 * that for the document's own use of the word. First guess: the share of
 * a dictionary word a real-word unit covers, less what its damaged
 * readings are expected to make of the document's words (a word the
 * document really repeats keeps most of it); realword_rounds then counts
 * the occurrences its readings in context leave intact. */
static void discount_damaged_shares(ligfix_checker *c, const char *text, const cluster *cl,
                                    cluster_words *cw, realword_tally *t)
{
    for (uint32_t j = 0; j < cl->n; j++) {
        const lf_item *it = item_at(c, cl->first + j);
        if (!is_realword_unit(it))
            continue;
        for (int i = 0; i < cw->n; i++)
            if (cw->tok[i] == it->tok_first && cw->share[i] > 0)
                cw->share[i] = type_first_guess(c, text, it, t);
    }
}

/* The posterior that word token tok of a cluster stays as it is: the
 * mass of the readings whose unit does not cover it. */
static double kept_posterior(ligfix_checker *c, const cluster *cl, const reading *rd, int n,
                             const double *post, uint32_t tok)
{
    double kept = 1;
    for (int i = 0; i < n; i++) {
        const lf_item *o = rd[i].item < 0 ? NULL : item_at(c, cl->first + (uint32_t)rd[i].item);
        if (o && o->tok_first <= tok && tok <= o->tok_last)
            kept -= post[i];
    }
    return kept > 0 ? kept : 0;
}

static void posteriors(const reading *rd, int n, double *post)
{
    for (int i = 0; i < n; i++)
        post[i] = rd[i].score;
    lf_softmax10(post, n);
}

/* Then, per word type, how many of its occurrences real-word units cover
 * (units) and how many of those its readings in context leave as they are
 * (intact, a sum of posteriors). */
static void tally_intact(ligfix_checker *c, const cluster *cl, const reading *rd, int n,
                         const double *post, double *units, double *intact)
{
    for (uint32_t j = 0; j < cl->n; j++) {
        const lf_item *it = item_at(c, cl->first + j);
        if (!is_realword_unit(it))
            continue;
        uint32_t tok = it->tok_first, ti = unit_type_index(c, it);
        units[ti] += 1;
        intact[ti] += kept_posterior(c, cl, rd, n, post, tok);
    }
}

/* ... and per word, the mass the cluster's readings give it. */
static int tally_hidden(ligfix_checker *c, const cluster *cl, const reading *rd, int n,
                        const double *post, hidden_shares *hs)
{
    for (int i = 0; i < n; i++) {
        if (rd[i].item < 0)
            continue;
        const lf_item *it = item_at(c, cl->first + (uint32_t)rd[i].item);
        long at = hidden_index(c, hs, it, (uint32_t)rd[i].cand);
        if (at < 0) {
            const lf_cand_rec *r =
                lf_cand_at(lf_item_cands(c, it), it->cand_off + (uint32_t)rd[i].cand);
            hidden_word *h = lf_vec_push(&hs->words);
            if (!h)
                return -1;
            *h = (hidden_word){0, 0, r->prior, 0};
            at = (long)hs->words.n - 1;
            if (!lf_strmap_put(&hs->index, lf_item_pool(c, it) + r->word_off, r->len,
                               (uint32_t)at))
                return -1;
        }
        ((hidden_word *)hs->words.v)[at].mass += post[i];
    }
    return 0;
}

/* ... and a real-word unit's word gets the share of the document its
 * other intact occurrences make (leaving this one's own out, as a cache
 * of the rest of the document). */
static double others_share(ligfix_checker *c, const cluster *cl, const reading *rd, int n,
                           const double *post, const lf_item *it, const double *units,
                           const double *intact)
{
    uint32_t ti = unit_type_index(c, it);
    double others = (double)unit_type(c, it)->count - units[ti] + intact[ti] -
                    kept_posterior(c, cl, rd, n, post, it->tok_first);
    return others > 0 && c->doc_words ? others / (double)c->doc_words : 0;
}

/* Whether the cache moving from share a to b can change the score of a
 * word of log10 prior p by more than SHARE_EPS (log10): its probability in
 * context is taken to be at least a tenth of its prior. Most real-word
 * units are common words the cache cannot move, and need not be scored
 * again. */
#define SHARE_EPS 0.005
static int share_matters(double prior, double a, double b)
{
    double p = 0.1 * pow(10.0, prior);
    double lo = fmin(a, b), hi = fmax(a, b);
    return log10(((1 - CACHE_WEIGHT) * p + CACHE_WEIGHT * hi) /
                 ((1 - CACHE_WEIGHT) * p + CACHE_WEIGHT * lo)) > SHARE_EPS;
}

/* Takes a word's new share (of log10 prior p) where it matters: 1 if the
 * word's *level moved to now, 0 if it stays. */
static uint8_t move_level(double prior, double *level, double now)
{
    if (!share_matters(prior, *level, now))
        return 0;
    *level = now;
    return 1;
}

/* Best first, ties in their order (a stable sort, as qsort's merge sort
 * is): a cluster has a handful of readings, too few for qsort's call per
 * comparison to pay. */
static void sort_by_score(reading *rd, int n)
{
    for (int i = 1; i < n; i++) {
        reading r = rd[i];
        int j = i;
        for (; j > 0 && rd[j - 1].score < r.score; j--)
            rd[j] = rd[j - 1];
        rd[j] = r;
    }
}

static int debug_level(void)
{
    const char *d = getenv("LIGFIX_DEBUG");
    return d ? atoi(d) : 0;
}

/* ---- evidence: which damage this document shows ------------------------- */

/* Pass-1 clusters vote for the damage that explains them, each reading by
 * its posterior from word priors and the current rates; two rounds let the
 * votes settle on the modes that explain most of the document. */
static int gather_evidence(ligfix_checker *c, const char *text, const lf_vec *clusters)
{
    lf_evidence base = c->ev, prev = c->ev;
    reading rd[MAX_READINGS];
    double post[MAX_READINGS];
    cluster_words *cw = lf_malloc(sizeof *cw);
    int debug = debug_level();
    if (!cw)
        return -1;
    lf_rates *rt = lf_malloc(sizeof *rt);
    if (!rt) {
        lf_free(cw);
        return -1;
    }
    /* no votes by place before the first round */
    lf_localvotes_clear(&c->ph_near);
    if (lf_localvotes_seal(&c->ph_near) < 0)
        goto nomem;
    for (int round = 0; round < EM_ROUNDS; round++) {
        lf_evidence next = base;
        lf_evidence_rates(&prev, rt);
        lf_localvotes_clear(&c->ph_near_next);
        for (size_t k = 0; k < clusters->n; k++) {
            const cluster *cl = (const cluster *)clusters->v + k;
            if (load_words(c, text, cl, 0, cw) < 0)
                goto nomem;
            int n = score_cluster(c, text, cl, cw, &prev, rt, round == 0 && !base.total, 0, NULL,
                                  rd);
            posteriors(rd, n, post);
            for (int i = 1; i < n; i++) {
                const lf_item *it = item_at(c, cl->first + (uint32_t)rd[i].item);
                const lf_cand_rec *r = lf_cand_at(lf_item_cands(c, it), it->cand_off + (uint32_t)rd[i].cand);
                if (it->kind == ITEM_CODEPOINT)
                    continue;
                lf_evidence_damaged(&next, r->mode, r->group, r->nsites, post[i]);
                if (it->edge)
                    lf_evidence_edge(&next, 1, post[i]);
                else if ((r->mode == LF_MODE_VANISH || r->mode == LF_MODE_SPACE) && r->edge)
                    lf_evidence_edge(&next, 0, post[i]);
                if (round == EM_ROUNDS - 1 && debug >= 2 && post[i] > 0.3)
                    fprintf(stderr, "ligfix: evidence %.2f %s %s '%.*s' -> '%s'\n", post[i],
                            lf_groups[r->group[0]].letters, lf_mode_name(r->mode),
                            (int)(it->end - it->start), text + it->start,
                            lf_item_pool(c, it) + r->word_off);
                for (int s = 0; r->mode == LF_MODE_PLACEHOLDER && s < r->nsites; s++) {
                    uint32_t off;
                    uint8_t len;
                    site_key(it, s, &off, &len);
                    lf_evidence_placeholder(&next, text + off, len, r->group[s], post[i]);
                    if (lf_localvotes_key(text + off, len) &&
                        lf_localvotes_add(&c->ph_near_next, off, (unsigned char)text[off],
                                          r->group[s], post[i]) < 0)
                        goto nomem;
                }
            }
        }
        prev = next;
        lf_localvotes swap = c->ph_near;
        c->ph_near = c->ph_near_next;
        c->ph_near_next = swap;
        if (lf_localvotes_seal(&c->ph_near) < 0)
            goto nomem;
    }
    lf_free(rt);
    lf_free(cw);
    c->ev = prev;
    return 0;
nomem:
    lf_free(rt);
    lf_free(cw);
    return -1;
}

/* For fitting the calibration: report every cluster's best repair. */
static int all_spans(void)
{
    const char *v = getenv("LIGFIX_ALL_SPANS");
    return v && *v == '1';
}

/* LIGFIX_DEBUG=3: every reading of a cluster with its score. */
static void debug_readings(ligfix_checker *c, const char *text, const cluster *cl,
                           const reading *rd, int n)
{
    fprintf(stderr, "ligfix: cluster @%zu '%.*s'\n", cl->start, (int)(cl->end - cl->start),
            text + cl->start);
    for (int i = 0; i < n; i++) {
        if (rd[i].item < 0) {
            fprintf(stderr, "ligfix:   %8.3f keep\n", rd[i].score);
            continue;
        }
        const lf_item *it = item_at(c, cl->first + (uint32_t)rd[i].item);
        const lf_cand_rec *r = lf_cand_at(lf_item_cands(c, it), it->cand_off + (uint32_t)rd[i].cand);
        fprintf(stderr, "ligfix:   %8.3f '%.*s' -> '%s' %s prior %.2f\n", rd[i].score,
                (int)(it->end - it->start), text + it->start, lf_item_pool(c, it) + r->word_off,
                lf_mode_name(r->mode), r->prior);
    }
}

/* ---- spans ----------------------------------------------------------------- */

/* Appends group g's name to the list out[0 .. *o) (cap bytes). */
static int add_group(int g, char *out, size_t *o, size_t cap)
{
    const lf_group *gr = &lf_groups[g];
    if (*o + gr->len + 2 >= cap)
        return -1;
    if (*o)
        out[(*o)++] = ',';
    memcpy(out + *o, gr->letters, gr->len);
    if (gr->flags & LF_GROUP_CAPITAL)
        out[*o] = (char)(out[*o] - 32);
    *o += gr->len;
    out[*o] = '\0';
    return 0;
}

/* The ligatures a repair restores, in the order they stand: a placeholder
 * run's sites, and the presentation forms spelled out around them
 * (ﬆri<U+E03D>: st,ct). */
static int join_groups(const lf_item *it, const lf_cand_rec *r, const char *text, char *out,
                       size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    if (it->kind != ITEM_PLACEHOLDER) {
        for (int k = 0; k < r->nsites; k++)
            if (add_group(r->group[k], out, &o, cap) < 0)
                return -1;
        return 0;
    }
    int site = 0;
    for (size_t p = it->start; p < it->end;) {
        int g = -1;
        if (site < it->nglue && p == it->glue_off[site]) {
            g = site < r->nsites ? r->group[site] : -1;
            p += it->glue_len[site++];
        } else if ((g = lf_presentation_group_at(text + p, it->end - p)) >= 0) {
            p += 3;
        } else {
            p++;
        }
        if (g >= 0 && add_group(g, out, &o, cap) < 0)
            return -1;
    }
    return 0;
}

/* The replacement as the text would have it: case from the observed span. */
static long write_back(const lf_item *it, const lf_cand_rec *r, const char *word, const char *text,
                       char *out, size_t cap)
{
    if (it->kind == ITEM_CODEPOINT) { /* written as the text spells it */
        if (r->len >= cap)
            return -1;
        memcpy(out, word, r->len);
        out[r->len] = '\0';
        return r->len;
    }
    int pattern = lf_case_pattern(text + it->start, it->end - it->start);
    /* a capital group restored at the start (Th) makes the word capitalised */
    if (r->nsites && (lf_groups[r->group[0]].flags & LF_GROUP_CAPITAL) &&
        (pattern == LF_CASE_LOWER || pattern == LF_CASE_OTHER))
        pattern = LF_CASE_TITLE;
    return lf_case_apply(pattern, word, r->len, out, cap);
}

/* Whether no repair of the cluster can be reported: the best trails the
 * best reading by HOPELESS_GAP or more, so its posterior is at most
 * 10^HOPELESS_GAP, which every calibration puts below EMIT_MIN (most
 * clusters: the text kept by far). Saves the sort and the softmax. */
#define HOPELESS_GAP (-2.5)

static int repair_hopeless(const reading *rd, int n)
{
    double s[MAX_READINGS];
    int best = -1;
    for (int i = 0; i < n; i++) {
        s[i] = rd[i].score;
        if (rd[i].item >= 0 && (best < 0 || s[i] > s[best]))
            best = i;
    }
    return best < 0 || lf_softmax10_at_most(s, n, best, HOPELESS_GAP);
}

static int emit_cluster(ligfix_checker *c, const char *text, const cluster *cl, reading *rd, int n,
                        int report_all, ligfix_result *res)
{
    double post[MAX_READINGS];
    if (!report_all && repair_hopeless(rd, n))
        return 0;
    sort_by_score(rd, n);
    posteriors(rd, n, post);
    int best = -1;
    for (int i = 0; i < n && best < 0; i++)
        if (rd[i].item >= 0)
            best = i;
    if (best < 0)
        return 0;
    const lf_item *it = item_at(c, cl->first + (uint32_t)rd[best].item);
    const lf_cand_rec *r = lf_cand_at(lf_item_cands(c, it), it->cand_off + (uint32_t)rd[best].cand);
    int kind = it->observed_valid ? LF_CAL_REALWORD
               : lf_case_pattern(text + it->start, it->end - it->start) != LF_CASE_LOWER
                   ? LF_CAL_CAPITAL
                   : LF_CAL_NONWORD;
    double conf = it->kind == ITEM_CODEPOINT
                      ? post[best] /* nothing to guess: the form says what it is */
                      : lf_calibrate(post[best], kind);
    if (conf < EMIT_MIN && !report_all)
        return 0;
    char rep[WORD_MAX * 2 + 16], lig[64];
    long rl = write_back(it, r, lf_item_pool(c, it) + r->word_off, text, rep, sizeof rep);
    if (rl < 0 || join_groups(it, r, text, lig, sizeof lig) < 0)
        return 0; /* cannot be written back faithfully: leave the text alone */
    /* Alternatives over the same extent: the text as is, and other readings. */
    lf_alt_in alts[MAX_ALTS];
    char altbuf[MAX_ALTS][WORD_MAX * 2 + 16];
    int nalt = 0;
    for (int i = 0; i < n && nalt < MAX_ALTS; i++) {
        if (rd[i].item < 0) {
            alts[nalt++] = (lf_alt_in){text + it->start, it->end - it->start, post[i]};
            continue;
        }
        const lf_item *ai = item_at(c, cl->first + (uint32_t)rd[i].item);
        if (ai->start != it->start || ai->end != it->end)
            continue;
        const lf_cand_rec *a = lf_cand_at(lf_item_cands(c, ai), ai->cand_off + (uint32_t)rd[i].cand);
        long al = write_back(ai, a, lf_item_pool(c, ai) + a->word_off, text, altbuf[nalt],
                             sizeof altbuf[0]);
        if (al < 0)
            continue;
        alts[nalt] = (lf_alt_in){altbuf[nalt], (size_t)al, post[i]};
        nalt++;
    }
    size_t n_spans = ligfix_result_count(res);
    if (n_spans && ligfix_result_span(res, n_spans - 1)->end > it->start)
        return 0; /* overlaps the last span of the previous cluster */
    return lf_result_add(res, it->start, it->end, text, rep, (size_t)rl, conf,
                         conf >= c->threshold, lig, lf_mode_name(r->mode), alts, nalt);
}

/* ---- one reading per document ------------------------------------------- */

/* A damaged word a document repeats ("le" for file, fifty times) is
 * usually the same word each time, and which one the document's clear
 * contexts tell better than a general unigram prior (which says left).
 * Each occurrence of a non-word votes with its posterior among the
 * candidates; for each occurrence the other occurrences' votes, smoothed
 * by TYPE_PRIOR_WEIGHT pseudo-votes for what prior and channel alone say,
 * then stand in for prior and channel among the candidates (one EM step,
 * leaving the occurrence's own vote out). Keeping the text weighs as
 * before: the candidates share the same mass. */
#define TYPE_PRIOR_WEIGHT 2.0

/* The item of a cluster that is one non-word type, or NULL. */
static const lf_item *voting_item(ligfix_checker *c, const cluster *cl)
{
    if (cl->n != 1)
        return NULL;
    const lf_item *it = item_at(c, cl->first);
    return it->kind == ITEM_WORD && !it->observed_valid && it->ncand > 1 ? it : NULL;
}

/* v[i]: reading i's vote, its posterior among the candidates (0 for
 * keeping the text); base[i]: what the reading owes to neither context nor
 * the document, its prior and channel. Returns log10 of the candidates'
 * summed 10^base. */
static double context_votes(ligfix_checker *c, const char *text, const lf_item *it,
                            const reading *rd, int n, double *v, double *base)
{
    double x[MAX_READINGS], maxb = -1e300, sum = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (rd[i].item < 0)
            continue;
        const lf_cand_rec *r = lf_cand_at(&c->tcands, it->cand_off + (uint32_t)rd[i].cand);
        x[m++] = rd[i].score;
        base[i] = r->prior + channel(&c->ev, &c->rates, &c->ph_near, 0, text, it, r);
        if (base[i] > maxb)
            maxb = base[i];
    }
    lf_softmax10(x, m);
    m = 0;
    for (int i = 0; i < n; i++) {
        if (rd[i].item < 0) {
            v[i] = 0;
            continue;
        }
        sum += pow(10.0, base[i] - maxb);
        v[i] = x[m++];
    }
    return maxb + log10(sum);
}

static void add_votes(ligfix_checker *c, const char *text, const cluster *cl, const reading *rd,
                      int n, double *votes, double *occ)
{
    const lf_item *it = voting_item(c, cl);
    double v[MAX_READINGS], base[MAX_READINGS];
    if (!it)
        return;
    context_votes(c, text, it, rd, n, v, base);
    for (int i = 0; i < n; i++)
        if (rd[i].item >= 0)
            votes[it->cand_off + (uint32_t)rd[i].cand] += v[i];
    occ[it->cand_off] += 1;
}

static void apply_votes(ligfix_checker *c, const char *text, const cluster *cl, reading *rd,
                        int n, const double *votes, const double *occ)
{
    const lf_item *it = voting_item(c, cl);
    double v[MAX_READINGS], base[MAX_READINGS];
    if (!it || occ[it->cand_off] < 2)
        return;
    double lsum = context_votes(c, text, it, rd, n, v, base), others = occ[it->cand_off] - 1;
    for (int i = 0; i < n; i++) {
        if (rd[i].item < 0)
            continue;
        double u = pow(10.0, base[i] - lsum);
        double pi = (votes[it->cand_off + (uint32_t)rd[i].cand] - v[i] + TYPE_PRIOR_WEIGHT * u) /
                    (others + TYPE_PRIOR_WEIGHT);
        if (pi < 1e-12)
            pi = 1e-12;
        rd[i].score += log10(pi) + lsum - base[i];
    }
}

/* Whether every unit of the cluster is a real word of a type the screen
 * has settled. */
static int cluster_settled(ligfix_checker *c, const cluster *cl, const lf_screen *sc)
{
    for (uint32_t j = 0; j < cl->n; j++) {
        const lf_item *it = item_at(c, cl->first + j);
        if (!is_realword_unit(it) || !lf_screen_settled(sc, unit_type_index(c, it)))
            return 0;
    }
    return 1;
}

/* Tells the screen how the cluster's real-word units fared (post: the
 * readings' posteriors). */
static void screen_cluster(ligfix_checker *c, const cluster *cl, const reading *rd,
                           const double *post, int n, lf_screen *sc)
{
    for (uint32_t j = 0; j < cl->n; j++) {
        const lf_item *it = item_at(c, cl->first + j);
        if (!is_realword_unit(it))
            continue;
        double best = 0;
        for (int i = 0; i < n; i++)
            if (rd[i].item == (int32_t)j && post[i] > best)
                best = post[i];
        lf_screen_note(sc, unit_type_index(c, it), best);
    }
}

/* A couple of EM steps over real words' own shares: count how many of a
 * word's occurrences its readings leave intact, then score the clusters of
 * the words whose share moved enough to matter again with it. */
#define REALWORD_ROUNDS 2

static int has_realword_unit(ligfix_checker *c, const cluster *cl)
{
    for (uint32_t j = 0; j < cl->n; j++)
        if (is_realword_unit(item_at(c, cl->first + j)))
            return 1;
    return 0;
}

static void first_levels(ligfix_checker *c, const char *text, const lf_vec *clusters,
                         realword_tally *t)
{
    for (size_t k = 0; k < clusters->n; k++) {
        const cluster *cl = (const cluster *)clusters->v + k;
        for (uint32_t j = 0; j < cl->n; j++) {
            const lf_item *it = item_at(c, cl->first + j);
            if (is_realword_unit(it))
                t->level[unit_type_index(c, it)] = type_first_guess(c, text, it, t);
        }
    }
}

static int tally_round(ligfix_checker *c, const lf_vec *clusters, const lf_vec *scored,
                       const lf_vec *nscored, realword_tally *t)
{
    size_t nt = c->type_recs.n;
    hidden_shares *hs = &t->hidden;
    memset(t->units, 0, nt * sizeof *t->units);
    memset(t->intact, 0, nt * sizeof *t->intact);
    for (size_t h = 0; h < hs->words.n; h++)
        ((hidden_word *)hs->words.v)[h].mass = 0;
    for (size_t k = 0, at = 0; k < clusters->n; k++) {
        int n = ((const int *)nscored->v)[k];
        const cluster *cl = (const cluster *)clusters->v + k;
        const reading *rd = (const reading *)scored->v + at;
        double *post = (double *)t->post.v + at;
        at += (size_t)n;
        /* a settled unit counts as one unit left intact: it moves no share */
        if (t->settled[k])
            continue;
        if (!t->post_ok[k]) {
            posteriors(rd, n, post);
            t->post_ok[k] = 1;
        }
        tally_intact(c, cl, rd, n, post, t->units, t->intact);
        if (tally_hidden(c, cl, rd, n, post, hs) < 0)
            return -1;
    }
    for (size_t ti = 0; ti < nt; ti++) {
        t->moved[ti] = 0;
        if (!t->units[ti] || !c->doc_words)
            continue;
        const lf_type_rec *r = (const lf_type_rec *)c->type_recs.v + ti;
        double level = ((double)r->count - t->units[ti] + t->intact[ti]) / (double)c->doc_words;
        double prior = known_prior(c->model->ctx, 1, lf_type_lm(c, (uint32_t)ti)->ctx_id);
        t->moved[ti] = move_level(prior, &t->level[ti], level);
    }
    for (size_t i = 0; i < hs->words.n && c->doc_words; i++) {
        hidden_word *h = (hidden_word *)hs->words.v + i;
        h->moved = move_level(h->prior, &h->level, h->mass / (double)c->doc_words);
    }
    return 0;
}

/* Whether a real-word unit of the cluster has a word, its own or one of
 * its readings, whose share moved. */
static int cluster_moved(ligfix_checker *c, const cluster *cl, realword_tally *t)
{
    for (uint32_t j = 0; j < cl->n; j++) {
        const lf_item *it = item_at(c, cl->first + j);
        if (!is_realword_unit(it))
            continue;
        if (t->moved[unit_type_index(c, it)])
            return 1;
        for (uint32_t k = 0; k < it->ncand; k++) {
            const hidden_word *h = hidden_at(c, &t->hidden, it, k);
            if (h && h->moved)
                return 1;
        }
    }
    return 0;
}

static void free_tally(realword_tally *t)
{
    lf_free(t->units);
    lf_free(t->intact);
    lf_free(t->level);
    lf_free(t->moved);
    lf_free(t->first);
    lf_free(t->first_known);
    lf_vec_free(&t->post);
    lf_free(t->post_ok);
    lf_free(t->tape);
    lf_free(t->around);
    lf_free(t->settled);
    lf_screen_free(&t->screen);
    lf_strmap_free(&t->hidden.index);
    lf_vec_free(&t->hidden.words);
}

/* At most how many n-grams scoring a cluster looks up: a reading per
 * candidate and the text kept, and per reading one per word (the unit's
 * words are one), one for a unit with no word of its own and two after. */
static size_t lm_lookups_max(ligfix_checker *c, const cluster *cl, const cluster_words *cw)
{
    size_t readings = 1;
    for (uint32_t j = 0; j < cl->n; j++)
        readings += item_at(c, cl->first + j)->ncand;
    return readings * ((size_t)cw->n + 3);
}

static int realword_rounds(ligfix_checker *c, const char *text, const lf_vec *clusters,
                           lf_vec *scored, const lf_vec *nscored, cluster_words *cw,
                           realword_tally *t)
{
    first_levels(c, text, clusters, t);
    for (int round = 0; round < REALWORD_ROUNDS; round++) {
        if (tally_round(c, clusters, scored, nscored, t) < 0)
            return -1;
        for (size_t k = 0, at = 0; k < clusters->n; k++) {
            const cluster *cl = (const cluster *)clusters->v + k;
            int n = ((const int *)nscored->v)[k];
            size_t base = at;
            reading *rd = (reading *)scored->v + base;
            at += (size_t)n;
            if (t->settled[k] || !has_realword_unit(c, cl) || !cluster_moved(c, cl, t))
                continue;
            /* the words are as the first scoring found them, and so are
             * their neighbours, which cost the most to find */
            if (load_words(c, text, cl, 0, cw) < 0)
                return -1;
            cw->around = t->around[k];
            reading last[MAX_READINGS];
            double post[MAX_READINGS];
            memcpy(last, rd, (size_t)n * sizeof *rd);
            memcpy(post, (const double *)t->post.v + base, (size_t)n * sizeof *post);
            t->post_ok[k] = 0; /* rd is scored again below */
            for (uint32_t j = 0; j < cl->n; j++) {
                const lf_item *it = item_at(c, cl->first + j);
                for (int i = 0; is_realword_unit(it) && i < cw->n; i++)
                    if (cw->tok[i] == it->tok_first && cw->share[i] > 0)
                        cw->share[i] = others_share(c, cl, last, n, post, it, t->units,
                                                    t->intact);
            }
            t->hidden.rd = last;
            t->hidden.post = post;
            t->hidden.n = n;
            lf_lmtape_replay(&c->lm_tape, t->tape[2 * k], t->tape[2 * k + 1]);
            score_cluster(c, text, cl, cw, &c->ev, &c->rates, 0, 1, &t->hidden, rd);
            lf_lmtape_stop(&c->lm_tape);
        }
    }
    return 0;
}

/* Cluster k's readings, scored for the first time, into rd, and where
 * the screen needed them their posteriors into post (post_ok): how many,
 * or -1 out of memory. A cluster of settled real-word units has one, the
 * text as it is. */
static int first_scoring(ligfix_checker *c, const char *text, size_t k, const cluster *cl,
                         cluster_words *cw, realword_tally *t, reading *rd, double *post)
{
    t->tape[2 * k] = t->tape[2 * k + 1] = c->lm_tape.n;
    if (cluster_settled(c, cl, &t->screen)) {
        rd[0] = (reading){0, -1, -1};
        t->settled[k] = 1;
        c->settled_units += cl->n;
        return 1;
    }
    if (load_words(c, text, cl, 1, cw) < 0)
        return -1;
    t->around[k] = cw->around;
    discount_damaged_shares(c, text, cl, cw, t);
    /* the real-word rounds may score it again: its n-grams go on tape */
    int realword = has_realword_unit(c, cl);
    if (realword && lf_lmtape_record(&c->lm_tape, lm_lookups_max(c, cl, cw)) < 0)
        return -1;
    int n = score_cluster(c, text, cl, cw, &c->ev, &c->rates, 0, 1, NULL, rd);
    lf_lmtape_stop(&c->lm_tape);
    t->tape[2 * k + 1] = c->lm_tape.n;
    if (realword) {
        posteriors(rd, n, post);
        t->post_ok[k] = 1;
        screen_cluster(c, cl, rd, post, n, &t->screen);
    }
    return n;
}

/* ---- leaked glyph names ------------------------------------------------- */

typedef struct {
    ligfix_checker *c;
    size_t tok; /* cursor: tokens before it end before the last unit */
    int spelled; /* the letters are spelled out (swapped): no lexicon test */
    /* Names spelling no dictionary word (h/t_tps, geta/t_tr) are counted
     * on a first pass, and taken on a second one (non_words set) once the
     * document has spelled GLYPH_WORDS_SURE words so: a name, not an
     * identifier that happens to look like one. */
    int non_words;
    size_t non_word_names;
} glyph_state;

#define GLYPH_WORDS_SURE 3

static int on_glyph_name(void *ud, size_t start, size_t end, const char *word, size_t n, int group)
{
    glyph_state *g = ud;
    ligfix_checker *c = g->c;
    const lf_tokens *tk = &c->toks;
    while (g->tok < tk->n && tk->v[g->tok].end <= start)
        g->tok++;
    size_t first = g->tok, last = first;
    while (last + 1 < tk->n && tk->v[last + 1].start < end)
        last++;
    if (first >= tk->n)
        return 0;
    int v = g->spelled ? 1 : lf_lexicon_check(c->lex, word, n);
    if (v < 0)
        return -1;
    if (!g->spelled) {
        int take = g->non_words ? !v : v;
        if (!take) {
            g->non_word_names += !v;
            return 0;
        }
        c->glyph_words += (uint64_t)v;
    }
    long off = lf_vec_append(&c->spool, word, n);
    lf_cand_rec *r = off < 0 ? NULL : lf_vec_push(&c->scands);
    lf_item *it = r ? lf_vec_push(&c->items) : NULL;
    if (!it)
        return -1;
    r->word_off = (uint32_t)off;
    r->len = (uint16_t)n;
    r->mode = LF_MODE_PLACEHOLDER;
    r->nsites = 1;
    r->group[0] = (uint8_t)group;
    r->prior = 0;
    r->ctx_id = lf_context_id(c->model->ctx, word, n);
    it->kind = ITEM_CODEPOINT; /* certain: the name says what the glyph was */
    it->start = start;
    it->end = end;
    it->tok_first = (uint32_t)first;
    it->tok_last = (uint32_t)last;
    it->chunk_cands = 1;
    it->cand_off = (uint32_t)(c->scands.n - 1);
    it->ncand = 1;
    return 0;
}

/* A word with a glyph name is spelled out whole (presentation forms in it
 * too): the presentation-form units inside it give way. A word of swapped
 * letters (items from n_names on) is certain: every unit in it gives way. */
static void drop_spelled_out(ligfix_checker *c, size_t n_units, size_t n_names)
{
    for (size_t g = n_units; g < c->items.n; g++) {
        const lf_item *gi = item_at(c, (uint32_t)g);
        for (size_t k = 0; k < n_units; k++) {
            lf_item *it = item_at(c, (uint32_t)k);
            if ((it->kind == ITEM_CODEPOINT || g >= n_names) && it->start < gi->end &&
                gi->start < it->end)
                it->ncand = 0;
        }
    }
}

/* In a document whose extractor splits words anywhere, a spelled-out
 * glyph that makes no word but joins its neighbour into one (w hi/c_h, ﬆe
 * amboat) was split too: the unit takes in the space and the other half. */
#define STRAY_JOIN_MIN (-2.5)

static int join_stray_halves(ligfix_checker *c, const char *text)
{
    if (c->stray_logp < STRAY_JOIN_MIN)
        return 0;
    for (size_t k = 0; k < c->items.n; k++) {
        lf_item *it = item_at(c, (uint32_t)k);
        if (it->kind != ITEM_CODEPOINT || !it->ncand)
            continue;
        lf_cand_rec *r = lf_cand_at(&c->scands, it->cand_off);
        char word[WORD_MAX * 2 + 8];
        if (r->len >= sizeof word)
            continue;
        memcpy(word, (const char *)c->spool.v + r->word_off, r->len);
        size_t first = it->tok_first, last = it->tok_last, start = it->start, end = it->end;
        long n = lf_join_stray_half(c, text, word, r->len, sizeof word, &first, &last, &start,
                                    &end);
        if (n < 0)
            return -1;
        if ((size_t)n == r->len)
            continue;
        long off = lf_vec_append(&c->spool, word, (size_t)n);
        if (off < 0)
            return -1;
        r->word_off = (uint32_t)off;
        r->len = (uint16_t)n;
        r->ctx_id = lf_context_id(c->model->ctx, word, (size_t)n);
        it->tok_first = (uint32_t)first;
        it->tok_last = (uint32_t)last;
        it->start = start;
        it->end = end;
    }
    return 0;
}

/* ---- the scan ------------------------------------------------------------ */

static void debug_rates(const ligfix_checker *c)
{
    if (debug_level() < 1)
        return;
    fprintf(stderr, "ligfix: %lu of %lu pairs with a non-word join into a word (%.2f)\n",
            (unsigned long)c->stray_joins, (unsigned long)c->split_pairs, c->stray_logp);
    fprintf(stderr, "ligfix: edge damage: vanished %.1f stray space %.1f; all vanish %.1f space %.1f\n",
            c->ev.edge_vanish, c->ev.edge_space, c->ev.mode_total[LF_MODE_VANISH],
            c->ev.mode_total[LF_MODE_SPACE]);
    for (int m = 0; m < LF_MODE_COUNT; m++)
        for (int g = 0; g < lf_group_count; g++) {
            double r = lf_evidence_rate(&c->ev, g, m);
            if (r >= 0.01)
                fprintf(stderr, "ligfix: rate %s %s = %.3f (damaged %.1f clean %.0f)\n",
                        lf_groups[g].letters, lf_mode_name(m), r, c->ev.damaged[g][m],
                        c->ev.clean[g]);
        }
}

void lf_repair_forget(ligfix_checker *c)
{
    lf_strmap_clear(&c->types);
    lf_typecache_clear(&c->recent_types);
    lf_strmap_clear(&c->runs);
    c->run_recs.n = 0;
    lf_pairmemo_clear(&c->pairs);
    c->type_recs.n = 0;
    c->tcands.n = 0;
    c->tpool.n = 0;
}

ligfix_result *lf_repair_scan(ligfix_checker *c, const char *text, size_t len, ligfix_error *err)
{
    ligfix_result *res = lf_result_new();
    /* the scan's scratch vectors are the checker's: kept from scan to
     * scan, so a scan reuses their memory rather than growing them anew */
    lf_vec *clusters = &c->scan_clusters, *scored = &c->scan_scored, *nscored = &c->scan_nscored;
    clusters->size = sizeof(cluster);
    scored->size = sizeof(reading);
    nscored->size = sizeof(int);
    clusters->n = scored->n = nscored->n = 0;
    double *votes = NULL, *occ = NULL;
    realword_tally rw = {0};
    lf_vec_init(&rw.post, sizeof(double));
    lf_strmap_init(&rw.hidden.index);
    lf_vec_init(&rw.hidden.words, sizeof(hidden_word));
    cluster_words *cw = NULL;
    if (!res)
        goto nomem;
    /* Caches are bounded: word pairs (runs) come and go faster than words,
     * so they are dropped on their own; everything goes when the words or
     * the candidate pool outgrow their bounds. */
    if (c->type_recs.n > TYPE_CACHE_MAX || c->tpool.n > (size_t)64 << 20) {
        lf_repair_forget(c);
    } else if (c->run_recs.n / 2 > RUN_CACHE_MAX) {
        lf_strmap_clear(&c->runs);
        c->run_recs.n = 0;
    }
    c->items.size = sizeof(lf_item);
    c->items.n = c->scands.n = c->spool.n = 0;
    c->settled_units = 0;
    lf_lmtape_clear(&c->lm_tape);
    if (lf_tokenize(c->tok, text, len, &c->toks, err) != LIGFIX_OK) {
        ligfix_result_free(res);
        return NULL;
    }
    glyph_state gs = {c, 0, 0, 0, 0};
    if (lf_units_begin(c) < 0 || split_memo_begin(c) < 0 || lf_units_pass1(c, text, len) < 0)
        goto nomem;
    c->stray_logp = stray_split_logp(c); /* asked of every cluster: the counts are done */
    size_t n_units = c->items.n;
    if (lf_glyphname_scan(text, len, on_glyph_name, &gs) < 0)
        goto nomem;
    if (gs.non_word_names && c->glyph_words >= GLYPH_WORDS_SURE) {
        gs = (glyph_state){c, 0, 0, 1, 0};
        if (lf_glyphname_scan(text, len, on_glyph_name, &gs) < 0)
            goto nomem;
    }
    size_t n_names = c->items.n;
    gs = (glyph_state){c, 0, 1, 0, 0};
    if (lf_swapped_scan(text, len, on_glyph_name, &gs) < 0)
        goto nomem;
    drop_spelled_out(c, n_units, n_names);
    if (join_stray_halves(c, text) < 0)
        goto nomem;
    size_t n1 = c->items.n;
    if (sort_items(c->items.v, n1) < 0)
        goto nomem;
    if (make_clusters(c, text, len, 0, (uint32_t)n1, clusters) < 0 ||
        gather_evidence(c, text, clusters) < 0)
        goto nomem;
    lf_evidence_rates(&c->ev, &c->rates);
    debug_rates(c);
    if (lf_units_realwords(c, text, len, n1) < 0 || lf_units_docwords(c, text) < 0)
        goto nomem;
    if (sort_items(c->items.v, c->items.n) < 0)
        goto nomem;
    if (make_clusters(c, text, len, 0, (uint32_t)c->items.n, clusters) < 0 ||
        !(cw = lf_malloc(sizeof *cw)))
        goto nomem;
    if (cand_memo_begin(c) < 0)
        goto nomem;
    int report_all = all_spans(), debug = debug_level();
    /* score every cluster, gather each type's votes, then weigh and emit */
    votes = lf_calloc(c->tcands.n + 1, sizeof *votes);
    occ = lf_calloc(c->tcands.n + 1, sizeof *occ);
    rw.units = lf_calloc(c->type_recs.n + 1, sizeof *rw.units);
    rw.intact = lf_calloc(c->type_recs.n + 1, sizeof *rw.intact);
    rw.level = lf_calloc(c->type_recs.n + 1, sizeof *rw.level);
    rw.moved = lf_calloc(c->type_recs.n + 1, sizeof *rw.moved);
    rw.first = lf_calloc(c->type_recs.n + 1, sizeof *rw.first);
    rw.first_known = lf_calloc(c->type_recs.n + 1, sizeof *rw.first_known);
    rw.tape = lf_calloc(2 * clusters->n + 2, sizeof *rw.tape);
    rw.around = lf_malloc((clusters->n + 1) * sizeof *rw.around);
    rw.settled = lf_calloc(clusters->n + 1, sizeof *rw.settled);
    rw.post_ok = lf_calloc(clusters->n + 1, sizeof *rw.post_ok);
    if (!votes || !occ || !rw.units || !rw.intact || !rw.level || !rw.moved || !rw.first ||
        !rw.first_known || !rw.tape || !rw.around || !rw.settled || !rw.post_ok ||
        lf_screen_begin(&rw.screen, c->type_recs.n) < 0 ||
        lf_vec_reserve(nscored, clusters->n) < 0)
        goto nomem;
    for (size_t k = 0; k < clusters->n; k++) {
        const cluster *cl = (const cluster *)clusters->v + k;
        reading rd[MAX_READINGS];
        double post[MAX_READINGS];
        int n = first_scoring(c, text, k, cl, cw, &rw, rd, post);
        if (n < 0)
            goto nomem;
        add_votes(c, text, cl, rd, n, votes, occ);
        if (lf_vec_reserve(scored, scored->n + (size_t)n) < 0 ||
            lf_vec_reserve(&rw.post, scored->n + (size_t)n) < 0)
            goto nomem;
        memcpy((reading *)scored->v + scored->n, rd, (size_t)n * sizeof *rd);
        if (rw.post_ok[k]) /* else worked out by the first tally */
            memcpy((double *)rw.post.v + scored->n, post, (size_t)n * sizeof *post);
        scored->n += (size_t)n;
        rw.post.n = scored->n;
        *(int *)lf_vec_push(nscored) = n;
    }
    if (realword_rounds(c, text, clusters, scored, nscored, cw, &rw) < 0)
        goto nomem;
    for (size_t k = 0, at = 0; k < clusters->n; k++) {
        const cluster *cl = (const cluster *)clusters->v + k;
        int n = ((int *)nscored->v)[k];
        reading *rd = (reading *)scored->v + at;
        at += (size_t)n;
        apply_votes(c, text, cl, rd, n, votes, occ);
        if (debug >= 3)
            debug_readings(c, text, cl, rd, n);
        if (emit_cluster(c, text, cl, rd, n, report_all, res) < 0)
            goto nomem;
    }
    lf_free(votes);
    lf_free(occ);
    free_tally(&rw);
    lf_free(cw);
    lf_result_seal(res);
    return res;
nomem:
    lf_free(votes);
    lf_free(occ);
    free_tally(&rw);
    lf_free(cw);
    ligfix_result_free(res);
    lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory scanning text");
    return NULL;
}
