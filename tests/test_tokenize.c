/* Tokenizing (lib/tokenize.c) and the public ligfix_tokenize: byte offsets
 * on UTF-8, exact coverage, token kinds, bad input. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

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

/* Field by field: tokens have padding. */
static int same_token(const lf_token *a, const lf_token *b)
{
    return a->start == b->start && a->end == b->end && a->kind == b->kind;
}

static int same_tokens(const lf_tokens *a, const lf_tokens *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (!same_token(&a->v[i], &b->v[i]))
            return 0;
    return 1;
}

/* Tokens cover [0, len) exactly, in order, none empty; boundaries never
 * fall inside a well-formed UTF-8 sequence. */
static void check_cover(const char *text, size_t len, const lf_token *v, size_t n,
                        const char *what)
{
    ck_assert_msg(len == 0 || text != NULL, "%s: no text", what);
    if (len == 0) {
        ck_assert_msg(n == 0, "%s: %zu tokens for empty text", what, n);
        return;
    }
    ck_assert_msg(n > 0, "%s: no tokens", what);
    ck_assert_msg(v[0].start == 0, "%s: first token starts at %zu", what, (size_t)v[0].start);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(v[i].start < v[i].end, "%s: token %zu empty or reversed [%zu,%zu)", what,
                      i, (size_t)v[i].start, (size_t)v[i].end);
        ck_assert_msg(v[i].end <= len, "%s: token %zu ends at %zu > %zu", what, i,
                      (size_t)v[i].end, len);
        if (i)
            ck_assert_msg(v[i].start == v[i - 1].end, "%s: gap or overlap at token %zu", what,
                          i);
        ck_assert_msg(v[i].kind == LIGFIX_TOKEN_WORD || v[i].kind == LIGFIX_TOKEN_NUMBER ||
                          v[i].kind == LIGFIX_TOKEN_OTHER,
                      "%s: token %zu kind %d", what, i, (int)v[i].kind);
    }
    ck_assert_msg(v[n - 1].end == len, "%s: last token ends at %zu, text is %zu", what,
                  (size_t)v[n - 1].end, len);
}

/* check_cover for the public tokens (full-width fields). */
static void check_cover_public(const char *text, size_t len, const ligfix_token *v, size_t n,
                               const char *what)
{
    lf_token *t = malloc((n ? n : 1) * sizeof *t);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(v[i].end <= len && v[i].kind >= 0, "%s: token %zu [%zu,%zu) kind %d", what,
                      i, v[i].start, v[i].end, v[i].kind);
        t[i] = (lf_token){(uint32_t)v[i].start, (uint32_t)v[i].end, (uint32_t)v[i].kind};
    }
    check_cover(text, len, t, n, what);
    free(t);
}

/* Boundaries on character boundaries (for valid UTF-8 input). */
static void check_char_boundaries(const char *text, const lf_token *v, size_t n,
                                  const char *what)
{
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(((unsigned char)text[v[i].start] & 0xC0) != 0x80,
                      "%s: token %zu starts inside a character (byte %zu)", what, i,
                      (size_t)v[i].start);
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
                      "%s: token %zu is [%zu,%zu), want [%zu,%zu)", what, i,
                      (size_t)toks.v[i].start, (size_t)toks.v[i].end, w[i].start, w[i].end);
        ck_assert_msg((int)toks.v[i].kind == w[i].kind, "%s: token %zu '%.*s' kind %d, want %d",
                      what, i, (int)(w[i].end - w[i].start), text + w[i].start, (int)toks.v[i].kind,
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
    ck_assert(same_tokens(&ta, &tb));
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
        check_cover_public(texts[k], len, v, count, "public");
        /* the same tokens as the internal stage */
        lf_tokens toks = run(t, texts[k], len, "internal");
        ck_assert_uint_eq(toks.n, count);
        for (size_t i = 0; i < count; i++) {
            ck_assert_uint_eq(v[i].start, toks.v[i].start);
            ck_assert_uint_eq(v[i].end, toks.v[i].end);
            ck_assert_int_eq(v[i].kind, (int)toks.v[i].kind);
        }
        lf_tokens_free(&toks);
        ligfix_free(v);
    }
    /* with NULs through the public API */
    const char nul[] = "ab\0cd";
    size_t count = 0;
    ligfix_token *v = ligfix_tokenize(c, nul, 5, &count, NULL);
    ck_assert_ptr_nonnull(v);
    check_cover_public(nul, 5, v, count, "public nul");
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

/* ---- the ASCII fast path against ICU ----------------------------------- *
 * lf_tokenize scans ASCII itself (lib/asciiwords.c) and hands ICU only the
 * pieces around other bytes; ICU's word iterator over the whole text is
 * the oracle here. */

typedef struct {
    UBreakIterator *bi;
    lf_tokenizer *t;
    lf_tokens want, got;
    size_t compared;
} oracle;

static void oracle_open(oracle *o)
{
    UErrorCode st = U_ZERO_ERROR;
    memset(o, 0, sizeof *o);
    o->bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    ck_assert_msg(U_SUCCESS(st), "ubrk_open: %s", u_errorName(st));
    o->t = new_tok();
}

static void oracle_close(oracle *o)
{
    ubrk_close(o->bi);
    lf_tokenizer_free(o->t);
    lf_tokens_free(&o->want);
    lf_tokens_free(&o->got);
}

static void want_push(lf_tokens *w, size_t start, size_t end, int32_t status)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->v = realloc(w->v, w->cap * sizeof *w->v);
        if (!w->v)
            ck_abort_msg("out of memory");
    }
    int kind = status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT   ? W
               : status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT ? N
                                                                                : O;
    w->v[w->n++] = (lf_token){(uint32_t)start, (uint32_t)end, (uint32_t)kind};
}

/* ICU's segments of the whole text, kinds as lf_tokenize gives them. */
static void icu_segments(oracle *o, const char *s, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, s, (int64_t)n, &st);
    ubrk_setUText(o->bi, &ut, &st);
    if (U_FAILURE(st))
        ck_abort_msg("ubrk_setUText: %s", u_errorName(st));
    o->want.n = 0;
    int32_t prev = ubrk_first(o->bi);
    for (int32_t pos = ubrk_next(o->bi); pos != UBRK_DONE; pos = ubrk_next(o->bi)) {
        want_push(&o->want, (size_t)prev, (size_t)pos, ubrk_getRuleStatus(o->bi));
        prev = pos;
    }
    utext_close(&ut);
}

static void report_mismatch(const oracle *o, const char *s, size_t n)
{
    char hex[3 * 64 + 1] = "";
    for (size_t i = 0; i < n && i < 64; i++)
        snprintf(hex + 3 * i, 4, "%02x ", (unsigned char)s[i]);
    size_t i = 0;
    while (i < o->want.n && i < o->got.n && same_token(&o->want.v[i], &o->got.v[i]))
        i++;
    ck_abort_msg("differs from ICU on %zu bytes [%s]: token %zu is [%zu,%zu) kind %d, ICU's "
                 "[%zu,%zu) kind %d",
                 n, hex, i, i < o->got.n ? (size_t)o->got.v[i].start : 0,
                 i < o->got.n ? (size_t)o->got.v[i].end : 0,
                 i < o->got.n ? (int)o->got.v[i].kind : 0,
                 i < o->want.n ? (size_t)o->want.v[i].start : 0,
                 i < o->want.n ? (size_t)o->want.v[i].end : 0,
                 i < o->want.n ? (int)o->want.v[i].kind : 0);
}

/* Millions of calls: plain tests, as each passing ck_assert costs a
 * system call. */
static void same_as_icu(oracle *o, const char *s, size_t n)
{
    icu_segments(o, s, n);
    ligfix_error err = {0};
    if (lf_tokenize(o->t, s, n, &o->got, &err) != LIGFIX_OK)
        ck_abort_msg("lf_tokenize: %s", err.message);
    if (!same_tokens(&o->got, &o->want))
        report_mismatch(o, s, n);
    o->compared++;
}

static uint64_t rng_next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

START_TEST(test_fast_path_every_short_ascii)
{
    /* every string of up to three bytes 0-127: each byte's class, and
     * every rule of two or three characters */
    oracle o;
    oracle_open(&o);
    char s[3];
    for (size_t len = 1; len <= 3; len++) {
        size_t total = (size_t)1 << (7 * len);
        for (size_t code = 0; code < total; code++) {
            for (size_t j = 0; j < len; j++)
                s[j] = (char)((code >> (7 * j)) & 127);
            same_as_icu(&o, s, len);
        }
    }
    ck_assert_uint_eq(o.compared, 128 + 128 * 128 + 128 * 128 * 128);
    oracle_close(&o);
}
END_TEST

START_TEST(test_fast_path_class_strings)
{
    /* up to six characters over one or two of each class: the chains of
     * letters, digits, '_' and the characters joining them ("a.b", "1,0",
     * "a1.2", "1_a'b") */
    oracle o;
    oracle_open(&o);
    char s[8];
    size_t n;
    unit_words it = unit_words_over("a0_.,- \n\r", 6);
    while (unit_words_next(&it, s, &n))
        same_as_icu(&o, s, n);
    it = unit_words_over("Z@9_';:\"\t\v", 5);
    while (unit_words_next(&it, s, &n))
        same_as_icu(&o, s, n);
    oracle_close(&o);
}
END_TEST

START_TEST(test_fast_path_random_ascii)
{
    static const char common[] = "etaoinshrdlu0123456789@_.',;: \n\r\t-\"";
    oracle o;
    oracle_open(&o);
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    static char s[20000]; /* a few longer than the scanner's batches */
    for (int r = 0; r < 1000; r++) {
        size_t n = 1 + rng_next(&x) % (r % 100 ? 2048 : sizeof s);
        for (size_t i = 0; i < n; i++) {
            uint64_t k = rng_next(&x);
            s[i] = k % 4 ? common[(k >> 8) % (sizeof common - 1)] : (char)((k >> 8) & 127);
        }
        same_as_icu(&o, s, n);
    }
    oracle_close(&o);
}
END_TEST

START_TEST(test_fast_path_mixed)
{
    /* ASCII among other characters, sparse and dense, so that the cuts
     * between the scanner's stretches and ICU's pieces are tested too */
    static const char *const other[] = {
        "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99", /* curly quotes */
        "\xe2\x80\x94", "\xc3\xa9", "\xcc\x81",           /* em dash, é, U+0301 */
        "\xe2\x80\x8d", "\xc2\xa0", "\xe2\x80\xa8",       /* ZWJ, NBSP, U+2028 */
        "\xe2\x80\x83", "\xe3\x80\x80", "\xc2\xad",       /* em space, ideographic space, SHY */
        "\xf0\x9f\x91\x8b", "\xf0\x9f\x8f\xbd",           /* emoji, skin tone */
        "\xf0\x9f\x87\xba", "\xef\xb8\x8f", "\xe2\x83\xa3", /* flag half, VS16, keycap */
        "\xe0\xb8\x81", "\xe0\xb8\xb2", "\xe6\x97\xa5",   /* Thai, CJK */
        "\xe3\x82\xa2", "\xd7\x90",                       /* katakana, Hebrew */
        "\xef\xbf\xbd", "\xee\x80\x80", "\xef\xbc\x9a",   /* U+FFFD, private use, fullwidth : */
        "\xff", "\xc3", "\x80", "\xe2\x80",               /* invalid UTF-8 */
    };
    static const char ascii[] = "ab1_.',; \n\r\t\v\f-\"@";
    oracle o;
    oracle_open(&o);
    uint64_t x = 12345;
    char s[60 * 72];
    for (int r = 0; r < 100000; r++) {
        size_t n = 0, parts = 1 + rng_next(&x) % 60, sparse = 1 + rng_next(&x) % 40;
        for (size_t p = 0; p < parts; p++) {
            uint64_t k = rng_next(&x);
            if (k % sparse == 0) {
                const char *c = other[(k >> 8) % (sizeof other / sizeof *other)];
                memcpy(s + n, c, strlen(c));
                n += strlen(c);
            } else if ((k >> 8) % 50 == 0) { /* a stretch near ICU_GAP */
                size_t run = 56 + (k >> 16) % 16;
                memset(s + n, 'a', run);
                s[n + run / 2] = ' ';
                n += run;
            } else {
                s[n++] = ascii[(k >> 8) % (sizeof ascii - 1)];
            }
        }
        same_as_icu(&o, s, n);
    }
    oracle_close(&o);
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

    TCase *fast = tcase_create("fast path");
    tcase_set_timeout(fast, 60);
    tcase_add_test(fast, test_fast_path_every_short_ascii);
    tcase_add_test(fast, test_fast_path_class_strings);
    tcase_add_test(fast, test_fast_path_random_ascii);
    tcase_add_test(fast, test_fast_path_mixed);
    suite_add_tcase(s, fast);
    return s;
}
