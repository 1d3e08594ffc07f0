/* Hunspell behind the lexicon (lib/lexicon.c): the handles a model's
 * checkers share, one per lexicon spelling at the same moment and no more
 * than a few, give each lexicon what a handle of its own would. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "lexicon.h"

static const char *dict_base(void)
{
    const char *d = getenv("LIGFIX_DICT");
    return d && *d ? d : "/usr/share/hunspell/en_US";
}

/* The strings every test spells: words, non-words and damaged words. */
#define N_WORDS 1200
static char words[N_WORDS][24];
static int expected[N_WORDS];

static void make_words(void)
{
    static const char *const stems[] = {"after", "ater", "first", "rst", "better", "beer",
                                        "office", "oce", "fluid", "fuid", "left", "let"};
    for (int i = 0; i < N_WORDS; i++) {
        const char *s = stems[i % 12];
        /* every string unique, so no cache answers for Hunspell */
        if (i < 12)
            snprintf(words[i], sizeof words[i], "%s", s);
        else
            snprintf(words[i], sizeof words[i], "%s%c%c", s, 'a' + (i / 12) % 26, 'a' + i / 312);
    }
}

/* A lexicon of its own (no shared handle) says what Hunspell says. */
static void expected_verdicts(void)
{
    ligfix_error err = {0};
    lf_lexicon *lx = lf_lexicon_new(dict_base(), NULL, 0, NULL, NULL, &err);
    ck_assert_msg(lx != NULL, "%s", err.message);
    for (int i = 0; i < N_WORDS; i++) {
        expected[i] = lf_lexicon_check(lx, words[i], strlen(words[i]));
        ck_assert_int_ge(expected[i], 0);
    }
    ck_assert_int_eq(expected[0], 1); /* after */
    ck_assert_int_eq(expected[1], 0); /* ater */
    lf_lexicon_free(lx);
}

typedef struct {
    lf_speller *sp;
    int wrong, failed;
} spell_job;

static void *spell_all(void *arg)
{
    spell_job *j = arg;
    ligfix_error err = {0};
    lf_lexicon *lx = lf_lexicon_new(dict_base(), NULL, 0, NULL, j->sp, &err);
    if (!lx) {
        j->failed = 1;
        return NULL;
    }
    for (int i = 0; i < N_WORDS; i++)
        j->wrong += lf_lexicon_check(lx, words[i], strlen(words[i])) != expected[i];
    lf_lexicon_free(lx);
    return NULL;
}

START_TEST(test_one_lexicon_one_handle)
{
    make_words();
    expected_verdicts();
    lf_speller *sp = lf_speller_new(dict_base());
    ck_assert_ptr_nonnull(sp);
    ck_assert_int_eq(lf_speller_handles(sp, NULL), 0); /* made on first use */
    spell_job j = {sp, 0, 0};
    spell_all(&j);
    spell_all(&j); /* a second lexicon, after the first: the same handle */
    ck_assert_int_eq(j.failed, 0);
    ck_assert_int_eq(j.wrong, 0);
    int busy;
    ck_assert_int_eq(lf_speller_handles(sp, &busy), 1);
    ck_assert_int_eq(busy, 0);
    lf_speller_free(sp);
}
END_TEST

/* Threads spelling at once: each gets Hunspell's own verdicts, the handles
 * stay within the bound (more threads than it: some wait for a handle), and
 * every handle is given back. */
static void threads_on_one_speller(int n_threads)
{
    make_words();
    expected_verdicts();
    lf_speller *sp = lf_speller_new(dict_base());
    ck_assert_ptr_nonnull(sp);
    pthread_t t[16];
    spell_job j[16];
    for (int k = 0; k < n_threads; k++) {
        j[k] = (spell_job){sp, 0, 0};
        ck_assert_int_eq(pthread_create(&t[k], NULL, spell_all, &j[k]), 0);
    }
    for (int k = 0; k < n_threads; k++) {
        pthread_join(t[k], NULL);
        ck_assert_int_eq(j[k].failed, 0);
        ck_assert_int_eq(j[k].wrong, 0);
    }
    int busy, made = lf_speller_handles(sp, &busy);
    ck_assert_int_ge(made, 1);
    ck_assert_int_le(made, n_threads < 8 ? n_threads : 8);
    ck_assert_int_eq(busy, 0);
    lf_speller_free(sp);
}

START_TEST(test_threads_share_handles)
{
    threads_on_one_speller(3);
}
END_TEST

START_TEST(test_more_threads_than_handles)
{
    threads_on_one_speller(12);
}
END_TEST

/* A lexicon with user words the handles lack spells with its own. */
START_TEST(test_other_user_words_own_handle)
{
    lf_speller *sp = lf_speller_new(dict_base());
    ck_assert_ptr_nonnull(sp);
    ligfix_error err = {0};
    lf_lexicon *plain = lf_lexicon_new(dict_base(), NULL, 0, NULL, sp, &err);
    const char *const user[] = {"Zqxwvian"};
    lf_lexicon *own = lf_lexicon_new(dict_base(), user, 1, NULL, sp, &err);
    ck_assert_ptr_nonnull(plain);
    ck_assert_ptr_nonnull(own);
    ck_assert_int_eq(lf_lexicon_check(plain, "Zqxwvian", 8), 0);
    ck_assert_int_eq(lf_lexicon_check(own, "Zqxwvian", 8), 1);
    ck_assert_int_eq(lf_lexicon_check(own, "after", 5), 1);
    ck_assert_int_eq(lf_speller_handles(sp, NULL), 1); /* plain's only */
    lf_lexicon_free(plain);
    lf_lexicon_free(own);
    lf_speller_free(sp);
}
END_TEST

Suite *suite_lexicon(void)
{
    Suite *s = suite_create("lexicon");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_one_lexicon_one_handle);
    tcase_add_test(tc, test_threads_share_handles);
    tcase_add_test(tc, test_more_threads_than_handles);
    tcase_add_test(tc, test_other_user_words_own_handle);
    suite_add_tcase(s, tc);
    return s;
}
