/* ligfix: repair lost ligatures from the command line.
 *   ligfix [OPTIONS] fix  [FILE|-]...
 *   ligfix [OPTIONS] scan --json [FILE|-]...
 * Input is streamed in blocks; -j N spreads blocks over N threads, one
 * checker each, and prints in input order. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define DEFAULT_BLOCK (1u << 20)
#define MAX_JOBS 64

static const char usage[] =
    "usage: ligfix [OPTIONS] fix [FILE|-]...\n"
    "       ligfix [OPTIONS] scan --json [FILE|-]...\n"
    "\n"
    "Repairs words whose ligatures were lost in PDF extraction or OCR\n"
    "(ater -> after, a er -> after, be\\uE03Cer -> better).\n"
    "\n"
    "commands:\n"
    "  fix             write the repaired text\n"
    "  scan --json     write one JSON object per flagged span\n"
    "options:\n"
    "  --dict PATH       Hunspell dictionary base name (default en_US)\n"
    "  --data PATH       context data file (default: the installed one)\n"
    "  --words FILE      extra dictionary words, one per line\n"
    "  --threshold X     apply spans with confidence >= X (default 0.5)\n"
    "  --ligatures LIST  only these groups, e.g. tt,ft (default auto)\n"
    "  --modes LIST      force these modes: letter,first,vanish,space,\n"
    "                    placeholder,codepoint (default auto: detected per document)\n"
    "  -j N              use N threads\n"
    "  -o FILE           write output to FILE\n"
    "  --in-place        rewrite each FILE with its repaired text\n"
    "  --diff            show the repairs for a person instead of the text\n"
    "  --block-size N    bytes per streamed block (default 1048576)\n"
    "  -h, --help        this help\n"
    "  --version         print the version\n";

static int die(const char *fmt, const char *arg)
{
    fprintf(stderr, "ligfix: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 1;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v != v)
        return -1;
    *out = v;
    return 0;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || s[0] == '-')
        return -1;
    *out = (size_t)v;
    return 0;
}

/* Options may come before or after the command; returns the number of
 * file arguments collected into files, or -1 on a usage error (reported). */
static int parse_args(int argc, char **argv, cli_options *o, const char **files, int *done)
{
    int nfiles = 0, have_cmd = 0;
    *done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG                                                   \
    do {                                                           \
        if (!next)                                                 \
            return die("option %s needs an argument", a), -1;      \
        i++;                                                       \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            *done = 1;
            return 0;
        } else if (!strcmp(a, "--version")) {
            printf("ligfix %s\n", ligfix_version_string());
            *done = 1;
            return 0;
        } else if (!strcmp(a, "--json")) {
            o->json = 1;
        } else if (!strcmp(a, "--diff")) {
            o->diff = 1;
        } else if (!strcmp(a, "--in-place")) {
            o->in_place = 1;
        } else if (!strcmp(a, "--dict")) {
            NEED_ARG;
            o->dict = next;
        } else if (!strcmp(a, "--data")) {
            NEED_ARG;
            o->data = next;
        } else if (!strcmp(a, "--words")) {
            NEED_ARG;
            o->words = next;
        } else if (!strcmp(a, "--ligatures")) {
            NEED_ARG;
            o->ligatures = next;
        } else if (!strcmp(a, "--modes")) {
            NEED_ARG;
            o->modes = next;
        } else if (!strcmp(a, "-o")) {
            NEED_ARG;
            o->output = next;
        } else if (!strcmp(a, "--threshold")) {
            NEED_ARG;
            if (parse_double(next, &o->threshold) < 0 || o->threshold < 0)
                return die("--threshold needs a number >= 0, not '%s'", next), -1;
            o->threshold_set = 1;
        } else if (!strcmp(a, "-j") || !strncmp(a, "-j", 2)) {
            const char *v = a[2] ? a + 2 : next;
            if (!a[2])
                NEED_ARG;
            size_t j;
            if (!v || parse_size(v, &j) < 0 || j > MAX_JOBS)
                return die("-j needs a number of threads from 1 to 64, not '%s'", v ? v : ""),
                       -1;
            o->jobs = (int)j;
        } else if (!strcmp(a, "--block-size")) {
            NEED_ARG;
            if (parse_size(next, &o->block_size) < 0 || o->block_size < 64)
                return die("--block-size needs a number of bytes >= 64, not '%s'", next), -1;
        } else if (!have_cmd && !strcmp(a, "fix")) {
            o->command = CMD_FIX;
            have_cmd = 1;
        } else if (!have_cmd && !strcmp(a, "scan")) {
            o->command = CMD_SCAN;
            have_cmd = 1;
        } else if (a[0] == '-' && a[1]) {
            return die("unknown option %s (try --help)", a), -1;
        } else if (!have_cmd) {
            return die("unknown command '%s' (try --help)", a), -1;
        } else {
            files[nfiles++] = a;
        }
#undef NEED_ARG
    }
    if (!have_cmd)
        return die("%s", "no command given: fix or scan (try --help)"), -1;
    if (o->command == CMD_SCAN && !o->json)
        return die("%s", "scan writes JSON Lines: give --json"), -1;
    if (o->in_place && (o->command != CMD_FIX || o->diff || o->output))
        return die("%s", "--in-place only goes with fix, without --diff or -o"), -1;
    if (o->in_place && nfiles == 0)
        return die("%s", "--in-place needs FILE arguments"), -1;
    return nfiles;
}

/* ---- running blocks over threads ------------------------------------------ */

/* A pipeline: the calling thread reads blocks ahead and writes the repaired
 * ones in input order while worker threads repair them. A block goes to
 * whichever worker is free: each is repaired on a reset checker, and a
 * checker's caches only keep what it would work out again, so which checker
 * repairs a block never changes the output (-j N equals -j 1, tested). */
enum { SLOT_FREE, SLOT_READY, SLOT_DONE };

typedef struct {
    cli_block block;
    int state;
} slot;

typedef struct pipeline pipeline;

typedef struct {
    pipeline *p;
    int k;
} worker_arg;

struct pipeline {
    ligfix_checker **checkers;
    const cli_options *o;
    const char *name;
    int jobs, depth; /* depth: blocks in flight, at most */
    slot *slots;     /* ring of depth slots: block n is in slots[n % depth] */
    size_t n_read;   /* blocks read so far */
    size_t n_taken;  /* blocks taken by a worker so far */
    int eof;         /* no more blocks will be read */
    pthread_mutex_t mu;
    pthread_cond_t ready, done;
};

static void *worker(void *arg)
{
    worker_arg *w = arg;
    pipeline *p = w->p;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!(p->n_taken < p->n_read &&
                 p->slots[p->n_taken % (size_t)p->depth].state == SLOT_READY) &&
               !(p->eof && p->n_taken >= p->n_read))
            pthread_cond_wait(&p->ready, &p->mu);
        if (p->n_taken >= p->n_read) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        slot *sl = &p->slots[p->n_taken++ % (size_t)p->depth];
        pthread_mutex_unlock(&p->mu);
        process_block(p->checkers[w->k], p->o, p->name, &sl->block);
        pthread_mutex_lock(&p->mu);
        sl->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Frees a block's output; its data buffer is kept for the next block. */
static void free_block_out(cli_block *b)
{
    if (b->out_is_malloc)
        free(b->out);
    else
        ligfix_free(b->out);
    b->out = NULL;
}

static int is_tty(FILE *f) { return isatty(fileno(f)); }

/* Writes (or reports the failure of) a repaired block and frees it. */
static int finish_block(cli_block *b, FILE *out, int rc)
{
    if (!rc && b->failed)
        rc = die("%s", b->err.message);
    if (!rc && b->out_len && fwrite(b->out, 1, b->out_len, out) != b->out_len)
        rc = die("%s", "cannot write output");
    free_block_out(b);
    return rc;
}

/* One thread: read, repair, write in turn. */
static int run_serial(ligfix_checker *checker, const cli_options *o, const char *name,
                      block_reader *rd, FILE *out, off_t total, int progress)
{
    int rc = 0;
    cli_block b = {0};
    for (;;) {
        int got = reader_next(rd, o->block_size, &b);
        if (got < 0) {
            rc = die("cannot read %s", name);
            break;
        }
        if (got == 0)
            break;
        process_block(checker, o, name, &b);
        rc = finish_block(&b, out, rc);
        if (progress)
            fprintf(stderr, "\rligfix: %s %3d%%", name,
                    (int)(100.0 * (double)rd->offset / (double)total));
        if (rc)
            break;
    }
    block_free_data(&b);
    return rc;
}

static void free_slots(slot *slots, int depth)
{
    for (int k = 0; k < depth; k++)
        block_free_data(&slots[k].block);
    free(slots);
}

static int run_parallel(ligfix_checker **checkers, const cli_options *o, const char *name,
                        block_reader *rd, FILE *out, off_t total, int progress)
{
    pipeline p = {.checkers = checkers, .o = o, .name = name, .jobs = o->jobs,
                  .depth = 2 * o->jobs};
    p.slots = calloc((size_t)p.depth, sizeof *p.slots);
    if (!p.slots)
        return die("%s", "out of memory");
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_t tid[MAX_JOBS];
    worker_arg args[MAX_JOBS];
    int started = 0, rc = 0;
    for (; started < p.jobs; started++) {
        args[started] = (worker_arg){&p, started};
        if (pthread_create(&tid[started], NULL, worker, &args[started]) != 0)
            break;
    }
    if (started < p.jobs) {
        /* no threads to be had: stop the ones there are, work alone */
        pthread_mutex_lock(&p.mu);
        p.eof = 1;
        pthread_cond_broadcast(&p.ready);
        pthread_mutex_unlock(&p.mu);
        for (int k = 0; k < started; k++)
            pthread_join(tid[k], NULL);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.ready);
        pthread_cond_destroy(&p.done);
        free_slots(p.slots, p.depth);
        return run_serial(checkers[0], o, name, rd, out, total, progress);
    }
    size_t n_written = 0;
    int reading = 1;
    for (;;) {
        /* read ahead while there is room */
        while (reading && !rc && p.n_read - n_written < (size_t)p.depth) {
            slot *sl = &p.slots[p.n_read % (size_t)p.depth];
            int got = reader_next(rd, o->block_size, &sl->block);
            if (got <= 0) {
                if (got < 0)
                    rc = die("cannot read %s", name);
                reading = 0;
                break;
            }
            pthread_mutex_lock(&p.mu);
            sl->state = SLOT_READY;
            p.n_read++;
            pthread_cond_broadcast(&p.ready);
            pthread_mutex_unlock(&p.mu);
        }
        if (!reading || rc) {
            pthread_mutex_lock(&p.mu);
            p.eof = 1;
            pthread_cond_broadcast(&p.ready);
            pthread_mutex_unlock(&p.mu);
        }
        if (n_written == p.n_read)
            break;
        /* write the oldest block once it is repaired */
        slot *sl = &p.slots[n_written % (size_t)p.depth];
        pthread_mutex_lock(&p.mu);
        while (sl->state != SLOT_DONE)
            pthread_cond_wait(&p.done, &p.mu);
        pthread_mutex_unlock(&p.mu);
        rc = finish_block(&sl->block, out, rc);
        sl->state = SLOT_FREE;
        n_written++;
        if (progress)
            fprintf(stderr, "\rligfix: %s %3d%%", name,
                    (int)(100.0 * (double)rd->offset / (double)total));
        if (rc)
            reading = 0; /* finish the blocks in flight, read no more */
    }
    for (int k = 0; k < p.jobs; k++)
        pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.done);
    free_slots(p.slots, p.depth);
    return rc;
}

/* Streams one input through the checkers to out. */
static int run_stream(ligfix_checker **checkers, const cli_options *o, const char *name, FILE *in,
                      FILE *out, off_t total)
{
    block_reader rd;
    reader_init(&rd, in);
    int progress = o->progress && total > (off_t)(8 * o->block_size);
    int rc = o->jobs > 1 ? run_parallel(checkers, o, name, &rd, out, total, progress)
                         : run_serial(checkers[0], o, name, &rd, out, total, progress);
    if (progress)
        fputs("\n", stderr);
    reader_free(&rd);
    return rc;
}

static int run_file(ligfix_checker **checkers, const cli_options *o, const char *path, FILE *out)
{
    int is_stdin = !strcmp(path, "-");
    FILE *in = is_stdin ? stdin : fopen(path, "rb");
    if (!in)
        return die("cannot open %s", path);
    struct stat st;
    off_t total = (!is_stdin && fstat(fileno(in), &st) == 0) ? st.st_size : 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int rc;
    if (o->in_place) {
        char tmp[PATH_MAX];
        if (snprintf(tmp, sizeof tmp, "%s.ligfix-XXXXXX", path) >= (int)sizeof tmp) {
            fclose(in);
            return die("path too long: %s", path);
        }
        int fd = mkstemp(tmp);
        FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!f) {
            fclose(in);
            return die("cannot create a temporary file beside %s", path);
        }
        rc = run_stream(checkers, o, name, in, f, total);
        if (fclose(f) != 0 && !rc)
            rc = die("cannot write %s", tmp);
        if (!rc) {
            chmod(tmp, st.st_mode & 07777);
            if (rename(tmp, path) != 0)
                rc = die("cannot replace %s", path);
        }
        if (rc)
            unlink(tmp);
    } else {
        rc = run_stream(checkers, o, name, in, out, total);
    }
    if (!is_stdin)
        fclose(in);
    return rc;
}

/* Run from a build tree (build/ligfix), use the tree's dict/ data. */
static int in_tree_data(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    if (snprintf(out, cap, "%s/../dict/ligfix-context.bin", exe) >= (int)cap)
        return 0;
    return access(out, R_OK) == 0;
}

int main(int argc, char **argv)
{
    cli_options o = {.jobs = 1, .threshold = 0.5, .block_size = DEFAULT_BLOCK};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return die("%s", "out of memory");
    int done, nfiles = parse_args(argc, argv, &o, files, &done);
    if (nfiles < 0 || done) {
        free(files);
        return nfiles < 0 ? 2 : 0;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    o.progress = is_tty(stderr);

    char data_path[PATH_MAX];
    if (!o.data && !getenv("LIGFIX_DATA") && in_tree_data(data_path, sizeof data_path))
        o.data = data_path;
    ligfix_error err = {0};
    ligfix_model *model = ligfix_model_new(o.dict, o.data, &err);
    if (model && o.words && ligfix_model_add_word_file(model, o.words, &err) != LIGFIX_OK) {
        ligfix_model_free(model);
        model = NULL;
    }
    if (!model) {
        free(files);
        return die("%s", err.message);
    }
    ligfix_checker *checkers[MAX_JOBS] = {0};
    int rc = 0;
    for (int k = 0; k < o.jobs && !rc; k++) {
        checkers[k] = ligfix_checker_new(model, &err);
        if (!checkers[k] || ligfix_checker_set_threshold(checkers[k], o.threshold) ||
            ligfix_checker_set_ligatures(checkers[k], o.ligatures, &err) ||
            ligfix_checker_set_modes(checkers[k], o.modes, &err))
            rc = die("%s", err.message[0] ? err.message : "cannot create a checker");
    }
    FILE *out = stdout;
    if (!rc && o.output && !(out = fopen(o.output, "wb")))
        rc = die("cannot open %s for writing", o.output);
    o.color = o.diff && out == stdout && is_tty(stdout) && !getenv("NO_COLOR");
    for (int i = 0; i < nfiles && !rc; i++)
        rc = run_file(checkers, &o, files[i], out);
    if (out && out != stdout && fclose(out) != 0 && !rc)
        rc = die("cannot write %s", o.output);
    if (out == stdout && fflush(stdout) != 0 && !rc)
        rc = die("%s", "cannot write output");
    for (int k = 0; k < o.jobs; k++)
        ligfix_checker_free(checkers[k]);
    ligfix_model_free(model);
    free(files);
    return rc;
}
