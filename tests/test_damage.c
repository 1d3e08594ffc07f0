/* The damage model (lib/damage.c): group and mode tables, the inverse of
 * in-word damage (letter, first, vanish), gap filling (space, placeholder)
 * and presentation forms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "damage.h"

/* ---- collecting candidates --------------------------------------------- */

#define COLLECT_MAX 20000

typedef struct {
    lf_cand *v;
    int n;
    int stop_after; /* callback returns nonzero on this call (1-based); 0: never */
    int calls;
} collect;

static int on_cand(void *ud, const lf_cand *c)
{
    collect *cl = ud;
    cl->calls++;
    ck_assert_msg(cl->n < COLLECT_MAX, "too many candidates");
    cl->v[cl->n++] = *c;
    return cl->stop_after && cl->calls >= cl->stop_after;
}

static collect *collect_new(void)
{
    collect *cl = calloc(1, sizeof *cl);
    ck_assert_ptr_nonnull(cl);
    cl->v = malloc(COLLECT_MAX * sizeof *cl->v);
    ck_assert_ptr_nonnull(cl->v);
    return cl;
}

static void collect_free(collect *cl)
{
    free(cl->v);
    free(cl);
}

static int G(const char *name)
{
    int g = lf_group_find(name, strlen(name));
    ck_assert_msg(g >= 0, "group %s missing", name);
    return g;
}

static lf_group_mask M(const char *name) { return (lf_group_mask)1u << G(name); }

/* Index of the candidate spelled w with exactly these groups, -1 if none. */
static int find_cand(const collect *cl, const char *w, int nsites, const int *groups)
{
    for (int i = 0; i < cl->n; i++) {
        const lf_cand *c = &cl->v[i];
        if (c->len != strlen(w) || memcmp(c->word, w, c->len) != 0 || c->nsites != nsites)
            continue;
        int same = 1;
        for (int k = 0; k < nsites; k++)
            same &= c->group[k] == groups[k];
        if (same)
            return i;
    }
    return -1;
}

static int has_word(const collect *cl, const char *w)
{
    for (int i = 0; i < cl->n; i++)
        if (cl->v[i].len == strlen(w) && memcmp(cl->v[i].word, w, cl->v[i].len) == 0)
            return 1;
    return 0;
}

/* Every candidate well formed: NUL-terminated at len, within bounds, the
 * mode asked for, sites in range, groups in the mask; its length is the
 * observed length plus what the groups add. */
static void check_cands(const collect *cl, size_t observed_len, int mode, lf_group_mask mask,
                        int max_sites, int added_per_site_is_len_minus_1)
{
    for (int i = 0; i < cl->n; i++) {
        const lf_cand *c = &cl->v[i];
        ck_assert_msg(c->len <= LF_CAND_MAX, "candidate %d too long: %zu", i, c->len);
        ck_assert_msg(c->word[c->len] == '\0' && strlen(c->word) == c->len,
                      "candidate %d not terminated at len", i);
        ck_assert_int_eq(c->mode, mode);
        ck_assert_msg(c->nsites >= 1 && c->nsites <= max_sites, "candidate %s: %d sites",
                      c->word, c->nsites);
        size_t want = observed_len;
        for (int k = 0; k < c->nsites; k++) {
            ck_assert_msg(c->group[k] < lf_group_count, "bad group %d", c->group[k]);
            ck_assert_msg(mask & (1u << c->group[k]), "candidate %s: group %s outside mask",
                          c->word, lf_groups[c->group[k]].letters);
            want += lf_groups[c->group[k]].len - (added_per_site_is_len_minus_1 ? 1 : 0);
        }
        ck_assert_msg(c->len == want, "candidate %s: length %zu, want %zu", c->word, c->len,
                      want);
    }
}

static int invert(collect *cl, const char *w, int mode, lf_group_mask mask, int max_sites,
                  int capital, int budget)
{
    cl->n = cl->calls = 0;
    return lf_damage_invert(w, strlen(w), mode, mask, max_sites, capital, budget, on_cand, cl);
}

static int fill(collect *cl, const char *const *frags, int nfrag, int mode, lf_group_mask mask,
                int budget)
{
    size_t lens[16];
    for (int i = 0; i < nfrag; i++)
        lens[i] = strlen(frags[i]);
    cl->n = cl->calls = 0;
    return lf_damage_fill(frags, lens, nfrag, mode, mask, budget, on_cand, cl);
}

/* ---- tables -------------------------------------------------------------- */

START_TEST(test_tables)
{
    ck_assert_int_gt(lf_group_count, 0);
    ck_assert_int_le(lf_group_count, 32); /* a mask is 32 bits */
    int ncapital = 0;
    for (int g = 0; g < lf_group_count; g++) {
        const lf_group *gr = &lf_groups[g];
        ck_assert_uint_eq(gr->len, strlen(gr->letters));
        ck_assert_uint_ge(gr->len, 1);
        for (size_t k = 0; k < gr->len; k++)
            ck_assert_msg(gr->letters[k] >= 'a' && gr->letters[k] <= 'z', "group %s case",
                          gr->letters);
        ck_assert_int_eq(lf_group_find(gr->letters, gr->len), g);
        for (int h = 0; h < g; h++)
            ck_assert_str_ne(lf_groups[h].letters, gr->letters);
        if (gr->flags & LF_GROUP_CAPITAL) {
            ncapital++;
            ck_assert_str_eq(gr->letters, "th");
        }
    }
    ck_assert_int_eq(ncapital, 1);
    /* the groups every user names */
    static const char *const named[] = {"tt", "ft", "fi", "fl", "ff", "ffi", "ffl", "st", "th"};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        ck_assert_str_eq(lf_groups[G(named[i])].letters, named[i]);
    /* length is honoured, not NUL: "ftx" with n=2 is ft */
    ck_assert_int_eq(lf_group_find("ftx", 2), G("ft"));
    ck_assert_int_eq(lf_group_find("ffi", 2), G("ff"));
    ck_assert_int_eq(lf_group_find("FT", 2), G("ft"));
    ck_assert_int_eq(lf_group_find("xq", 2), -1);
    ck_assert_int_eq(lf_group_find("", 0), -1);
    ck_assert_int_eq(lf_group_find("fft", 3), -1);

    /* the all-groups mask has one bit per group */
    ck_assert_uint_eq(LF_ALL_GROUPS, (lf_group_mask)((1ull << lf_group_count) - 1));
    ck_assert_int_eq(__builtin_popcount(LF_ALL_GROUPS), lf_group_count);
}
END_TEST

START_TEST(test_modes)
{
    static const struct {
        int mode;
        const char *name;
    } modes[] = {
        {LF_MODE_LETTER, "letter"},   {LF_MODE_FIRST, "first"},
        {LF_MODE_VANISH, "vanish"},   {LF_MODE_SPACE, "space"},
        {LF_MODE_PLACEHOLDER, "placeholder"}, {LF_MODE_CODEPOINT, "codepoint"},
    };
    ck_assert_int_eq(LF_MODE_COUNT, 6);
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        ck_assert_str_eq(lf_mode_name(modes[i].mode), modes[i].name);
        ck_assert_int_eq(lf_mode_find(modes[i].name, strlen(modes[i].name)), modes[i].mode);
    }
    ck_assert_str_eq(lf_mode_name(-1), "?");
    ck_assert_str_eq(lf_mode_name(LF_MODE_COUNT), "?");
    ck_assert_int_eq(lf_mode_find("lett", 4), -1);
    ck_assert_int_eq(lf_mode_find("letterx", 7), -1);
    ck_assert_int_eq(lf_mode_find("letterx", 6), LF_MODE_LETTER);
    ck_assert_int_eq(lf_mode_find("", 0), -1);
    ck_assert_int_eq(lf_mode_find("auto", 4), -1);
}
END_TEST

/* ---- in-word modes --------------------------------------------------------- */

START_TEST(test_invert_letter)
{
    collect *cl = collect_new();
    int n = invert(cl, "ater", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 10000);
    ck_assert_int_eq(n, cl->n);
    check_cands(cl, 4, LF_MODE_LETTER, LF_ALL_GROUPS, 1, 1);
    int ft[] = {G("ft")}, tt[] = {G("tt")}, st[] = {G("st")};
    ck_assert_int_ge(find_cand(cl, "after", 1, ft), 0);
    ck_assert_int_ge(find_cand(cl, "atter", 1, tt), 0);
    ck_assert_int_ge(find_cand(cl, "aster", 1, st), 0);
    /* each letter site holds a group's last letter: only the t of "ater"
     * (no group ends in a, e or r) */
    for (int i = 0; i < cl->n; i++) {
        const lf_group *gr = &lf_groups[cl->v[i].group[0]];
        ck_assert_int_eq(gr->letters[gr->len - 1], 't');
        ck_assert_uint_ge(gr->len, 2); /* the one-letter group cannot lose a letter */
    }
    /* one candidate per group ending in t */
    int ending_t = 0;
    for (int g = 0; g < lf_group_count; g++)
        if (lf_groups[g].len >= 2 && lf_groups[g].letters[lf_groups[g].len - 1] == 't' &&
            !(lf_groups[g].flags & LF_GROUP_CAPITAL))
            ending_t++;
    ck_assert_int_eq(cl->n, ending_t);

    /* the mask restricts the groups */
    n = invert(cl, "ater", LF_MODE_LETTER, M("tt"), 1, 0, 10000);
    ck_assert_int_eq(n, 1);
    ck_assert_int_ge(find_cand(cl, "atter", 1, tt), 0);
    n = invert(cl, "ater", LF_MODE_LETTER, M("fi") | M("fl"), 1, 0, 10000);
    ck_assert_int_eq(n, 0);

    /* ffi keeps its i: "oice" -> "office" */
    int ffi[] = {G("ffi")};
    invert(cl, "oice", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 10000);
    ck_assert_int_ge(find_cand(cl, "office", 1, ffi), 0);
    collect_free(cl);
}
END_TEST

START_TEST(test_invert_multisite)
{
    collect *cl = collect_new();
    /* "tat": two t sites. One site: a group at either; two: every pair. */
    int ending_t = 0;
    for (int g = 0; g < lf_group_count; g++)
        if (lf_groups[g].len >= 2 && lf_groups[g].letters[lf_groups[g].len - 1] == 't' &&
            !(lf_groups[g].flags & LF_GROUP_CAPITAL))
            ending_t++;
    int n1 = invert(cl, "tat", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 100000);
    ck_assert_int_eq(n1, 2 * ending_t);
    check_cands(cl, 3, LF_MODE_LETTER, LF_ALL_GROUPS, 1, 1);
    int n2 = invert(cl, "tat", LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, 100000);
    ck_assert_int_eq(n2, 2 * ending_t + ending_t * ending_t);
    check_cands(cl, 3, LF_MODE_LETTER, LF_ALL_GROUPS, 2, 1);
    /* groups recorded left to right */
    int ft_tt[] = {G("ft"), G("tt")}, tt_ft[] = {G("tt"), G("ft")};
    ck_assert_int_ge(find_cand(cl, "ftatt", 2, ft_tt), 0);
    ck_assert_int_ge(find_cand(cl, "ttaft", 2, tt_ft), 0);
    int ft[] = {G("ft")};
    ck_assert_int_ge(find_cand(cl, "ftat", 1, ft), 0);
    ck_assert_int_ge(find_cand(cl, "taft", 1, ft), 0);
    /* max_sites above the hard limit is clamped, 3 sites on "tat" impossible anyway */
    int n3 = invert(cl, "tat", LF_MODE_LETTER, LF_ALL_GROUPS, 99, 0, 100000);
    ck_assert_int_eq(n3, n2);

    /* a real word with two different groups lost: battlefield -> batleield */
    int tt_fi[] = {G("tt"), G("fi")};
    invert(cl, "batleield", LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, 100000);
    ck_assert_int_ge(find_cand(cl, "battlefield", 2, tt_fi), 0);
    /* ... which one site cannot give */
    invert(cl, "batleield", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 100000);
    ck_assert(!has_word(cl, "battlefield"));

    /* three sites: every non-empty set of the three t's */
    int n = invert(cl, "ttt", LF_MODE_LETTER, M("tt"), 3, 0, 100000);
    ck_assert_int_eq(n, 7); /* 2^3 - 1 non-empty site sets */
    int tt3[] = {G("tt"), G("tt"), G("tt")};
    ck_assert_int_ge(find_cand(cl, "tttttt", 3, tt3), 0);
    collect_free(cl);
}
END_TEST

START_TEST(test_invert_first)
{
    collect *cl = collect_new();
    int n = invert(cl, "afer", LF_MODE_FIRST, LF_ALL_GROUPS, 1, 0, 10000);
    ck_assert_int_eq(n, cl->n);
    check_cands(cl, 4, LF_MODE_FIRST, LF_ALL_GROUPS, 1, 1);
    int ft[] = {G("ft")}, fi[] = {G("fi")}, fl[] = {G("fl")}, ff[] = {G("ff")};
    ck_assert_int_ge(find_cand(cl, "after", 1, ft), 0);
    ck_assert_int_ge(find_cand(cl, "afier", 1, fi), 0);
    ck_assert_int_ge(find_cand(cl, "afler", 1, fl), 0);
    ck_assert_int_ge(find_cand(cl, "affer", 1, ff), 0);
    /* first mode keeps the group's first letter: a letter of the word */
    for (int i = 0; i < cl->n; i++) {
        ck_assert_ptr_nonnull(strchr("afer", lf_groups[cl->v[i].group[0]].letters[0]));
        ck_assert_uint_ge(lf_groups[cl->v[i].group[0]].len, 2);
    }
    /* letter mode would not make "after" of "afer" */
    invert(cl, "afer", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 10000);
    ck_assert(!has_word(cl, "after"));
    /* beter -> better in first mode (tt keeps a t either way) */
    int tt[] = {G("tt")};
    invert(cl, "beter", LF_MODE_FIRST, LF_ALL_GROUPS, 1, 0, 10000);
    ck_assert_int_ge(find_cand(cl, "better", 1, tt), 0);
    collect_free(cl);
}
END_TEST

static int count_groups(int capital_ok)
{
    int k = 0;
    for (int g = 0; g < lf_group_count; g++)
        if (capital_ok || !(lf_groups[g].flags & LF_GROUP_CAPITAL))
            k++;
    return k;
}

START_TEST(test_invert_vanish)
{
    collect *cl = collect_new();
    int n = invert(cl, "aer", LF_MODE_VANISH, LF_ALL_GROUPS, 1, 0, 100000);
    ck_assert_int_eq(n, cl->n);
    check_cands(cl, 3, LF_MODE_VANISH, LF_ALL_GROUPS, 1, 0);
    int ft[] = {G("ft")}, tt[] = {G("tt")};
    ck_assert_int_ge(find_cand(cl, "after", 1, ft), 0);
    ck_assert_int_ge(find_cand(cl, "atter", 1, tt), 0);
    /* one site: every gap (n+1 of them) times every group */
    int ng = count_groups(0);
    ck_assert_int_eq(n, 4 * ng);

    /* two sites: never two in the same gap (they would be one group) */
    int n2 = invert(cl, "ab", LF_MODE_VANISH, LF_ALL_GROUPS, 2, 0, 100000);
    /* gaps 0,1,2: 3 singles, 3 pairs */
    ck_assert_int_eq(n2, 3 * ng + 3 * ng * ng);
    check_cands(cl, 2, LF_MODE_VANISH, LF_ALL_GROUPS, 2, 0);
    int f_f[] = {G("f"), G("f")};
    ck_assert_int_eq(find_cand(cl, "ffab", 2, f_f), -1); /* both in gap 0 */
    ck_assert_int_ge(find_cand(cl, "fafb", 2, f_f), 0);
    ck_assert_int_ge(find_cand(cl, "afbf", 2, f_f), 0);
    ck_assert_int_ge(find_cand(cl, "fabf", 2, f_f), 0);
    /* max_sites 1 gives no two-site reading */
    invert(cl, "ab", LF_MODE_VANISH, LF_ALL_GROUPS, 1, 0, 100000);
    for (int i = 0; i < cl->n; i++)
        ck_assert_int_eq(cl->v[i].nsites, 1);
    collect_free(cl);
}
END_TEST

static int invert_flags(collect *cl, const char *w, lf_group_mask mask, int max_sites, int budget,
                        unsigned flags, const lf_trigrams *seams)
{
    cl->n = cl->calls = 0;
    return lf_damage_invert_flags(w, strlen(w), 0, LF_MODE_VANISH, mask, max_sites, budget, flags,
                                  seams, on_cand, cl);
}

/* A caller's fn that applies the seam test first, as units.c does. */
typedef struct {
    collect *cl;
    const lf_trigrams *t;
    const char *const *vocab; /* NULL-terminated: the only words taken */
} seam_collect;

static int on_cand_seams(void *ud, const lf_cand *c)
{
    seam_collect *sc = ud;
    for (int k = 0; k < c->nsites; k++) {
        size_t from = c->pos[k] ? c->pos[k] - 1u : 0;
        if (!lf_trigrams_plausible_at(sc->t, c->word, c->len, from,
                                      c->pos[k] + lf_groups[c->group[k]].len))
            return 0;
    }
    /* as the library's caller does: vocabulary words only */
    for (size_t i = 0; sc->vocab[i]; i++)
        if (strlen(sc->vocab[i]) == c->len && memcmp(sc->vocab[i], c->word, c->len) == 0)
            return on_cand(sc->cl, c);
    return 0;
}

START_TEST(test_invert_vanish_same_gap)
{
    collect *cl = collect_new();
    int fi_ft[] = {G("fi"), G("ft")};
    lf_group_mask m = M("fi") | M("ft") | M("ff") | M("f") | M("tt");
    /* fifteen -> een: fi and ft vanished side by side */
    invert_flags(cl, "een", m, 2, 100000, 0, NULL);
    ck_assert_int_eq(find_cand(cl, "fifteen", 2, fi_ft), -1);
    invert_flags(cl, "een", m, 2, 100000, LF_INVERT_SAME_GAP, NULL);
    ck_assert_int_ge(find_cand(cl, "fifteen", 2, fi_ft), 0);
    check_cands(cl, 3, LF_MODE_VANISH, m, 2, 0);
    /* f + f is ff, f + fi is ffi: one site reads them */
    int f_f[] = {G("f"), G("f")}, f_ft[] = {G("f"), G("ft")};
    invert_flags(cl, "ab", m, 2, 100000, LF_INVERT_SAME_GAP, NULL);
    ck_assert_int_eq(find_cand(cl, "ffab", 2, f_f), -1);
    ck_assert_int_ge(find_cand(cl, "fftab", 2, f_ft), 0);
    /* the count: singles, pairs in different gaps, pairs sharing one */
    int ng = count_groups(0), same = 0;
    for (int a = 0; a < lf_group_count; a++)
        for (int b = 0; b < lf_group_count; b++) {
            if ((lf_groups[a].flags | lf_groups[b].flags) & LF_GROUP_CAPITAL)
                continue;
            char both[8];
            snprintf(both, sizeof both, "%s%s", lf_groups[a].letters, lf_groups[b].letters);
            same += lf_group_find(both, strlen(both)) < 0;
        }
    int n = invert_flags(cl, "ab", LF_ALL_GROUPS, 2, 100000, LF_INVERT_SAME_GAP, NULL);
    ck_assert_int_eq(n, 3 * ng + 3 * ng * ng + 3 * same);
    ck_assert_int_eq(n, cl->n);
    /* three sites may share a gap too, each beside the one before */
    int fi_ft_tt[] = {G("fi"), G("ft"), G("tt")};
    invert_flags(cl, "e", m, 3, 100000, LF_INVERT_SAME_GAP, NULL);
    ck_assert_int_ge(find_cand(cl, "fifttte", 3, fi_ft_tt), 0);
    collect_free(cl);
}
END_TEST

/* Pruning by seams and prefixes changes the work, not the result, for a
 * caller that takes vocabulary words only: the same calls and the same
 * count under every budget, sites sharing a gap or not (up to three sites
 * the pruned readings are counted with a table, beyond by walking them). */
START_TEST(test_invert_pruned_same_gap)
{
    lf_trigrams *t = calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    static const char *const vocab[] = {"fifteen", "fifth", "effort", "after", "different",
                                        "fitted", "staff", NULL};
    for (size_t i = 0; vocab[i]; i++) {
        lf_trigrams_add_word(t, vocab[i], strlen(vocab[i]));
        lf_trigrams_add_prefixes(t, vocab[i], strlen(vocab[i]), 0);
    }
    static const char *const words[] = {"een", "h", "eo", "dierent", "ed", "sta", "aer"};
    collect *plain = collect_new(), *pruned = collect_new();
    for (unsigned flags = 0; flags <= LF_INVERT_SAME_GAP; flags++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            for (int sites = 1; sites <= 4; sites++) {
                static const int budgets[] = {1, 5, 37, 200, 1000, 100000};
                for (size_t b = 0; b < sizeof budgets / sizeof *budgets; b++) {
                    seam_collect a = {plain, t, vocab}, p = {pruned, t, vocab};
                    plain->n = plain->calls = pruned->n = pruned->calls = 0;
                    int na = lf_damage_invert_flags(words[w], strlen(words[w]), 0,
                                                    LF_MODE_VANISH, LF_ALL_GROUPS, sites,
                                                    budgets[b], flags, NULL, on_cand_seams, &a);
                    int np = lf_damage_invert_flags(words[w], strlen(words[w]), 0,
                                                    LF_MODE_VANISH, LF_ALL_GROUPS, sites,
                                                    budgets[b], flags, t, on_cand_seams, &p);
                    ck_assert_int_eq(na, np);
                    ck_assert_msg(plain->n == pruned->n, "%s flags %u sites %d budget %d: %d vs %d", words[w], flags, sites, budgets[b], plain->n, pruned->n);
                    for (int i = 0; i < plain->n; i++)
                        ck_assert_str_eq(plain->v[i].word, pruned->v[i].word);
                }
            }
    collect_free(plain);
    collect_free(pruned);
    free(t);
}
END_TEST

START_TEST(test_invert_capital)
{
    collect *cl = collect_new();
    int th[] = {G("th")};
    /* "The" damaged to "He": th at the start of a capitalised word */
    invert(cl, "he", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 1, 10000);
    ck_assert_int_ge(find_cand(cl, "the", 1, th), 0);
    invert(cl, "he", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 10000);
    ck_assert_int_eq(find_cand(cl, "the", 1, th), -1);
    for (int i = 0; i < cl->n; i++)
        ck_assert_int_ne(cl->v[i].group[0], G("th"));
    /* "Te" in first mode */
    invert(cl, "te", LF_MODE_FIRST, LF_ALL_GROUPS, 1, 1, 10000);
    ck_assert_int_ge(find_cand(cl, "the", 1, th), 0);
    /* never inside a word, even capitalised: "oher" -> "other" is not th */
    invert(cl, "oher", LF_MODE_LETTER, LF_ALL_GROUPS, 2, 1, 10000);
    ck_assert(!has_word(cl, "other"));
    for (int i = 0; i < cl->n; i++)
        for (int k = 0; k < cl->v[i].nsites; k++)
            ck_assert_int_ne(cl->v[i].group[k], G("th"));
    /* vanish: only in gap 0 with capital=1 */
    invert(cl, "e", LF_MODE_VANISH, M("th"), 1, 1, 10000);
    ck_assert_int_eq(cl->n, 1);
    ck_assert_str_eq(cl->v[0].word, "the");
    invert(cl, "e", LF_MODE_VANISH, M("th"), 1, 0, 10000);
    ck_assert_int_eq(cl->n, 0);
    collect_free(cl);
}
END_TEST

START_TEST(test_invert_budget_and_limits)
{
    collect *cl = collect_new();
    int all = invert(cl, "tat", LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, 100000);
    ck_assert_int_gt(all, 5);
    for (int b = 1; b <= 5; b++) {
        int n = invert(cl, "tat", LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, b);
        ck_assert_int_eq(n, b);
        ck_assert_int_eq(cl->calls, b);
    }
    /* the first candidates under a budget are the first without it */
    collect *full = collect_new();
    invert(full, "aer", LF_MODE_VANISH, LF_ALL_GROUPS, 2, 0, 100000);
    invert(cl, "aer", LF_MODE_VANISH, LF_ALL_GROUPS, 2, 0, 7);
    ck_assert_int_eq(cl->n, 7);
    for (int i = 0; i < 7; i++)
        ck_assert_str_eq(cl->v[i].word, full->v[i].word);
    collect_free(full);
    /* the callback stops the enumeration */
    cl->stop_after = 3;
    invert(cl, "tat", LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, 100000);
    ck_assert_int_eq(cl->calls, 3);
    cl->stop_after = 0;

    /* no budget, no sites, wrong mode, empty word: nothing */
    ck_assert_int_eq(invert(cl, "ater", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 0), 0);
    ck_assert_int_eq(cl->calls, 0);
    ck_assert_int_eq(invert(cl, "ater", LF_MODE_LETTER, LF_ALL_GROUPS, 0, 0, 100), 0);
    ck_assert_int_eq(invert(cl, "ater", LF_MODE_SPACE, LF_ALL_GROUPS, 1, 0, 100), 0);
    ck_assert_int_eq(invert(cl, "ater", LF_MODE_PLACEHOLDER, LF_ALL_GROUPS, 1, 0, 100), 0);
    ck_assert_int_eq(invert(cl, "ater", LF_MODE_CODEPOINT, LF_ALL_GROUPS, 1, 0, 100), 0);
    ck_assert_int_eq(invert(cl, "", LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 100), 0);
    ck_assert_int_eq(invert(cl, "", LF_MODE_VANISH, LF_ALL_GROUPS, 1, 0, 100), 0);
    ck_assert_int_eq(invert(cl, "ater", LF_MODE_LETTER, 0, 1, 0, 100), 0);
    ck_assert_int_eq(cl->calls, 0);

    /* LF_CAND_MAX: a word of LF_CAND_MAX - 1 t's can grow by one letter,
     * not by two; one of LF_CAND_MAX can't grow at all. */
    char w[LF_CAND_MAX + 2];
    memset(w, 't', LF_CAND_MAX + 1);
    w[LF_CAND_MAX - 1] = '\0';
    int n = invert(cl, w, LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, 100000);
    ck_assert_int_gt(n, 0);
    check_cands(cl, LF_CAND_MAX - 1, LF_MODE_LETTER, LF_ALL_GROUPS, 1, 1);
    for (int i = 0; i < cl->n; i++)
        ck_assert_uint_eq(cl->v[i].len, LF_CAND_MAX);
    w[LF_CAND_MAX - 1] = 't';
    w[LF_CAND_MAX] = '\0';
    ck_assert_int_eq(invert(cl, w, LF_MODE_LETTER, LF_ALL_GROUPS, 2, 0, 100000), 0);
    ck_assert_int_eq(invert(cl, w, LF_MODE_VANISH, LF_ALL_GROUPS, 1, 0, 100000), 0);
    w[LF_CAND_MAX] = 't';
    w[LF_CAND_MAX + 1] = '\0';
    ck_assert_int_eq(invert(cl, w, LF_MODE_LETTER, LF_ALL_GROUPS, 1, 0, 100000), 0);
    /* vanish with the one-letter group f fits at LF_CAND_MAX - 1 */
    w[LF_CAND_MAX - 1] = '\0';
    n = invert(cl, w, LF_MODE_VANISH, M("f"), 1, 0, 100000);
    ck_assert_int_eq(n, LF_CAND_MAX); /* every gap */
    n = invert(cl, w, LF_MODE_VANISH, M("ft"), 1, 0, 100000);
    ck_assert_int_eq(n, 0);
    collect_free(cl);
}
END_TEST

/* lf_damage_invert_total (the count table, sites sharing a gap counted
 * class by class) is the number of readings the search makes, counted
 * one by one, for every mode, case, mask and number of sites. */
static int count_only(void *ud, const lf_cand *c)
{
    (void)c;
    (*(int *)ud)++;
    return 0;
}

START_TEST(test_invert_total_counts_the_readings)
{
    static const char *const words[] = {"e", "aer", "tat", "offer", "dierent", "tttfft"};
    const lf_group_mask masks[] = {LF_ALL_GROUPS, M("f") | M("ff") | M("fi") | M("ffi"),
                                   M("f") | M("tt") | M("th"), M("th")};
    static const int modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};
    static const uint64_t uppers[] = {0, 1, 2, 5};
    int checked = 0;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        for (size_t m = 0; m < sizeof masks / sizeof *masks; m++)
            for (size_t md = 0; md < 3; md++)
                for (size_t u = 0; u < sizeof uppers / sizeof *uppers; u++)
                    for (unsigned flags = 0; flags <= LF_INVERT_SAME_GAP; flags++)
                        for (int sites = 1; sites <= 3; sites++) {
                            size_t n = strlen(words[w]);
                            int walked = 0;
                            lf_damage_invert_flags(words[w], n, uppers[u], modes[md], masks[m],
                                                   sites, 1 << 30, flags, NULL, count_only,
                                                   &walked);
                            uint64_t total = lf_damage_invert_total(
                                words[w], n, uppers[u], modes[md], masks[m], sites, flags);
                            ck_assert_msg(total == (uint64_t)walked,
                                          "%s mode %d mask %x upper %d flags %u sites %d: "
                                          "%llu vs %d",
                                          words[w], modes[md], (unsigned)masks[m], (int)uppers[u],
                                          flags, sites, (unsigned long long)total, walked);
                            checked += walked > 0;
                        }
    ck_assert_int_gt(checked, 300);
}
END_TEST

/* The pruned search tests each reading's fixed start incrementally (the
 * sites before the newest only past what they passed already): every
 * reading fn gets still passes the whole test on it: each site's seam
 * trigrams inside the start, and the prefix filter. */
typedef struct {
    const lf_trigrams *t;
    int calls;
} start_check;

static int start_passes(void *ud, const lf_cand *c)
{
    start_check *sc = ud;
    size_t last_end = c->pos[c->nsites - 1] + lf_groups[c->group[c->nsites - 1]].len;
    /* vanish, sites apart: the letter after the last group is fixed too */
    size_t fixed = last_end + (c->mode == LF_MODE_VANISH && last_end < c->len);
    for (int k = 0; k < c->nsites; k++) {
        size_t from = c->pos[k] ? c->pos[k] - 1u : 0;
        size_t to = c->pos[k] + lf_groups[c->group[k]].len;
        for (size_t i = from; i <= to && i + 2 <= fixed; i++)
            ck_assert_msg(lf_trigrams_plausible_at(sc->t, c->word, fixed, i, i),
                          "%.*s: site %d, trigram at %zu", (int)c->len, c->word, k, i);
    }
    ck_assert_msg(lf_trigrams_may_be_prefix(sc->t, c->word, fixed), "%.*s", (int)c->len,
                  c->word);
    sc->calls++;
    return 0;
}

START_TEST(test_pruned_start_passes_whole_test)
{
    static const char *const vocab[] = {"affect", "after", "attempt", "effect", "office",
                                        "settle", "stiff", "fifteen", "different", "fitted",
                                        "staff", "theft", "afflict", "aftercraft", NULL};
    /* trigrams from other words: starts that pass the prefix filter and
     * fail the seam test, the seam test's own work ("aftercraft" read
     * from "atercrat" keeps "aft" and "raft", not "fte") */
    static const char *const seen[] = {"affect", "attempt", "office", "stiff", "different",
                                       "staff", "afflict", "craft", "daft", NULL};
    lf_trigrams *t = calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; vocab[i]; i++)
        lf_trigrams_add_prefixes(t, vocab[i], strlen(vocab[i]), 0);
    for (size_t i = 0; seen[i]; i++)
        lf_trigrams_add_word(t, seen[i], strlen(seen[i]));
    static const char *const words[] = {"aect", "ater", "atempt", "eect", "oce",
                                        "setle", "sti", "een", "dierent", "ed",
                                        "ailict", "eft", "atercrat", "aercra"};
    static const int modes[] = {LF_MODE_LETTER, LF_MODE_FIRST, LF_MODE_VANISH};
    int calls = 0;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        for (size_t m = 0; m < 3; m++)
            for (int sites = 1; sites <= 3; sites++) {
                start_check sc = {t, 0};
                lf_damage_invert_flags(words[w], strlen(words[w]), 0, modes[m], LF_ALL_GROUPS,
                                       sites, 1 << 30, 0, t, start_passes, &sc);
                calls += sc.calls;
            }
    ck_assert_int_gt(calls, 20); /* readings do get through */
    free(t);
}
END_TEST

/* ---- gap modes --------------------------------------------------------------- */

START_TEST(test_fill_space)
{
    collect *cl = collect_new();
    const char *a_er[] = {"a", "er"};
    int n = fill(cl, a_er, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000);
    ck_assert_int_eq(n, cl->n);
    int ft[] = {G("ft")}, tt[] = {G("tt")}, fi[] = {G("fi")};
    ck_assert_int_ge(find_cand(cl, "after", 1, ft), 0);
    ck_assert_int_ge(find_cand(cl, "atter", 1, tt), 0);
    for (int i = 0; i < cl->n; i++) {
        ck_assert_int_eq(cl->v[i].mode, LF_MODE_SPACE);
        ck_assert_int_eq(cl->v[i].nsites, 1);
        ck_assert_msg(!(lf_groups[cl->v[i].group[0]].flags & LF_GROUP_CAPITAL),
                      "capital group in a gap");
        ck_assert_uint_eq(cl->v[i].len, strlen(cl->v[i].word));
    }
    /* "a" ends with no group: one reading per non-capital group */
    ck_assert_int_eq(n, count_groups(0));

    /* kept glyph, space after it: confi rmed -> confirmed, recorded as fi */
    const char *confi[] = {"confi", "rmed"};
    fill(cl, confi, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000);
    ck_assert_int_ge(find_cand(cl, "confirmed", 1, fi), 0);
    ck_assert_int_eq(cl->n, count_groups(0) + 1);
    /* longest group the fragment ends with: "offi ce" -> office as ffi */
    int ffi[] = {G("ffi")};
    const char *offi[] = {"offi", "ce"};
    fill(cl, offi, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000);
    ck_assert_int_ge(find_cand(cl, "office", 1, ffi), 0);
    /* a kept capital glyph (Th) is a capital word start: "Th e" is The,
     * "th e" (a stray space in "the") no damage of it */
    int th[] = {G("th")};
    const char *th_e[] = {"th", "e"};
    size_t th_e_len[] = {2, 1};
    fill(cl, th_e, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000);
    ck_assert(!has_word(cl, "the"));
    cl->n = 0;
    lf_damage_fill_cased(th_e, th_e_len, 2, 1u, LF_MODE_SPACE, LF_ALL_GROUPS, 10000, on_cand, cl);
    ck_assert_int_ge(find_cand(cl, "the", 1, th), 0);
    const char *with_e[] = {"with", "e"}; /* "With e": the glyph starts no word */
    size_t with_e_len[] = {4, 1};
    cl->n = 0;
    lf_damage_fill_cased(with_e, with_e_len, 2, 1u, LF_MODE_SPACE, M("th"), 10000, on_cand, cl);
    ck_assert(!has_word(cl, "withe"));
    /* or the space fell before the kept glyph, or inside its letters */
    int ti[] = {G("ti")};
    const char *media[] = {"media", "tion"}, *calc[] = {"calculat", "ions"};
    fill(cl, media, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000);
    ck_assert_int_ge(find_cand(cl, "mediation", 1, ti), 0);
    fill(cl, calc, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000);
    ck_assert_int_ge(find_cand(cl, "calculations", 1, ti), 0);
    ck_assert_int_eq(lf_group_across_gap("media", 5, "tion", 4, LF_ALL_GROUPS, 0), G("ti"));
    ck_assert_int_eq(lf_group_across_gap("calculat", 8, "ions", 4, LF_ALL_GROUPS, 0), G("ti"));
    ck_assert_int_eq(lf_group_across_gap("confi", 5, "rmed", 4, LF_ALL_GROUPS, 0), -1);
    ck_assert_int_eq(lf_group_across_gap("confi", 5, "rmed", 4, LF_ALL_GROUPS, 1), G("fi"));
    ck_assert_int_eq(lf_group_across_gap("wa", 2, "s", 1, LF_ALL_GROUPS, 1), -1);
    ck_assert_int_eq(lf_group_across_gap("media", 5, "tion", 4, M("st"), 1), -1);
    /* the kept-glyph reading needs its group in the mask */
    fill(cl, confi, 2, LF_MODE_SPACE, M("ft"), 10000);
    ck_assert(!has_word(cl, "confirmed"));
    ck_assert_int_eq(cl->n, 1);

    /* three fragments: a site in each gap */
    const char *three[] = {"x", "y", "z"};
    n = fill(cl, three, 3, LF_MODE_SPACE, M("ft") | M("tt"), 10000);
    ck_assert_int_eq(n, 4);
    int ft_tt[] = {G("ft"), G("tt")};
    ck_assert_int_ge(find_cand(cl, "xftyttz", 2, ft_tt), 0);
    /* kept glyph in the first gap, restored one in the second */
    const char *three2[] = {"eff", "ec", "ve"};
    n = fill(cl, three2, 3, LF_MODE_SPACE, M("ff") | M("ti"), 10000);
    int ff_ti[] = {G("ff"), G("ti")};
    ck_assert_int_ge(find_cand(cl, "effective", 2, ff_ti), 0);
    collect_free(cl);
}
END_TEST

START_TEST(test_fill_placeholder)
{
    collect *cl = collect_new();
    const char *be_er[] = {"be", "er"};
    int n = fill(cl, be_er, 2, LF_MODE_PLACEHOLDER, LF_ALL_GROUPS, 10000);
    int tt[] = {G("tt")};
    ck_assert_int_ge(find_cand(cl, "better", 1, tt), 0);
    ck_assert_int_eq(n, count_groups(0));
    for (int i = 0; i < cl->n; i++)
        ck_assert_int_eq(cl->v[i].mode, LF_MODE_PLACEHOLDER);
    /* no kept-glyph reading in placeholder mode: the glyph is the placeholder */
    const char *confi[] = {"confi", "rmed"};
    fill(cl, confi, 2, LF_MODE_PLACEHOLDER, LF_ALL_GROUPS, 10000);
    ck_assert(!has_word(cl, "confirmed"));
    ck_assert_int_eq(cl->n, count_groups(0));
    /* an empty fragment: a placeholder at the word's start */
    const char *start[] = {"", "rst"};
    fill(cl, start, 2, LF_MODE_PLACEHOLDER, LF_ALL_GROUPS, 10000);
    int fi[] = {G("fi")};
    ck_assert_int_ge(find_cand(cl, "first", 1, fi), 0);
    collect_free(cl);
}
END_TEST

START_TEST(test_fill_limits)
{
    collect *cl = collect_new();
    const char *a_er[] = {"a", "er"};
    /* budget */
    for (int b = 1; b <= 4; b++) {
        ck_assert_int_eq(fill(cl, a_er, 2, LF_MODE_SPACE, LF_ALL_GROUPS, b), b);
        ck_assert_int_eq(cl->calls, b);
    }
    ck_assert_int_eq(fill(cl, a_er, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 0), 0);
    ck_assert_int_eq(cl->calls, 0);
    /* the callback stops it */
    cl->stop_after = 2;
    fill(cl, a_er, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 1000);
    ck_assert_int_eq(cl->calls, 2);
    cl->stop_after = 0;
    /* one fragment is no gap; more gaps than sites allowed */
    ck_assert_int_eq(fill(cl, a_er, 1, LF_MODE_SPACE, LF_ALL_GROUPS, 1000), 0);
    const char *many[LF_SITES_MAX + 2];
    for (int i = 0; i < LF_SITES_MAX + 2; i++)
        many[i] = "a";
    ck_assert_int_eq(fill(cl, many, LF_SITES_MAX + 2, LF_MODE_PLACEHOLDER, M("tt"), 1000), 0);
    ck_assert_int_eq(fill(cl, many, LF_SITES_MAX + 1, LF_MODE_PLACEHOLDER, M("tt"), 1000), 1);
    ck_assert_int_eq(cl->v[0].nsites, LF_SITES_MAX);

    /* LF_CAND_MAX bound */
    char left[LF_CAND_MAX + 1];
    memset(left, 'a', sizeof left);
    left[LF_CAND_MAX - 3] = '\0'; /* 125 + "er" = 127: room for one letter */
    const char *big[] = {left, "er"};
    int n = fill(cl, big, 2, LF_MODE_PLACEHOLDER, LF_ALL_GROUPS, 10000);
    ck_assert_int_eq(n, 1);
    ck_assert_str_eq(lf_groups[cl->v[0].group[0]].letters, "f");
    ck_assert_uint_eq(cl->v[0].len, LF_CAND_MAX);
    left[LF_CAND_MAX - 3] = 'a';
    left[LF_CAND_MAX - 2] = '\0'; /* 126 + 2 = 128: no room */
    ck_assert_int_eq(fill(cl, big, 2, LF_MODE_PLACEHOLDER, LF_ALL_GROUPS, 10000), 0);
    left[LF_CAND_MAX - 2] = 'a';
    left[LF_CAND_MAX] = '\0'; /* fragments alone too long */
    ck_assert_int_eq(fill(cl, big, 2, LF_MODE_SPACE, LF_ALL_GROUPS, 10000), 0);
    collect_free(cl);
}
END_TEST

START_TEST(test_presentation_forms)
{
    static const struct {
        unsigned cp;
        const char *letters;
    } forms[] = {
        {0xFB00, "ff"}, {0xFB01, "fi"}, {0xFB02, "fl"}, {0xFB03, "ffi"},
        {0xFB04, "ffl"}, {0xFB06, "st"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        int g = -2;
        const char *s = lf_presentation_form(forms[i].cp, &g);
        ck_assert_ptr_nonnull(s);
        ck_assert_str_eq(s, forms[i].letters);
        ck_assert_int_eq(g, G(forms[i].letters));
        ck_assert_str_eq(lf_presentation_form(forms[i].cp, NULL), forms[i].letters);
    }
    /* U+FB05 (long s t) stands for a two-letter group ending in t */
    int g = -2;
    const char *s = lf_presentation_form(0xFB05, &g);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_ge(g, 0);
    ck_assert_str_eq(lf_groups[g].letters, s);
    ck_assert_uint_eq(strlen(s), 2);
    ck_assert_int_eq(s[1], 't');
    /* outside the block */
    static const unsigned none[] = {0, 'f', 0xFAFF, 0xFB07, 0xFB13, 0xFFFD, 0x10FFFF, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        g = 77;
        ck_assert_ptr_null(lf_presentation_form(none[i], &g));
    }
}
END_TEST

/* ---- split pieces ---------------------------------------------------------- */

typedef struct {
    char v[32][16];
    int side[32];
    int n;
} pieces;

static void on_piece(void *ud, int side, const char *p, size_t n)
{
    pieces *ps = ud;
    ck_assert_int_lt(ps->n, 32);
    ck_assert_uint_gt(n, 0);
    ck_assert_uint_lt(n, 16);
    memcpy(ps->v[ps->n], p, n);
    ps->v[ps->n][n] = '\0';
    ps->side[ps->n++] = side;
}

static int has_piece(const pieces *ps, int side, const char *p)
{
    for (int i = 0; i < ps->n; i++)
        if (ps->side[i] == side && strcmp(ps->v[i], p) == 0)
            return 1;
    return 0;
}

START_TEST(test_split_pieces)
{
    pieces ps = {0};
    /* after: f and ft start at 1, t at 2 starts nothing ("te" is no group) */
    lf_damage_split_pieces("after", 5, on_piece, &ps);
    ck_assert(has_piece(&ps, LF_PIECE_LEFT, "a"));   /* a er, a ter */
    ck_assert(has_piece(&ps, LF_PIECE_LEFT, "aft")); /* aft er: kept, space after */
    ck_assert(has_piece(&ps, LF_PIECE_LEFT, "af"));  /* af ter: lone f kept */
    ck_assert(has_piece(&ps, LF_PIECE_RIGHT, "er"));
    ck_assert(has_piece(&ps, LF_PIECE_RIGHT, "ter"));
    ck_assert(!has_piece(&ps, LF_PIECE_RIGHT, "after"));
    ck_assert(!has_piece(&ps, LF_PIECE_LEFT, "after"));
    ck_assert_int_eq(ps.n, 6); /* "a" twice: before f and before ft */
    /* a group at the very end leaves a left piece only; one at the start
     * leaves no empty left piece */
    memset(&ps, 0, sizeof ps);
    lf_damage_split_pieces("staff", 5, on_piece, &ps);
    ck_assert(has_piece(&ps, LF_PIECE_LEFT, "sta"));
    ck_assert(has_piece(&ps, LF_PIECE_RIGHT, "aff"));
    for (int i = 0; i < ps.n; i++)
        ck_assert_str_ne(ps.v[i], "staff");
    /* no group: no pieces; capitals are not lower-case groups */
    memset(&ps, 0, sizeof ps);
    lf_damage_split_pieces("banana", 6, on_piece, &ps);
    lf_damage_split_pieces("AFTER", 5, on_piece, &ps);
    lf_damage_split_pieces("", 0, on_piece, &ps);
    ck_assert_int_eq(ps.n, 0);
}
END_TEST

START_TEST(test_piece_filter)
{
    lf_trigrams *t = calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    lf_trigrams_add_piece(t, LF_PIECE_LEFT, "be", 2);
    lf_trigrams_add_piece(t, LF_PIECE_RIGHT, "er", 2);
    ck_assert(lf_trigrams_may_be_piece(t, LF_PIECE_LEFT, "be", 2));
    ck_assert(lf_trigrams_may_be_piece(t, LF_PIECE_RIGHT, "er", 2));
    /* a Bloom filter says "certainly not" for what was never added: with
     * two keys in 2^21 bits, none of these can collide on all six bits */
    ck_assert(!lf_trigrams_may_be_piece(t, LF_PIECE_RIGHT, "be", 2));
    ck_assert(!lf_trigrams_may_be_piece(t, LF_PIECE_LEFT, "er", 2));
    ck_assert(!lf_trigrams_may_be_piece(t, LF_PIECE_LEFT, "b", 1));
    ck_assert(!lf_trigrams_may_be_word(t, "be", 2)); /* pieces are not words */
    free(t);
}
END_TEST

START_TEST(test_prefix_filter)
{
    lf_trigrams *t = calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    /* in sorted order, each word skipping what it shares with the last */
    lf_trigrams_add_prefixes(t, "after", 5, 0);
    lf_trigrams_add_prefixes(t, "afternoon", 9, 5);
    lf_trigrams_add_prefixes(t, "aft", 3, 3);
    const char *yes[] = {"a", "af", "aft", "afte", "after", "aftern", "afternoon"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        ck_assert_msg(lf_trigrams_may_be_prefix(t, yes[i], strlen(yes[i])), "%s", yes[i]);
    ck_assert(lf_trigrams_may_be_prefix(t, "", 0));
    const char *no[] = {"b", "at", "afx", "aftera", "afternoons", "fter"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        ck_assert_msg(!lf_trigrams_may_be_prefix(t, no[i], strlen(no[i])), "%s", no[i]);
    /* the hash extended piece by piece answers as the whole prefix does */
    const char *all[] = {"a", "af", "aft", "afte", "after", "aftern", "afternoon",
                         "b", "at", "afx", "aftera", "afternoons", "fter"};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        size_t n = strlen(all[i]);
        for (size_t cut = 0; cut <= n; cut++) {
            uint64_t h = lf_prefix_extend(LF_PREFIX_SEED, all[i], cut);
            h = lf_prefix_extend(h, all[i] + cut, n - cut);
            ck_assert_int_eq(lf_trigrams_prefix_hash_ok(t, h),
                             lf_trigrams_may_be_prefix(t, all[i], n));
        }
    }
    free(t);
}
END_TEST

/* The pruned search gives what the plain one gives to a caller that takes
 * only words of the vocabulary, and does less work. */
typedef struct {
    const char *const *vocab;
    collect *cl;
} vocab_fn;

static int only_vocab(void *ud, const lf_cand *c)
{
    vocab_fn *v = ud;
    for (size_t i = 0; v->vocab[i]; i++)
        if (strlen(v->vocab[i]) == c->len && memcmp(v->vocab[i], c->word, c->len) == 0)
            return on_cand(v->cl, c);
    return 0;
}

START_TEST(test_pruned_equals_plain)
{
    static const char *const vocab[] = {"affect", "after", "attempt", "effect",
                                        "office", "settle", "stiff", NULL};
    lf_trigrams *t = calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; vocab[i]; i++) {
        lf_trigrams_add_word(t, vocab[i], strlen(vocab[i]));
        lf_trigrams_add_prefixes(t, vocab[i], strlen(vocab[i]), 0);
    }
    const char *words[] = {"aect", "ater", "atempt", "eect", "oce", "setle", "sti"};
    int modes[] = {LF_MODE_LETTER, LF_MODE_VANISH, LF_MODE_FIRST};
    int found = 0;
    /* a budget that runs out (the pruned readings still count) and one that does not */
    static const int budgets[] = {300, 100000};
    for (size_t k = 0; k < 2; k++)
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        for (size_t m = 0; m < 3; m++) {
            int budget = budgets[k];
            collect *a = collect_new(), *b = collect_new();
            vocab_fn va = {vocab, a}, vb = {vocab, b};
            size_t n = strlen(words[w]);
            int na = lf_damage_invert_cased(words[w], n, 0, modes[m], LF_ALL_GROUPS, 2, budget,
                                            only_vocab, &va);
            int nb = lf_damage_invert_pruned(words[w], n, 0, modes[m], LF_ALL_GROUPS, 2, budget, t,
                                             only_vocab, &vb);
            ck_assert_int_eq(na, nb);
            ck_assert_int_eq(a->n, b->n);
            found += budget > 300 ? a->n : 0;
            for (int i = 0; i < a->n; i++)
                ck_assert_str_eq(a->v[i].word, b->v[i].word);
            collect_free(a);
            collect_free(b);
        }
    ck_assert_int_ge(found, 7); /* each damaged word has its word */
    free(t);
}
END_TEST

/* The same for gap filling: pruned runs (whose last gap is counted, not
 * walked) give the plain search's calls and count under every budget,
 * with fragments empty at either end (a group lost at a word's edge). */
START_TEST(test_fill_pruned_equals_plain)
{
    static const char *const vocab[] = {"after", "floating", "better", "confirmed", "office",
                                        "staff", "theft", "fifth", "often", NULL};
    lf_trigrams *t = calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; vocab[i]; i++) {
        lf_trigrams_add_word(t, vocab[i], strlen(vocab[i]));
        lf_trigrams_add_prefixes(t, vocab[i], strlen(vocab[i]), 0);
    }
    static const char *const runs[][3] = {
        {"a", "er", NULL}, {"", "oa", "ng"}, {"be", "er", ""}, {"confi", "rmed", NULL},
        {"o", "ce", NULL}, {"sta", "", NULL}, {"", "e", NULL},  {"o", "en", ""},
        {"", "h", NULL},   {"xq", "zz", ""},
    };
    static const int budgets[] = {1, 3, 24, 25, 26, 60, 700, 100000};
    collect *plain = collect_new(), *pruned = collect_new();
    int found = 0;
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
        for (int mode = LF_MODE_SPACE; mode <= LF_MODE_PLACEHOLDER; mode++)
            for (uint32_t upper = 0; upper < 4; upper++)
                for (size_t b = 0; b < sizeof budgets / sizeof *budgets; b++) {
                    size_t lens[3];
                    int nfrag = runs[r][2] ? 3 : 2;
                    for (int k = 0; k < nfrag; k++)
                        lens[k] = strlen(runs[r][k]);
                    seam_collect a = {plain, t, vocab}, p = {pruned, t, vocab};
                    plain->n = plain->calls = pruned->n = pruned->calls = 0;
                    int na = lf_damage_fill_pruned(runs[r], lens, nfrag, upper, mode,
                                                   LF_ALL_GROUPS, budgets[b],
                                                   LF_FILL_KEPT_ACROSS, NULL, on_cand_seams, &a);
                    int np = lf_damage_fill_pruned(runs[r], lens, nfrag, upper, mode,
                                                   LF_ALL_GROUPS, budgets[b],
                                                   LF_FILL_KEPT_ACROSS, t, on_cand_seams, &p);
                    ck_assert_int_eq(na, np);
                    ck_assert_int_eq(plain->n, pruned->n);
                    found += plain->n;
                    for (int i = 0; i < plain->n; i++)
                        ck_assert_str_eq(plain->v[i].word, pruned->v[i].word);
                }
    ck_assert_int_ge(found, 100); /* the runs do make words */
    collect_free(plain);
    collect_free(pruned);
    free(t);
}
END_TEST

/* The group sites of a word, by position then group, and the forms the
 * in-word modes make by losing them (after: ater, afer, aer). */
START_TEST(test_sites_and_forward_damage)
{
    lf_site s[16];
    int n = lf_group_sites_into("offer", 5, s, 16);
    ck_assert_int_eq(n, 3); /* f at 1, ff at 1, f at 2 */
    ck_assert_int_eq(s[0].pos, 1);
    ck_assert_str_eq(lf_groups[s[0].group].letters, "ff");
    ck_assert_int_eq(s[1].pos, 1);
    ck_assert_str_eq(lf_groups[s[1].group].letters, "f");
    ck_assert_int_eq(s[2].pos, 2);
    ck_assert_int_eq(lf_group_sites_into("offer", 5, s, 2), 2); /* at most max */

    lf_site ft = {1, (uint8_t)lf_group_find("ft", 2)};
    char out[16];
    uint8_t at[2];
    size_t len = lf_damage_apply("after", 5, LF_MODE_LETTER, &ft, 1, out, at);
    ck_assert_int_eq((int)len, 4);
    ck_assert(memcmp(out, "ater", 4) == 0);
    ck_assert_int_eq(at[0], 1);
    len = lf_damage_apply("after", 5, LF_MODE_FIRST, &ft, 1, out, NULL);
    ck_assert(len == 4 && memcmp(out, "afer", 4) == 0);
    len = lf_damage_apply("after", 5, LF_MODE_VANISH, &ft, 1, out, NULL);
    ck_assert(len == 3 && memcmp(out, "aer", 3) == 0);
    /* two sites: the second's remains begin after the first's */
    lf_site two[2] = {{0, (uint8_t)lf_group_find("fi", 2)}, {2, (uint8_t)lf_group_find("tt", 2)}};
    len = lf_damage_apply("fitted", 6, LF_MODE_LETTER, two, 2, out, at);
    ck_assert(len == 4 && memcmp(out, "ited", 4) == 0);
    ck_assert_int_eq(at[0], 0);
    ck_assert_int_eq(at[1], 1);
}
END_TEST

Suite *suite_damage(void)
{
    Suite *s = suite_create("damage");
    TCase *tc = tcase_create("damage");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_modes);
    tcase_add_test(tc, test_invert_letter);
    tcase_add_test(tc, test_invert_multisite);
    tcase_add_test(tc, test_invert_first);
    tcase_add_test(tc, test_invert_vanish);
    tcase_add_test(tc, test_invert_vanish_same_gap);
    tcase_add_test(tc, test_invert_pruned_same_gap);
    tcase_add_test(tc, test_invert_capital);
    tcase_add_test(tc, test_invert_budget_and_limits);
    tcase_add_test(tc, test_invert_total_counts_the_readings);
    tcase_add_test(tc, test_pruned_start_passes_whole_test);
    tcase_add_test(tc, test_fill_space);
    tcase_add_test(tc, test_fill_placeholder);
    tcase_add_test(tc, test_fill_limits);
    tcase_add_test(tc, test_fill_pruned_equals_plain);
    tcase_add_test(tc, test_presentation_forms);
    tcase_add_test(tc, test_split_pieces);
    tcase_add_test(tc, test_piece_filter);
    tcase_add_test(tc, test_prefix_filter);
    tcase_add_test(tc, test_pruned_equals_plain);
    tcase_add_test(tc, test_sites_and_forward_damage);
    suite_add_tcase(s, tc);
    return s;
}
