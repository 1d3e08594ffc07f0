/* libFuzzer target: scan + apply on arbitrary bytes with one shared model.
 * Asserts the guarantees of doc/robustness.md for every input:
 *   - spans lie inside the input, are sorted and never overlap;
 *   - observed is exactly the input's bytes at the span (NUL-terminated);
 *   - ligfix_apply equals applying the applied spans by hand;
 *   - with threshold 2 (nothing applied) ligfix_checker_fix is the identity.
 * Built and run by `make fuzz` (mk/fuzz.mk). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ligfix.h"
#include "../tests/span_oracle.h"

static ligfix_model *model;
static ligfix_checker *checker;

#define REQUIRE(cond)                                                            \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "fuzz_scan: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                             \
        }                                                                        \
    } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ligfix_error err = {0};
    model = ligfix_model_new(NULL, getenv("LIGFIX_DATA"), &err);
    if (model)
        checker = ligfix_checker_new(model, &err);
    if (!checker) {
        fprintf(stderr, "fuzz_scan: cannot load the model: %s\n", err.message);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly size bytes: ASan catches any read past the end. */
    char *text = malloc(size ? size : 1);
    REQUIRE(text);
    if (size)
        memcpy(text, data, size);
    ligfix_error err = {0};

    /* Each input is a new document; the checker's caches stay warm. */
    ligfix_checker_reset(checker);
    REQUIRE(ligfix_checker_set_threshold(checker, 0.5) == LIGFIX_OK);
    ligfix_result *r = ligfix_scan(checker, text, size, &err);
    REQUIRE(r);
    char why[200];
    const char *bad = span_oracle_check(text, size, r, 0.5, why, sizeof why);
    if (bad)
        fprintf(stderr, "fuzz_scan: %s\n", bad);
    REQUIRE(!bad);
    size_t want_len = 0;
    char *want = span_oracle_apply(text, size, r, &want_len);
    REQUIRE(want);
    size_t out_len = 0;
    char *out = ligfix_apply(text, size, r, &out_len, &err);
    REQUIRE(out);
    REQUIRE(out_len == want_len && memcmp(out, want, want_len) == 0 && out[out_len] == '\0');
    ligfix_free(out);
    free(want);
    ligfix_result_free(r);

    /* Nothing applied: the input comes back byte for byte. */
    REQUIRE(ligfix_checker_set_threshold(checker, 2.0) == LIGFIX_OK);
    ligfix_checker_reset(checker);
    out = ligfix_checker_fix(checker, text, size, &out_len, &err);
    REQUIRE(out);
    REQUIRE(out_len == size && memcmp(out, text, size) == 0);
    ligfix_free(out);

    /* Tokens cover the input. */
    size_t nt = 0;
    ligfix_token *t = ligfix_tokenize(checker, text, size, &nt, &err);
    REQUIRE(t || size == 0);
    size_t pos = 0;
    for (size_t i = 0; i < nt; i++) {
        REQUIRE(t[i].start == pos && t[i].end > pos);
        pos = t[i].end;
    }
    REQUIRE(pos == size);
    ligfix_free(t);
    free(text);
    return 0;
}
