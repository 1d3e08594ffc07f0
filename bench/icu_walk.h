/* The chunked ICU word walk both reference programs share: reads FILE in
 * 8 MiB chunks cut after whitespace (no word or UTF-8 sequence straddles
 * two chunks; the tail is carried over) and calls on_word for every word
 * whose rule status is a letter status. Static inline so the baselines pay
 * no call per word. Returns 0, or 1 after printing an error. */
#ifndef BENCH_ICU_WALK_H
#define BENCH_ICU_WALK_H
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

static inline int icu_walk(const char *path, void (*on_word)(const char *w, size_t n, void *ud),
                           void *ud)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "ubrk_open: %s\n", u_errorName(st));
        fclose(f);
        return 1;
    }
    UText *ut = NULL;
    char *buf = malloc(2 * (size_t)CHUNK);
    if (!buf) {
        perror("malloc");
        ubrk_close(bi);
        fclose(f);
        return 1;
    }
    size_t have = 0;
    int eof = 0, rc = 0;
    while (!eof && !rc) {
        size_t n = fread(buf + have, 1, CHUNK, f);
        if (n < CHUNK) {
            if (ferror(f)) {
                perror(path);
                rc = 1;
                break;
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
                rc = 1;
                break;
            }
            /* For a UTF-8 UText, boundaries are byte offsets into buf. */
            int32_t start = ubrk_first(bi), end;
            for (; (end = ubrk_next(bi)) != UBRK_DONE; start = end) {
                int32_t s = ubrk_getRuleStatus(bi);
                if (s >= UBRK_WORD_LETTER && s < UBRK_WORD_LETTER_LIMIT)
                    on_word(buf + start, (size_t)(end - start), ud);
            }
        }
        memmove(buf, buf + use, have - use);
        have -= use;
    }
    ubrk_close(bi);
    utext_close(ut);
    free(buf);
    fclose(f);
    return rc;
}

#endif
