/* Placeholder votes by place in the text. A font subset numbers its glyphs
 * anew, and an extraction through PostScript gives each page its own
 * subset: a control code (\x01) stands for ch on one page and Th on the
 * next. What a control stands for is read from its votes nearby; the
 * document's votes (evidence.h) only fill in where there are few. */
#ifndef LF_LOCALVOTES_H
#define LF_LOCALVOTES_H
#include <stddef.h>
#include <stdint.h>

#include "damage.h"
#include "vec.h"

typedef struct {
    lf_vec votes;     /* lf_local_vote, as added; sorted by key, then offset, once sealed */
    float *sums;      /* sealed: sums[k * G + g], group g's votes in v[0 .. k) */
    size_t key_start[33]; /* sealed: key c's votes are v[key_start[c] .. key_start[c + 1]) */
    int sealed;
} lf_localvotes;

/* Whether a placeholder key (key[0 .. n)) is a control code, counted by
 * place: one byte below 0x20 other than a tab or a line end. */
int lf_localvotes_key(const char *key, size_t n);

void lf_localvotes_init(lf_localvotes *lv);
/* Forgets every vote (keeps the memory). */
void lf_localvotes_clear(lf_localvotes *lv);
/* A vote w for group at byte offset off for control key (lf_localvotes_key);
 * 0, or -1 when out of memory. Unseals. */
int lf_localvotes_add(lf_localvotes *lv, uint32_t off, unsigned char key, int group, double w);
/* Ready for lf_localvotes_near: 0, or -1 when out of memory. */
int lf_localvotes_seal(lf_localvotes *lv);
/* The votes for key within window bytes of off, per group into v[0 ..
 * lf_group_count); returns their total (0 if unsealed or none). */
double lf_localvotes_near(const lf_localvotes *lv, unsigned char key, uint32_t off,
                          uint32_t window, double *v);
void lf_localvotes_free(lf_localvotes *lv);

#endif
