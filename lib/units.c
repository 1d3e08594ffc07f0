/* Units and their candidates: which stretches of the text might be one
 * damaged word (a word, a space-split run, a word beside a stray space, a
 * placeholder run, a presentation form), and every reading the damage
 * model and the lexicon allow for each. Pass 1 finds the units that are not
 * words; the real-word pass adds dictionary words for the damage the
 * document shows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "alloc.h"
#include "casing.h"
#include "error.h"
#include "formindex.h"
#include "gencache.h"
#include "internal.h"
#include "result.h"
#include "score.h"
#include "typeshare.h"

#include "units.h"

typedef struct {
    ligfix_checker *c;
    lf_vec *cands, *pool;
    size_t first; /* this unit's candidates start here */
    int capital, vocab_only, nomem;
} gen_state;

/* ---- small helpers ----------------------------------------------------- */

static lf_type_rec *type_at(ligfix_checker *c, uint32_t i)
{
    return (lf_type_rec *)c->type_recs.v + i;
}

lf_cand_rec *lf_cand_at(const lf_vec *v, uint32_t i) { return (lf_cand_rec *)v->v + i; }

static const char *pool_str(const lf_vec *pool, uint32_t off)
{
    return (const char *)pool->v + off;
}

double lf_doc_share(const ligfix_checker *c, const char *w, size_t n)
{
    if (!c->doc_words)
        return 0;
    uint32_t ti = lf_typecache_get(&c->recent_types, w, n);
    if (ti == UINT32_MAX) {
        const uint32_t *slot = lf_strmap_get(&c->types, w, n);
        if (!slot)
            return 0;
        ti = *slot;
    }
    const lf_type_rec *t = (const lf_type_rec *)c->type_recs.v + ti;
    return t->valid ? (double)t->count / (double)c->doc_words : 0;
}

float lf_word_prior(const ligfix_checker *c, const char *w, size_t n, uint32_t *id)
{
    const lf_context *ctx = c->model->ctx;
    *id = LF_CTX_NONE;
    if (!ctx)
        return (float)LOGP_FLAT;
    /* Most candidates are not words: the vocabulary's Bloom filter says so
     * without touching the context data. The sentence markers are not in
     * it, so anything beginning with '<' goes to the data. */
    const lf_trigrams *tri = c->model->trigrams;
    if (tri && n && w[0] != '<' && !lf_trigrams_may_be_word(tri, w, n))
        return LF_LOGP_UNKNOWN;
    *id = lf_context_id(ctx, w, n);
    return lf_context_unigram_id(ctx, *id);
}

int lf_in_vocab(float prior) { return prior > LF_LOGP_UNKNOWN + 1; }

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
static int is_glue_tok(const char *text, const lf_token *t)
{
    if (t->kind == LIGFIX_TOKEN_WORD || t->kind == LIGFIX_TOKEN_NUMBER)
        return 0;
    /* most tokens are spaces and punctuation: printable ASCII is no
     * placeholder, and needs no decoding to say so */
    unsigned char b0 = (unsigned char)text[t->start];
    if (b0 >= 0x20 && b0 < 0x7F)
        return 0;
    int32_t i = 0, n = (int32_t)(t->end - t->start);
    if (n > 4)
        return 0;
    UChar32 cp;
    U8_NEXT(text + t->start, i, n, cp);
    return i == n && placeholder_cp(cp);
}

/* pdfminer writes "(cid:27)" for a glyph it cannot map: the length of such
 * a name at text[at], 0 if there is none. */
static size_t cid_name(const char *text, size_t at, size_t len)
{
    if (len - at < 7 || memcmp(text + at, "(cid:", 5) != 0)
        return 0;
    size_t k = at + 5;
    while (k < len && k - at < LF_PLACEHOLDER_KEY_MAX && text[k] >= '0' && text[k] <= '9')
        k++;
    if (k == at + 5 || k >= len || text[k] != ')')
        return 0;
    return k + 1 - at;
}

/* glue_at past its first test: token i begins with '(' (b0) or a byte
 * that is no printable ASCII. */
static size_t glue_run_at(const char *text, const lf_tokens *tk, size_t i, unsigned char b0)
{
    if (b0 == '(') {
        /* the tokens that make up a "(cid:N)" name */
        size_t end = tk->v[i].start + cid_name(text, tk->v[i].start, tk->v[tk->n - 1].end);
        if (end == tk->v[i].start)
            return 0;
        size_t k = i;
        while (k < tk->n && tk->v[k].end < end)
            k++;
        return k < tk->n && tk->v[k].end == end ? k - i + 1 : 0;
    }
    if (!is_glue_tok(text, &tk->v[i]))
        return 0;
    if (i + 1 < tk->n && is_glue_tok(text, &tk->v[i + 1]) &&
        tk->v[i + 1].end - tk->v[i].start <= LF_PLACEHOLDER_KEY_MAX)
        return 2;
    return 1;
}

/* glue_at for a token that begins with '(' or a byte that is no
 * printable ASCII. */
static LF_NOINLINE size_t glue_at_rare(const char *text, const lf_tokens *tk, size_t i,
                                       unsigned char b0)
{
    if (b0 == '(')
        return glue_run_at(text, tk, i, b0);
    /* words, line breaks and tabs, and the punctuation block
     * U+2000..U+2FFF (curly quotes, dashes) hold no placeholder */
    if (tk->v[i].kind != LIGFIX_TOKEN_OTHER || b0 == '\n' || b0 == '\r' || b0 == '\t' ||
        b0 == 0xE2)
        return 0;
    return glue_run_at(text, tk, i, b0);
}

/* How many tokens from i form one glue: a placeholder, a pair of them or a
 * "(cid:N)" name (0: none). Asked of nearly every token, so the test that
 * rules out spaces, ASCII letters and punctuation is inline. */
static inline size_t glue_at(const char *text, const lf_tokens *tk, size_t i)
{
    if (i >= tk->n)
        return 0;
    unsigned char b0 = (unsigned char)text[tk->v[i].start];
    if (b0 >= 0x20 && b0 < 0x7F && b0 != '(')
        return 0;
    return glue_at_rare(text, tk, i, b0);
}

/* A single space or line break between two tokens: a possible split word. */
static int split_gap(const char *text, const lf_token *t)
{
    size_t n = t->end - t->start;
    const char *s = text + t->start;
    if (n == 1)
        return s[0] == ' ' || s[0] == '\n';
    if (n == 2)
        return s[0] == '\r' && s[1] == '\n';
    return 0;
}

/* How word token i meets token i + 2: GAP_NONE unless that is a word too
 * with a split_gap between them; else one space or a line break. */
enum { GAP_NONE, GAP_SPACE, GAP_BREAK };
static inline int word_gap(const char *text, const lf_tokens *tk, size_t i)
{
    if (i + 2 >= tk->n || tk->v[i + 2].kind != LIGFIX_TOKEN_WORD || !split_gap(text, &tk->v[i + 1]))
        return GAP_NONE;
    const lf_token *g = &tk->v[i + 1];
    return g->end - g->start == 1 && text[g->start] == ' ' ? GAP_SPACE : GAP_BREAK;
}

int lf_is_word(const lf_tokens *tk, size_t i)
{
    return i < tk->n && tk->v[i].kind == LIGFIX_TOKEN_WORD;
}

/* ---- candidate generation ------------------------------------------------ */

/* Whether a capital glyph (Th) starts candidate cd: the word has a capital. */
static int starts_capital(const lf_cand *cd)
{
    for (int k = 0; k < cd->nsites; k++)
        if (cd->pos[k] == 0 && (lf_groups[cd->group[k]].flags & LF_GROUP_CAPITAL))
            return 1;
    return 0;
}

static int lexicon_ok(gen_state *g, const lf_cand *cd)
{
    const char *w = cd->word;
    size_t n = cd->len;
    int v = lf_lexicon_check(g->c->lex, w, n);
    if (v < 0) {
        g->nomem = 1;
        return 0;
    }
    if (!v && (g->capital || starts_capital(cd)) && n < WORD_MAX) {
        /* proper names: Litleton -> Littleton, <U+E049>ailand -> Thailand */
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
    for (int k = 0; tri && k < cd->nsites; k++) {
        /* only the seams of the edit are new: the rest is the observed word */
        size_t from = cd->pos[k] ? cd->pos[k] - 1u : 0;
        size_t to = cd->pos[k] + lf_groups[cd->group[k]].len;
        if (!lf_trigrams_plausible_at(tri, cd->word, cd->len, from, to))
            return 0;
    }
    uint32_t id;
    float prior = lf_word_prior(g->c, cd->word, cd->len, &id);
    int known = lf_in_vocab(prior);
    if (g->vocab_only) {
        if (!known || prior < LOGP_REALWORD_MIN)
            return 0;
    } else if (!known && (cd->nsites > 1 || g->c->model->ctx)) {
        /* With context data its vocabulary (the LM's words and SCOWL's to
         * size 70) bounds what a repair can be: asking Hunspell about the
         * hundreds of strings an inverse edit makes costs more than all the
         * rest of the scan. Without it, single edits go to Hunspell. */
        return 0;
    }
    if (!lexicon_ok(g, cd))
        return g->nomem;
    if (!known)
        prior = (float)LOGP_VALID_OOV;
    /* The same word by another route: keep the simpler one. A dictionary
     * word keeps every route of another mode or group, as which of them
     * the document shows is only known later (scoring sums them). */
    for (size_t i = g->first; i < g->cands->n; i++) {
        lf_cand_rec *r = lf_cand_at(g->cands, (uint32_t)i);
        if (r->len == cd->len && memcmp(pool_str(g->pool, r->word_off), cd->word, cd->len) == 0 &&
            (!g->vocab_only || (r->mode == cd->mode && r->group[0] == cd->group[0])))
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
    for (int k = 0; k < cd->nsites; k++)
        if (cd->pos[k] == 0 || cd->pos[k] + lf_groups[cd->group[k]].len == cd->len)
            r->edge |= (uint8_t)(1u << k);
    r->prior = prior;
    r->ctx_id = known ? id : LF_CTX_NONE;
    return 0;
}

static const int inword_modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};
#define INWORD_MODES ((1u << LF_MODE_LETTER) | (1u << LF_MODE_FIRST) | (1u << LF_MODE_VANISH))


lf_group_mask lf_common_groups(void)
{
    static const char *const names[] = {"tt", "ft", "fi", "fl", "ff", "ffi", "rt", "ti"};
    lf_group_mask m = 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        m |= 1u << lf_group_find(names[i], strlen(names[i]));
    return m;
}

/* Which bytes of an observed word constrain sites (see
 * lf_damage_invert_cased); all capitals (ATER) constrain nothing, but short
 * ones are acronyms, never damaged words: UINT64_MAX says skip. pattern:
 * the word's lf_case_pattern. */
static uint64_t case_mask(const char *s, size_t n, int pattern, size_t lower_len)
{
    if (pattern == LF_CASE_UPPER)
        return n >= 4 ? 1 : UINT64_MAX;
    uint64_t m = 0;
    if (n == lower_len)
        for (size_t i = 0; i < n && i < 64; i++)
            if (s[i] >= 'A' && s[i] <= 'Z')
                m |= (uint64_t)1 << i;
    return m;
}

static int gen_inword_fresh(ligfix_checker *c, const char *lower, size_t n, uint64_t upper,
                            int vocab_only, uint32_t modes, lf_group_mask groups, lf_vec *cands,
                            lf_vec *pool);

/* Candidates of a word from the model's shared cache, or made and shared. */
static int gen_inword(ligfix_checker *c, const char *lower, size_t n, uint64_t upper,
                      int vocab_only, uint32_t modes, lf_group_mask groups, lf_vec *cands,
                      lf_vec *pool)
{
    if (upper == UINT64_MAX)
        return 0;
    lf_gencache *shared = c->model->gen;
    /* real-word readings come from the model's index of damaged forms,
     * cheaper than a copy out of the shared cache */
    if (n > WORD_MAX || (vocab_only && c->model->forms))
        return gen_inword_fresh(c, lower, n, upper, vocab_only, modes, groups, cands, pool);
    struct {
        uint64_t upper;
        uint32_t modes;
        lf_group_mask groups;
        uint8_t vocab_only;
    } head;
    memset(&head, 0, sizeof head); /* padding is part of the key */
    head.upper = upper;
    head.modes = modes;
    head.groups = groups;
    head.vocab_only = (uint8_t)vocab_only;
    char key[WORD_MAX + 64];
    size_t kn = lf_gencache_key(c, key, 'I', &head, sizeof head, lower, n);
    int got = lf_gencache_get(shared, key, kn, cands, pool);
    if (got != 0)
        return got < 0 ? -1 : 0;
    uint32_t off = (uint32_t)cands->n;
    if (gen_inword_fresh(c, lower, n, upper, vocab_only, modes, groups, cands, pool) < 0)
        return -1;
    return lf_gencache_put(shared, key, kn, cands, off, (uint32_t)(cands->n - off), pool);
}

/* One inverse search of gen_inword_fresh; for real words (a reading must
 * be a common word) the model's index of damaged forms stands in for it
 * where it can. */
static void invert(gen_state *g, const char *lower, size_t n, uint64_t upper, int mode,
                   lf_group_mask groups, int sites, int budget, unsigned flags)
{
    const ligfix_model *m = g->c->model;
    int indexed = g->vocab_only && m->forms
                      ? lf_formindex_invert(m->forms, lower, n, upper, mode, groups, sites,
                                            budget, flags, on_candidate, g)
                      : 0;
    if (indexed < 0)
        g->nomem = 1;
    if (indexed != 0)
        return;
    lf_damage_invert_flags(lower, n, upper, mode, groups, sites, budget, flags, m->trigrams,
                           on_candidate, g);
}

static int gen_inword_fresh(ligfix_checker *c, const char *lower, size_t n, uint64_t upper,
                            int vocab_only, uint32_t modes, lf_group_mask groups, lf_vec *cands,
                            lf_vec *pool)
{
    gen_state g = {.c = c, .cands = cands, .pool = pool, .first = cands->n,
                   .capital = (int)(upper & 1), .vocab_only = vocab_only};
    for (size_t k = 0; k < sizeof inword_modes / sizeof *inword_modes; k++) {
        int m = inword_modes[k];
        if (!(modes & (1u << m)))
            continue;
        int sites = m == LF_MODE_VANISH ? 1 : (vocab_only ? 2 : 3);
        invert(&g, lower, n, upper, m, groups, sites, 3000, 0);
        /* two glyphs lost, in two gaps or side by side in one (een:
         * fifteen), even where one lost glyph reads as a word too (eo:
         * echo, effort): the scoring weighs them. In dictionary words only
         * the shortest. */
        if (m == LF_MODE_VANISH && (!vocab_only || n <= REALWORD_TWO_SITE_MAX))
            invert(&g, lower, n, upper, m, groups & lf_common_groups(), 2, 4000,
                   LF_INVERT_SAME_GAP);
        if (g.nomem)
            return -1;
    }
    return 0;
}

/* ---- word types ---------------------------------------------------------- */

static int has_presentation_form(const char *s, size_t n)
{
    /* every form's UTF-8 starts with 0xEF: most words have none */
    const char *end = s + n, *p = s;
    while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
        if (lf_presentation_form_at(p, (size_t)(end - p)))
            return 1;
        p++;
    }
    return 0;
}

/* Works out the record of word type s[0, n) (its lower-case form and
 * readings go to the checker's pools); 0, or -1 on allocation failure. */
static int make_type(ligfix_checker *c, const char *s, size_t n, lf_type_rec *rec)
{
    char lower[WORD_MAX + 8];
    long ll = n <= WORD_MAX ? lf_case_lower(s, n, lower, sizeof lower) : -1;
    memset(rec, 0, sizeof *rec);
    rec->valid = 1; /* unreadable or overlong: never touched */
    int pattern = lf_case_pattern(s, n);
    rec->capital = pattern != LF_CASE_LOWER;
    rec->upper = case_mask(s, n, pattern, ll > 0 ? (size_t)ll : 0);
    if (ll > 0 && !has_presentation_form(s, n)) {
        long off = lf_vec_append(&c->tpool, lower, (size_t)ll);
        if (off < 0)
            return -1;
        rec->lower_off = (uint32_t)off;
        rec->lower_len = (uint16_t)ll;
        int v = lf_lexicon_check(c->lex, s, n);
        if (v < 0)
            return -1;
        rec->valid = (uint8_t)v;
        if (v) {
            rec->nclean = (uint8_t)lf_groups_in_word(lower, (size_t)ll, rec->capital, rec->clean,
                                                       (int)sizeof rec->clean);
        } else {
            rec->cand_off = (uint32_t)c->tcands.n;
            if (gen_inword(c, lower, (size_t)ll, rec->upper, 0, c->modes, c->groups, &c->tcands,
                           &c->tpool) < 0)
                return -1;
            rec->ncand = (uint32_t)(c->tcands.n - rec->cand_off);
        }
    } else if (ll > 0) {
        rec->valid = 0; /* presentation form: handled as its own unit */
    }
    return 0;
}

/* The checker's record of a word type; UINT32_MAX on allocation failure.
 * A type new to the checker comes from the model's shared records when
 * another checker has made it, else is made here and shared. */
static LF_NOINLINE uint32_t type_of(ligfix_checker *c, const char *s, size_t n)
{
    uint32_t *slot = lf_strmap_get(&c->types, s, n);
    if (slot)
        return *slot;
    lf_type_rec rec;
    int got = lf_typeshare_get(c, s, n, &rec);
    if (got < 0 || (!got && (make_type(c, s, n, &rec) < 0 || lf_typeshare_put(c, s, n, &rec) < 0)))
        return UINT32_MAX;
    lf_type_rec *r = lf_vec_push(&c->type_recs);
    if (!r)
        return UINT32_MAX;
    *r = rec;
    uint32_t idx = (uint32_t)(c->type_recs.n - 1);
    if (!lf_strmap_put(&c->types, s, n, idx))
        return UINT32_MAX;
    return idx;
}

int lf_units_begin(ligfix_checker *c)
{
    return lf_vec_fill(&c->tok_type, c->toks.n, 0xFF); /* UINT32_MAX: not looked up */
}

/* The type of a token the recent types lack: from the map (or made), and
 * kept among the recent ones. */
static LF_NOINLINE uint32_t recent_type_miss(ligfix_checker *c, const char *s, size_t n)
{
    uint32_t ti = type_of(c, s, n);
    if (ti != UINT32_MAX)
        lf_typecache_put(&c->recent_types, s, n, ti);
    return ti;
}

/* Token i's type on its first sight in this scan: from the recent short
 * tokens, else the map (or made). Kept out of line, so that the common
 * case, a type this scan has already looked up, stays small; and the
 * recent types' misses further out, so that a hit needs no frame. */
__attribute__((noinline)) static uint32_t first_token_type(ligfix_checker *c, const char *text,
                                                           size_t i)
{
    const lf_token *t = &c->toks.v[i];
    const char *s = text + t->start;
    size_t n = t->end - t->start;
    uint32_t ti = lf_typecache_get(&c->recent_types, s, n);
    if (ti == UINT32_MAX)
        ti = recent_type_miss(c, s, n);
    return ((uint32_t *)c->tok_type.v)[i] = ti;
}

/* Every pass asks for a token's type, some several times (as a word and
 * either side of a split): it is looked up once per scan. */
uint32_t lf_token_type(ligfix_checker *c, const char *text, size_t i)
{
    uint32_t ti = ((const uint32_t *)c->tok_type.v)[i];
    return ti != UINT32_MAX ? ti : first_token_type(c, text, i);
}

uint32_t lf_token_type_seen(const ligfix_checker *c, size_t i)
{
    return ((const uint32_t *)c->tok_type.v)[i];
}

const lf_type_rec *lf_type_lm(ligfix_checker *c, uint32_t ti)
{
    lf_type_rec *t = type_at(c, ti);
    if (!t->lm_ready) {
        t->ctx_id = t->lower_len ? lf_context_id(c->model->ctx, pool_str(&c->tpool, t->lower_off),
                                                 t->lower_len)
                                 : LF_CTX_NONE;
        t->lm_ready = 1;
    }
    return t;
}

/* Real-word candidates of a dictionary word: every reading the checker's
 * in-word modes and groups allow, made once per type whatever damage the
 * document shows, so that what a checker saw before (and so -j) cannot
 * change them; lf_realword_eligible picks those the document supports. */
static int realword_cands(ligfix_checker *c, uint32_t ti)
{
    lf_type_rec *t = type_at(c, ti);
    uint32_t modes = c->modes & INWORD_MODES;
    if (t->rw_modes == modes && t->rw_groups == c->groups)
        return 0;
    char lower[WORD_MAX + 8];
    memcpy(lower, pool_str(&c->tpool, t->lower_off), t->lower_len);
    size_t n = t->lower_len;
    uint32_t off = (uint32_t)c->tcands.n;
    if (gen_inword(c, lower, n, t->upper, 1, modes, c->groups, &c->tcands, &c->tpool) < 0)
        return -1;
    t = type_at(c, ti);
    t->cand_off = off;
    t->ncand = (uint32_t)(c->tcands.n - off);
    t->rw_modes = modes;
    t->rw_groups = c->groups;
    return 0;
}

/* Which rate prices candidate r's site k: the mode, and whether the site
 * is at the word's edge (*edge). */
static int site_mode(int item_edge, const lf_cand_rec *r, int k, int *edge)
{
    *edge = (r->edge >> k) & 1;
    return r->mode == LF_MODE_SPACE && *edge && !item_edge ? LF_MODE_VANISH : r->mode;
}

double lf_site_rate(const lf_rates *rt, int item_edge, const lf_cand_rec *r, int k)
{
    int edge, mode = site_mode(item_edge, r, k, &edge);
    return edge ? rt->edge_rate[r->group[k]][mode] : rt->rate[r->group[k]][mode];
}

double lf_site_log_rate(const lf_rates *rt, int item_edge, const lf_cand_rec *r, int k)
{
    int edge, mode = site_mode(item_edge, r, k, &edge);
    return edge ? rt->log_edge_rate[r->group[k]][mode] : rt->log_rate[r->group[k]][mode];
}

double lf_realword_floor(ligfix_checker *c, uint32_t ti)
{
    const lf_context *ctx = c->model->ctx;
    const lf_type_rec *t = lf_type_lm(c, ti);
    if (!ctx || !lf_context_id_is_word(ctx, t->ctx_id))
        return -INFINITY;
    return lf_context_unigram_id(ctx, t->ctx_id) + REALWORD_MIN_ODDS;
}

int lf_realword_eligible(const ligfix_checker *c, const lf_rates *rt, int item_edge,
                         const lf_cand_rec *r, const char *pool, double floor)
{
    if (r->mode == LF_MODE_CODEPOINT || r->mode == LF_MODE_PLACEHOLDER)
        return 1;
    double ch = 0;
    for (int k = 0; k < r->nsites; k++) {
        if (lf_site_rate(rt, item_edge, r, k) < REALWORD_MIN_RATE)
            return 0;
        ch += lf_site_log_rate(rt, item_edge, r, k);
    }
    if (floor == -INFINITY)
        return 1;
    double share = lf_doc_share(c, pool + r->word_off, r->len);
    double prior = share > 0 ? log10((1 - CACHE_WEIGHT) * pow(10.0, r->prior) + CACHE_WEIGHT * share)
                             : r->prior;
    return prior + ch >= floor;
}

/* Whether any of a real-word unit's candidates is eligible now. */
static int any_eligible(ligfix_checker *c, int item_edge, uint32_t off, uint32_t n, double floor)
{
    for (uint32_t k = 0; k < n; k++)
        if (lf_realword_eligible(c, &c->rates, item_edge, lf_cand_at(&c->tcands, off + k),
                                 c->tpool.v, floor))
            return 1;
    return 0;
}

/* ---- units --------------------------------------------------------------- */

static lf_item *new_item(ligfix_checker *c, int kind, size_t tf, size_t tl)
{
    lf_item *it = lf_vec_push(&c->items);
    if (!it)
        return NULL;
    it->kind = (uint8_t)kind;
    it->tok_first = (uint32_t)tf;
    it->tok_last = (uint32_t)tl;
    it->start = c->toks.v[tf].start;
    it->end = c->toks.v[tl].end;
    return it;
}

/* s[0 .. n) (n <= WORD_MAX) with its presentation forms spelled out (ﬆ:
 * st) into out (WORD_MAX * 2 + 8 bytes): its length. With groups, the
 * forms' groups go there, *nsites of them (up to LF_SITES_MAX). */
static size_t expand_forms(const char *s, size_t n, char *out, uint8_t *groups, int *nsites)
{
    size_t o = 0;
    int32_t k = 0, len = (int32_t)n;
    while (k < len) {
        int32_t at = k;
        UChar32 cp;
        U8_NEXT(s, k, len, cp);
        int g = -1;
        const char *exp = lf_presentation_form((uint32_t)cp, &g);
        if (exp) {
            size_t el = strlen(exp);
            memcpy(out + o, exp, el);
            o += el;
            if (groups && *nsites < LF_SITES_MAX && g >= 0)
                groups[(*nsites)++] = (uint8_t)g;
        } else {
            memcpy(out + o, s + at, (size_t)(k - at));
            o += (size_t)(k - at);
        }
    }
    return o;
}

/* Fragments of a run, lower-cased into buf. */
typedef struct {
    const char *frag[LF_SITES_MAX + 1];
    size_t len[LF_SITES_MAX + 1];
    int n;
    uint32_t upper_first; /* bit k: fragment k begins with a capital */
    char buf[(LF_SITES_MAX + 1) * (WORD_MAX + 1)];
    size_t used;
} frags;

/* An empty run; the buffer is left as it is (frag_add fills what it uses). */
static void frags_init(frags *f)
{
    f->n = 0;
    f->upper_first = 0;
    f->used = 0;
}

static int frag_add(frags *f, const char *s, size_t n)
{
    if (f->n > LF_SITES_MAX)
        return -1;
    char *dst = f->buf + f->used;
    /* a fragment may hold a ligature the extractor kept as a presentation
     * form (ﬆri<U+E03D>: strict): read it spelled out */
    char spelled[WORD_MAX * 2 + 8];
    if (n && n <= WORD_MAX && has_presentation_form(s, n)) {
        n = expand_forms(s, n, spelled, NULL, NULL);
        s = spelled;
    }
    long l = n ? lf_case_lower(s, n, dst, WORD_MAX + 1) : 0;
    if (l < 0)
        return -1;
    if (n && s[0] >= 'A' && s[0] <= 'Z')
        f->upper_first |= 1u << f->n;
    f->frag[f->n] = dst;
    f->len[f->n++] = (size_t)l;
    f->used += (size_t)l + 1;
    return 0;
}

/* Candidates of a fragment run, cached by the run (fragments, mode, groups,
 * flags): a document repeats its split words as it repeats its words. */
static int gen_fill(ligfix_checker *c, frags *f, int mode, lf_group_mask mask, int vocab_only,
                    int capital, uint32_t *off, uint32_t *count)
{
    if (vocab_only && c->model->forms) {
        /* most runs of dictionary words cannot join into a common word
         * at all: the index's pairs of ends say so before any work */
        int may = lf_formindex_may_join(c->model->forms, f->frag, f->len, f->n);
        if (may <= 0) {
            *off = (uint32_t)c->tcands.n;
            *count = 0;
            return may;
        }
    }
    char key[(LF_SITES_MAX + 1) * (WORD_MAX + 1) + 16];
    size_t kn = 0;
    key[kn++] = (char)(mode | (vocab_only << 4) | (capital << 5));
    memcpy(key + kn, &f->upper_first, sizeof f->upper_first);
    kn += sizeof f->upper_first;
    memcpy(key + kn, &mask, sizeof mask);
    kn += sizeof mask;
    for (int i = 0; i < f->n; i++) {
        memcpy(key + kn, f->frag[i], f->len[i]);
        kn += f->len[i];
        key[kn++] = '\001';
    }
    uint32_t *slot = lf_strmap_get(&c->runs, key, kn);
    if (slot) {
        const uint32_t *rec = (const uint32_t *)c->run_recs.v + 2 * *slot;
        *off = rec[0];
        *count = rec[1];
        return 0;
    }
    *off = (uint32_t)c->tcands.n;
    char skey[sizeof key + 8];
    size_t skn = lf_gencache_key(c, skey, 'F', NULL, 0, key, kn);
    lf_gencache *shared = c->model->gen;
    int got = lf_gencache_get(shared, skey, skn, &c->tcands, &c->tpool);
    if (got < 0)
        return -1;
    if (!got) {
        gen_state g = {.c = c, .cands = &c->tcands, .pool = &c->tpool, .first = c->tcands.n,
                       .capital = capital, .vocab_only = vocab_only};
        lf_damage_fill_pruned(f->frag, f->len, f->n, f->upper_first, mode, mask, 2000,
                              vocab_only ? 0 : LF_FILL_KEPT_ACROSS, c->model->trigrams,
                              on_candidate, &g);
        if (g.nomem)
            return -1;
        if (lf_gencache_put(shared, skey, skn, &c->tcands, *off,
                                      (uint32_t)(c->tcands.n - *off), &c->tpool) < 0)
            return -1;
    }
    *count = (uint32_t)(c->tcands.n - *off);
    uint32_t idx = (uint32_t)(c->run_recs.n / 2);
    uint32_t *rec = lf_vec_push(&c->run_recs);
    uint32_t *rec2 = rec ? lf_vec_push(&c->run_recs) : NULL;
    if (!rec2 || !lf_strmap_put(&c->runs, key, kn, idx))
        return -1;
    rec = (uint32_t *)c->run_recs.v + 2 * idx;
    rec[0] = *off;
    rec[1] = *count;
    return 0;
}

/* One reading of a placeholder run's glues as glyphs: each glue one
 * glyph, or (split_pairs) a glue of two code points two glyphs side by
 * side (<U+FFFD><U+FFFD>y: fifty). An item over tokens i .. last if any
 * word reads so: 1, 0 if none, -1 when out of memory. */
static int placeholder_reading(ligfix_checker *c, const char *text, size_t i, size_t last,
                               const size_t *frag_tok, const size_t *glue_tok, const int *glue_toks,
                               int nglue, int split_pairs)
{
    const lf_tokens *tk = &c->toks;
    frags f;
    frags_init(&f);
    uint32_t glue_off[GLUES_MAX];
    uint8_t glue_len[GLUES_MAX];
    int n = 0;
    for (int k = 0; k <= nglue; k++) {
        size_t t = frag_tok[k];
        if (frag_add(&f, t == SIZE_MAX ? "" : text + tk->v[t].start,
                     t == SIZE_MAX ? 0 : tk->v[t].end - tk->v[t].start) < 0)
            return 0;
        if (k == nglue)
            break;
        const lf_token *g0 = &tk->v[glue_tok[k]], *g1 = &tk->v[glue_tok[k] + glue_toks[k] - 1];
        int parts = split_pairs && glue_toks[k] == 2 ? 2 : 1;
        if (n + parts > GLUES_MAX)
            return 0;
        if (parts == 1) {
            glue_off[n] = (uint32_t)g0->start;
            glue_len[n++] = (uint8_t)(g1->end - g0->start);
            continue;
        }
        glue_off[n] = (uint32_t)g0->start;
        glue_len[n++] = (uint8_t)(g0->end - g0->start);
        if (frag_add(&f, "", 0) < 0)
            return 0;
        glue_off[n] = (uint32_t)g1->start;
        glue_len[n++] = (uint8_t)(g1->end - g1->start);
    }
    uint32_t off, count;
    int capital = lf_case_pattern(text + tk->v[i].start, tk->v[last].end - tk->v[i].start) !=
                  LF_CASE_LOWER;
    /* a stray code point stands for a ligature glyph: two letters or more */
    lf_group_mask lig = c->groups & ~(lf_group_mask)(1u << lf_group_find("f", 1));
    if (gen_fill(c, &f, LF_MODE_PLACEHOLDER, lig, 0, capital, &off, &count) < 0)
        return -1;
    if (!count)
        return 0;
    lf_item *it = new_item(c, ITEM_PLACEHOLDER, i, last);
    if (!it)
        return -1;
    it->cand_off = off;
    it->ncand = count;
    it->nglue = (uint8_t)n;
    memcpy(it->glue_off, glue_off, sizeof glue_off);
    memcpy(it->glue_len, glue_len, sizeof glue_len);
    return 1;
}

/* A placeholder run starting at token i; returns the index of its last
 * token, i - 1 if there is none here, or PLACEHOLDER_NOMEM. A run with a
 * glue of two code points is read both ways, each an item over the run. */
#define PLACEHOLDER_NOMEM (-2)
static long placeholder_unit(ligfix_checker *c, const char *text, size_t i)
{
    const lf_tokens *tk = &c->toks;
    size_t frag_tok[GLUES_MAX + 1], glue_tok[GLUES_MAX];
    int glue_toks[GLUES_MAX];
    int nglue = 0, letters = 0, pairs = 0;
    size_t j = i;
    if (lf_is_word(tk, j)) {
        frag_tok[0] = j++;
        letters = 1;
    } else {
        if (i > 0 && lf_is_word(tk, i - 1))
            return (long)i - 1;
        frag_tok[0] = SIZE_MAX;
    }
    size_t last = j - 1;
    for (;;) {
        size_t g = glue_at(text, tk, j);
        if (!g || nglue == GLUES_MAX)
            break;
        glue_tok[nglue] = j;
        glue_toks[nglue] = (int)g;
        pairs += g == 2;
        nglue++;
        j += g;
        last = j - 1;
        if (lf_is_word(tk, j)) {
            frag_tok[nglue] = j;
            letters = 1;
            last = j++;
        } else {
            frag_tok[nglue] = SIZE_MAX;
            break;
        }
    }
    if (!nglue || !letters)
        return (long)i - 1;
    int made = 0;
    for (int split = 0; split <= (pairs > 0); split++) {
        int got = placeholder_reading(c, text, i, last, frag_tok, glue_tok, glue_toks, nglue, split);
        if (got < 0)
            return PLACEHOLDER_NOMEM;
        made |= got;
    }
    return made ? (long)last : (long)i - 1;
}

/* A middle fragment of a three-way split: not a word, or too short to tell
 * (1 or 0; -1 on allocation failure). */
static int short_or_nonword(ligfix_checker *c, const char *text, size_t i)
{
    const lf_token *t = &c->toks.v[i];
    if (t->end - t->start <= 2)
        return 1;
    uint32_t ti = lf_token_type(c, text, i);
    return ti == UINT32_MAX ? -1 : !type_at(c, ti)->valid;
}

/* Where in a split word a word type can stand, from the vocabulary's
 * pieces and prefixes; known once, kept with the type. Without the
 * vocabulary (no context data) anywhere. */
enum {
    PIECE_KNOWN = 1,
    PIECE_LEFT = 2,       /* before a gap: a left piece */
    PIECE_RIGHT = 4,      /* after the last gap: a right piece */
    PIECE_AFTER_EDGE = 8, /* first, after a group lost at the word's start */
    PIECE_BEFORE_EDGE = 16, /* last, before a group lost at the word's end */
    /* the edge bits cost a probe per group: each is worked out when first
     * asked (these bits say it was) */
    PIECE_AFTER_EDGE_KNOWN = 32,
    PIECE_BEFORE_EDGE_KNOWN = 64
};

/* Whether some group g makes g + w (where) or w + g a vocabulary prefix
 * (start) or right piece (end). */
static int beside_group(const lf_trigrams *tri, const char *w, size_t n, int at_start)
{
    char buf[WORD_MAX + 8];
    if (n + 3 > sizeof buf)
        return 1;
    for (int g = 0; g < lf_group_count; g++) {
        size_t gl = lf_groups[g].len;
        if (at_start) {
            memcpy(buf, lf_groups[g].letters, gl);
            memcpy(buf + gl, w, n);
            if (lf_trigrams_may_be_prefix(tri, buf, n + gl))
                return 1;
        } else {
            memcpy(buf, w, n);
            memcpy(buf + n, lf_groups[g].letters, gl);
            if (lf_trigrams_may_be_piece(tri, LF_PIECE_RIGHT, buf, n + gl))
                return 1;
        }
    }
    return 0;
}

/* The PIECE_*_KNOWN bit that says whether a type's `where` bit is known. */
static uint8_t piece_known_bit(int where)
{
    return where == PIECE_AFTER_EDGE    ? PIECE_AFTER_EDGE_KNOWN
           : where == PIECE_BEFORE_EDGE ? PIECE_BEFORE_EDGE_KNOWN
                                        : PIECE_KNOWN;
}

/* piece_ok for a type that does not know its `where` bit yet: works it
 * out (with the left and right bits, if those are not known either). */
static LF_NOINLINE int piece_learn(ligfix_checker *c, lf_type_rec *t, int where)
{
    const lf_trigrams *tri = c->model->trigrams;
    const char *w = pool_str(&c->tpool, t->lower_off);
    size_t n = t->lower_len;
    if (!(t->pieces & PIECE_KNOWN)) {
        t->pieces |= PIECE_KNOWN;
        if (!n || lf_trigrams_may_be_piece(tri, LF_PIECE_LEFT, w, n))
            t->pieces |= PIECE_LEFT;
        if (!n || lf_trigrams_may_be_piece(tri, LF_PIECE_RIGHT, w, n))
            t->pieces |= PIECE_RIGHT;
    }
    if (where == PIECE_AFTER_EDGE && !(t->pieces & PIECE_AFTER_EDGE_KNOWN)) {
        t->pieces |= PIECE_AFTER_EDGE_KNOWN;
        if (!n || beside_group(tri, w, n, 1))
            t->pieces |= PIECE_AFTER_EDGE;
    }
    if (where == PIECE_BEFORE_EDGE && !(t->pieces & PIECE_BEFORE_EDGE_KNOWN)) {
        t->pieces |= PIECE_BEFORE_EDGE_KNOWN;
        if (!n || beside_group(tri, w, n, 0))
            t->pieces |= PIECE_BEFORE_EDGE;
    }
    return (t->pieces & where) != 0;
}

/* Whether word token i can stand where `where` (a PIECE_* bit) says: 1 or 0;
 * -1 on allocation failure. Asked of most word pairs: what the type
 * knows already is answered here. */
static int piece_ok(ligfix_checker *c, const char *text, size_t i, int where)
{
    if (!c->model->trigrams || !c->model->ctx)
        return 1;
    uint32_t ti = lf_token_type(c, text, i);
    if (ti == UINT32_MAX)
        return -1; /* a later lookup of the token could succeed and hide the failure */
    lf_type_rec *t = type_at(c, ti);
    if (t->pieces & piece_known_bit(where))
        return (t->pieces & where) != 0;
    return piece_learn(c, t, where);
}

#define NO_TOKEN SIZE_MAX

/* Which end of a run of dictionary words a type can be, for common words
 * (lf_formindex_may_end), kept with the type once known. */
enum { ENDS_FIRST_KNOWN = 1, ENDS_FIRST = 2, ENDS_LAST_KNOWN = 4, ENDS_LAST = 8 };

/* For a run of dictionary words (the real-word pass): whether a common
 * word may be read from it, by the index's ends of its first and last
 * word tokens (NO_TOKEN: an empty fragment there), in the lower case
 * gen_fill gives them. A cheap test before the piece tests and the
 * fragments: 0 only where gen_fill would find nothing. */
/* Whether word type ti (UINT32_MAX: not made yet) may be the first or
 * (last) the last word of such a run: 1, 0, or -1 where the index cannot
 * tell (gen_fill reports it). Types without a lower-case form may. */
static LF_NOINLINE int type_learn_end(ligfix_checker *c, lf_type_rec *t, int last)
{
    if (!t->lower_len)
        return 1;
    int may = lf_formindex_may_end(c->model->forms, last ? LF_PIECE_RIGHT : LF_PIECE_LEFT,
                                   pool_str(&c->tpool, t->lower_off), t->lower_len);
    if (may < 0)
        return -1;
    t->ends |= (uint8_t)(last ? ENDS_LAST_KNOWN | (may ? ENDS_LAST : 0)
                              : ENDS_FIRST_KNOWN | (may ? ENDS_FIRST : 0));
    return may != 0;
}

static int type_may_end(ligfix_checker *c, uint32_t ti, int last)
{
    if (ti == UINT32_MAX || !c->model->forms)
        return 1;
    lf_type_rec *t = type_at(c, ti);
    uint8_t known = last ? ENDS_LAST_KNOWN : ENDS_FIRST_KNOWN, yes = last ? ENDS_LAST : ENDS_FIRST;
    if (t->ends & known)
        return (t->ends & yes) != 0;
    return type_learn_end(c, t, last);
}

static int realword_run_possible(ligfix_checker *c, size_t first, size_t last)
{
    /* only types already made (type creation stays where it was) */
    int may = first == NO_TOKEN ? 1 : type_may_end(c, lf_token_type_seen(c, first), 0);
    if (may <= 0)
        return may < 0;
    may = last == NO_TOKEN ? 1 : type_may_end(c, lf_token_type_seen(c, last), 1);
    return may != 0;
}

/* Whether word token i is not all lower case (a run it begins may be a
 * capitalised word): its type says so once made, as every caller's has
 * been. */
static int run_capital(const ligfix_checker *c, const char *text, size_t i)
{
    uint32_t ti = lf_token_type_seen(c, i);
    if (ti != UINT32_MAX)
        return ((const lf_type_rec *)c->type_recs.v)[ti].capital;
    const lf_token *t = &c->toks.v[i];
    return lf_case_pattern(text + t->start, t->end - t->start) != LF_CASE_LOWER;
}

/* Runs of two word types across a space, as the pair memo numbers them:
 * the two words, and either with a group lost at the run's outer edge. */
enum { PAIR_RUN = 1, PAIR_EDGE_BEFORE = 2, PAIR_EDGE_AFTER = 3, PAIR_SHAPES = 3 };
/* The memo's other question: whether the pair joins into a vocabulary word
 * (count_stray_join), after the shapes of both kinds of run. */
#define PAIR_KIND_STRAY_JOIN (2 * PAIR_SHAPES + 1)
#define PAIR_NO_FRAGS UINT32_MAX /* count: the fragments could not be made */

/* The candidates of the run of word tokens i and i + 2 in the given shape,
 * made by gen_fill from the tokens' fragments, or remembered by the
 * tokens' types (which fix the fragments and the case): 0, or -1 on
 * allocation failure; *count PAIR_NO_FRAGS if the fragments could not be
 * made. */
static int pair_fill(ligfix_checker *c, const char *text, size_t i, int shape, int vocab_only,
                     uint32_t *off, uint32_t *count)
{
    const lf_tokens *tk = &c->toks;
    uint32_t ta = lf_token_type_seen(c, i), tb = lf_token_type_seen(c, i + 2);
    uint32_t kind = (uint32_t)shape + (vocab_only ? PAIR_SHAPES : 0);
    int memo = ta != UINT32_MAX && tb != UINT32_MAX && type_at(c, ta)->lower_len &&
               type_at(c, tb)->lower_len;
    if (memo && lf_pairmemo_get(&c->pairs, ta, tb, kind, off, count))
        return 0;
    frags f;
    frags_init(&f);
    int ok = shape != PAIR_EDGE_BEFORE || frag_add(&f, "", 0) == 0;
    for (size_t k = i; ok && k <= i + 2; k += 2)
        ok = frag_add(&f, text + tk->v[k].start, tk->v[k].end - tk->v[k].start) == 0;
    if (ok && shape == PAIR_EDGE_AFTER)
        ok = frag_add(&f, "", 0) == 0;
    if (!ok) {
        *off = 0;
        *count = PAIR_NO_FRAGS;
    } else if (gen_fill(c, &f, LF_MODE_SPACE, c->groups, vocab_only, run_capital(c, text, i), off,
                        count) < 0) {
        return -1;
    }
    if (memo)
        lf_pairmemo_put(&c->pairs, ta, tb, kind, *off, *count);
    return 0;
}

/* A space unit over word tokens i..last with the run's candidates, unless
 * it has none (or, for dictionary words, none the document supports):
 * 1 if made, 0 if not, -1 on allocation failure. */
static int space_item(ligfix_checker *c, size_t i, size_t last, int vocab_only, uint32_t off,
                      uint32_t count)
{
    if (!count || (vocab_only && !any_eligible(c, 0, off, count, -INFINITY)))
        return 0;
    lf_item *it = new_item(c, ITEM_SPACE, i, last);
    if (!it)
        return -1;
    it->cand_off = off;
    it->ncand = count;
    it->observed_valid = (uint8_t)vocab_only;
    return 1;
}

/* lf_stray_before and lf_stray_after, inline: asked of nearly every word. */
static inline int stray_before(const char *text, size_t start)
{
    if (start < 1 || text[start - 1] != ' ')
        return 0;
    return start == 1 || text[start - 2] == ' ' || text[start - 2] == '\n';
}

static inline int stray_after(const char *text, size_t len, size_t end)
{
    if (end >= len || text[end] != ' ')
        return 0;
    if (end + 1 == len)
        return 1;
    char ch = text[end + 1];
    /* a switch, not strchr: asked after nearly every word */
    switch (ch) {
    case ' ': case '\n': case '\r': case ',': case '.': case ';': case ':': case '!': case '?':
    case ')': case '"': case '\'':
        return 1;
    default:
        return 0;
    }
}

/* The two-fragment run of words i, i + 2 with a group lost at its start or
 * end too ("oa ng" for floating): where spaces collapse, the space a group
 * became at a word's edge merges with the word's own. Each side is an item
 * of its own over the same bytes; the channel prices its edge site as a
 * vanished glyph there (lf_evidence_rate_at). */
static int merged_edge_runs(ligfix_checker *c, const char *text, size_t i, int vocab_only)
{
    const lf_tokens *tk = &c->toks;
    for (int side = 0; side < 2; side++) {
        /* a stray space there shows the space: not merged (the text is
         * known up to the end of its last token) */
        if (side == 0 ? stray_before(text, tk->v[i].start)
                      : stray_after(text, tk->v[tk->n - 1].end, tk->v[i + 2].end))
            continue;
        if (vocab_only && !realword_run_possible(c, side == 0 ? NO_TOKEN : i,
                                                 side == 0 ? i + 2 : NO_TOKEN))
            continue;
        /* both fragments must fit some word: "" g A g B or A g B g "" */
        int ok = piece_ok(c, text, side == 0 ? i + 2 : i, side == 0 ? PIECE_RIGHT : PIECE_LEFT);
        if (ok > 0)
            ok = piece_ok(c, text, side == 0 ? i : i + 2,
                          side == 0 ? PIECE_AFTER_EDGE : PIECE_BEFORE_EDGE);
        if (ok < 0)
            return -1;
        if (!ok)
            continue;
        uint32_t off, count;
        if (pair_fill(c, text, i, side == 0 ? PAIR_EDGE_BEFORE : PAIR_EDGE_AFTER, vocab_only,
                      &off, &count) < 0)
            return -1;
        if (count == PAIR_NO_FRAGS)
            return 0;
        if (space_item(c, i, i + 2, vocab_only, off, count) < 0)
            return -1;
    }
    return 0;
}

/* Words i, i+2 (and i+4) split by single spaces. vocab_only: both are
 * dictionary words, so only common words count as joins. */
static int space_unit(ligfix_checker *c, const char *text, size_t i, int vocab_only, int merged)
{
    const lf_tokens *tk = &c->toks;
    for (int nfrag = 2; nfrag <= 3; nfrag++) {
        size_t last = i + 2 * (size_t)(nfrag - 1);
        if (!lf_is_word(tk, last) || !split_gap(text, &tk->v[last - 1]))
            return 0;
        int middle = nfrag == 3 ? short_or_nonword(c, text, i + 2) : 1;
        if (middle <= 0)
            return middle; /* a word in the middle is a word, not a fragment */
        if (nfrag == 2 && merged && merged_edge_runs(c, text, i, vocab_only) < 0)
            return -1;
        /* (where the index rules the run out, a piece test failing here
         * would only end the search that nfrag 3 ends too) */
        if (vocab_only && !realword_run_possible(c, i, last))
            continue;
        /* the ends must be pieces of some word; a middle piece is anything */
        int left = piece_ok(c, text, i, PIECE_LEFT);
        if (left <= 0)
            return left;
        int right = piece_ok(c, text, last, PIECE_RIGHT);
        if (right < 0)
            return -1;
        if (!right)
            continue;
        uint32_t off, count;
        if (nfrag == 2) {
            if (pair_fill(c, text, i, PAIR_RUN, vocab_only, &off, &count) < 0)
                return -1;
            if (count == PAIR_NO_FRAGS)
                return 0;
        } else {
            frags f;
            frags_init(&f);
            for (size_t k = i; k <= last; k += 2)
                if (frag_add(&f, text + tk->v[k].start, tk->v[k].end - tk->v[k].start) < 0)
                    return 0;
            if (gen_fill(c, &f, LF_MODE_SPACE, c->groups, vocab_only, run_capital(c, text, i), &off,
                         &count) < 0)
                return -1;
        }
        int made = space_item(c, i, last, vocab_only, off, count);
        if (made)
            return made < 0 ? -1 : 0;
    }
    return 0;
}

int lf_stray_before(const char *text, size_t start) { return stray_before(text, start); }

int lf_stray_after(const char *text, size_t len, size_t end) { return stray_after(text, len, end); }

/* A word whose first or last ligature became a space: " me" (time), "o "
 * (off). The unit takes in the stray space. */
static LF_NOINLINE int edge_units_at(ligfix_checker *c, const char *text, size_t i,
                                      int vocab_only, const int *stray)
{
    const lf_token *t = &c->toks.v[i];
    for (int side = 0; side < 2; side++) {
        if (!stray[side])
            continue;
        frags f;
        frags_init(&f);
        if (side == 0 && frag_add(&f, "", 0) < 0)
            return 0;
        if (frag_add(&f, text + t->start, t->end - t->start) < 0)
            return 0;
        if (side == 1 && frag_add(&f, "", 0) < 0)
            return 0;
        uint32_t off, count;
        if (gen_fill(c, &f, LF_MODE_SPACE, c->groups, vocab_only, run_capital(c, text, i), &off,
                     &count) < 0)
            return -1;
        if (!count || (vocab_only && !any_eligible(c, 1, off, count, -INFINITY)))
            continue;
        lf_item *it = new_item(c, ITEM_SPACE, i, i);
        if (!it)
            return -1;
        if (side == 0)
            it->start--;
        else
            it->end++;
        it->edge = 1;
        it->cand_off = off;
        it->ncand = count;
        it->observed_valid = (uint8_t)vocab_only;
    }
    return 0;
}

/* edge_units_at where word i has a stray space beside it (most words have
 * none): 0, or -1 on allocation failure. */
static int edge_units(ligfix_checker *c, const char *text, size_t len, size_t i, int vocab_only)
{
    const lf_token *t = &c->toks.v[i];
    int stray[2] = {stray_before(text, t->start), stray_after(text, len, t->end)};
    return stray[0] || stray[1] ? edge_units_at(c, text, i, vocab_only, stray) : 0;
}

/* Whether the code point at s[at] (before end) joins letters into one
 * word: a letter, a presentation form, or an apostrophe between letters.
 * Its length in *len. */
static int word_char_at(const char *s, int32_t at, int32_t end, int32_t *len)
{
    int32_t k = at;
    UChar32 cp;
    U8_NEXT(s, k, end, cp);
    *len = k - at;
    if (u_isalpha(cp))
        return 1;
    if (cp != '\'' && cp != 0x2019)
        return 0;
    UChar32 next = 0, prev = 0;
    int32_t b = at;
    if (k < end)
        U8_NEXT(s, k, end, next);
    if (b > 0)
        U8_PREV(s, 0, b, prev);
    return u_isalpha(prev) && u_isalpha(next);
}

/* The word inside token s[0 .. n) that holds its presentation forms: a
 * token can join words with '.', '_' or '@' (args.ﬁlenames,
 * liﬆ@python.org), and a repair covers the damaged word alone. */
static void forms_word(const char *s, size_t n, size_t *from, size_t *to)
{
    int32_t first = -1, last = -1, k = 0, len = (int32_t)n, cl;
    while (k < len) {
        const char *form = lf_presentation_form_at(s + k, n - (size_t)k);
        if (form) {
            if (first < 0)
                first = k;
            U8_FWD_1(s, k, len);
            last = k;
        } else {
            U8_FWD_1(s, k, len);
        }
    }
    if (first < 0) {
        *from = 0;
        *to = n;
        return;
    }
    int32_t a = first, b = last;
    while (a > 0) {
        int32_t p = a;
        U8_BACK_1((const uint8_t *)s, 0, p);
        if (!word_char_at(s, p, len, &cl))
            break;
        a = p;
    }
    while (b < len && word_char_at(s, b, len, &cl))
        b += cl;
    *from = (size_t)a;
    *to = (size_t)b;
}

static int codepoint_unit(ligfix_checker *c, const char *text, size_t i)
{
    const lf_token *t = &c->toks.v[i];
    char out[WORD_MAX * 2 + 8];
    uint8_t groups[LF_SITES_MAX];
    int nsites = 0;
    if (t->end - t->start > WORD_MAX)
        return 0;
    size_t from, to;
    forms_word(text + t->start, t->end - t->start, &from, &to);
    size_t o = expand_forms(text + t->start + from, to - from, out, groups, &nsites);
    long off = lf_vec_append(&c->spool, out, o);
    lf_cand_rec *r = off < 0 ? NULL : lf_vec_push(&c->scands);
    lf_item *it = r ? new_item(c, ITEM_CODEPOINT, i, i) : NULL;
    if (!it)
        return -1;
    it->start = t->start + from;
    it->end = t->start + to;
    r->word_off = (uint32_t)off;
    r->len = (uint16_t)o;
    r->mode = LF_MODE_CODEPOINT;
    r->nsites = (uint8_t)nsites;
    memcpy(r->group, groups, sizeof r->group);
    r->prior = 0;
    r->ctx_id = lf_context_id(c->model->ctx, out, o);
    it->chunk_cands = 1;
    it->cand_off = (uint32_t)(c->scands.n - 1);
    it->ncand = 1;
    return 0;
}


lf_vec *lf_item_cands(ligfix_checker *c, const lf_item *it)
{
    return it->chunk_cands ? &c->scands : &c->tcands;
}

const char *lf_item_pool(const ligfix_checker *c, const lf_item *it)
{
    return it->chunk_cands ? (const char *)c->spool.v : (const char *)c->tpool.v;
}

enum { SPLIT_NONE, SPLIT_NOW, SPLIT_IF_ACTIVE, SPLIT_REALWORD };

/* Whether words of types a and b, one split_gap apart, may be one word
 * split by a space: at once when a fragment is not a word and has no
 * reading of its own (resen ng); only once the document shows space damage
 * when the fragments have other readings (a er: "a" is a word) or are both
 * words (be er). */
static int split_kind(const lf_type_rec *a, const lf_type_rec *b)
{
    if ((!a->valid && !a->ncand) || (!b->valid && !b->ncand))
        return SPLIT_NOW;
    if (!a->valid || !b->valid)
        return SPLIT_IF_ACTIVE;
    return SPLIT_REALWORD;
}

/* Whether word tokens i and i + 2 stand one space apart. */
static int one_space_apart(const lf_tokens *tk, const char *text, size_t i)
{
    if (i + 2 >= tk->n || !lf_is_word(tk, i) || !lf_is_word(tk, i + 2))
        return 0;
    const lf_token *gap = &tk->v[i + 1];
    return gap->end - gap->start == 1 && text[gap->start] == ' ';
}

long lf_join_across_space(ligfix_checker *c, const char *text, size_t i, char *word, size_t cap,
                          int in_vocabulary)
{
    const lf_tokens *tk = &c->toks;
    if (!one_space_apart(tk, text, i))
        return 0;
    const lf_token *x = &tk->v[i], *y = &tk->v[i + 2];
    size_t na = x->end - x->start, nb = y->end - y->start;
    if (na + nb >= cap)
        return 0;
    memcpy(word, text + x->start, na);
    memcpy(word + na, text + y->start, nb);
    /* most pairs cannot join: letters that no word has across the seam say
     * so before the dictionary is asked */
    const lf_trigrams *tri = c->model->trigrams;
    if (tri && na && nb) {
        char low[WORD_MAX * 2 + 8];
        for (size_t k = 0; k < na + nb; k++)
            low[k] = word[k] >= 'A' && word[k] <= 'Z' ? (char)(word[k] - 'A' + 'a') : word[k];
        if (!lf_trigrams_plausible_at(tri, low, na + nb, na - 1, na + 1))
            return 0;
        const lf_context *ctx = c->model->ctx;
        if (in_vocabulary && ctx)
            return lf_context_id_is_word(ctx, lf_context_id(ctx, low, na + nb)) ? (long)(na + nb)
                                                                                : 0;
    }
    int v = lf_lexicon_check(c->lex, word, na + nb);
    return v < 0 ? -1 : v ? (long)(na + nb) : 0;
}

long lf_join_stray_half(ligfix_checker *c, const char *text, char *word, size_t n, size_t cap,
                        size_t *first, size_t *last, size_t *start, size_t *end)
{
    const lf_tokens *tk = &c->toks;
    if (*start != tk->v[*first].start || *end != tk->v[*last].end)
        return (long)n; /* a word inside its token: no neighbour's half */
    int v = lf_lexicon_check(c->lex, word, n);
    if (v != 0)
        return v < 0 ? -1 : (long)n;
    for (int side = 1; side >= -1; side -= 2) {
        size_t left = side > 0 ? *last : *first - 2;
        if ((side < 0 && *first < 2) || !one_space_apart(tk, text, left))
            continue;
        const lf_token *o = &tk->v[side > 0 ? *last + 2 : *first - 2];
        size_t on = o->end - o->start;
        char joined[WORD_MAX * 2 + 8];
        if (n + on >= sizeof joined || n + on >= cap)
            continue;
        memcpy(joined + (side > 0 ? 0 : on), word, n);
        memcpy(joined + (side > 0 ? n : 0), text + o->start, on);
        v = lf_lexicon_check(c->lex, joined, n + on);
        if (v < 0)
            return -1;
        if (!v)
            continue;
        memcpy(word, joined, n + on);
        if (side > 0) {
            *last += 2;
            *end = o->end;
        } else {
            *first -= 2;
            *start = o->start;
        }
        return (long)(n + on);
    }
    return (long)n;
}

/* Extractors that misplace spaces split words anywhere ("wa s", "th e"),
 * not only where a ligature was: word i and the next one space after it
 * (the caller has checked), one of them no word, count towards how freely
 * this document splits words. */
static int count_stray_join(ligfix_checker *c, const char *text, size_t i, uint32_t ti)
{
    uint32_t tj = lf_token_type(c, text, i + 2);
    if (tj == UINT32_MAX)
        return -1;
    const lf_type_rec *a = type_at(c, ti), *b = type_at(c, tj);
    if ((a->valid && b->valid) || !a->lower_len || !b->lower_len)
        return 0;
    /* a count, not a reading: the vocabulary answers, not the dictionary
     * (asked about every new pair, it cost as much as the rest of the
     * pass); a pair of types answers the same every time */
    uint32_t off, joins;
    if (!lf_pairmemo_get(&c->pairs, ti, tj, PAIR_KIND_STRAY_JOIN, &off, &joins)) {
        char word[WORD_MAX + 8];
        long n = lf_join_across_space(c, text, i, word, sizeof word, 1);
        if (n < 0)
            return -1;
        joins = n > 0;
        lf_pairmemo_put(&c->pairs, ti, tj, PAIR_KIND_STRAY_JOIN, 0, joins);
    }
    c->split_pairs++;
    c->stray_joins += joins;
    return 0;
}

/* Whether word token i holds a presentation form. A type with a
 * lower-case form has none (make_type gives such words none): most tokens'
 * types are known by now (the word before asked), and spare the search. */
static int holds_form(const ligfix_checker *c, const char *text, size_t i)
{
    uint32_t ti = lf_token_type_seen(c, i);
    if (ti != UINT32_MAX && ((const lf_type_rec *)c->type_recs.v)[ti].lower_len)
        return 0;
    const lf_token *t = &c->toks.v[i];
    return has_presentation_form(text + t->start, t->end - t->start);
}

/* Pass 1 at word token i (no presentation form): its type's count and
 * clean groups, its unit if it is no word, and the space units it starts.
 * 0, or -1 on allocation failure. */
static int pass1_word(ligfix_checker *c, const char *text, size_t len, size_t i)
{
    uint32_t ti = lf_token_type(c, text, i);
    if (ti == UINT32_MAX)
        return -1;
    type_at(c, ti)->count++;
    c->doc_words++;
    int gap = word_gap(text, &c->toks, i);
    if (gap == GAP_SPACE && count_stray_join(c, text, i, ti) < 0)
        return -1;
    const lf_type_rec *tr = type_at(c, ti);
    if (tr->valid) {
        if (tr->nclean) /* most words show no group */
            lf_evidence_clean(&c->ev, tr->clean, tr->nclean);
    } else if (tr->ncand) {
        lf_item *it = new_item(c, ITEM_WORD, i, i);
        if (!it)
            return -1;
        it->cand_off = tr->cand_off;
        it->ncand = tr->ncand;
    }
    if (!(c->modes & (1u << LF_MODE_SPACE)))
        return 0;
    if (!type_at(c, ti)->valid && edge_units(c, text, len, i, 0) < 0)
        return -1;
    if (gap == GAP_NONE)
        return 0;
    /* made only now, after the edge units' candidates, as always */
    uint32_t tj = lf_token_type(c, text, i + 2);
    if (tj == UINT32_MAX)
        return -1;
    int k = split_kind(type_at(c, ti), type_at(c, tj));
    if ((k == SPLIT_NOW || k == SPLIT_IF_ACTIVE) && space_unit(c, text, i, 0, 1) < 0)
        return -1;
    return 0;
}

int lf_units_pass1(ligfix_checker *c, const char *text, size_t len)
{
    const lf_tokens *tk = &c->toks;
    int placeholders = (c->modes & (1u << LF_MODE_PLACEHOLDER)) != 0;
    int forms = (c->modes & (1u << LF_MODE_CODEPOINT)) != 0;
    /* glue_at of the token after a word, asked again when the loop gets
     * there (most words are followed by a space) */
    size_t glue_tok = SIZE_MAX, glue_n = 0;
    for (size_t i = 0; i < tk->n; i++) {
        int word = tk->v[i].kind == LIGFIX_TOKEN_WORD;
        if (placeholders) {
            size_t at = i + (size_t)word;
            glue_n = at == glue_tok ? glue_n : glue_at(text, tk, at);
            glue_tok = at;
            if (glue_n) {
                long last = placeholder_unit(c, text, i);
                if (last == PLACEHOLDER_NOMEM)
                    return -1;
                if (last >= (long)i) {
                    i = (size_t)last;
                    continue;
                }
            }
        }
        if (!word)
            continue;
        if (forms && holds_form(c, text, i)) {
            if (codepoint_unit(c, text, i) < 0)
                return -1;
            continue;
        }
        if (pass1_word(c, text, len, i) < 0)
            return -1;
    }
    return 0;
}

static int any_mode_active(const ligfix_checker *c, uint32_t modes)
{
    for (int m = 0; m < LF_MODE_COUNT; m++)
        if ((modes & c->modes & (1u << m)) && c->rates.active[m])
            return 1;
    return 0;
}

static int realword_units(ligfix_checker *c, const char *text, size_t len, size_t n_pass1,
                          int inword, int space, int merged, uint8_t *eligible, size_t n_known);

int lf_units_realwords(ligfix_checker *c, const char *text, size_t len, size_t n_pass1)
{
    /* Only pairs common enough to rewrite a dictionary word are tried:
     * candidates are made for everything the checker allows (and cached),
     * and units kept where one of them is eligible. */
    int inword = 0, space = 0;
    for (int g = 0; g < lf_group_count; g++) {
        if (!(c->groups & (1u << g)))
            continue;
        for (int m = 0; m < LF_MODE_COUNT; m++) {
            if (!(c->modes & (1u << m)))
                continue;
            if (((INWORD_MODES >> m) & 1) && c->rates.rate[g][m] >= REALWORD_MIN_RATE)
                inword = 1;
            else if (m == LF_MODE_SPACE && c->rates.rate[g][m] >= REALWORD_MIN_RATE)
                space = 1;
        }
    }
    inword = inword && any_mode_active(c, INWORD_MODES);
    space = space && any_mode_active(c, 1u << LF_MODE_SPACE);
    /* a group that becomes a space inside words may vanish at their edges
     * (lf_evidence_rate_at): dictionary words are read for that too, and
     * split ones (merged_edge_runs) */
    int merged = 0;
    for (int g = 0; space && g < lf_group_count && (c->modes & (1u << LF_MODE_VANISH)); g++) {
        if (!(c->groups & (1u << g)) || c->rates.edge_rate[g][LF_MODE_VANISH] < REALWORD_MIN_RATE)
            continue;
        merged = 1;
        if (c->rates.rate[g][LF_MODE_SPACE] >= REALWORD_MIN_RATE)
            inword = 1;
    }
    if (!inword && !space)
        return 0;
    /* per type known when the pass begins: whether its real-word readings
     * include one the document supports (0 not asked yet, 1 no, 2 yes) */
    size_t n_known = c->type_recs.n;
    uint8_t *eligible = lf_calloc(n_known + 1, 1);
    if (!eligible)
        return -1;
    int rc = realword_units(c, text, len, n_pass1, inword, space, merged, eligible, n_known);
    lf_free(eligible);
    return rc;
}

/* The real-word space units of dictionary words i and i + 2, one
 * split_gap apart: 0, or -1 on allocation failure. */
static int realword_split(ligfix_checker *c, const char *text, size_t i, int merged)
{
    uint32_t ti = lf_token_type(c, text, i);
    uint32_t tj = ti == UINT32_MAX ? ti : lf_token_type(c, text, i + 2);
    if (tj == UINT32_MAX)
        return -1;
    if (split_kind(type_at(c, ti), type_at(c, tj)) != SPLIT_REALWORD)
        return 0;
    /* every run space_unit tries from here (with merged edges, of three
     * words) needs word i to begin it or word i + 2 to end it: where the
     * index says neither can, realword_run_possible stops each one */
    if (!type_may_end(c, ti, 0) && !type_may_end(c, tj, 1))
        return 0;
    return space_unit(c, text, i, 1, merged);
}

/* The first token of pass-1 unit k (of n), SIZE_MAX past the last (the
 * items move as units are added: read afresh). */
static size_t pass1_first(const ligfix_checker *c, size_t k, size_t n)
{
    return k < n ? ((const lf_item *)c->items.v)[k].tok_first : SIZE_MAX;
}

/* lf_units_realwords' pass over the tokens, once it knows which kinds of
 * real-word damage to look for. */
static int realword_units(ligfix_checker *c, const char *text, size_t len, size_t n_pass1,
                          int inword, int space, int merged, uint8_t *eligible, size_t n_known)
{
    const lf_tokens *tk = &c->toks;
    /* tokens already inside a pass-1 unit are left to it */
    size_t next_item = 0;
    size_t covered_to = 0;
    size_t next_first = pass1_first(c, 0, n_pass1); /* next_item's first token */
    for (size_t i = 0; i < tk->n; i++) {
        if (tk->v[i].kind != LIGFIX_TOKEN_WORD)
            continue;
        for (; next_first <= i; next_first = pass1_first(c, next_item, n_pass1)) {
            const lf_item *it = (const lf_item *)c->items.v + next_item++;
            if (it->kind != ITEM_SPACE && it->tok_last + 1 > covered_to)
                covered_to = it->tok_last + 1;
        }
        if (space && word_gap(text, tk, i) != GAP_NONE && realword_split(c, text, i, merged) < 0)
            return -1;
        if (i < covered_to)
            continue;
        uint32_t ti = lf_token_type(c, text, i);
        if (ti == UINT32_MAX)
            return -1;
        if (!type_at(c, ti)->valid || !type_at(c, ti)->lower_len)
            continue;
        if (space && edge_units(c, text, len, i, 1) < 0)
            return -1;
        if (inword) {
            if (realword_cands(c, ti) < 0)
                return -1;
            const lf_type_rec *tr = type_at(c, ti);
            int yes;
            if (ti < n_known && eligible[ti]) {
                yes = eligible[ti] == 2;
            } else {
                yes = tr->ncand && any_eligible(c, 0, tr->cand_off, tr->ncand,
                                                 lf_realword_floor(c, ti));
                if (ti < n_known)
                    eligible[ti] = (uint8_t)(yes ? 2 : 1);
            }
            if (yes) {
                lf_item *it = new_item(c, ITEM_WORD, i, i);
                if (!it)
                    return -1;
                it->cand_off = tr->cand_off;
                it->ncand = tr->ncand;
                it->observed_valid = 1;
            }
        }
    }
    return 0;
}


/* ---- the document's own words -------------------------------------------- */

/* A name the dictionary lacks (Roylott) shows its ligatures intact where a
 * heading or a clean paragraph kept them, and damaged elsewhere (Roylot):
 * a word the document itself uses is a reading of its damaged forms, for
 * the damage the document shows. Only words with no reading of their own
 * as damaged dictionary words, and only forms that are no words. */
#define DOCWORD_PRIOR LOGP_VALID_OOV
#define DOCWORD_MIN_FORM 3 /* shorter forms (fd, fs) are abbreviations */

/* Letters only, in lower, title or upper case (no identifiers such as
 * __getattr__ or AttributeError, whose case a repair could not keep). */
static int plain_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80 && !((ch | 32) >= 'a' && (ch | 32) <= 'z') && ch != '\'')
            return 0;
    }
    return lf_case_pattern(s, n) != LF_CASE_OTHER;
}

/* The candidate record of doc word w (lower case) read from a form with
 * group g at pos lost by mode m; its index in scands, or -1. */
static long docword_cand(ligfix_checker *c, const char *w, size_t n, size_t pos, int g, int m)
{
    long off = lf_vec_append(&c->spool, w, n);
    lf_cand_rec *r = off < 0 ? NULL : lf_vec_push(&c->scands);
    if (!r)
        return -1;
    memset(r, 0, sizeof *r);
    uint32_t id;
    float prior = lf_word_prior(c, w, n, &id);
    if (!lf_in_vocab(prior) || prior < DOCWORD_PRIOR) {
        prior = (float)DOCWORD_PRIOR;
        id = LF_CTX_NONE;
    }
    r->word_off = (uint32_t)off;
    r->len = (uint16_t)n;
    r->mode = (uint8_t)m;
    r->nsites = 1;
    r->group[0] = (uint8_t)g;
    r->edge = (uint8_t)(pos == 0 || pos + lf_groups[g].len == n);
    r->prior = prior;
    r->ctx_id = id;
    return (long)(c->scands.n - 1);
}

/* Every damaged form of doc word type t the document's rates support,
 * into forms (form -> scands index). */
static int docword_forms(ligfix_checker *c, const lf_type_rec *t, lf_strmap *forms)
{
    char w[WORD_MAX + 8], form[WORD_MAX + 8];
    size_t n = t->lower_len;
    memcpy(w, pool_str(&c->tpool, t->lower_off), n);
    lf_site sites[2 * WORD_MAX];
    int ns = lf_group_sites_into(w, n, sites, (int)(sizeof sites / sizeof *sites));
    for (int s = 0; s < ns; s++) {
        size_t pos = sites[s].pos;
        int g = sites[s].group;
        size_t gl = lf_groups[g].len;
        if (gl < 2 || !(c->groups & (1u << g)) || (lf_groups[g].flags & LF_GROUP_CAPITAL))
            continue;
        int edge = pos == 0 || pos + gl == n;
        for (size_t k = 0; k < sizeof inword_modes / sizeof *inword_modes; k++) {
            int m = inword_modes[k];
            double rate = edge ? c->rates.edge_rate[g][m] : c->rates.rate[g][m];
            if (!(c->modes & (1u << m)) || rate < REALWORD_MIN_RATE)
                continue;
            size_t fl = lf_damage_apply(w, n, m, &sites[s], 1, form, NULL);
            if (fl < DOCWORD_MIN_FORM || lf_strmap_get(forms, form, fl))
                continue;
            long ci = docword_cand(c, w, n, pos, g, m);
            if (ci < 0 || !lf_strmap_put(forms, form, fl, (uint32_t)ci))
                return -1;
        }
    }
    return 0;
}

/* Whether word type t can stand as a doc word: in this document, no
 * dictionary word, no reading of its own as a damaged one, plain letters
 * in lower or title case. */
static int docword_type(ligfix_checker *c, const lf_type_rec *t)
{
    return !t->valid && !t->ncand && t->lower_len && t->count && t->upper <= 1 &&
           plain_word(pool_str(&c->tpool, t->lower_off), t->lower_len);
}

static int add_docword_items(ligfix_checker *c, const char *text, const lf_strmap *forms)
{
    const lf_tokens *tk = &c->toks;
    for (size_t i = 0; i < tk->n; i++) {
        if (tk->v[i].kind != LIGFIX_TOKEN_WORD)
            continue;
        uint32_t ti = lf_token_type_seen(c, i);
        if (ti == UINT32_MAX)
            continue;
        const lf_type_rec *t = type_at(c, ti);
        if (t->valid || !t->lower_len)
            continue;
        const uint32_t *ci = lf_strmap_get(forms, pool_str(&c->tpool, t->lower_off), t->lower_len);
        if (!ci || !plain_word(text + tk->v[i].start, tk->v[i].end - tk->v[i].start))
            continue;
        lf_item *it = new_item(c, ITEM_WORD, i, i);
        if (!it)
            return -1;
        it->chunk_cands = 1;
        it->cand_off = *ci;
        it->ncand = 1;
    }
    return 0;
}

int lf_units_docwords(ligfix_checker *c, const char *text)
{
    if (!any_mode_active(c, INWORD_MODES))
        return 0;
    lf_strmap forms;
    lf_strmap_init(&forms);
    int rc = 0;
    for (size_t ti = 0; ti < c->type_recs.n && rc == 0; ti++) {
        const lf_type_rec *t = type_at(c, (uint32_t)ti);
        if (docword_type(c, t))
            rc = docword_forms(c, t, &forms);
    }
    if (rc == 0 && lf_strmap_count(&forms))
        rc = add_docword_items(c, text, &forms);
    lf_strmap_free(&forms);
    return rc;
}
