/* The flat layout of the index of damaged forms (lib/formindex.c): one
 * position-independent block of offsets, not pointers, so that the same
 * bytes serve when built in memory at first use and when mapped from the
 * data file's derived tables (dict/README.md, "Derived tables").
 *
 * A stored block is placed, not validated: lookups check every offset and
 * count they follow, so garbage in it can make them miss or read wrong
 * readings, never read outside the block or the vocabulary. */
#ifndef LF_FORMTABLE_H
#define LF_FORMTABLE_H
#include <stddef.h>
#include <stdint.h>

#include "internal.h"
#include "strmap.h"

/* Bumped whenever what the index holds for a vocabulary changes (the
 * readings formindex.c adds, the damage of lf_damage_apply, the ends it
 * records, this layout, lf_hash), so that a data file derived by an older
 * build is not trusted. The group table and the build's parameters are
 * recorded in the block itself and checked too. tests/test_filters.c
 * checks that the committed data file's block equals a fresh one. */
#define LF_FORMTABLE_RECIPE 1u

/* One reading of a damaged form: the vocabulary word and where its sites
 * are, in the damaged form (j, as the search places them) and in the word
 * (pos). */
typedef struct {
    uint32_t word; /* vocabulary id */
    uint8_t mode, nsites;
    uint8_t group[2], j[2], pos[2];
} lf_form_reading;

/* What a block was built from; a stored block is used only if it matches. */
typedef struct {
    double min_prior;
    size_t short_max;
    size_t n_words; /* the vocabulary's size */
} lf_formtable_key;

/* The view lookups read: over a stored block, or over a builder's arrays. */
typedef struct {
    const uint64_t *ends;   /* the Bloom filter of split ends */
    const uint32_t *slots;  /* form number, or UINT32_MAX: empty */
    uint32_t slot_mask;
    const uint32_t *forms;  /* 3 per form and one more: hash, string offset, first reading */
    uint32_t n_forms, n_readings, strings_size;
    const lf_form_reading *readings;
    const char *strings;
} lf_formtable;

/* Opens block (size bytes, 8-aligned) if it is of this recipe, built from
 * key, and its counts add up to size; 0 if not. */
int lf_formtable_open(lf_formtable *t, const void *block, size_t size, const lf_formtable_key *key);

/* The readings of damaged form w, in the order added (the last first);
 * *count of them, 0 when w is no form. */
const lf_form_reading *lf_formtable_find(const lf_formtable *t, const char *w, size_t n,
                                         size_t *count);
/* Whether s might be a first (last 0) or last (last 1) end a split leaves. */
int lf_formtable_may_end(const lf_formtable *t, int last, const char *s, size_t n);

/* Builds the table in memory, in separate arrays; t is its view. */
typedef struct {
    lf_formtable t;
    uint32_t *slots;
    lf_vec forms;    /* uint32_t: 3 per form, and where the next would start */
    lf_vec low;      /* uint32_t: the low half of each form's hash (to grow the slots) */
    lf_vec strings;  /* char */
    lf_vec pending;  /* readings with their form's number, in order added */
    lf_form_reading *readings;
    uint64_t *ends;
} lf_formtable_builder;

/* 0, or -1 when memory ran out (then free it all the same). */
int lf_formtable_builder_init(lf_formtable_builder *b);
int lf_formtable_add(lf_formtable_builder *b, const char *form, size_t n, const lf_form_reading *r);
void lf_formtable_add_end(lf_formtable_builder *b, int last, const char *s, size_t n);
/* Places the readings: b->t is then ready for lookups. 0, or -1 when
 * memory ran out. */
int lf_formtable_finish(lf_formtable_builder *b);
void lf_formtable_builder_free(lf_formtable_builder *b);

/* t as one block, as the data file stores it (lf_malloc'd, *size bytes),
 * with key in its header; NULL when memory ran out. */
void *lf_formtable_serialize(const lf_formtable *t, const lf_formtable_key *key, size_t *size);

#endif
