#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "localvotes.h"

typedef struct {
    uint32_t off;
    uint8_t key, group;
    float w;
} lf_local_vote;

int lf_localvotes_key(const char *key, size_t n)
{
    unsigned char b = n == 1 ? (unsigned char)key[0] : 0;
    return b >= 1 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f';
}

void lf_localvotes_init(lf_localvotes *lv)
{
    memset(lv, 0, sizeof *lv);
    lf_vec_init(&lv->votes, sizeof(lf_local_vote));
}

void lf_localvotes_clear(lf_localvotes *lv)
{
    lv->votes.n = 0;
    lv->sealed = 0;
}

int lf_localvotes_add(lf_localvotes *lv, uint32_t off, unsigned char key, int group, double w)
{
    lf_local_vote *v = lf_vec_push(&lv->votes);
    if (!v)
        return -1;
    *v = (lf_local_vote){off, key & 31, (uint8_t)group, (float)w};
    lv->sealed = 0;
    return 0;
}

static int by_key_off(const void *a, const void *b)
{
    const lf_local_vote *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->off < y->off ? -1 : x->off > y->off;
}

int lf_localvotes_seal(lf_localvotes *lv)
{
    size_t g = (size_t)lf_group_count, n = lv->votes.n;
    lf_local_vote *v = lv->votes.v;
    lf_free(lv->sums);
    lv->sums = NULL;
    if (n)
        qsort(v, n, sizeof *v, by_key_off);
    /* one row of sums per vote and one more: the votes before it */
    if (!(lv->sums = lf_calloc((n + 1) * g, sizeof *lv->sums)))
        return -1;
    for (size_t k = 0; k < n; k++) {
        memcpy(lv->sums + (k + 1) * g, lv->sums + k * g, g * sizeof *lv->sums);
        lv->sums[(k + 1) * g + v[k].group] += v[k].w;
    }
    for (size_t c = 0, k = 0; c <= 32; c++) {
        while (k < n && v[k].key < c)
            k++;
        lv->key_start[c] = k;
    }
    lv->sealed = 1;
    return 0;
}

/* The first of v[lo .. hi) at offset off or after. */
static size_t first_at(const lf_local_vote *v, size_t lo, size_t hi, uint32_t off)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

double lf_localvotes_near(const lf_localvotes *lv, unsigned char key, uint32_t off,
                          uint32_t window, double *v)
{
    size_t g = (size_t)lf_group_count;
    memset(v, 0, g * sizeof *v);
    if (!lv->sealed || !lv->votes.n)
        return 0;
    key &= 31;
    const lf_local_vote *all = lv->votes.v;
    size_t lo = lv->key_start[key], hi = lv->key_start[key + 1];
    size_t a = first_at(all, lo, hi, off > window ? off - window : 0);
    size_t b = first_at(all, a, hi, off + window < off ? UINT32_MAX : off + window + 1);
    double total = 0;
    for (size_t k = 0; k < g; k++) {
        v[k] = (double)lv->sums[b * g + k] - (double)lv->sums[a * g + k];
        total += v[k];
    }
    return total;
}

void lf_localvotes_free(lf_localvotes *lv)
{
    lf_vec_free(&lv->votes);
    lf_free(lv->sums);
    lf_localvotes_init(lv);
}
