#include <stdint.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "alloc.h"
#include "error.h"
#include "tokenize.h"

struct lf_tokenizer {
    UBreakIterator *bi;
};

/* ICU break positions are int32_t: longer texts are cut into windows that
 * end at a space, so no word is split. */
#define WINDOW_MAX ((size_t)1 << 30)

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

static int push(lf_tokens *out, size_t start, size_t end, int kind)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        ligfix_token *v = lf_realloc(out->v, cap * sizeof *v);
        if (!v)
            return -1;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = (ligfix_token){start, end, kind};
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

int lf_tokenize(lf_tokenizer *t, const char *text, size_t len, lf_tokens *out, ligfix_error *err)
{
    out->n = 0;
    for (size_t base = 0; base < len;) {
        size_t wend = window_end(text, base, len);
        UErrorCode st = U_ZERO_ERROR;
        UText ut = UTEXT_INITIALIZER;
        utext_openUTF8(&ut, text + base, (int64_t)(wend - base), &st);
        ubrk_setUText(t->bi, &ut, &st);
        if (U_FAILURE(st)) {
            utext_close(&ut);
            return lf_error_set(err, LIGFIX_ERR_ICU, "ICU word iteration failed: %s",
                                u_errorName(st));
        }
        int32_t prev = ubrk_first(t->bi);
        for (int32_t pos = ubrk_next(t->bi); pos != UBRK_DONE; pos = ubrk_next(t->bi)) {
            if (push(out, base + (size_t)prev, base + (size_t)pos,
                     kind_of(ubrk_getRuleStatus(t->bi))) < 0) {
                utext_close(&ut);
                return lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory tokenizing");
            }
            prev = pos;
        }
        /* Detach the iterator from the stack UText before it goes away. */
        UText empty = UTEXT_INITIALIZER;
        utext_openUTF8(&empty, "", 0, &st);
        ubrk_setUText(t->bi, &empty, &st);
        utext_close(&empty);
        utext_close(&ut);
        base = wend;
    }
    return LIGFIX_OK;
}
