#include <hunspell.h>
#include <pthread.h>
#include <stdint.h>
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
 * destruction are therefore serialized; spelling with a handle of one's
 * own needs no lock. */
static pthread_mutex_t hunspell_lock = PTHREAD_MUTEX_INITIALIZER;

/* At most this many handles per speller: one per checker spelling at the
 * same moment, so that checkers on several threads need not wait for each
 * other's lookups (nor for a handle being made, some 60 ms), while a
 * program with many threads does not hold a dictionary per thread. */
#define SPELLER_HANDLES 8

struct lf_speller {
    pthread_mutex_t mu;   /* guards the fields below; never held to spell */
    pthread_cond_t freed; /* a handle was given back */
    char *aff, *dic;
    Hunhandle *h[SPELLER_HANDLES]; /* NULL: not made (or making it failed) */
    uint8_t busy[SPELLER_HANDLES]; /* in use by a lexicon, or being made */
    int bound;      /* n_user is set: by the first lexicon that spelled */
    size_t n_user;  /* the user words every handle is given */
};

struct lf_lexicon {
    char *aff, *dic;
    const char **user_words; /* a copy of the array: the model's may move */
    size_t n_user;
    Hunhandle *h;
    lf_strmap cache; /* value: 1 valid, 2 invalid */
    lf_verdicts *shared; /* NULL: none */
    lf_speller *speller; /* NULL: none */
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
                           lf_verdicts *shared, lf_speller *speller, ligfix_error *err)
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
    lx->speller = speller;
    return lx;
}

/* A handle with the given user words, NULL if Hunspell cannot make one. */
static Hunhandle *open_handle(const char *aff, const char *dic, const char *const *user_words,
                              size_t n_user)
{
    pthread_mutex_lock(&hunspell_lock); /* see hunspell_lock */
    Hunhandle *h = Hunspell_create(aff, dic);
    pthread_mutex_unlock(&hunspell_lock);
    for (size_t i = 0; h && i < n_user; i++)
        Hunspell_add(h, user_words[i]);
    return h;
}

static void close_handle(Hunhandle *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&hunspell_lock);
    Hunspell_destroy(h);
    pthread_mutex_unlock(&hunspell_lock);
}

lf_speller *lf_speller_new(const char *base)
{
    lf_speller *sp = lf_calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    if (pthread_mutex_init(&sp->mu, NULL) != 0) {
        lf_free(sp);
        return NULL;
    }
    if (pthread_cond_init(&sp->freed, NULL) != 0) {
        pthread_mutex_destroy(&sp->mu);
        lf_free(sp);
        return NULL;
    }
    sp->aff = join(base, ".aff");
    sp->dic = join(base, ".dic");
    if (!sp->aff || !sp->dic) {
        lf_speller_free(sp);
        return NULL;
    }
    return sp;
}

void lf_speller_free(lf_speller *sp)
{
    if (!sp)
        return;
    for (int k = 0; k < SPELLER_HANDLES; k++)
        close_handle(sp->h[k]);
    pthread_cond_destroy(&sp->freed);
    pthread_mutex_destroy(&sp->mu);
    lf_free(sp->aff);
    lf_free(sp->dic);
    lf_free(sp);
}

int lf_speller_handles(lf_speller *sp, int *in_use)
{
    int made = 0, busy = 0;
    pthread_mutex_lock(&sp->mu);
    for (int k = 0; k < SPELLER_HANDLES; k++) {
        made += sp->h[k] != NULL;
        busy += sp->busy[k];
    }
    pthread_mutex_unlock(&sp->mu);
    if (in_use)
        *in_use = busy;
    return made;
}

/* A slot of sp's for a lexicon to take: one holding a free handle, else
 * an empty one, else -1 (every handle in use). Called with sp->mu held. */
static int free_slot(const lf_speller *sp)
{
    int empty = -1;
    for (int k = 0; k < SPELLER_HANDLES; k++) {
        if (sp->busy[k])
            continue;
        if (sp->h[k])
            return k;
        if (empty < 0)
            empty = k;
    }
    return empty;
}

/* A handle of sp's for lexicon lx to spell with alone: the index of one
 * that is free, else of one made now (if fewer than SPELLER_HANDLES are
 * made; else it waits for one); -1 if no handle could be made, -2 if the
 * handles have other user words than lx. */
static int take_handle(lf_speller *sp, const lf_lexicon *lx)
{
    pthread_mutex_lock(&sp->mu);
    if (!sp->bound) {
        sp->bound = 1;
        sp->n_user = lx->n_user;
    }
    if (sp->n_user != lx->n_user) {
        pthread_mutex_unlock(&sp->mu);
        return -2;
    }
    int k;
    while ((k = free_slot(sp)) < 0)
        pthread_cond_wait(&sp->freed, &sp->mu);
    sp->busy[k] = 1;
    int make = !sp->h[k];
    pthread_mutex_unlock(&sp->mu);
    if (!make)
        return k;
    /* made outside the lock: the others go on spelling meanwhile */
    Hunhandle *h = open_handle(sp->aff, sp->dic, lx->user_words, lx->n_user);
    pthread_mutex_lock(&sp->mu);
    sp->h[k] = h;
    if (!h) {
        sp->busy[k] = 0;
        pthread_cond_signal(&sp->freed);
    }
    pthread_mutex_unlock(&sp->mu);
    return h ? k : -1;
}

static void give_back(lf_speller *sp, int k)
{
    pthread_mutex_lock(&sp->mu);
    sp->busy[k] = 0;
    pthread_cond_signal(&sp->freed);
    pthread_mutex_unlock(&sp->mu);
}

/* Hunspell's verdict on buf with one of the shared handles: 1, 0, -1 if
 * no handle could be made, -2 if the handles have other user words than
 * lx. */
static int spell_shared(lf_lexicon *lx, const char *buf)
{
    lf_speller *sp = lx->speller;
    int k = take_handle(sp, lx);
    if (k < 0)
        return k;
    int ok = Hunspell_spell(sp->h[k], buf) != 0;
    give_back(sp, k);
    return ok;
}

/* Hunspell's verdict on buf: 1, 0, or -1 if no handle could be made. */
static int spell(lf_lexicon *lx, const char *buf)
{
    int ok = lx->speller ? spell_shared(lx, buf) : -2;
    if (ok != -2)
        return ok;
    if (!lx->h && !(lx->h = open_handle(lx->aff, lx->dic, lx->user_words, lx->n_user)))
        return -1;
    return Hunspell_spell(lx->h, buf) != 0;
}

void lf_lexicon_free(lf_lexicon *lx)
{
    if (!lx)
        return;
    close_handle(lx->h);
    lf_strmap_free(&lx->cache);
    lf_free(lx->user_words);
    lf_free(lx->aff);
    lf_free(lx->dic);
    lf_free(lx);
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
    char buf[MAX_WORD_BYTES + 1];
    memcpy(buf, word, n);
    buf[n] = '\0';
    if ((ok = spell(lx, buf)) < 0)
        return -1;
    if (lx->shared && lf_verdicts_put(lx->shared, (uint32_t)lx->n_user, word, n, ok) < 0)
        return -1;
    return remember(lx, word, n, ok) < 0 ? -1 : ok;
}
