/* Shared by the Check unit tests: each tests/test_NAME.c defines
 * Suite *suite_NAME(void); the Makefile lists them for unit_main.c. */
#ifndef LIGFIX_UNIT_H
#define LIGFIX_UNIT_H
#include <check.h>
#include "ligfix.h"

/* The model every test shares (en_US + the tree's context data); loaded
 * once, as the thread model intends. */
const ligfix_model *unit_model(void);
/* A fresh checker on that model; the test frees it. */
ligfix_checker *unit_checker(void);

/* What a scan of text reports, one line per span (start, end,
 * replacement, confidence to six places, applied): for comparing scans.
 * The test frees it. */
char *unit_scan_lines(ligfix_checker *c, const char *text);

/* Every string of up to max_len bytes over an alphabet (its bytes; no
 * NUL), shortest first, for tests that try them all:
 *     unit_words it = unit_words_over("abc", 4);
 *     while (unit_words_next(&it, w, &n)) ...   (w: max_len bytes of room) */
typedef struct {
    const char *alpha;
    size_t na, max_len, len, code, total;
} unit_words;
unit_words unit_words_over(const char *alpha, size_t max_len);
int unit_words_next(unit_words *it, char *w, size_t *n);

/* The context data the tests use: LIGFIX_DATA, else the tree's file. */
const char *unit_data_path(void);
/* A new temporary file holding the first n bytes of that data; its path
 * goes to path (at least 64 bytes). The test unlinks it. */
void unit_data_prefix_file(size_t n, char *path, size_t cap);

#endif
