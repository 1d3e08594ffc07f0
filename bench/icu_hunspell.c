/* icu_hunspell — "ICU + Hunspell on every word" baseline for `make bench`.
 *
 * Same chunked ICU word-break iteration as icu_words.c; every word with a
 * letter rule status is copied to a NUL-terminated buffer (words longer than
 * MAX_WORD bytes are skipped) and checked with Hunspell_spell().  Prints the
 * number of misspelled words.
 *
 * usage: icu_hunspell FILE [AFF DIC]
 *        (default dictionary: /usr/share/hunspell/en_US.{aff,dic})
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hunspell.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#define CHUNK (8u << 20) /* 8 MiB per read */
#define MAX_WORD 100

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
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: %s FILE [AFF DIC]\n", argv[0]);
        return 2;
    }
    const char *aff = argc == 4 ? argv[2] : "/usr/share/hunspell/en_US.aff";
    const char *dic = argc == 4 ? argv[3] : "/usr/share/hunspell/en_US.dic";

    FILE *probe = fopen(dic, "rb");
    if (!probe) {
        perror(dic);
        return 1;
    }
    fclose(probe);
    Hunhandle *hh = Hunspell_create(aff, dic);
    if (!hh) {
        fprintf(stderr, "Hunspell_create failed\n");
        return 1;
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
    char word[MAX_WORD + 1];
    size_t have = 0;
    unsigned long long bad = 0;
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
            /* For a UTF-8 UText, boundaries are byte offsets into buf. */
            int32_t start = ubrk_first(bi), end;
            for (; (end = ubrk_next(bi)) != UBRK_DONE; start = end) {
                int32_t s = ubrk_getRuleStatus(bi);
                if (s < UBRK_WORD_LETTER || s >= UBRK_WORD_LETTER_LIMIT)
                    continue;
                size_t len = (size_t)(end - start);
                if (len > MAX_WORD)
                    continue;
                memcpy(word, buf + start, len);
                word[len] = '\0';
                if (!Hunspell_spell(hh, word))
                    bad++;
            }
        }
        memmove(buf, buf + use, have - use);
        have -= use;
    }

    printf("%llu\n", bad);
    ubrk_close(bi);
    utext_close(ut);
    Hunspell_destroy(hh);
    free(buf);
    fclose(f);
    return 0;
}
