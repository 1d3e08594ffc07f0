#!/bin/sh
# ligfix speed report: times the ICU baselines and the ligfix CLI on the same
# input, prints throughput, the goal ratios (PASS/FAIL) and scaling figures.
# A report, not a test: exits 0 whatever the numbers are; exits 2 if a program
# or input is missing, 1 if a measured program fails (non-zero exit).
#
# env: LIGFIX              CLI under test (default build/ligfix; a name is
#                          looked up in PATH); called as `$LIGFIX [-j N] fix FILE`
#      BENCH_BIN           directory holding icu_words, icu_hunspell (build/bench)
#      BENCH_INPUT_DIR     directory holding input-1x.txt, input-4x.txt (build/bench)
#      BENCH_RUNS          rounds: each runs every program once (5)
#      BENCH_STARTUP_RUNS  runs of `fix /dev/null` for start-up time (20)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
LIGFIX=${LIGFIX:-$root/build/ligfix}
bin=${BENCH_BIN:-$root/build/bench}
indir=${BENCH_INPUT_DIR:-$root/build/bench}
runs=${BENCH_RUNS:-5}
sruns=${BENCH_STARTUP_RUNS:-20}
in1=$indir/input-1x.txt
in4=$indir/input-4x.txt
inc=$indir/input-clean.txt   # optional: clean text alone

die() { echo "bench/run.sh: $*" >&2; exit 2; }
for n in "$runs" "$sruns"; do
    case $n in ''|*[!0-9]*|0) die "BENCH_RUNS/BENCH_STARTUP_RUNS must be positive integers" ;; esac
done
command -v python3 >/dev/null 2>&1 || die "python3 is required"
for p in "$bin/icu_words" "$bin/icu_hunspell"; do
    [ -x "$p" ] || die "missing $p (run: make bench-progs)"
done
command -v "$LIGFIX" >/dev/null 2>&1 || die "missing CLI '$LIGFIX' (run: make cli, or set LIGFIX)"
for f in "$in1" "$in4"; do
    [ -f "$f" ] || die "missing input $f (run: sh bench/make_input.sh)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ligfix-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# Peak RSS: GNU time's %M when available (its own ~1 MiB is the floor);
# otherwise the child's rusage from wait4(), which on Linux is at least the
# python parent's RSS (~9 MiB) because exec records the spawning process's
# high-water mark, so small peaks read too high and ratios drift toward 1.
gnutime=${BENCH_TIME:-/usr/bin/time}
if [ "$gnutime" != none ] && "$gnutime" --version 2>&1 | grep -q GNU; then
    rssvia=$gnutime
    rssnote="GNU time (%M)"
else
    rssvia=rusage
    rssnote="wait4 rusage (no GNU time: values below ~9 MiB are the python floor)"
fi

# Measurement helper: python3 -I -S -c "$MEASURE" RUNS SPEC [:: SPEC ...]
# where SPEC is NAME OUT RSSVIA CMD... Runs the commands in turn, round after
# round, RUNS rounds (stdin </dev/null, stdout to OUT, stderr to
# $BENCH_ERRFILE), so that a ratio of two of them can be taken within each
# round: on a machine whose speed drifts between minutes, that is far
# steadier than a ratio of medians taken minutes apart. Prints a line per
# command: "NAME MEDIAN_SECONDS PEAK_RSS_KIB T1,T2,..." (RSS the max over
# rounds, "-" with RSSVIA "none"; the times in round order). RSSVIA is the
# GNU time binary, "rusage", or "none" (no wrapper). Wall time is taken
# around the whole spawn/wait with perf_counter.
MEASURE='
import os, sys, time
runs, specs, cur = int(sys.argv[1]), [], []
for a in sys.argv[2:] + ["::"]:
    if a == "::":
        if cur:
            specs.append(cur)
        cur = []
    else:
        cur.append(a)
err = os.environ["BENCH_ERRFILE"]
rssf = err + ".rss"
wr = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
times = {s[0]: [] for s in specs}
rss = {s[0]: 0 for s in specs}
for _ in range(runs):
    for name, out, via, *cmd in specs:
        argv = cmd if via in ("rusage", "none") else [via, "-f", "%M", "-o", rssf] + cmd
        fa = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
              (os.POSIX_SPAWN_OPEN, 1, out, wr, 0o644),
              (os.POSIX_SPAWN_OPEN, 2, err, wr, 0o644)]
        t0 = time.perf_counter()
        try:
            pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=fa)
        except OSError as e:
            sys.exit("cannot run %s: %s" % (argv[0], e))
        _, status, ru = os.wait4(pid, 0)
        t = time.perf_counter() - t0
        rc = os.waitstatus_to_exitcode(status)
        if rc != 0:
            with open(err, errors="replace") as f:
                tail = f.read()[-600:]
            sys.exit("[%s] exited with %d\n%s" % (" ".join(cmd), rc, tail))
        times[name].append(t)
        if via == "rusage":
            rss[name] = max(rss[name], ru.ru_maxrss)
        elif via != "none":
            with open(rssf) as f:
                rss[name] = max(rss[name], int(f.read().split()[-1]))
for name, out, via, *cmd in specs:
    ts = sorted(times[name])
    med = (ts[(runs - 1) // 2] + ts[runs // 2]) / 2
    print("%s %.6f %s %s" % (name, med, rss[name] if via != "none" else "-",
                             ",".join("%.6f" % t for t in times[name])))
'
BENCH_ERRFILE=$tmp/stderr
export BENCH_ERRFILE
failed=0

# measure RUNS NAME OUT VIA CMD... [:: NAME OUT VIA CMD...]
#   -> sets t_NAME (median seconds), m_NAME (KiB) or "-", and ts_NAME (the
#      times of the rounds, comma-separated) for every NAME
measure() {
    n=$1
    shift
    names=$(printf '%s\n' "$@" | awk 'BEGIN { next_is_name = 1 } $0 == "::" { next_is_name = 1; next } next_is_name { print; next_is_name = 0 }')
    printf '  %-28s ' "$(echo $names)" >&2
    if r=$(python3 -I -S -c "$MEASURE" "$n" "$@"); then
        echo "ok" >&2
        while read -r name t m ts; do
            eval "t_$name=\$t m_$name=\$m ts_$name=\$ts"
        done <<EOF_MEASURE
$r
EOF_MEASURE
    else
        failed=1
        echo "FAILED" >&2
        for name in $names; do
            eval "t_$name=- m_$name=- ts_$name=-"
        done
    fi
}

# calc EXPR A B [FORMAT] -> EXPR over awk variables a, b printed with FORMAT
# (default %.2f), or "-" if A or B is "-"
calc() {
    case "$2$3" in *-*) echo - ; return ;; esac
    awk -v a="$2" -v b="$3" -v f="${4:-%.2f}" "BEGIN { printf f, $1 }"
}

# ratio A_TIMES B_TIMES -> the median over rounds of A's time / B's time
# (comma-separated lists in round order), or "-" if either is missing
ratio() {
    case "$1$2" in *-*|'') echo - ; return ;; esac
    awk -v a="$1" -v b="$2" 'BEGIN {
        n = split(a, x, ","); split(b, y, ",")
        for (i = 1; i <= n; i++) r[i] = x[i] / y[i]
        for (i = 2; i <= n; i++) for (j = i; j > 1 && r[j - 1] > r[j]; j--) { t = r[j]; r[j] = r[j - 1]; r[j - 1] = t }
        printf "%.2f", n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2 }'
}

bytes=$(wc -c < "$in1")
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")

echo "measuring ($runs rounds; $(calc "b / 1e6" 0 "$bytes") MB input) ..." >&2
cat "$in1" "$in4" > /dev/null    # warm the page cache
measure "$runs" \
    icu_words "$tmp/words.out" "$rssvia" "$bin/icu_words" "$in1" :: \
    icu_hunspell "$tmp/hun.out" "$rssvia" "$bin/icu_hunspell" "$in1" :: \
    ligfix /dev/null "$rssvia" "$LIGFIX" fix "$in1" :: \
    ligfix4 /dev/null "$rssvia" "$LIGFIX" fix "$in4" :: \
    ligfix_j1 /dev/null "$rssvia" "$LIGFIX" -j 1 fix "$in1" :: \
    ligfix_j2 /dev/null "$rssvia" "$LIGFIX" -j 2 fix "$in1"
measure "$sruns" startup /dev/null none "$LIGFIX" fix /dev/null
t_icu_clean=- t_lig_clean=- t_lig_clean_j1=- m_icu_clean=- m_lig_clean=- m_lig_clean_j1=-
ts_icu_clean=- ts_lig_clean=- ts_lig_clean_j1=-
if [ -f "$inc" ]; then
    cat "$inc" > /dev/null
    measure "$runs" \
        icu_clean "$tmp/wordsc.out" "$rssvia" "$bin/icu_words" "$inc" :: \
        lig_clean /dev/null "$rssvia" "$LIGFIX" fix "$inc" :: \
        lig_clean_j1 /dev/null "$rssvia" "$LIGFIX" -j 1 fix "$inc"
fi

# shellcheck disable=SC2154  # t_* / m_* are set by measure() through eval
{
mbs() { calc "b / a / 1e6" "$1" "$bytes" %.1f; }
mib() { calc "a / 1024" "$1" 1 %.1f; }
sec() { calc "a" "$1" 1 %.4f; }
v_words=$(mbs "$t_icu_words");  v_hun=$(mbs "$t_icu_hunspell")
v_lig=$(mbs "$t_ligfix");       v_j1=$(mbs "$t_ligfix_j1");  v_j2=$(mbs "$t_ligfix_j2")
v_lig4=$(calc "4 * b / a / 1e6" "$t_ligfix4" "$bytes" %.1f)

# the ratios are medians over rounds of ratios within a round
r_words=$(ratio "$ts_icu_words" "$ts_ligfix")
r_hun=$(ratio "$ts_icu_hunspell" "$ts_ligfix")
r_time4=$(ratio "$ts_ligfix4" "$ts_ligfix")
r_rss4=$(calc "a / b" "$m_ligfix4" "$m_ligfix")
r_j2=$(ratio "$ts_ligfix_j1" "$ts_ligfix_j2")
startup_ms=$(calc "a * 1000" "$t_startup" 1 %.1f)
cbytes=$( [ -f "$inc" ] && wc -c < "$inc" || echo 0)
cmbs() { calc "b / a / 1e6" "$1" "$cbytes" %.1f; }
v_icu_clean=$(cmbs "$t_icu_clean"); v_lig_clean=$(cmbs "$t_lig_clean")
v_lig_clean_j1=$(cmbs "$t_lig_clean_j1")
r_clean=$(ratio "$ts_icu_clean" "$ts_lig_clean")
r_clean_j1=$(ratio "$ts_icu_clean" "$ts_lig_clean_j1")

words=$(cat "$tmp/words.out" 2>/dev/null || true)
misspelled=$(cat "$tmp/hun.out" 2>/dev/null || true)

# goal VALUE OP LIMIT -> PASS / FAIL / "-" when the value is missing
goal() {
    [ "$1" = - ] && { echo FAIL; return; }
    awk -v v="$1" -v l="$3" -v op="$2" \
        'BEGIN { ok = (op == ">=") ? (v >= l) : (v <= l); print ok ? "PASS" : "FAIL" }'
}

echo
echo "ligfix benchmark"
echo "  input   : $in1 ($bytes bytes; 4x: $in4)"
echo "  ligfix  : $LIGFIX"
echo "  runs    : $runs rounds, each running every program in turn; times are medians, ratios"
echo "            medians of each round's ratio (start-up: $sruns runs, no wrapper)"
echo "  CPUs    : $cpus online; MB = 10^6 bytes"
echo "  peak RSS: $rssnote"
echo
printf '%-34s %10s %10s %14s\n' "program" "time (s)" "MB/s" "peak RSS (MiB)"
printf '%-34s %10s %10s %14s\n' "----------------------------------" "--------" "------" "--------------"
row() { printf '%-34s %10s %10s %14s\n' "$1" "$(sec "$2")" "$3" "$(mib "$4")"; }
row "icu_words (tokenize only)"          "$t_icu_words"    "$v_words" "$m_icu_words"
row "icu_hunspell (ICU + Hunspell)"      "$t_icu_hunspell" "$v_hun"   "$m_icu_hunspell"
row "ligfix fix"                         "$t_ligfix"       "$v_lig"   "$m_ligfix"
row "ligfix fix, 4x input"               "$t_ligfix4"      "$v_lig4"  "$m_ligfix4"
row "ligfix -j 1 fix"                    "$t_ligfix_j1"    "$v_j1"    "$m_ligfix_j1"
row "ligfix -j 2 fix"                    "$t_ligfix_j2"    "$v_j2"    "$m_ligfix_j2"
row "ligfix fix /dev/null (start-up)"    "$t_startup"      "-"        "$m_startup"
echo "  (icu_words: ${words:-?} letter words; icu_hunspell: ${misspelled:-?} misspelled)"
if [ -f "$inc" ]; then
    echo "clean text alone: $inc ($cbytes bytes)"
    row "icu_words, clean text"              "$t_icu_clean"    "$v_icu_clean" "$m_icu_clean"
    row "ligfix fix, clean text"             "$t_lig_clean"    "$v_lig_clean" "$m_lig_clean"
    row "ligfix -j 1 fix, clean text"        "$t_lig_clean_j1" "$v_lig_clean_j1" "$m_lig_clean_j1"
fi
echo
printf '%-40s %10s %10s %8s\n' "goal" "value" "target" "result"
printf '%-40s %10s %10s %8s\n' "----------------------------------------" "-----" "------" "------"
printf '%-40s %10s %10s %8s\n' "throughput ligfix / icu_words"    "$r_words" ">= 0.5"  "$(goal "$r_words" ">=" 0.5)"
printf '%-40s %10s %10s %8s\n' "throughput ligfix / icu_hunspell" "$r_hun"   ">= 3"    "$(goal "$r_hun" ">=" 3)"
printf '%-40s %10s %10s %8s\n' "4x input: time ratio"             "$r_time4" "<= 4.6"  "$(goal "$r_time4" "<=" 4.6)"
printf '%-40s %10s %10s %8s\n' "4x input: peak-RSS ratio"         "$r_rss4"  "<= 1.25" "$(goal "$r_rss4" "<=" 1.25)"
printf '%-40s %10s %10s %8s\n' "-j 2 speed-up over -j 1"          "$r_j2"    "report"  "-"
printf '%-40s %10s %10s %8s\n' "start-up time, empty input (ms)"  "$startup_ms" "report" "-"
if [ -f "$inc" ]; then
    printf '%-40s %10s %10s %8s\n' "clean text: ligfix / icu_words" "$r_clean" "report" "-"
    printf '%-40s %10s %10s %8s\n' "clean text: ligfix -j 1 / icu_words" "$r_clean_j1" "report" "-"
fi
}

if [ "$failed" = 1 ]; then
    echo
    echo "bench/run.sh: some measurements FAILED (see messages above)" >&2
    exit 1
fi
exit 0
