#!/bin/sh
# Build the benchmark inputs: OUTDIR/input-1x.txt (whole copies of the damaged
# dev texts, concatenated round-robin until at least BENCH_KB KiB, default
# 32768 = 32 MiB), OUTDIR/input-4x.txt (exactly four copies of the 1x file)
# and OUTDIR/input-clean.txt (copies of the clean-*.txt texts alone, the same
# size: what most of an archive is).
#
# usage: bench/make_input.sh [OUTDIR]        (default OUTDIR: build/bench)
# env:   BENCH_KB       target size of the 1x input in KiB
#        BENCH_SRC_DIR  directory of source *.txt (default ../shared/eval/dev
#                       relative to the repository root)
# Existing inputs are reused when they were built for the same size from
# sources no newer than them.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/build/bench}
kb=${BENCH_KB:-32768}
src=${BENCH_SRC_DIR:-$root/../shared/eval/dev}

case $kb in
    ''|*[!0-9]*) echo "make_input.sh: BENCH_KB must be a number of KiB" >&2; exit 2 ;;
esac
[ "$kb" -gt 0 ] || { echo "make_input.sh: BENCH_KB must be > 0" >&2; exit 2; }

set -- "$src"/*.txt
if [ ! -f "$1" ]; then
    echo "make_input.sh: no *.txt files in $src" >&2
    exit 1
fi

mkdir -p "$out"
one=$out/input-1x.txt
four=$out/input-4x.txt
stamp=$out/input.stamp

if [ -f "$one" ] && [ -f "$four" ] && [ -f "$stamp" ] &&
   { [ -f "$out/input-clean.txt" ] || [ ! -f "$(echo "$src"/clean-*.txt | cut -d' ' -f1)" ]; } &&
   [ "$(cat "$stamp")" = "$kb $src" ]; then
    fresh=1
    if [ -n "$(find "$@" -newer "$stamp")" ]; then fresh=0; fi
    if [ "$fresh" = 1 ]; then
        echo "bench inputs up to date: $one ($(wc -c < "$one") bytes), $four"
        exit 0
    fi
fi

target=$((kb * 1024))
# fill DEST FILE... : whole copies of the files, round-robin, up to target
fill() {
    dest=$1
    shift
    : > "$dest.tmp"
    size=0
    while [ "$size" -lt "$target" ]; do
        for f in "$@"; do
            cat "$f" >> "$dest.tmp"
            # keep texts apart even if a file lacks a final newline
            [ -z "$(tail -c 1 "$f")" ] || echo >> "$dest.tmp"
            size=$(wc -c < "$dest.tmp")
            [ "$size" -lt "$target" ] || break
        done
    done
    mv "$dest.tmp" "$dest"
}
fill "$one" "$@"
clean=$out/input-clean.txt
rm -f "$clean"
for f in "$src"/clean-*.txt; do
    [ -f "$f" ] && fill "$clean" "$src"/clean-*.txt
    break
done
cat "$one" "$one" "$one" "$one" > "$four.tmp"
mv "$four.tmp" "$four"
echo "$kb $src" > "$stamp"
echo "bench inputs: $one ($(wc -c < "$one") bytes), $four ($(wc -c < "$four") bytes)"
