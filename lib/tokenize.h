/* Tokenizing: ICU's word segments of the caller's UTF-8, with byte
 * offsets. ICU's iterator runs over the pieces around non-ASCII bytes; the
 * ASCII stretches between boundaries ICU always keeps go to a scanner of
 * its rules (asciiwords.h) that gives the same segments. Knows nothing of
 * dictionaries or ligatures. */
#ifndef LF_TOKENIZE_H
#define LF_TOKENIZE_H
#include <stddef.h>
#include <stdint.h>
#include "ligfix.h"

typedef struct lf_tokenizer lf_tokenizer;

/* A token inside the library: ligfix_token's fields at half its size, as
 * every pass of a scan walks the whole array (a scan's text is at most
 * LIGFIX_TEXT_MAX bytes, so offsets fit 32 bits). */
typedef struct {
    uint32_t start, end; /* byte offsets into the text; end exclusive */
    uint32_t kind;       /* a ligfix_token_kind */
} lf_token;

typedef struct {
    lf_token *v;
    size_t n, cap;
} lf_tokens;

/* The model's prototype iterator; checkers clone it (cloning is cheaper
 * than opening, and the prototype is never iterated, so it can be shared). */
lf_tokenizer *lf_tokenizer_new(ligfix_error *err);
lf_tokenizer *lf_tokenizer_clone(const lf_tokenizer *proto, ligfix_error *err);
void lf_tokenizer_free(lf_tokenizer *t);

/* Replaces out's contents with the tokens of text; they cover it entirely.
 * Returns LIGFIX_OK or an error code (LIGFIX_ERR_ARGUMENT for a text longer
 * than LIGFIX_TEXT_MAX). */
int lf_tokenize(lf_tokenizer *t, const char *text, size_t len, lf_tokens *out, ligfix_error *err);
void lf_tokens_free(lf_tokens *toks);

#endif
