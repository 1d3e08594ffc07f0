#include <string.h>
#include <strings.h>

#include "damage.h"

/* Order matters only for listing; matching tries every group. */
const lf_group lf_groups[] = {
    {"tt", 2, 0},  {"ft", 2, 0},  {"fi", 2, 0},  {"fl", 2, 0},  {"ff", 2, 0},  {"ffi", 3, 0},
    {"ffl", 3, 0}, {"rt", 2, 0},  {"ti", 2, 0},  {"tti", 3, 0}, {"st", 2, 0},  {"ct", 2, 0},
    {"th", 2, LF_GROUP_CAPITAL},  {"ch", 2, 0},  {"ck", 2, 0},  {"fb", 2, 0},  {"fh", 2, 0},
    {"fj", 2, 0},  {"fk", 2, 0},  {"ffb", 3, 0}, {"ffh", 3, 0}, {"ffj", 3, 0}, {"ffk", 3, 0},
    {"f", 1, 0},
};
const int lf_group_count = (int)(sizeof lf_groups / sizeof *lf_groups);

static const char *const mode_names[LF_MODE_COUNT] = {
    "letter", "first", "vanish", "space", "placeholder", "codepoint",
};

const char *lf_mode_name(int mode)
{
    return mode >= 0 && mode < LF_MODE_COUNT ? mode_names[mode] : "?";
}

int lf_group_find(const char *s, size_t n)
{
    for (int g = 0; g < lf_group_count; g++)
        if (lf_groups[g].len == n && strncasecmp(lf_groups[g].letters, s, n) == 0)
            return g;
    return -1;
}

int lf_mode_find(const char *s, size_t n)
{
    for (int m = 0; m < LF_MODE_COUNT; m++)
        if (strlen(mode_names[m]) == n && strncmp(mode_names[m], s, n) == 0)
            return m;
    return -1;
}

/* ---- in-word modes ---------------------------------------------------- */

typedef struct {
    const char *w;
    size_t n;
    uint64_t upper;
    int mode, max_sites, capital, budget, emitted;
    lf_group_mask mask;
    lf_cand c;
    lf_cand_fn fn;
    void *ud;
    int stop;
} invert_state;

/* Can group g have left what is at w[j] (letter/first) or the gap before w[j]? */
static int site_matches(const invert_state *s, int g, size_t j)
{
    const lf_group *gr = &lf_groups[g];
    if (gr->flags & LF_GROUP_CAPITAL) {
        if (j != 0 || !s->capital)
            return 0;
    } else if (j < s->n && j < 64 && ((s->upper >> j) & 1)) {
        return 0; /* a lower-case group cannot leave or precede a capital */
    }
    switch (s->mode) {
    case LF_MODE_LETTER:
        return gr->len >= 2 && j < s->n && s->w[j] == gr->letters[gr->len - 1];
    case LF_MODE_FIRST:
        return gr->len >= 2 && j < s->n && s->w[j] == gr->letters[0];
    default: /* vanish: any gap */
        return 1;
    }
}

/* out holds the candidate up to observed position i; try every next site. */
static void invert_rec(invert_state *s, size_t i, size_t min_j, size_t out_len)
{
    size_t consumed = s->mode == LF_MODE_VANISH ? 0 : 1;
    size_t last = s->mode == LF_MODE_VANISH ? s->n : s->n - 1;
    if (s->n == 0)
        return;
    for (size_t j = min_j; j <= last && !s->stop; j++) {
        for (int g = 0; g < lf_group_count && !s->stop; g++) {
            if (!(s->mask & (1u << g)) || !site_matches(s, g, j))
                continue;
            const lf_group *gr = &lf_groups[g];
            size_t len = out_len + (j - i) + gr->len;
            if (len + (s->n - j - consumed) > LF_CAND_MAX)
                continue;
            memcpy(s->c.word + out_len, s->w + i, j - i);
            memcpy(s->c.word + out_len + (j - i), gr->letters, gr->len);
            s->c.pos[s->c.nsites] = (uint16_t)(out_len + (j - i));
            s->c.group[s->c.nsites++] = (uint8_t)g;
            /* emit: the rest of the word unchanged */
            size_t rest = s->n - j - consumed;
            memcpy(s->c.word + len, s->w + j + consumed, rest);
            s->c.len = len + rest;
            s->c.word[s->c.len] = '\0';
            if (s->fn(s->ud, &s->c) || ++s->emitted >= s->budget)
                s->stop = 1;
            /* vanish sites need a letter between them, or they would be one group */
            if (!s->stop && s->c.nsites < s->max_sites)
                invert_rec(s, j + consumed, j + 1, len);
            s->c.nsites--;
        }
    }
}

int lf_damage_invert(const char *w, size_t n, int mode, lf_group_mask mask, int max_sites,
                     int capital, int budget, lf_cand_fn fn, void *ud)
{
    /* capital alone: only the first letter was a capital */
    return lf_damage_invert_cased(w, n, capital ? 1 : 0, mode, mask, max_sites, budget, fn, ud);
}

int lf_damage_invert_cased(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                           int max_sites, int budget, lf_cand_fn fn, void *ud)
{
    int capital = (int)(upper & 1);
    if (mode != LF_MODE_LETTER && mode != LF_MODE_FIRST && mode != LF_MODE_VANISH)
        return 0;
    if (n > LF_CAND_MAX || max_sites < 1 || budget < 1)
        return 0;
    invert_state s = {.w = w, .n = n, .upper = upper, .mode = mode, .max_sites = max_sites > LF_SITES_MAX
                      ? LF_SITES_MAX : max_sites, .capital = capital, .budget = budget,
                      .mask = mask, .fn = fn, .ud = ud};
    s.c.mode = mode;
    invert_rec(&s, 0, 0, 0);
    return s.emitted;
}

/* ---- gap modes ---------------------------------------------------------- */

typedef struct {
    const char *const *frag;
    const size_t *frag_len;
    int nfrag, mode, budget, emitted, stop;
    uint32_t upper_first;
    lf_group_mask mask;
    lf_cand c;
    lf_cand_fn fn;
    void *ud;
} fill_state;

static int ends_with_group(const char *s, size_t n, lf_group_mask mask)
{
    int best = -1;
    for (int g = 0; g < lf_group_count; g++) {
        const lf_group *gr = &lf_groups[g];
        if ((mask & (1u << g)) && gr->len >= 2 && n >= gr->len &&
            memcmp(s + n - gr->len, gr->letters, gr->len) == 0 &&
            (best < 0 || gr->len > lf_groups[best].len))
            best = g;
    }
    return best;
}

static void fill_rec(fill_state *s, int gap, size_t out_len)
{
    /* append fragment `gap` (the one left of gap `gap`) */
    size_t fl = s->frag_len[gap];
    if (out_len + fl > LF_CAND_MAX)
        return;
    memcpy(s->c.word + out_len, s->frag[gap], fl);
    out_len += fl;
    if (gap == s->nfrag - 1) {
        s->c.len = out_len;
        s->c.word[out_len] = '\0';
        if (s->fn(s->ud, &s->c) || ++s->emitted >= s->budget)
            s->stop = 1;
        return;
    }
    for (int g = -1; g < lf_group_count && !s->stop; g++) {
        size_t add = 0;
        int site;
        if (g < 0) {
            /* glyph kept, space after it */
            if (s->mode != LF_MODE_SPACE || s->frag_len[gap + 1] == 0)
                continue;
            site = ends_with_group(s->c.word, out_len, s->mask);
            if (site < 0)
                continue;
        } else {
            /* a capital group (Th) only where a word starts; a lower-case
             * one not right before a capital */
            if (!(s->mask & (1u << g)) ||
                ((lf_groups[g].flags & LF_GROUP_CAPITAL) && (gap != 0 || s->frag_len[0] != 0)) ||
                (!(lf_groups[g].flags & LF_GROUP_CAPITAL) && ((s->upper_first >> (gap + 1)) & 1)))
                continue;
            site = g;
            add = lf_groups[g].len;
        }
        if (out_len + add > LF_CAND_MAX)
            continue;
        memcpy(s->c.word + out_len, lf_groups[site].letters, add);
        s->c.pos[s->c.nsites] = (uint16_t)out_len;
        s->c.group[s->c.nsites++] = (uint8_t)site;
        fill_rec(s, gap + 1, out_len + add);
        s->c.nsites--;
    }
}

int lf_damage_fill(const char *const *frag, const size_t *frag_len, int nfrag, int mode,
                   lf_group_mask mask, int budget, lf_cand_fn fn, void *ud)
{
    return lf_damage_fill_cased(frag, frag_len, nfrag, 0, mode, mask, budget, fn, ud);
}

int lf_damage_fill_cased(const char *const *frag, const size_t *frag_len, int nfrag,
                         uint32_t upper_first, int mode, lf_group_mask mask, int budget,
                         lf_cand_fn fn, void *ud)
{
    if (nfrag < 2 || nfrag - 1 > LF_SITES_MAX || budget < 1)
        return 0;
    fill_state s = {.frag = frag, .frag_len = frag_len, .nfrag = nfrag, .mode = mode,
                    .budget = budget, .upper_first = upper_first, .mask = mask, .fn = fn,
                    .ud = ud};
    s.c.mode = mode;
    fill_rec(&s, 0, 0);
    return s.emitted;
}

const char *lf_presentation_form(uint32_t cp, int *group)
{
    /* U+FB05 is the long-s t ligature: Unicode maps it to "st" */
    static const char *const forms[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    if (cp < 0xFB00 || cp > 0xFB06)
        return NULL;
    const char *s = forms[cp - 0xFB00];
    if (group)
        *group = lf_group_find(s, strlen(s));
    return s;
}
