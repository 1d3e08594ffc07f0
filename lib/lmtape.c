#include "alloc.h"
#include "lmtape.h"

void lf_lmtape_clear(lf_lmtape *t)
{
    t->n = 0;
    lf_lmtape_stop(t);
}

int lf_lmtape_record(lf_lmtape *t, size_t more)
{
    lf_lmtape_stop(t);
    if (t->n + more > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->n + more)
            cap *= 2;
        lf_lmtape_entry *v = lf_realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    t->recording = 1;
    return 0;
}

void lf_lmtape_replay(lf_lmtape *t, size_t from, size_t to)
{
    lf_lmtape_stop(t);
    t->at = from;
    t->end = to <= t->n ? to : t->n;
}

void lf_lmtape_stop(lf_lmtape *t)
{
    t->recording = 0;
    t->at = t->end = 0;
}

int lf_lmtape_next(lf_lmtape *t, uint32_t x, uint32_t y, uint32_t z, float *p)
{
    if (t->at >= t->end)
        return 0;
    const lf_lmtape_entry *e = &t->v[t->at];
    if (e->x != x || e->y != y || e->z != z)
        return 0;
    *p = e->p;
    t->at++;
    return 1;
}

void lf_lmtape_put(lf_lmtape *t, uint32_t x, uint32_t y, uint32_t z, float p)
{
    if (t->recording && t->n < t->cap)
        t->v[t->n++] = (lf_lmtape_entry){x, y, z, p};
}

void lf_lmtape_free(lf_lmtape *t)
{
    lf_free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
    lf_lmtape_stop(t);
}
