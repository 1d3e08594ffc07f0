/* Per-document evidence (lib/evidence.c): damage rates per group and mode,
 * clean occurrences, placeholder votes, forcing, groups in clean words. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "evidence.h"

static int G(const char *name)
{
    int g = lf_group_find(name, strlen(name));
    ck_assert_msg(g >= 0, "group %s missing", name);
    return g;
}

static lf_evidence *fresh(void)
{
    lf_evidence *e = calloc(1, sizeof *e);
    ck_assert_ptr_nonnull(e);
    lf_evidence_reset(e);
    return e;
}

static void vote(lf_evidence *e, int mode, const char *group, int times, double w)
{
    uint8_t g = (uint8_t)G(group);
    for (int i = 0; i < times; i++)
        lf_evidence_damaged(e, mode, &g, 1, w);
}

static void clean(lf_evidence *e, const char *group, int times)
{
    uint8_t g = (uint8_t)G(group);
    for (int i = 0; i < times; i++)
        lf_evidence_clean(e, &g, 1);
}

#define RATE(e, g, m) lf_evidence_rate((e), G(g), (m))

START_TEST(test_fresh)
{
    lf_evidence *e = fresh();
    for (int g = 0; g < lf_group_count; g++)
        for (int m = 0; m < LF_MODE_COUNT; m++) {
            double r = lf_evidence_rate(e, g, m);
            ck_assert_msg(r < 0.01, "fresh rate %s/%s = %g", lf_groups[g].letters,
                          lf_mode_name(m), r);
            ck_assert_msg(r > 0.0, "fresh rate %s/%s is zero: nothing could ever be repaired",
                          lf_groups[g].letters, lf_mode_name(m));
        }
    for (int m = 0; m < LF_MODE_COUNT; m++)
        ck_assert_msg(!lf_evidence_mode_active(e, m), "mode %s active in a fresh document",
                      lf_mode_name(m));
    /* clean words alone never raise a rate */
    clean(e, "ft", 100);
    clean(e, "tt", 100);
    for (int m = 0; m < LF_MODE_COUNT; m++)
        ck_assert_double_lt(RATE(e, "ft", m), 0.01);
    free(e);
}
END_TEST

START_TEST(test_damaged_votes)
{
    lf_evidence *e = fresh();
    vote(e, LF_MODE_LETTER, "ft", 30, 1.0);
    double ft_letter = RATE(e, "ft", LF_MODE_LETTER);
    ck_assert_double_gt(ft_letter, 0.5);
    ck_assert_double_le(ft_letter, 1.0);
    /* the other modes of the group stay low */
    ck_assert_double_lt(RATE(e, "ft", LF_MODE_VANISH), 0.01);
    ck_assert_double_lt(RATE(e, "ft", LF_MODE_FIRST), 0.01);
    ck_assert_double_lt(RATE(e, "ft", LF_MODE_SPACE), 0.01);
    /* the mode carries over, less strongly, to groups without evidence */
    double tt_letter = RATE(e, "tt", LF_MODE_LETTER);
    ck_assert_double_lt(tt_letter, ft_letter);
    ck_assert_double_gt(tt_letter, RATE(e, "tt", LF_MODE_VANISH));
    ck_assert_double_lt(RATE(e, "tt", LF_MODE_VANISH), 0.01);
    /* the mode is now worth checking real words for; others are not */
    ck_assert(lf_evidence_mode_active(e, LF_MODE_LETTER));
    ck_assert(!lf_evidence_mode_active(e, LF_MODE_VANISH));
    ck_assert(!lf_evidence_mode_active(e, LF_MODE_SPACE));
    /* more votes: higher */
    vote(e, LF_MODE_LETTER, "ft", 30, 1.0);
    ck_assert_double_gt(RATE(e, "ft", LF_MODE_LETTER), ft_letter);
    /* weights count: one vote of weight 0.01 is next to nothing */
    lf_evidence *w = fresh();
    vote(w, LF_MODE_VANISH, "fi", 1, 0.01);
    ck_assert_double_lt(RATE(w, "fi", LF_MODE_VANISH), 0.05);
    vote(w, LF_MODE_VANISH, "fi", 1, 20.0);
    ck_assert_double_gt(RATE(w, "fi", LF_MODE_VANISH), 0.5);
    free(w);
    /* several sites in one reading: each counts */
    lf_evidence *s = fresh();
    uint8_t two[2] = {(uint8_t)G("tt"), (uint8_t)G("fi")};
    for (int i = 0; i < 20; i++)
        lf_evidence_damaged(s, LF_MODE_FIRST, two, 2, 1.0);
    ck_assert_double_gt(RATE(s, "tt", LF_MODE_FIRST), 0.5);
    ck_assert_double_gt(RATE(s, "fi", LF_MODE_FIRST), 0.5);
    ck_assert_double_lt(RATE(s, "tt", LF_MODE_LETTER), 0.01);
    free(s);
    /* reset forgets */
    lf_evidence_reset(e);
    ck_assert_double_lt(RATE(e, "ft", LF_MODE_LETTER), 0.01);
    ck_assert(!lf_evidence_mode_active(e, LF_MODE_LETTER));
    free(e);
}
END_TEST

START_TEST(test_clean_pulls_down)
{
    lf_evidence *e = fresh();
    vote(e, LF_MODE_LETTER, "ft", 5, 1.0);
    vote(e, LF_MODE_LETTER, "tt", 5, 1.0);
    double before = RATE(e, "ft", LF_MODE_LETTER);
    double tt_before = RATE(e, "tt", LF_MODE_LETTER);
    ck_assert_double_gt(before, 0.3);
    /* the document shows "after" intact many times: ft survives here */
    clean(e, "ft", 100);
    double after = RATE(e, "ft", LF_MODE_LETTER);
    ck_assert_double_lt(after, before / 2);
    ck_assert_double_lt(after, 0.15);
    /* the group shown clean is the one pulled down (others may follow the
     * document's overall rate, but less) */
    double tt_after = RATE(e, "tt", LF_MODE_LETTER);
    ck_assert_double_le(tt_after, tt_before + 1e-12);
    ck_assert_double_gt(tt_after, 2 * after);
    /* more clean, lower still */
    clean(e, "ft", 1000);
    ck_assert_double_lt(RATE(e, "ft", LF_MODE_LETTER), after);
    /* several groups in one call */
    lf_evidence *f = fresh();
    vote(f, LF_MODE_LETTER, "fi", 5, 1.0);
    double fi_before = RATE(f, "fi", LF_MODE_LETTER);
    uint8_t gs[2] = {(uint8_t)G("ffi"), (uint8_t)G("fi")};
    for (int i = 0; i < 50; i++)
        lf_evidence_clean(f, gs, 2);
    ck_assert_double_lt(RATE(f, "fi", LF_MODE_LETTER), fi_before / 2);
    free(f);
    free(e);
}
END_TEST

START_TEST(test_placeholder)
{
    lf_evidence *e = fresh();
    const char *key = "\xee\x80\x86"; /* U+E006 */
    const char *other = "\xef\xbf\xbd"; /* U+FFFD */
    double uniform = 1.0 / lf_group_count;
    /* before any vote: every group equally likely */
    for (int g = 0; g < lf_group_count; g++)
        ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, key, 3, g), uniform, 1e-9);
    for (int i = 0; i < 5; i++)
        lf_evidence_placeholder(e, key, 3, G("tt"), 1.0);
    double p_tt = lf_evidence_placeholder_prob(e, key, 3, G("tt"));
    ck_assert_double_gt(p_tt, 0.8);
    double sum = 0;
    for (int g = 0; g < lf_group_count; g++) {
        double p = lf_evidence_placeholder_prob(e, key, 3, g);
        ck_assert_double_gt(p, 0.0);
        if (g != G("tt"))
            ck_assert_double_lt(p, 0.05);
        sum += p;
    }
    ck_assert_double_eq_tol(sum, 1.0, 1e-9);
    /* other keys are untouched */
    for (int g = 0; g < lf_group_count; g++)
        ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, other, 3, g), uniform, 1e-9);
    /* a key is its bytes: a prefix is another key */
    ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, key, 2, G("tt")), uniform, 1e-9);
    /* a shared placeholder: votes spread over groups stay spread */
    lf_evidence_placeholder(e, other, 3, G("ft"), 1.0);
    lf_evidence_placeholder(e, other, 3, G("fi"), 1.0);
    lf_evidence_placeholder(e, other, 3, G("tt"), 1.0);
    double pft = lf_evidence_placeholder_prob(e, other, 3, G("ft"));
    ck_assert_double_lt(pft, 0.5);
    ck_assert_double_eq_tol(pft, lf_evidence_placeholder_prob(e, other, 3, G("fi")), 1e-12);
    /* and the first key keeps its sharp vote */
    ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, key, 3, G("tt")), p_tt, 1e-12);
    /* placeholder votes are not damage rates */
    ck_assert_double_lt(RATE(e, "tt", LF_MODE_PLACEHOLDER), 0.01);
    /* reset forgets */
    lf_evidence_reset(e);
    ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, key, 3, G("tt")), uniform, 1e-9);
    free(e);
}
END_TEST

/* Regression test: a private-use code is one glyph's. Its minority votes
 * (readings the language model pulled to another group: "di<U+E03D>" ->
 * dick where the code is ct elsewhere) kept 7% for ck, and such readings
 * won. A dominated private-use code keeps 1% of the rest; U+FFFD and the
 * controls (glyph numbers each font subset counts anew) stay as voted. */
START_TEST(test_placeholder_one_glyph)
{
    lf_evidence *e = fresh();
    const char *keys[] = {"\xee\x80\xbd", "\xef\xbf\xbd", "\x01"};
    const size_t lens[] = {3, 3, 1};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 14; i++)
            lf_evidence_placeholder(e, keys[k], lens[k], G("ct"), 1.0);
        lf_evidence_placeholder(e, keys[k], lens[k], G("ck"), 1.0);
    }
    double sum = 0;
    for (int g = 0; g < lf_group_count; g++)
        sum += lf_evidence_placeholder_prob(e, keys[0], 3, g);
    ck_assert_double_eq_tol(sum, 1.0, 1e-9);
    ck_assert_double_lt(lf_evidence_placeholder_prob(e, keys[0], 3, G("ck")), 0.001);
    ck_assert_double_gt(lf_evidence_placeholder_prob(e, keys[0], 3, G("ct")), 0.99);
    for (int k = 1; k < 3; k++)
        ck_assert_double_gt(lf_evidence_placeholder_prob(e, keys[k], lens[k], G("ck")), 0.05);
    /* no single glyph before most votes agree */
    for (int i = 0; i < 10; i++)
        lf_evidence_placeholder(e, keys[0], 3, G("ck"), 1.0);
    ck_assert_double_gt(lf_evidence_placeholder_prob(e, keys[0], 3, G("ck")), 0.3);
    free(e);
}
END_TEST

/* Regression test: with no pseudo-votes (the votes by place), a group
 * without a vote got probability 0 beside a dominant one, so a reading
 * through it scored log10(0) = -inf. */
START_TEST(test_one_glyph_never_zero)
{
    double votes[LF_GROUPS_MAX] = {0};
    votes[G("ck")] = 12;
    double p = lf_one_glyph_top(votes, 12, 0, 0, G("tt"));
    ck_assert_double_gt(p, 0.0);
    ck_assert_double_lt(p, 1e-4);
    ck_assert_double_gt(lf_one_glyph_top(votes, 12, 0, 0, G("ck")), 0.99);
}
END_TEST

START_TEST(test_placeholder_limits)
{
    lf_evidence *e = fresh();
    double uniform = 1.0 / lf_group_count;
    /* too long a key is ignored */
    char longkey[LF_PLACEHOLDER_KEY_MAX + 1];
    memset(longkey, 'x', sizeof longkey);
    lf_evidence_placeholder(e, longkey, sizeof longkey, G("ft"), 10.0);
    ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, longkey, sizeof longkey, G("ft")),
                            uniform, 1e-9);
    /* the longest allowed key works */
    lf_evidence_placeholder(e, longkey, LF_PLACEHOLDER_KEY_MAX, G("ft"), 10.0);
    ck_assert_double_gt(lf_evidence_placeholder_prob(e, longkey, LF_PLACEHOLDER_KEY_MAX, G("ft")),
                        0.8);
    /* past LF_PLACEHOLDER_KEYS distinct keys, new ones are dropped, old kept */
    lf_evidence_reset(e);
    char k[2];
    for (int i = 0; i < LF_PLACEHOLDER_KEYS + 10; i++) {
        k[0] = (char)(1 + i / 200);
        k[1] = (char)(1 + i % 200);
        lf_evidence_placeholder(e, k, 2, G("fl"), 5.0);
    }
    ck_assert_int_eq(e->nph, LF_PLACEHOLDER_KEYS);
    k[0] = 1, k[1] = 1;
    ck_assert_double_gt(lf_evidence_placeholder_prob(e, k, 2, G("fl")), 0.8);
    k[0] = 1, k[1] = (char)(1 + LF_PLACEHOLDER_KEYS + 5);
    ck_assert_double_eq_tol(lf_evidence_placeholder_prob(e, k, 2, G("fl")), uniform, 1e-9);
    free(e);
}
END_TEST

START_TEST(test_forced)
{
    lf_evidence *e = fresh();
    e->forced = 1;
    e->forced_groups = (1u << G("tt")) | (1u << G("ft"));
    e->forced_modes = 1u << LF_MODE_LETTER;
    ck_assert_double_gt(RATE(e, "tt", LF_MODE_LETTER), 0.5);
    ck_assert_double_gt(RATE(e, "ft", LF_MODE_LETTER), 0.5);
    ck_assert_double_lt(RATE(e, "fi", LF_MODE_LETTER), 0.01);
    ck_assert_double_lt(RATE(e, "ft", LF_MODE_VANISH), 0.01);
    ck_assert(lf_evidence_mode_active(e, LF_MODE_LETTER));
    ck_assert(!lf_evidence_mode_active(e, LF_MODE_VANISH));
    /* evidence does not undo forcing */
    clean(e, "ft", 1000);
    vote(e, LF_MODE_VANISH, "fi", 100, 1.0);
    ck_assert_double_gt(RATE(e, "ft", LF_MODE_LETTER), 0.5);
    ck_assert_double_lt(RATE(e, "fi", LF_MODE_VANISH), 0.01);
    ck_assert(!lf_evidence_mode_active(e, LF_MODE_VANISH));
    /* reset keeps the forcing (it is the caller's, not the document's) */
    lf_evidence_reset(e);
    ck_assert_int_eq(e->forced, 1);
    ck_assert_double_gt(RATE(e, "tt", LF_MODE_LETTER), 0.5);
    ck_assert_double_lt(RATE(e, "fi", LF_MODE_LETTER), 0.01);
    free(e);
}
END_TEST

/* The one call of lf_groups_in_word (its signature gained `capital`). */
static int groups_in(const char *w, size_t n, int capital, uint8_t *out, int max)
{
    return lf_groups_in_word(w, n, capital, out, max);
}

static int groups_of(const char *w, uint8_t *out, int max)
{
    return groups_in(w, strlen(w), 0, out, max);
}

static void expect_groups(const char *w, const char *const *want, int nwant)
{
    uint8_t out[16];
    memset(out, 0xEE, sizeof out);
    int n = groups_of(w, out, 16);
    ck_assert_msg(n == nwant, "%s: %d groups, want %d", w, n, nwant);
    for (int i = 0; i < n; i++)
        ck_assert_msg(out[i] == G(want[i]), "%s: group %d is %s, want %s", w, i,
                      lf_groups[out[i]].letters, want[i]);
}

START_TEST(test_groups_in_word)
{
    const char *office[] = {"ffi"};
    expect_groups("office", office, 1); /* once, longest match: not ff + fi */
    const char *after[] = {"ft"};
    expect_groups("after", after, 1);
    const char *battlefield[] = {"tt", "fi"};
    expect_groups("battlefield", battlefield, 2);
    const char *first[] = {"fi", "st"};
    expect_groups("first", first, 2);
    const char *afflict[] = {"ffl", "ct"};
    expect_groups("afflict", afflict, 2);
    const char *attitude[] = {"tti"};
    expect_groups("attitude", attitude, 1);
    expect_groups("", NULL, 0);
    expect_groups("abode", NULL, 0);
    /* th is a capital-only damage site: it survives only at the start of a
     * capitalised word ("The"), never inside one or in lower case */
    uint8_t out[8];
    int n = groups_of("the", out, 8);
    for (int i = 0; i < n; i++)
        ck_assert_int_ne(out[i], G("th"));
    n = groups_in("the", 3, 1, out, 8);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(out[0], G("th"));
    n = groups_in("other", 5, 1, out, 8);
    for (int i = 0; i < n; i++)
        ck_assert_int_ne(out[i], G("th"));
    n = groups_in("theft", 5, 1, out, 8);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(out[0], G("th"));
    ck_assert_int_eq(out[1], G("ft"));
    /* max is honoured */
    ck_assert_int_eq(groups_of("battlefield", out, 1), 1);
    ck_assert_int_eq(out[0], G("tt"));
    ck_assert_int_eq(groups_of("battlefield", out, 0), 0);
    /* the length is honoured */
    ck_assert_int_eq(groups_in("afterwards", 1, 0, out, 8), 0);
    ck_assert_int_eq(groups_in("afterwards", 2, 0, out, 8), 1);
    ck_assert_int_eq(out[0], G("f")); /* "af": the one-letter group */
    ck_assert_int_eq(groups_in("afterwards", 3, 0, out, 8), 1);
    ck_assert_int_eq(out[0], G("ft"));
}
END_TEST

/* A glyph that becomes a space inside words vanishes at a word's edge. */
START_TEST(test_space_vanishes_at_edges)
{
    lf_evidence *e = fresh();
    vote(e, LF_MODE_SPACE, "ti", 30, 1.0);
    clean(e, "ti", 2);
    int ti = G("ti"), ft = G("ft");
    double space = lf_evidence_rate(e, ti, LF_MODE_SPACE);
    ck_assert_double_gt(space, 0.5);
    /* no edge damage seen yet: nothing said of edges */
    ck_assert_double_lt(lf_evidence_rate_at(e, ti, LF_MODE_VANISH, 1), 0.01);
    /* edge damage that shows as stray spaces: edges keep their spaces */
    lf_evidence_edge(e, 1, 20.0);
    lf_evidence_edge(e, 0, 2.0);
    ck_assert_double_lt(lf_evidence_rate_at(e, ti, LF_MODE_VANISH, 1), 0.01);
    /* edge damage that shows as vanished glyphs: spaces merged there */
    lf_evidence_edge(e, 0, 200.0);
    ck_assert_double_lt(lf_evidence_rate_at(e, ti, LF_MODE_VANISH, 0), 0.01);
    double edge = lf_evidence_rate_at(e, ti, LF_MODE_VANISH, 1);
    ck_assert_double_gt(edge, 0.6 * space);
    ck_assert_double_le(edge, space);
    /* the other way round: ft seen only vanished (at edges) is a space
     * inside words */
    ck_assert_double_lt(lf_evidence_rate_at(e, ft, LF_MODE_SPACE, 0), 0.01);
    vote(e, LF_MODE_VANISH, "ft", 10, 1.0);
    lf_evidence_edge(e, 0, 10.0);
    ck_assert_double_gt(lf_evidence_rate_at(e, ft, LF_MODE_SPACE, 0), 0.2);
    free(e);

    /* a document that drops glyphs inside words as well: no such thing */
    e = fresh();
    vote(e, LF_MODE_VANISH, "ft", 300, 1.0);
    vote(e, LF_MODE_SPACE, "ti", 3, 1.0);
    lf_evidence_edge(e, 0, 100.0);
    ck_assert_double_lt(lf_evidence_rate_at(e, ft, LF_MODE_SPACE, 0), 0.05);
    /* other modes are as they were */
    ck_assert_double_eq(lf_evidence_rate_at(e, ti, LF_MODE_LETTER, 1),
                        lf_evidence_rate(e, ti, LF_MODE_LETTER));
    ck_assert_double_eq(lf_evidence_rate_at(e, ft, LF_MODE_VANISH, 1),
                        lf_evidence_rate(e, ft, LF_MODE_VANISH));
    free(e);
}
END_TEST

Suite *suite_evidence(void)
{
    Suite *s = suite_create("evidence");
    TCase *tc = tcase_create("evidence");
    tcase_add_test(tc, test_fresh);
    tcase_add_test(tc, test_damaged_votes);
    tcase_add_test(tc, test_clean_pulls_down);
    tcase_add_test(tc, test_placeholder);
    tcase_add_test(tc, test_placeholder_one_glyph);
    tcase_add_test(tc, test_one_glyph_never_zero);
    tcase_add_test(tc, test_placeholder_limits);
    tcase_add_test(tc, test_forced);
    tcase_add_test(tc, test_groups_in_word);
    tcase_add_test(tc, test_space_vanishes_at_edges);
    suite_add_tcase(s, tc);
    return s;
}
