#include <hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "lexicon.h"
#include "strmap.h"
#include "verdicts.h"

/* Hunspell refuses longer words; longer tokens are never dictionary words. */
#define MAX_WORD_BYTES 100
/* The cache is dropped when it grows past this, to keep memory bounded. */
#define CACHE_MAX_TYPES 300000

/* Hunspell keeps a process-wide Unicode table (csutil.cxx: utf_tbl) with a
 * plain reference count that Hunspell_create and Hunspell_destroy update
 * without a lock. Checkers on several threads made and freed handles at
 * once and raced on it: tables leaked (LeakSanitizer, threads suite) and one
 * could be freed while another handle still used it. Creation and
 * destruction are therefore serialized; spelling needs no lock. */
static pthread_mutex_t hunspell_lock = PTHREAD_MUTEX_INITIALIZER;

struct lf_lexicon {
    char *aff, *dic;
    const char **user_words; /* a copy of the array: the model's may move */
    size_t n_user;
    Hunhandle *h;
    lf_strmap cache; /* value: 1 valid, 2 invalid */
    lf_verdicts *shared; /* NULL: none */
};

static char *join(const char *base, const char *ext)
{
    size_t n = strlen(base), e = strlen(ext);
    char *s = lf_malloc(n + e + 1);
    if (s) {
        memcpy(s, base, n);
        memcpy(s + n, ext, e + 1);
    }
    return s;
}

static int readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int ok = fgetc(f) != EOF;
    fclose(f);
    return ok;
}

int lf_lexicon_probe(const char *base, ligfix_error *err)
{
    static const char *const ext[] = {".aff", ".dic"};
    for (int i = 0; i < 2; i++) {
        char *p = join(base, ext[i]);
        if (!p)
            return lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory");
        int ok = readable(p);
        if (!ok)
            lf_error_set(err, LIGFIX_ERR_DICTIONARY, "cannot read dictionary file %s", p);
        lf_free(p);
        if (!ok)
            return LIGFIX_ERR_DICTIONARY;
    }
    return LIGFIX_OK;
}

lf_lexicon *lf_lexicon_new(const char *base, const char *const *user_words, size_t n_user,
                           lf_verdicts *shared, ligfix_error *err)
{
    lf_lexicon *lx = lf_calloc(1, sizeof *lx);
    if (lx) {
        lf_strmap_init(&lx->cache);
        lx->aff = join(base, ".aff");
        lx->dic = join(base, ".dic");
        lx->user_words = n_user ? lf_malloc(n_user * sizeof *lx->user_words) : NULL;
    }
    if (!lx || !lx->aff || !lx->dic || (n_user && !lx->user_words)) {
        lf_lexicon_free(lx);
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory creating the lexicon");
        return NULL;
    }
    for (size_t i = 0; i < n_user; i++)
        lx->user_words[i] = user_words[i];
    lx->n_user = n_user;
    lx->shared = shared;
    return lx;
}

void lf_lexicon_free(lf_lexicon *lx)
{
    if (!lx)
        return;
    if (lx->h) {
        pthread_mutex_lock(&hunspell_lock);
        Hunspell_destroy(lx->h);
        pthread_mutex_unlock(&hunspell_lock);
    }
    lf_strmap_free(&lx->cache);
    lf_free(lx->user_words);
    lf_free(lx->aff);
    lf_free(lx->dic);
    lf_free(lx);
}

static int open_handle(lf_lexicon *lx)
{
    pthread_mutex_lock(&hunspell_lock); /* see hunspell_lock */
    lx->h = Hunspell_create(lx->aff, lx->dic);
    pthread_mutex_unlock(&hunspell_lock);
    if (!lx->h)
        return -1;
    for (size_t i = 0; i < lx->n_user; i++)
        Hunspell_add(lx->h, lx->user_words[i]);
    return 0;
}

/* Remembers a verdict in the lexicon's own cache; 0, or -1 on allocation
 * failure. */
static int remember(lf_lexicon *lx, const char *word, size_t n, int ok)
{
    if (lf_strmap_count(&lx->cache) >= CACHE_MAX_TYPES)
        lf_strmap_clear(&lx->cache);
    return lf_strmap_put(&lx->cache, word, n, ok ? 1 : 2) ? 0 : -1;
}

int lf_lexicon_check(lf_lexicon *lx, const char *word, size_t n)
{
    if (n == 0 || n > MAX_WORD_BYTES || memchr(word, '\0', n))
        return 0;
    uint32_t *v = lf_strmap_get(&lx->cache, word, n);
    if (v)
        return *v == 1;
    int ok = lx->shared ? lf_verdicts_get(lx->shared, (uint32_t)lx->n_user, word, n) : -1;
    if (ok >= 0)
        return remember(lx, word, n, ok) < 0 ? -1 : ok;
    if (!lx->h && open_handle(lx) < 0)
        return -1;
    char buf[MAX_WORD_BYTES + 1];
    memcpy(buf, word, n);
    buf[n] = '\0';
    ok = Hunspell_spell(lx->h, buf) != 0;
    if (lx->shared && lf_verdicts_put(lx->shared, (uint32_t)lx->n_user, word, n, ok) < 0)
        return -1;
    return remember(lx, word, n, ok) < 0 ? -1 : ok;
}
