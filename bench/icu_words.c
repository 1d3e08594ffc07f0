/* icu_words — "tokenizing alone" baseline for `make bench`: ICU word-break
 * iteration over FILE as UTF-8 (see icu_walk.h); prints the number of
 * letter words.
 *
 * usage: icu_words FILE
 */
#include "icu_walk.h"

static void count(const char *w, size_t n, void *ud)
{
    (void)w;
    (void)n;
    ++*(unsigned long long *)ud;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    unsigned long long words = 0;
    if (icu_walk(argv[1], count, &words))
        return 1;
    printf("%llu\n", words);
    return 0;
}
