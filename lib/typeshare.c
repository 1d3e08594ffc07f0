#include <string.h>

#include "gencache.h"
#include "typeshare.h"
#include "units.h"

/* The part of a type record that does not change, as stored: its lower-
 * case form follows it. */
typedef struct {
    uint64_t upper;
    uint8_t valid, capital, nclean;
    uint8_t clean[6];
} head;

#define HEAD_MAX (sizeof(head) + WORD_MAX)
_Static_assert(sizeof(((head *)0)->clean) == sizeof(((lf_type_rec *)0)->clean),
               "a stored record keeps every clean group");

/* Everything a record depends on besides the model's data and the user
 * words: the checker's groups and modes (they bound the readings). */
typedef struct {
    uint32_t modes;
    lf_group_mask groups;
} key_head;

#define KEY_MAX (1 + sizeof(uint32_t) + sizeof(key_head) + WORD_MAX)

static size_t type_key(const ligfix_checker *c, char *key, const char *s, size_t n)
{
    key_head k;
    memset(&k, 0, sizeof k); /* padding is part of the key */
    k.modes = c->modes;
    k.groups = c->groups;
    return lf_gencache_key(c, key, 'T', &k, sizeof k, s, n);
}

int lf_typeshare_get(ligfix_checker *c, const char *s, size_t n, lf_type_rec *rec)
{
    if (!c->model->types || n > WORD_MAX)
        return 0;
    char key[KEY_MAX];
    size_t kn = type_key(c, key, s, n);
    char buf[HEAD_MAX];
    size_t hl = 0;
    uint32_t off = (uint32_t)c->tcands.n;
    int got = lf_gencache_get_head(c->model->types, key, kn, buf, sizeof buf, &hl, &c->tcands,
                                   &c->tpool);
    if (got <= 0)
        return got;
    head h;
    memcpy(&h, buf, sizeof h);
    memset(rec, 0, sizeof *rec);
    rec->valid = h.valid;
    rec->capital = h.capital;
    rec->upper = h.upper;
    rec->nclean = h.nclean;
    memcpy(rec->clean, h.clean, sizeof rec->clean);
    rec->cand_off = off;
    rec->ncand = (uint32_t)(c->tcands.n - off);
    size_t ll = hl - sizeof h;
    if (ll) {
        long lo = lf_vec_append(&c->tpool, buf + sizeof h, ll);
        if (lo < 0)
            return -1;
        rec->lower_off = (uint32_t)lo;
        rec->lower_len = (uint16_t)ll;
    }
    return 1;
}

int lf_typeshare_put(const ligfix_checker *c, const char *s, size_t n, const lf_type_rec *rec)
{
    if (!c->model->types || n > WORD_MAX || rec->lower_len > WORD_MAX)
        return 0;
    char key[KEY_MAX];
    size_t kn = type_key(c, key, s, n);
    head h;
    memset(&h, 0, sizeof h);
    h.upper = rec->upper;
    h.valid = rec->valid;
    h.capital = rec->capital;
    h.nclean = rec->nclean;
    memcpy(h.clean, rec->clean, sizeof h.clean);
    char buf[HEAD_MAX];
    memcpy(buf, &h, sizeof h);
    if (rec->lower_len)
        memcpy(buf + sizeof h, (const char *)c->tpool.v + rec->lower_off, rec->lower_len);
    return lf_gencache_put_head(c->model->types, key, kn, buf, sizeof h + rec->lower_len,
                                &c->tcands, rec->cand_off, rec->ncand, &c->tpool);
}
