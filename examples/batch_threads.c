/*
 * batch_threads — repair many files in parallel: FILE is written to FILE.fixed.
 *
 *   batch_threads [-j N] [--dict PATH] [--data PATH] [--threshold X] FILE...
 *
 * Shows the thread model: ONE model, loaded once and shared read-only by all
 * threads; ONE checker per thread (a checker is never used by two threads).
 * Each file is a separate document, so the checker is reset between files.
 *
 * Build: make -C examples            (pkg-config --cflags --libs ligfix)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ligfix.h>

struct job {
    const ligfix_model *model; /* shared, read-only */
    double threshold;          /* < 0: the library's default */
    char **files;
    size_t nfiles;
    size_t next;               /* next file to take, under lock */
    pthread_mutex_t lock;
    pthread_mutex_t print_lock;
    int failures;              /* under lock */
};

static void report(struct job *job, const char *file, const char *what)
{
    pthread_mutex_lock(&job->print_lock);
    fprintf(stderr, "batch_threads: %s: %s\n", file, what);
    pthread_mutex_unlock(&job->print_lock);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (cap - n < 4096) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    int saved = errno;
    fclose(f);
    errno = saved;
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* Write to FILE.fixed.tmp, then rename, so no half-written FILE.fixed is left. */
static int write_file(const char *path, const char *data, size_t len)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 5);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    FILE *f = fopen(tmp, "wb");
    int ok = f != NULL;
    if (ok)
        ok = fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok)
        ok = rename(tmp, path) == 0;
    if (!ok) {
        int saved = errno;
        remove(tmp);
        errno = saved;
    }
    free(tmp);
    return ok ? 0 : -1;
}

static int repair_one(struct job *job, ligfix_checker *checker, const char *file)
{
    size_t len = 0, out_len = 0;
    char *text = read_file(file, &len);
    if (!text) {
        report(job, file, strerror(errno));
        return -1;
    }
    ligfix_error err = {0};
    ligfix_checker_reset(checker); /* a new document: forget the last one's evidence */
    char *fixed = ligfix_checker_fix(checker, text, len, &out_len, &err);
    free(text);
    if (!fixed) {
        report(job, file, err.message[0] ? err.message : ligfix_status_string(err.code));
        return -1;
    }

    size_t flen = strlen(file);
    char *out = malloc(flen + sizeof ".fixed");
    int rc = -1;
    if (!out) {
        report(job, file, strerror(ENOMEM));
    } else {
        memcpy(out, file, flen);
        memcpy(out + flen, ".fixed", sizeof ".fixed");
        if (write_file(out, fixed, out_len) != 0)
            report(job, out, strerror(errno));
        else
            rc = 0;
        free(out);
    }
    ligfix_free(fixed);
    return rc;
}

static void *worker(void *arg)
{
    struct job *job = arg;
    ligfix_error err = {0};

    /* This thread's own checker, made from the shared model. */
    ligfix_checker *checker = ligfix_checker_new(job->model, &err);
    if (!checker) {
        report(job, "checker", err.message[0] ? err.message : ligfix_status_string(err.code));
        pthread_mutex_lock(&job->lock);
        job->failures++;
        pthread_mutex_unlock(&job->lock);
        return NULL;
    }
    if (job->threshold >= 0)
        ligfix_checker_set_threshold(checker, job->threshold);

    for (;;) {
        pthread_mutex_lock(&job->lock);
        size_t i = job->next < job->nfiles ? job->next++ : job->nfiles;
        pthread_mutex_unlock(&job->lock);
        if (i == job->nfiles)
            break;
        if (repair_one(job, checker, job->files[i]) != 0) {
            pthread_mutex_lock(&job->lock);
            job->failures++;
            pthread_mutex_unlock(&job->lock);
        }
    }
    ligfix_checker_free(checker);
    return NULL;
}

static void usage(FILE *out)
{
    fputs("usage: batch_threads [-j N] [--dict PATH] [--data PATH] [--threshold X] FILE...\n"
          "Repairs each FILE into FILE.fixed with N threads (default: the CPU count).\n",
          out);
}

int main(int argc, char **argv)
{
    const char *dict = NULL, *data = NULL;
    long nthreads = 0;
    double threshold = -1.0;
    char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) {
        perror("batch_threads");
        return 1;
    }

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (!strcmp(a, "-j") || !strcmp(a, "--dict") || !strcmp(a, "--data")
            || !strcmp(a, "--threshold")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "batch_threads: %s needs an argument\n", a);
                return 2;
            }
            val = argv[++i];
        } else if (!strncmp(a, "-j", 2) && a[2]) {
            val = a + 2; /* -j4 */
            a = "-j";
        }
        if (!strcmp(a, "-j")) {
            char *end;
            nthreads = strtol(val, &end, 10);
            if (*end || end == val || nthreads < 1 || nthreads > 1024) {
                fprintf(stderr, "batch_threads: bad thread count '%s'\n", val);
                return 2;
            }
        } else if (!strcmp(a, "--dict")) {
            dict = val;
        } else if (!strcmp(a, "--data")) {
            data = val;
        } else if (!strcmp(a, "--threshold")) {
            char *end;
            threshold = strtod(val, &end);
            if (*end || end == val || threshold < 0) {
                fprintf(stderr, "batch_threads: bad threshold '%s'\n", val);
                return 2;
            }
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--")) {
            while (++i < argc)
                files[nfiles++] = argv[i];
        } else if (a[0] == '-') {
            fprintf(stderr, "batch_threads: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (nfiles == 0) {
        usage(stderr);
        return 2;
    }
    if (nthreads == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = cpus > 0 ? cpus : 1;
    }
    if ((size_t)nthreads > nfiles)
        nthreads = (long)nfiles;

    /* Load the model once; all threads share it. */
    ligfix_error err = {0};
    ligfix_model *model = ligfix_model_new(dict, data, &err);
    if (!model) {
        fprintf(stderr, "batch_threads: %s\n",
                err.message[0] ? err.message : ligfix_status_string(err.code));
        free(files);
        return 1;
    }

    struct job job = {.model = model, .threshold = threshold, .files = files, .nfiles = nfiles};
    pthread_mutex_init(&job.lock, NULL);
    pthread_mutex_init(&job.print_lock, NULL);

    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    long started = 0;
    for (; tids && started < nthreads; started++) {
        int e = pthread_create(&tids[started], NULL, worker, &job);
        if (e) {
            fprintf(stderr, "batch_threads: pthread_create: %s\n", strerror(e));
            break;
        }
    }
    if (started == 0) /* no thread could start: do the work here */
        worker(&job);
    for (long t = 0; t < started; t++)
        pthread_join(tids[t], NULL);

    /* Free the model only after every checker made from it is gone. */
    ligfix_model_free(model);
    pthread_mutex_destroy(&job.lock);
    pthread_mutex_destroy(&job.print_lock);
    free(tids);
    free(files);

    if (job.failures) {
        fprintf(stderr, "batch_threads: %d of %zu file%s failed\n", job.failures, nfiles,
                nfiles == 1 ? "" : "s");
        return 1;
    }
    return 0;
}
