#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"
#include "formindex.h"
#include "formtable.h"
#include "internal.h"

/* A damaged form with more readings than this is left to the search. */
#define READINGS_MAX 256

/* The Bloom filter of the pairs of ends one word's split leaves
 * (lf_formindex_may_join): some 100,000 pairs in 2^22 bits (512 KiB) with
 * 3 probes set 7% of the bits, 0.04% false positives. */
#define JOIN_BITS_LOG2 22
#define JOIN_PROBES 3
/* The shapes of run the pairs are for (lf_formindex_may_join). */
enum { JOIN_ENDS, JOIN_AFTER_EDGE, JOIN_BEFORE_EDGE };

enum { UNBUILT, BUILT, FAILED };

struct lf_formindex {
    pthread_mutex_t mu;
    atomic_int state;
    const lf_context *ctx;
    lf_formtable_key key;
    lf_formtable table;          /* over the data file's block, or over owned's arrays */
    lf_formtable_builder *owned; /* what a first use built */
    atomic_int joins_state;      /* of joins, made at the first lf_formindex_may_join */
    uint64_t *joins;             /* 2^JOIN_BITS_LOG2 bits */
};

lf_formindex *lf_formindex_new(const lf_context *ctx, double min_prior, size_t short_max)
{
    lf_formindex *ix = lf_calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    if (pthread_mutex_init(&ix->mu, NULL) != 0) {
        lf_free(ix);
        return NULL;
    }
    ix->ctx = ctx;
    ix->key = (lf_formtable_key){min_prior, short_max, lf_context_vocab_size(ctx)};
    size_t size;
    const void *stored = ctx ? lf_context_derived_forms(ctx, &size) : NULL;
    int have = stored && lf_formtable_open(&ix->table, stored, size, &ix->key);
    atomic_init(&ix->state, have ? BUILT : ctx ? UNBUILT : FAILED);
    atomic_init(&ix->joins_state, ctx ? UNBUILT : FAILED);
    return ix;
}

void lf_formindex_free(lf_formindex *ix)
{
    if (!ix)
        return;
    pthread_mutex_destroy(&ix->mu);
    if (ix->owned)
        lf_formtable_builder_free(ix->owned);
    lf_free(ix->owned);
    lf_free(ix->joins);
    lf_free(ix);
}

int lf_formindex_from_data(const lf_formindex *ix)
{
    return ix && !ix->owned &&
           atomic_load_explicit(&ix->state, memory_order_acquire) == BUILT;
}

/* ---- building ---------------------------------------------------------- */

typedef struct {
    lf_formtable_builder *b;
    uint32_t word;
    const char *v;
    size_t len;
    int nomem;
} word_forms;

/* Adds the reading of word wf with the given sites, its damaged form made
 * by the mode from the word's letters. */
static void add_reading(word_forms *wf, int mode, int nsites, const lf_site *o)
{
    char form[LF_CAND_MAX + 1];
    lf_form_reading r = {.word = wf->word, .mode = (uint8_t)mode, .nsites = (uint8_t)nsites};
    size_t fl = lf_damage_apply(wf->v, wf->len, mode, o, nsites, form, r.j);
    for (int k = 0; k < nsites; k++) {
        r.group[k] = o[k].group;
        r.pos[k] = (uint8_t)o[k].pos;
    }
    if (fl && lf_formtable_add(wf->b, form, fl, &r) < 0) /* the search reads no empty word */
        wf->nomem = 1;
}

/* Every reading of up to two sites the search could find for word wf. */
static void add_word(word_forms *wf, const lf_site *occ, int nocc, size_t short_max)
{
    static const int modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};
    for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
        int mode = modes[m];
        for (int a = 0; a < nocc; a++) {
            const lf_group *ga = &lf_groups[occ[a].group];
            if (mode != LF_MODE_VANISH && ga->len < 2)
                continue; /* a lone letter cannot leave a letter behind */
            add_reading(wf, mode, 1, &occ[a]);
            for (int b = 0; b < nocc; b++) {
                const lf_group *gb = &lf_groups[occ[b].group];
                if (occ[b].pos < occ[a].pos + ga->len || (mode != LF_MODE_VANISH && gb->len < 2))
                    continue;
                if (mode == LF_MODE_VANISH &&
                    (wf->len - ga->len - gb->len > short_max ||
                     (occ[b].pos == occ[a].pos + ga->len &&
                      !lf_damage_same_gap_ok(occ[a].group, occ[b].group))))
                    continue;
                lf_site pair[2] = {occ[a], occ[b]};
                add_reading(wf, mode, 2, pair);
            }
        }
    }
}

/* Word i of the vocabulary, if the index holds it (a common enough word,
 * not too long), with its group sites; NULL if not. */
static const char *index_word(const lf_context *ctx, size_t i, double min_prior, size_t *len,
                              lf_site *occ, int *nocc)
{
    const char *v = lf_context_vocab_word(ctx, i, len);
    float prior = lf_context_unigram_id(ctx, (uint32_t)i);
    if (prior <= LF_LOGP_UNKNOWN + 1 || prior < min_prior || *len > LF_CAND_MAX)
        return NULL;
    *nocc = lf_group_sites_into(v, *len, occ, LF_CAND_MAX * 2);
    return v;
}

/* What a split of word w (len bytes, group sites occ) leaves: where a
 * first fragment may end (before a site, or through a group kept before a
 * space) and where a last one may start (after a site). The ends filter
 * records these, and the pairs of ends pair them. */
typedef struct {
    size_t first[LF_CAND_MAX * 4], last[LF_CAND_MAX * 2];
    int nfirst, nlast;
} split_ends;

static void ends_of(size_t len, const lf_site *occ, int nocc, split_ends *se)
{
    se->nfirst = se->nlast = 0;
    for (int k = 0; k < nocc; k++) {
        size_t p = occ[k].pos, e = p + lf_groups[occ[k].group].len;
        if (p)
            se->first[se->nfirst++] = p;
        if (e < len) {
            se->last[se->nlast++] = e;
            if (e - p >= 2)
                se->first[se->nfirst++] = e;
        }
    }
}

/* 0 when filled; -1 on allocation failure; 1 when the data's ids are not
 * vocabulary positions (the index cannot price its words). */
static int fill(lf_formtable_builder *b, const lf_context *ctx, double min_prior,
                size_t short_max)
{
    for (size_t i = 0, nw = lf_context_vocab_size(ctx); i < nw; i++) {
        size_t len;
        /* words are priced by their vocabulary position, which is their
         * id in the data's format: checked on a sample, cheaply */
        if (i % 256 == 0 || i + 1 == nw) {
            const char *w = lf_context_vocab_word(ctx, i, &len);
            if (lf_context_id(ctx, w, len) != (uint32_t)i)
                return 1;
        }
        lf_site occ[LF_CAND_MAX * 2];
        int nocc;
        const char *v = index_word(ctx, i, min_prior, &len, occ, &nocc);
        if (!v)
            continue;
        split_ends se;
        ends_of(len, occ, nocc, &se);
        for (int k = 0; k < se.nfirst; k++)
            lf_formtable_add_end(b, 0, v, se.first[k]);
        for (int k = 0; k < se.nlast; k++)
            lf_formtable_add_end(b, 1, v + se.last[k], len - se.last[k]);
        word_forms wf = {b, (uint32_t)i, v, len, 0};
        add_word(&wf, occ, nocc, short_max);
        if (wf.nomem)
            return -1;
    }
    return 0;
}

/* The builder filled and finished: 0, -1 when memory ran out, 1 when the
 * index cannot be built; *b is to be freed whatever the outcome. */
static int build_into(lf_formtable_builder *b, const lf_context *ctx, double min_prior,
                      size_t short_max)
{
    int rc = lf_formtable_builder_init(b);
    if (rc == 0)
        rc = fill(b, ctx, min_prior, short_max);
    if (rc == 0 && lf_formtable_finish(b) < 0)
        rc = -1;
    return rc;
}

void *lf_formindex_build_block(const lf_context *ctx, double min_prior, size_t short_max,
                               size_t *size, int *rc)
{
    lf_formtable_builder b;
    lf_formtable_key key = {min_prior, short_max, lf_context_vocab_size(ctx)};
    void *block = NULL;
    *rc = build_into(&b, ctx, min_prior, short_max);
    if (*rc == 0 && !(block = lf_formtable_serialize(&b.t, &key, size)))
        *rc = -1;
    lf_formtable_builder_free(&b);
    return block;
}

/* 0 when built; -1 on allocation failure; 1 when it cannot be built. */
static int build(lf_formindex *ix)
{
    lf_formtable_builder *b = lf_malloc(sizeof *b);
    if (!b)
        return -1;
    int rc = build_into(b, ix->ctx, ix->key.min_prior, ix->key.short_max);
    if (rc != 0) {
        lf_formtable_builder_free(b);
        lf_free(b);
        return rc;
    }
    ix->table = b->t;
    ix->owned = b;
    return 0;
}

/* 1 when the index is built, 0 when it cannot be, -1 when memory ran out
 * building it (the next caller tries again). */
static int ready(lf_formindex *ix)
{
    int st = atomic_load_explicit(&ix->state, memory_order_acquire);
    if (st != UNBUILT)
        return st == BUILT;
    int rc;
    pthread_mutex_lock(&ix->mu);
    st = atomic_load_explicit(&ix->state, memory_order_relaxed);
    if (st == UNBUILT) {
        rc = build(ix);
        if (rc >= 0)
            atomic_store_explicit(&ix->state, rc == 0 ? BUILT : FAILED, memory_order_release);
    } else {
        rc = st == BUILT ? 0 : 1;
    }
    pthread_mutex_unlock(&ix->mu);
    return rc < 0 ? -1 : rc == 0;
}

/* ---- looking up ---------------------------------------------------------- */

/* The search's order: by the first site (position, then group), a reading
 * before those that add a second site to it, then by the second site. */
static int search_order(const lf_form_reading *a, const lf_form_reading *b)
{
    if (a->j[0] != b->j[0])
        return a->j[0] < b->j[0] ? -1 : 1;
    if (a->group[0] != b->group[0])
        return a->group[0] < b->group[0] ? -1 : 1;
    if (a->nsites != b->nsites)
        return a->nsites < b->nsites ? -1 : 1;
    if (a->nsites < 2)
        return 0;
    if (a->j[1] != b->j[1])
        return a->j[1] < b->j[1] ? -1 : 1;
    return a->group[1] < b->group[1] ? -1 : a->group[1] > b->group[1];
}

/* A stored reading's numbers are followed only when they lie inside the
 * vocabulary, the group table and the word (dict/README.md: the derived
 * tables are placed, not validated). */
static int in_bounds(const lf_context *ctx, const lf_form_reading *r)
{
    size_t len;
    if (r->nsites < 1 || r->nsites > 2 || !lf_context_vocab_word(ctx, r->word, &len) ||
        len > LF_CAND_MAX)
        return 0;
    for (int k = 0; k < r->nsites; k++)
        if (r->group[k] >= lf_group_count || r->pos[k] + lf_groups[r->group[k]].len > len)
            return 0;
    return 1;
}

int lf_formindex_invert(lf_formindex *ix, const char *w, size_t n, uint64_t upper, int mode,
                        lf_group_mask mask, int max_sites, int budget, unsigned flags,
                        lf_cand_fn fn, void *ud)
{
    if (!ix || max_sites < 1 || max_sites > 2 || n == 0 || n > LF_CAND_MAX ||
        (mode == LF_MODE_VANISH && max_sites > 1 && n > ix->key.short_max))
        return 0;
    uint64_t total = lf_damage_invert_total(w, n, upper, mode, mask, max_sites, flags);
    if (total > (uint64_t)(budget > 0 ? budget : 0))
        return 0; /* the budget could cut the search short */
    int rd = ready(ix);
    if (rd <= 0)
        return rd;
    size_t count;
    const lf_form_reading *all = lf_formtable_find(&ix->table, w, n, &count);
    const lf_form_reading *found[READINGS_MAX];
    int nfound = 0;
    for (size_t e = 0; e < count; e++) {
        const lf_form_reading *r = &all[e];
        if (r->mode != mode || r->nsites > max_sites || !in_bounds(ix->ctx, r))
            continue;
        if (r->nsites == 2 && r->j[0] == r->j[1] && mode == LF_MODE_VANISH &&
            !(flags & LF_INVERT_SAME_GAP))
            continue; /* side by side in one gap only when asked */
        int ok = 1;
        for (int k = 0; k < r->nsites && ok; k++)
            ok = lf_damage_site_ok(w, n, upper, mode, mask, r->group[k], r->j[k]);
        if (!ok)
            continue;
        if (nfound == READINGS_MAX)
            return 0;
        /* insertion into search order: a form has a handful of readings */
        int at = nfound++;
        while (at > 0 && search_order(found[at - 1], r) > 0) {
            found[at] = found[at - 1];
            at--;
        }
        found[at] = r;
    }
    lf_cand c;
    memset(&c, 0, sizeof c);
    c.mode = mode;
    for (int k = 0; k < nfound; k++) {
        const lf_form_reading *r = found[k];
        size_t len;
        const char *v = lf_context_vocab_word(ix->ctx, r->word, &len); /* in_bounds */
        memcpy(c.word, v, len + 1);
        c.len = len;
        c.nsites = r->nsites;
        for (int s = 0; s < r->nsites; s++) {
            c.group[s] = r->group[s];
            c.pos[s] = r->pos[s];
        }
        if (fn(ud, &c))
            break;
    }
    return 1;
}

int lf_formindex_may_end(lf_formindex *ix, int side, const char *w, size_t n)
{
    int rd = ix ? ready(ix) : 0;
    if (rd <= 0)
        return rd < 0 ? -1 : 1;
    return !n || lf_formtable_may_end(&ix->table, side == LF_PIECE_RIGHT, w, n);
}

int lf_formindex_may_split(lf_formindex *ix, const char *first, size_t first_len,
                           const char *last, size_t last_len)
{
    int a = lf_formindex_may_end(ix, LF_PIECE_LEFT, first, first_len);
    if (a <= 0)
        return a;
    return lf_formindex_may_end(ix, LF_PIECE_RIGHT, last, last_len);
}

/* ---- pairs of ends ------------------------------------------------------- */

/* A run of dictionary words reads as word w (lib/damage.c's gap filling,
 * without LF_FILL_KEPT_ACROSS) only if its outer fragments are what one
 * split of w leaves at its ends: the ends filter asks of each side alone,
 * and the words "be" begins and those "er" ends are many, those both
 * together few. Each gap of a run restores one group, or closes on a
 * group its left fragment ends with (confi rmed). Pairs of one word, by
 * the run's shape:
 *   JOIN_ENDS         its first and last fragment: w up to a site (or
 *                     through a group kept), w after a site;
 *   JOIN_AFTER_EDGE   "", a, b: a group lost at w's start; a: w from
 *                     that group up to a later site (or through a group
 *                     kept), b: w after a site;
 *   JOIN_BEFORE_EDGE  a, b, "": a group lost at w's end; a: as for
 *                     JOIN_ENDS, b: w from the end of a site up to that
 *                     group. */
static uint64_t join_hash(int shape, const char *first, size_t first_len, const char *last,
                          size_t last_len)
{
    return lf_hash_mix((lf_hash(first, first_len) + (uint64_t)shape) * 0x9E3779B97F4A7C15ULL ^
                       lf_hash(last, last_len));
}

static void join_bits(uint64_t h, size_t *bit)
{
    /* double hashing: probe k at h1 + k h2 */
    uint64_t h2 = lf_hash_mix(h ^ 0xC2B2AE3D27D4EB4FULL) | 1;
    for (int k = 0; k < JOIN_PROBES; k++)
        bit[k] = (size_t)((h + (uint64_t)k * h2) & (((uint64_t)1 << JOIN_BITS_LOG2) - 1));
}

/* Adds the pair w[a, b) and w[c, d). */
static void add_join(uint64_t *joins, int shape, const char *w, size_t a, size_t b, size_t c,
                     size_t d)
{
    size_t bit[JOIN_PROBES];
    join_bits(join_hash(shape, w + a, b - a, w + c, d - c), bit);
    for (int k = 0; k < JOIN_PROBES; k++)
        joins[bit[k] >> 6] |= (uint64_t)1 << (bit[k] & 63);
}

/* The pairs of word w (len bytes) with group sites occ: its split's ends
 * (ends_of), and where a group at w's start ends (heads) or one ending w
 * starts (tails). */
static void word_joins(uint64_t *joins, const char *w, size_t len, const lf_site *occ, int nocc)
{
    split_ends se;
    ends_of(len, occ, nocc, &se);
    const size_t *first = se.first, *last = se.last;
    size_t heads[LF_CAND_MAX * 2], tails[LF_CAND_MAX * 2];
    int nh = 0, nt = 0;
    for (int k = 0; k < nocc; k++) {
        size_t p = occ[k].pos, e = p + lf_groups[occ[k].group].len;
        if (p == 0 && e < len)
            heads[nh++] = e;
        if (e == len && p > 0)
            tails[nt++] = p;
    }
    for (int a = 0; a < se.nfirst; a++) {
        for (int b = 0; b < se.nlast; b++)
            if (last[b] >= first[a])
                add_join(joins, JOIN_ENDS, w, 0, first[a], last[b], len);
        for (int t = 0; t < nt; t++)
            for (int b = 0; b < se.nlast; b++)
                if (last[b] >= first[a] && last[b] < tails[t])
                    add_join(joins, JOIN_BEFORE_EDGE, w, 0, first[a], last[b], tails[t]);
    }
    for (int h = 0; h < nh; h++)
        for (int a = 0; a < se.nfirst; a++)
            for (int b = 0; b < se.nlast && first[a] > heads[h]; b++)
                if (last[b] >= first[a])
                    add_join(joins, JOIN_AFTER_EDGE, w, heads[h], first[a], last[b], len);
}

/* The pairs of every word the index holds (fill()'s words). */
static void fill_joins(const lf_formindex *ix, uint64_t *joins)
{
    for (size_t i = 0, nw = lf_context_vocab_size(ix->ctx); i < nw; i++) {
        size_t len;
        lf_site occ[LF_CAND_MAX * 2];
        int nocc;
        const char *v = index_word(ix->ctx, i, ix->key.min_prior, &len, occ, &nocc);
        if (v)
            word_joins(joins, v, len, occ, nocc);
    }
}

/* 1 when the pairs are made, 0 when they cannot be, -1 when memory ran
 * out (the next caller tries again). */
static int joins_ready(lf_formindex *ix)
{
    int st = atomic_load_explicit(&ix->joins_state, memory_order_acquire);
    if (st != UNBUILT)
        return st == BUILT;
    pthread_mutex_lock(&ix->mu);
    st = atomic_load_explicit(&ix->joins_state, memory_order_relaxed);
    if (st == UNBUILT) {
        ix->joins = lf_calloc((size_t)1 << (JOIN_BITS_LOG2 - 6), sizeof *ix->joins);
        if (ix->joins) {
            fill_joins(ix, ix->joins);
            st = BUILT;
            atomic_store_explicit(&ix->joins_state, st, memory_order_release);
        }
    }
    pthread_mutex_unlock(&ix->mu);
    return st == UNBUILT ? -1 : st == BUILT;
}

/* The pair's bits are all set: 1, else 0; 1 also when the index or the
 * pairs cannot be made (the words' priors are then not to be trusted),
 * -1 when memory ran out. */
static int may_pair(lf_formindex *ix, int shape, const char *first, size_t first_len,
                    const char *last, size_t last_len)
{
    int rd = ready(ix);
    if (rd > 0)
        rd = joins_ready(ix);
    if (rd <= 0)
        return rd < 0 ? -1 : 1;
    size_t bit[JOIN_PROBES];
    join_bits(join_hash(shape, first, first_len, last, last_len), bit);
    for (int k = 0; k < JOIN_PROBES; k++)
        if (!((ix->joins[bit[k] >> 6] >> (bit[k] & 63)) & 1))
            return 0;
    return 1;
}

int lf_formindex_may_join(lf_formindex *ix, const char *const *frag, const size_t *len, int nfrag)
{
    if (!ix || nfrag < 2)
        return 1;
    if (nfrag == 2 && len[0] && len[1])
        return may_pair(ix, JOIN_ENDS, frag[0], len[0], frag[1], len[1]);
    if (nfrag == 3 && len[0] && len[1] && len[2])
        return may_pair(ix, JOIN_ENDS, frag[0], len[0], frag[2], len[2]);
    if (nfrag == 3 && !len[0] && len[1] && len[2])
        return may_pair(ix, JOIN_AFTER_EDGE, frag[1], len[1], frag[2], len[2]);
    if (nfrag == 3 && len[0] && len[1] && !len[2])
        return may_pair(ix, JOIN_BEFORE_EDGE, frag[0], len[0], frag[1], len[1]);
    return lf_formindex_may_split(ix, frag[0], len[0], frag[nfrag - 1], len[nfrag - 1]);
}
