#define _DEFAULT_SOURCE /* madvise */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#if defined(__GLIBC__)
#include <malloc.h> /* malloc_usable_size */
#endif

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

/* Fresh memory is faulted in a page at a time as it is first written, and
 * on a virtual machine each fault is dear (some 15 us: touching 64 MiB page
 * by page took 250 ms where one MADV_POPULATE_WRITE call over it took
 * 16 ms). A scan's large blocks (tokens, units, readings, caches) are
 * written through soon after they are made, so they are faulted in at
 * once; pages already there cost the call a glance. Only with the C
 * library's allocator: a caller's may hand out memory it means to keep
 * untouched. A hint: where the call is unknown nothing changes. */
#define PREFAULT_MIN ((size_t)256 << 10)
#define PAGE ((uintptr_t)4096)

static void *prefaulted(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    if (p && n >= PREFAULT_MIN && hook_malloc == malloc) {
        uintptr_t a = ((uintptr_t)p + PAGE - 1) & ~(PAGE - 1);
        uintptr_t b = ((uintptr_t)p + n) & ~(PAGE - 1);
        if (b > a)
            (void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
    }
#else
    (void)n;
#endif
    return p;
}

void *lf_malloc(size_t n) { return prefaulted(hook_malloc(n ? n : 1), n); }

void *lf_calloc(size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size)
        return NULL;
    void *p = lf_malloc(count * size);
    if (p)
        memset(p, 0, count * size > 0 ? count * size : 1);
    return p;
}

/* Growing a large block: the C library's realloc copies it into fresh
 * pages, a fault each; a new block faulted in at once takes the copy. */
static void *grown(void *p, size_t n)
{
#if defined(MADV_POPULATE_WRITE) && defined(__GLIBC__)
    size_t old = malloc_usable_size(p);
    if (n > old) {
        void *q = prefaulted(malloc(n), n);
        if (q) {
            memcpy(q, p, old);
            free(p);
        }
        return q;
    }
#endif
    return prefaulted(realloc(p, n), n);
}

void *lf_realloc(void *p, size_t n)
{
    if (p && n >= PREFAULT_MIN && hook_realloc == realloc)
        return grown(p, n);
    return prefaulted(hook_realloc(p, n ? n : 1), n);
}

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
