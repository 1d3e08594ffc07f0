#include <string.h>

#include "alloc.h"
#include "vec.h"

void lf_vec_init(lf_vec *v, size_t size)
{
    memset(v, 0, sizeof *v);
    v->size = size;
}

int lf_vec_reserve(lf_vec *v, size_t n)
{
    if (n <= v->cap)
        return 0;
    size_t cap = v->cap ? v->cap : 64;
    while (cap < n)
        cap *= 2;
    void *p = lf_realloc(v->v, cap * v->size);
    if (!p)
        return -1;
    v->v = p;
    v->cap = cap;
    return 0;
}

int lf_vec_fill(lf_vec *v, size_t n, int byte)
{
    if (lf_vec_reserve(v, n) < 0)
        return -1;
    v->n = n;
    if (n)
        memset(v->v, byte, n * v->size);
    return 0;
}

void *lf_vec_push(lf_vec *v)
{
    if (lf_vec_reserve(v, v->n + 1) < 0)
        return NULL;
    void *e = (char *)v->v + v->n * v->size;
    memset(e, 0, v->size);
    v->n++;
    return e;
}

long lf_vec_append(lf_vec *v, const char *s, size_t n)
{
    if (lf_vec_reserve(v, v->n + n + 1) < 0)
        return -1;
    long off = (long)v->n;
    memcpy((char *)v->v + v->n, s, n);
    ((char *)v->v)[v->n + n] = '\0';
    v->n += n + 1;
    return off;
}

void lf_vec_free(lf_vec *v)
{
    lf_free(v->v);
    v->v = NULL;
    v->n = v->cap = 0;
}
