#include <pthread.h>
#include <string.h>

#include "alloc.h"
#include "strmap.h"
#include "verdicts.h"

/* Longer words are never looked up (lexicon.c's MAX_WORD_BYTES is less). */
#define KEY_MAX 256

struct lf_verdicts {
    pthread_mutex_t mu;
    lf_strmap words; /* n_user, word -> 1 right, 2 wrong */
    size_t max_words;
};

lf_verdicts *lf_verdicts_new(size_t max_words)
{
    lf_verdicts *v = lf_calloc(1, sizeof *v);
    if (!v)
        return NULL;
    if (pthread_mutex_init(&v->mu, NULL) != 0) {
        lf_free(v);
        return NULL;
    }
    lf_strmap_init(&v->words);
    v->max_words = max_words;
    return v;
}

void lf_verdicts_free(lf_verdicts *v)
{
    if (!v)
        return;
    pthread_mutex_destroy(&v->mu);
    lf_strmap_free(&v->words);
    lf_free(v);
}

/* The key: the user word count, then the word; 0 if it does not fit. */
static size_t key_of(char *key, uint32_t n_user, const char *word, size_t n)
{
    if (n > KEY_MAX - sizeof n_user)
        return 0;
    memcpy(key, &n_user, sizeof n_user);
    memcpy(key + sizeof n_user, word, n);
    return sizeof n_user + n;
}

int lf_verdicts_get(lf_verdicts *v, uint32_t n_user, const char *word, size_t n)
{
    char key[KEY_MAX];
    size_t kn = key_of(key, n_user, word, n);
    if (!kn)
        return -1;
    pthread_mutex_lock(&v->mu);
    const uint32_t *slot = lf_strmap_get(&v->words, key, kn);
    int ok = slot ? *slot == 1 : -1;
    pthread_mutex_unlock(&v->mu);
    return ok;
}

int lf_verdicts_put(lf_verdicts *v, uint32_t n_user, const char *word, size_t n, int ok)
{
    char key[KEY_MAX];
    size_t kn = key_of(key, n_user, word, n);
    if (!kn)
        return 0;
    int rc = 0;
    pthread_mutex_lock(&v->mu);
    if (lf_strmap_count(&v->words) < v->max_words &&
        !lf_strmap_put(&v->words, key, kn, ok ? 1 : 2))
        rc = -1;
    pthread_mutex_unlock(&v->mu);
    return rc;
}
