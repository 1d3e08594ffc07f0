/* Tokenizing. ICU's word iterator is the tokenizer of record; most text
 * is ASCII, where its rules come down to lib/asciiwords.c's scanner. The
 * text is cut where ICU breaks between two ASCII bytes whatever surrounds
 * them (lf_ascii_cut): the scanner takes the ASCII stretches between cuts,
 * ICU the pieces around other bytes. This is exact because ICU's rules
 * restart at each boundary, and its match up to a boundary never depends
 * on what follows it, so a piece alone tokenizes as it does within the
 * text; tests/test_tokenize.c compares the two on every short string. */
#include <stdint.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "alloc.h"
#include "asciiwords.h"
#include "error.h"
#include "tokenize.h"

struct lf_tokenizer {
    UBreakIterator *bi;
    int attached; /* bi holds a text of the current call */
};

/* ICU break positions are int32_t: longer texts are cut into windows that
 * end at a space, so no word is split. */
#define WINDOW_MAX ((size_t)1 << 30)

/* ASCII stretches shorter than this between non-ASCII bytes go to ICU
 * with them (see icu_piece_end; on the bench text 16 beat 0, 64 and 256). */
#define ICU_GAP 16

/* The scanner makes room for its tokens this many bytes at a time. */
#define ASCII_BATCH 4096

lf_tokenizer *lf_tokenizer_new(ligfix_error *err)
{
    lf_tokenizer *t = lf_calloc(1, sizeof *t);
    if (!t) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory opening the word iterator");
        return NULL;
    }
    UErrorCode st = U_ZERO_ERROR;
    t->bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        lf_free(t);
        lf_error_set(err, LIGFIX_ERR_ICU, "cannot open ICU word break iterator: %s",
                     u_errorName(st));
        return NULL;
    }
    return t;
}

lf_tokenizer *lf_tokenizer_clone(const lf_tokenizer *proto, ligfix_error *err)
{
    lf_tokenizer *t = lf_calloc(1, sizeof *t);
    if (!t) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory cloning the word iterator");
        return NULL;
    }
    UErrorCode st = U_ZERO_ERROR;
    t->bi = ubrk_clone(proto->bi, &st);
    if (U_FAILURE(st) || !t->bi) {
        lf_free(t);
        lf_error_set(err, st == U_MEMORY_ALLOCATION_ERROR ? LIGFIX_ERR_NOMEM : LIGFIX_ERR_ICU,
                     "cannot clone ICU word break iterator: %s", u_errorName(st));
        return NULL;
    }
    return t;
}

void lf_tokenizer_free(lf_tokenizer *t)
{
    if (!t)
        return;
    ubrk_close(t->bi);
    lf_free(t);
}

void lf_tokens_free(lf_tokens *toks)
{
    lf_free(toks->v);
    toks->v = NULL;
    toks->n = toks->cap = 0;
}

/* Room for n more tokens. */
static int reserve(lf_tokens *out, size_t n)
{
    if (out->cap - out->n >= n)
        return 0;
    size_t cap = out->cap ? out->cap : 256;
    while (cap - out->n < n)
        cap *= 2;
    lf_token *v = lf_realloc(out->v, cap * sizeof *v);
    if (!v)
        return -1;
    out->v = v;
    out->cap = cap;
    return 0;
}

static int push(lf_tokens *out, size_t start, size_t end, int kind)
{
    if (reserve(out, 1) < 0)
        return -1;
    out->v[out->n++] = (lf_token){(uint32_t)start, (uint32_t)end, (uint32_t)kind};
    return 0;
}

static int kind_of(int32_t status)
{
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT)
        return LIGFIX_TOKEN_WORD;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
        return LIGFIX_TOKEN_NUMBER;
    return LIGFIX_TOKEN_OTHER;
}

static size_t window_end(const char *text, size_t start, size_t len)
{
    if (len - start <= WINDOW_MAX)
        return len;
    size_t end = start + WINDOW_MAX;
    for (size_t i = end; i > start + WINDOW_MAX / 2; i--)
        if (text[i - 1] == ' ' || text[i - 1] == '\n')
            return i;
    return end; /* no space in half a gigabyte: cut anyway */
}

/* ICU's iterator over text[start, end), tokens pushed with absolute
 * offsets. */
static int icu_tokens(lf_tokenizer *t, const char *text, size_t start, size_t end,
                      lf_tokens *out, ligfix_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text + start, (int64_t)(end - start), &st);
    ubrk_setUText(t->bi, &ut, &st);
    if (U_FAILURE(st)) {
        utext_close(&ut);
        return lf_error_set(err, LIGFIX_ERR_ICU, "ICU word iteration failed: %s",
                            u_errorName(st));
    }
    t->attached = 1;
    int32_t prev = ubrk_first(t->bi);
    for (int32_t pos = ubrk_next(t->bi); pos != UBRK_DONE; pos = ubrk_next(t->bi)) {
        if (push(out, start + (size_t)prev, start + (size_t)pos,
                 kind_of(ubrk_getRuleStatus(t->bi))) < 0) {
            utext_close(&ut);
            return lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory tokenizing");
        }
        prev = pos;
    }
    utext_close(&ut);
    return LIGFIX_OK;
}

/* Detaches the iterator from the last text it was given (the caller's). */
static void detach(lf_tokenizer *t)
{
    if (!t->attached)
        return;
    UErrorCode st = U_ZERO_ERROR;
    UText empty = UTEXT_INITIALIZER;
    utext_openUTF8(&empty, "", 0, &st);
    ubrk_setUText(t->bi, &empty, &st);
    utext_close(&empty);
    t->attached = 0;
}

/* The scanner's tokens of s[start, end), ASCII_BATCH bytes at a time:
 * as many tokens at most, so room is made once per batch. */
static int ascii_tokens(const unsigned char *s, size_t start, size_t end, lf_tokens *out,
                        ligfix_error *err)
{
    for (size_t i = start; i < end;) {
        size_t stop = end - i < ASCII_BATCH ? end : i + ASCII_BATCH;
        if (reserve(out, stop - i) < 0)
            return lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory tokenizing");
        lf_token *v = out->v + out->n;
        while (i < stop) {
            int kind;
            size_t j = lf_ascii_segment(s, i, end, &kind);
            *v++ = (lf_token){(uint32_t)i, (uint32_t)j, (uint32_t)kind};
            i = j;
        }
        out->n = (size_t)(v - out->v);
    }
    return LIGFIX_OK;
}

/* The first byte at or after i (before end) that is not ASCII, or end. */
static size_t next_non_ascii(const unsigned char *s, size_t i, size_t end)
{
    for (; i + 8 <= end; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (i < end && s[i] < 0x80)
        i++;
    return i;
}

/* The last cut in (from, upto) of the ASCII bytes s[from, upto), or from. */
static size_t last_cut_before(const unsigned char *s, size_t from, size_t upto)
{
    for (size_t p = upto; p > from + 1;) {
        p--;
        if (lf_ascii_cut(s[p - 1], s[p]))
            return p;
    }
    return from;
}

/* The end of ICU's piece holding the non-ASCII byte s[i]: the next cut
 * between two ASCII bytes, or the window's end. Non-ASCII bytes that
 * follow within ICU_GAP bytes join the piece: one pass of ICU over a few
 * ASCII bytes costs less than setting it up again. */
static size_t icu_piece_end(const unsigned char *s, size_t i, size_t end)
{
    for (i++; i < end; i++) {
        if (s[i - 1] >= 0x80 || s[i] >= 0x80 || !lf_ascii_cut(s[i - 1], s[i]))
            continue;
        size_t near = i + ICU_GAP < end ? i + ICU_GAP : end;
        size_t next = next_non_ascii(s, i, near);
        if (next == near)
            return i;
        i = next;
    }
    return end;
}

/* One window: ASCII stretches between cuts to the scanner, the pieces
 * around other bytes to ICU. */
static int tokenize_window(lf_tokenizer *t, const char *text, size_t base, size_t wend,
                           lf_tokens *out, ligfix_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t pos = base; pos < wend;) {
        size_t na = next_non_ascii(s, pos, wend);
        size_t piece = na == wend ? wend : last_cut_before(s, pos, na);
        int rc = ascii_tokens(s, pos, piece, out, err);
        if (rc != LIGFIX_OK || piece == wend)
            return rc;
        pos = icu_piece_end(s, na, wend);
        rc = icu_tokens(t, text, piece, pos, out, err);
        if (rc != LIGFIX_OK)
            return rc;
    }
    return LIGFIX_OK;
}

int lf_tokenize(lf_tokenizer *t, const char *text, size_t len, lf_tokens *out, ligfix_error *err)
{
    out->n = 0;
    if (len > LIGFIX_TEXT_MAX)
        return lf_error_set(err, LIGFIX_ERR_ARGUMENT,
                            "text of %zu bytes: at most %zu bytes per call (split it, as the "
                            "command line does)",
                            len, LIGFIX_TEXT_MAX);
    int rc = LIGFIX_OK;
    for (size_t base = 0; base < len && rc == LIGFIX_OK;) {
        size_t wend = window_end(text, base, len);
        rc = tokenize_window(t, text, base, wend, out, err);
        base = wend;
    }
    detach(t);
    return rc;
}
