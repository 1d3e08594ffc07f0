/* libFuzzer target: lf_context_open (lib/context.c) on arbitrary file
 * contents. A corrupt or truncated file must be refused with an error,
 * never crash; a file that opens must answer lookups within its bounds.
 * Built and run by `make fuzz` (mk/fuzz.mk). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"

static char path[256];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void cleanup(void)
{
    if (path[0])
        unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/ligfix-fuzz-ctx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("fuzz_context: mkstemp");
        exit(2);
    }
    close(fd);
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    if (fclose(f) != 0)
        abort();
    ligfix_error err = {0};
    lf_context *c = lf_context_open(path, &err);
    if (!c) {
        /* an error, with a one-line message naming the file */
        if (err.code == LIGFIX_OK || !strstr(err.message, path) || strchr(err.message, '\n'))
            abort();
        return 0;
    }
    /* every vocabulary word can be looked up */
    size_t n = lf_context_vocab_size(c);
    for (size_t i = 0; i < n && i < 64; i++) {
        size_t len = 0;
        const char *w = lf_context_vocab_word(c, i, &len);
        if (!w || strlen(w) != len)
            abort();
        (void)lf_context_unigram(c, w, len);
        (void)lf_context_bigram(c, "<s>", 3, w, len);
        (void)lf_context_bigram(c, w, len, "</s>", 4);
        (void)lf_context_trigram(c, "<s>", 3, w, len, "</s>", 4);
        (void)lf_context_has(c, w, len);
    }
    if (lf_context_vocab_word(c, n, NULL) != NULL)
        abort();
    (void)lf_context_unigram(c, "after", 5);
    (void)lf_context_bigram(c, "the", 3, "after", 5);
    (void)lf_context_has(c, (const char *)data, size < 40 ? size : 40);
    lf_context_close(c);
    return 0;
}
