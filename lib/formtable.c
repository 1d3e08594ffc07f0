/* The flat block of the index of damaged forms: layout, lookups, building.
 *
 * Layout (native u32 words; little-endian in a data file), 8-aligned:
 *   header   12 u32: HDR_* below
 *   ends     ENDS_WORDS u64: Bloom filter of the ends a split leaves
 *   slots    n_slots u32 (a power of two): open addressing by lf_hash,
 *            linear probing; a form's number or EMPTY
 *   forms    (n_forms + 1) x 3 u32: the top half of the form's lf_hash,
 *            where it starts in strings, its first reading; form f spans
 *            strings and readings up to where form f + 1 starts
 *   readings n_readings x lf_form_reading (12 bytes)
 *   strings  the forms' bytes, back to back; zero padding to 8 bytes
 * Built in memory, the same parts lie in separate arrays (one view,
 * lf_formtable, serves both); lf_formtable_serialize joins them. */
#include <string.h>

#include "alloc.h"
#include "damage.h"
#include "formtable.h"

#define EMPTY UINT32_MAX
#define ENDS_WORDS ((size_t)1 << 14) /* 2^20 bits */
#define ENDS_PROBES 3

enum {
    HDR_RECIPE, HDR_SIZE, HDR_GROUPS, HDR_MIN_PRIOR, HDR_SHORT_MAX, HDR_N_WORDS, HDR_N_SLOTS,
    HDR_N_FORMS, HDR_N_READINGS, HDR_STRINGS, HDR_ENDS_WORDS, HDR_ZERO, HDR_COUNT
};
#define HEADER_SIZE (HDR_COUNT * 4)

_Static_assert(sizeof(lf_form_reading) == 12, "lf_form_reading is 12 bytes in the file");

typedef struct {
    lf_form_reading r;
    uint32_t form;
} pending_reading;

/* ---- the header ---------------------------------------------------------- */

/* The group table the readings' group numbers index, as one number. */
static uint32_t groups_hash(void)
{
    char buf[64 * 8];
    size_t n = 0;
    for (int g = 0; g < lf_group_count && n + 6 <= sizeof buf; g++) {
        size_t len = lf_groups[g].len < 4 ? lf_groups[g].len : 4;
        memcpy(buf + n, lf_groups[g].letters, len);
        n += len;
        buf[n++] = '\0';
        buf[n++] = (char)lf_groups[g].flags;
    }
    return (uint32_t)lf_hash(buf, n);
}

/* min_prior in thousandths, as the header keeps it. */
static uint32_t prior_code(double p)
{
    return (uint32_t)(int32_t)(p * 1000 + (p < 0 ? -0.5 : 0.5));
}

/* The block's size from its counts, or 0 when they overflow. */
static uint64_t layout_size(const uint32_t *h, uint64_t *slots_off, uint64_t *forms_off,
                            uint64_t *readings_off, uint64_t *strings_off)
{
    *slots_off = HEADER_SIZE + (uint64_t)h[HDR_ENDS_WORDS] * 8;
    *forms_off = *slots_off + (uint64_t)h[HDR_N_SLOTS] * 4;
    *readings_off = *forms_off + ((uint64_t)h[HDR_N_FORMS] + 1) * 12;
    *strings_off = *readings_off + (uint64_t)h[HDR_N_READINGS] * sizeof(lf_form_reading);
    uint64_t end = (*strings_off + h[HDR_STRINGS] + 7) & ~(uint64_t)7;
    return end > UINT32_MAX ? 0 : end;
}

int lf_formtable_open(lf_formtable *t, const void *block, size_t size, const lf_formtable_key *key)
{
    uint32_t h[HDR_COUNT];
    if (!block || size < HEADER_SIZE || (uintptr_t)block % 8 != 0)
        return 0;
    memcpy(h, block, sizeof h);
    uint64_t so, fo, ro, sto;
    uint32_t ns = h[HDR_N_SLOTS];
    if (h[HDR_RECIPE] != LF_FORMTABLE_RECIPE || h[HDR_SIZE] != size ||
        h[HDR_GROUPS] != groups_hash() || h[HDR_MIN_PRIOR] != prior_code(key->min_prior) ||
        h[HDR_SHORT_MAX] != key->short_max || h[HDR_N_WORDS] != key->n_words ||
        h[HDR_ENDS_WORDS] != ENDS_WORDS || ns == 0 || (ns & (ns - 1)) != 0 ||
        h[HDR_N_FORMS] == UINT32_MAX || layout_size(h, &so, &fo, &ro, &sto) != size)
        return 0;
    const char *b = block;
    t->ends = (const uint64_t *)(const void *)(b + HEADER_SIZE);
    t->slots = (const uint32_t *)(const void *)(b + so);
    t->slot_mask = ns - 1;
    t->forms = (const uint32_t *)(const void *)(b + fo);
    t->readings = (const lf_form_reading *)(const void *)(b + ro);
    t->strings = b + sto;
    t->n_forms = h[HDR_N_FORMS];
    t->n_readings = h[HDR_N_READINGS];
    t->strings_size = h[HDR_STRINGS];
    return 1;
}

/* ---- looking up ---------------------------------------------------------- */

/* The number of form w (lf_hash h), or EMPTY; *at gets the empty slot it
 * would take (UINT32_MAX if none). */
static uint32_t find_form(const lf_formtable *t, const char *w, size_t n, uint64_t h, uint32_t *at)
{
    uint32_t top = (uint32_t)(h >> 32), i = (uint32_t)h & t->slot_mask;
    *at = EMPTY;
    /* a stored table may have no empty slot: the probe is bounded */
    for (uint64_t k = 0; k <= t->slot_mask; k++, i = (i + 1) & t->slot_mask) {
        uint32_t f = t->slots[i];
        if (f == EMPTY) {
            *at = i;
            return EMPTY;
        }
        if (f >= t->n_forms || t->forms[3 * f] != top)
            continue;
        const uint32_t *e = t->forms + 3 * f; /* and e[3 ..] is form f + 1 */
        if (e[1] <= e[4] && e[4] <= t->strings_size && e[4] - e[1] == n &&
            memcmp(t->strings + e[1], w, n) == 0)
            return f;
    }
    return EMPTY;
}

const lf_form_reading *lf_formtable_find(const lf_formtable *t, const char *w, size_t n,
                                         size_t *count)
{
    uint32_t at, f = find_form(t, w, n, lf_hash(w, n), &at);
    *count = 0;
    if (f == EMPTY)
        return NULL;
    const uint32_t *e = t->forms + 3 * f;
    if (e[2] > e[5] || e[5] > t->n_readings)
        return NULL;
    *count = e[5] - e[2];
    return t->readings + e[2];
}

static uint64_t end_hash(int last, const char *s, size_t n)
{
    return lf_hash(s, n) ^ (last ? 0x5BD1E9955BD1E995ULL : 0);
}

static size_t end_bit(uint64_t h, int k)
{
    return (size_t)(h >> (20 * k)) & (ENDS_WORDS * 64 - 1);
}

int lf_formtable_may_end(const lf_formtable *t, int last, const char *s, size_t n)
{
    uint64_t h = end_hash(last, s, n);
    for (int k = 0; k < ENDS_PROBES; k++) {
        size_t bit = end_bit(h, k);
        if (!((t->ends[bit >> 6] >> (bit & 63)) & 1))
            return 0;
    }
    return 1;
}

/* ---- building ------------------------------------------------------------ */

/* Points the builder's view at its arrays (which move as they grow). */
static void refresh(lf_formtable_builder *b)
{
    b->t.ends = b->ends;
    b->t.slots = b->slots;
    b->t.forms = b->forms.v;
    b->t.n_forms = (uint32_t)(b->forms.n / 3 - 1);
    b->t.strings = b->strings.v;
    b->t.strings_size = (uint32_t)b->strings.n;
    b->t.readings = b->readings;
}

/* Three u32 more at the end of v (capacity reserved). */
static void put3(lf_vec *v, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t *p = (uint32_t *)v->v + v->n;
    p[0] = a, p[1] = b, p[2] = c;
    v->n += 3;
}

int lf_formtable_builder_init(lf_formtable_builder *b)
{
    memset(b, 0, sizeof *b);
    lf_vec_init(&b->forms, sizeof(uint32_t));
    lf_vec_init(&b->low, sizeof(uint32_t));
    lf_vec_init(&b->strings, 1);
    lf_vec_init(&b->pending, sizeof(pending_reading));
    b->ends = lf_calloc(ENDS_WORDS, sizeof *b->ends);
    b->slots = lf_malloc(2 * sizeof *b->slots);
    if (!b->ends || !b->slots || lf_vec_reserve(&b->forms, 3) < 0 ||
        lf_vec_reserve(&b->strings, 1) < 0)
        return -1;
    memset(b->slots, 0xFF, 2 * sizeof *b->slots);
    b->t.slot_mask = 1;
    put3(&b->forms, 0, 0, 0); /* where a next form would start */
    refresh(b);
    return 0;
}

void lf_formtable_builder_free(lf_formtable_builder *b)
{
    lf_vec_free(&b->forms);
    lf_vec_free(&b->low);
    lf_vec_free(&b->strings);
    lf_vec_free(&b->pending);
    lf_free(b->readings);
    lf_free(b->ends);
    lf_free(b->slots);
    memset(b, 0, sizeof *b);
}

/* Twice the slots, the forms placed again in the order added (so that
 * the table is what placing them all at once would make). */
static int grow(lf_formtable_builder *b)
{
    uint32_t ns = 2 * (b->t.slot_mask + 1), mask = ns - 1;
    uint32_t *slots = lf_malloc((size_t)ns * sizeof *slots);
    if (!slots)
        return -1;
    memset(slots, 0xFF, (size_t)ns * sizeof *slots);
    const uint32_t *low = b->low.v;
    for (uint32_t f = 0; f < b->t.n_forms; f++) {
        uint32_t i = low[f] & mask;
        while (slots[i] != EMPTY)
            i = (i + 1) & mask;
        slots[i] = f;
    }
    lf_free(b->slots);
    b->slots = slots;
    b->t.slot_mask = mask;
    return 0;
}

int lf_formtable_add(lf_formtable_builder *b, const char *form, size_t n, const lf_form_reading *r)
{
    uint64_t h = lf_hash(form, n);
    uint32_t at, f = find_form(&b->t, form, n, h, &at);
    if (f == EMPTY) {
        f = b->t.n_forms;
        if (2 * ((uint64_t)f + 1) > (uint64_t)b->t.slot_mask + 1) { /* at most half full */
            if (grow(b) < 0)
                return -1;
            refresh(b);
            find_form(&b->t, form, n, h, &at);
        }
        if (at == EMPTY)
            return -1; /* cannot happen: the table is at most half full */
        if (lf_vec_reserve(&b->forms, b->forms.n + 3) < 0 ||
            lf_vec_reserve(&b->low, b->low.n + 1) < 0 ||
            lf_vec_reserve(&b->strings, b->strings.n + n) < 0)
            return -1;
        uint32_t *e = (uint32_t *)b->forms.v + 3 * f;
        e[0] = (uint32_t)(h >> 32); /* e[1], where it starts, is in place */
        put3(&b->forms, 0, (uint32_t)(b->strings.n + n), 0);
        ((uint32_t *)b->low.v)[b->low.n++] = (uint32_t)h;
        memcpy((char *)b->strings.v + b->strings.n, form, n);
        b->strings.n += n;
        b->slots[at] = f;
        refresh(b);
    }
    pending_reading *p = lf_vec_push(&b->pending);
    if (!p)
        return -1;
    p->r = *r;
    p->form = f;
    return 0;
}

void lf_formtable_add_end(lf_formtable_builder *b, int last, const char *s, size_t n)
{
    uint64_t h = end_hash(last, s, n);
    for (int k = 0; k < ENDS_PROBES; k++) {
        size_t bit = end_bit(h, k);
        b->ends[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
}

int lf_formtable_finish(lf_formtable_builder *b)
{
    uint32_t nf = b->t.n_forms, nr = (uint32_t)b->pending.n;
    uint32_t *forms = b->forms.v;
    if (!(b->readings = lf_malloc(nr ? (size_t)nr * sizeof *b->readings : 1)))
        return -1;
    /* each form's readings, the last added first: count them, take where
     * each form's run ends, and fill the runs from their ends */
    const pending_reading *p = b->pending.v;
    for (uint32_t k = 0; k < nr; k++)
        forms[3 * p[k].form + 2]++;
    for (uint32_t f = 0, at = 0; f < nf; f++) {
        at += forms[3 * f + 2];
        forms[3 * f + 2] = at;
    }
    forms[3 * nf + 2] = nr;
    for (uint32_t k = 0; k < nr; k++)
        b->readings[--forms[3 * p[k].form + 2]] = p[k].r;
    lf_vec_free(&b->pending);
    refresh(b);
    b->t.n_readings = nr;
    return 0;
}

void *lf_formtable_serialize(const lf_formtable *t, const lf_formtable_key *key, size_t *size)
{
    uint32_t h[HDR_COUNT] = {0};
    h[HDR_RECIPE] = LF_FORMTABLE_RECIPE;
    h[HDR_GROUPS] = groups_hash();
    h[HDR_MIN_PRIOR] = prior_code(key->min_prior);
    h[HDR_SHORT_MAX] = (uint32_t)key->short_max;
    h[HDR_N_WORDS] = (uint32_t)key->n_words;
    h[HDR_N_SLOTS] = t->slot_mask + 1;
    h[HDR_N_FORMS] = t->n_forms;
    h[HDR_N_READINGS] = t->n_readings;
    h[HDR_STRINGS] = t->strings_size;
    h[HDR_ENDS_WORDS] = ENDS_WORDS;
    uint64_t so, fo, ro, sto, total = layout_size(h, &so, &fo, &ro, &sto);
    char *block = total ? lf_calloc(1, total) : NULL; /* zero padding: reproducible */
    if (!block)
        return NULL;
    h[HDR_SIZE] = (uint32_t)total;
    memcpy(block, h, sizeof h);
    memcpy(block + HEADER_SIZE, t->ends, ENDS_WORDS * sizeof *t->ends);
    memcpy(block + so, t->slots, (size_t)(fo - so));
    memcpy(block + fo, t->forms, (size_t)(ro - fo));
    if (t->n_readings)
        memcpy(block + ro, t->readings, (size_t)(sto - ro));
    if (t->strings_size)
        memcpy(block + sto, t->strings, t->strings_size);
    *size = (size_t)total;
    return block;
}
