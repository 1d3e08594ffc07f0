/* Leaked glyph names ("A/f_ter", "T_he"): finding them in raw text. */
#ifndef LF_GLYPHNAME_H
#define LF_GLYPHNAME_H
#include <stddef.h>
#include "damage.h"

/* Called for each word holding a glyph name: its byte extent [start, end)
 * and the word with the name spelled out (word, n), and the group. Return
 * 0 to go on, -1 to stop with an error. */
typedef int (*lf_glyphname_fn)(void *ud, size_t start, size_t end, const char *word, size_t n,
                               int group);

/* Scans text in order; -1 if a callback failed, else 0. */
int lf_glyphname_scan(const char *text, size_t len, lf_glyphname_fn fn, void *ud);

/* Letters with their bytes swapped: an extractor that reads a ToUnicode
 * entry little-endian makes each letter of a ligature U+XX00, XX the
 * letter ("\u7300\u7400" for st). Calls fn for each word (ASCII letters,
 * with apostrophes inside) holding such a run that spells a known group,
 * with the run spelled out; a word with any other non-ASCII character in
 * it is left alone. Same callback and return as lf_glyphname_scan. */
int lf_swapped_scan(const char *text, size_t len, lf_glyphname_fn fn, void *ud);

#endif
