/*
 * ligfix — repair words whose ligatures were lost in PDF extraction or OCR.
 *
 * One public header. Objects are opaque; every *_new has its *_free.
 *
 * Thread model (as zstd's dictionaries):
 *   ligfix_model    dictionary paths, damage table, context data. Loaded once,
 *                   read-only afterwards, shared by any number of threads
 *                   (its mutable parts lock themselves: the caches through
 *                   which checkers share work — candidate readings, word
 *                   types' records, Hunspell verdicts; bounded, entries
 *                   never change once stored — its Hunspell handles, and an
 *                   index of real-word readings and a filter of split words'
 *                   ends, built on first use).
 *   ligfix_checker  one per thread. Owns what cannot be shared: a cloned ICU
 *                   break iterator, its own copies of the word types it met
 *                   and the evidence gathered from the current document.
 *                   Cheap to make.
 *   ligfix_result   the spans found in one text; owned by the caller.
 * A checker must not be used by two threads at once; a model may, once no
 * thread is still calling ligfix_model_add_* on it.
 *
 * Memory: strings and arrays returned by the library are freed with
 * ligfix_free(); results with ligfix_result_free(). Spans point into their
 * result and live as long as it does.
 *
 * Errors: functions that can fail take an optional ligfix_error* (NULL is
 * allowed) and fill it with a code and a one-line message.
 */
#ifndef LIGFIX_H
#define LIGFIX_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(LIGFIX_BUILDING)
#define LIGFIX_API __attribute__((visibility("default")))
#else
#define LIGFIX_API
#endif

/* Release version (the API). The ABI version is the soname: libligfix.so.0. */
#define LIGFIX_VERSION_MAJOR 0
#define LIGFIX_VERSION_MINOR 1
#define LIGFIX_VERSION_PATCH 0
#define LIGFIX_VERSION_STRING "0.1.0"
#define LIGFIX_VERSION \
    ((LIGFIX_VERSION_MAJOR << 16) | (LIGFIX_VERSION_MINOR << 8) | LIGFIX_VERSION_PATCH)

/* The version of the library actually linked, as LIGFIX_VERSION / _STRING. */
LIGFIX_API int ligfix_version(void);
LIGFIX_API const char *ligfix_version_string(void);

/* ---- errors ---------------------------------------------------------- */

typedef enum {
    LIGFIX_OK = 0,
    LIGFIX_ERR_ARGUMENT,   /* NULL or invalid argument */
    LIGFIX_ERR_NOMEM,      /* an allocation failed; nothing leaked */
    LIGFIX_ERR_DICTIONARY, /* dictionary missing or unreadable (message names the path) */
    LIGFIX_ERR_DATA,       /* context data or word list missing or corrupt (names the path) */
    LIGFIX_ERR_ICU,        /* ICU failed to open a break iterator */
    LIGFIX_ERR_IO          /* reading or writing a file failed */
} ligfix_status;

#define LIGFIX_ERROR_MESSAGE_SIZE 256

typedef struct {
    int code;                                 /* a ligfix_status */
    char message[LIGFIX_ERROR_MESSAGE_SIZE];  /* one line, no trailing newline */
} ligfix_error;

/* A constant English description of a ligfix_status. */
LIGFIX_API const char *ligfix_status_string(int code);

/* ---- memory ------------------------------------------------------------ */

/* Route every allocation through these (all three, or NULLs for the C
 * library's). Call before creating any object; not thread-safe. */
typedef void *(*ligfix_malloc_fn)(size_t);
typedef void *(*ligfix_realloc_fn)(void *, size_t);
typedef void (*ligfix_free_fn)(void *);
LIGFIX_API void ligfix_set_allocator(ligfix_malloc_fn m, ligfix_realloc_fn r, ligfix_free_fn f);

/* Free memory the library returned (strings, token arrays). NULL is fine. */
LIGFIX_API void ligfix_free(void *p);

/* ---- simple API -------------------------------------------------------- */

/* Repair text with the default model (loaded once, on first use, thread-safe)
 * and default settings. Returns a new NUL-terminated buffer (free with
 * ligfix_free) and stores its length in *out_len if out_len is not NULL.
 * Returns NULL on error. */
LIGFIX_API char *ligfix_fix(const char *text, size_t len, size_t *out_len, ligfix_error *err);

/* ---- model ------------------------------------------------------------- */

typedef struct ligfix_model ligfix_model;

/* Load a model. dict_path is a Hunspell base name ("/usr/share/hunspell/en_US"
 * for en_US.aff + en_US.dic) or NULL for the default (LIGFIX_DICT in the
 * environment, else the build's default). data_path is the context data file
 * or NULL for the default (LIGFIX_DATA, else the installed file). A model
 * without context data still works, with a flat word prior, but hundreds of
 * times slower (every candidate reading goes to Hunspell). */
LIGFIX_API ligfix_model *ligfix_model_new(const char *dict_path, const char *data_path,
                                          ligfix_error *err);

/* Add the words of a plain word list (one per line, UTF-8) to the
 * dictionary. Call before creating checkers. */
LIGFIX_API int ligfix_model_add_word_file(ligfix_model *m, const char *path, ligfix_error *err);
LIGFIX_API int ligfix_model_add_word(ligfix_model *m, const char *word, ligfix_error *err);

LIGFIX_API void ligfix_model_free(ligfix_model *m);

/* ---- checker ----------------------------------------------------------- */

typedef struct ligfix_checker ligfix_checker;

LIGFIX_API ligfix_checker *ligfix_checker_new(const ligfix_model *m, ligfix_error *err);
LIGFIX_API void ligfix_checker_free(ligfix_checker *c);

/* Spans with confidence >= threshold are applied. Default 0.5. */
LIGFIX_API int ligfix_checker_set_threshold(ligfix_checker *c, double threshold);

/* Restrict or force the damage model. groups: comma-separated ligature
 * groups ("tt,ft"); modes: comma-separated modes ("letter,vanish"). NULL or
 * "auto" means automatic: all known groups/modes, activated per document
 * from the evidence in it. A list of groups narrows what is looked for and
 * leaves detection automatic; a list of modes forces those modes (for the
 * groups looked for) active in every document. */
LIGFIX_API int ligfix_checker_set_ligatures(ligfix_checker *c, const char *groups,
                                            ligfix_error *err);
LIGFIX_API int ligfix_checker_set_modes(ligfix_checker *c, const char *modes, ligfix_error *err);

/* The checker learns from each text which damage is active in the document
 * (one font is damaged one way). Successive ligfix_scan calls on one checker
 * are treated as consecutive chunks of one document; reset starts a new one. */
LIGFIX_API void ligfix_checker_reset(ligfix_checker *c);

/* ---- tokens ------------------------------------------------------------ */

typedef enum {
    LIGFIX_TOKEN_WORD = 1,   /* letters: the only kind ever repaired */
    LIGFIX_TOKEN_NUMBER,
    LIGFIX_TOKEN_OTHER       /* space, punctuation, symbols, invalid bytes */
} ligfix_token_kind;

typedef struct {
    size_t start, end;   /* byte offsets into the text; end exclusive */
    int kind;            /* a ligfix_token_kind */
} ligfix_token;

/* The most text one call of ligfix_tokenize, ligfix_scan or the fix
 * functions takes: 4 GiB - 1 bytes. */
#define LIGFIX_TEXT_MAX ((size_t)0xFFFFFFFFu)

/* Split text into tokens covering it entirely. Returns an array (free with
 * ligfix_free) and its length in *count; NULL with *count 0 on error or on
 * empty text (check err->code). At most LIGFIX_TEXT_MAX bytes. */
LIGFIX_API ligfix_token *ligfix_tokenize(ligfix_checker *c, const char *text, size_t len,
                                         size_t *count, ligfix_error *err);

/* ---- scan and apply ---------------------------------------------------- */

typedef struct {
    const char *word;      /* a candidate reading of the span (or the observed text) */
    double probability;
} ligfix_alternative;

typedef struct {
    size_t start, end;          /* byte offsets of the damaged extent; end exclusive */
    const char *observed;       /* the bytes text[start..end), NUL-terminated copy */
    const char *replacement;    /* the repaired word, case kept */
    double confidence;          /* calibrated probability that the replacement is right */
    int applied;                /* confidence >= the checker's threshold */
    const char *ligature;       /* group(s) restored: "ft", or "tt,ft" */
    const char *mode;           /* "letter", "first", "vanish", "space", "placeholder", "codepoint" */
    size_t n_alternatives;      /* readings considered, most probable first */
    const ligfix_alternative *alternatives;
} ligfix_span;

typedef struct ligfix_result ligfix_result;

/* Find damaged words in text (UTF-8; invalid bytes are passed over). Spans are
 * sorted and never overlap. Returns NULL on error. One call takes at most
 * LIGFIX_TEXT_MAX bytes (LIGFIX_ERR_ARGUMENT beyond, nothing read): split
 * larger text between paragraphs, as the command line does. */
LIGFIX_API ligfix_result *ligfix_scan(ligfix_checker *c, const char *text, size_t len,
                                      ligfix_error *err);
LIGFIX_API size_t ligfix_result_count(const ligfix_result *r);
LIGFIX_API const ligfix_span *ligfix_result_span(const ligfix_result *r, size_t i);
LIGFIX_API void ligfix_result_free(ligfix_result *r);

/* The text with every applied span replaced and nothing else changed. r must
 * come from scanning exactly this text. Returns a new NUL-terminated buffer
 * (free with ligfix_free); its length in *out_len. */
LIGFIX_API char *ligfix_apply(const char *text, size_t len, const ligfix_result *r,
                              size_t *out_len, ligfix_error *err);

/* Scan and apply in one call with a checker. */
LIGFIX_API char *ligfix_checker_fix(ligfix_checker *c, const char *text, size_t len,
                                    size_t *out_len, ligfix_error *err);

#ifdef __cplusplus
}
#endif

#endif /* LIGFIX_H */
