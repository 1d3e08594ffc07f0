/* The objects behind the public handles, shared by api.c and repair.c. */
#ifndef LF_INTERNAL_H
#define LF_INTERNAL_H
#include <stdint.h>

#include "context.h"
#include "damage.h"
#include "evidence.h"
#include "lexicon.h"
#include "lmcache.h"
#include "lmtape.h"
#include "localvotes.h"
#include "ligfix.h"
#include "strmap.h"
#include "tokenize.h"
#include "trigram.h"
#include "typecache.h"
#include "pairmemo.h"
#include "vec.h"

struct ligfix_model {
    char *dict_base;
    char **user_words;
    size_t n_user, cap_user;
    lf_context *ctx; /* NULL: flat prior */
    const lf_trigrams *trigrams; /* from ctx's vocabulary; NULL without it */
    lf_trigrams *trigrams_owned; /* trigrams, when built at load (not from the file) */
    lf_tokenizer *proto;
    struct lf_gencache *gen; /* candidates every checker shares */
    struct lf_gencache *types; /* word types' records every checker shares (typeshare.h) */
    struct lf_verdicts *verdicts; /* Hunspell's answers, for every checker (verdicts.h) */
    struct lf_speller *speller;   /* the Hunspell handle checkers share (lexicon.h) */
    struct lf_formindex *forms; /* real-word readings (stored or built); NULL without ctx */
};

/* A candidate reading, stored in the checker's candidate pool. */
typedef struct {
    uint32_t word_off; /* into the checker's string pool */
    uint16_t len;
    uint8_t mode, nsites;
    uint8_t group[LF_SITES_MAX];
    uint8_t edge; /* bit k: site k is at the word's start or end */
    float prior; /* log10 unigram */
    uint32_t ctx_id; /* the word's context id, LF_CTX_NONE if none */
} lf_cand_rec;

/* What the checker remembers of a word type (by its exact bytes). */
typedef struct {
    uint8_t valid;
    uint8_t capital; /* begins with a capital letter */
    uint64_t upper;  /* which bytes were capitals, as lf_damage_invert_cased wants */
    uint8_t nclean;
    uint8_t clean[6];       /* groups the word shows intact */
    uint32_t cand_off, ncand; /* non-word candidates, or real-word ones */
    uint32_t rw_modes;        /* modes real-word candidates were made for */
    uint32_t rw_groups;       /* and groups */
    uint32_t lower_off;
    uint16_t lower_len;
    uint32_t count; /* occurrences in the current document */
    uint8_t pieces; /* PIECE_* bits (units.c): which end of a split it can be */
    uint8_t ends;   /* ENDS_* bits (units.c): the same for common words only */
    uint8_t lm_ready; /* ctx_id is known */
    uint32_t ctx_id;  /* the lower-case form's context id (LF_CTX_NONE: none) */
} lf_type_rec;


struct ligfix_checker {
    const ligfix_model *model;
    /* The model's user words when the checker was made: its lexicon has
     * those (later ones reach only later checkers), so every key of the
     * model's shared caches holds this count, not the model's. */
    size_t n_user;
    lf_tokenizer *tok;
    lf_lexicon *lex;
    double threshold;
    lf_group_mask groups; /* groups considered */
    uint32_t modes;       /* modes considered */
    int groups_auto, modes_auto;
    lf_evidence ev;
    lf_rates rates; /* of ev, once the scan has weighed the evidence */
    /* Per scan: the control-code placeholders' votes by place (the last
     * evidence round's, sealed), and the round's being gathered. */
    lf_localvotes ph_near, ph_near_next;
    lf_tokens toks;
    /* Kept across scans (word types recur: text is Zipfian). */
    lf_strmap types;  /* token bytes -> index in type_recs */
    lf_typecache recent_types; /* in front of types, for short tokens */
    lf_vec type_recs; /* lf_type_rec */
    lf_vec tcands;    /* lf_cand_rec of word types */
    lf_vec tpool;     /* char: their words and lower-case forms */
    lf_strmap runs;   /* fragment run key -> index of (cand_off, ncand) in run_recs */
    lf_vec run_recs;  /* uint32_t pairs */
    lf_pairmemo pairs; /* neighbouring types: their runs (in front of runs), whether they join */
    lf_lmcache lm_memo; /* the model's n-gram probabilities this checker asked for */
    /* Per candidate of tcands, what scoring a word unit's reading by it
     * costs besides the language model (repair.c), valid while its stamp
     * is the scan's: the same for every occurrence of the type. */
    lf_vec cand_memo;
    uint32_t cand_stamp;
    lf_lmtape lm_tape;  /* per scan: those its first scoring of each cluster asked for */
    uint64_t doc_words; /* word tokens seen in the current document */
    /* Of those, the pairs of words across one space, one of them no word
     * (split_pairs), and those that join into a dictionary word
     * (stray_joins): how freely this document's extractor splits words. */
    uint64_t split_pairs, stray_joins;
    uint64_t glyph_words; /* words spelled with a glyph's name (/f_i) */
    uint64_t settled_units; /* per scan: real-word units taken as written unscored (screen.h) */
    double stray_logp; /* per scan, once pass 1 has counted: stray_split_logp (repair.c) */
    /* Per scan. */
    lf_vec tok_type; /* uint32_t per token: its type, UINT32_MAX until looked up */
    /* uint32_t per token: 1 + where its split-word reading is in splits
     * (repair.c), 0 until worked out; every scoring round asks again */
    lf_vec tok_split, splits;
    /* the scan's clusters, their readings and how many each has (repair.c) */
    lf_vec scan_clusters, scan_scored, scan_nscored;
    lf_vec items;
    lf_vec scands; /* lf_cand_rec of fragment runs */
    lf_vec spool;
};

/* Keeps a cold path (and its stack frame) out of a hot caller. */
#if defined(__GNUC__)
#define LF_NOINLINE __attribute__((noinline))
#else
#define LF_NOINLINE
#endif


ligfix_result *lf_repair_scan(ligfix_checker *c, const char *text, size_t len, ligfix_error *err);
void lf_repair_forget(ligfix_checker *c);

#endif
