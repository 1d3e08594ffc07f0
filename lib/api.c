/* The public objects: model, checker, the simple API, versions. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "filters.h"
#include "formindex.h"
#include "gencache.h"
#include "internal.h"
#include "units.h"
#include "verdicts.h"

#ifndef LIGFIX_DATADIR
#define LIGFIX_DATADIR "/usr/local/share/ligfix"
#endif
#define DEFAULT_DICT "/usr/share/hunspell/en_US"
#define DATA_FILE "ligfix-context.bin"
#define DEFAULT_THRESHOLD 0.5

int ligfix_version(void) { return LIGFIX_VERSION; }
const char *ligfix_version_string(void) { return LIGFIX_VERSION_STRING; }

/* ---- model ---------------------------------------------------------------- */

#define GENCACHE_BYTES ((size_t)32 << 20)
#define TYPESHARE_BYTES ((size_t)32 << 20)
#define VERDICTS_MAX 300000 /* words, some 20 MiB */

static int file_exists(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

ligfix_model *ligfix_model_new(const char *dict_path, const char *data_path, ligfix_error *err)
{
    lf_error_clear(err);
    if (!dict_path || !*dict_path)
        dict_path = getenv("LIGFIX_DICT");
    if (!dict_path || !*dict_path)
        dict_path = DEFAULT_DICT;
    /* An explicit data path must load; the default one may be absent. */
    int data_required = data_path && *data_path;
    if (!data_required) {
        data_path = getenv("LIGFIX_DATA");
        data_required = data_path && *data_path;
    }
    if (lf_lexicon_probe(dict_path, err) != LIGFIX_OK)
        return NULL;
    ligfix_model *m = lf_calloc(1, sizeof *m);
    if (!m || !(m->dict_base = lf_strndup(dict_path, strlen(dict_path))))
        goto nomem;
    if (data_required) {
        if (!(m->ctx = lf_context_open(data_path, err)))
            goto fail;
    } else if (file_exists(LIGFIX_DATADIR "/" DATA_FILE)) {
        if (!(m->ctx = lf_context_open(LIGFIX_DATADIR "/" DATA_FILE, err)))
            goto fail;
    }
    if (m->ctx && !(m->trigrams = lf_filters_get(m->ctx, &m->trigrams_owned)))
        goto nomem;
    if (!(m->proto = lf_tokenizer_new(err)))
        goto fail;
    if (!(m->gen = lf_gencache_new(GENCACHE_BYTES)) ||
        !(m->types = lf_gencache_new(TYPESHARE_BYTES)) ||
        !(m->verdicts = lf_verdicts_new(VERDICTS_MAX)) ||
        !(m->speller = lf_speller_new(m->dict_base)))
        goto nomem;
    if (m->ctx && !(m->forms = lf_formindex_new(m->ctx, LOGP_REALWORD_MIN, REALWORD_TWO_SITE_MAX)))
        goto nomem;
    return m;
nomem:
    lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory loading the model");
fail:
    ligfix_model_free(m);
    return NULL;
}

void ligfix_model_free(ligfix_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_user; i++)
        lf_free(m->user_words[i]);
    lf_free(m->user_words);
    lf_gencache_free(m->gen);
    lf_gencache_free(m->types);
    lf_verdicts_free(m->verdicts);
    lf_speller_free(m->speller);
    lf_formindex_free(m->forms);
    lf_context_close(m->ctx);
    lf_free(m->trigrams_owned);
    lf_tokenizer_free(m->proto);
    lf_free(m->dict_base);
    lf_free(m);
}

int ligfix_model_add_word(ligfix_model *m, const char *word, ligfix_error *err)
{
    if (!m || !word)
        return lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_model_add_word: NULL argument");
    size_t n = strlen(word);
    if (n == 0 || n > 100)
        return lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_model_add_word: word of %zu bytes",
                            n);
    if (m->n_user == m->cap_user) {
        size_t cap = m->cap_user ? m->cap_user * 2 : 16;
        char **v = lf_realloc(m->user_words, cap * sizeof *v);
        if (!v)
            return lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory adding a word");
        m->user_words = v;
        m->cap_user = cap;
    }
    if (!(m->user_words[m->n_user] = lf_strndup(word, n)))
        return lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory adding a word");
    m->n_user++;
    return LIGFIX_OK;
}

int ligfix_model_add_word_file(ligfix_model *m, const char *path, ligfix_error *err)
{
    if (!m || !path)
        return lf_error_set(err, LIGFIX_ERR_ARGUMENT,
                            "ligfix_model_add_word_file: NULL argument");
    FILE *f = fopen(path, "rb");
    if (!f)
        return lf_error_set(err, LIGFIX_ERR_DATA, "cannot read word list %s", path);
    char line[256];
    int rc = LIGFIX_OK;
    while (rc == LIGFIX_OK && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n == sizeof line - 1 && line[n] == '\0') {
            rc = lf_error_set(err, LIGFIX_ERR_DATA, "word list %s: line too long", path);
            break;
        }
        line[n] = '\0';
        if (n && line[0] != '#')
            rc = ligfix_model_add_word(m, line, err);
    }
    if (rc == LIGFIX_OK && ferror(f))
        rc = lf_error_set(err, LIGFIX_ERR_IO, "error reading word list %s", path);
    fclose(f);
    return rc;
}

/* ---- checker ---------------------------------------------------------------- */

ligfix_checker *ligfix_checker_new(const ligfix_model *m, ligfix_error *err)
{
    lf_error_clear(err);
    if (!m) {
        lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_checker_new: NULL model");
        return NULL;
    }
    ligfix_checker *c = lf_calloc(1, sizeof *c);
    if (!c) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory creating a checker");
        return NULL;
    }
    c->model = m;
    c->n_user = m->n_user;
    c->threshold = DEFAULT_THRESHOLD;
    c->groups = LF_ALL_GROUPS;
    c->modes = (1u << LF_MODE_COUNT) - 1;
    c->groups_auto = c->modes_auto = 1;
    lf_strmap_init(&c->types);
    lf_vec_init(&c->type_recs, sizeof(lf_type_rec));
    lf_vec_init(&c->tcands, sizeof(lf_cand_rec));
    lf_vec_init(&c->tpool, 1);
    lf_strmap_init(&c->runs);
    lf_vec_init(&c->run_recs, sizeof(uint32_t));
    lf_vec_init(&c->tok_type, sizeof(uint32_t));
    lf_vec_init(&c->cand_memo, 0); /* element size set by repair.c */
    lf_vec_init(&c->tok_split, sizeof(uint32_t));
    lf_vec_init(&c->splits, 0); /* element size set by repair.c */
    lf_vec_init(&c->scan_clusters, 0); /* these three too */
    lf_vec_init(&c->scan_scored, 0);
    lf_vec_init(&c->scan_nscored, 0);
    lf_vec_init(&c->items, 0); /* element size set by repair.c */
    lf_vec_init(&c->scands, sizeof(lf_cand_rec));
    lf_vec_init(&c->spool, 1);
    lf_localvotes_init(&c->ph_near);
    lf_localvotes_init(&c->ph_near_next);
    if (lf_lmcache_init(&c->lm_memo) < 0 || lf_typecache_init(&c->recent_types) < 0 ||
        lf_pairmemo_init(&c->pairs) < 0) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory creating a checker");
        ligfix_checker_free(c);
        return NULL;
    }
    if (!(c->tok = lf_tokenizer_clone(m->proto, err)) ||
        !(c->lex = lf_lexicon_new(m->dict_base, (const char *const *)m->user_words, m->n_user,
                                  m->verdicts, m->speller, err))) {
        ligfix_checker_free(c);
        return NULL;
    }
    return c;
}

void ligfix_checker_free(ligfix_checker *c)
{
    if (!c)
        return;
    lf_tokenizer_free(c->tok);
    lf_lexicon_free(c->lex);
    lf_tokens_free(&c->toks);
    lf_strmap_free(&c->types);
    lf_typecache_free(&c->recent_types);
    lf_pairmemo_free(&c->pairs);
    lf_vec_free(&c->type_recs);
    lf_vec_free(&c->tcands);
    lf_vec_free(&c->tpool);
    lf_strmap_free(&c->runs);
    lf_vec_free(&c->run_recs);
    lf_lmcache_free(&c->lm_memo);
    lf_lmtape_free(&c->lm_tape);
    lf_localvotes_free(&c->ph_near);
    lf_localvotes_free(&c->ph_near_next);
    lf_vec_free(&c->tok_type);
    lf_vec_free(&c->cand_memo);
    lf_vec_free(&c->tok_split);
    lf_vec_free(&c->splits);
    lf_vec_free(&c->scan_clusters);
    lf_vec_free(&c->scan_scored);
    lf_vec_free(&c->scan_nscored);
    lf_vec_free(&c->items);
    lf_vec_free(&c->scands);
    lf_vec_free(&c->spool);
    lf_free(c);
}

int ligfix_checker_set_threshold(ligfix_checker *c, double threshold)
{
    if (!c || !(threshold >= 0.0) || threshold != threshold)
        return LIGFIX_ERR_ARGUMENT;
    c->threshold = threshold;
    return LIGFIX_OK;
}

/* Parses a comma-separated list with lookup; "auto"/NULL gives all. */
static int parse_list(const char *list, int (*find)(const char *, size_t), uint32_t all,
                      uint32_t *out, int *is_auto, const char *what, ligfix_error *err)
{
    if (!list || !strcmp(list, "auto") || !*list) {
        *out = all;
        *is_auto = 1;
        return LIGFIX_OK;
    }
    uint32_t mask = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        int k = n ? find(p, n) : -1;
        if (k < 0)
            return lf_error_set(err, LIGFIX_ERR_ARGUMENT, "unknown %s '%.*s'", what, (int)n, p);
        mask |= 1u << k;
        p += n;
        if (*p == ',')
            p++;
    }
    *out = mask;
    *is_auto = 0;
    return LIGFIX_OK;
}

static void update_forcing(ligfix_checker *c)
{
    /* Naming the modes forces those pairs active: the caller knows the
     * document's damage. Naming only groups narrows what is looked for
     * and leaves detection automatic. */
    c->ev.forced = !c->modes_auto;
    c->ev.forced_groups = c->groups;
    c->ev.forced_modes = c->modes;
}

int ligfix_checker_set_ligatures(ligfix_checker *c, const char *groups, ligfix_error *err)
{
    if (!c)
        return lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_checker_set_ligatures: NULL");
    uint32_t mask = 0;
    int is_auto = 0;
    int rc = parse_list(groups, lf_group_find, LF_ALL_GROUPS, &mask, &is_auto, "ligature", err);
    if (rc)
        return rc;
    c->groups = mask;
    c->groups_auto = is_auto;
    update_forcing(c);
    lf_repair_forget(c);
    return LIGFIX_OK;
}

int ligfix_checker_set_modes(ligfix_checker *c, const char *modes, ligfix_error *err)
{
    if (!c)
        return lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_checker_set_modes: NULL");
    uint32_t mask = 0;
    int is_auto = 0;
    int rc = parse_list(modes, lf_mode_find, (1u << LF_MODE_COUNT) - 1, &mask, &is_auto, "mode",
                        err);
    if (rc)
        return rc;
    c->modes = mask;
    c->modes_auto = is_auto;
    update_forcing(c);
    lf_repair_forget(c);
    return LIGFIX_OK;
}

void ligfix_checker_reset(ligfix_checker *c)
{
    if (!c)
        return;
    lf_evidence_reset(&c->ev);
    c->doc_words = 0;
    c->split_pairs = c->stray_joins = c->glyph_words = 0;
    for (size_t i = 0; i < c->type_recs.n; i++)
        ((lf_type_rec *)c->type_recs.v)[i].count = 0;
}

/* ---- scanning ----------------------------------------------------------------- */

ligfix_token *ligfix_tokenize(ligfix_checker *c, const char *text, size_t len, size_t *count,
                              ligfix_error *err)
{
    lf_error_clear(err);
    if (count)
        *count = 0;
    if (!c || !count || (!text && len)) {
        lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_tokenize: NULL argument");
        return NULL;
    }
    lf_tokens toks = {0};
    if (lf_tokenize(c->tok, text, len, &toks, err) != LIGFIX_OK) {
        lf_tokens_free(&toks);
        return NULL;
    }
    if (toks.n == 0) { /* empty text: no tokens, no error */
        lf_tokens_free(&toks);
        return NULL;
    }
    /* the public tokens, at their full width */
    ligfix_token *v = lf_malloc(toks.n * sizeof *v);
    if (!v) {
        lf_tokens_free(&toks);
        lf_error_set(err, LIGFIX_ERR_NOMEM, "out of memory tokenizing");
        return NULL;
    }
    for (size_t i = 0; i < toks.n; i++)
        v[i] = (ligfix_token){toks.v[i].start, toks.v[i].end, (int)toks.v[i].kind};
    *count = toks.n;
    lf_tokens_free(&toks);
    return v;
}

ligfix_result *ligfix_scan(ligfix_checker *c, const char *text, size_t len, ligfix_error *err)
{
    lf_error_clear(err);
    if (!c || (!text && len)) {
        lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_scan: NULL argument");
        return NULL;
    }
    return lf_repair_scan(c, text ? text : "", len, err);
}

char *ligfix_checker_fix(ligfix_checker *c, const char *text, size_t len, size_t *out_len,
                         ligfix_error *err)
{
    ligfix_result *r = ligfix_scan(c, text, len, err);
    if (!r)
        return NULL;
    char *out = ligfix_apply(text ? text : "", len, r, out_len, err);
    ligfix_result_free(r);
    return out;
}

/* ---- simple API ------------------------------------------------------------------ */

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static ligfix_model *default_model;
static ligfix_error default_error;

static void load_default(void)
{
    default_model = ligfix_model_new(NULL, NULL, &default_error);
}

char *ligfix_fix(const char *text, size_t len, size_t *out_len, ligfix_error *err)
{
    lf_error_clear(err);
    if (!text && len) {
        lf_error_set(err, LIGFIX_ERR_ARGUMENT, "ligfix_fix: NULL text");
        return NULL;
    }
    pthread_once(&default_once, load_default);
    if (!default_model) {
        if (err)
            *err = default_error;
        return NULL;
    }
    ligfix_checker *c = ligfix_checker_new(default_model, err);
    if (!c)
        return NULL;
    char *out = ligfix_checker_fix(c, text, len, out_len, err);
    ligfix_checker_free(c);
    return out;
}
