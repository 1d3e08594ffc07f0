/* Screening real-word units by type (screen.h): a type is settled once
 * LF_SCREEN_UNITS of its units were scored and no more than
 * LF_SCREEN_SLIPS of them (and one in LF_SCREEN_SLIP_EVERY) gave a damaged
 * reading LF_SCREEN_POST; a settled type's later units are taken as
 * written; a type whose damage shows is scored at every occurrence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "internal.h"
#include "screen.h"

START_TEST(test_settles_after_enough_quiet_units)
{
    lf_screen s = {0};
    ck_assert_int_eq(lf_screen_begin(&s, 3), 0);
    for (int i = 0; i < LF_SCREEN_UNITS; i++) {
        ck_assert_int_eq(lf_screen_settled(&s, 1), 0);
        lf_screen_note(&s, 1, LF_SCREEN_POST * 0.99);
    }
    ck_assert_int_eq(lf_screen_settled(&s, 1), 1);
    /* the other types are their own */
    ck_assert_int_eq(lf_screen_settled(&s, 0), 0);
    ck_assert_int_eq(lf_screen_settled(&s, 2), 0);
    /* a type past the table is never settled */
    ck_assert_int_eq(lf_screen_settled(&s, 3), 0);
    lf_screen_note(&s, 7, 0.0);
    lf_screen_free(&s);
    ck_assert_ptr_null(s.seen);
}
END_TEST

/* Too many damaged readings worth a look, early or late, and the type
 * stays open. */
START_TEST(test_slips_keep_a_type_open)
{
    int late = LF_SCREEN_UNITS - (LF_SCREEN_SLIPS + 1);
    for (int at = 0; at <= late; at += late > 0 ? late : 1) {
        lf_screen s = {0};
        ck_assert_int_eq(lf_screen_begin(&s, 1), 0);
        for (int i = 0; i < LF_SCREEN_UNITS; i++)
            lf_screen_note(&s, 0, i >= at && i <= at + LF_SCREEN_SLIPS ? LF_SCREEN_POST : 0.0);
        ck_assert_int_eq(lf_screen_settled(&s, 0), 0);
        lf_screen_free(&s);
    }
    /* as many slips as allowed, and it settles */
    lf_screen s = {0};
    ck_assert_int_eq(lf_screen_begin(&s, 1), 0);
    for (int i = 0; i < LF_SCREEN_UNITS; i++)
        lf_screen_note(&s, 0, i < LF_SCREEN_SLIPS ? 1.0 : 0.0);
    ck_assert_int_eq(lf_screen_settled(&s, 0), 1);
    lf_screen_free(&s);
}
END_TEST

/* One slip too many is outweighed by enough quiet units after it; slips
 * that keep coming keep the type open. */
START_TEST(test_slips_are_weighed_by_rate)
{
    lf_screen s = {0};
    ck_assert_int_eq(lf_screen_begin(&s, 2), 0);
    for (int i = 0; i <= LF_SCREEN_SLIPS; i++)
        lf_screen_note(&s, 0, 1.0);
    int seen = LF_SCREEN_SLIPS + 1;
    for (; seen < LF_SCREEN_SLIP_EVERY; seen++) {
        ck_assert_int_eq(lf_screen_settled(&s, 0), 0);
        lf_screen_note(&s, 0, 0.0);
    }
    ck_assert_int_eq(lf_screen_settled(&s, 0), 1);
    /* slips too many for the first units, and coming as often after */
    int every = LF_SCREEN_UNITS / (LF_SCREEN_SLIPS + 2);
    for (int i = 0; i < 20 * LF_SCREEN_SLIP_EVERY; i++) {
        lf_screen_note(&s, 1, i % every == 0 ? LF_SCREEN_POST : 0.0);
        ck_assert_int_eq(lf_screen_settled(&s, 1), 0);
    }
    lf_screen_free(&s);
}
END_TEST

static char *repeat(const char *a, const char *b, int times)
{
    size_t na = strlen(a), nb = strlen(b), n = 0;
    char *t = malloc((na + nb + 2) * (size_t)times + 1);
    ck_assert_ptr_nonnull(t);
    for (int i = 0; i < times; i++) {
        memcpy(t + n, a, na);
        t[n + na] = ' ';
        memcpy(t + n + na + 1, b, nb);
        t[n + na + nb + 1] = ' ';
        n += na + nb + 2;
    }
    t[n] = 0;
    return t;
}

/* A scan of times copies of sentences a and b by a fresh checker (*c);
 * the caller frees the result, *c and *text. */
static ligfix_result *scan_repeated(const char *a, const char *b, int times, ligfix_checker **c,
                                    char **text)
{
    *text = repeat(a, b, times);
    *c = ligfix_checker_new(unit_model(), NULL);
    ck_assert_ptr_nonnull(*c);
    ligfix_error err = {0};
    ligfix_result *r = ligfix_scan(*c, *text, strlen(*text), &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

/* A document whose ft came out as t (ater): let for left is repaired at
 * every occurrence, the last one too, however often the word comes. */
START_TEST(test_damage_that_shows_is_scored_throughout)
{
    int times = 2 * LF_SCREEN_UNITS + 10;
    ligfix_checker *c;
    char *text;
    ligfix_result *r =
        scan_repeated("She turned let at the old mill ater the storm had passed.",
                      "He let the dog out and waited at the gate for the others.", times, &c, &text);
    int left = 0, wrong = 0;
    size_t last_left = 0;
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *sp = ligfix_result_span(r, i);
        if (!sp->applied || strncmp(text + sp->start, "let", 3) != 0)
            continue;
        /* "turned let", not "He let" */
        if (strcmp(sp->replacement, "left") == 0 && sp->start >= 7 &&
            strncmp(text + sp->start - 7, "turned ", 7) == 0) {
            left++;
            last_left = sp->start;
        } else {
            wrong++;
        }
    }
    ck_assert_int_eq(left, times);
    ck_assert_int_eq(wrong, 0);
    ck_assert(last_left > strlen(text) / 2);
    ligfix_result_free(r);
    ligfix_checker_free(c);
    free(text);
}
END_TEST

/* A document whose ft glyphs vanished (aer): "the" could be theft, but
 * its first units and those of the other common words say no, and their
 * later units are taken as written; the damaged words are still found. */
START_TEST(test_quiet_types_settle)
{
    int times = 2 * LF_SCREEN_UNITS + 10;
    ligfix_checker *c;
    char *text;
    ligfix_result *r = scan_repeated("The rest of the day passed quietly aer the storm.",
                                     "It was a quiet day in the old mill aer the rain.", times,
                                     &c, &text);
    ck_assert_uint_gt(c->settled_units, 0);
    size_t afters = 0;
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *sp = ligfix_result_span(r, i);
        ck_assert_msg(strncmp(text + sp->start, "aer", 3) == 0, "flagged %.*s",
                      (int)(sp->end - sp->start), text + sp->start);
        afters += sp->applied && strcmp(sp->replacement, "after") == 0;
    }
    ck_assert_uint_eq(afters, 2 * (size_t)times);
    ligfix_result_free(r);
    ligfix_checker_free(c);
    free(text);
}
END_TEST

Suite *suite_screen(void)
{
    Suite *s = suite_create("screen");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_settles_after_enough_quiet_units);
    tcase_add_test(tc, test_slips_keep_a_type_open);
    tcase_add_test(tc, test_slips_are_weighed_by_rate);
    tcase_add_test(tc, test_damage_that_shows_is_scored_throughout);
    tcase_add_test(tc, test_quiet_types_settle);
    suite_add_tcase(s, tc);
    return s;
}
