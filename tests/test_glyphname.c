/* Leaked glyph names: the scanner alone, and repairs through the API. */
#include <string.h>

#include "unit.h"
#include "glyphname.h"

typedef struct {
    int n;
    size_t start[8], end[8];
    char word[8][64];
    int group[8];
} found;

static int collect(void *ud, size_t start, size_t end, const char *word, size_t n, int group)
{
    found *f = ud;
    if (f->n < 8 && n < 64) {
        f->start[f->n] = start;
        f->end[f->n] = end;
        memcpy(f->word[f->n], word, n);
        f->word[f->n][n] = '\0';
        f->group[f->n] = group;
        f->n++;
    }
    return 0;
}

static found scan(const char *text)
{
    found f = {0};
    ck_assert_int_eq(lf_glyphname_scan(text, strlen(text), collect, &f), 0);
    return f;
}

static found scan_swapped(const char *text)
{
    found f = {0};
    ck_assert_int_eq(lf_swapped_scan(text, strlen(text), collect, &f), 0);
    return f;
}

START_TEST(test_names_spelled_out)
{
    found f = scan("He said A/f_ter all, T_he o/f_f_ice.");
    ck_assert_int_eq(f.n, 3);
    ck_assert_str_eq(f.word[0], "After");
    ck_assert_uint_eq(f.start[0], 8);
    ck_assert_uint_eq(f.end[0], 15);
    ck_assert_int_eq(f.group[0], lf_group_find("ft", 2));
    ck_assert_str_eq(f.word[1], "The");
    ck_assert_int_eq(f.group[1], lf_group_find("th", 2));
    ck_assert_str_eq(f.word[2], "office");
}
END_TEST

START_TEST(test_several_names_and_forms_in_a_word)
{
    found f = scan("a/t_tra/c_ting \xef\xac\x86ri/c_t");
    ck_assert_int_eq(f.n, 2);
    ck_assert_str_eq(f.word[0], "attracting");
    ck_assert_str_eq(f.word[1], "strict"); /* U+FB06 spelled out too */
}
END_TEST

START_TEST(test_identifiers_left_alone)
{
    /* not a group, a name alone, upper-case letters of a lower-case group */
    found f = scan("my_var f_t /f_t snake_case F_T x_");
    ck_assert_int_eq(f.n, 0);
}
END_TEST

/* A ToUnicode entry read with its bytes swapped turns each letter of a
 * ligature into U+XX00 (XX the letter): "\u7300\u7400" is "st". */
START_TEST(test_swapped_letters_spelled_out)
{
    found f = scan_swapped("the shu\u7400\u6900l module, \u7300\u7400din, Uzbeki\u7300\u7400an\u2019s "
                           "\u7400\u6900meit's list.");
    ck_assert_int_eq(f.n, 4);
    ck_assert_str_eq(f.word[0], "shutil");
    ck_assert_uint_eq(f.start[0], 4);
    ck_assert_uint_eq(f.end[0], 4 + 3 + 6 + 1);
    ck_assert_int_eq(f.group[0], lf_group_find("ti", 2));
    ck_assert_str_eq(f.word[1], "stdin");
    ck_assert_str_eq(f.word[2], "Uzbekistan\u2019s");
    ck_assert_str_eq(f.word[3], "timeit's");
    ck_assert_int_eq(f.group[3], lf_group_find("ti", 2));
}
END_TEST

START_TEST(test_swapped_needs_a_group_inside_a_word)
{
    /* ideographs alone, ones that spell no group, a group alone, and a
     * word with another stray code point are not spelled out */
    found f = scan_swapped("\u4e2d\u6587 \u6100\u6200 ab\u7a00\u7a00cd \u7300\u7400 "
                           "o\u6600\ucf00ce cu\u7400\ufffdng");
    ck_assert_int_eq(f.n, 0);
}
END_TEST

/* The scan skips text without swapped letters eight bytes at a time and
 * goes back to the start of the word that holds one: the word is found
 * whatever its alignment, after long plain stretches, curly quotes and
 * other three-byte characters, and after an apostrophe inside it. */
START_TEST(test_swapped_found_at_every_offset)
{
    const char *fillers[] = {"x", " ", "\u201cq\u201d ", "\u4e2d ", "don't "};
    for (size_t fi = 0; fi < sizeof fillers / sizeof *fillers; fi++) {
        for (int pad = 0; pad < 40; pad++) {
            char text[512];
            size_t n = 0;
            for (int k = 0; k < pad; k++) {
                size_t fl = strlen(fillers[fi]);
                memcpy(text + n, fillers[fi], fl);
                n += fl;
            }
            size_t at = n + 1;
            strcpy(text + n, " o'shu\u7400\u6900l, and Uzbeki\u7300\u7400an.");
            found f = scan_swapped(text);
            ck_assert_int_eq(f.n, 2);
            ck_assert_str_eq(f.word[0], "o'shutil");
            ck_assert_uint_eq(f.start[0], at);
            ck_assert_uint_eq(f.end[0], at + 5 + 6 + 1);
            ck_assert_str_eq(f.word[1], "Uzbekistan");
        }
    }
}
END_TEST

/* The checker's repaired text equals expected. */
static void expect_fix(const char *text, const char *expected)
{
    ligfix_checker *c = unit_checker();
    size_t n;
    ligfix_error err;
    char *out = ligfix_checker_fix(c, text, strlen(text), &n, &err);
    ck_assert_msg(out != NULL, "%s", err.message);
    ck_assert_str_eq(out, expected);
    ligfix_free(out);
    ligfix_checker_free(c);
}

START_TEST(test_api_repairs_glyph_names)
{
    expect_fix("Lavrov said A/f_ter talks that T_he o/f_f_ice closed; my_var f_t stays.",
               "Lavrov said After talks that The office closed; my_var f_t stays.");
}
END_TEST

START_TEST(test_api_repairs_swapped_letters)
{
    expect_fix("The shu\u7400\u6900l and \u7300\u7400ring modules a\u7400\u7400ra\u6300\u7400 us; \u4e2d\u6587 stays.",
               "The shutil and string modules attract us; \u4e2d\u6587 stays.");
}
END_TEST

/* A stray code point stands for a ligature glyph, never for a lone f: the
 * same control characters for several groups must not make "o\x03" of. */
START_TEST(test_api_placeholder_is_a_ligature)
{
    expect_fix("The o\x05" "ce was di\x05" "erent. He fell o\x03 of the boat. She could ra\x06le "
               "o\x03 poetry, and he rode o\x05 on his horse. The e\x05" "ect was that he went "
               "o\x03 the road.",
               "The office was different. He fell off of the boat. She could rattle off poetry, "
               "and he rode off on his horse. The effect was that he went off the road.");
}
END_TEST

/* pdfminer's "(cid:N)" stands for a glyph it could not map: a placeholder. */
START_TEST(test_api_repairs_cid_placeholders)
{
    expect_fix("The di(cid:27)erent o(cid:28)ce and the (cid:29)nal e(cid:27)ect; see f(cid:3) and (cid:12).",
               "The different office and the final effect; see f(cid:3) and (cid:12).");
}
END_TEST

Suite *suite_glyphname(void)
{
    Suite *s = suite_create("glyphname");
    TCase *tc = tcase_create("glyphname");
    tcase_add_test(tc, test_names_spelled_out);
    tcase_add_test(tc, test_several_names_and_forms_in_a_word);
    tcase_add_test(tc, test_identifiers_left_alone);
    tcase_add_test(tc, test_api_repairs_glyph_names);
    tcase_add_test(tc, test_api_repairs_cid_placeholders);
    tcase_add_test(tc, test_swapped_letters_spelled_out);
    tcase_add_test(tc, test_swapped_needs_a_group_inside_a_word);
    tcase_add_test(tc, test_swapped_found_at_every_offset);
    tcase_add_test(tc, test_api_repairs_swapped_letters);
    tcase_add_test(tc, test_api_placeholder_is_a_ligature);
    suite_add_tcase(s, tc);
    return s;
}
