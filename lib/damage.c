#include <pthread.h>
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

/* ---- early seam test ------------------------------------------------------ */

/* Whether a site can still pass the caller's seam test
 * (lf_trigrams_plausible_at over pos - 1 .. pos + group length) when only
 * the first len bytes of the reading are known: the trigrams centred on
 * from .. to that lie wholly inside them are tested, each exactly as in
 * the whole reading. */
static int seam_ok(const lf_trigrams *t, const char *w, size_t len, size_t from, size_t to)
{
    if (len < 2)
        return 1;
    if (to > len - 2)
        to = len - 2;
    return from > to || lf_trigrams_plausible_at(t, w, len, from, to);
}

/* The start of a reading that no later site changes: its length, the
 * prefix filter's hash of it (lf_prefix_extend), and how many bytes the
 * caller's test (sites_ok) passed with every site before the newest
 * one; 0 when it has not been tested. */
typedef struct {
    size_t len, checked;
    uint64_t hash;
} fixed_start;

/* The caller's test on what is fixed of a reading (its first len bytes,
 * hash their prefix hash): every site's seams, and that some vocabulary
 * word begins so. The sites before the newest passed it on the first
 * `checked` bytes, so of their trigrams only those that end past them
 * are left to test: the answer is the whole test's. */
static int sites_ok(const lf_trigrams *t, const lf_cand *c, size_t len, size_t checked,
                    uint64_t hash)
{
    size_t untested = checked ? checked - 1 : 0; /* the first trigram's centre not tested */
    /* the seams first: their table stays in cache, the prefixes' does not */
    for (int k = 0; k < c->nsites; k++) {
        size_t from = c->pos[k] ? c->pos[k] - 1u : 0;
        if (k < c->nsites - 1 && from < untested)
            from = untested;
        if (!seam_ok(t, c->word, len, from, c->pos[k] + (size_t)lf_groups[c->group[k]].len))
            return 0;
    }
    return len == 0 || lf_trigrams_prefix_hash_ok(t, hash);
}

/* Writes group g's letters at at. */
static void put_letters(char *at, const lf_group *g)
{
    for (size_t k = 0; k < g->len; k++)
        at[k] = g->letters[k];
}

/* Counts above the budget are all alike. */
#define COUNT_CAP ((uint64_t)1 << 40)

static uint64_t sat_add(uint64_t a, uint64_t b) { return a + b > COUNT_CAP ? COUNT_CAP : a + b; }

/* ---- in-word modes ---------------------------------------------------- */

typedef struct {
    const char *w;
    size_t n;
    uint64_t upper;
    int mode, max_sites, capital, budget, emitted;
    unsigned flags;
    lf_group_mask mask;
    lf_cand c;
    lf_cand_fn fn;
    void *ud;
    int stop;
    const lf_trigrams *seams;
    /* With seams: readings that extend a site, by the next site's first
     * position and how many sites may follow (when no length limit can
     * bind; else NULL and they are counted by walking them). */
    uint64_t (*more)[LF_SITES_MAX + 1];
    /* With the table, sites sharing gaps: count_same_gap_all's counts for
     * gap after_gap (SIZE_MAX: none yet), which the search asks for again
     * for each group it tries there. */
    size_t after_gap;
    uint64_t (*after)[LF_SITES_MAX + 1];
    /* The groups in mask that may have a site at each position
     * (site_matches), worked out once: the search asks again and again. */
    lf_group_mask ok_at[LF_CAND_MAX + 1];
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

/* The last position a site may take: a letter (letter, first) or a gap. */
static size_t last_site(const invert_state *s)
{
    return s->mode == LF_MODE_VANISH ? s->n : s->n - 1;
}


/* Vanish sites sharing a gap (LF_INVERT_SAME_GAP): group g may follow prev
 * there unless their letters together are one group (f + f is ff), which
 * a single site already reads. */
static int same_gap_ok(int prev, int g)
{
    const lf_group *a = &lf_groups[prev], *b = &lf_groups[g];
    char both[8];
    if (a->len + b->len > sizeof both)
        return 1;
    memcpy(both, a->letters, a->len);
    memcpy(both + a->len, b->letters, b->len);
    return lf_group_find(both, a->len + (size_t)b->len) < 0;
}

/* The group table as masks, made once: not_after[prev] holds the groups
 * that may not follow prev in its gap (same_gap_ok), by_last the groups of
 * two letters or more by their last letter (& 31), capital_groups those
 * only a word's start may have. */
static lf_group_mask not_after[sizeof(lf_group_mask) * 8];
static lf_group_mask by_last[32];
static lf_group_mask by_last_byte[256], by_first_byte[256];
static lf_group_mask any_by_first_byte[256]; /* every group, by its first letter */
static lf_group_mask capital_groups;
/* Groups alike in what may not follow them in a gap (one not_after mask):
 * the counts of readings that go on in a site's gap depend on its group
 * only through its class. class_members[c]: the groups of class c;
 * gap_class[g]: the class of group g. */
static lf_group_mask class_members[sizeof(lf_group_mask) * 8];
static uint8_t gap_class[sizeof(lf_group_mask) * 8];
static int gap_classes;
static pthread_once_t not_after_once = PTHREAD_ONCE_INIT;

static void fill_not_after(void);

lf_group_mask lf_groups_starting_with(unsigned char b)
{
    pthread_once(&not_after_once, fill_not_after);
    return any_by_first_byte[b];
}

static void fill_gap_classes(void)
{
    for (int g = 0; g < lf_group_count; g++) {
        int c = 0;
        while (c < gap_classes && not_after[__builtin_ctz(class_members[c])] != not_after[g])
            c++;
        if (c == gap_classes)
            gap_classes++;
        class_members[c] |= (lf_group_mask)1u << g;
        gap_class[g] = (uint8_t)c;
    }
}

static void fill_not_after(void)
{
    for (int a = 0; a < lf_group_count; a++) {
        const lf_group *g = &lf_groups[a];
        for (int b = 0; b < lf_group_count; b++)
            if (!same_gap_ok(a, b))
                not_after[a] |= (lf_group_mask)1u << b;
        if (g->len >= 2) {
            by_last[g->letters[g->len - 1] & 31] |= (lf_group_mask)1u << a;
            by_last_byte[(unsigned char)g->letters[g->len - 1]] |= (lf_group_mask)1u << a;
            by_first_byte[(unsigned char)g->letters[0]] |= (lf_group_mask)1u << a;
        }
        any_by_first_byte[(unsigned char)g->letters[0]] |= (lf_group_mask)1u << a;
        if (g->flags & LF_GROUP_CAPITAL)
            capital_groups |= (lf_group_mask)1u << a;
    }
    fill_gap_classes();
}

/* site_matches for every group at once, from the tables: the groups a
 * letter can be left of (letter, first) or any (vanish), less those the
 * case rules out. */
static void fill_ok_at(invert_state *s)
{
    lf_group_mask all = LF_ALL_GROUPS;
    for (size_t j = 0; s->n && j <= last_site(s); j++) {
        unsigned char ch = j < s->n ? (unsigned char)s->w[j] : 0;
        lf_group_mask m = s->mode == LF_MODE_LETTER  ? (j < s->n ? by_last_byte[ch] : 0)
                          : s->mode == LF_MODE_FIRST ? (j < s->n ? by_first_byte[ch] : 0)
                                                     : all;
        if (!(j == 0 && s->capital))
            m &= ~capital_groups;
        if (j < s->n && j < 64 && ((s->upper >> j) & 1))
            m &= capital_groups;
        s->ok_at[j] = m & s->mask;
    }
}

static int sharing_gaps(const invert_state *s)
{
    return s->mode == LF_MODE_VANISH && (s->flags & LF_INVERT_SAME_GAP);
}

/* Where the site after one at j may go: vanish sites need a letter between
 * them, or they would be one group, unless LF_INVERT_SAME_GAP lets them
 * share the gap. */
static size_t next_min_j(const invert_state *s, size_t j)
{
    return sharing_gaps(s) ? j : j + 1;
}

/* The groups that may have a site at j, the previous site (of group prev,
 * -1 if none) having left the observed word at i. */
static lf_group_mask sites_allowed(const invert_state *s, size_t j, size_t i, int prev)
{
    lf_group_mask m = s->ok_at[j];
    if (prev >= 0 && j == i && s->mode == LF_MODE_VANISH)
        m &= ~not_after[prev];
    return m;
}

/* How many groups m holds. Counted inline: the build targets no CPU with
 * a popcount instruction, and __builtin_popcount calls libgcc. */
static uint64_t group_count(lf_group_mask m)
{
    uint32_t x = m;
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24;
}

/* The lowest group in m (m nonzero). */
static int first_group(lf_group_mask m) { return __builtin_ctz(m); }

/* How many readings invert_rec(s, i, min_j, out_len, prev) would emit with
 * up to r sites, counting no further than limit. */
static uint64_t count_rec(const invert_state *s, size_t i, size_t min_j, size_t out_len, int r,
                          int prev, uint64_t limit)
{
    size_t consumed = s->mode == LF_MODE_VANISH ? 0 : 1;
    uint64_t k = 0;
    if (s->n == 0)
        return 0;
    for (size_t j = min_j; j <= last_site(s) && k < limit; j++) {
        for (lf_group_mask m = sites_allowed(s, j, i, prev); m && k < limit; m &= m - 1) {
            int g = first_group(m);
            size_t len = out_len + (j - i) + lf_groups[g].len;
            if (len + (s->n - j - consumed) > LF_CAND_MAX)
                continue;
            k++;
            if (r > 1)
                k = sat_add(k, count_rec(s, j + consumed, next_min_j(s, j), len, r - 1, g,
                                         limit - k));
        }
    }
    return k;
}

/* Counts saturate at COUNT_CAP: every count is min(exact, COUNT_CAP),
 * whatever the order of the sums, as all terms are non-negative. */
static uint64_t sat_mul(uint64_t m, uint64_t a) { return m && a > COUNT_CAP / m ? COUNT_CAP : m * a; }

/* With the count table: the readings of up to r more sites after a site
 * of each class in gap j, when sites may share gaps (after[c][r]): those
 * that go on in gap j, and those that go on further right. Worked out
 * for 0..r sites at once, class by class (a site's group matters only
 * through what may follow it in its gap). */
static void count_same_gap_all(const invert_state *s, size_t j, int r,
                               uint64_t after[][LF_SITES_MAX + 1])
{
    /* in_gap[c][d]: the groups of class d that may follow class c in gap j */
    uint64_t in_gap[sizeof(lf_group_mask) * 8][sizeof(lf_group_mask) * 8];
    for (int c = 0; c < gap_classes; c++) {
        lf_group_mask m = s->ok_at[j] & ~not_after[__builtin_ctz(class_members[c])];
        for (int d = 0; d < gap_classes; d++)
            in_gap[c][d] = group_count(m & class_members[d]);
        after[c][0] = 0;
    }
    for (int rr = 1; rr <= r; rr++)
        for (int c = 0; c < gap_classes; c++) {
            uint64_t k = s->more[j + 1][rr];
            for (int d = 0; d < gap_classes; d++)
                k = sat_add(k, sat_mul(in_gap[c][d], sat_add(1, after[d][rr - 1])));
            after[c][rr] = k;
        }
}

/* count_same_gap_all for a site of group g in gap j, r sites (at most
 * s->max_sites - 1: a site is placed), worked out once per gap. */
static uint64_t count_same_gap(invert_state *s, size_t j, int g, int r)
{
    if (r <= 0)
        return 0;
    if (s->after_gap != j) {
        count_same_gap_all(s, j, s->max_sites - 1, s->after);
        s->after_gap = j;
    }
    return s->after[gap_class[g]][r];
}

/* The number of readings below a site of group g placed at j (output
 * length len), counting no further than limit. */
static uint64_t count_below(invert_state *s, size_t j, int g, size_t len, uint64_t limit)
{
    int r = s->max_sites - s->c.nsites;
    if (r <= 0)
        return 0;
    if (s->more)
        return sharing_gaps(s) ? count_same_gap(s, j, g, r) : s->more[j + 1][r];
    size_t consumed = s->mode == LF_MODE_VANISH ? 0 : 1;
    return count_rec(s, j + consumed, next_min_j(s, j), len, r, g, limit);
}

/* Sites sharing a gap are counted with the table up to this many, beyond
 * by walking them (the early prefix test, which needs the table, is then
 * off: the readings fn gets stay those it always got). */
#define SAME_GAP_TABLE_SITES 3

/* Fills s->more when no reading can reach LF_CAND_MAX (a site adds at most
 * 3 bytes), so the counts do not depend on lengths. */
static void count_table(invert_state *s, uint64_t (*more)[LF_SITES_MAX + 1])
{
    if (s->n == 0 || s->n + 3 * (size_t)s->max_sites > LF_CAND_MAX ||
        (sharing_gaps(s) && s->max_sites > SAME_GAP_TABLE_SITES))
        return; /* counted by walking them */
    size_t last = last_site(s);
    for (int r = 0; r <= LF_SITES_MAX; r++)
        more[last + 1][r] = 0;
    s->more = more; /* count_same_gap reads the rows already made */
    uint64_t after[sizeof(lf_group_mask) * 8][LF_SITES_MAX + 1];
    for (size_t j = last + 1; j-- > 0;) {
        uint64_t m = group_count(s->ok_at[j]);
        more[j][0] = 0;
        if (m == 0) { /* no site here (most letters in letter and first mode) */
            for (int r = 1; r <= s->max_sites; r++)
                more[j][r] = more[j + 1][r];
            continue;
        }
        if (sharing_gaps(s))
            count_same_gap_all(s, j, s->max_sites - 1, after);
        for (int r = 1; r <= s->max_sites; r++) {
            uint64_t here = 0;
            if (sharing_gaps(s)) {
                /* a first site of each group in gap j, and what follows it */
                for (int c = 0; c < gap_classes; c++) {
                    uint64_t of_class = group_count(s->ok_at[j] & class_members[c]);
                    here = sat_add(here, sat_mul(of_class, sat_add(1, after[c][r - 1])));
                }
            } else {
                here = sat_mul(m, sat_add(1, more[j + 1][r - 1]));
            }
            more[j][r] = sat_add(more[j + 1][r], here);
        }
    }
}

/* Readings the caller's test would reject, counted against the budget. */
static void count_skipped(invert_state *s, uint64_t k)
{
    uint64_t left = (uint64_t)(s->budget - s->emitted);
    if (k >= left) {
        s->emitted = s->budget;
        s->stop = 1;
    } else {
        s->emitted += (int)k;
    }
}

/* The caller's test on what every reading below the site just placed at
 * j shares: below->checked bytes (through the group, and in vanish mode
 * perhaps the letter after it, w[j]), the sites before it having passed
 * on `checked` bytes. Passed, below is what the search below starts from. */
static int sites_ok_below(invert_state *s, const fixed_start *below, size_t j, size_t checked)
{
    uint64_t hash = below->hash;
    if (below->checked > below->len) {
        s->c.word[below->len] = s->w[j];
        hash = lf_prefix_step(hash, (unsigned char)s->w[j]);
    }
    return sites_ok(s->seams, &s->c, below->checked, checked, hash);
}

/* c.word holds the reading up to observed position i (from.len bytes);
 * try every next site (prev: the group of the site before, -1 if none). */
static void invert_rec(invert_state *s, size_t i, size_t min_j, fixed_start from, int prev)
{
    size_t consumed = s->mode == LF_MODE_VANISH ? 0 : 1;
    size_t last = last_site(s);
    if (s->n == 0)
        return;
    /* c.word goes on with the observed letters before the next site,
     * w[i .. j), and hash is the prefix hash through them: both grow by
     * a letter as j moves right */
    uint64_t hash = lf_prefix_extend(from.hash, s->w + i, min_j - i);
    memcpy(s->c.word + from.len, s->w + i, min_j - i);
    for (size_t j = min_j; j <= last && !s->stop; j++) {
        size_t head = from.len + (j - i);
        if (head > LF_CAND_MAX)
            break; /* no reading with a site here or further right fits */
        if (j > min_j) {
            s->c.word[head - 1] = s->w[j - 1];
            hash = lf_prefix_step(hash, (unsigned char)s->w[j - 1]);
        }
        /* Every reading from here on begins with the text up to w[j]: when
         * no word begins so, they all fail the caller's test at once. */
        if (s->seams && s->more && j > i && !lf_trigrams_prefix_hash_ok(s->seams, hash)) {
            count_skipped(s, s->more[j][s->max_sites - s->c.nsites]);
            break;
        }
        for (lf_group_mask gm = sites_allowed(s, j, i, prev); gm && !s->stop; gm &= gm - 1) {
            int g = first_group(gm);
            const lf_group *gr = &lf_groups[g];
            size_t len = head + gr->len, rest = s->n - j - consumed;
            if (len + rest > LF_CAND_MAX)
                continue;
            put_letters(s->c.word + head, gr);
            s->c.pos[s->c.nsites] = (uint16_t)head;
            s->c.group[s->c.nsites++] = (uint8_t)g;
            /* What every reading from here shares: up to the group, and
             * in vanish mode the letter after it, unless a site below may
             * share this gap. */
            fixed_start below = {len, len, lf_prefix_extend(hash, gr->letters, gr->len)};
            if (s->mode == LF_MODE_VANISH && j < s->n &&
                (next_min_j(s, j) > j || s->c.nsites >= s->max_sites))
                below.checked = len + 1;
            if (s->seams && !sites_ok_below(s, &below, j, from.checked)) {
                /* this reading and all below fail the caller's test */
                uint64_t left = (uint64_t)(s->budget - s->emitted);
                count_skipped(s, sat_add(1, count_below(s, j, g, len, left)));
                s->c.nsites--;
                continue;
            }
            /* emit: the rest of the word unchanged */
            memcpy(s->c.word + len, s->w + j + consumed, rest);
            s->c.len = len + rest;
            s->c.word[s->c.len] = '\0';
            if (s->fn(s->ud, &s->c) || ++s->emitted >= s->budget)
                s->stop = 1;
            if (!s->stop && s->c.nsites < s->max_sites)
                invert_rec(s, j + consumed, next_min_j(s, j), below, g);
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
    return lf_damage_invert_pruned(w, n, upper, mode, mask, max_sites, budget, NULL, fn, ud);
}

int lf_damage_invert_pruned(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                            int max_sites, int budget, const lf_trigrams *seams, lf_cand_fn fn,
                            void *ud)
{
    return lf_damage_invert_flags(w, n, upper, mode, mask, max_sites, budget, 0, seams, fn, ud);
}

int lf_damage_invert_flags(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                           int max_sites, int budget, unsigned flags, const lf_trigrams *seams,
                           lf_cand_fn fn, void *ud)
{
    int capital = (int)(upper & 1);
    if (mode != LF_MODE_LETTER && mode != LF_MODE_FIRST && mode != LF_MODE_VANISH)
        return 0;
    if (n > LF_CAND_MAX || max_sites < 1 || budget < 1)
        return 0;
    invert_state s = {.w = w, .n = n, .upper = upper, .mode = mode, .max_sites = max_sites > LF_SITES_MAX
                      ? LF_SITES_MAX : max_sites, .capital = capital, .budget = budget,
                      .flags = flags, .mask = mask, .fn = fn, .ud = ud, .seams = seams};
    s.c.mode = mode;
    pthread_once(&not_after_once, fill_not_after);
    fill_ok_at(&s);
    uint64_t more[LF_CAND_MAX + 2][LF_SITES_MAX + 1];
    uint64_t after[sizeof(lf_group_mask) * 8][LF_SITES_MAX + 1];
    s.after = after;
    s.after_gap = SIZE_MAX;
    if (seams)
        count_table(&s, more);
    invert_rec(&s, 0, 0, (fixed_start){0, 0, LF_PREFIX_SEED}, -1);
    return s.emitted;
}

/* ---- the inverse search's rules, for callers that index readings ------ */

int lf_damage_site_ok(const char *w, size_t n, uint64_t upper, int mode, lf_group_mask mask,
                      int g, size_t j)
{
    invert_state s = {.w = w, .n = n, .upper = upper, .mode = mode,
                      .capital = (int)(upper & 1)};
    return (mask & (1u << g)) && site_matches(&s, g, j);
}

int lf_damage_same_gap_ok(int prev, int g)
{
    pthread_once(&not_after_once, fill_not_after);
    return !((not_after[prev] >> g) & 1);
}

uint64_t lf_damage_invert_total(const char *w, size_t n, uint64_t upper, int mode,
                                lf_group_mask mask, int max_sites, unsigned flags)
{
    if (mode != LF_MODE_LETTER && mode != LF_MODE_FIRST && mode != LF_MODE_VANISH)
        return 0;
    if (n > LF_CAND_MAX || max_sites < 1 || max_sites > LF_SITES_MAX)
        return UINT64_MAX;
    invert_state s = {.w = w, .n = n, .upper = upper, .mode = mode, .max_sites = max_sites,
                      .capital = (int)(upper & 1), .flags = flags, .mask = mask};
    pthread_once(&not_after_once, fill_not_after);
    fill_ok_at(&s);
    uint64_t more[LF_CAND_MAX + 2][LF_SITES_MAX + 1];
    count_table(&s, more);
    if (n == 0)
        return 0;
    return s.more ? more[0][max_sites] : UINT64_MAX;
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
    const lf_trigrams *seams;
    int dead; /* the readings from here fail the caller's test: count them only */
    int kept_across; /* LF_FILL_KEPT_ACROSS */
} fill_state;

/* The longest group of two letters or more in mask that s ends with (the
 * first such in the table), -1 if none. */
static int ends_with_group(const char *s, size_t n, lf_group_mask mask)
{
    int best = -1;
    if (n == 0)
        return -1;
    for (lf_group_mask m = by_last[s[n - 1] & 31] & mask; m; m &= m - 1) {
        int g = __builtin_ctz(m);
        const lf_group *gr = &lf_groups[g];
        if (n >= gr->len && memcmp(s + n - gr->len, gr->letters, gr->len) == 0 &&
            (best < 0 || gr->len > lf_groups[best].len))
            best = g;
    }
    return best;
}

int lf_group_across_gap(const char *left, size_t nl, const char *right, size_t nr,
                        lf_group_mask mask, int or_ending_left)
{
    pthread_once(&not_after_once, fill_not_after);
    /* only groups starting with the right's first letter or one of the
     * left's last three can touch the gap (none is longer than three) */
    lf_group_mask m = nr ? by_first_byte[(unsigned char)right[0]] : 0;
    for (size_t a = 1; a <= 3 && a <= nl; a++)
        m |= by_first_byte[(unsigned char)left[nl - a]];
    m &= mask & ~capital_groups;
    int best = -1;
    for (; m; m &= m - 1) {
        int g = __builtin_ctz(m);
        const lf_group *gr = &lf_groups[g];
        if (best >= 0 && gr->len <= lf_groups[best].len)
            continue;
        /* a of its letters end left, the rest start right */
        for (size_t a = 0; a < (size_t)gr->len + (or_ending_left != 0); a++)
            if (a <= nl && gr->len - a <= nr && memcmp(left + nl - a, gr->letters, a) == 0 &&
                memcmp(right, gr->letters + a, gr->len - a) == 0) {
                best = g;
                break;
            }
    }
    return best;
}

/* The site gap `gap` gets from option g (-1: the glyph kept, a space beside
 * it; else group g restored) with the reading built to out_len; -1 if
 * that option does not apply. *add: the letters it restores. */
static int gap_site(const fill_state *s, int gap, size_t out_len, int g, size_t *add)
{
    *add = 0;
    if (g < 0) {
        if (s->mode != LF_MODE_SPACE || s->frag_len[gap + 1] == 0)
            return -1;
        int k = ends_with_group(s->c.word, out_len, s->mask);
        /* a capital glyph (Th) kept is a word's first letters, capital:
         * "th e" is no "The" */
        if (k >= 0 && (lf_groups[k].flags & LF_GROUP_CAPITAL) &&
            !(gap == 0 && s->frag_len[0] == lf_groups[k].len && (s->upper_first & 1)))
            return -1;
        /* the space may also fall before the glyph or inside its letters
         * (media tion, calculat ions) */
        if (k >= 0 || !s->kept_across || s->frag_len[gap] == 0)
            return k;
        return lf_group_across_gap(s->c.word, out_len, s->frag[gap + 1], s->frag_len[gap + 1],
                                   s->mask, 0);
    }
    /* a capital group (Th) only where a word starts; a lower-case one not
     * right before a capital */
    if (!(s->mask & (1u << g)) ||
        ((lf_groups[g].flags & LF_GROUP_CAPITAL) && (gap != 0 || s->frag_len[0] != 0)) ||
        (!(lf_groups[g].flags & LF_GROUP_CAPITAL) && ((s->upper_first >> (gap + 1)) & 1)))
        return -1;
    *add = lf_groups[g].len;
    return g;
}

/* The groups gap_site lets gap `gap` restore: a capital one (Th) only
 * where a word starts, a lower-case one not right before a capital. */
static lf_group_mask groups_for_gap(const fill_state *s, int gap)
{
    lf_group_mask m = s->mask;
    if (gap != 0 || s->frag_len[0] != 0)
        m &= ~capital_groups;
    if ((s->upper_first >> (gap + 1)) & 1)
        m &= capital_groups;
    return m;
}

/* The last gap of readings that all fail the caller's test: its readings
 * are only counted against the budget, so they are counted at once. */
static void fill_count_last(fill_state *s, int gap, size_t out_len)
{
    uint64_t k = 0;
    size_t last_len = s->frag_len[gap + 1];
    int counted = out_len + 3 + last_len <= LF_CAND_MAX;
    if (counted) {
        /* no length limit binds: the groups gap_site allows, and the
         * glyph kept where it applies */
        size_t add;
        k = group_count(groups_for_gap(s, gap)) +
            (gap_site(s, gap, out_len, -1, &add) >= 0);
    }
    for (int g = -1; !counted && g < lf_group_count; g++) {
        size_t add;
        if (gap_site(s, gap, out_len, g, &add) >= 0 && out_len + add <= LF_CAND_MAX &&
            out_len + add + last_len <= LF_CAND_MAX)
            k++;
    }
    if (k >= (uint64_t)(s->budget - s->emitted)) {
        s->emitted = s->budget;
        s->stop = 1;
    } else {
        s->emitted += (int)k;
    }
}

static void fill_rec(fill_state *s, int gap, fixed_start from);

/* The site of group `site` in gap `gap`, restoring its letters (add of
 * them: none when the glyph was kept), after the reading's first out_len
 * bytes (hash: their prefix hash); then the fragments to its right. */
static void fill_site(fill_state *s, int gap, size_t out_len, uint64_t hash, int site,
                      size_t add)
{
    const lf_group *gr = &lf_groups[site];
    if (add)
        put_letters(s->c.word + out_len, gr);
    s->c.pos[s->c.nsites] = (uint16_t)out_len;
    s->c.group[s->c.nsites++] = (uint8_t)site;
    fill_rec(s, gap + 1, (fixed_start){out_len + add, out_len, lf_prefix_extend(hash, gr->letters, add)});
    s->c.nsites--;
}

static void fill_rec(fill_state *s, int gap, fixed_start from)
{
    /* append fragment `gap` (the one left of gap `gap`) */
    size_t fl = s->frag_len[gap], out_len = from.len + fl;
    if (out_len > LF_CAND_MAX)
        return;
    memcpy(s->c.word + from.len, s->frag[gap], fl);
    if (gap == s->nfrag - 1) {
        s->c.len = out_len;
        s->c.word[out_len] = '\0';
        if ((!s->dead && s->fn(s->ud, &s->c)) || ++s->emitted >= s->budget)
            s->stop = 1;
        return;
    }
    int was_dead = s->dead;
    uint64_t hash = lf_prefix_extend(from.hash, s->frag[gap], fl);
    if (!s->dead && s->seams && !sites_ok(s->seams, &s->c, out_len, from.checked, hash))
        s->dead = 1;
    if (s->dead && gap == s->nfrag - 2) {
        fill_count_last(s, gap, out_len);
        s->dead = was_dead;
        return;
    }
    /* the glyph kept beside the gap first, then each group restored in it,
     * in the table's order */
    size_t add;
    int kept = gap_site(s, gap, out_len, -1, &add);
    if (kept >= 0 && !s->stop)
        fill_site(s, gap, out_len, hash, kept, 0);
    for (lf_group_mask m = groups_for_gap(s, gap); m && !s->stop; m &= m - 1) {
        int g = first_group(m);
        if (out_len + lf_groups[g].len <= LF_CAND_MAX)
            fill_site(s, gap, out_len, hash, g, lf_groups[g].len);
    }
    s->dead = was_dead;
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
    return lf_damage_fill_pruned(frag, frag_len, nfrag, upper_first, mode, mask, budget,
                                 LF_FILL_KEPT_ACROSS, NULL, fn, ud);
}

int lf_damage_fill_pruned(const char *const *frag, const size_t *frag_len, int nfrag,
                          uint32_t upper_first, int mode, lf_group_mask mask, int budget,
                          unsigned flags, const lf_trigrams *seams, lf_cand_fn fn, void *ud)
{
    if (nfrag < 2 || nfrag - 1 > LF_SITES_MAX || budget < 1)
        return 0;
    pthread_once(&not_after_once, fill_not_after);
    fill_state s = {.frag = frag, .frag_len = frag_len, .nfrag = nfrag, .mode = mode,
                    .budget = budget, .upper_first = upper_first, .mask = mask, .fn = fn,
                    .ud = ud, .seams = seams, .kept_across = (flags & LF_FILL_KEPT_ACROSS) != 0};
    s.c.mode = mode;
    fill_rec(&s, 0, (fixed_start){0, 0, LF_PREFIX_SEED});
    return s.emitted;
}

void lf_group_sites(const char *w, size_t n, lf_site_fn fn, void *ud)
{
    /* every vocabulary word passes here at load time: each letter is only
     * compared with the groups that begin with it */
    pthread_once(&not_after_once, fill_not_after);
    for (size_t i = 0; i < n; i++) {
        lf_group_mask m = any_by_first_byte[(unsigned char)w[i]];
        for (int g = 0; m >> g; g++) {
            size_t gl = lf_groups[g].len;
            if (((m >> g) & 1) && i + gl <= n && memcmp(w + i, lf_groups[g].letters, gl) == 0)
                fn(ud, (lf_site){(uint16_t)i, (uint8_t)g});
        }
    }
}

typedef struct {
    lf_site *v;
    int n, max;
} site_list;

static void add_site(void *ud, lf_site site)
{
    site_list *sl = ud;
    if (sl->n < sl->max)
        sl->v[sl->n++] = site;
}

int lf_group_sites_into(const char *w, size_t n, lf_site *out, int max)
{
    site_list sl = {out, 0, max};
    lf_group_sites(w, n, add_site, &sl);
    return sl.n;
}

size_t lf_damage_apply(const char *w, size_t n, int mode, const lf_site *sites, int nsites,
                       char *out, uint8_t *at)
{
    size_t o = 0, from = 0;
    for (int k = 0; k < nsites; k++) {
        const lf_group *g = &lf_groups[sites[k].group];
        memcpy(out + o, w + from, sites[k].pos - from);
        o += sites[k].pos - from;
        if (at)
            at[k] = (uint8_t)o;
        if (mode == LF_MODE_LETTER)
            out[o++] = g->letters[g->len - 1];
        else if (mode == LF_MODE_FIRST)
            out[o++] = g->letters[0];
        from = sites[k].pos + g->len;
    }
    memcpy(out + o, w + from, n - from);
    return o + n - from;
}

typedef struct {
    const char *w;
    size_t n;
    lf_piece_fn fn;
    void *ud;
} pieces_state;

static void site_pieces(void *ud, lf_site site)
{
    const pieces_state *s = ud;
    size_t i = site.pos, gl = lf_groups[site.group].len;
    if (i)
        s->fn(s->ud, LF_PIECE_LEFT, s->w, i);
    if (i + gl < s->n) {
        s->fn(s->ud, LF_PIECE_LEFT, s->w, i + gl);
        s->fn(s->ud, LF_PIECE_RIGHT, s->w + i + gl, s->n - i - gl);
    }
}

void lf_damage_split_pieces(const char *w, size_t n, lf_piece_fn fn, void *ud)
{
    pieces_state s = {w, n, fn, ud};
    lf_group_sites(w, n, site_pieces, &s);
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

int lf_presentation_group_at(const char *s, size_t n)
{
    int g = -1;
    if (lf_presentation_form_at(s, n))
        lf_presentation_form(0xFB00 + ((unsigned char)s[2] - 0x80u), &g);
    return g;
}

const char *lf_presentation_form_at(const char *s, size_t n)
{
    /* U+FB00..U+FB06 are EF AC 80..86 in UTF-8 */
    if (n < 3 || (unsigned char)s[0] != 0xEF || (unsigned char)s[1] != 0xAC ||
        (unsigned char)s[2] < 0x80 || (unsigned char)s[2] > 0x86)
        return NULL;
    return lf_presentation_form(0xFB00 + ((unsigned char)s[2] - 0x80u), NULL);
}
