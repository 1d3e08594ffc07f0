/* A scan's record of the n-gram probabilities its scoring looked up,
 * cluster by cluster. The real-word rounds score a cluster again with new
 * shares of the document but the same words and readings, so the same
 * n-grams in the same order: they are read back from the tape instead of
 * looked up again. An entry is only read back for the n-gram it records;
 * anything else is looked up as usual. */
#ifndef LF_LMTAPE_H
#define LF_LMTAPE_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t x, y, z;
    float p;
} lf_lmtape_entry;

typedef struct {
    lf_lmtape_entry *v;
    size_t n, cap;
    int recording;  /* lf_lmtape_put appends (room was reserved) */
    size_t at, end; /* reading back v[at .. end) */
} lf_lmtape;

/* Empties the tape, neither recording nor reading back. */
void lf_lmtape_clear(lf_lmtape *t);
/* Starts recording, with room for at least more entries: 0, or -1 when out
 * of memory (then nothing is recorded). */
int lf_lmtape_record(lf_lmtape *t, size_t more);
/* Starts reading back entries [from, to). */
void lf_lmtape_replay(lf_lmtape *t, size_t from, size_t to);
/* Stops recording or reading back. */
void lf_lmtape_stop(lf_lmtape *t);
/* Reading back: 1 and *p if the next entry is x y z (and moves past it),
 * else 0. */
int lf_lmtape_next(lf_lmtape *t, uint32_t x, uint32_t y, uint32_t z, float *p);
/* Recording: appends x y z -> p where room was reserved. */
void lf_lmtape_put(lf_lmtape *t, uint32_t x, uint32_t y, uint32_t z, float p);
void lf_lmtape_free(lf_lmtape *t);

#endif
