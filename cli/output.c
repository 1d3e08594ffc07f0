/* What each command prints for a block: repaired text, JSON Lines, or a
 * diff for a person. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void sb_printf(strbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        b->failed = 1;
    else
        sb_add(b, tmp, (size_t)n);
}

/* Length of a valid UTF-8 sequence at s, 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned min;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0)
        len = 2, min = 0x80;
    else if ((s[0] & 0xF0) == 0xE0)
        len = 3, min = 0x800;
    else if ((s[0] & 0xF8) == 0xF0)
        len = 4, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    unsigned cp = s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void sb_json_string(strbuf *b, const char *s, size_t n)
{
    sb_add(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            char e[2] = {'\\', (char)ch};
            sb_add(b, e, 2);
            i++;
        } else if (ch < 0x20 || ch == 0x7F) {
            sb_printf(b, "\\u%04x", ch);
            i++;
        } else {
            size_t l = utf8_len((const unsigned char *)s + i, n - i);
            if (l == 0) {
                sb_add(b, "\\ufffd", 6); /* JSON must be UTF-8 */
                i++;
            } else {
                sb_add(b, s + i, l);
                i += l;
            }
        }
    }
    sb_add(b, "\"", 1);
}

static void json_span(strbuf *b, const ligfix_span *s, size_t base)
{
    sb_printf(b, "{\"start\":%zu,\"end\":%zu,\"observed\":", base + s->start, base + s->end);
    sb_json_string(b, s->observed, strlen(s->observed));
    sb_add(b, ",\"replacement\":", 15);
    sb_json_string(b, s->replacement, strlen(s->replacement));
    sb_printf(b, ",\"confidence\":%.4f,\"applied\":%s,\"ligature\":", s->confidence,
              s->applied ? "true" : "false");
    sb_json_string(b, s->ligature, strlen(s->ligature));
    sb_add(b, ",\"mode\":", 8);
    sb_json_string(b, s->mode, strlen(s->mode));
    sb_add(b, ",\"alternatives\":[", 17);
    for (size_t k = 0; k < s->n_alternatives; k++) {
        if (k)
            sb_add(b, ",", 1);
        sb_add(b, "{\"word\":", 8);
        sb_json_string(b, s->alternatives[k].word, strlen(s->alternatives[k].word));
        sb_printf(b, ",\"probability\":%.4f}", s->alternatives[k].probability);
    }
    sb_add(b, "]}\n", 3);
}

static void diff_span(strbuf *b, const cli_options *o, const char *name, const cli_block *blk,
                      const ligfix_span *s)
{
    size_t line = blk->line, col = 1;
    for (size_t i = 0; i < s->start; i++) {
        if (blk->data[i] == '\n')
            line++, col = 1;
        else if (((unsigned char)blk->data[i] & 0xC0) != 0x80)
            col++;
    }
    sb_printf(b, "%s:%zu:%zu: ", name, line, col);
    sb_add(b, o->color ? "\033[31m" : "", o->color ? 5 : 0);
    sb_add(b, s->observed, strlen(s->observed));
    sb_add(b, o->color ? "\033[0m" : "", o->color ? 4 : 0);
    sb_add(b, " -> ", 4);
    sb_add(b, o->color ? "\033[32m" : "", o->color ? 5 : 0);
    sb_add(b, s->replacement, strlen(s->replacement));
    sb_add(b, o->color ? "\033[0m" : "", o->color ? 4 : 0);
    sb_printf(b, " (%.2f, %s %s)\n", s->confidence, s->ligature, s->mode);
}

void process_block(ligfix_checker *c, const cli_options *o, const char *name, cli_block *b)
{
    /* Evidence is gathered per block, so the output does not depend on how
     * blocks are spread over threads. */
    ligfix_checker_reset(c);
    ligfix_result *r = ligfix_scan(c, b->data, b->len, &b->err);
    if (!r) {
        b->failed = 1;
        return;
    }
    if (o->command == CMD_FIX && !o->diff) {
        b->out = ligfix_apply(b->data, b->len, r, &b->out_len, &b->err);
        if (!b->out)
            b->failed = 1;
        ligfix_result_free(r);
        return;
    }
    strbuf sb = {0};
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        if (o->diff) {
            if (s->applied)
                diff_span(&sb, o, name, b, s);
        } else {
            json_span(&sb, s, b->base);
        }
    }
    ligfix_result_free(r);
    if (sb.failed) {
        free(sb.s);
        b->failed = 1;
        b->err.code = LIGFIX_ERR_NOMEM;
        snprintf(b->err.message, sizeof b->err.message, "out of memory formatting output");
        return;
    }
    if (sb.n) {
        b->out = sb.s;
        b->out_len = sb.n;
        b->out_is_malloc = 1;
    } else {
        free(sb.s);
    }
}
