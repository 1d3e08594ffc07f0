/* Which readings of a dictionary word as a damaged one are scored
 * (lf_realword_eligible): those the document's damage supports, and only
 * those likely enough beside the word as written (REALWORD_MIN_ODDS). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "evidence.h"
#include "internal.h"
#include "units.h"

static void scan(ligfix_checker *c, const char *text)
{
    ligfix_error err = {0};
    ligfix_result *r = ligfix_scan(c, text, strlen(text), &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ligfix_result_free(r);
}

/* Rates of a document whose ft glyphs vanished every time. */
static void ft_vanishes(lf_rates *rt)
{
    lf_evidence *e = calloc(1, sizeof *e);
    ck_assert_ptr_nonnull(e);
    lf_evidence_reset(e);
    uint8_t g = (uint8_t)lf_group_find("ft", 2);
    for (int i = 0; i < 50; i++)
        lf_evidence_damaged(e, LF_MODE_VANISH, &g, 1, 1.0);
    lf_evidence_rates(e, rt);
    free(e);
}

/* "the" read as "theft", its ft vanished at the word's end. */
static lf_cand_rec theft_reading(ligfix_checker *c)
{
    lf_cand_rec r;
    memset(&r, 0, sizeof r);
    r.len = 5;
    r.mode = LF_MODE_VANISH;
    r.nsites = 1;
    r.group[0] = (uint8_t)lf_group_find("ft", 2);
    r.edge = 1;
    r.prior = lf_word_prior(c, "theft", 5, &r.ctx_id);
    ck_assert(lf_in_vocab(r.prior));
    return r;
}

/* The reading "theft" in a document whose ft glyphs vanish: its rates
 * into rt, the reading into r; returns what it makes of prior and damage. */
static double theft_in_ft_document(ligfix_checker *c, lf_rates *rt, lf_cand_rec *r)
{
    ft_vanishes(rt);
    *r = theft_reading(c);
    return r->prior + lf_site_log_rate(rt, 0, r, 0);
}

START_TEST(test_likely_is_prior_and_damage_against_the_floor)
{
    ligfix_checker *c = unit_checker();
    lf_rates rt;
    lf_cand_rec r;
    const char *pool = "theft";
    double at = theft_in_ft_document(c, &rt, &r);
    ck_assert(at < r.prior); /* the damage has its price */
    ck_assert_int_eq(lf_realword_eligible(c, &rt, 0, &r, pool, at - 1e-9), 1);
    ck_assert_int_eq(lf_realword_eligible(c, &rt, 0, &r, pool, at + 1e-9), 0);
    ck_assert_int_eq(lf_realword_eligible(c, &rt, 0, &r, pool, -INFINITY), 1);
    /* a pair the document seldom damages is no reading, however likely */
    lf_rates fresh;
    lf_evidence *e = calloc(1, sizeof *e);
    ck_assert_ptr_nonnull(e);
    lf_evidence_reset(e);
    lf_evidence_rates(e, &fresh);
    free(e);
    ck_assert(lf_site_rate(&fresh, 0, &r, 0) < REALWORD_MIN_RATE);
    ck_assert_int_eq(lf_realword_eligible(c, &fresh, 0, &r, pool, -INFINITY), 0);
    /* a code the extractor left stands for its glyph whatever the odds */
    r.mode = LF_MODE_PLACEHOLDER;
    ck_assert_int_eq(lf_realword_eligible(c, &rt, 0, &r, pool, 0.0), 1);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_likely_counts_the_documents_own_use)
{
    ligfix_checker *c = unit_checker();
    lf_rates rt;
    lf_cand_rec r;
    const char *pool = "theft";
    double above = theft_in_ft_document(c, &rt, &r) + 1.0;
    ck_assert_int_eq(lf_realword_eligible(c, &rt, 0, &r, pool, above), 0);
    /* a document about theft makes the word no rarity: a cache model's share */
    scan(c, "The theft was a theft like any theft, and the theft was reported.\n");
    ck_assert(lf_doc_share(c, "theft", 5) > 0.2);
    ck_assert_int_eq(lf_realword_eligible(c, &rt, 0, &r, pool, above), 1);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_floor_is_the_odds_below_the_word)
{
    ligfix_checker *c = unit_checker();
    scan(c, "the zzqxvw\n");
    uint32_t id;
    double the = lf_word_prior(c, "the", 3, &id);
    double floor = lf_realword_floor(c, lf_token_type_seen(c, 0));
    ck_assert_double_eq_tol(floor, the + REALWORD_MIN_ODDS, 1e-9);
    /* no floor for a word the context data lacks: nothing to weigh it by */
    ck_assert(lf_realword_floor(c, lf_token_type_seen(c, 2)) == -INFINITY);
    ligfix_checker_free(c);
}
END_TEST

Suite *suite_realword(void)
{
    Suite *s = suite_create("realword");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_likely_is_prior_and_damage_against_the_floor);
    tcase_add_test(tc, test_likely_counts_the_documents_own_use);
    tcase_add_test(tc, test_floor_is_the_odds_below_the_word);
    suite_add_tcase(s, tc);
    return s;
}
