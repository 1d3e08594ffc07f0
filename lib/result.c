#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "result.h"

struct ligfix_result {
    ligfix_span *spans;
    size_t n, cap;
    ligfix_alternative *alts;
    size_t nalt, capalt;
    char *pool;
    size_t plen, pcap;
};

ligfix_result *lf_result_new(void) { return lf_calloc(1, sizeof(ligfix_result)); }

void ligfix_result_free(ligfix_result *r)
{
    if (!r)
        return;
    lf_free(r->spans);
    lf_free(r->alts);
    lf_free(r->pool);
    lf_free(r);
}

size_t ligfix_result_count(const ligfix_result *r) { return r ? r->n : 0; }

const ligfix_span *ligfix_result_span(const ligfix_result *r, size_t i)
{
    return r && i < r->n ? &r->spans[i] : NULL;
}

static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *p = lf_realloc(*v, c * size);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

/* Strings are kept as pool offsets until the result is sealed, because the
 * pool moves as it grows. */
static int pool_add(ligfix_result *r, const char *s, size_t n, uintptr_t *off)
{
    if (grow((void **)&r->pool, &r->pcap, r->plen + n + 1, 1) < 0)
        return -1;
    memcpy(r->pool + r->plen, s, n);
    r->pool[r->plen + n] = '\0';
    *off = r->plen;
    r->plen += n + 1;
    return 0;
}

int lf_result_add(ligfix_result *r, size_t start, size_t end, const char *text,
                  const char *replacement, size_t rlen, double confidence, int applied,
                  const char *ligature, const char *mode, const lf_alt_in *alts, int nalt)
{
    uintptr_t o_obs, o_rep, o_lig, o_mode;
    if (grow((void **)&r->spans, &r->cap, r->n + 1, sizeof *r->spans) < 0 ||
        grow((void **)&r->alts, &r->capalt, r->nalt + (size_t)nalt, sizeof *r->alts) < 0 ||
        pool_add(r, text + start, end - start, &o_obs) < 0 ||
        pool_add(r, replacement, rlen, &o_rep) < 0 ||
        pool_add(r, ligature, strlen(ligature), &o_lig) < 0 ||
        pool_add(r, mode, strlen(mode), &o_mode) < 0)
        return -1;
    size_t first_alt = r->nalt;
    for (int i = 0; i < nalt; i++) {
        uintptr_t o;
        if (pool_add(r, alts[i].word, alts[i].len, &o) < 0)
            return -1;
        r->alts[r->nalt++] = (ligfix_alternative){(const char *)o, alts[i].p};
    }
    r->spans[r->n++] = (ligfix_span){
        .start = start, .end = end, .observed = (const char *)o_obs,
        .replacement = (const char *)o_rep, .confidence = confidence, .applied = applied,
        .ligature = (const char *)o_lig, .mode = (const char *)o_mode,
        .n_alternatives = (size_t)nalt, .alternatives = (const ligfix_alternative *)first_alt};
    return 0;
}

void lf_result_seal(ligfix_result *r)
{
    for (size_t i = 0; i < r->nalt; i++)
        r->alts[i].word = r->pool + (uintptr_t)r->alts[i].word;
    for (size_t i = 0; i < r->n; i++) {
        ligfix_span *s = &r->spans[i];
        s->observed = r->pool + (uintptr_t)s->observed;
        s->replacement = r->pool + (uintptr_t)s->replacement;
        s->ligature = r->pool + (uintptr_t)s->ligature;
        s->mode = r->pool + (uintptr_t)s->mode;
        s->alternatives = r->alts + (uintptr_t)s->alternatives;
    }
}

char *ligfix_apply(const char *text, size_t len, const ligfix_result *r, size_t *out_len,
                   ligfix_error *err)
{
    if ((!text && len) || !r) {
        lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_apply: NULL text or result");
        return NULL;
    }
    /* NULL text with len 0 is allowed: memcpy from NULL is undefined even
     * for 0 bytes (UBSan, tests/test_hostile.c test_bad_arguments). */
    if (!text)
        text = "";
    size_t n = len;
    for (size_t i = 0; i < r->n; i++) {
        const ligfix_span *s = &r->spans[i];
        if (s->end > len || s->start > s->end || (i && s->start < r->spans[i - 1].end)) {
            lf_error_set(err, LIGFIX_ERR_ARGUMENT,
                         "ligfix_apply: the result does not belong to this text");
            return NULL;
        }
        if (s->applied)
            n = n - (s->end - s->start) + strlen(s->replacement);
    }
    char *out = lf_malloc(n + 1);
    if (!out) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory applying repairs");
        return NULL;
    }
    size_t pos = 0, o = 0;
    for (size_t i = 0; i < r->n; i++) {
        const ligfix_span *s = &r->spans[i];
        if (!s->applied)
            continue;
        memcpy(out + o, text + pos, s->start - pos);
        o += s->start - pos;
        size_t rl = strlen(s->replacement);
        memcpy(out + o, s->replacement, rl);
        o += rl;
        pos = s->end;
    }
    memcpy(out + o, text + pos, len - pos);
    o += len - pos;
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}
