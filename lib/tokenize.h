/* Tokenizing: ICU's word segments of the caller's UTF-8, with byte
 * offsets. ICU's iterator runs over the pieces around non-ASCII bytes; the
 * ASCII stretches between boundaries ICU always keeps go to a scanner of
 * its rules (asciiwords.h) that gives the same segments. Knows nothing of
 * dictionaries or ligatures. */
#ifndef LF_TOKENIZE_H
#define LF_TOKENIZE_H
#include <stddef.h>
#include "ligfix.h"

typedef struct lf_tokenizer lf_tokenizer;

typedef struct {
    ligfix_token *v;
    size_t n, cap;
} lf_tokens;

/* The model's prototype iterator; checkers clone it (cloning is cheaper
 * than opening, and the prototype is never iterated, so it can be shared). */
lf_tokenizer *lf_tokenizer_new(ligfix_error *err);
lf_tokenizer *lf_tokenizer_clone(const lf_tokenizer *proto, ligfix_error *err);
void lf_tokenizer_free(lf_tokenizer *t);

/* Replaces out's contents with the tokens of text; they cover it entirely.
 * Returns LIGFIX_OK or an error code. */
int lf_tokenize(lf_tokenizer *t, const char *text, size_t len, lf_tokens *out, ligfix_error *err);
void lf_tokens_free(lf_tokens *toks);

#endif
