/* Loader of the context data file (format: dict/README.md).
 *
 * The file is little-endian. It is mapped read-only (or, if mmap fails or
 * the host is big-endian, read into one buffer and byte-swapped there), and
 * every count, offset and table is checked against the file size before any
 * lookup can use it. Word lookup goes through the file's hash index (FNV-1a,
 * linear probing); bigram lookup is a binary search over the row of w1;
 * trigram lookup a binary search for w2 over the history row of w1, then
 * for w3 over the trigram row of that history. */
#define _DEFAULT_SOURCE /* MAP_POPULATE, where the system has it */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "context.h"
#include "error.h"

#define CTX_MAGIC "LIGFIXC1"
#define CTX_VERSION 2u
#define CTX_HEADER_SIZE 104u
#define NO_WORD UINT32_MAX
#define NOT_FOUND UINT32_MAX   /* no such bigram or trigram index (lf_sorted_index) */
/* Trigram log10 probabilities are u16 fixed point: logp = -code / 8192. */
#define TRIGRAM_STEP (1.0f / 8192.0f)

enum {
    H_VERSION, H_HEADER_SIZE, H_N_WORDS, H_N_TOTAL, H_N_BIGRAMS, H_STRINGS_SIZE,
    H_HASH_SLOTS, H_OFF_WORD_OFFSETS, H_OFF_STRINGS, H_OFF_UNIGRAM, H_OFF_BACKOFF,
    H_OFF_FLAGS, H_OFF_ROWS, H_OFF_W2, H_OFF_LOGP, H_OFF_HASH,
    /* version 2 */
    H_N_HIST, H_N_TRIGRAMS, H_OFF_HIST_ROWS, H_OFF_HIST_W2, H_OFF_HIST_BACKOFF,
    H_OFF_TRI_ROWS, H_OFF_TRI_W3, H_OFF_TRI_LOGP,
    H_COUNT
};

struct lf_context {
    unsigned char *data;    /* the whole file */
    size_t size;
    int mapped;             /* data is an mmap (else lf_malloc'd) */
    uint32_t n_words;       /* sorted vocabulary words, ids 0 .. n_words-1 */
    uint32_t n_total;       /* n_words + 2: <s> is n_words, </s> n_words+1 */
    uint32_t n_bigrams;
    uint32_t n_hist;        /* trigram histories (bigrams w1 w2) */
    uint32_t n_trigrams;
    const uint32_t *word_offsets; /* n_total + 1, into strings */
    const char *strings;
    const float *unigram;   /* n_total */
    const float *backoff;   /* n_total */
    const uint32_t *rows;   /* n_total + 1: bigrams of w1 are rows[w1] .. rows[w1+1]-1 */
    const uint32_t *w2;     /* n_bigrams, ascending within a row */
    const float *logp;      /* n_bigrams */
    const uint32_t *hist_rows; /* n_total + 1: histories w1 w2 are hist_rows[w1] .. hist_rows[w1+1]-1 */
    const uint32_t *hist_w2;  /* n_hist, ascending within a row */
    const float *hist_bo;     /* n_hist: log10 backoff weight of w1 w2 */
    const uint32_t *tri_rows; /* n_hist + 1: trigrams of history h are tri_rows[h] .. tri_rows[h+1]-1 */
    const uint32_t *w3;     /* n_trigrams, ascending within a row */
    const uint16_t *tri_code; /* n_trigrams: log10 P(w3 | w1 w2) = -code * TRIGRAM_STEP */
    const uint32_t *hash;   /* hash_mask + 1 slots: word id or NO_WORD */
    uint32_t hash_mask;
    const uint32_t *slot_hash; /* each slot's word's full hash, so probes rarely touch strings */
    uint32_t *slot_hash_owned; /* slot_hash when computed at open, not taken from the file */
    size_t lm_size;         /* bytes up to the end of the LM tables: what derived tables follow */
    const void *filters;    /* derived vocabulary filters, or NULL */
    uint32_t filters_size, filters_recipe;
    const void *forms;      /* derived index of damaged forms, or NULL */
    uint32_t forms_size;
};

static uint32_t rd32le(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int host_is_little_endian(void)
{
    const uint32_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

static void swap16_array(unsigned char *p, uint64_t count)
{
    for (uint64_t i = 0; i < count; i++, p += 2) {
        unsigned char t = p[0];
        p[0] = p[1];
        p[1] = t;
    }
}

static void swap32_array(unsigned char *p, uint64_t count)
{
    for (uint64_t i = 0; i < count; i++, p += 4) {
        unsigned char t = p[0];
        p[0] = p[3];
        p[3] = t;
        t = p[1];
        p[1] = p[2];
        p[2] = t;
    }
}

/* Reads the whole of fd (size bytes) into a new buffer. */
static unsigned char *read_all(int fd, size_t size, const char *path, ligfix_error *err)
{
    unsigned char *buf = lf_malloc(size);
    if (!buf) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "%s: out of memory reading context data", path);
        return NULL;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t r = read(fd, buf + got, size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            lf_error_set(err, LIGFIX_ERR_DATA, "%s: cannot read context data: %s", path,
                         r < 0 ? strerror(errno) : "unexpected end of file");
            lf_free(buf);
            return NULL;
        }
        got += (size_t)r;
    }
    return buf;
}

/* A section of count elements of elsize bytes at header field h: 4-aligned
 * and inside the file. Returns its offset, or 0 when invalid; *end grows
 * to the end of the furthest section (where the LM tables end). */
static uint64_t section(const uint32_t *hdr, int h, uint64_t count, uint64_t elsize,
                        uint64_t file_size, uint64_t *end)
{
    uint64_t off = hdr[h];
    uint64_t len = count * elsize;   /* count < 2^33, elsize <= 4: no overflow */
    if (off < CTX_HEADER_SIZE || off % 4 != 0 || off > file_size || len > file_size - off)
        return 0;
    if (off + len > *end)
        *end = off + len;
    return off;
}

static int word_cmp(const lf_context *c, uint32_t i, const char *w, size_t n)
{
    const char *s = c->strings + c->word_offsets[i];
    size_t len = c->word_offsets[i + 1] - c->word_offsets[i] - 1;
    int r = memcmp(s, w, len < n ? len : n);
    if (r != 0)
        return r;
    return len < n ? -1 : len > n ? 1 : 0;
}

/* The validation loops below run over some 10 million entries at every open:
 * they accumulate faults without branching, so that they vectorise. */

/* 1 if no float of a[0 .. n-1] is an infinity or a NaN. */
static int all_finite(const float *a, uint32_t n)
{
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &a[i], sizeof u);
        bad |= (u & 0x7F800000u) == 0x7F800000u;
    }
    return !bad;
}

/* 1 if rows[0 .. n] is a row index over total entries: rows[0] = 0,
 * non-decreasing, rows[n] = total (so every row lies inside the table). */
static int rows_ok(const uint32_t *rows, uint32_t n, uint32_t total)
{
    if (rows[0] != 0 || rows[n] != total)
        return 0;
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++)
        bad |= rows[i + 1] < rows[i];
    return !bad;
}

/* 1 if every id of the rows[0 .. n] rows of ids is below limit and not
 * forbidden, and strictly ascending within its row. Row by row the loop
 * would not vectorise, so it counts the falls (an id not above the one
 * before it) over the whole table, and then those at the first entry of a
 * row: the rows ascend if and only if the two counts are equal. */
static int ids_ok(const uint32_t *ids, const uint32_t *rows, uint32_t n, uint32_t limit,
                  uint32_t forbidden)
{
    uint32_t total = rows[n];
    if (total == 0)
        return 1;
    uint32_t bad = (ids[0] >= limit) | (ids[0] == forbidden), falls = 0;
    for (uint32_t k = 1; k < total; k++) {
        bad |= (ids[k] >= limit) | (ids[k] == forbidden);
        falls += ids[k] <= ids[k - 1];
    }
    uint32_t falls_at_row_starts = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = rows[i];
        if (k > 0 && k < rows[i + 1])
            falls_at_row_starts += ids[k] <= ids[k - 1];
    }
    return !bad && falls == falls_at_row_starts;
}

/* Checks every table; returns a description of the first fault, or NULL. */
static const char *validate(const lf_context *c, uint64_t strings_size)
{
    const uint32_t *off = c->word_offsets;
    if (off[0] != 0 || off[c->n_total] > strings_size)
        return "string table bounds";
    for (uint32_t i = 0; i < c->n_total; i++) {
        if ((uint64_t)off[i + 1] <= (uint64_t)off[i] + 1 || off[i + 1] > strings_size)
            return "string offsets";
        const char *s = c->strings + off[i];
        size_t len = off[i + 1] - off[i] - 1;
        if (s[len] != '\0' || memchr(s, '\0', len) != NULL)
            return "string termination";
    }
    for (uint32_t i = 0; i + 1 < c->n_words; i++) {
        const char *s = c->strings + off[i + 1];
        if (word_cmp(c, i, s, off[i + 2] - off[i + 1] - 1) >= 0)
            return "vocabulary order";
    }
    if (strcmp(c->strings + off[c->n_words], "<s>") != 0 ||
        strcmp(c->strings + off[c->n_words + 1], "</s>") != 0)
        return "sentence markers";
    for (uint32_t i = 0; i < c->n_total; i++)
        if (!isfinite(c->unigram[i]) || !isfinite(c->backoff[i]))
            return "unigram values";
    uint32_t used = 0;
    for (uint32_t i = 0; i <= c->hash_mask; i++) {
        if (c->hash[i] == NO_WORD)
            continue;
        if (c->hash[i] >= c->n_total)
            return "hash index";
        used++;
    }
    if (used != c->n_total)
        return "hash index";
    if (!rows_ok(c->rows, c->n_total, c->n_bigrams))
        return "bigram rows";
    if (!ids_ok(c->w2, c->rows, c->n_total, c->n_total, NO_WORD))
        return "bigram order";
    if (!all_finite(c->logp, c->n_bigrams))
        return "bigram values";
    if (!rows_ok(c->hist_rows, c->n_total, c->n_hist))
        return "history rows";
    /* w2 of a history is a word, not a marker */
    if (!ids_ok(c->hist_w2, c->hist_rows, c->n_total, c->n_words, NO_WORD))
        return "history order";
    if (!all_finite(c->hist_bo, c->n_hist))
        return "history backoff values";
    if (!rows_ok(c->tri_rows, c->n_hist, c->n_trigrams))
        return "trigram rows";
    /* w3 is a word or </s>, never <s> */
    if (!ids_ok(c->w3, c->tri_rows, c->n_hist, c->n_total, c->n_words))
        return "trigram order";
    return NULL;
}

static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = 0x811C9DC5u; /* FNV-1a, as dict/build_context.py */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 0x01000193u;
    return h;
}

static void release(lf_context *c)
{
    lf_free(c->slot_hash_owned);
    if (c->data) {
        if (c->mapped)
            munmap(c->data, c->size);
        else
            lf_free(c->data);
    }
    lf_free(c);
}

void lf_context_fresh_slot_hashes(const lf_context *c, uint32_t *out)
{
    for (size_t k = 0; k <= c->hash_mask; k++) {
        uint32_t id = c->hash[k];
        out[k] = id == NO_WORD ? 0
                               : word_hash(c->strings + c->word_offsets[id],
                                           c->word_offsets[id + 1] - c->word_offsets[id] - 1);
    }
}

/* Derived tables (dict/README.md, "Derived tables"): what ligfix itself
 * computes from the LM tables, stored so that a load need not. A file that
 * goes on past the LM tables must end in a valid trailer that places them
 * there; else it was cut or patched. Their contents cannot make a lookup
 * read out of bounds, only miss (and tests/test_filters.c checks that the
 * committed file's are right), so they are placed, not checked. On a
 * big-endian host they are ignored and computed. */
static const char *derived_tables(lf_context *c, int little)
{
    if (c->size == c->lm_size)
        return NULL;
    if (c->size < c->lm_size + LF_DERIVED_TRAILER_SIZE)
        return "bytes after the tables (truncated derived tables?)";
    const unsigned char *t = c->data + c->size - LF_DERIVED_TRAILER_SIZE;
    if (memcmp(t, LF_DERIVED_MAGIC, 8) != 0)
        return "bytes after the tables (truncated derived tables?)";
    uint32_t f_off = rd32le(t + 8), f_size = rd32le(t + 12), f_recipe = rd32le(t + 16);
    uint32_t h_off = rd32le(t + 20), h_count = rd32le(t + 24), x_off = rd32le(t + 28);
    const uint64_t room_end = c->size - LF_DERIVED_TRAILER_SIZE;
    if (f_off < c->lm_size || f_off % 8 != 0 || f_off > room_end || f_size > room_end - f_off ||
        h_off < c->lm_size || h_off % 4 != 0 || h_off > room_end ||
        (uint64_t)h_count * 4 > room_end - h_off ||
        (h_count != 0 && h_count != (uint64_t)c->hash_mask + 1))
        return "derived table bounds";
    /* the form index begins with its recipe and its size (lib/formtable.c) */
    uint32_t x_size = 0;
    if (x_off && (x_off < c->lm_size || x_off % 8 != 0 || x_off > room_end ||
                  room_end - x_off < 8 || (x_size = rd32le(c->data + x_off + 4)) < 8 ||
                  x_size > room_end - x_off))
        return "derived table bounds";
    if (!little)
        return NULL;
    if (x_off) {
        c->forms = c->data + x_off;
        c->forms_size = x_size;
    }
    if (f_size) {
        c->filters = c->data + f_off;
        c->filters_size = f_size;
        c->filters_recipe = f_recipe;
    }
    if (h_count)
        c->slot_hash = (const uint32_t *)(const void *)(c->data + h_off);
    return NULL;
}

const void *lf_context_derived_filters(const lf_context *c, uint32_t recipe, size_t size)
{
    return c->filters && c->filters_recipe == recipe && c->filters_size == size ? c->filters
                                                                                 : NULL;
}

const void *lf_context_derived_forms(const lf_context *c, size_t *size)
{
    *size = c->forms_size;
    return c->forms;
}

size_t lf_context_lm_size(const lf_context *c) { return c->lm_size; }

size_t lf_context_hash_slots(const lf_context *c) { return (size_t)c->hash_mask + 1; }

lf_context *lf_context_open(const char *path, ligfix_error *err)
{
    if (!path) {
        lf_error_set(err, LIGFIX_ERR_DATA, "no context data path given");
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        lf_error_set(err, LIGFIX_ERR_DATA, "%s: cannot open context data: %s", path,
                     strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        lf_error_set(err, LIGFIX_ERR_DATA, "%s: cannot stat context data: %s", path,
                     strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < (off_t)CTX_HEADER_SIZE ||
        (uint64_t)st.st_size > (uint64_t)UINT32_MAX) {
        lf_error_set(err, LIGFIX_ERR_DATA, "%s: not a ligfix context file (%s)", path,
                     !S_ISREG(st.st_mode) ? "not a regular file" : "bad size");
        close(fd);
        return NULL;
    }
    lf_context *c = lf_calloc(1, sizeof *c);
    if (!c) {
        lf_error_set(err, LIGFIX_ERR_NOMEM, "%s: out of memory opening context data", path);
        close(fd);
        return NULL;
    }
    c->size = (size_t)st.st_size;
    const int little = host_is_little_endian();
    if (little) {
        /* Validation reads every page at once: mapping them all in one go
         * saves a page fault per page. */
#ifdef MAP_POPULATE
        int flags = MAP_PRIVATE | MAP_POPULATE;
#else
        int flags = MAP_PRIVATE;
#endif
        void *m = mmap(NULL, c->size, PROT_READ, flags, fd, 0);
        if (m != MAP_FAILED) {
            c->data = m;
            c->mapped = 1;
        }
    }
    if (!c->data) {
        c->data = read_all(fd, c->size, path, err);
        if (!c->data) {
            close(fd);
            lf_free(c);
            return NULL;
        }
    }
    close(fd);

    const char *fault = NULL;
    uint32_t hdr[H_COUNT];
    if (memcmp(c->data, CTX_MAGIC, 8) != 0) {
        fault = "bad magic";
        goto corrupt;
    }
    for (int i = 0; i < H_COUNT; i++)
        hdr[i] = rd32le(c->data + 8 + 4 * i);
    if (hdr[H_VERSION] != CTX_VERSION) {
        lf_error_set(err, LIGFIX_ERR_DATA, "%s: unsupported context data version %u (want %u)",
                     path, (unsigned)hdr[H_VERSION], CTX_VERSION);
        release(c);
        return NULL;
    }
    c->n_words = hdr[H_N_WORDS];
    c->n_total = hdr[H_N_TOTAL];
    c->n_bigrams = hdr[H_N_BIGRAMS];
    c->n_hist = hdr[H_N_HIST];
    c->n_trigrams = hdr[H_N_TRIGRAMS];
    if (hdr[H_HEADER_SIZE] < CTX_HEADER_SIZE || hdr[H_HEADER_SIZE] > c->size ||
        c->n_words > UINT32_MAX - 2 || c->n_total != c->n_words + 2) {
        fault = "bad header";
        goto corrupt;
    }
    const uint64_t fsz = c->size, nt = c->n_total, nb = c->n_bigrams, nh = c->n_hist,
                   n3 = c->n_trigrams;
    const uint64_t strings_size = hdr[H_STRINGS_SIZE];
    uint64_t lm_end = 0; /* derived tables (or nothing) follow the LM tables */
    uint64_t o_off = section(hdr, H_OFF_WORD_OFFSETS, nt + 1, 4, fsz, &lm_end);
    uint64_t o_str = section(hdr, H_OFF_STRINGS, strings_size, 1, fsz, &lm_end);
    uint64_t o_uni = section(hdr, H_OFF_UNIGRAM, nt, 4, fsz, &lm_end);
    uint64_t o_bo = section(hdr, H_OFF_BACKOFF, nt, 4, fsz, &lm_end);
    uint64_t o_flags = section(hdr, H_OFF_FLAGS, nt, 1, fsz, &lm_end);
    uint64_t o_rows = section(hdr, H_OFF_ROWS, nt + 1, 4, fsz, &lm_end);
    uint64_t o_w2 = section(hdr, H_OFF_W2, nb, 4, fsz, &lm_end);
    uint64_t o_lp = section(hdr, H_OFF_LOGP, nb, 4, fsz, &lm_end);
    const uint64_t ns = hdr[H_HASH_SLOTS];
    uint64_t o_hash = section(hdr, H_OFF_HASH, ns, 4, fsz, &lm_end);
    uint64_t o_hrows = section(hdr, H_OFF_HIST_ROWS, nt + 1, 4, fsz, &lm_end);
    uint64_t o_hw2 = section(hdr, H_OFF_HIST_W2, nh, 4, fsz, &lm_end);
    uint64_t o_hbo = section(hdr, H_OFF_HIST_BACKOFF, nh, 4, fsz, &lm_end);
    uint64_t o_trows = section(hdr, H_OFF_TRI_ROWS, nh + 1, 4, fsz, &lm_end);
    uint64_t o_w3 = section(hdr, H_OFF_TRI_W3, n3, 4, fsz, &lm_end);
    uint64_t o_tlp = section(hdr, H_OFF_TRI_LOGP, n3, 2, fsz, &lm_end);
    if (ns <= nt || (ns & (ns - 1)) != 0) {
        fault = "bad hash size";
        goto corrupt;
    }
    if (!o_off || !o_str || !o_uni || !o_bo || !o_flags || !o_rows || !o_w2 || !o_lp ||
        !o_hash || !o_hrows || !o_hw2 || !o_hbo || !o_trows || !o_w3 || !o_tlp) {
        fault = "section outside the file (truncated?)";
        goto corrupt;
    }
    lm_end = (lm_end + 3) & ~(uint64_t)3; /* the last table is padded to 4 bytes */
    if (!little) {
        /* Data was read into our own buffer: make the 32-bit tables native. */
        swap32_array(c->data + o_off, nt + 1);
        swap32_array(c->data + o_uni, nt);
        swap32_array(c->data + o_bo, nt);
        swap32_array(c->data + o_rows, nt + 1);
        swap32_array(c->data + o_w2, nb);
        swap32_array(c->data + o_lp, nb);
        swap32_array(c->data + o_hash, ns);
        swap32_array(c->data + o_hrows, nt + 1);
        swap32_array(c->data + o_hw2, nh);
        swap32_array(c->data + o_hbo, nh);
        swap32_array(c->data + o_trows, nh + 1);
        swap32_array(c->data + o_w3, n3);
        swap16_array(c->data + o_tlp, n3);
    }
    c->word_offsets = (const uint32_t *)(const void *)(c->data + o_off);
    c->strings = (const char *)(c->data + o_str);
    c->unigram = (const float *)(const void *)(c->data + o_uni);
    c->backoff = (const float *)(const void *)(c->data + o_bo);
    c->rows = (const uint32_t *)(const void *)(c->data + o_rows);
    c->w2 = (const uint32_t *)(const void *)(c->data + o_w2);
    c->logp = (const float *)(const void *)(c->data + o_lp);
    c->hash = (const uint32_t *)(const void *)(c->data + o_hash);
    c->hist_rows = (const uint32_t *)(const void *)(c->data + o_hrows);
    c->hist_w2 = (const uint32_t *)(const void *)(c->data + o_hw2);
    c->hist_bo = (const float *)(const void *)(c->data + o_hbo);
    c->tri_rows = (const uint32_t *)(const void *)(c->data + o_trows);
    c->w3 = (const uint32_t *)(const void *)(c->data + o_w3);
    c->tri_code = (const uint16_t *)(const void *)(c->data + o_tlp);
    c->hash_mask = (uint32_t)(ns - 1);
    fault = validate(c, strings_size);
    if (fault)
        goto corrupt;
    c->lm_size = lm_end;
    fault = derived_tables(c, little);
    if (fault)
        goto corrupt;
    if (!c->slot_hash) {
        c->slot_hash_owned = lf_malloc(((size_t)c->hash_mask + 1) * sizeof *c->slot_hash_owned);
        if (!c->slot_hash_owned) {
            lf_error_set(err, LIGFIX_ERR_NOMEM, "%s: out of memory loading context data", path);
            release(c);
            return NULL;
        }
        lf_context_fresh_slot_hashes(c, c->slot_hash_owned);
        c->slot_hash = c->slot_hash_owned;
    }
    return c;

corrupt:
    lf_error_set(err, LIGFIX_ERR_DATA, "%s: corrupt or truncated context data (%s)", path, fault);
    release(c);
    return NULL;
}

void lf_context_close(lf_context *c)
{
    if (c)
        release(c);
}

/* Word id of w (including the markers), or NO_WORD. */
static uint32_t find(const lf_context *c, const char *w, size_t n)
{
    if (!c || !w || n == 0)
        return NO_WORD;
    uint32_t h = word_hash(w, n);
    /* The table has empty slots (validated), but bound the probe anyway. */
    for (uint32_t k = 0; k <= c->hash_mask; k++) {
        uint32_t slot = (h + k) & c->hash_mask;
        uint32_t id = c->hash[slot];
        if (id == NO_WORD)
            return NO_WORD;
        if (c->slot_hash[slot] == h && word_cmp(c, id, w, n) == 0)
            return id;
    }
    return NO_WORD;
}

uint32_t lf_context_id(const lf_context *c, const char *w, size_t n) { return find(c, w, n); }

uint32_t lf_context_marker(const lf_context *c, int end)
{
    return c ? c->n_words + (end ? 1u : 0u) : NO_WORD; /* validated at open */
}

int lf_context_id_is_word(const lf_context *c, uint32_t id)
{
    return c && id != NO_WORD && id < c->n_words;
}

float lf_context_unigram_id(const lf_context *c, uint32_t w)
{
    return w == NO_WORD ? LF_LOGP_UNKNOWN : c->unigram[w];
}

float lf_context_unigram(const lf_context *c, const char *w, size_t n)
{
    return lf_context_unigram_id(c, find(c, w, n));
}

float lf_context_bigram_id(const lf_context *c, uint32_t a, uint32_t b)
{
    if (b == NO_WORD)
        return LF_LOGP_UNKNOWN;
    if (a == NO_WORD)
        return c->unigram[b];
    uint32_t j = lf_sorted_index(c->w2, c->rows[a], c->rows[a + 1], b);
    return j != NOT_FOUND ? c->logp[j] : c->backoff[a] + c->unigram[b];
}

float lf_context_bigram(const lf_context *c, const char *w1, size_t n1,
                        const char *w2, size_t n2)
{
    uint32_t b = find(c, w2, n2);
    if (b == NO_WORD)
        return LF_LOGP_UNKNOWN;
    return lf_context_bigram_id(c, find(c, w1, n1), b);
}

float lf_context_trigram_id(const lf_context *c, uint32_t x, uint32_t y, uint32_t z)
{
    if (z == NO_WORD)
        return LF_LOGP_UNKNOWN;
    if (y == NO_WORD)
        return c->unigram[z];
    uint32_t h = x == NO_WORD
                     ? NOT_FOUND
                     : lf_sorted_index(c->hist_w2, c->hist_rows[x], c->hist_rows[x + 1], y);
    if (h == NOT_FOUND)   /* no history w1 w2: backoff weight 0 */
        return lf_context_bigram_id(c, y, z);
    uint32_t k = lf_sorted_index(c->w3, c->tri_rows[h], c->tri_rows[h + 1], z);
    if (k != NOT_FOUND)
        return -(float)c->tri_code[k] * TRIGRAM_STEP;
    return c->hist_bo[h] + lf_context_bigram_id(c, y, z);
}

float lf_context_trigram(const lf_context *c, const char *w1, size_t n1,
                         const char *w2, size_t n2, const char *w3, size_t n3)
{
    uint32_t z = find(c, w3, n3);
    if (z == NO_WORD)
        return LF_LOGP_UNKNOWN;
    return lf_context_trigram_id(c, find(c, w1, n1), find(c, w2, n2), z);
}

int lf_context_has(const lf_context *c, const char *w, size_t n)
{
    return lf_context_id_is_word(c, find(c, w, n));
}

size_t lf_context_vocab_size(const lf_context *c)
{
    return c ? c->n_words : 0;
}

const char *lf_context_vocab_word(const lf_context *c, size_t i, size_t *len)
{
    if (len) /* 0 for none: callers that know i is in range need not test */
        *len = c && i < c->n_words ? c->word_offsets[i + 1] - c->word_offsets[i] - 1 : 0;
    if (!c || i >= c->n_words)
        return NULL;
    return c->strings + c->word_offsets[i];
}
