/* The scan's tape of n-gram probabilities (lib/lmtape.c): what a cluster's
 * first scoring recorded is read back in order, and only for the n-gram it
 * records. */
#include "unit.h"
#include "lmtape.h"

static float next_or(lf_lmtape *t, uint32_t x, uint32_t y, uint32_t z, float none)
{
    float p;
    return lf_lmtape_next(t, x, y, z, &p) ? p : none;
}

START_TEST(test_record_and_read_back)
{
    lf_lmtape t = {0};
    float p;
    ck_assert_int_eq(lf_lmtape_next(&t, 1, 2, 3, &p), 0); /* nothing on it */
    lf_lmtape_put(&t, 1, 2, 3, -1.0f);                   /* not recording: dropped */
    ck_assert_uint_eq(t.n, 0);
    ck_assert_int_eq(lf_lmtape_record(&t, 3), 0);
    lf_lmtape_put(&t, 1, 2, 3, -1.0f);
    lf_lmtape_put(&t, 2, 3, 4, -2.0f);
    lf_lmtape_stop(&t);
    size_t mid = t.n;
    ck_assert_int_eq(lf_lmtape_record(&t, 5000), 0); /* grows */
    lf_lmtape_put(&t, 7, 8, 9, -3.0f);
    lf_lmtape_stop(&t);
    lf_lmtape_put(&t, 9, 9, 9, -9.0f); /* stopped: dropped */
    ck_assert_uint_eq(t.n, 3);

    /* the first cluster's part, in order */
    lf_lmtape_replay(&t, 0, mid);
    ck_assert(next_or(&t, 1, 2, 3, 0) == -1.0f);
    ck_assert(next_or(&t, 7, 8, 9, 0) == 0);      /* not the next entry */
    ck_assert(next_or(&t, 2, 3, 4, 0) == -2.0f);
    ck_assert(next_or(&t, 7, 8, 9, 0) == 0);      /* past its part */
    /* the second's; another n-gram than recorded is not read back */
    lf_lmtape_replay(&t, mid, t.n);
    ck_assert(next_or(&t, 7, 8, 1, 0) == 0);
    ck_assert(next_or(&t, 7, 8, 9, 0) == -3.0f);
    lf_lmtape_stop(&t);
    ck_assert(next_or(&t, 1, 2, 3, 0) == 0);      /* stopped */
    lf_lmtape_replay(&t, 0, 99);                   /* a range past the end is cut */
    ck_assert_uint_eq(t.end, 3);
    lf_lmtape_clear(&t);
    ck_assert_uint_eq(t.n, 0);
    ck_assert(next_or(&t, 1, 2, 3, 0) == 0);
    lf_lmtape_free(&t);
    lf_lmtape_free(&t); /* twice is fine */
}
END_TEST

Suite *suite_lmtape(void)
{
    Suite *s = suite_create("lmtape");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_record_and_read_back);
    suite_add_tcase(s, tc);
    return s;
}
