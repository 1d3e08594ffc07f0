/* The data file's derived tables (lib/filters.c, lib/formtable.c,
 * lib/context.c): present, equal to what this build computes, and a file
 * cut inside them refused; and the trigram test the searches ask most. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "alloc.h"
#include "context.h"
#include "filters.h"
#include "formindex.h"
#include "trigram.h"
#include "internal.h"
#include "units.h"

static lf_context *open_path(const char *path)
{
    ligfix_error err = {0};
    lf_context *c = lf_context_open(path, &err);
    ck_assert_msg(c != NULL, "open %s: %s", path, err.message);
    return c;
}

START_TEST(test_stored_filters_are_current)
{
    lf_context *c = open_path(unit_data_path());
    const lf_trigrams *stored =
        lf_context_derived_filters(c, LF_FILTERS_RECIPE, sizeof(lf_trigrams));
    ck_assert_msg(stored != NULL, "%s has no filters for recipe %u: run `make data-derived`",
                  unit_data_path(), LF_FILTERS_RECIPE);
    lf_trigrams *fresh = lf_calloc(1, sizeof *fresh);
    ck_assert_ptr_nonnull(fresh);
    lf_filters_build(fresh, c);
    ck_assert_msg(memcmp(stored, fresh, sizeof *fresh) == 0,
                  "the stored filters differ from this build's: bump LF_FILTERS_RECIPE and "
                  "run `make data-derived`");
    lf_trigrams *owned = NULL;
    ck_assert_ptr_eq(lf_filters_get(c, &owned), stored);
    ck_assert_ptr_null(owned);
    lf_free(fresh);
    lf_context_close(c);
}
END_TEST

/* The stored index of damaged forms is byte for byte what this build
 * makes, and the model reads it instead of building one. */
START_TEST(test_stored_forms_are_current)
{
    lf_context *c = open_path(unit_data_path());
    size_t size, fresh_size = 0;
    const void *stored = lf_context_derived_forms(c, &size);
    ck_assert_msg(stored != NULL, "%s has no form index: run `make data-derived`",
                  unit_data_path());
    int rc;
    void *fresh = lf_formindex_build_block(c, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX,
                                           &fresh_size, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_msg(fresh_size == size && memcmp(stored, fresh, size) == 0,
                  "the stored form index differs from this build's: bump "
                  "LF_FORMTABLE_RECIPE and run `make data-derived`");
    ck_assert(lf_formindex_from_data(unit_model()->forms));
    lf_free(fresh);
    lf_context_close(c);
}
END_TEST

/* Without derived tables the file loads as before and everything is
 * computed: the same filters, the same lookups. */
START_TEST(test_without_derived_tables)
{
    lf_context *full = open_path(unit_data_path());
    char path[256];
    unit_data_prefix_file(lf_context_lm_size(full), path, sizeof path);
    lf_context *bare = open_path(path);
    unlink(path);
    ck_assert_ptr_null(lf_context_derived_filters(bare, LF_FILTERS_RECIPE, sizeof(lf_trigrams)));
    size_t forms_size;
    ck_assert_ptr_null(lf_context_derived_forms(bare, &forms_size));
    lf_trigrams *owned = NULL;
    const lf_trigrams *built = lf_filters_get(bare, &owned);
    ck_assert_ptr_nonnull(owned);
    ck_assert_ptr_eq(built, owned);
    ck_assert_int_eq(memcmp(built, lf_filters_get(full, &(lf_trigrams *){NULL}), sizeof *built),
                     0);
    static const char *const words[] = {"after", "the", "ligature", "zyzzyva", "</s>"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        ck_assert_uint_eq(lf_context_id(bare, words[i], strlen(words[i])),
                          lf_context_id(full, words[i], strlen(words[i])));
    size_t slots = lf_context_hash_slots(full);
    uint32_t *a = malloc(slots * 4), *b = malloc(slots * 4);
    ck_assert(a && b);
    lf_context_fresh_slot_hashes(full, a);
    lf_context_fresh_slot_hashes(bare, b);
    ck_assert_int_eq(memcmp(a, b, slots * 4), 0);
    free(a);
    free(b);
    lf_free(owned);
    lf_context_close(bare);
    lf_context_close(full);
}
END_TEST

/* A file cut anywhere past the LM tables is refused, not half-used. */
START_TEST(test_cut_derived_tables_refused)
{
    lf_context *full = open_path(unit_data_path());
    size_t lm = lf_context_lm_size(full);
    FILE *f = fopen(unit_data_path(), "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    size_t size = (size_t)ftell(f);
    fclose(f);
    lf_context_close(full);
    ck_assert_uint_gt(size, lm + LF_DERIVED_TRAILER_SIZE);
    const size_t cuts[] = {lm + 1, lm + 8, (lm + size) / 2, size - LF_DERIVED_TRAILER_SIZE,
                           size - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        char path[256];
        unit_data_prefix_file(cuts[i], path, sizeof path);
        ligfix_error err = {0};
        lf_context *c = lf_context_open(path, &err);
        unlink(path);
        ck_assert_msg(c == NULL, "cut at %zu of %zu: opened", cuts[i], size);
        ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
    }
}
END_TEST

/* The trigram over w[i - 1 .. i + 1] as trigram.h defines its alphabet:
 * a-z are 1..26, past either end of the word 0, any other byte 27. */
static int ref_seen(const lf_trigrams *t, const char *w, size_t n, long i)
{
    int s[3];
    for (int k = 0; k < 3; k++) {
        long j = i - 1 + k;
        int ch = j < 0 || (size_t)j >= n ? -1 : (unsigned char)w[j];
        s[k] = ch < 0 ? 0 : ch >= 'a' && ch <= 'z' ? ch - 'a' + 1 : 27;
    }
    int idx = (s[0] * LF_TRIGRAM_ALPHABET + s[1]) * LF_TRIGRAM_ALPHABET + s[2];
    return (t->seen[idx >> 3] >> (idx & 7)) & 1;
}

/* Every trigram centred on w[from .. to] (to cut at the word's end) seen,
 * for every string of up to six letters over a small alphabet and every
 * range, with a few words added. */
START_TEST(test_plausible_at_as_defined)
{
    lf_trigrams *t = lf_calloc(1, sizeof *t);
    ck_assert_ptr_nonnull(t);
    const char *words[] = {"after", "better", "fit", "tea", "t-rex", "\xc3\xa9t\xc3\xa9"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        lf_trigrams_add_word(t, words[k], strlen(words[k]));
    char w[6];
    size_t n;
    int yes = 0;
    for (unit_words it = unit_words_over("aeft-\xc3", 6); unit_words_next(&it, w, &n);)
        for (size_t from = 0; from <= n + 1; from++)
            for (size_t to = 0; to <= n + 2; to++) {
                int want = 1;
                for (size_t i = from; i <= to && i < n; i++)
                    want &= ref_seen(t, w, n, (long)i);
                ck_assert_int_eq(lf_trigrams_plausible_at(t, w, n, from, to), want);
                yes += want && from <= to && from < n;
            }
    ck_assert_int_gt(yes, 100); /* the ranges that pass are tested too */
    ck_assert_int_eq(lf_trigrams_plausible(t, "after", 5), 1);
    ck_assert_int_eq(lf_trigrams_plausible(t, "aftre", 5), 0);
    lf_free(t);
}
END_TEST

Suite *suite_filters(void)
{
    Suite *s = suite_create("filters");
    TCase *tc = tcase_create("filters");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_stored_filters_are_current);
    tcase_add_test(tc, test_stored_forms_are_current);
    tcase_add_test(tc, test_without_derived_tables);
    tcase_add_test(tc, test_cut_derived_tables_refused);
    tcase_add_test(tc, test_plausible_at_as_defined);
    suite_add_tcase(s, tc);
    return s;
}
