/* ligfix: repair lost ligatures from the command line.
 *   ligfix [OPTIONS] fix  [FILE|-]...
 *   ligfix [OPTIONS] scan --json [FILE|-]...
 * Input is streamed in blocks (cli/blocks.c); -j N spreads them over N
 * threads, one checker each, and prints in input order (cli/pipeline.c). */
#define _GNU_SOURCE /* sched_getaffinity */
#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sched.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define DEFAULT_BLOCK (1u << 20)

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
    "  -j N              use N threads (default: the CPUs available, at most 8)\n"
    "  -o FILE           write output to FILE\n"
    "  --in-place        rewrite each FILE with its repaired text\n"
    "  --diff            show the repairs for a person instead of the text\n"
    "  --block-size N    bytes per streamed block, 64 to 1 GiB (default 1048576)\n"
    "  -h, --help        this help\n"
    "  --version         print the version\n";

int cli_die(const char *fmt, const char *arg)
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
            return cli_die("option %s needs an argument", a), -1;  \
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
                return cli_die("--threshold needs a number >= 0, not '%s'", next), -1;
            o->threshold_set = 1;
        } else if (!strcmp(a, "-j") || !strncmp(a, "-j", 2)) {
            const char *v = a[2] ? a + 2 : next;
            if (!a[2])
                NEED_ARG;
            size_t j;
            if (!v || parse_size(v, &j) < 0 || j > CLI_MAX_JOBS)
                return cli_die("-j needs a number of threads from 1 to 64, not '%s'", v ? v : ""),
                       -1;
            o->jobs = (int)j;
        } else if (!strcmp(a, "--block-size")) {
            NEED_ARG;
            if (parse_size(next, &o->block_size) < 0 || o->block_size < 64 ||
                o->block_size > CLI_MAX_BLOCK)
                return cli_die("--block-size needs a number of bytes from 64 to 1073741824 "
                               "(1 GiB), not '%s'",
                               next),
                       -1;
        } else if (!have_cmd && !strcmp(a, "fix")) {
            o->command = CMD_FIX;
            have_cmd = 1;
        } else if (!have_cmd && !strcmp(a, "scan")) {
            o->command = CMD_SCAN;
            have_cmd = 1;
        } else if (a[0] == '-' && a[1]) {
            return cli_die("unknown option %s (try --help)", a), -1;
        } else if (!have_cmd) {
            return cli_die("unknown command '%s' (try --help)", a), -1;
        } else {
            files[nfiles++] = a;
        }
#undef NEED_ARG
    }
    if (!have_cmd)
        return cli_die("%s", "no command given: fix or scan (try --help)"), -1;
    if (o->command == CMD_SCAN && !o->json)
        return cli_die("%s", "scan writes JSON Lines: give --json"), -1;
    if (o->in_place && (o->command != CMD_FIX || o->diff || o->output))
        return cli_die("%s", "--in-place only goes with fix, without --diff or -o"), -1;
    if (o->in_place && nfiles == 0)
        return cli_die("%s", "--in-place needs FILE arguments"), -1;
    return nfiles;
}

static int is_tty(FILE *f) { return isatty(fileno(f)); }

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

/* Threads by default: one per CPU this process may run on, at most
 * DEFAULT_JOBS_MAX (each checker keeps some 40 MB of caches). */
#define DEFAULT_JOBS_MAX 8
static int default_jobs(void)
{
    long n = 0;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        n = CPU_COUNT(&set);
    if (n < 1)
        n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > DEFAULT_JOBS_MAX ? DEFAULT_JOBS_MAX : (int)n;
}

/* Each block's buffers (about a megabyte each: the text, its tokens, the
 * repaired copy) would otherwise come from fresh mappings or from heap
 * memory glibc gave back after the block before, and every block would pay
 * the page faults to fault them in again (a tenth of the run, measured on
 * a virtual machine). The library leaves the process's allocator alone;
 * the program tells it to keep what it freed. */
static void keep_freed_memory(void)
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

/* The model and its checkers are never freed: the process ends with them.
 * Freeing them took some 30 ms at the end of every run (mostly Hunspell's
 * dictionary, a hundred thousand small blocks), serial time that -j N
 * cannot share out, while exit gives the memory back at once. They are
 * kept here, not on main's stack, so leak checkers find them reachable. */
static ligfix_model *model;
static ligfix_checker *checkers[CLI_MAX_JOBS];

int main(int argc, char **argv)
{
    keep_freed_memory();
    cli_options o = {.jobs = default_jobs(), .threshold = 0.5, .block_size = DEFAULT_BLOCK};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return cli_die("%s", "out of memory");
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
    model = ligfix_model_new(o.dict, o.data, &err);
    if (model && o.words && ligfix_model_add_word_file(model, o.words, &err) != LIGFIX_OK) {
        ligfix_model_free(model);
        model = NULL;
    }
    if (!model) {
        free(files);
        return cli_die("%s", err.message);
    }
    int rc = 0;
    for (int k = 0; k < o.jobs && !rc; k++) {
        checkers[k] = ligfix_checker_new(model, &err);
        if (!checkers[k] || ligfix_checker_set_threshold(checkers[k], o.threshold) ||
            ligfix_checker_set_ligatures(checkers[k], o.ligatures, &err) ||
            ligfix_checker_set_modes(checkers[k], o.modes, &err))
            rc = cli_die("%s", err.message[0] ? err.message : "cannot create a checker");
    }
    FILE *out = stdout;
    if (!rc && o.output && !(out = fopen(o.output, "wb")))
        rc = cli_die("cannot open %s for writing", o.output);
    o.color = o.diff && out == stdout && is_tty(stdout) && !getenv("NO_COLOR");
    if (!rc)
        rc = run_files(checkers, &o, files, nfiles, out);
    if (out && out != stdout && fclose(out) != 0 && !rc)
        rc = cli_die("cannot write %s", o.output);
    if (out == stdout && fflush(stdout) != 0 && !rc)
        rc = cli_die("%s", "cannot write output");
    free(files);
    return rc;
}
