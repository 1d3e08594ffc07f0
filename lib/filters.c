/* Vocabulary filters: from the data file, or built at load. */
#include <string.h>

#include "alloc.h"
#include "damage.h"
#include "filters.h"

/* Vocabulary pieces go into the split filter (lf_damage_split_pieces). */
static void add_piece(void *ud, int side, const char *piece, size_t len)
{
    lf_trigrams_add_piece(ud, side, piece, len);
}

void lf_filters_build(lf_trigrams *t, const lf_context *ctx)
{
    const char *prev = "";
    size_t prev_len = 0;
    for (size_t i = 0, n = lf_context_vocab_size(ctx); i < n; i++) {
        size_t len, common = 0;
        const char *w = lf_context_vocab_word(ctx, i, &len);
        /* the vocabulary is sorted: a word shares its prefixes with the one before */
        while (common < len && common < prev_len && w[common] == prev[common])
            common++;
        lf_trigrams_add_word(t, w, len);
        lf_trigrams_add_prefixes(t, w, len, common);
        lf_damage_split_pieces(w, len, add_piece, t);
        prev = w;
        prev_len = len;
    }
}

const lf_trigrams *lf_filters_get(const lf_context *ctx, lf_trigrams **owned)
{
    *owned = NULL;
    const void *stored = lf_context_derived_filters(ctx, LF_FILTERS_RECIPE, sizeof(lf_trigrams));
    if (stored)
        return stored;
    if (!(*owned = lf_calloc(1, sizeof **owned)))
        return NULL;
    lf_filters_build(*owned, ctx);
    return *owned;
}
