/* Running the command over the input files: the calling thread reads
 * blocks ahead, file after file, and writes the repaired ones in input
 * order while worker threads repair them. Blocks of several files are in
 * flight at once, so -j N helps many small files as much as one big one.
 *
 * A block goes to whichever worker is free: each is repaired on a reset
 * checker, and a checker's caches only keep what it would work out again,
 * so which checker repairs a block never changes the output (-j N equals
 * -j 1, tested). With one job there are no threads: the calling thread
 * repairs each block itself. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { SLOT_FREE, SLOT_READY, SLOT_DONE };

typedef struct {
    cli_block block;
    int file;      /* index into the file list */
    int file_end;  /* no data: marks the end of its file */
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
    const char *const *files;
    int jobs, depth; /* depth: blocks in flight, at most */
    slot *slots;     /* ring of depth slots: block n is in slots[n % depth] */
    size_t n_read;   /* blocks read so far */
    size_t n_taken;  /* blocks taken by a worker so far */
    int eof;         /* no more blocks will be read */
    pthread_mutex_t mu;
    pthread_cond_t ready, done;
};

/* The input side: the file being read. */
typedef struct {
    const char *const *files;
    int nfiles, cur; /* cur: the file being read (nfiles: all read) */
    FILE *in;        /* NULL between files */
    block_reader rd;
    off_t total;     /* cur's size, 0 if unknown */
} input;

/* The output side: where the file being written goes. */
typedef struct {
    FILE *out;      /* the command's output */
    FILE *tmp_f;    /* --in-place: the open temporary file, else NULL */
    char tmp[PATH_MAX];
    const char *tmp_for; /* the file tmp will replace */
    mode_t mode;    /* --in-place: the original file's permissions */
    int progress, shown;
} output;

static int is_stdin(const char *path) { return !strcmp(path, "-"); }

static const char *display_name(const char *path) { return is_stdin(path) ? "<stdin>" : path; }

/* The next block of the input into sl: a block of data, or the end marker
 * of the current file. 1 if there is one, 0 when every file is read, -1 on
 * an error (reported). */
static int read_next(input *in, size_t block_size, slot *sl)
{
    if (in->cur >= in->nfiles)
        return 0;
    const char *path = in->files[in->cur];
    if (!in->in) {
        in->in = is_stdin(path) ? stdin : fopen(path, "rb");
        if (!in->in)
            return cli_die("cannot open %s", path), -1;
        struct stat st;
        in->total = !is_stdin(path) && fstat(fileno(in->in), &st) == 0 ? st.st_size : 0;
        reader_init(&in->rd, in->in);
    }
    sl->file = in->cur;
    int got = reader_next(&in->rd, block_size, &sl->block);
    if (got < 0)
        return cli_die("cannot read %s", display_name(path)), -1;
    sl->file_end = got == 0;
    if (got == 0) {
        /* the marker keeps its (recycled) buffer but nothing else */
        char *data = sl->block.data;
        size_t cap = sl->block.cap;
        memset(&sl->block, 0, sizeof sl->block);
        sl->block.data = data;
        sl->block.cap = cap;
        reader_free(&in->rd);
        if (!is_stdin(path))
            fclose(in->in);
        in->in = NULL;
        in->total = 0; /* no progress to show until the next file is open */
        in->cur++;
    }
    return 1;
}

static void close_input(input *in)
{
    if (in->in) {
        reader_free(&in->rd);
        if (!is_stdin(in->files[in->cur]))
            fclose(in->in);
        in->in = NULL;
    }
}

/* --in-place: a temporary file beside path for its new text. */
static int open_tmp(output *w, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return cli_die("cannot open %s", path);
    w->mode = st.st_mode & 07777;
    w->tmp_for = path;
    if (snprintf(w->tmp, sizeof w->tmp, "%s.ligfix-XXXXXX", path) >= (int)sizeof w->tmp)
        return cli_die("path too long: %s", path);
    int fd = mkstemp(w->tmp);
    w->tmp_f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!w->tmp_f) {
        if (fd >= 0) {
            close(fd);
            unlink(w->tmp);
        }
        return cli_die("cannot create a temporary file beside %s", path);
    }
    return 0;
}

/* --in-place: puts the new text in place of its file (ok), or drops it. */
static int close_tmp(output *w, int ok)
{
    const char *path = w->tmp_for;
    int rc = 0;
    if (!w->tmp_f)
        return 0;
    if (fclose(w->tmp_f) != 0 && ok)
        rc = cli_die("cannot write %s", w->tmp);
    w->tmp_f = NULL;
    if (ok && !rc) {
        chmod(w->tmp, w->mode);
        if (rename(w->tmp, path) != 0)
            rc = cli_die("cannot replace %s", path);
    }
    if (!ok || rc)
        unlink(w->tmp);
    return rc;
}

/* Writes (or reports the failure of) a repaired block of file path and
 * frees its output; at a file's end marker, an --in-place file is
 * replaced. rc: the run's status so far (once non-zero, nothing more is
 * written). */
static int write_slot(const pipeline *p, output *w, slot *sl, int rc)
{
    const char *path = p->files[sl->file];
    cli_block *b = &sl->block;
    if (!rc && b->failed)
        rc = cli_die("%s", b->err.message);
    if (!rc && p->o->in_place && !w->tmp_f)
        rc = open_tmp(w, path);
    FILE *f = p->o->in_place ? w->tmp_f : w->out;
    if (!rc && b->out_len && fwrite(b->out, 1, b->out_len, f) != b->out_len)
        rc = cli_die("%s", "cannot write output");
    block_free_out(b);
    if (sl->file_end || rc)
        rc = close_tmp(w, !rc) || rc;
    return rc;
}

static void repair_slot(pipeline *p, int k, slot *sl)
{
    if (!sl->file_end)
        process_block(p->checkers[k], p->o, display_name(p->files[sl->file]), &sl->block);
}

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
        repair_slot(p, w->k, sl);
        pthread_mutex_lock(&p->mu);
        sl->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Starts the workers; the number started (fewer if threads ran out). */
static int start_workers(pipeline *p, pthread_t *tid, worker_arg *args)
{
    int started = 0;
    for (; started < p->jobs; started++) {
        args[started] = (worker_arg){p, started};
        if (pthread_create(&tid[started], NULL, worker, &args[started]) != 0)
            break;
    }
    return started;
}

static void stop_reading(pipeline *p, int threaded)
{
    if (!threaded) {
        p->eof = 1;
        return;
    }
    if (p->eof)
        return; /* set already: only this thread writes it, so reading it needs no lock */
    pthread_mutex_lock(&p->mu);
    p->eof = 1;
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->mu);
}

static void show_progress(const input *in, output *w, size_t block_size)
{
    if (!w->progress || in->cur >= in->nfiles || in->total <= (off_t)(8 * block_size))
        return;
    fprintf(stderr, "\rligfix: %s %3d%%", display_name(in->files[in->cur]),
            (int)(100.0 * (double)in->rd.offset / (double)in->total));
    w->shown = 1;
}

/* Blocks in flight per worker. Blocks are written in order, so a slow
 * block (some cost eight times others) holds its slot and every later one
 * until it is done: with two per worker the other workers ran out of room
 * and waited (up to a tenth of a second a run at -j 2); four keep them
 * busy, for a megabyte or two of buffers per extra slot. */
#define BLOCKS_PER_WORKER 4

int run_files(ligfix_checker **checkers, const cli_options *o, const char *const *files,
              int nfiles, FILE *out)
{
    pipeline p = {.checkers = checkers, .o = o, .files = files, .jobs = o->jobs,
                  .depth = o->jobs > 1 ? BLOCKS_PER_WORKER * o->jobs : 1};
    p.slots = calloc((size_t)p.depth, sizeof *p.slots);
    if (!p.slots)
        return cli_die("%s", "out of memory");
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.done, NULL);
    pthread_t tid[CLI_MAX_JOBS];
    worker_arg args[CLI_MAX_JOBS];
    int started = p.jobs > 1 ? start_workers(&p, tid, args) : 0;
    int threaded = started > 0; /* else (no threads to be had) work alone */

    input in = {.files = files, .nfiles = nfiles};
    output w = {.out = out, .progress = o->progress};
    size_t n_written = 0;
    int reading = 1, rc = 0, read_rc = 0;
    for (;;) {
        /* read ahead while there is room */
        while (reading && p.n_read - n_written < (size_t)p.depth) {
            slot *sl = &p.slots[p.n_read % (size_t)p.depth];
            int got = read_next(&in, o->block_size, sl);
            if (got <= 0) {
                /* reported; the blocks read before it are still written */
                read_rc = got < 0;
                reading = 0;
                break;
            }
            if (threaded)
                pthread_mutex_lock(&p.mu);
            sl->state = SLOT_READY;
            p.n_read++;
            if (threaded) {
                pthread_cond_broadcast(&p.ready);
                pthread_mutex_unlock(&p.mu);
            }
        }
        if (!reading)
            stop_reading(&p, threaded);
        if (n_written == p.n_read)
            break;
        /* write the oldest block once it is repaired */
        slot *sl = &p.slots[n_written % (size_t)p.depth];
        if (threaded) {
            pthread_mutex_lock(&p.mu);
            while (sl->state != SLOT_DONE)
                pthread_cond_wait(&p.done, &p.mu);
            pthread_mutex_unlock(&p.mu);
        } else {
            repair_slot(&p, 0, sl);
        }
        rc = write_slot(&p, &w, sl, rc);
        sl->state = SLOT_FREE;
        n_written++;
        show_progress(&in, &w, o->block_size);
        if (rc)
            reading = 0; /* finish the blocks in flight, read no more */
    }
    if (w.shown)
        fputs("\n", stderr);
    close_tmp(&w, 0); /* a file a read error cut short stays as it was */
    stop_reading(&p, threaded);
    for (int k = 0; k < started; k++)
        pthread_join(tid[k], NULL);
    close_input(&in);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.done);
    for (int k = 0; k < p.depth; k++) {
        block_free_out(&p.slots[k].block);
        block_free_data(&p.slots[k].block);
    }
    free(p.slots);
    return rc || read_rc;
}
