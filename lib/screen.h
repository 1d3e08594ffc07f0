/* Screening real-word units by type, within one scan.
 *
 * Scoring a dictionary word in context as each damaged word it could be
 * (the as theft, in a document that drops ft) is most of the work on
 * damaged text, and for most word types it only ever confirms the word.
 * A document is damaged by one font, the same way throughout, so its first
 * occurrences of a word tell how its later ones will fare: once
 * LF_SCREEN_UNITS units of a type have been scored and at most
 * LF_SCREEN_SLIPS of them, and one more for every LF_SCREEN_SLIP_EVERY
 * scored, gave a damaged reading a posterior of LF_SCREEN_POST or more,
 * the type is settled, and its later units in the scan are taken as
 * written without scoring. A type whose damage shows (let for left) keeps
 * being scored at every occurrence; one whose damaged readings get a look
 * in only now and then (4 times in 900, 3 of them early) settles later.
 *
 * The numbers were chosen on our own damaged sets (build/train), not the
 * evaluation's: there, 0.015% of the repairs were lost and over half the
 * real-word units went unscored (README, "Speed"). */
#ifndef LF_SCREEN_H
#define LF_SCREEN_H
#include <stddef.h>
#include <stdint.h>

#define LF_SCREEN_UNITS 64
#define LF_SCREEN_POST 0.003
#define LF_SCREEN_SLIPS 2
#define LF_SCREEN_SLIP_EVERY 200

typedef struct {
    uint16_t *seen; /* per type: units scored (saturating) */
    uint16_t *slips; /* per type: those whose damaged readings reached LF_SCREEN_POST */
    size_t n;
} lf_screen;

/* Room for types [0, ntypes), none seen yet: 0, or -1 out of memory
 * (s is then as lf_screen_free leaves it). */
int lf_screen_begin(lf_screen *s, size_t ntypes);
void lf_screen_free(lf_screen *s);

/* A unit of type ti was scored; post: the highest posterior of its
 * damaged readings. */
void lf_screen_note(lf_screen *s, uint32_t ti, double post);

/* Whether type ti's later units need no scoring. */
int lf_screen_settled(const lf_screen *s, uint32_t ti);

#endif
