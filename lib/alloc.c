#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ligfix.h"

static ligfix_malloc_fn hook_malloc = malloc;
static ligfix_realloc_fn hook_realloc = realloc;
static ligfix_free_fn hook_free = free;

void ligfix_set_allocator(ligfix_malloc_fn m, ligfix_realloc_fn r, ligfix_free_fn f)
{
    /* All three or none: a mixed set would free with the wrong allocator. */
    if (m && r && f) {
        hook_malloc = m;
        hook_realloc = r;
        hook_free = f;
    } else {
        hook_malloc = malloc;
        hook_realloc = realloc;
        hook_free = free;
    }
}

void *lf_malloc(size_t n) { return hook_malloc(n ? n : 1); }

void *lf_calloc(size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size)
        return NULL;
    void *p = lf_malloc(count * size);
    if (p)
        memset(p, 0, count * size > 0 ? count * size : 1);
    return p;
}

void *lf_realloc(void *p, size_t n) { return hook_realloc(p, n ? n : 1); }

void lf_free(void *p)
{
    if (p)
        hook_free(p);
}

void ligfix_free(void *p) { lf_free(p); }

char *lf_strndup(const char *s, size_t n)
{
    char *d = lf_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}
