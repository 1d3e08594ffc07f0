#!/bin/sh
# CLI tests: drives build/ligfix as users do. Usage: tests/cli.sh build/ligfix
set -u
CLI=${1:-build/ligfix}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }

printf 'Lavrov said ater talks. The atempts failed.\n' > "$T/in.txt"

# fix repairs and keeps everything else
"$CLI" fix "$T/in.txt" > "$T/out.txt"
check "fix repairs" grep -q '^Lavrov said after talks. The attempts failed.$' "$T/out.txt"
# stdin, with and without -
"$CLI" fix < "$T/in.txt" > "$T/out2.txt"
check "fix from stdin" cmp -s "$T/out.txt" "$T/out2.txt"
"$CLI" fix - < "$T/in.txt" > "$T/out3.txt"
check "fix from -" cmp -s "$T/out.txt" "$T/out3.txt"
# scan --json: byte offsets of exactly the damaged word
"$CLI" scan --json "$T/in.txt" > "$T/spans.jsonl"
check "scan span" grep -q '"start":12,"end":16,"observed":"ater","replacement":"after"' "$T/spans.jsonl"
check "scan fields" grep -q '"applied":true,"ligature":"ft","mode":"letter"' "$T/spans.jsonl"
# threshold above 1: nothing applied, fix is the identity
"$CLI" --threshold 2 fix "$T/in.txt" > "$T/same.txt"
check "threshold 2 identity" cmp -s "$T/in.txt" "$T/same.txt"
# case kept
printf 'Ater it. ATER IT.\n' | "$CLI" fix > "$T/case.txt"
check "case kept" grep -q '^After it. AFTER IT.$' "$T/case.txt"
# clean text passes untouched
printf 'After the battle, the settlers left the office.\n' > "$T/clean.txt"
"$CLI" fix "$T/clean.txt" > "$T/clean.out"
check "clean untouched" cmp -s "$T/clean.txt" "$T/clean.out"
# errors: one line on stderr, non-zero exit
"$CLI" fix "$T/missing.txt" > /dev/null 2> "$T/err.txt"
rc=$?
check "missing file exit" [ "$rc" -ne 0 ]
check "missing file message" grep -q "missing.txt" "$T/err.txt"
check "one-line error" [ "$(wc -l < "$T/err.txt")" -eq 1 ]
"$CLI" --dict /nonexistent/xx fix "$T/in.txt" > /dev/null 2> "$T/err2.txt"
rc=$?
check "bad dict exit" [ "$rc" -ne 0 ]
check "bad dict names path" grep -q "/nonexistent/xx" "$T/err2.txt"
"$CLI" --threshold abc fix "$T/in.txt" > /dev/null 2>&1
check "bad threshold" [ $? -ne 0 ]
"$CLI" frobnicate > /dev/null 2>&1
check "unknown command" [ $? -ne 0 ]
"$CLI" --help | grep -q 'scan --json'
check "help" [ $? -eq 0 ]
"$CLI" --version | grep -q '^ligfix [0-9]'
check "version" [ $? -eq 0 ]
# the bundled example
"$CLI" fix examples/data/sample.txt > "$T/sample.out"
check "sample: ater" grep -q "on Monday after a week" "$T/sample.out"
check "sample: atempts" grep -q "Several attempts to fix" "$T/sample.out"
check "sample: heading kept" grep -q "^Harbour Notes$" "$T/sample.out"
# the seed article, when the shared evaluation kit is beside the checkout
SEED=../shared/eval/real/seed-gulf-today.txt
if [ -f "$SEED" ]; then
    "$CLI" fix "$SEED" > "$T/seed.out"
    check "seed: ater" grep -q "said on Tuesday after talks" "$T/seed.out"
    check "seed: atempts" grep -q "counter attempts by" "$T/seed.out"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
