/* Tokenizing (lib/tokenize.c) and the public ligfix_tokenize: byte offsets
 * on UTF-8, exact coverage, token kinds, bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "tokenize.h"

typedef struct {
    size_t start, end;
    int kind;
} want_tok;

static lf_tokenizer *new_tok(void)
{
    ligfix_error err = {0};
    lf_tokenizer *t = lf_tokenizer_new(&err);
    ck_assert_msg(t != NULL, "tokenizer: %s", err.message);
    return t;
}

/* Tokens cover [0, len) exactly, in order, none empty; boundaries never
 * fall inside a well-formed UTF-8 sequence. */
static void check_cover(const char *text, size_t len, const ligfix_token *v, size_t n,
                        const char *what)
{
    ck_assert_msg(len == 0 || text != NULL, "%s: no text", what);
    if (len == 0) {
        ck_assert_msg(n == 0, "%s: %zu tokens for empty text", what, n);
        return;
    }
    ck_assert_msg(n > 0, "%s: no tokens", what);
    ck_assert_msg(v[0].start == 0, "%s: first token starts at %zu", what, v[0].start);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(v[i].start < v[i].end, "%s: token %zu empty or reversed [%zu,%zu)", what,
                      i, v[i].start, v[i].end);
        ck_assert_msg(v[i].end <= len, "%s: token %zu ends at %zu > %zu", what, i, v[i].end,
                      len);
        if (i)
            ck_assert_msg(v[i].start == v[i - 1].end, "%s: gap or overlap at token %zu", what,
                          i);
        ck_assert_msg(v[i].kind == LIGFIX_TOKEN_WORD || v[i].kind == LIGFIX_TOKEN_NUMBER ||
                          v[i].kind == LIGFIX_TOKEN_OTHER,
                      "%s: token %zu kind %d", what, i, v[i].kind);
    }
    ck_assert_msg(v[n - 1].end == len, "%s: last token ends at %zu, text is %zu", what,
                  v[n - 1].end, len);
}

/* Boundaries on character boundaries (for valid UTF-8 input). */
static void check_char_boundaries(const char *text, const ligfix_token *v, size_t n,
                                  const char *what)
{
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(((unsigned char)text[v[i].start] & 0xC0) != 0x80,
                      "%s: token %zu starts inside a character (byte %zu)", what, i,
                      v[i].start);
}

static lf_tokens run(lf_tokenizer *t, const char *text, size_t len, const char *what)
{
    lf_tokens toks = {0};
    ligfix_error err = {0};
    int rc = lf_tokenize(t, text, len, &toks, &err);
    ck_assert_msg(rc == LIGFIX_OK, "%s: rc %d (%s)", what, rc, err.message);
    check_cover(text, len, toks.v, toks.n, what);
    return toks;
}

static void expect_tokens(const char *text, const want_tok *w, size_t nw, const char *what)
{
    lf_tokenizer *t = new_tok();
    size_t len = strlen(text);
    lf_tokens toks = run(t, text, len, what);
    check_char_boundaries(text, toks.v, toks.n, what);
    ck_assert_msg(toks.n == nw, "%s: %zu tokens, want %zu", what, toks.n, nw);
    for (size_t i = 0; i < nw; i++) {
        ck_assert_msg(toks.v[i].start == w[i].start && toks.v[i].end == w[i].end,
                      "%s: token %zu is [%zu,%zu), want [%zu,%zu)", what, i, toks.v[i].start,
                      toks.v[i].end, w[i].start, w[i].end);
        ck_assert_msg(toks.v[i].kind == w[i].kind, "%s: token %zu '%.*s' kind %d, want %d",
                      what, i, (int)(w[i].end - w[i].start), text + w[i].start, toks.v[i].kind,
                      w[i].kind);
    }
    lf_tokens_free(&toks);
    lf_tokenizer_free(t);
}

/* The kind of the token that starts at byte `at` of text (must exist). */
static int kind_at(const lf_tokens *toks, size_t at, size_t *end)
{
    for (size_t i = 0; i < toks->n; i++)
        if (toks->v[i].start == at) {
            if (end)
                *end = toks->v[i].end;
            return toks->v[i].kind;
        }
    ck_abort_msg("no token starts at byte %zu", at);
    return -1;
}

enum { W = LIGFIX_TOKEN_WORD, N = LIGFIX_TOKEN_NUMBER, O = LIGFIX_TOKEN_OTHER };

START_TEST(test_ascii)
{
    const want_tok w[] = {
        {0, 5, W}, {5, 6, O}, {6, 7, O}, {7, 12, W}, {12, 13, O},
    };
    expect_tokens("Hello, world!", w, sizeof w / sizeof *w, "ascii");

    const want_tok w2[] = {
        {0, 6, W}, {6, 7, O}, {7, 11, W}, {11, 12, O}, {12, 16, W}, {16, 17, O},
    };
    expect_tokens("Lavrov said ater.", w2, sizeof w2 / sizeof *w2, "ater");
}
END_TEST

START_TEST(test_kinds)
{
    /* apostrophes inside a word, numbers, punctuation, spaces */
    const want_tok w[] = {
        {0, 5, W},   /* don't */
        {5, 6, O},   /*   */
        {6, 10, W},  /* stop */
        {10, 11, O}, /*   */
        {11, 13, W}, /* in */
        {13, 14, O}, /*   */
        {14, 18, N}, /* 2022 */
        {18, 19, O}, /* . */
    };
    expect_tokens("don't stop in 2022.", w, sizeof w / sizeof *w, "kinds");

    /* typographic apostrophe (U+2019, 3 bytes) also inside one word */
    const want_tok w2[] = {{0, 7, W}, {7, 8, O}, {8, 12, W}};
    expect_tokens("don\xe2\x80\x99t stop", w2, sizeof w2 / sizeof *w2, "curly apostrophe");

    /* tabs and newlines are OTHER */
    lf_tokenizer *t = new_tok();
    const char *s = "a\tb\nc\r\n3.14 x";
    lf_tokens toks = run(t, s, strlen(s), "whitespace");
    ck_assert_int_eq(kind_at(&toks, 0, NULL), W);
    ck_assert_int_eq(kind_at(&toks, 1, NULL), O);
    ck_assert_int_eq(kind_at(&toks, 2, NULL), W);
    ck_assert_int_eq(kind_at(&toks, 3, NULL), O);
    size_t end;
    ck_assert_int_eq(kind_at(&toks, 7, &end), N);
    ck_assert_uint_eq(end, 11); /* 3.14 is one number */
    lf_tokens_free(&toks);
    lf_tokenizer_free(t);
}
END_TEST

START_TEST(test_utf8_offsets)
{
    /* "Café ‘quoted’ — naïve": é, ï 2 bytes; ‘ ’ — 3 bytes */
    const char *s = "Caf\xc3\xa9 \xe2\x80\x98quoted\xe2\x80\x99 \xe2\x80\x94 na\xc3\xafve";
    ck_assert_uint_eq(strlen(s), 29);
    const want_tok w[] = {
        {0, 5, W},   /* Café */
        {5, 6, O},   /*   */
        {6, 9, O},   /* ‘ */
        {9, 15, W},  /* quoted */
        {15, 18, O}, /* ’ */
        {18, 19, O}, /*   */
        {19, 22, O}, /* — */
        {22, 23, O}, /*   */
        {23, 29, W}, /* naïve: n a ï(2) v e = 6 bytes */
    };
    expect_tokens(s, w, sizeof w / sizeof *w, "cafe");
}
END_TEST

START_TEST(test_cjk_emoji)
{
    lf_tokenizer *t = new_tok();
    /* CJK: no spaces; dictionary-based breaks, but always on characters. */
    const char *cjk = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae"
                      "\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88 after";
    lf_tokens toks = run(t, cjk, strlen(cjk), "cjk");
    check_char_boundaries(cjk, toks.v, toks.n, "cjk");
    ck_assert_uint_ge(toks.n, 3);
    /* The Latin word after it keeps exact offsets. */
    size_t end;
    ck_assert_int_eq(kind_at(&toks, 25, &end), W);
    ck_assert_uint_eq(end, 30);
    /* An ideograph is never a number. */
    ck_assert_int_ne(kind_at(&toks, 0, NULL), N);
    lf_tokens_free(&toks);

    /* Emoji (4 bytes, with a skin-tone modifier and a ZWJ sequence). */
    const char *emo = "hi \xf0\x9f\x91\x8b\xf0\x9f\x8f\xbd there "
                      "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb ok";
    toks = run(t, emo, strlen(emo), "emoji");
    check_char_boundaries(emo, toks.v, toks.n, "emoji");
    ck_assert_int_eq(kind_at(&toks, 0, &end), W);
    ck_assert_uint_eq(end, 2);
    ck_assert_int_eq(kind_at(&toks, 3, &end), O);
    ck_assert_uint_eq(end, 11); /* wave + modifier: one grapheme */
    ck_assert_int_eq(kind_at(&toks, 12, &end), W);
    ck_assert_uint_eq(end, 17);
    ck_assert_int_eq(kind_at(&toks, 18, &end), O);
    ck_assert_uint_eq(end, 29); /* woman ZWJ laptop */
    ck_assert_int_eq(kind_at(&toks, 30, &end), W);
    ck_assert_uint_eq(end, 32);
    lf_tokens_free(&toks);
    lf_tokenizer_free(t);
}
END_TEST

START_TEST(test_invalid_bytes)
{
    lf_tokenizer *t = new_tok();
    static const char *const bad[] = {
        "ab\xff\xfe" "cd",       /* never valid */
        "caf\xc3",               /* truncated sequence at the end */
        "\xc3(x y",              /* lead byte with a bad continuation */
        "\x80\x80\x80 after",    /* lone continuation bytes */
        "\xed\xa0\x80 surrogate", /* encoded surrogate */
        "\xf8\x88\x80\x80\x80 five", /* 5-byte form */
        "over\xc0\xaflong",      /* overlong slash */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char what[32];
        snprintf(what, sizeof what, "invalid %zu", i);
        lf_tokens toks = run(t, bad[i], strlen(bad[i]), what);
        lf_tokens_free(&toks);
    }
    /* The valid word after the garbage keeps its offsets and kind. */
    const char *s = "\x80\x80\x80 after";
    lf_tokens toks = run(t, s, strlen(s), "after garbage");
    size_t end;
    ck_assert_int_eq(kind_at(&toks, 4, &end), W);
    ck_assert_uint_eq(end, 9);
    lf_tokens_free(&toks);

    /* NUL bytes are text, not terminators. */
    const char nul[] = "ab\0cd\0\0 ef";
    size_t nlen = sizeof nul - 1;
    toks = run(t, nul, nlen, "nul");
    ck_assert_uint_eq(toks.v[toks.n - 1].end, nlen);
    ck_assert_int_eq(kind_at(&toks, 0, NULL), W);
    ck_assert_int_eq(kind_at(&toks, 8, &end), W);
    ck_assert_uint_eq(end, 10);
    /* no token joins letters across a NUL */
    for (size_t i = 0; i < toks.n; i++)
        if (toks.v[i].kind == W)
            ck_assert_ptr_null(memchr(nul + toks.v[i].start, '\0',
                                      toks.v[i].end - toks.v[i].start));
    lf_tokens_free(&toks);

    /* only NULs, only garbage */
    toks = run(t, "\0\0\0", 3, "only nul");
    lf_tokens_free(&toks);
    toks = run(t, "\xff", 1, "one bad byte");
    ck_assert_int_eq(toks.v[0].kind, O);
    lf_tokens_free(&toks);

    /* every byte value, in one text */
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)i;
    toks = run(t, all, sizeof all, "all bytes");
    lf_tokens_free(&toks);
    lf_tokenizer_free(t);
}
END_TEST

START_TEST(test_empty_and_reuse)
{
    lf_tokenizer *t = new_tok();
    lf_tokens toks = run(t, "", 0, "empty");
    ck_assert_uint_eq(toks.n, 0);
    /* the output is replaced, not appended to */
    lf_tokens_free(&toks);
    toks = run(t, "one two", 7, "first");
    size_t n1 = toks.n;
    ck_assert_uint_eq(n1, 3);
    ligfix_error err = {0};
    ck_assert_int_eq(lf_tokenize(t, "x", 1, &toks, &err), LIGFIX_OK);
    ck_assert_uint_eq(toks.n, 1);
    ck_assert_uint_eq(toks.v[0].start, 0);
    ck_assert_uint_eq(toks.v[0].end, 1);
    ck_assert_int_eq(lf_tokenize(t, "", 0, &toks, &err), LIGFIX_OK);
    ck_assert_uint_eq(toks.n, 0);
    lf_tokens_free(&toks);
    ck_assert_ptr_null(toks.v);
    ck_assert_uint_eq(toks.n, 0);
    lf_tokens_free(&toks); /* twice is fine */
    lf_tokenizer_free(t);
    lf_tokenizer_free(NULL);
}
END_TEST

START_TEST(test_clone)
{
    ligfix_error err = {0};
    lf_tokenizer *proto = new_tok();
    lf_tokenizer *a = lf_tokenizer_clone(proto, &err);
    lf_tokenizer *b = lf_tokenizer_clone(proto, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    const char *s = "Lavrov said ater talks, 2022.";
    lf_tokens ta = run(a, s, strlen(s), "clone a");
    lf_tokens tb = run(b, s, strlen(s), "clone b");
    ck_assert_uint_eq(ta.n, tb.n);
    ck_assert_int_eq(memcmp(ta.v, tb.v, ta.n * sizeof *ta.v), 0);
    lf_tokens_free(&ta);
    lf_tokens_free(&tb);
    lf_tokenizer_free(a);
    lf_tokenizer_free(b);
    lf_tokenizer_free(proto);
}
END_TEST

START_TEST(test_megabyte_word)
{
    size_t n = (size_t)1 << 20;
    char *s = malloc(n + 8);
    ck_assert_ptr_nonnull(s);
    memset(s, 'a', n);
    memcpy(s + n, " b", 2);
    lf_tokenizer *t = new_tok();
    lf_tokens toks = run(t, s, n + 2, "1 MB word");
    for (size_t i = 0; i < toks.n; i++)
        if (toks.v[i].end <= n)
            ck_assert_int_eq(toks.v[i].kind, W);
    ck_assert_uint_eq(toks.v[toks.n - 1].start, n + 1);
    ck_assert_int_eq(toks.v[toks.n - 1].kind, W);
    lf_tokens_free(&toks);
    lf_tokenizer_free(t);
    free(s);
}
END_TEST

START_TEST(test_public_tokenize)
{
    ligfix_checker *c = unit_checker();
    lf_tokenizer *t = new_tok();
    static const char *const texts[] = {
        "Lavrov said ater talks.",
        "Caf\xc3\xa9 \xe2\x80\x98quoted\xe2\x80\x99 \xe2\x80\x94 na\xc3\xafve",
        "don't stop in 2022.",
        "ab\xff\xfe" "cd \xf0\x9f\x91\x8b ok",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        size_t len = strlen(texts[k]), count = 99;
        ligfix_error err = {0};
        ligfix_token *v = ligfix_tokenize(c, texts[k], len, &count, &err);
        ck_assert_msg(v != NULL, "text %zu: %s", k, err.message);
        ck_assert_int_eq(err.code, LIGFIX_OK);
        check_cover(texts[k], len, v, count, "public");
        /* the same tokens as the internal stage */
        lf_tokens toks = run(t, texts[k], len, "internal");
        ck_assert_uint_eq(toks.n, count);
        for (size_t i = 0; i < count; i++) {
            ck_assert_uint_eq(v[i].start, toks.v[i].start);
            ck_assert_uint_eq(v[i].end, toks.v[i].end);
            ck_assert_int_eq(v[i].kind, toks.v[i].kind);
        }
        lf_tokens_free(&toks);
        ligfix_free(v);
    }
    /* with NULs through the public API */
    const char nul[] = "ab\0cd";
    size_t count = 0;
    ligfix_token *v = ligfix_tokenize(c, nul, 5, &count, NULL);
    ck_assert_ptr_nonnull(v);
    check_cover(nul, 5, v, count, "public nul");
    ligfix_free(v);

    /* empty text: NULL, count 0, no error */
    ligfix_error err = {0};
    count = 7;
    v = ligfix_tokenize(c, "", 0, &count, &err);
    ck_assert_ptr_null(v);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(err.code, LIGFIX_OK);
    count = 7;
    v = ligfix_tokenize(c, NULL, 0, &count, &err);
    ck_assert_ptr_null(v);
    ck_assert_uint_eq(count, 0);
    ck_assert_int_eq(err.code, LIGFIX_OK);

    /* bad arguments */
    count = 7;
    ck_assert_ptr_null(ligfix_tokenize(NULL, "a b", 3, &count, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_uint_eq(count, 0);
    err.code = 0;
    ck_assert_ptr_null(ligfix_tokenize(c, "a b", 3, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    err.code = 0;
    ck_assert_ptr_null(ligfix_tokenize(c, NULL, 3, &count, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(ligfix_tokenize(NULL, NULL, 3, NULL, NULL)); /* no err pointer */

    lf_tokenizer_free(t);
    ligfix_checker_free(c);
}
END_TEST

Suite *suite_tokenize(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("tokenize");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_ascii);
    tcase_add_test(tc, test_kinds);
    tcase_add_test(tc, test_utf8_offsets);
    tcase_add_test(tc, test_cjk_emoji);
    tcase_add_test(tc, test_invalid_bytes);
    tcase_add_test(tc, test_empty_and_reuse);
    tcase_add_test(tc, test_clone);
    tcase_add_test(tc, test_megabyte_word);
    tcase_add_test(tc, test_public_tokenize);
    suite_add_tcase(s, tc);
    return s;
}
