/* The ligfix command line: shared declarations of its parts. */
#ifndef LIGFIX_CLI_H
#define LIGFIX_CLI_H
#include <stdio.h>
#include "ligfix.h"

enum { CMD_FIX, CMD_SCAN };

#define CLI_MAX_JOBS 64
/* The largest --block-size: a block is scanned in one call (at most 4 GiB),
 * and its working memory grows with it, times the blocks in flight. */
#define CLI_MAX_BLOCK ((size_t)1 << 30)

/* Prints "ligfix: " and fmt with arg as one line on stderr; returns 1. */
int cli_die(const char *fmt, const char *arg);

typedef struct {
    int command;
    int json, diff, in_place, progress, color;
    int jobs;
    double threshold;
    int threshold_set;
    const char *dict, *data, *words, *ligatures, *modes, *output;
    size_t block_size;
} cli_options;

/* A block of input: cut at a paragraph (or line, or space) boundary so no
 * word is split; offsets of spans are block->base + span offset. */
typedef struct {
    char *data;
    size_t len, cap;  /* cap: data's size, kept when the block is recycled */
    size_t base;      /* byte offset of data[0] in the input */
    size_t line;      /* 1-based line number of data[0] */
    char *out;        /* what to print for it */
    size_t out_len;
    int out_is_malloc; /* else it came from the library: ligfix_free */
    ligfix_error err;
    int failed;
} cli_block;

typedef struct {
    FILE *f;
    char *buf;
    size_t len, cap;
    size_t offset, line;
    int eof;
} block_reader;

void reader_init(block_reader *r, FILE *f);
void reader_free(block_reader *r);
/* Fills b with the next block; 1 if one was read, 0 at end, -1 on error.
 * b's data buffer, if any (a block done with), is recycled; the caller
 * frees b->data in the end (block_free_data). */
int reader_next(block_reader *r, size_t block_size, cli_block *b);
void block_free_data(cli_block *b);
/* Frees b's output (its data buffer is kept for the next block). */
void block_free_out(cli_block *b);

/* Runs the command on one block with one checker: fills b->out. */
void process_block(ligfix_checker *c, const cli_options *o, const char *name, cli_block *b);

/* Runs the command over files in order ("-": stdin), writing to out (or,
 * with --in-place, to each file); 0, or 1 after reporting an error. */
int run_files(ligfix_checker **checkers, const cli_options *o, const char *const *files,
              int nfiles, FILE *out);

/* JSON string escaping into a growable buffer. */
typedef struct {
    char *s;
    size_t n, cap;
    int failed;
} strbuf;
void sb_add(strbuf *b, const char *s, size_t n);
void sb_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sb_json_string(strbuf *b, const char *s, size_t n);

#endif
