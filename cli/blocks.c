/* Reading input in blocks of bounded size, cut where no word is split. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void reader_init(block_reader *r, FILE *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->line = 1;
}

void reader_free(block_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Where to cut a full buffer: after a blank line if there is one in the
 * second half, else after a line break, else after a space, else at a
 * UTF-8 character boundary (a megabyte-long "word" has to be split). */
static size_t cut_point(const char *s, size_t n)
{
    size_t half = n / 2;
    for (size_t i = n; i > half + 1; i--)
        if (s[i - 1] == '\n' && s[i - 2] == '\n')
            return i;
    for (size_t i = n; i > half; i--)
        if (s[i - 1] == '\n')
            return i;
    for (size_t i = n; i > half; i--)
        if (s[i - 1] == ' ' || s[i - 1] == '\t')
            return i;
    size_t i = n;
    while (i > 1 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 1 && (unsigned char)s[i - 1] >= 0xC0)
        i--; /* cut before the lead byte */
    return i > 0 ? i : n;
}

/* The reader's buffer holds block_size bytes and a NUL: a full one is
 * handed to the block that is cut from it (no copy), and the block's old
 * buffer takes the rest. Buffers go round instead of being allocated per
 * block: fresh megabytes cost a page fault per page. */
int reader_next(block_reader *r, size_t block_size, cli_block *b)
{
    if (r->cap < block_size + 1) {
        char *p = realloc(r->buf, block_size + 1);
        if (!p)
            return -1;
        r->buf = p;
        r->cap = block_size + 1;
    }
    while (!r->eof && r->len < block_size) {
        size_t got = fread(r->buf + r->len, 1, block_size - r->len, r->f);
        r->len += got;
        if (got == 0) {
            if (ferror(r->f))
                return -1;
            r->eof = 1;
        }
    }
    if (r->len == 0)
        return 0;
    size_t cut = r->eof ? r->len : cut_point(r->buf, r->len);
    if (b->cap < r->cap) {
        char *p = realloc(b->data, r->cap);
        if (!p)
            return -1;
        b->data = p;
        b->cap = r->cap;
    }
    char *spare = b->data;
    size_t spare_cap = b->cap;
    memcpy(spare, r->buf + cut, r->len - cut);
    memset(b, 0, sizeof *b);
    b->data = r->buf;
    b->cap = r->cap;
    b->data[cut] = '\0';
    b->len = cut;
    b->base = r->offset;
    b->line = r->line;
    /* memchr: a byte loop here cost more than a tenth of reading */
    for (const char *p = b->data, *end = b->data + cut;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        r->line++;
    r->buf = spare;
    r->cap = spare_cap;
    r->len -= cut;
    r->offset += cut;
    return 1;
}

void block_free_data(cli_block *b)
{
    free(b->data);
    b->data = NULL;
    b->cap = 0;
}

void block_free_out(cli_block *b)
{
    if (b->out_is_malloc)
        free(b->out);
    else
        ligfix_free(b->out);
    b->out = NULL;
    b->out_len = 0;
}
