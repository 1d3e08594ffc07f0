/* Screening real-word units by type (screen.h). */
#include "screen.h"

#include "alloc.h"

int lf_screen_begin(lf_screen *s, size_t ntypes)
{
    s->seen = lf_calloc(ntypes + 1, sizeof *s->seen);
    s->slips = lf_calloc(ntypes + 1, sizeof *s->slips);
    s->n = ntypes;
    if (s->seen && s->slips)
        return 0;
    lf_screen_free(s);
    return -1;
}

void lf_screen_free(lf_screen *s)
{
    lf_free(s->seen);
    lf_free(s->slips);
    *s = (lf_screen){0};
}

void lf_screen_note(lf_screen *s, uint32_t ti, double post)
{
    if (ti >= s->n)
        return;
    if (s->seen[ti] < UINT16_MAX)
        s->seen[ti]++;
    if (post >= LF_SCREEN_POST && s->slips[ti] < UINT16_MAX)
        s->slips[ti]++;
}

int lf_screen_settled(const lf_screen *s, uint32_t ti)
{
    return ti < s->n && s->seen[ti] >= LF_SCREEN_UNITS &&
           s->slips[ti] <= LF_SCREEN_SLIPS + s->seen[ti] / LF_SCREEN_SLIP_EVERY;
}
