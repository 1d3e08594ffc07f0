#!/bin/sh
# check-install: stage `make install` in a temporary DESTDIR, check the tree,
# build an example against it with pkg-config alone (both ways of relocating a
# staged .pc file), run it and the installed CLI, then `make uninstall` and
# check that no file is left behind.
#
# Run from `make check-install` (which passes MAKE), or by hand: sh tests/install.sh
set -u
cd "$(dirname "$0")/.." || exit 1

MAKE=${MAKE:-make}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
PREFIX=/usr/local
W=$(mktemp -d "${TMPDIR:-/tmp}/ligfix-install.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM
D=$W/root           # DESTDIR: nothing but the install goes in here
P=$D$PREFIX         # where the staged files are
mkdir -p "$D"

npass=0 nfail=0
ok()   { npass=$((npass + 1)); echo "ok - $*"; }
bad()  { nfail=$((nfail + 1)); echo "FAIL - $*"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@" >"$W/out" 2>&1; then ok "$d"; else bad "$d"; sed 's/^/    /' "$W/out"; fi
}
finish() {
    echo "install: $npass passed, $nfail failed"
    [ "$nfail" -eq 0 ]
    exit $?
}

VERSION=$(sed -n 's/^VERSION *:= *//p' Makefile)
ABI=$(sed -n 's/^ABI_VERSION *:= *//p' Makefile)

# ---- install ---------------------------------------------------------------
if $MAKE --no-print-directory install DESTDIR="$D" PREFIX=$PREFIX >"$W/install.log" 2>&1; then
    ok "make install DESTDIR=... PREFIX=$PREFIX"
else
    bad "make install DESTDIR=... PREFIX=$PREFIX"
    sed 's/^/    /' "$W/install.log"
    finish
fi

for f in include/ligfix.h lib/libligfix.so.$VERSION lib/libligfix.a \
         lib/pkgconfig/ligfix.pc share/man/man1/ligfix.1 share/man/man3/ligfix.3 \
         share/man/man3/ligfix_scan.3 share/man/man3/ligfix_model_new.3; do
    check "installed $f" test -f "$P/$f"
done
check "installed bin/ligfix is executable" test -x "$P/bin/ligfix"
check "lib/libligfix.so.$ABI -> libligfix.so.$VERSION" \
    test "$(readlink "$P/lib/libligfix.so.$ABI")" = "libligfix.so.$VERSION"
check "lib/libligfix.so -> libligfix.so.$ABI" \
    test "$(readlink "$P/lib/libligfix.so")" = "libligfix.so.$ABI"
check "installed library's SONAME is libligfix.so.$ABI" \
    sh -c "readelf -d '$P/lib/libligfix.so.$VERSION' | grep -q 'SONAME.*\\[libligfix.so.$ABI\\]'"
if [ -f dict/ligfix-context.bin ]; then
    check "installed share/ligfix/ligfix-context.bin" cmp dict/ligfix-context.bin "$P/share/ligfix/ligfix-context.bin"
    export LIGFIX_DATA="$P/share/ligfix/ligfix-context.bin"
else
    echo "note - dict/ligfix-context.bin not built; data file not checked"
fi
check "nothing installed outside PREFIX" \
    sh -c "[ -z \"\$(find '$D' -mindepth 1 -maxdepth 1 ! -name usr)\" ] && [ -z \"\$(find '$D/usr' -mindepth 1 -maxdepth 1 ! -name local)\" ]"

# ---- ligfix.pc -------------------------------------------------------------
PC=$P/lib/pkgconfig/ligfix.pc
check "ligfix.pc: Requires.private: hunspell icu-uc icu-i18n" \
    grep -qx 'Requires.private: hunspell icu-uc icu-i18n' "$PC"
check "ligfix.pc: Libs.private: -lpthread -lm" grep -qx 'Libs.private: -lpthread -lm' "$PC"
check "ligfix.pc: prefix=$PREFIX (DESTDIR not recorded)" grep -qx "prefix=$PREFIX" "$PC"
check "pkg-config --modversion ligfix = $VERSION" \
    test "$(PKG_CONFIG_PATH="$P/lib/pkgconfig" $PKG_CONFIG --modversion ligfix)" = "$VERSION"
check "pkg-config --print-requires-private ligfix" sh -c \
    "PKG_CONFIG_PATH='$P/lib/pkgconfig' $PKG_CONFIG --print-requires-private ligfix | tr '\n' ' ' | grep -q 'hunspell icu-uc icu-i18n'"

# ---- build examples/repair_table.c with pkg-config alone ---------------------
# Way 1: PKG_CONFIG_SYSROOT_DIR prepends DESTDIR to the -I/-L paths.
mkdir -p "$W/ex1" "$W/ex2"
check "build repair_table (PKG_CONFIG_SYSROOT_DIR)" \
    env PKG_CONFIG_PATH="$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D" \
    $MAKE --no-print-directory -C examples O="$W/ex1" "$W/ex1/repair_table"
# Way 2: override ${prefix} in ligfix.pc.
check "build repair_table (--define-variable=prefix)" \
    env PKG_CONFIG_PATH="$P/lib/pkgconfig" \
    $MAKE --no-print-directory -C examples O="$W/ex2" \
        PKG_CONFIG="$PKG_CONFIG --define-variable=prefix=$P" "$W/ex2/repair_table"

TEXT='The talks ended ater midnight, and the delegates left.'
for n in 1 2; do
    exe=$W/ex$n/repair_table
    [ -x "$exe" ] || continue
    check "repair_table #$n links the staged library" sh -c \
        "LD_LIBRARY_PATH='$P/lib' ldd '$exe' | grep -q '$P/lib/libligfix.so.$ABI'"
    printf '%s\n' "$TEXT" | LD_LIBRARY_PATH="$P/lib" "$exe" >"$W/rt.out" 2>"$W/rt.err"
    rc=$?
    if [ $rc -eq 0 ] && grep -q 'ended after midnight' "$W/rt.out"; then
        ok "repair_table #$n repairs 'ater' -> 'after'"
    else
        bad "repair_table #$n repairs 'ater' -> 'after' (exit $rc)"
        sed 's/^/    out: /' "$W/rt.out"; sed 's/^/    err: /' "$W/rt.err"
    fi
done

# ---- the installed CLI finds the installed library through its rpath ---------
check "installed ligfix resolves the staged library (rpath)" sh -c \
    "env -u LD_LIBRARY_PATH ldd '$P/bin/ligfix' | grep -q '$P/bin/../lib/libligfix.so.$ABI\\|$P/lib/libligfix.so.$ABI'"
check "installed ligfix --version" sh -c "env -u LD_LIBRARY_PATH '$P/bin/ligfix' --version | grep -q '$VERSION'"
check "installed ligfix fix" sh -c \
    "printf '%s\n' '$TEXT' | env -u LD_LIBRARY_PATH '$P/bin/ligfix' fix | grep -q 'ended after midnight'"

# ---- uninstall ---------------------------------------------------------------
if $MAKE --no-print-directory uninstall DESTDIR="$D" PREFIX=$PREFIX >"$W/uninstall.log" 2>&1; then
    ok "make uninstall"
else
    bad "make uninstall"; sed 's/^/    /' "$W/uninstall.log"
fi
left=$(find "$D" ! -type d)
if [ -z "$left" ]; then
    ok "uninstall leaves no files"
else
    bad "uninstall leaves no files; left:"; printf '    %s\n' $left
fi

finish
