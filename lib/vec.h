/* A growable array of fixed-size elements (size bytes each). */
#ifndef LF_VEC_H
#define LF_VEC_H
#include <stddef.h>

typedef struct {
    void *v;
    size_t n, cap, size;
} lf_vec;

void lf_vec_init(lf_vec *v, size_t size);
void *lf_vec_push(lf_vec *v);
/* Appends n bytes to a char vector; returns their offset or -1. */
long lf_vec_append(lf_vec *v, const char *s, size_t n);
int lf_vec_reserve(lf_vec *v, size_t n);
/* Makes v n elements long, every byte of them set to byte (a per-token
 * table a scan starts afresh): 0, or -1 when out of memory. */
int lf_vec_fill(lf_vec *v, size_t n, int byte);
void lf_vec_free(lf_vec *v);

#endif
