/* The memo of two-type runs (lib/pairmemo.h) and the scan's other
 * per-checker memos (the run candidates by type pair, the per-candidate
 * channel and share): a memo never answers for another key, and what a
 * checker remembers from earlier documents never changes a scan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "pairmemo.h"

START_TEST(test_put_get_clear)
{
    lf_pairmemo m = {0};
    uint32_t off = 7, count = 9;
    ck_assert_int_eq(lf_pairmemo_get(&m, 1, 2, 1, &off, &count), 0); /* not made yet */
    lf_pairmemo_put(&m, 1, 2, 1, 3, 4);                                 /* a no-op then */
    ck_assert_int_eq(lf_pairmemo_init(&m), 0);
    ck_assert_int_eq(lf_pairmemo_get(&m, 1, 2, 1, &off, &count), 0);
    ck_assert_uint_eq(off, 7); /* untouched on a miss */
    lf_pairmemo_put(&m, 1, 2, 1, 3, 4);
    lf_pairmemo_put(&m, 2, 1, 1, 5, 0);
    ck_assert_int_eq(lf_pairmemo_get(&m, 1, 2, 1, &off, &count), 1);
    ck_assert_uint_eq(off, 3);
    ck_assert_uint_eq(count, 4);
    ck_assert_int_eq(lf_pairmemo_get(&m, 2, 1, 1, &off, &count), 1);
    ck_assert_uint_eq(off, 5);
    ck_assert_uint_eq(count, 0);
    /* another kind of question about the same pair is another key; type 0
     * is a type */
    ck_assert_int_eq(lf_pairmemo_get(&m, 1, 2, 2, &off, &count), 0);
    lf_pairmemo_put(&m, 0, 0, 3, 11, 12);
    ck_assert_int_eq(lf_pairmemo_get(&m, 0, 0, 3, &off, &count), 1);
    ck_assert_uint_eq(off, 11);
    lf_pairmemo_clear(&m);
    ck_assert_int_eq(lf_pairmemo_get(&m, 1, 2, 1, &off, &count), 0);
    ck_assert_int_eq(lf_pairmemo_get(&m, 0, 0, 3, &off, &count), 0);
    lf_pairmemo_free(&m);
    lf_pairmemo_free(&m); /* twice is fine */
    lf_pairmemo_clear(&m); /* and clearing a freed one */
}
END_TEST

/* Far more keys than slots: an answer is the key's own or none. */
START_TEST(test_collisions_replace)
{
    lf_pairmemo m;
    ck_assert_int_eq(lf_pairmemo_init(&m), 0);
    for (uint32_t i = 0; i < 100000; i++)
        lf_pairmemo_put(&m, i, i * 7 + 1, 1 + i % 3, i, i + 1);
    int kept = 0;
    for (uint32_t i = 0; i < 100000; i++) {
        uint32_t off = UINT32_MAX, count = UINT32_MAX;
        if (lf_pairmemo_get(&m, i, i * 7 + 1, 1 + i % 3, &off, &count)) {
            ck_assert_uint_eq(off, i);
            ck_assert_uint_eq(count, i + 1);
            kept++;
        }
        ck_assert_int_eq(lf_pairmemo_get(&m, i * 7 + 1, i, 1 + i % 3, &off, &count),
                         i * 7 + 1 == i); /* swapped: never (unless the same) */
    }
    ck_assert_int_gt(kept, 1000);
    lf_pairmemo_free(&m);
}
END_TEST

/* A document whose ff, fi, fl, ft and tt glyphs became spaces: word pairs
 * across a space (be er, a er) and real words read as damaged (le, later)
 * go through the memos, several times each. */
static const char *doc_a =
    "The o icials said a er the talks that the be er course was to wait. The "
    "minister, who had a di erent view, le  the room a er an hour. O en the "
    "sta  would se le such ma ers quickly, but this time the e ort failed. A "
    "er lunch the o ice was quiet; the le ers sat on the desk, and the a "
    "ernoon went by. The la er part of the day was be er: the commi ee met, "
    "the chairman spoke brie y, and the o icers agreed on the fi nal dra . "
    "Later that week the le ers were sent, and the a er-e ects were small. "
    "The sta  felt be er a er the weekend, and the o ice went back to work. "
    "Nobody could say what the mi ee would do next, but the o icials were su "
    "iciently confi dent.";

/* The same words with the glyphs vanished (aer, beer): another document's
 * rates, so every memoed price differs. */
static const char *doc_b =
    "The oicials said aer the talks that the beer course was to wait. The "
    "minister, who had a dierent view, le the room aer an hour. Oen the sta "
    "would sele such maers quickly, but this time the eort failed. Aer lunch "
    "the oice was quiet; the leers sat on the desk, and the aernoon went by. "
    "The laer part of the day was beer: the commiee met, the chairman spoke "
    "briey, and the oicers agreed on the nal dra. Later that week the leers "
    "were sent, and the aer-eects were small. The sta felt beer aer the "
    "weekend, and the oice went back to work. Nobody could say what the "
    "commiee would do next, but the oicials were suiciently condent.";

/* A checker that scanned other documents (its memos full of their types,
 * pairs and prices), once reset, scans a document exactly as a fresh
 * checker does, in either order, again and again, and after it forgets
 * its types. */
START_TEST(test_memos_never_change_a_scan)
{
    ligfix_error err;
    const char *docs[2] = {doc_a, doc_b};
    char *fresh[2];
    for (int d = 0; d < 2; d++) {
        ligfix_checker *c = unit_checker();
        fresh[d] = unit_scan_lines(c, docs[d]);
        ck_assert_msg(strlen(fresh[d]) > 0, "no repairs in document %d", d);
        ligfix_checker_free(c);
    }
    ck_assert_ptr_nonnull(strstr(fresh[0], "after"));
    ck_assert_ptr_nonnull(strstr(fresh[0], "better"));
    ligfix_checker *used = unit_checker();
    for (int round = 0; round < 3; round++) {
        for (int d = 0; d < 2; d++) {
            ligfix_checker_reset(used); /* a new document, not the next chunk */
            char *again = unit_scan_lines(used, docs[(d + round) % 2]);
            ck_assert_str_eq(again, fresh[(d + round) % 2]);
            free(again);
        }
        if (round == 1) /* new modes: the checker forgets its types */
            ck_assert_int_eq(ligfix_checker_set_modes(used, "auto", &err), 0);
    }
    ligfix_checker_free(used);
    free(fresh[0]);
    free(fresh[1]);
}
END_TEST

Suite *suite_pairmemo(void)
{
    Suite *s = suite_create("pairmemo");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_put_get_clear);
    tcase_add_test(tc, test_collisions_replace);
    tcase_add_test(tc, test_memos_never_change_a_scan);
    suite_add_tcase(s, tc);
    return s;
}
