/* Stray spaces beside a word (lf_stray_before, lf_stray_after in
 * lib/units.c): a space the text's spacing does not explain. */
#include <string.h>

#include "unit.h"
#include "units.h"

START_TEST(test_stray_before)
{
    ck_assert_int_eq(lf_stray_before(" me", 1), 1);      /* at the text's start */
    ck_assert_int_eq(lf_stray_before("a  me", 3), 1);    /* after another space */
    ck_assert_int_eq(lf_stray_before("a\n me", 3), 1);   /* at a line's start */
    ck_assert_int_eq(lf_stray_before("a me", 2), 0);     /* an ordinary space */
    ck_assert_int_eq(lf_stray_before("ame", 1), 0);
    ck_assert_int_eq(lf_stray_before("me", 0), 0);
}
END_TEST

/* Every byte after "o ": a stray space before a space, a line end or
 * punctuation that follows words, and at the text's end. */
START_TEST(test_stray_after_every_next_byte)
{
    for (int b = 0; b < 256; b++) {
        char text[4] = {'o', ' ', (char)b, 0};
        int want = b != 0 && strchr(" \n\r,.;:!?)\"'", b) != NULL;
        ck_assert_msg(lf_stray_after(text, 3, 1) == want, "byte %d", b);
    }
    ck_assert_int_eq(lf_stray_after("o ", 2, 1), 1);
    ck_assert_int_eq(lf_stray_after("o", 1, 1), 0);
    ck_assert_int_eq(lf_stray_after("o,", 2, 1), 0);
}
END_TEST

Suite *suite_stray(void)
{
    Suite *s = suite_create("stray");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_stray_before);
    tcase_add_test(tc, test_stray_after_every_next_byte);
    suite_add_tcase(s, tc);
    return s;
}
