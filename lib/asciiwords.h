/* ICU 72's word break rules (root, as ubrk_open(UBRK_WORD, "en") applies
 * them) restricted to ASCII text, measured against ICU itself (the
 * tokenize suite compares the two on every short string): a scanner for
 * the segments of an all-ASCII stretch, and the boundaries between two
 * ASCII bytes that ICU keeps whatever text surrounds them. */
#ifndef LF_ASCIIWORDS_H
#define LF_ASCIIWORDS_H
#include <stddef.h>

/* Whether ICU's word iterator always breaks between the ASCII bytes a and
 * b (both < 0x80), whatever comes before a or after b: no rule joins a
 * space, a line break or other punctuation to an ASCII neighbour, except
 * CR LF and a run of spaces. */
int lf_ascii_cut(unsigned char a, unsigned char b);

/* The end of the segment that starts at s[i], in a stretch s[i .. end) of
 * ASCII bytes that ends at a boundary, and its kind (a ligfix_token_kind,
 * as ICU's rule status gives it). */
size_t lf_ascii_segment(const unsigned char *s, size_t i, size_t end, int *kind);

#endif
