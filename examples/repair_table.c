/*
 * repair_table — repair a file (or standard input) with ligfix, print a table
 * of the damaged words found to stderr and the repaired text to stdout.
 *
 *   repair_table [--dict PATH] [--data PATH] [--threshold X] [FILE|-]
 *
 * Shows the model/checker API: load a model, make a checker, scan, list the
 * spans, apply them, and check every error.
 *
 * Build: make -C examples            (pkg-config --cflags --libs ligfix)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ligfix.h>

static void usage(FILE *out)
{
    fputs("usage: repair_table [--dict PATH] [--data PATH] [--threshold X] [FILE|-]\n"
          "Repairs FILE (or standard input), writes the text to stdout and a table\n"
          "of the spans found to stderr.\n",
          out);
}

/* Read a whole stream into a NUL-terminated buffer. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (cap - n < 4096) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Characters (not bytes) in a UTF-8 string, to align the table. */
static int utf8_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* 1-based line and column (in bytes) of a byte offset, for the table. */
static void line_col(const char *text, size_t off, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

int main(int argc, char **argv)
{
    const char *dict = NULL, *data = NULL, *path = "-";
    double threshold = -1.0;
    int npaths = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if ((!strcmp(a, "--dict") || !strcmp(a, "--data") || !strcmp(a, "--threshold"))
            && i + 1 >= argc) {
            fprintf(stderr, "repair_table: %s needs an argument\n", a);
            return 2;
        }
        if (!strcmp(a, "--dict")) {
            dict = argv[++i];
        } else if (!strcmp(a, "--data")) {
            data = argv[++i];
        } else if (!strcmp(a, "--threshold")) {
            char *end;
            errno = 0;
            threshold = strtod(argv[++i], &end);
            if (errno || *end || end == argv[i] || threshold < 0) {
                fprintf(stderr, "repair_table: bad threshold '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "repair_table: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            path = a;
            npaths++;
        }
    }
    if (npaths > 1) {
        usage(stderr);
        return 2;
    }

    /* Read the input. */
    FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "repair_table: %s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t len = 0;
    char *text = read_all(in, &len);
    int read_errno = errno;
    if (in != stdin)
        fclose(in);
    if (!text) {
        fprintf(stderr, "repair_table: %s: %s\n", path, strerror(read_errno));
        return 1;
    }

    int status = 1;
    ligfix_error err = {0};
    ligfix_model *model = NULL;
    ligfix_checker *checker = NULL;
    ligfix_result *result = NULL;
    char *fixed = NULL;

    /* The model: dictionary + context data, shareable between threads. */
    model = ligfix_model_new(dict, data, &err);
    if (!model)
        goto fail;
    /* The checker: one per thread; this program has one thread. */
    checker = ligfix_checker_new(model, &err);
    if (!checker)
        goto fail;
    if (threshold >= 0 && ligfix_checker_set_threshold(checker, threshold) != LIGFIX_OK) {
        err.code = LIGFIX_ERR_ARGUMENT;
        snprintf(err.message, sizeof err.message, "bad threshold %g", threshold);
        goto fail;
    }

    result = ligfix_scan(checker, text, len, &err);
    if (!result)
        goto fail;

    size_t n = ligfix_result_count(result);
    fprintf(stderr, "%-10s %-9s %-40s %6s %-11s %-8s %s\n", "offset", "line:col",
            "observed -> replacement", "conf", "mode", "ligature", "applied");
    for (size_t i = 0; i < n; i++) {
        const ligfix_span *s = ligfix_result_span(result, i);
        size_t line, col;
        char where[32], change[256];
        line_col(text, s->start, &line, &col);
        snprintf(where, sizeof where, "%zu:%zu", line, col);
        snprintf(change, sizeof change, "%s -> %s", s->observed, s->replacement);
        int pad = 40 - utf8_width(change);
        fprintf(stderr, "%-10zu %-9s %s%*s %6.3f %-11s %-8s %s\n", s->start, where, change,
                pad > 0 ? pad : 0, "", s->confidence, s->mode, s->ligature,
                s->applied ? "yes" : "no");
    }
    fprintf(stderr, "%zu span%s\n", n, n == 1 ? "" : "s");

    /* Apply the spans whose confidence reached the threshold. */
    size_t out_len = 0;
    fixed = ligfix_apply(text, len, result, &out_len, &err);
    if (!fixed)
        goto fail;
    if (fwrite(fixed, 1, out_len, stdout) != out_len || fflush(stdout) != 0) {
        fprintf(stderr, "repair_table: writing standard output: %s\n", strerror(errno));
        goto done;
    }
    status = 0;
    goto done;

fail:
    fprintf(stderr, "repair_table: %s (%s)\n",
            err.message[0] ? err.message : ligfix_status_string(err.code),
            ligfix_status_string(err.code));
done:
    ligfix_free(fixed);
    ligfix_result_free(result);
    ligfix_checker_free(checker);
    ligfix_model_free(model);
    free(text);
    return status;
}
