#include <string.h>

#include "alloc.h"
#include "pairmemo.h"

#define NSLOTS ((size_t)1 << LF_PAIRMEMO_BITS)

int lf_pairmemo_init(lf_pairmemo *m)
{
    m->slots = lf_calloc(NSLOTS, sizeof *m->slots);
    return m->slots ? 0 : -1;
}

void lf_pairmemo_clear(lf_pairmemo *m)
{
    if (m->slots)
        memset(m->slots, 0, NSLOTS * sizeof *m->slots);
}

void lf_pairmemo_free(lf_pairmemo *m)
{
    lf_free(m->slots);
    m->slots = NULL;
}
