/* The index of damaged forms (lib/formindex.c): for dictionary words it
 * gives just the readings the inverse search gives a caller that keeps
 * common vocabulary words, in the search's order, or declines; built once
 * even when threads ask at the same time. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "formindex.h"
#include "internal.h"
#include "units.h"

/* Keeps what units.c keeps for a dictionary word: vocabulary words of a
 * real-word prior whose seams pass; records them in order. */
typedef struct {
    const ligfix_model *m;
    lf_cand v[64];
    int n;
} kept;

static int keep(void *ud, const lf_cand *c)
{
    kept *k = ud;
    const lf_trigrams *t = k->m->trigrams;
    for (int s = 0; s < c->nsites; s++) {
        size_t from = c->pos[s] ? c->pos[s] - 1u : 0;
        if (!lf_trigrams_plausible_at(t, c->word, c->len, from,
                                      c->pos[s] + lf_groups[c->group[s]].len))
            return 0;
    }
    float p = lf_context_unigram(k->m->ctx, c->word, c->len);
    if (!lf_trigrams_may_be_word(t, c->word, c->len) || p <= LF_LOGP_UNKNOWN + 1 ||
        p < LOGP_REALWORD_MIN)
        return 0;
    ck_assert_int_lt(k->n, 64);
    k->v[k->n++] = *c;
    return 0;
}

static void same_readings(const kept *a, const kept *b, const char *w)
{
    ck_assert_msg(a->n == b->n, "%s: %d readings searched, %d indexed", w, a->n, b->n);
    for (int i = 0; i < a->n; i++) {
        const lf_cand *x = &a->v[i], *y = &b->v[i];
        ck_assert_str_eq(x->word, y->word);
        ck_assert_int_eq(x->mode, y->mode);
        ck_assert_int_eq(x->nsites, y->nsites);
        for (int s = 0; s < x->nsites; s++) {
            ck_assert_int_eq(x->group[s], y->group[s]);
            ck_assert_int_eq(x->pos[s], y->pos[s]);
        }
    }
}

/* The searches units.c makes for a dictionary word, with other masks and
 * capitals too; returns how many readings were found. */
static int compare_word(const ligfix_model *m, const char *w, size_t n, int *indexed)
{
    static const uint64_t uppers[] = {0, 1, 2};
    int found = 0;
    for (size_t u = 0; u < sizeof uppers / sizeof *uppers; u++)
        for (int call = 0; call < 4; call++) {
            int mode = call == 0 ? LF_MODE_LETTER : call == 1 ? LF_MODE_FIRST : LF_MODE_VANISH;
            int sites = call == 2 ? 1 : 2;
            unsigned flags = call == 3 ? LF_INVERT_SAME_GAP : 0;
            lf_group_mask mask = call == 3 ? lf_common_groups()
                                           : u == 2 ? (lf_group_mask)0x0F0F0F : LF_ALL_GROUPS;
            int budget = call == 3 ? 4000 : 3000;
            if (call == 3 && n > REALWORD_TWO_SITE_MAX)
                continue;
            kept a = {.m = m}, b = {.m = m};
            lf_damage_invert_flags(w, n, uppers[u], mode, mask, sites, budget, flags,
                                   m->trigrams, keep, &a);
            if (!lf_formindex_invert(m->forms, w, n, uppers[u], mode, mask, sites, budget,
                                     flags, keep, &b))
                continue;
            ck_assert_int_eq(b.n == 0 || a.n > 0, 1);
            same_readings(&a, &b, w);
            found += a.n;
            ++*indexed;
        }
    return found;
}

START_TEST(test_index_equals_search)
{
    const ligfix_model *m = unit_model();
    ck_assert_ptr_nonnull(m->forms);
    static const char *const words[] = {"let", "beer", "ater", "aer", "een", "h", "y",
                                        "ed", "le", "oen", "sti", "be", "ofce", "a", NULL};
    int found = 0, indexed = 0;
    for (size_t i = 0; words[i]; i++)
        found += compare_word(m, words[i], strlen(words[i]), &indexed);
    /* and a sample of the vocabulary */
    for (size_t i = 0, nw = lf_context_vocab_size(m->ctx); i < nw; i += 97) {
        size_t n;
        const char *w = lf_context_vocab_word(m->ctx, i, &n);
        found += compare_word(m, w, n, &indexed);
    }
    ck_assert_int_ge(found, 30);
    ck_assert_int_ge(indexed, 1000);
}
END_TEST

/* Real-word readings reach the less common words too (totter, log10
 * prior -7.06: a document that damages tt reads "toter" as it), not only
 * the common ones; how often such a reading is right is the scoring's and
 * the document's business, and on our own sets a floor this low repairs
 * more and breaks no more. */
START_TEST(test_index_reaches_rare_words)
{
    const ligfix_model *m = unit_model();
    ck_assert_float_lt(lf_context_unigram(m->ctx, "totter", 6), -7.0);
    kept k = {.m = m};
    ck_assert_int_ne(lf_formindex_invert(m->forms, "toter", 5, 0, LF_MODE_LETTER, LF_ALL_GROUPS,
                                         2, 3000, 0, keep, &k),
                     0);
    int seen = 0;
    for (int i = 0; i < k.n; i++)
        seen |= strcmp(k.v[i].word, "totter") == 0;
    ck_assert_msg(seen, "toter: totter is no reading");
}
END_TEST

/* Where the search's budget could run out, the index leaves it to the
 * search (which counts readings the index does not know). */
START_TEST(test_index_declines)
{
    const ligfix_model *m = unit_model();
    kept k = {.m = m};
    ck_assert_int_eq(lf_formindex_invert(m->forms, "let", 3, 0, LF_MODE_LETTER, LF_ALL_GROUPS,
                                         2, 3, 0, keep, &k),
                     0);
    ck_assert_int_eq(lf_formindex_invert(m->forms, "let", 3, 0, LF_MODE_LETTER, LF_ALL_GROUPS,
                                         3, 3000, 0, keep, &k),
                     0);
    ck_assert_int_eq(lf_formindex_invert(m->forms, "beer", 4, 0, LF_MODE_VANISH, LF_ALL_GROUPS,
                                         2, 4000, LF_INVERT_SAME_GAP, keep, &k),
                     0);
    ck_assert_int_eq(k.n, 0);
    ck_assert_int_eq(lf_formindex_invert(NULL, "let", 3, 0, LF_MODE_LETTER, LF_ALL_GROUPS, 2,
                                         3000, 0, keep, &k),
                     0);
}
END_TEST

/* A fresh index asked by several threads at once is built once and gives
 * each the same readings, and so are its pairs of ends (TSan checks the
 * publication). */
typedef struct {
    const ligfix_model *m;
    lf_formindex *ix;
    int n;
    int pairs_first; /* ask for the pairs of ends before the index */
    int joins[2];    /* lf_formindex_may_join of "be er" and of "of the" */
} asker;

static void *ask(void *ud)
{
    asker *a = ud;
    kept k = {.m = a->m};
    static const char *const runs[2][2] = {{"be", "er"}, {"of", "the"}};
    static const size_t lens[2] = {2, 2}, lens2[2] = {2, 3};
    if (a->pairs_first)
        a->joins[0] = lf_formindex_may_join(a->ix, runs[0], lens, 2);
    lf_formindex_invert(a->ix, "let", 3, 0, LF_MODE_LETTER, LF_ALL_GROUPS, 2, 3000, 0, keep, &k);
    a->n = k.n;
    a->joins[0] = lf_formindex_may_join(a->ix, runs[0], lens, 2);
    a->joins[1] = lf_formindex_may_join(a->ix, runs[1], lens2, 2);
    return NULL;
}

START_TEST(test_index_threads)
{
    const ligfix_model *m = unit_model();
    lf_formindex *ix = lf_formindex_new(m->ctx, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX);
    ck_assert_ptr_nonnull(ix);
    asker a[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        a[i] = (asker){m, ix, -1, i % 2, {-1, -1}}; /* half ask for the pairs first */
        ck_assert_int_eq(pthread_create(&th[i], NULL, ask, &a[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(a[i].n, a[0].n);
        ck_assert_int_eq(a[i].joins[0], 1); /* better */
        ck_assert_int_eq(a[i].joins[1], 0);
    }
    ck_assert_int_ge(a[0].n, 1); /* let: left */
    lf_formindex_free(ix);
}
END_TEST

/* A run the index's ends rule out has no common-word reading; runs that
 * join into one are never ruled out. */
START_TEST(test_may_split)
{
    const ligfix_model *m = unit_model();
    static const char *const joins[][3] = {
        {"be", "er", NULL},   {"a", "er", NULL},     {"confi", "rmed", NULL},
        {"", "me", NULL},     {"o", "", NULL},       {"", "oa", "ng"},
        {"di", "erent", ""},  {"bene", "t", NULL},
    };
    for (size_t r = 0; r < sizeof joins / sizeof *joins; r++) {
        int nfrag = joins[r][2] ? 3 : 2;
        const char *last = joins[r][nfrag - 1];
        ck_assert_msg(lf_formindex_may_split(m->forms, joins[r][0], strlen(joins[r][0]), last,
                                             strlen(last)) == 1,
                      "%s | %s", joins[r][0], joins[r][1]);
    }
    /* pairs of vocabulary words, and a word with empty ends */
    int ruled_out = 0, tried = 0;
    size_t nw = lf_context_vocab_size(m->ctx);
    for (size_t i = 0; i < nw; i += 211) {
        size_t la, lb;
        const char *a = lf_context_vocab_word(m->ctx, i, &la);
        const char *b = lf_context_vocab_word(m->ctx, (i * 7919) % nw, &lb);
        const char *runs[][3] = {{a, b, NULL}, {"", a, b}, {a, b, ""}, {"", a, NULL},
                                 {a, "", NULL}};
        for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
            int nfrag = runs[r][2] ? 3 : 2;
            size_t lens[3];
            for (int k = 0; k < nfrag; k++)
                lens[k] = strlen(runs[r][k]);
            int may = lf_formindex_may_split(m->forms, runs[r][0], lens[0], runs[r][nfrag - 1],
                                             lens[nfrag - 1]);
            ck_assert_int_ge(may, 0);
            kept k = {.m = m};
            lf_damage_fill_pruned(runs[r], lens, nfrag, 0, LF_MODE_SPACE, LF_ALL_GROUPS, 2000, 0,
                                  m->trigrams, keep, &k);
            if (!may)
                ck_assert_msg(k.n == 0, "%s | %s: ruled out, but reads as %s", runs[r][0],
                              runs[r][1], k.v[0].word);
            ruled_out += !may;
            tried++;
        }
    }
    ck_assert_int_ge(ruled_out, tried / 2); /* the filter does rule runs out */
}
END_TEST

/* Which runs of a word's letters to try: the word with the gaps a
 * split may leave, each a site's letters lost [p, e) or a space after a
 * group kept [e, e). */
typedef struct {
    size_t x, y;
} gap;

static int word_gaps(const char *w, size_t len, gap *out, int max)
{
    lf_site occ[LF_CAND_MAX * 2];
    int nocc = lf_group_sites_into(w, len, occ, (int)(sizeof occ / sizeof *occ)), n = 0;
    for (int k = 0; k < nocc && n + 2 <= max; k++) {
        size_t p = occ[k].pos, e = p + lf_groups[occ[k].group].len;
        out[n++] = (gap){p, e};
        if (e - p >= 2)
            out[n++] = (gap){e, e};
    }
    return n;
}

/* Whether the run reads as a common word; if so, the pairs must allow it. */
static int check_run(const ligfix_model *m, const char *const *fr, const size_t *len, int n)
{
    kept k = {.m = m};
    lf_damage_fill_pruned(fr, len, n, 0, LF_MODE_SPACE, LF_ALL_GROUPS, 2000, 0, m->trigrams, keep,
                          &k);
    int may = lf_formindex_may_join(m->forms, fr, len, n);
    ck_assert_int_ge(may, 0);
    if (k.n)
        ck_assert_msg(may == 1, "'%s' | '%s'%s%s: ruled out, but reads as %s", fr[0], fr[1],
                      n > 2 ? " | " : "", n > 2 ? fr[2] : "", k.v[0].word);
    return k.n > 0;
}

/* The pairs of ends (lf_formindex_may_join) never rule out a run that
 * reads as a common word: the splits of sampled words in every shape,
 * two fragments and three, with a glyph lost at either edge; and they
 * rule out most runs of vocabulary words, more than the ends alone. */
START_TEST(test_may_join)
{
    const ligfix_model *m = unit_model();
    size_t nw = lf_context_vocab_size(m->ctx);
    int reads = 0, edges = 0;
    for (size_t i = 0; i < nw; i += 13) {
        size_t len;
        const char *w = lf_context_vocab_word(m->ctx, i, &len);
        if (len > LF_CAND_MAX)
            continue;
        gap g[64];
        int ng = word_gaps(w, len, g, 64);
        char buf[3][LF_CAND_MAX + 1];
        for (int a = 0; a < ng; a++) {
            const char *fr[3] = {buf[0], buf[1], buf[2]};
            size_t fl[3] = {g[a].x, len - g[a].y, 0};
            memcpy(buf[0], w, fl[0]);
            buf[0][fl[0]] = 0;
            memcpy(buf[1], w + g[a].y, fl[1] + 1);
            reads += check_run(m, fr, fl, 2);
            for (int b = 0; b < ng; b++) {
                if (g[b].x <= g[a].y)
                    continue; /* the middle fragment is not empty */
                fl[1] = g[b].x - g[a].y;
                fl[2] = len - g[b].y;
                memcpy(buf[1], w + g[a].y, fl[1]);
                buf[1][fl[1]] = 0;
                memcpy(buf[2], w + g[b].y, fl[2] + 1);
                int r = check_run(m, fr, fl, 3);
                reads += r;
                edges += r && (!fl[0] || !fl[2]);
            }
        }
    }
    ck_assert_int_ge(reads, 1000);
    ck_assert_int_ge(edges, 20);
    /* runs of common words: most pass the ends alone, few the pairs */
    static const char *const common[] = {"a",  "be", "o",  "the", "of", "in", "as", "at",
                                         "it", "to", "so", "er",  "on", "an", "is", "me"};
    size_t nc = sizeof common / sizeof *common;
    int joined = 0, split = 0;
    for (size_t i = 0; i < nc * nc; i++) {
        const char *fr[3] = {common[i / nc], common[i % nc], ""};
        size_t fl[3] = {strlen(fr[0]), strlen(fr[1]), 0};
        for (int n = 2; n <= 3; n++) {
            check_run(m, fr, fl, n);
            joined += lf_formindex_may_join(m->forms, fr, fl, n);
            split += lf_formindex_may_split(m->forms, fr[0], fl[0], fr[1], fl[1]);
        }
    }
    const char *better[2] = {"be", "er"};
    size_t better_len[2] = {2, 2};
    ck_assert_int_eq(lf_formindex_may_join(m->forms, better, better_len, 2), 1);
    ck_assert_int_ge(split, (int)(nc * nc));
    ck_assert_int_le(joined, split / 4);
}
END_TEST

Suite *suite_formindex(void)
{
    Suite *s = suite_create("formindex");
    TCase *tc = tcase_create("formindex");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_index_equals_search);
    tcase_add_test(tc, test_index_declines);
    tcase_add_test(tc, test_index_threads);
    tcase_add_test(tc, test_may_split);
    tcase_add_test(tc, test_may_join);
    tcase_add_test(tc, test_index_reaches_rare_words);
    suite_add_tcase(s, tc);
    return s;
}
