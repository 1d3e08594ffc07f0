/* Units: the stretches of text that might be one damaged word, with their
 * candidate readings. Shared by units.c (finding them) and repair.c
 * (weighing them). */
#ifndef LF_UNITS_H
#define LF_UNITS_H
#include "internal.h"

#define WORD_MAX LF_CAND_MAX
#define GLUES_MAX 4

/* log10 priors for readings the context data cannot price. */
#define LOGP_NONWORD (-8.5)      /* a token Hunspell rejects, kept as written */
#define LOGP_VALID_OOV (-6.5)    /* a dictionary word the context data lacks */
#define LOGP_FLAT (-4.0)         /* any dictionary word, without context data */
#define LOGP_REALWORD_MIN (-7.5) /* real-word repairs must be at least this common (log10:
                                  * 100k of the LM's 163k words; -6.3, 27k words, repaired
                                  * less on our own sets and broke more) */
#define TYPE_CACHE_MAX 200000
#define RUN_CACHE_MAX 200000
/* Dictionary words this short are also read with two vanished glyphs (y:
 * fifty, ed: fitted, h: fifth): the glyphs were most of the word. Longer
 * ones would need two coincidences, and cost a lot to enumerate. */
#define REALWORD_TWO_SITE_MAX 3
/* Dictionary words are read as damaged only by pairs this common. */
#define REALWORD_MIN_RATE 0.2
/* ... and only as words no more than this much (log10) less likely than
 * the word as written, prior and damage together: context seldom makes up
 * a larger gap, and scoring every occurrence of a common word for it costs
 * (the, to, it). On our own damaged sets 3% of real-word units fall below
 * it and none had a posterior above 0.01; context does make up gaps of 4
 * to 4.5 now and then. */
#define REALWORD_MIN_ODDS (-5.0)
/* Share of a word's probability from its use in this document (a cache
 * model's weight). */
#define CACHE_WEIGHT 0.03

enum { ITEM_WORD, ITEM_SPACE, ITEM_PLACEHOLDER, ITEM_CODEPOINT };

typedef struct {
    size_t start, end;            /* the bytes a repair would replace */
    uint32_t tok_first, tok_last; /* first and last word token of the unit */
    uint8_t kind, observed_valid, chunk_cands, nglue;
    uint8_t edge;                 /* consumes a stray space beside the word */
    uint32_t cand_off, ncand;
    uint32_t glue_off[GLUES_MAX]; /* placeholder runs: where each glue is */
    uint8_t glue_len[GLUES_MAX];
} lf_item;

/* Starts a scan of the checker's tokens: no token's type is known yet. */
int lf_units_begin(ligfix_checker *c);
/* The type of word token i (index into the checker's type records), made
 * on first sight; UINT32_MAX on allocation failure. */
uint32_t lf_token_type(ligfix_checker *c, const char *text, size_t i);
/* The type of token i if this scan has made it already, else UINT32_MAX
 * (never makes one). */
uint32_t lf_token_type_seen(const ligfix_checker *c, size_t i);
/* Type record ti with its context id known. */
const lf_type_rec *lf_type_lm(ligfix_checker *c, uint32_t ti);

int lf_units_pass1(ligfix_checker *c, const char *text, size_t len);
int lf_units_realwords(ligfix_checker *c, const char *text, size_t len, size_t n_pass1);
/* Units for non-words that are damaged forms of a word the document itself
 * uses intact (a name the dictionary lacks), for the damage it shows. */
int lf_units_docwords(ligfix_checker *c, const char *text);

/* Whether reading a dictionary word as cand r (its word in pool) is worth
 * weighing: the document's damage (its rates) supports it, every site's
 * rate (lf_site_rate) at least REALWORD_MIN_RATE (a rare pair plus a keen
 * language model would rewrite clean words), and it reaches floor
 * (lf_realword_floor, or -INFINITY for none) with its prior, raised by the
 * document's own use of the word as the cache model raises it, plus the
 * log rates of its damage. A code an extractor left (placeholder, code
 * point) stands for its glyph: always worth it. */
int lf_realword_eligible(const ligfix_checker *c, const lf_rates *rt, int item_edge,
                         const lf_cand_rec *r, const char *pool, double floor);
/* The least a real-word reading of a unit of type ti must make of prior
 * and damage together (log10): REALWORD_MIN_ODDS below the word as
 * written; -INFINITY (no floor) where the context data lacks the word. */
double lf_realword_floor(ligfix_checker *c, uint32_t ti);
/* The common groups: the only ones tried two at a time for vanished glyphs
 * (een: fifteen). */
lf_group_mask lf_common_groups(void);
/* The rate of candidate r's site k in this document (r->edge says which
 * sites sit at a word's edge). A space run's site at a word's edge with no
 * stray space there (item_edge 0) is a space merged with the word's own:
 * priced as a glyph vanished at the edge. */
double lf_site_rate(const lf_rates *rt, int item_edge, const lf_cand_rec *r, int k);
/* log10 of lf_site_rate, from the rates' own table. */
double lf_site_log_rate(const lf_rates *rt, int item_edge, const lf_cand_rec *r, int k);
/* log10 prior of a lower-case word; *id gets its context id (LF_CTX_NONE
 * where it has none). */
float lf_word_prior(const ligfix_checker *c, const char *w, size_t n, uint32_t *id);
/* How often a dictionary word has occurred in this document so far: the
 * share of its word tokens (0 for non-words and unseen words). */
double lf_doc_share(const ligfix_checker *c, const char *w, size_t n);
int lf_in_vocab(float prior);
int lf_is_word(const lf_tokens *tk, size_t i);
lf_cand_rec *lf_cand_at(const lf_vec *v, uint32_t i);
lf_vec *lf_item_cands(ligfix_checker *c, const lf_item *it);
const char *lf_item_pool(const ligfix_checker *c, const lf_item *it);
/* A space beside a word that the text's spacing does not explain: one
 * before it after another space or a line start, or one after it before
 * another space, a line end or punctuation. */
/* Whether word tokens i and i + 2, one space apart, join into a dictionary
 * word (an extractor's stray space, "wh ile"): the joined length, with the
 * bytes in word[0 .. cap), 0 if they do not, -1 when out of memory. With
 * in_vocabulary, a word of the context data's vocabulary (where there is
 * one), which costs no dictionary lookup. */
long lf_join_across_space(ligfix_checker *c, const char *text, size_t i, char *word, size_t cap,
                          int in_vocabulary);
/* A certain unit (a glyph spelled out) over tokens *first .. *last, bytes
 * [*start, *end), reads word[0 .. n) (cap bytes). Where that is no word
 * but joins the word one space before or after it into one, an
 * extractor's stray space split it (w hi/c_h, ﬆe amboat): the unit takes
 * in the space and that half, and word the joined word. Returns the
 * word's length, -1 when out of memory. */
long lf_join_stray_half(ligfix_checker *c, const char *text, char *word, size_t n, size_t cap,
                        size_t *first, size_t *last, size_t *start, size_t *end);
int lf_stray_before(const char *text, size_t start);
int lf_stray_after(const char *text, size_t len, size_t end);

#endif
