/* Allocation through the caller's hooks (ligfix_set_allocator). Every
 * allocation in the library goes through here so tests can fail each one. */
#ifndef LF_ALLOC_H
#define LF_ALLOC_H
#include <stddef.h>

void *lf_malloc(size_t n);
void *lf_calloc(size_t count, size_t size);
void *lf_realloc(void *p, size_t n);
void lf_free(void *p);
char *lf_strndup(const char *s, size_t n);

#endif
