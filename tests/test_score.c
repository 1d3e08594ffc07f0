/* Scoring: posteriors from log10 scores, and the calibration map. */
#include <math.h>

#include "unit.h"
#include "score.h"

START_TEST(test_softmax_sums_to_one)
{
    double s[4] = {-3.0, -4.0, -3.0, -30.0};
    lf_softmax10(s, 4);
    ck_assert_double_eq_tol(s[0] + s[1] + s[2] + s[3], 1.0, 1e-12);
    ck_assert_double_eq_tol(s[0], s[2], 1e-12);
    ck_assert_double_eq_tol(s[0] / s[1], 10.0, 1e-9); /* log10 scores */
    ck_assert(s[3] < 1e-20);
}
END_TEST

START_TEST(test_softmax_large_scores_stay_finite)
{
    double s[2] = {-1000.0, -1001.0};
    lf_softmax10(s, 2);
    ck_assert(isfinite(s[0]) && isfinite(s[1]));
    ck_assert_double_eq_tol(s[0], 10.0 / 11.0, 1e-9);
}
END_TEST

/* at_most is a bound: where it says so, the softmax really is that small. */
START_TEST(test_softmax_at_most_bounds_the_softmax)
{
    double s[5] = {-3.0, -6.2, -5.4, -3.0, -40.0}, p[5];
    for (int i = 0; i < 5; i++)
        p[i] = s[i];
    lf_softmax10(p, 5);
    for (int i = 0; i < 5; i++)
        if (lf_softmax10_at_most(s, 5, i, -2.5))
            ck_assert_msg(p[i] <= pow(10.0, -2.5), "reading %d: %g", i, p[i]);
    ck_assert(lf_softmax10_at_most(s, 5, 1, -2.5));
    ck_assert(lf_softmax10_at_most(s, 5, 4, -2.5));
    ck_assert(!lf_softmax10_at_most(s, 5, 2, -2.5)); /* 2.4 behind */
    ck_assert(!lf_softmax10_at_most(s, 5, 0, -2.5));
    s[2] = NAN;
    ck_assert(!lf_softmax10_at_most(s, 5, 1, -2.5));
}
END_TEST

/* A posterior of 10^-2.5 or less is never reported (repair.c skips those
 * spans without working out the posterior; EMIT_MIN is 0.20). */
START_TEST(test_calibration_low_posteriors_stay_below_emit)
{
    for (int kind = 0; kind < LF_CAL_KINDS; kind++)
        ck_assert(lf_calibrate(pow(10.0, -2.5) * 1.001, kind) < 0.20);
    ck_assert(pow(10.0, -2.5) * 1.001 < 0.20); /* code points report the posterior itself */
}
END_TEST

/* The fitted map must be a probability and never decrease with the posterior. */
START_TEST(test_calibration_monotone_and_bounded)
{
    for (int kind = 0; kind < LF_CAL_KINDS; kind++) {
        double prev = -1;
        for (int i = 0; i <= 1000; i++) {
            double p = i / 1000.0;
            double q = lf_calibrate(p, kind);
            ck_assert_msg(q >= 0.0 && q <= 1.0, "kind %d p %g -> %g", kind, p, q);
            ck_assert_msg(q >= prev - 1e-12, "kind %d not monotone at p %g", kind, p);
            prev = q;
        }
        ck_assert(lf_calibrate(0.999999, kind) > lf_calibrate(0.01, kind));
    }
    /* an unknown kind falls back to the non-word map */
    ck_assert_double_eq(lf_calibrate(0.7, 99), lf_calibrate(0.7, LF_CAL_NONWORD));
}
END_TEST

Suite *suite_score(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("score");
    tcase_add_test(tc, test_softmax_sums_to_one);
    tcase_add_test(tc, test_softmax_large_scores_stay_finite);
    tcase_add_test(tc, test_calibration_monotone_and_bounded);
    tcase_add_test(tc, test_softmax_at_most_bounds_the_softmax);
    tcase_add_test(tc, test_calibration_low_posteriors_stay_below_emit);
    suite_add_tcase(s, tc);
    return s;
}
