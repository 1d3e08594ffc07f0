/* Appends ligfix's derived tables to a context data file, so that loading
 * it need not compute them (dict/README.md, "Derived tables").
 *
 * usage: derive_data IN OUT
 *
 * IN may be OUT. Derived tables IN already has are replaced. The output
 * depends only on IN and on this build's recipes (filters, form index):
 * run it again (make data-derived) whenever tests/test_filters.c says the
 * stored tables are stale. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "context.h"
#include "filters.h"
#include "formindex.h"
#include "units.h"

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "derive_data: %s%s%s\n", what, path ? ": " : "", path ? path : "");
    return 1;
}

/* The first n bytes of path. */
static unsigned char *read_prefix(const char *path, size_t n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = f ? malloc(n ? n : 1) : NULL;
    if (buf && fread(buf, 1, n, f) != n) {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

static int write_all(FILE *f, const void *p, size_t n) { return fwrite(p, 1, n, f) == n; }

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: derive_data IN OUT\n");
        return 2;
    }
    const uint32_t one = 1;
    if (*(const unsigned char *)&one != 1)
        return fail("the derived tables are little-endian: run this on a little-endian host",
                    NULL);
    ligfix_error err = {0};
    lf_context *ctx = lf_context_open(argv[1], &err);
    if (!ctx)
        return fail(err.message, NULL);
    size_t lm = lf_context_lm_size(ctx), slots = lf_context_hash_slots(ctx);
    unsigned char *tables = read_prefix(argv[1], lm);
    lf_trigrams *filters = lf_calloc(1, sizeof *filters);
    uint32_t *hashes = lf_malloc(slots * sizeof *hashes);
    if (!tables || !filters || !hashes)
        return fail("cannot read or allocate", argv[1]);
    lf_filters_build(filters, ctx);
    lf_context_fresh_slot_hashes(ctx, hashes);
    /* with the parameters lib/api.c opens the model's index with */
    size_t x_size = 0;
    int rc;
    void *forms = lf_formindex_build_block(ctx, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX,
                                           &x_size, &rc);
    if (rc < 0)
        return fail("out of memory building the form index", argv[1]);

    static const unsigned char zeros[8];
    size_t f_off = (lm + 7) & ~(size_t)7, h_off = f_off + sizeof *filters;
    size_t h_end = h_off + slots * 4, x_off = forms ? (h_end + 7) & ~(size_t)7 : 0;
    unsigned char trailer[LF_DERIVED_TRAILER_SIZE] = {0};
    memcpy(trailer, LF_DERIVED_MAGIC, 8);
    put32(trailer + 8, (uint32_t)f_off);
    put32(trailer + 12, (uint32_t)sizeof *filters);
    put32(trailer + 16, LF_FILTERS_RECIPE);
    put32(trailer + 20, (uint32_t)h_off);
    put32(trailer + 24, (uint32_t)slots);
    put32(trailer + 28, (uint32_t)x_off);
    if (h_end + 8 + x_size + sizeof trailer > UINT32_MAX)
        return fail("file too large", argv[1]);

    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]) >= (int)sizeof tmp)
        return fail("path too long", argv[2]);
    FILE *out = fopen(tmp, "wb");
    if (!out)
        return fail("cannot create", tmp);
    int ok = write_all(out, tables, lm) && write_all(out, zeros, f_off - lm) &&
             write_all(out, filters, sizeof *filters) &&
             write_all(out, hashes, slots * sizeof *hashes) &&
             (!forms || (write_all(out, zeros, x_off - h_end) && write_all(out, forms, x_size))) &&
             write_all(out, trailer, sizeof trailer);
    if (fclose(out) != 0 || !ok || rename(tmp, argv[2]) != 0) {
        remove(tmp);
        return fail("cannot write", argv[2]);
    }
    lf_context_close(ctx);
    lf_free(filters);
    lf_free(hashes);
    lf_free(forms);
    free(tables);
    return 0;
}
