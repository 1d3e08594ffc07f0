/* Repair: the one-way pipeline of a scan.
 *   tokens -> units (a word, a space-split run, a placeholder run)
 *          -> candidates (damage model x lexicon)
 *          -> document evidence -> scores -> spans.
 * Pass 1 gathers candidates for words that are not words and the evidence
 * they give; pass 2 adds real-word candidates for the damage the document
 * shows, scores every unit in context and keeps the best non-overlapping. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "alloc.h"
#include "casing.h"
#include "error.h"
#include "internal.h"
#include "result.h"
#include "score.h"

/* log10 priors for readings the context data cannot price. */
#define LOGP_NONWORD (-7.0)     /* a token Hunspell rejects, kept as written */
#define LOGP_VALID_OOV (-6.5)   /* a dictionary word the context data lacks */
#define LOGP_FLAT (-4.0)        /* any dictionary word, without context data */
#define LOGP_STRAY (-30.0)      /* a word with a stray code point, kept */
#define LOGP_REALWORD_MIN (-6.3) /* real-word repairs must be at least this common */
#define EMIT_MIN 0.10           /* spans below this confidence are not reported */
#define MAX_READINGS 12
#define MAX_ALTS 5
#define TYPE_CACHE_MAX 200000
#define WORD_MAX LF_CAND_MAX
#define GLUES_MAX 4

enum { ITEM_WORD, ITEM_SPACE, ITEM_PLACEHOLDER, ITEM_CODEPOINT };

typedef struct {
    size_t start, end;
    uint32_t tok_first, tok_last; /* first and last token of the unit */
    uint8_t kind, observed_valid, chunk_cands, nglue;
    uint32_t cand_off, ncand;
    uint32_t type; /* ITEM_WORD: index of its type record */
    uint32_t glue_off[GLUES_MAX];
    uint8_t glue_len[GLUES_MAX];
} item;

typedef struct {
    ligfix_checker *c;
    lf_vec *cands, *pool;
    size_t first; /* this unit's candidates start here */
    int capital, vocab_only, nomem;
} gen_state;

/* ---- small helpers ----------------------------------------------------- */

static const lf_context *ctx_of(const ligfix_checker *c) { return c->model->ctx; }

static lf_type_rec *type_at(ligfix_checker *c, uint32_t i)
{
    return (lf_type_rec *)c->type_recs.v + i;
}

static lf_cand_rec *cand_at(lf_vec *v, uint32_t i) { return (lf_cand_rec *)v->v + i; }

static const char *pool_str(const lf_vec *pool, uint32_t off)
{
    return (const char *)pool->v + off;
}

static float word_prior(const ligfix_checker *c, const char *w, size_t n)
{
    const lf_context *ctx = ctx_of(c);
    if (!ctx)
        return (float)LOGP_FLAT;
    return lf_context_unigram(ctx, w, n);
}

static int in_vocab(float prior) { return prior > LF_LOGP_UNKNOWN + 1; }

/* A code point an extractor leaves where a ligature glyph was. */
static int placeholder_cp(UChar32 cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x20)
        return cp != '\t' && cp != '\n' && cp != '\r' && cp != '\v' && cp != '\f';
    if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
        return 1;
    if (cp == 0xFFFD || cp == 0x02DA)
        return 1;
    if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000)
        return 1;
    /* byte-shifted glyph ids of some fonts land in CJK */
    if (cp >= 0x3400 && cp <= 0x9FFF)
        return 1;
    return 0;
}

/* 1 if token i is one placeholder code point (and it decoded cleanly). */
static int is_glue_tok(const char *text, const ligfix_token *t)
{
    if (t->kind == LIGFIX_TOKEN_WORD || t->kind == LIGFIX_TOKEN_NUMBER)
        return 0;
    int32_t i = 0, n = (int32_t)(t->end - t->start);
    if (n > 4)
        return 0;
    UChar32 cp;
    U8_NEXT(text + t->start, i, n, cp);
    return i == n && placeholder_cp(cp);
}

/* How many tokens from i form one glue (a placeholder or a pair of them). */
static size_t glue_at(const char *text, const lf_tokens *tk, size_t i)
{
    if (i >= tk->n || !is_glue_tok(text, &tk->v[i]))
        return 0;
    if (i + 1 < tk->n && is_glue_tok(text, &tk->v[i + 1]) &&
        tk->v[i + 1].end - tk->v[i].start <= LF_PLACEHOLDER_KEY_MAX)
        return 2;
    return 1;
}

/* A single space or line break between two tokens: a possible split word. */
static int split_gap(const char *text, const ligfix_token *t)
{
    size_t n = t->end - t->start;
    const char *s = text + t->start;
    if (n == 1)
        return s[0] == ' ' || s[0] == '\n';
    if (n == 2)
        return s[0] == '\r' && s[1] == '\n';
    return 0;
}

static int is_word(const lf_tokens *tk, size_t i)
{
    return i < tk->n && tk->v[i].kind == LIGFIX_TOKEN_WORD;
}

/* ---- candidate generation ------------------------------------------------ */

static int lexicon_ok(gen_state *g, const char *w, size_t n)
{
    int v = lf_lexicon_check(g->c->lex, w, n);
    if (v < 0) {
        g->nomem = 1;
        return 0;
    }
    if (!v && g->capital && n < WORD_MAX) {
        /* proper names: Litleton -> Littleton */
        char t[WORD_MAX + 8];
        long tl = lf_case_apply(LF_CASE_TITLE, w, n, t, sizeof t);
        if (tl > 0) {
            v = lf_lexicon_check(g->c->lex, t, (size_t)tl);
            if (v < 0) {
                g->nomem = 1;
                return 0;
            }
        }
    }
    return v;
}

static int on_candidate(void *ud, const lf_cand *cd)
{
    gen_state *g = ud;
    const lf_trigrams *tri = g->c->model->trigrams;
    if (tri && !lf_trigrams_plausible(tri, cd->word, cd->len))
        return 0;
    float prior = word_prior(g->c, cd->word, cd->len);
    int known = in_vocab(prior);
    if (g->vocab_only) {
        if (!known || prior < LOGP_REALWORD_MIN)
            return 0;
    } else if (!known && cd->nsites > 1) {
        return 0; /* too many to ask Hunspell about */
    }
    if (!lexicon_ok(g, cd->word, cd->len))
        return g->nomem;
    if (!known)
        prior = (float)LOGP_VALID_OOV;
    /* the same word by another route: keep the simpler one */
    for (size_t i = g->first; i < g->cands->n; i++) {
        lf_cand_rec *r = cand_at(g->cands, (uint32_t)i);
        if (r->len == cd->len && memcmp(pool_str(g->pool, r->word_off), cd->word, cd->len) == 0)
            return 0;
    }
    long off = lf_vec_append(g->pool, cd->word, cd->len);
    lf_cand_rec *r = off < 0 ? NULL : lf_vec_push(g->cands);
    if (!r) {
        g->nomem = 1;
        return 1;
    }
    r->word_off = (uint32_t)off;
    r->len = (uint16_t)cd->len;
    r->mode = (uint8_t)cd->mode;
    r->nsites = (uint8_t)cd->nsites;
    memcpy(r->group, cd->group, sizeof r->group);
    r->prior = prior;
    return 0;
}

static const int inword_modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};

/* Common groups: the only ones tried two at a time for vanished glyphs. */
static lf_group_mask common_groups(void)
{
    static const char *const names[] = {"tt", "ft", "fi", "fl", "ff", "ffi", "rt", "ti"};
    lf_group_mask m = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        m |= 1u << lf_group_find(names[i], strlen(names[i]));
    return m;
}

static int gen_inword(ligfix_checker *c, const char *lower, size_t n, int capital,
                      int vocab_only, uint32_t modes, lf_vec *cands, lf_vec *pool)
{
    gen_state g = {.c = c, .cands = cands, .pool = pool, .first = cands->n, .capital = capital,
                   .vocab_only = vocab_only};
    size_t before = cands->n;
    for (size_t k = 0; k < sizeof inword_modes / sizeof *inword_modes; k++) {
        int m = inword_modes[k];
        if (!(modes & (1u << m)))
            continue;
        int sites = m == LF_MODE_VANISH ? 1 : (vocab_only ? 2 : 3);
        lf_damage_invert(lower, n, m, c->groups, sites, capital, 3000, on_candidate, &g);
        if (m == LF_MODE_VANISH && !vocab_only && cands->n == before)
            lf_damage_invert(lower, n, m, c->groups & common_groups(), 2, capital, 4000,
                             on_candidate, &g);
        if (g.nomem)
            return -1;
    }
    return 0;
}

/* ---- word types ---------------------------------------------------------- */

static int has_presentation_form(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xAC &&
            (unsigned char)s[i + 2] >= 0x80 && (unsigned char)s[i + 2] <= 0x86)
            return 1;
    return 0;
}

/* The checker's record of a word type; UINT32_MAX on allocation failure. */
static uint32_t type_of(ligfix_checker *c, const char *s, size_t n)
{
    uint32_t *slot = lf_strmap_get(&c->types, s, n);
    if (slot)
        return *slot;
    char lower[WORD_MAX + 8];
    long ll = n <= WORD_MAX ? lf_case_lower(s, n, lower, sizeof lower) : -1;
    lf_type_rec rec = {0};
    rec.valid = 1; /* unreadable or overlong: never touched */
    if (ll > 0 && !has_presentation_form(s, n)) {
        long off = lf_vec_append(&c->tpool, lower, (size_t)ll);
        if (off < 0)
            return UINT32_MAX;
        rec.lower_off = (uint32_t)off;
        rec.lower_len = (uint16_t)ll;
        int v = lf_lexicon_check(c->lex, s, n);
        if (v < 0)
            return UINT32_MAX;
        rec.valid = (uint8_t)v;
        if (v) {
            rec.nclean = (uint8_t)lf_groups_in_word(lower, (size_t)ll, rec.clean,
                                                    (int)sizeof rec.clean);
        } else {
            rec.cand_off = (uint32_t)c->tcands.n;
            int capital = lf_case_pattern(s, n) != LF_CASE_LOWER;
            if (gen_inword(c, lower, (size_t)ll, capital, 0, c->modes, &c->tcands, &c->tpool) < 0)
                return UINT32_MAX;
            rec.ncand = (uint32_t)(c->tcands.n - rec.cand_off);
        }
    } else if (ll > 0) {
        rec.valid = 0; /* presentation form: handled as its own unit */
    }
    lf_type_rec *r = lf_vec_push(&c->type_recs);
    if (!r)
        return UINT32_MAX;
    *r = rec;
    uint32_t idx = (uint32_t)(c->type_recs.n - 1);
    if (!lf_strmap_put(&c->types, s, n, idx))
        return UINT32_MAX;
    return idx;
}

/* Real-word candidates of a dictionary word, for the modes now active. */
static int realword_cands(ligfix_checker *c, uint32_t ti, uint32_t active)
{
    lf_type_rec *t = type_at(c, ti);
    if ((t->rw_modes & active) == active)
        return 0;
    /* Made afresh for the union of modes; older ones are left unused. */
    uint32_t modes = active | t->rw_modes;
    char lower[WORD_MAX + 8];
    memcpy(lower, pool_str(&c->tpool, t->lower_off), t->lower_len);
    size_t n = t->lower_len;
    uint32_t off = (uint32_t)c->tcands.n;
    if (gen_inword(c, lower, n, 0, 1, modes, &c->tcands, &c->tpool) < 0)
        return -1;
    t = type_at(c, ti);
    t->cand_off = off;
    t->ncand = (uint32_t)(c->tcands.n - off);
    t->rw_modes = modes;
    return 0;
}

/* ---- units --------------------------------------------------------------- */

static item *new_item(ligfix_checker *c, int kind, size_t tf, size_t tl)
{
    item *it = lf_vec_push(&c->items);
    if (!it)
        return NULL;
    it->kind = (uint8_t)kind;
    it->tok_first = (uint32_t)tf;
    it->tok_last = (uint32_t)tl;
    it->start = c->toks.v[tf].start;
    it->end = c->toks.v[tl].end;
    return it;
}

/* Fragments of a run, lower-cased into buf. */
typedef struct {
    const char *frag[LF_SITES_MAX + 1];
    size_t len[LF_SITES_MAX + 1];
    int n;
    char buf[(LF_SITES_MAX + 1) * (WORD_MAX + 1)];
    size_t used;
} frags;

static int frag_add(frags *f, const char *s, size_t n)
{
    if (f->n > LF_SITES_MAX)
        return -1;
    char *dst = f->buf + f->used;
    long l = n ? lf_case_lower(s, n, dst, WORD_MAX + 1) : 0;
    if (l < 0)
        return -1;
    f->frag[f->n] = dst;
    f->len[f->n++] = (size_t)l;
    f->used += (size_t)l + 1;
    return 0;
}

static int gen_fill(ligfix_checker *c, frags *f, int mode, lf_group_mask mask, int vocab_only,
                    int capital, uint32_t *off, uint32_t *count)
{
    gen_state g = {.c = c, .cands = &c->scands, .pool = &c->spool, .first = c->scands.n,
                   .capital = capital, .vocab_only = vocab_only};
    *off = (uint32_t)c->scands.n;
    lf_damage_fill(f->frag, f->len, f->n, mode, mask, 2000, on_candidate, &g);
    *count = (uint32_t)(c->scands.n - *off);
    return g.nomem ? -1 : 0;
}

/* A placeholder run starting at token i; returns the index of its last
 * token, or i - 1 (nothing) if there is none here. -1 on no memory. */
static long placeholder_unit(ligfix_checker *c, const char *text, size_t i)
{
    const lf_tokens *tk = &c->toks;
    frags f = {0};
    uint32_t glue_off[GLUES_MAX];
    uint8_t glue_len[GLUES_MAX];
    int nglue = 0, letters = 0;
    size_t j = i;
    if (is_word(tk, j)) {
        if (frag_add(&f, text + tk->v[j].start, tk->v[j].end - tk->v[j].start) < 0)
            return (long)i - 1;
        letters = 1;
        j++;
    } else {
        if (i > 0 && is_word(tk, i - 1))
            return (long)i - 1;
        frag_add(&f, "", 0);
    }
    size_t last = j - 1;
    for (;;) {
        size_t g = glue_at(text, tk, j);
        if (!g || nglue == GLUES_MAX)
            break;
        glue_off[nglue] = (uint32_t)tk->v[j].start;
        glue_len[nglue++] = (uint8_t)(tk->v[j + g - 1].end - tk->v[j].start);
        j += g;
        last = j - 1;
        if (is_word(tk, j)) {
            if (frag_add(&f, text + tk->v[j].start, tk->v[j].end - tk->v[j].start) < 0)
                return (long)i - 1;
            letters = 1;
            last = j++;
        } else {
            frag_add(&f, "", 0);
            break;
        }
    }
    if (!nglue || !letters || f.n != nglue + 1)
        return (long)i - 1;
    uint32_t off, count;
    int capital = lf_case_pattern(text + tk->v[i].start, tk->v[last].end - tk->v[i].start) !=
                  LF_CASE_LOWER;
    if (gen_fill(c, &f, LF_MODE_PLACEHOLDER, c->groups, 0, capital, &off, &count) < 0)
        return -1;
    if (!count)
        return (long)i - 1;
    item *it = new_item(c, ITEM_PLACEHOLDER, i, last);
    if (!it)
        return -1;
    it->chunk_cands = 1;
    it->cand_off = off;
    it->ncand = count;
    it->nglue = (uint8_t)nglue;
    memcpy(it->glue_off, glue_off, sizeof glue_off);
    memcpy(it->glue_len, glue_len, sizeof glue_len);
    return (long)last;
}

/* Words i, i+2 (and i+4) split by single spaces. vocab_only: both are
 * dictionary words, so only common words count as joins. */
static int space_unit(ligfix_checker *c, const char *text, size_t i, int vocab_only,
                      lf_group_mask mask)
{
    const lf_tokens *tk = &c->toks;
    for (int nfrag = 2; nfrag <= 3; nfrag++) {
        size_t last = i + 2 * (size_t)(nfrag - 1);
        if (!is_word(tk, last) || !split_gap(text, &tk->v[last - 1]))
            return 0;
        frags f = {0};
        for (size_t k = i; k <= last; k += 2)
            if (frag_add(&f, text + tk->v[k].start, tk->v[k].end - tk->v[k].start) < 0)
                return 0;
        uint32_t off, count;
        int capital = lf_case_pattern(text + tk->v[i].start, tk->v[i].end - tk->v[i].start) !=
                      LF_CASE_LOWER;
        if (gen_fill(c, &f, LF_MODE_SPACE, mask, vocab_only, capital, &off, &count) < 0)
            return -1;
        if (count) {
            item *it = new_item(c, ITEM_SPACE, i, last);
            if (!it)
                return -1;
            it->chunk_cands = 1;
            it->cand_off = off;
            it->ncand = count;
            it->observed_valid = (uint8_t)vocab_only;
            return 0;
        }
        if (vocab_only)
            return 0;
    }
    return 0;
}

static int codepoint_unit(ligfix_checker *c, const char *text, size_t i)
{
    const ligfix_token *t = &c->toks.v[i];
    char out[WORD_MAX * 2 + 8];
    size_t o = 0;
    uint8_t groups[LF_SITES_MAX];
    int nsites = 0;
    int32_t k = 0, n = (int32_t)(t->end - t->start);
    const char *s = text + t->start;
    if (n > WORD_MAX)
        return 0;
    while (k < n) {
        int32_t at = k;
        UChar32 cp;
        U8_NEXT(s, k, n, cp);
        int g = -1;
        const char *exp = lf_presentation_form((uint32_t)cp, &g);
        if (exp) {
            size_t el = strlen(exp);
            memcpy(out + o, exp, el);
            o += el;
            if (nsites < LF_SITES_MAX && g >= 0)
                groups[nsites++] = (uint8_t)g;
        } else {
            memcpy(out + o, s + at, (size_t)(k - at));
            o += (size_t)(k - at);
        }
    }
    long off = lf_vec_append(&c->spool, out, o);
    lf_cand_rec *r = off < 0 ? NULL : lf_vec_push(&c->scands);
    item *it = r ? new_item(c, ITEM_CODEPOINT, i, i) : NULL;
    if (!it)
        return -1;
    r->word_off = (uint32_t)off;
    r->len = (uint16_t)o;
    r->mode = LF_MODE_CODEPOINT;
    r->nsites = (uint8_t)nsites;
    memcpy(r->group, groups, sizeof r->group);
    r->prior = 0;
    it->chunk_cands = 1;
    it->cand_off = (uint32_t)(c->scands.n - 1);
    it->ncand = 1;
    return 0;
}

/* ---- evidence ------------------------------------------------------------ */

static lf_vec *item_cands(ligfix_checker *c, const item *it)
{
    return it->chunk_cands ? &c->scands : &c->tcands;
}

static const char *item_pool(const ligfix_checker *c, const item *it)
{
    return it->chunk_cands ? (const char *)c->spool.v : (const char *)c->tpool.v;
}

/* Which glue of a placeholder item a site fills. */
static void site_key(const item *it, int site, uint32_t *off, uint8_t *len)
{
    int k = site < it->nglue ? site : it->nglue - 1;
    *off = it->glue_off[k];
    *len = it->glue_len[k];
}

/* Every unit with candidates from pass 1 votes for the damage it shows,
 * each reading weighted by its prior against keeping the word. */
static void gather_evidence(ligfix_checker *c, const char *text, const item *it)
{
    if (it->kind == ITEM_CODEPOINT || it->observed_valid)
        return;
    lf_vec *cv = item_cands(c, it);
    double keep = it->kind == ITEM_PLACEHOLDER ? LOGP_STRAY : LOGP_NONWORD;
    double sum = pow(10.0, keep);
    for (uint32_t k = 0; k < it->ncand; k++)
        sum += pow(10.0, cand_at(cv, it->cand_off + k)->prior);
    for (uint32_t k = 0; k < it->ncand; k++) {
        const lf_cand_rec *r = cand_at(cv, it->cand_off + k);
        double w = pow(10.0, r->prior) / sum;
        lf_evidence_damaged(&c->ev, r->mode, r->group, r->nsites, w);
        if (it->kind == ITEM_PLACEHOLDER)
            for (int s = 0; s < r->nsites; s++) {
                uint32_t off;
                uint8_t len;
                site_key(it, s, &off, &len);
                lf_evidence_placeholder(&c->ev, text + off, len, r->group[s], w);
            }
    }
}

/* ---- scoring ------------------------------------------------------------- */

typedef struct {
    char prev[WORD_MAX + 8], next[WORD_MAX + 8];
    size_t prev_len, next_len;
} neighbours;

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

static void find_neighbours(ligfix_checker *c, const char *text, const item *it, neighbours *nb)
{
    const lf_tokens *tk = &c->toks;
    strcpy(nb->prev, "<s>");
    nb->prev_len = 3;
    strcpy(nb->next, "</s>");
    nb->next_len = 4;
    for (size_t k = it->tok_first; k-- > 0;) {
        if (is_word(tk, k)) {
            long l = lf_case_lower(text + tk->v[k].start, tk->v[k].end - tk->v[k].start,
                                   nb->prev, sizeof nb->prev);
            if (l > 0)
                nb->prev_len = (size_t)l;
            else
                strcpy(nb->prev, "<s>");
            break;
        }
        if (sentence_break(text + tk->v[k].start, tk->v[k].end - tk->v[k].start))
            break;
    }
    for (size_t k = it->tok_last + 1; k < tk->n; k++) {
        if (is_word(tk, k)) {
            long l = lf_case_lower(text + tk->v[k].start, tk->v[k].end - tk->v[k].start,
                                   nb->next, sizeof nb->next);
            if (l > 0)
                nb->next_len = (size_t)l;
            else
                strcpy(nb->next, "</s>");
            break;
        }
        if (sentence_break(text + tk->v[k].start, tk->v[k].end - tk->v[k].start))
            break;
    }
}

/* log10 P(w | p) + log10 P(q | w); prior prices a word the data lacks. */
static double lm_step(const lf_context *ctx, const char *p, size_t pn, const char *w, size_t wn,
                      double prior)
{
    if (!ctx)
        return prior;
    if (!lf_context_has(ctx, w, wn))
        return prior;
    return lf_context_bigram(ctx, p, pn, w, wn);
}

static double lm_seq(const ligfix_checker *c, const neighbours *nb, const char *const *w,
                     const size_t *wn, const double *prior, int n)
{
    const lf_context *ctx = ctx_of(c);
    double s = 0;
    const char *p = nb->prev;
    size_t pn = nb->prev_len;
    for (int i = 0; i < n; i++) {
        s += lm_step(ctx, p, pn, w[i], wn[i], prior[i]);
        p = w[i];
        pn = wn[i];
        if (ctx && !lf_context_has(ctx, p, pn))
            p = "<unk>", pn = 5;
    }
    if (ctx) {
        int q_known = lf_context_has(ctx, nb->next, nb->next_len) ||
                      strcmp(nb->next, "</s>") == 0;
        if (q_known)
            s += lf_context_bigram(ctx, p, pn, nb->next, nb->next_len);
    }
    return s;
}

static double fragment_prior(ligfix_checker *c, const char *w, size_t n, int valid)
{
    if (!valid)
        return LOGP_NONWORD;
    float p = word_prior(c, w, n);
    return in_vocab(p) ? p : LOGP_VALID_OOV;
}

typedef struct {
    double score;
    int cand; /* -1: the observed text kept */
} reading;

static int by_score(const void *a, const void *b)
{
    double x = ((const reading *)a)->score, y = ((const reading *)b)->score;
    return (x < y) - (x > y);
}

/* Log10 score of keeping the unit as observed. */
static double keep_score(ligfix_checker *c, const char *text, const item *it,
                         const neighbours *nb)
{
    if (it->kind == ITEM_PLACEHOLDER || it->kind == ITEM_CODEPOINT)
        return LOGP_STRAY;
    const char *w[LF_SITES_MAX + 1];
    size_t wn[LF_SITES_MAX + 1];
    double pr[LF_SITES_MAX + 1];
    char buf[LF_SITES_MAX + 1][WORD_MAX + 8];
    int n = 0;
    for (uint32_t k = it->tok_first; k <= it->tok_last && n <= LF_SITES_MAX; k++) {
        const ligfix_token *t = &c->toks.v[k];
        if (t->kind != LIGFIX_TOKEN_WORD)
            continue;
        long l = lf_case_lower(text + t->start, t->end - t->start, buf[n], sizeof buf[n]);
        if (l < 0)
            return 0;
        int v = lf_lexicon_check(c->lex, text + t->start, t->end - t->start);
        w[n] = buf[n];
        wn[n] = (size_t)l;
        pr[n] = fragment_prior(c, buf[n], (size_t)l, v > 0);
        if (v <= 0)
            w[n] = "<unk>", wn[n] = 5;
        n++;
    }
    return lm_seq(c, nb, w, wn, pr, n);
}

static double channel(const ligfix_checker *c, const char *text, const item *it,
                      const lf_cand_rec *r)
{
    double s = 0;
    for (int k = 0; k < r->nsites; k++) {
        double p;
        if (r->mode == LF_MODE_CODEPOINT) {
            p = 1.0;
        } else if (r->mode == LF_MODE_PLACEHOLDER) {
            uint32_t off;
            uint8_t len;
            site_key(it, k, &off, &len);
            p = lf_evidence_placeholder_prob(&c->ev, text + off, len, r->group[k]);
        } else {
            p = lf_evidence_rate(&c->ev, r->group[k], r->mode);
        }
        s += log10(p);
    }
    return s;
}

static int join_groups(const lf_cand_rec *r, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (int k = 0; k < r->nsites; k++) {
        const lf_group *g = &lf_groups[r->group[k]];
        if (o + g->len + 2 >= cap)
            return -1;
        if (k)
            out[o++] = ',';
        memcpy(out + o, g->letters, g->len);
        o += g->len;
        if (g->flags & LF_GROUP_CAPITAL)
            out[o - g->len] = (char)(out[o - g->len] - 32);
        out[o] = '\0';
    }
    return 0;
}

typedef struct {
    item it;
    double conf;
    int kind;
    reading rd[MAX_READINGS + 1];
    double post[MAX_READINGS + 1];
    int nrd;
    int best; /* index in rd of the best repair */
} scored;

static void score_item(ligfix_checker *c, const char *text, const item *it, scored *sc)
{
    neighbours nb;
    find_neighbours(c, text, it, &nb);
    lf_vec *cv = item_cands(c, it);
    const char *pool = item_pool(c, it);
    sc->it = *it;
    sc->nrd = 0;
    sc->rd[sc->nrd++] = (reading){keep_score(c, text, it, &nb), -1};
    /* candidates: the most probable a priori first, if there are many */
    for (uint32_t k = 0; k < it->ncand; k++) {
        const lf_cand_rec *r = cand_at(cv, it->cand_off + k);
        const char *w = pool + r->word_off;
        double pr = r->prior;
        double s = lm_seq(c, &nb, &w, (const size_t[]){r->len}, &pr, 1) + channel(c, text, it, r);
        if (sc->nrd <= MAX_READINGS) {
            sc->rd[sc->nrd++] = (reading){s, (int)k};
        } else {
            int worst = 1;
            for (int q = 2; q < sc->nrd; q++)
                if (sc->rd[q].score < sc->rd[worst].score)
                    worst = q;
            if (s > sc->rd[worst].score)
                sc->rd[worst] = (reading){s, (int)k};
        }
    }
    qsort(sc->rd, (size_t)sc->nrd, sizeof *sc->rd, by_score);
    for (int k = 0; k < sc->nrd; k++)
        sc->post[k] = sc->rd[k].score;
    lf_softmax10(sc->post, sc->nrd);
    sc->best = -1;
    for (int k = 0; k < sc->nrd; k++)
        if (sc->rd[k].cand >= 0) {
            sc->best = k;
            break;
        }
    sc->kind = it->observed_valid ? LF_CAL_REALWORD : LF_CAL_NONWORD;
    sc->conf = sc->best < 0 ? 0 : lf_calibrate(sc->post[sc->best], sc->kind);
    if (it->kind == ITEM_CODEPOINT)
        sc->conf = sc->post[sc->best]; /* deterministic: no calibration needed */
}

static int emit(ligfix_checker *c, const char *text, const scored *sc, ligfix_result *res)
{
    const item *it = &sc->it;
    const lf_cand_rec *r = cand_at(item_cands(c, it), it->cand_off + (uint32_t)sc->rd[sc->best].cand);
    const char *pool = item_pool(c, it);
    char rep[WORD_MAX * 2 + 16], lig[64];
    int pattern = lf_case_pattern(text + it->start, it->end - it->start);
    long rl = lf_case_apply(pattern, pool + r->word_off, r->len, rep, sizeof rep);
    if (it->kind == ITEM_CODEPOINT) {
        memcpy(rep, pool + r->word_off, r->len);
        rl = r->len;
    }
    if (rl < 0 || join_groups(r, lig, sizeof lig) < 0)
        return 0; /* cannot be written back faithfully: leave the text alone */
    lf_alt_in alts[MAX_ALTS];
    char altbuf[MAX_ALTS][WORD_MAX * 2 + 16];
    int nalt = 0;
    for (int k = 0; k < sc->nrd && nalt < MAX_ALTS; k++) {
        if (sc->rd[k].cand < 0) {
            alts[nalt++] = (lf_alt_in){text + it->start, it->end - it->start, sc->post[k]};
            continue;
        }
        const lf_cand_rec *a = cand_at(item_cands(c, it), it->cand_off + (uint32_t)sc->rd[k].cand);
        long al = lf_case_apply(pattern, pool + a->word_off, a->len, altbuf[nalt], sizeof altbuf[0]);
        if (al < 0)
            continue;
        alts[nalt] = (lf_alt_in){altbuf[nalt], (size_t)al, sc->post[k]};
        nalt++;
    }
    return lf_result_add(res, it->start, it->end, text, rep, (size_t)rl, sc->conf,
                         sc->conf >= c->threshold, lig, lf_mode_name(r->mode), alts, nalt);
}

/* ---- the scan ------------------------------------------------------------ */

static int by_start(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->end < y->end) - (x->end > y->end); /* longer first */
}

enum { SPLIT_NONE, SPLIT_NOW, SPLIT_IF_ACTIVE, SPLIT_REALWORD };

/* Whether words i and i+2 may be one word split by a space: at once when a
 * fragment is not a word and has no reading of its own (resen ng); only
 * once the document shows space damage when the fragments have other
 * readings (a er: "a" is a word) or are both words (be er). */
static int split_kind(ligfix_checker *c, const char *text, size_t i)
{
    const lf_tokens *tk = &c->toks;
    uint32_t ti = type_of(c, text + tk->v[i].start, tk->v[i].end - tk->v[i].start);
    uint32_t tj = ti == UINT32_MAX ? ti
                                   : type_of(c, text + tk->v[i + 2].start,
                                             tk->v[i + 2].end - tk->v[i + 2].start);
    if (tj == UINT32_MAX)
        return -1;
    const lf_type_rec *a = type_at(c, ti), *b = type_at(c, tj);
    if ((!a->valid && !a->ncand) || (!b->valid && !b->ncand))
        return SPLIT_NOW;
    if (!a->valid || !b->valid)
        return SPLIT_IF_ACTIVE;
    return SPLIT_REALWORD;
}

static int pass1(ligfix_checker *c, const char *text)
{
    const lf_tokens *tk = &c->toks;
    for (size_t i = 0; i < tk->n; i++) {
        const ligfix_token *t = &tk->v[i];
        if (t->kind != LIGFIX_TOKEN_WORD && !is_glue_tok(text, t))
            continue;
        if ((c->modes & (1u << LF_MODE_PLACEHOLDER)) && glue_at(text, tk, i + (is_word(tk, i) ? 1 : 0))) {
            size_t before = c->items.n;
            long last = placeholder_unit(c, text, i);
            if (last < -1 || (last < 0 && c->items.n != before))
                return -1;
            if (last >= (long)i) {
                i = (size_t)last;
                continue;
            }
        }
        if (t->kind != LIGFIX_TOKEN_WORD)
            continue;
        const char *s = text + t->start;
        size_t n = t->end - t->start;
        if ((c->modes & (1u << LF_MODE_CODEPOINT)) && has_presentation_form(s, n)) {
            if (codepoint_unit(c, text, i) < 0)
                return -1;
            continue;
        }
        uint32_t ti = type_of(c, s, n);
        if (ti == UINT32_MAX)
            return -1;
        const lf_type_rec *tr = type_at(c, ti);
        if (tr->valid) {
            lf_evidence_clean(&c->ev, tr->clean, tr->nclean);
        } else if (tr->ncand) {
            item *it = new_item(c, ITEM_WORD, i, i);
            if (!it)
                return -1;
            it->cand_off = tr->cand_off;
            it->ncand = tr->ncand;
            it->type = ti;
        }
        if ((c->modes & (1u << LF_MODE_SPACE)) && i + 2 < tk->n && is_word(tk, i + 2) &&
            split_gap(text, &tk->v[i + 1])) {
            int k = split_kind(c, text, i);
            if (k < 0 || (k == SPLIT_NOW && space_unit(c, text, i, 0, c->groups) < 0))
                return -1;
        }
    }
    return 0;
}

static int pass2_realwords(ligfix_checker *c, const char *text, size_t n_pass1)
{
    uint32_t active = 0;
    for (size_t k = 0; k < sizeof inword_modes / sizeof *inword_modes; k++)
        if ((c->modes & (1u << inword_modes[k])) && lf_evidence_mode_active(&c->ev, inword_modes[k]))
            active |= 1u << inword_modes[k];
    int space = (c->modes & (1u << LF_MODE_SPACE)) && lf_evidence_mode_active(&c->ev, LF_MODE_SPACE);
    if (!active && !space)
        return 0;
    lf_group_mask space_mask = 0;
    if (space)
        for (int g = 0; g < lf_group_count; g++)
            if ((c->groups & (1u << g)) && lf_evidence_rate(&c->ev, g, LF_MODE_SPACE) >= 0.05)
                space_mask |= 1u << g;
    const lf_tokens *tk = &c->toks;
    /* tokens already inside a pass-1 unit are left to it */
    size_t next_item = 0;
    size_t covered_to = 0;
    for (size_t i = 0; i < tk->n; i++) {
        if (!is_word(tk, i))
            continue;
        while (next_item < n_pass1 && ((item *)c->items.v)[next_item].tok_first <= i) {
            const item *it = (item *)c->items.v + next_item;
            if (it->kind != ITEM_SPACE && it->tok_last + 1 > covered_to)
                covered_to = it->tok_last + 1;
            next_item++;
        }
        if (space_mask && i + 2 < tk->n && is_word(tk, i + 2) && split_gap(text, &tk->v[i + 1])) {
            int k = split_kind(c, text, i);
            if (k < 0 || ((k == SPLIT_IF_ACTIVE || k == SPLIT_REALWORD) &&
                          space_unit(c, text, i, k == SPLIT_REALWORD, space_mask) < 0))
                return -1;
        }
        if (i < covered_to)
            continue;
        const ligfix_token *t = &tk->v[i];
        uint32_t ti = type_of(c, text + t->start, t->end - t->start);
        if (ti == UINT32_MAX)
            return -1;
        if (!type_at(c, ti)->valid || !type_at(c, ti)->lower_len)
            continue;
        if (active) {
            if (realword_cands(c, ti, active) < 0)
                return -1;
            const lf_type_rec *tr = type_at(c, ti);
            if (tr->ncand) {
                item *it = new_item(c, ITEM_WORD, i, i);
                if (!it)
                    return -1;
                it->cand_off = tr->cand_off;
                it->ncand = tr->ncand;
                it->type = ti;
                it->observed_valid = 1;
            }
        }
    }
    return 0;
}

static void forget_if_large(ligfix_checker *c)
{
    if (c->type_recs.n > TYPE_CACHE_MAX || c->tpool.n > (size_t)64 << 20)
        lf_repair_forget(c);
}

void lf_repair_forget(ligfix_checker *c)
{
    lf_strmap_clear(&c->types);
    c->type_recs.n = 0;
    c->tcands.n = 0;
    c->tpool.n = 0;
}

ligfix_result *lf_repair_scan(ligfix_checker *c, const char *text, size_t len, ligfix_error *err)
{
    ligfix_result *res = lf_result_new();
    if (!res) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory");
        return NULL;
    }
    forget_if_large(c);
    c->items.size = sizeof(item);
    c->items.n = c->scands.n = c->spool.n = 0;
    if (lf_tokenize(c->tok, text, len, &c->toks, err) != LIGFIX_OK) {
        ligfix_result_free(res);
        return NULL;
    }
    if (pass1(c, text) < 0)
        goto nomem;
    size_t n1 = c->items.n;
    for (size_t k = 0; k < n1; k++)
        gather_evidence(c, text, (item *)c->items.v + k);
    if (pass2_realwords(c, text, n1) < 0)
        goto nomem;
    qsort(c->items.v, c->items.n, sizeof(item), by_start);

    /* Score every unit; of overlapping ones keep the more confident. */
    scored cur, prev;
    int have_prev = 0;
    for (size_t k = 0; k < c->items.n; k++) {
        score_item(c, text, (item *)c->items.v + k, &cur);
        if (cur.best < 0 || cur.conf < EMIT_MIN)
            continue;
        if (have_prev && cur.it.start < prev.it.end) {
            if (cur.conf > prev.conf)
                prev = cur;
            continue;
        }
        if (have_prev && emit(c, text, &prev, res) < 0)
            goto nomem;
        prev = cur;
        have_prev = 1;
    }
    if (have_prev && emit(c, text, &prev, res) < 0)
        goto nomem;
    lf_result_seal(res);
    return res;
nomem:
    ligfix_result_free(res);
    lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory scanning text");
    return NULL;
}
