#!/bin/sh
# Checks that two ligfix builds print byte-identical `scan --json` output on
# every given text file (a speed-up must not change any output).
#   bench/same_output.sh REF_LIGFIX NEW_LIGFIX FILE...
# Exit 0 when all match, 1 on any difference (the differing files are listed).
# LIGFIX_DATA / LIGFIX_DICT are passed through to both; JOBS sets parallelism.
set -u
ref=$1 new=$2; shift 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export ref new tmp
printf '%s\n' "$@" | xargs -P "${JOBS:-2}" -I{} sh -c '
    f="$1"; k=$(printf %s "$f" | md5sum | cut -c1-12)
    "$ref" scan --json "$f" > "$tmp/$k.ref" 2>&1; echo "rc=$?" >> "$tmp/$k.ref"
    "$new" scan --json "$f" > "$tmp/$k.new" 2>&1; echo "rc=$?" >> "$tmp/$k.new"
    if cmp -s "$tmp/$k.ref" "$tmp/$k.new"; then echo ok > "$tmp/$k.st"
    else echo "DIFF $f" | tee "$tmp/$k.st"; fi' _ {}
n=$#; bad=$(cat "$tmp"/*.st | grep -c '^DIFF' || true)
echo "same_output: $((n - bad)) of $n files identical"
[ "$bad" -eq 0 ]
