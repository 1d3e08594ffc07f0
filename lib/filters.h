/* The vocabulary filters (lf_trigrams) of a model with context data: taken
 * from the data file's derived tables when it carries them for this build,
 * else built from the vocabulary at load. */
#ifndef LF_FILTERS_H
#define LF_FILTERS_H

#include "context.h"
#include "trigram.h"

/* Bumped whenever what a filter holds or how it hashes changes, so that a
 * data file derived by an older build is not trusted (its filters would
 * reject words they should let through). tests/test_filters.c checks that
 * the committed data file's filters equal freshly built ones. */
#define LF_FILTERS_RECIPE 1u

/* Fills t (zeroed by the caller) from the vocabulary of ctx. */
void lf_filters_build(lf_trigrams *t, const lf_context *ctx);

/* The filters of ctx: the data file's own if it has them, else built into
 * *owned (allocated here; the caller frees it with lf_free). NULL only on
 * allocation failure. */
const lf_trigrams *lf_filters_get(const lf_context *ctx, lf_trigrams **owned);

#endif
