#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"
#include "formindex.h"
#include "internal.h"

#define NO_ENTRY UINT32_MAX
/* A damaged form with more readings than this is left to the search. */
#define READINGS_MAX 256

/* One reading of a damaged form: the vocabulary word and where its sites
 * are, in the damaged form (j, as the search places them) and in the word
 * (pos). */
typedef struct {
    uint32_t word; /* vocabulary id */
    uint32_t next; /* the next reading of the same form, NO_ENTRY: none */
    uint8_t mode, nsites;
    uint8_t group[2], j[2], pos[2];
} reading;

enum { UNBUILT, BUILT, FAILED };

struct lf_formindex {
    pthread_mutex_t mu;
    atomic_int state;
    const lf_context *ctx;
    double min_prior;
    size_t short_max;
    lf_strmap forms; /* damaged form -> its first reading */
    lf_vec readings; /* reading */
    /* A Bloom filter of the words' ends a split leaves (lf_formindex_may_split) */
    uint64_t *ends;
};

#define ENDS_WORDS ((size_t)1 << 14) /* 2^20 bits */
#define ENDS_PROBES 3

static uint64_t end_hash(int last, const char *s, size_t n)
{
    return lf_hash(s, n) ^ (last ? 0x5BD1E9955BD1E995ULL : 0);
}

static void ends_add(lf_formindex *ix, int last, const char *s, size_t n)
{
    uint64_t h = end_hash(last, s, n);
    for (int k = 0; k < ENDS_PROBES; k++) {
        size_t bit = (size_t)(h >> (20 * k)) & (ENDS_WORDS * 64 - 1);
        ix->ends[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

static int ends_test(const lf_formindex *ix, int last, const char *s, size_t n)
{
    uint64_t h = end_hash(last, s, n);
    for (int k = 0; k < ENDS_PROBES; k++) {
        size_t bit = (size_t)(h >> (20 * k)) & (ENDS_WORDS * 64 - 1);
        if (!((ix->ends[bit >> 6] >> (bit & 63)) & 1))
            return 0;
    }
    return 1;
}

lf_formindex *lf_formindex_new(const lf_context *ctx, double min_prior, size_t short_max)
{
    lf_formindex *ix = lf_calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    if (pthread_mutex_init(&ix->mu, NULL) != 0) {
        lf_free(ix);
        return NULL;
    }
    atomic_init(&ix->state, ctx ? UNBUILT : FAILED);
    ix->ctx = ctx;
    ix->min_prior = min_prior;
    ix->short_max = short_max;
    lf_strmap_init(&ix->forms);
    lf_vec_init(&ix->readings, sizeof(reading));
    return ix;
}

void lf_formindex_free(lf_formindex *ix)
{
    if (!ix)
        return;
    pthread_mutex_destroy(&ix->mu);
    lf_strmap_free(&ix->forms);
    lf_vec_free(&ix->readings);
    lf_free(ix->ends);
    lf_free(ix);
}

/* ---- building ---------------------------------------------------------- */

typedef struct {
    lf_formindex *ix;
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
    reading r = {.word = wf->word, .mode = (uint8_t)mode, .nsites = (uint8_t)nsites};
    size_t fl = lf_damage_apply(wf->v, wf->len, mode, o, nsites, form, r.j);
    for (int k = 0; k < nsites; k++) {
        r.group[k] = o[k].group;
        r.pos[k] = (uint8_t)o[k].pos;
    }
    if (!fl)
        return; /* the search reads no empty word */
    lf_formindex *ix = wf->ix;
    uint32_t idx = (uint32_t)ix->readings.n;
    reading *slot = lf_vec_push(&ix->readings);
    uint32_t *head = slot ? lf_strmap_put(&ix->forms, form, fl, NO_ENTRY) : NULL;
    if (!head) {
        wf->nomem = 1;
        return;
    }
    r.next = *head;
    *slot = r;
    *head = idx;
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

/* 0 when built; -1 on allocation failure; 1 when the data's ids are not
 * vocabulary positions (the index cannot price its words). */
static int build(lf_formindex *ix)
{
    if (!(ix->ends = lf_calloc(ENDS_WORDS, sizeof *ix->ends)))
        return -1;
    for (size_t i = 0, nw = lf_context_vocab_size(ix->ctx); i < nw; i++) {
        size_t len;
        const char *v = lf_context_vocab_word(ix->ctx, i, &len);
        /* words are priced by their vocabulary position, which is their
         * id in the data's format: checked on a sample, cheaply */
        if ((i % 256 == 0 || i + 1 == nw) && lf_context_id(ix->ctx, v, len) != (uint32_t)i)
            return 1;
        float prior = lf_context_unigram_id(ix->ctx, (uint32_t)i);
        if (prior <= LF_LOGP_UNKNOWN + 1 || prior < ix->min_prior || len > LF_CAND_MAX)
            continue;
        lf_site occ[LF_CAND_MAX * 2];
        int nocc = lf_group_sites_into(v, len, occ, (int)(sizeof occ / sizeof *occ));
        /* what a split leaves first (before a site, or through a group
         * kept before a space) and last (after a site) */
        for (int k = 0; k < nocc; k++) {
            size_t p = occ[k].pos, e = p + lf_groups[occ[k].group].len;
            if (p)
                ends_add(ix, 0, v, p);
            if (e < len) {
                ends_add(ix, 1, v + e, len - e);
                if (e - p >= 2)
                    ends_add(ix, 0, v, e);
            }
        }
        word_forms wf = {ix, (uint32_t)i, v, len, 0};
        add_word(&wf, occ, nocc, ix->short_max);
        if (wf.nomem)
            return -1;
    }
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
        if (rc != 0) {
            lf_strmap_free(&ix->forms);
            lf_vec_free(&ix->readings);
            lf_free(ix->ends);
            ix->ends = NULL;
        }
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
static int search_order(const reading *a, const reading *b)
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

int lf_formindex_invert(lf_formindex *ix, const char *w, size_t n, uint64_t upper, int mode,
                        lf_group_mask mask, int max_sites, int budget, unsigned flags,
                        lf_cand_fn fn, void *ud)
{
    if (!ix || max_sites < 1 || max_sites > 2 || n == 0 || n > LF_CAND_MAX ||
        (mode == LF_MODE_VANISH && max_sites > 1 && n > ix->short_max))
        return 0;
    uint64_t total = lf_damage_invert_total(w, n, upper, mode, mask, max_sites, flags);
    if (total > (uint64_t)(budget > 0 ? budget : 0))
        return 0; /* the budget could cut the search short */
    int rd = ready(ix);
    if (rd <= 0)
        return rd;
    const uint32_t *head = lf_strmap_get(&ix->forms, w, n);
    const reading *all = ix->readings.v;
    const reading *found[READINGS_MAX];
    int nfound = 0;
    for (uint32_t e = head ? *head : NO_ENTRY; e != NO_ENTRY; e = all[e].next) {
        const reading *r = &all[e];
        if (r->mode != mode || r->nsites > max_sites)
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
        const reading *r = found[k];
        size_t len;
        const char *v = lf_context_vocab_word(ix->ctx, r->word, &len);
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
    return !n || ends_test(ix, side == LF_PIECE_RIGHT, w, n);
}

int lf_formindex_may_split(lf_formindex *ix, const char *first, size_t first_len,
                           const char *last, size_t last_len)
{
    int a = lf_formindex_may_end(ix, LF_PIECE_LEFT, first, first_len);
    if (a <= 0)
        return a;
    return lf_formindex_may_end(ix, LF_PIECE_RIGHT, last, last_len);
}
