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
 *   strings  the forms' bytes, back to back; zero padding to 8 bytes */
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

const lf_form_reading *lf_formtable_find(const lf_formtable *t, const char *w, size_t n,
                                         size_t *count)
{
    *count = 0;
    uint64_t h = lf_hash(w, n);
    uint32_t top = (uint32_t)(h >> 32), i = (uint32_t)h & t->slot_mask;
    /* a stored table may have no empty slot: the probe is bounded */
    for (uint64_t k = 0; k <= t->slot_mask; k++, i = (i + 1) & t->slot_mask) {
        uint32_t f = t->slots[i];
        if (f == EMPTY)
            return NULL;
        if (f >= t->n_forms || t->forms[3 * f] != top)
            continue;
        const uint32_t *e = t->forms + 3 * f; /* and e[3 ..] is form f + 1 */
        if (e[1] > e[4] || e[4] > t->strings_size || e[4] - e[1] != n ||
            memcmp(t->strings + e[1], w, n) != 0)
            continue;
        if (e[2] > e[5] || e[5] > t->n_readings)
            return NULL;
        *count = e[5] - e[2];
        return t->readings + e[2];
    }
    return NULL;
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

int lf_formtable_builder_init(lf_formtable_builder *b)
{
    lf_strmap_init(&b->forms);
    lf_vec_init(&b->pending, sizeof(pending_reading));
    b->ends = lf_calloc(ENDS_WORDS, sizeof *b->ends);
    return b->ends ? 0 : -1;
}

void lf_formtable_builder_free(lf_formtable_builder *b)
{
    lf_strmap_free(&b->forms);
    lf_vec_free(&b->pending);
    lf_free(b->ends);
    b->ends = NULL;
}

int lf_formtable_add(lf_formtable_builder *b, const char *form, size_t n, const lf_form_reading *r)
{
    uint32_t *num = lf_strmap_put(&b->forms, form, n, EMPTY);
    if (!num)
        return -1;
    if (*num == EMPTY) /* a new form: the map's last entry */
        *num = (uint32_t)(lf_strmap_count(&b->forms) - 1);
    uint32_t form_num = *num;
    pending_reading *p = lf_vec_push(&b->pending);
    if (!p)
        return -1;
    p->r = *r;
    p->form = form_num;
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

void *lf_formtable_finish(lf_formtable_builder *b, const lf_formtable_key *key, size_t *size)
{
    /* the map keeps its entries in the order added, their keys back to
     * back in its arena (strmap.h): the forms' numbers and strings area */
    const lf_strmap *m = &b->forms;
    uint32_t nf = (uint32_t)m->n, nr = (uint32_t)b->pending.n;
    uint32_t ns = 2;
    while (ns < 2 * (uint64_t)nf) /* at most half full */
        ns *= 2;
    uint32_t h[HDR_COUNT] = {0};
    h[HDR_RECIPE] = LF_FORMTABLE_RECIPE;
    h[HDR_GROUPS] = groups_hash();
    h[HDR_MIN_PRIOR] = prior_code(key->min_prior);
    h[HDR_SHORT_MAX] = (uint32_t)key->short_max;
    h[HDR_N_WORDS] = (uint32_t)key->n_words;
    h[HDR_N_SLOTS] = ns;
    h[HDR_N_FORMS] = nf;
    h[HDR_N_READINGS] = nr;
    h[HDR_STRINGS] = (uint32_t)m->arena_len;
    h[HDR_ENDS_WORDS] = ENDS_WORDS;
    uint64_t so, fo, ro, sto, total = layout_size(h, &so, &fo, &ro, &sto);
    char *block = total ? lf_malloc(total) : NULL;
    if (!block)
        return NULL;
    /* every byte is written below but the strings' padding and the last
     * form's hash: zeroed, so that the block is reproducible */
    memset(block + total - 8, 0, 8);

    h[HDR_SIZE] = (uint32_t)total;
    memcpy(block, h, sizeof h);
    memcpy(block + HEADER_SIZE, b->ends, ENDS_WORDS * sizeof *b->ends);
    uint32_t *slots = (uint32_t *)(void *)(block + so), *forms = (uint32_t *)(void *)(block + fo);
    lf_form_reading *readings = (lf_form_reading *)(void *)(block + ro);
    if (m->arena_len)
        memcpy(block + sto, m->arena, m->arena_len);
    memset(slots, 0xFF, (size_t)ns * 4);
    for (uint32_t f = 0; f < nf; f++) {
        uint64_t hash = m->entries[f].hash; /* lf_hash of the form */
        uint32_t i = (uint32_t)hash & (ns - 1);
        while (slots[i] != EMPTY)
            i = (i + 1) & (ns - 1);
        slots[i] = f;
        forms[3 * f] = (uint32_t)(hash >> 32);
        forms[3 * f + 1] = (uint32_t)m->entries[f].key_off;
    }
    forms[3 * nf] = 0;
    forms[3 * nf + 1] = (uint32_t)m->arena_len;
    forms[3 * nf + 2] = nr;
    /* each form's readings, the last added first: count them, take where
     * each form's run ends, and fill the runs from their ends */
    const pending_reading *p = b->pending.v;
    for (uint32_t k = 0; k < nr; k++)
        forms[3 * p[k].form + 2]++;
    for (uint32_t f = 0, at = 0; f < nf; f++) {
        at += forms[3 * f + 2];
        forms[3 * f + 2] = at;
    }
    for (uint32_t k = 0; k < nr; k++)
        readings[--forms[3 * p[k].form + 2]] = p[k].r;
    *size = (size_t)total;
    return block;
}
