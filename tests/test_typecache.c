/* The table of recent short tokens' types (lib/typecache.c) and the
 * checker's use of it: it never answers with another key's type, and a
 * checker that forgets its types forgets these too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "typecache.h"

#define GET(tc, k) lf_typecache_get((tc), (k), strlen(k))
#define PUT(tc, k, v) lf_typecache_put((tc), (k), strlen(k), (v))

START_TEST(test_put_get_clear)
{
    lf_typecache tc = {0};
    ck_assert_uint_eq(GET(&tc, "the"), UINT32_MAX); /* not made yet */
    PUT(&tc, "the", 3);
    ck_assert_uint_eq(GET(&tc, "the"), UINT32_MAX);
    ck_assert_int_eq(lf_typecache_init(&tc), 0);
    ck_assert_uint_eq(GET(&tc, "the"), UINT32_MAX);
    PUT(&tc, "the", 3);
    PUT(&tc, "after", 5);
    ck_assert_uint_eq(GET(&tc, "the"), 3);
    ck_assert_uint_eq(GET(&tc, "after"), 5);
    /* a prefix, a zero byte more, other case: other keys */
    ck_assert_uint_eq(GET(&tc, "th"), UINT32_MAX);
    ck_assert_uint_eq(lf_typecache_get(&tc, "the\0", 4), UINT32_MAX);
    ck_assert_uint_eq(GET(&tc, "The"), UINT32_MAX);
    /* keys of up to sixteen bytes are kept, told apart by every byte */
    PUT(&tc, "afterwards", 9);
    PUT(&tc, "extraordinarily", 10);    /* 15 bytes */
    PUT(&tc, "uncharacteristic", 11);   /* 16 */
    PUT(&tc, "notwithstandingly", 12);  /* 17: not kept */
    ck_assert_uint_eq(GET(&tc, "afterwards"), 9);
    ck_assert_uint_eq(GET(&tc, "extraordinarily"), 10);
    ck_assert_uint_eq(GET(&tc, "uncharacteristic"), 11);
    ck_assert_uint_eq(GET(&tc, "notwithstandingly"), UINT32_MAX);
    ck_assert_uint_eq(GET(&tc, "extraordinarilY"), UINT32_MAX);
    ck_assert_uint_eq(GET(&tc, "extraordinari"), UINT32_MAX);
    ck_assert_uint_eq(lf_typecache_get(&tc, "afterwards\0", 11), UINT32_MAX);
    ck_assert_uint_eq(lf_typecache_get(&tc, "", 0), UINT32_MAX);
    lf_typecache_clear(&tc);
    ck_assert_uint_eq(GET(&tc, "the"), UINT32_MAX);
    lf_typecache_free(&tc);
    lf_typecache_free(&tc); /* twice is fine */
    lf_typecache_clear(&tc); /* and clearing a freed one */
}
END_TEST

/* Far more keys than slots, short and long: an answer is the key's own
 * type or none. */
START_TEST(test_collisions_replace)
{
    lf_typecache tc;
    ck_assert_int_eq(lf_typecache_init(&tc), 0);
    char k[32];
    for (uint32_t i = 0; i < 50000; i++) {
        int n = snprintf(k, sizeof k, i % 2 ? "w%x" : "longer-word-%x", i);
        lf_typecache_put(&tc, k, (size_t)n, i);
    }
    int kept = 0;
    for (uint32_t i = 0; i < 50000; i++) {
        int n = snprintf(k, sizeof k, i % 2 ? "w%x" : "longer-word-%x", i);
        uint32_t v = lf_typecache_get(&tc, k, (size_t)n);
        ck_assert(v == i || v == UINT32_MAX);
        kept += v == i;
    }
    ck_assert_int_gt(kept, 1000);
    lf_typecache_free(&tc);
}
END_TEST

/* New modes make the checker forget its types (their candidates depend on
 * the modes): the short tokens' types must go with them, or a token would
 * get another word's record. */
START_TEST(test_forgotten_types_are_not_kept)
{
    const char *warm = "zebra quagga okapi ater the aer mater be er sill in a ofice.";
    const char *text = "Lavrov said ater talks that the atempts had failed; the be er "
                       "course, the oicials said, was to a end the dierent meetings.";
    ligfix_error err;
    ligfix_checker *fresh = unit_checker(), *used = unit_checker();
    ck_assert_int_eq(ligfix_checker_set_modes(fresh, "letter,vanish,space", &err), 0);
    char *a = unit_scan_lines(fresh, text);
    free(unit_scan_lines(used, warm));
    ck_assert_int_eq(ligfix_checker_set_modes(used, "letter,vanish,space", &err), 0);
    char *b = unit_scan_lines(used, text);
    ck_assert_str_eq(b, a);
    ck_assert_ptr_nonnull(strstr(a, "after"));
    free(a);
    free(b);
    ligfix_checker_free(fresh);
    ligfix_checker_free(used);
}
END_TEST

Suite *suite_typecache(void)
{
    Suite *s = suite_create("typecache");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_put_get_clear);
    tcase_add_test(tc, test_collisions_replace);
    tcase_add_test(tc, test_forgotten_types_are_not_kept);
    suite_add_tcase(s, tc);
    return s;
}
