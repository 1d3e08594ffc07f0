/* The damage model: ligature groups x what an extractor made of the glyph
 * (modes), and the inverse: every reading of an observed word or fragment
 * run that some group/mode pair could have damaged into it. Knows nothing
 * of how candidates are judged. A new group or mode is a table entry. */
#ifndef LF_DAMAGE_H
#define LF_DAMAGE_H
#include <stddef.h>
#include <stdint.h>

#include "trigram.h"

enum {
    LF_MODE_LETTER,      /* last letter kept: after -> ater */
    LF_MODE_FIRST,       /* first letter kept: after -> afer */
    LF_MODE_VANISH,      /* glyph dropped: after -> aer */
    LF_MODE_SPACE,       /* glyph became a space (or a space followed it): a er */
    LF_MODE_PLACEHOLDER, /* glyph became a stray code point: a\uE039er */
    LF_MODE_CODEPOINT,   /* presentation form left in: U+FB01 */
    LF_MODE_COUNT
};

#define LF_GROUP_CAPITAL 1u /* only at a word's start, capitalised (Th) */

typedef struct {
    const char *letters; /* lower case */
    unsigned char len;
    unsigned flags;
} lf_group;

extern const lf_group lf_groups[];
extern const int lf_group_count;
typedef uint32_t lf_group_mask;
#define LF_ALL_GROUPS ((lf_group_mask)((1ull << lf_group_count) - 1))
/* The groups whose letters begin with byte b. */
lf_group_mask lf_groups_starting_with(unsigned char b);

const char *lf_mode_name(int mode);
/* Index of a group or mode by name, -1 if unknown. */
int lf_group_find(const char *s, size_t n);
int lf_mode_find(const char *s, size_t n);

/* Longest candidate word, in bytes. */
#define LF_CAND_MAX 128
#define LF_SITES_MAX 6

typedef struct {
    char word[LF_CAND_MAX + 1];
    size_t len;
    int mode;
    int nsites;
    uint8_t group[LF_SITES_MAX]; /* group restored at each site, left to right */
    uint16_t pos[LF_SITES_MAX];  /* where each site's letters start in word */
} lf_cand;

/* Return nonzero to stop the enumeration. */
typedef int (*lf_cand_fn)(void *ud, const lf_cand *c);

/* In-word modes (letter, first, vanish): every reading of the lower-case
 * word w with 1..max_sites sites of groups in mask. capital says the
 * observed word began with a capital (for LF_GROUP_CAPITAL groups).
 * At most budget candidates are produced; returns how many. */
int lf_damage_invert(const char *w, size_t n, int mode, lf_group_mask mask, int max_sites,
                     int capital, int budget, lf_cand_fn fn, void *ud);
/* The same, knowing which letters of the observed word were capitals (bit
 * i: byte i). Groups are lower case, so a site cannot leave a capital
 * (letter, first) or sit before one (vanish), except the capital groups. */
int lf_damage_invert_cased(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                           int max_sites, int budget, lf_cand_fn fn, void *ud);

/* The same, with the caller's vocabulary test done early: a candidate
 * some site of which has a trigram seams lacks (lf_trigrams_plausible_at
 * over pos - 1 .. pos + group length, pos 0 from 0), or that no word added
 * to seams begins like (lf_trigrams_may_be_prefix), is not passed to fn,
 * and neither are the readings that extend it, but all of them still
 * count against the budget. With a fn that rejects such candidates first
 * (one that takes only words added to seams does), the calls fn gets and
 * the return value are those of lf_damage_invert_cased; only the work is
 * less. seams may be NULL (no test). */
int lf_damage_invert_pruned(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                            int max_sites, int budget, const lf_trigrams *seams, lf_cand_fn fn,
                            void *ud);

/* The same, with flags. LF_INVERT_SAME_GAP (vanish): two sites may share a
 * gap, both glyphs lost side by side (fifteen -> een: fi and ft), unless
 * their letters together are one group (f + f: ff, read by one site). */
#define LF_INVERT_SAME_GAP 1u
int lf_damage_invert_flags(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                           int max_sites, int budget, unsigned flags, const lf_trigrams *seams,
                           lf_cand_fn fn, void *ud);

/* The inverse search's rules, for a caller that indexes readings
 * forwards (formindex.c) and must find just what the search finds:
 * whether a site of group g may sit at w[j] (letter, first) or the gap
 * before it (vanish) of the observed word w; whether group g may follow
 * prev in one gap (LF_INVERT_SAME_GAP); and how many readings
 * lf_damage_invert_flags would count against its budget, without a
 * limit (saturating at 2^40), UINT64_MAX where it cannot tell cheaply
 * (readings that could reach LF_CAND_MAX). */
int lf_damage_site_ok(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                      int g, size_t j);
int lf_damage_same_gap_ok(int prev, int g);
uint64_t lf_damage_invert_total(const char *w, size_t n, uint64_t upper, int mode,
                                lf_group_mask mask, int max_sites, unsigned flags);

/* Gap modes (space, placeholder): fragments joined with a group restored in
 * every gap. In space mode a gap may also close with nothing restored when
 * the left fragment already ends with a group (the glyph survived and a
 * space followed it: confi rmed), or the right one starts with one or one
 * spans the gap (the space fell before or inside the glyph: media tion,
 * calculat ions); that site is recorded with that group. A capital group
 * (Th) kept so must be the whole first fragment, capital. */
/* The longest group of two letters or more in mask (not a capital one)
 * that starts right or spans the gap between left and right (or_ending_left:
 * or ends left): a glyph kept with a space before it or inside its letters
 * (or after it); -1 if none. */
int lf_group_across_gap(const char *left, size_t nl, const char *right, size_t nr,
                        lf_group_mask mask, int or_ending_left);
int lf_damage_fill(const char *const *frag, const size_t *frag_len, int nfrag, int mode,
                   lf_group_mask mask, int budget, lf_cand_fn fn, void *ud);
/* The same, knowing which fragments began with a capital (bit k: fragment
 * k): no lower-case group is restored right before a capital. */
int lf_damage_fill_cased(const char *const *frag, const size_t *frag_len, int nfrag,
                         uint32_t upper_first, int mode, lf_group_mask mask, int budget,
                         lf_cand_fn fn, void *ud);

/* The same with the early seam test of lf_damage_invert_pruned. Flags:
 * LF_FILL_KEPT_ACROSS lets a kept glyph stand right of the gap or across it
 * (the forms above always do); without it, only left of it. Runs of two
 * dictionary words go without: the form index (formindex.h), which rules
 * such runs out by their ends, knows only those. */
#define LF_FILL_KEPT_ACROSS 1u
int lf_damage_fill_pruned(const char *const *frag, const size_t *frag_len, int nfrag,
                          uint32_t upper_first, int mode, lf_group_mask mask, int budget,
                          unsigned flags, const lf_trigrams *seams, lf_cand_fn fn, void *ud);

/* A place in a word where a group's letters stand. */
typedef struct {
    uint16_t pos;
    uint8_t group;
} lf_site;

/* Every place a group occurs in the lower-case word w, by position, then by
 * group: fn(ud, site) for each. */
typedef void (*lf_site_fn)(void *ud, lf_site site);
void lf_group_sites(const char *w, size_t n, lf_site_fn fn, void *ud);
/* The same into out, the first max of them; returns how many went in. */
int lf_group_sites_into(const char *w, size_t n, lf_site *out, int max);

/* The form the in-word mode (letter, first, vanish) makes of word w by
 * losing the glyphs at sites[0 .. nsites) (left to right, apart): written
 * to out (room for n bytes); its length is returned, and at[k] (if at is
 * not NULL) gets where site k's remains begin in it. */
size_t lf_damage_apply(const char *w, size_t n, int mode, const lf_site *sites, int nsites,
                       char *out, uint8_t *at);

/* Every piece a space-mode split of the lower-case word w can leave at
 * either end (left: before a gap, right: after the last one; see
 * lf_damage_fill): for each group in w, the text before it (glyph became
 * a space), the text through it (glyph kept, space after it) and the text
 * after it. fn(ud, side, piece, len) gets each one (side: LF_PIECE_LEFT or
 * LF_PIECE_RIGHT of trigram.h), repeats included; empty pieces are left out. */
typedef void (*lf_piece_fn)(void *ud, int side, const char *piece, size_t len);
void lf_damage_split_pieces(const char *w, size_t n, lf_piece_fn fn, void *ud);

/* Presentation forms U+FB00..U+FB06: the letters they stand for, or NULL. */
const char *lf_presentation_form(uint32_t cp, int *group);
/* The same for the UTF-8 bytes at s (n of them left): the letters of the
 * presentation form starting there (3 bytes), or NULL. */
const char *lf_presentation_form_at(const char *s, size_t n);
/* The group of the presentation form at s (3 bytes), -1 if none is there. */
int lf_presentation_group_at(const char *s, size_t n);

#endif
