/* icu_hunspell — "ICU + Hunspell on every word" baseline for `make bench`.
 *
 * The same ICU walk as icu_words (icu_walk.h); every letter word is copied
 * to a NUL-terminated buffer (words longer than MAX_WORD bytes are skipped)
 * and checked with Hunspell_spell(). Prints the number of misspelled words.
 *
 * usage: icu_hunspell FILE [AFF DIC]
 *        (default dictionary: /usr/share/hunspell/en_US.{aff,dic})
 */
#include <hunspell.h>

#include "icu_walk.h"

#define MAX_WORD 100

typedef struct {
    Hunhandle *h;
    unsigned long long bad;
} spell_state;

static void spell(const char *w, size_t n, void *ud)
{
    spell_state *s = ud;
    char word[MAX_WORD + 1];
    if (n > MAX_WORD)
        return;
    memcpy(word, w, n);
    word[n] = '\0';
    if (!Hunspell_spell(s->h, word))
        s->bad++;
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
    spell_state s = {Hunspell_create(aff, dic), 0};
    if (!s.h) {
        fprintf(stderr, "Hunspell_create failed\n");
        return 1;
    }
    int rc = icu_walk(argv[1], spell, &s);
    Hunspell_destroy(s.h);
    if (rc)
        return 1;
    printf("%llu\n", s.bad);
    return 0;
}
