/* icu_words — "tokenizing alone" baseline for `make bench`.
 *
 * Reads FILE in large chunks, runs ICU word-break iteration over each chunk
 * as UTF-8 (utext_openUTF8 + a UBRK_WORD iterator for "en") and prints the
 * number of words whose rule status is in [UBRK_WORD_LETTER,
 * UBRK_WORD_LETTER_LIMIT).
 *
 * Chunks are cut after the last ASCII whitespace byte so no word and no
 * UTF-8 sequence straddles two chunks; the unprocessed tail is carried over.
 *
 * usage: icu_words FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#define CHUNK (8u << 20) /* 8 MiB per read */

static size_t cut_point(const char *buf, size_t len, int at_eof)
{
    if (at_eof)
        return len;
    /* Keep the carried-over tail shorter than CHUNK so the next read fits. */
    size_t stop = len > CHUNK - 1 ? len - (CHUNK - 1) : 0;
    for (size_t i = len; i > stop; i--) {
        char c = buf[i - 1];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            return i;
    }
    return len; /* no whitespace near the end: take everything */
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }

    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "ubrk_open: %s\n", u_errorName(st));
        return 1;
    }
    UText *ut = NULL;

    char *buf = malloc(2 * (size_t)CHUNK);
    if (!buf) {
        perror("malloc");
        return 1;
    }
    size_t have = 0;
    unsigned long long words = 0;
    int eof = 0;

    while (!eof) {
        size_t n = fread(buf + have, 1, CHUNK, f);
        if (n < CHUNK) {
            if (ferror(f)) {
                perror(argv[1]);
                return 1;
            }
            eof = 1;
        }
        have += n;
        size_t use = cut_point(buf, have, eof);
        if (use > 0) {
            ut = utext_openUTF8(ut, buf, (int64_t)use, &st);
            ubrk_setUText(bi, ut, &st);
            if (U_FAILURE(st)) {
                fprintf(stderr, "utext/ubrk: %s\n", u_errorName(st));
                return 1;
            }
            ubrk_first(bi);
            while (ubrk_next(bi) != UBRK_DONE) {
                int32_t s = ubrk_getRuleStatus(bi);
                if (s >= UBRK_WORD_LETTER && s < UBRK_WORD_LETTER_LIMIT)
                    words++;
            }
        }
        memmove(buf, buf + use, have - use);
        have -= use;
    }

    printf("%llu\n", words);
    ubrk_close(bi);
    utext_close(ut);
    free(buf);
    fclose(f);
    return 0;
}
