/* Runs every Check suite; the list comes from the test file names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#define SUITE(name) Suite *suite_##name(void);
#include "suites.inc"
#undef SUITE

static ligfix_model *shared_model;

const ligfix_model *unit_model(void)
{
    if (!shared_model) {
        ligfix_error err = {0};
        shared_model = ligfix_model_new(NULL, getenv("LIGFIX_DATA"), &err);
        if (!shared_model) {
            fprintf(stderr, "cannot load the test model: %s\n", err.message);
            exit(2);
        }
    }
    return shared_model;
}

ligfix_checker *unit_checker(void)
{
    ligfix_error err = {0};
    ligfix_checker *c = ligfix_checker_new(unit_model(), &err);
    ck_assert_msg(c != NULL, "checker: %s", err.message);
    return c;
}

unit_words unit_words_over(const char *alpha, size_t max_len)
{
    return (unit_words){alpha, strlen(alpha), max_len, 0, 0, 1};
}

int unit_words_next(unit_words *it, char *w, size_t *n)
{
    while (it->code == it->total) { /* every word of this length given */
        if (it->len == it->max_len)
            return 0;
        it->len++;
        it->code = 0;
        it->total *= it->na;
    }
    size_t x = it->code++;
    for (size_t j = 0; j < it->len; j++, x /= it->na)
        w[j] = it->alpha[x % it->na];
    *n = it->len;
    return 1;
}

char *unit_scan_lines(ligfix_checker *c, const char *text)
{
    ligfix_error err;
    ligfix_result *r = ligfix_scan(c, text, strlen(text), &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        fprintf(f, "%zu %zu %s %.6f %d\n", s->start, s->end, s->replacement, s->confidence,
                s->applied);
    }
    fclose(f);
    ligfix_result_free(r);
    return out;
}

const char *unit_data_path(void)
{
    const char *p = getenv("LIGFIX_DATA");
    return p && *p ? p : "dict/ligfix-context.bin";
}

void unit_data_prefix_file(size_t n, char *path, size_t cap)
{
    FILE *in = fopen(unit_data_path(), "rb");
    ck_assert_ptr_nonnull(in);
    char *buf = malloc(n ? n : 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, n, in), n);
    fclose(in);
    const char *dir = getenv("TMPDIR");
    snprintf(path, cap, "%s/ligfix-data-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
    close(fd);
    free(buf);
}

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define SUITE(name) srunner_add_suite(sr, suite_##name());
#include "suites.inc"
#undef SUITE
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    ligfix_model_free(shared_model);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
