#!/bin/sh
# check-exports: the shared library exports the public API and nothing else.
#   sh tests/exports.sh build/libligfix.so include/ligfix.h
# 1. every defined dynamic symbol is ligfix_* (or a version node, LIGFIX_*);
# 2. every function declared LIGFIX_API in the header is exported.
set -u
LIB=${1:-build/libligfix.so}
HDR=${2:-include/ligfix.h}
npass=0 nfail=0

if [ ! -e "$LIB" ]; then
    echo "FAIL - $LIB does not exist"; echo "exports: 0 passed, 1 failed"; exit 1
fi
syms=$(nm -D --defined-only "$LIB") || { echo "FAIL - nm -D $LIB"; exit 1; }

# Lines are "ADDRESS TYPE NAME"; version nodes appear as type A.
stray=$(printf '%s\n' "$syms" | awk 'NF >= 3 {
    if ($3 ~ /^ligfix_/) next;
    if ($2 == "A" && $3 ~ /^LIGFIX_/) next;
    print "    " $2 " " $3 }')
if [ -z "$stray" ]; then
    npass=$((npass + 1)); echo "ok - only ligfix_* symbols exported"
else
    nfail=$((nfail + 1)); echo "FAIL - symbols exported that are not ligfix_*:"
    printf '%s\n' "$stray"
fi

names=$(printf '%s\n' "$syms" | awk 'NF >= 3 { sub(/@.*/, "", $3); print $3 }')
api=$(sed -n 's/^LIGFIX_API[^(]*[ *]\(ligfix_[a-z0-9_]*\)(.*/\1/p' "$HDR")
missing=
for f in $api; do
    printf '%s\n' "$names" | grep -qx "$f" || missing="$missing $f"
done
if [ -z "$missing" ]; then
    npass=$((npass + 1)); echo "ok - all $(echo $api | wc -w) API functions of $HDR exported"
else
    nfail=$((nfail + 1)); echo "FAIL - declared in $HDR but not exported:$missing"
fi

echo "exports: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
