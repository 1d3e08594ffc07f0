#include <string.h>

#include "alloc.h"
#include "typecache.h"

#define NSLOTS ((size_t)1 << LF_TYPECACHE_BITS)

int lf_typecache_init(lf_typecache *tc)
{
    tc->slots = lf_calloc(NSLOTS, sizeof *tc->slots);
    return tc->slots ? 0 : -1;
}

void lf_typecache_put(lf_typecache *tc, const char *s, size_t n, uint32_t type)
{
    if (!tc->slots || n == 0 || n > LF_TYPECACHE_KEY_MAX)
        return;
    uint64_t head, tail;
    lf_typecache_key(s, n, &head, &tail);
    tc->slots[lf_typecache_slot_of(head, tail, n)] = (lf_typecache_slot){head, tail, (uint32_t)n, type};
}

void lf_typecache_clear(lf_typecache *tc)
{
    if (tc->slots)
        memset(tc->slots, 0, NSLOTS * sizeof *tc->slots);
}

void lf_typecache_free(lf_typecache *tc)
{
    lf_free(tc->slots);
    tc->slots = NULL;
}
