/* Placeholder votes by place (lib/localvotes.c): what a control code stands
 * for is read from its votes within a window, key by key. */
#include <string.h>

#include "localvotes.h"
#include "unit.h"

#define G(s) lf_group_find(s, strlen(s))

START_TEST(test_keys)
{
    ck_assert(lf_localvotes_key("\x01", 1));
    ck_assert(lf_localvotes_key("\x1f", 1));
    ck_assert(!lf_localvotes_key("\t", 1));
    ck_assert(!lf_localvotes_key("\n", 1));
    ck_assert(!lf_localvotes_key("\r", 1));
    ck_assert(!lf_localvotes_key("\f", 1));
    ck_assert(!lf_localvotes_key("\x01\x02", 2)); /* a pair is no one code */
    ck_assert(!lf_localvotes_key("\xef\xbf\xbd", 3));
    ck_assert(!lf_localvotes_key("a", 1));
}
END_TEST

START_TEST(test_near)
{
    lf_localvotes lv;
    lf_localvotes_init(&lv);
    double v[32];
    ck_assert(lf_localvotes_near(&lv, 1, 100, 50, v) == 0); /* unsealed: nothing */
    /* \x01 is ch up to offset 1000, st after it; \x02 is tt throughout */
    for (uint32_t off = 0; off < 2000; off += 100) {
        ck_assert_int_eq(lf_localvotes_add(&lv, off, 1, off < 1000 ? G("ch") : G("st"), 1.0), 0);
        ck_assert_int_eq(lf_localvotes_add(&lv, off + 50, 2, G("tt"), 0.5), 0);
    }
    ck_assert_int_eq(lf_localvotes_seal(&lv), 0);
    double t = lf_localvotes_near(&lv, 1, 300, 250, v); /* offsets 100 .. 500 */
    ck_assert_double_eq_tol(t, 5.0, 1e-9);
    ck_assert_double_eq_tol(v[G("ch")], 5.0, 1e-9);
    ck_assert_double_eq_tol(v[G("st")], 0.0, 1e-9);
    t = lf_localvotes_near(&lv, 1, 1000, 150, v); /* 900 (ch), 1000 .. 1100 (st) */
    ck_assert_double_eq_tol(v[G("ch")], 1.0, 1e-9);
    ck_assert_double_eq_tol(v[G("st")], 2.0, 1e-9);
    ck_assert_double_eq_tol(t, 3.0, 1e-9);
    t = lf_localvotes_near(&lv, 2, 0, 10, v); /* the window's edge is in it: 50 is out */
    ck_assert_double_eq_tol(t, 0.0, 1e-9);
    t = lf_localvotes_near(&lv, 2, 40, 10, v);
    ck_assert_double_eq_tol(v[G("tt")], 0.5, 1e-9);
    ck_assert_double_eq_tol(t, 0.5, 1e-9);
    t = lf_localvotes_near(&lv, 3, 500, 5000, v); /* a key without votes */
    ck_assert(t == 0);
    t = lf_localvotes_near(&lv, 1, UINT32_MAX - 5, 100, v); /* no overflow past the end */
    ck_assert(t == 0);
    /* a vote added unseals until sealed again */
    ck_assert_int_eq(lf_localvotes_add(&lv, 300, 1, G("st"), 1.0), 0);
    ck_assert(lf_localvotes_near(&lv, 1, 300, 250, v) == 0);
    ck_assert_int_eq(lf_localvotes_seal(&lv), 0);
    ck_assert_double_eq_tol(lf_localvotes_near(&lv, 1, 300, 250, v), 6.0, 1e-9);
    lf_localvotes_clear(&lv);
    ck_assert_int_eq(lf_localvotes_seal(&lv), 0);
    ck_assert(lf_localvotes_near(&lv, 1, 300, 250, v) == 0);
    lf_localvotes_free(&lv);
    lf_localvotes_free(&lv); /* twice is fine */
}
END_TEST

Suite *suite_localvotes(void)
{
    Suite *s = suite_create("localvotes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_keys);
    tcase_add_test(tc, test_near);
    suite_add_tcase(s, tc);
    return s;
}
