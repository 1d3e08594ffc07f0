#!/usr/bin/env python3
"""Build dict/ligfix-context.bin, the word prior, bigram and trigram context of ligfix.

Sources (Debian packages, see dict/README.md):
  * pocketsphinx-en-us: the CMU US-English trigram LM, read straight from its
    binary trie file (en-us.lm.bin). The ARPA writer of sphinx_lm_convert
    (sphinxbase-utils 0.8+5prealpha) aborts on this model because its header
    declares 2051547 bigrams while the trie holds 2051541, so this script
    decodes the trie itself. --arpa FILE reads an ARPA text LM instead.
  * scowl (optional, on by default): words of size classes 10..70 that the LM
    lacks get a fallback unigram score (see scowl_logp() below).

Kept: the unigram log10 probability and backoff of every word, and only the
bigrams with an "interest word" on either side: a word containing a ligature
group with a damaged form (DAMAGE TABLE below) that is also an LM word, and
those damaged forms (left/let, latter/later, for/or ...). Trigrams: all of
those of alphabetic words (91.5 % have an interest word, so the rule would
save little; --trigrams interest applies it), as u16 fixed point (step
1/TRIGRAM_SCALE), with the backoff weight of each two-word history.

Python 3 standard library only. The output depends only on the inputs: all
tables are sorted and floats are packed as IEEE little-endian float32, so
running it again regenerates the file byte for byte.

    python3 dict/build_context.py [--lm PATH | --arpa PATH] [--no-scowl]
                                  [--scowl-dir DIR] [--trigrams all|interest]
                                  [-o OUT]
"""

import argparse
import math
import os
import re
import struct
import sys

# ==========================================================================
# DAMAGE TABLE -- mirrors lib/damage.c (lf_groups[], modes letter/first/
# vanish). Keep the two in step.
#
# Ligature groups whose glyph can be lost in extraction, lower case, with
# their flags. CAPITAL groups (the "Th" ligature) exist only capitalised at a
# word's start, so here they match only at position 0 of the lower-case LM
# word: "the" -> "he", never "other" -> "oher".
CAPITAL = 1
GROUPS = (
    ("tt", 0), ("ft", 0), ("fi", 0), ("fl", 0), ("ff", 0), ("ffi", 0),
    ("ffl", 0), ("rt", 0), ("ti", 0), ("tti", 0), ("st", 0), ("ct", 0),
    ("th", CAPITAL), ("ch", 0), ("ck", 0), ("fb", 0), ("fh", 0),
    ("fj", 0), ("fk", 0), ("ffb", 0), ("ffh", 0), ("ffj", 0), ("ffk", 0),
    ("f", 0),
)

# What a lost ligature leaves behind: mode -> function(group) -> replacement.
MODES = (
    ("letter", lambda g: g[-1]),  # its last letter:  after -> ater
    ("first", lambda g: g[0]),    # its first letter: after -> afer
    ("vanish", lambda g: ""),     # nothing:          after -> aer
)
# ==========================================================================

# SCOWL size class -> fallback log10 unigram probability for words the LM
# lacks: a straight line from -6.0 at class 10 to -9.0 at class 95,
#     logp = -6.0 - 3.0 * (size - 10) / 85
# This puts a missing word near the 10th percentile of the LM scores of the
# LM words of its own class (measured: class 10 -5.8, 20 -6.4, 35 -7.1,
# 50 -7.5, 60 -7.7, 70 -7.8), i.e. among the rarest words the LM knows of
# that commonness. Only classes up to SCOWL_MAX_SIZE are used.
SCOWL_SIZES = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)
SCOWL_MAX_SIZE = 70
SCOWL_LISTS = ("english-words", "american-words")


def scowl_logp(size):
    return -6.0 - 3.0 * (size - 10) / 85.0


DEFAULT_LM = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
DEFAULT_SCOWL = "/usr/share/dict/scowl"
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ligfix-context.bin")

MAGIC = b"LIGFIXC1"
VERSION = 2
HEADER_FMT = "<8s24I"          # see dict/README.md, "File format"
HEADER_SIZE = struct.calcsize(HEADER_FMT)

# Trigram log-probabilities are stored as u16 fixed point:
#     log10 P(w3 | w1 w2) = -code / TRIGRAM_SCALE,  code = round(-logp * TRIGRAM_SCALE)
# step 2^-13 (max error 6.1e-5, below the LM's own 16-bit binning), range
# [-7.99988, 0]; lower values (none in the CMU LM, whose lowest is -6.03) are
# clamped and counted.
TRIGRAM_SCALE = 8192
TRIGRAM_MAX_CODE = 0xFFFF

FLAG_LM = 1        # word is in the LM vocabulary
FLAG_SCOWL = 2     # word has only a SCOWL fallback unigram
FLAG_INTEREST = 4  # ligature word with a real-word damaged form, or such a form
FLAG_MARKER = 8    # <s> or </s>

BOS, EOS = "<s>", "</s>"
WORD_RE = re.compile(r"^[a-z]+(?:'[a-z]+)*$")
LOG10_BASE = math.log10(1.0001)   # sphinxbase stores log-probabilities in base 1.0001


class LM:
    """words: list of str (LM order); uni, bo: lists of log10 floats;
    bigrams: list of (w1 index, w2 index, log10 P(w2|w1))."""

    def __init__(self):
        self.words, self.uni, self.bo, self.bigrams = [], [], [], []
        self.bigram_bo = []   # log10 backoff weight of each bigram as a history
        self.trigrams = []    # (w1, w2, w3, log10 P(w3|w1 w2))


# --------------------------------------------------------------------------
# Reading the sphinxbase binary trie (ngram_model_trie / lm_trie layout):
#   "Trie Language Model" | u8 order | u32 counts[order]
#   | i32 quantiser type | float bins: per middle order 2^16 prob + 2^16 backoff,
#     then 2^16 prob for the longest order
#   | unigrams[counts[0] + 1]: {f32 prob, f32 backoff, u32 next}
#   | bit-packed middle (bigram) records: word | backoff bin (16) | prob bin (16)
#     | next, followed by the longest (trigram) records: word | prob bin (16)
#   | i32 length | NUL-separated word strings in unigram order.
# Records below unigram u are the bigrams "h u" (history h); the range of u is
# [unigrams[u].next, unigrams[u+1].next), sorted by h. Likewise the trigrams
# "g h u" are the records [next(r), next(r+1)) below bigram record r = "h u",
# sorted by g (read_trie_trigrams).
def bits_for(n):
    return n.bit_length()


def read_trie(path):
    with open(path, "rb") as f:
        d = f.read()
    hdr = b"Trie Language Model"
    if not d.startswith(hdr):
        sys.exit("%s: not a sphinxbase trie LM" % path)
    p = len(hdr)
    order = d[p]
    p += 1
    if order < 2:
        sys.exit("%s: order %d, need a bigram model at least" % (path, order))
    counts = struct.unpack_from("<%dI" % order, d, p)
    p += 4 * order
    p += 4  # quantiser type, always 1
    p0 = p
    bins = 1 << 16
    prob_bins = struct.unpack_from("<%df" % bins, d, p)  # order-2 (bigram) probabilities
    qsize = (order - 2) * bins * 4 * 2 + bins * 4
    p += qsize
    n1 = counts[0]
    ug = list(struct.iter_unpack("<ffI", d[p:p + 12 * (n1 + 1)]))
    p += 12 * (n1 + 1)
    word_bits = bits_for(n1)

    def rec_bytes(entries, total_bits):
        return ((1 + entries) * total_bits + 7) // 8 + 8

    if order == 2:
        # the bigrams are the longest order: word | prob bin (16)
        mid_bits, prob_shift = word_bits + 16, word_bits
        mem_size = rec_bytes(counts[1], mid_bits)
    else:
        next_bits = bits_for(counts[2])
        mid_bits, prob_shift = word_bits + 32 + next_bits, word_bits + 16
        mem_size = rec_bytes(counts[1], mid_bits)
        for i in range(2, order - 1):
            mem_size += rec_bytes(counts[i], word_bits + 32 + bits_for(counts[i + 1]))
        mem_size += rec_bytes(counts[order - 1], word_bits + 16)
    mid = d[p:p + mem_size]
    p += mem_size
    (k,) = struct.unpack_from("<i", d, p)
    p += 4
    strs = d[p:p + k].split(b"\0")
    if p + k != len(d) or len(strs) != n1 + 1 or strs[-1] != b"":
        sys.exit("%s: unexpected trie layout (is this a sphinxbase trie LM?)" % path)

    lm = LM()
    lm.words = [s.decode("utf-8", "replace") for s in strs[:-1]]
    lm.uni = [u[0] * LOG10_BASE for u in ug[:n1]]
    lm.bo = [u[1] * LOG10_BASE for u in ug[:n1]]
    wmask = (1 << word_bits) - 1
    from_bytes = int.from_bytes
    out = lm.bigrams
    for w2 in range(n1):
        lo, hi = ug[w2][2], ug[w2 + 1][2]
        for r in range(lo, hi):
            bit = r * mid_bits
            byte = bit >> 3
            v = from_bytes(mid[byte:byte + 8], "little") >> (bit & 7)
            out.append((v & wmask, w2, prob_bins[(v >> prob_shift) & 0xFFFF] * LOG10_BASE))
    if ug[n1][2] != len(out):
        sys.exit("%s: bigram ranges inconsistent" % path)
    lm.header_bigrams = counts[1]
    if order >= 3:
        read_trie_trigrams(lm, d, p0, ug, counts, word_bits, mid, mid_bits, path)
    return lm


def read_trie_trigrams(lm, d, qpos, ug, counts, word_bits, mid, mid_bits, path):
    """The bigram backoff weights and the trigrams of a trie LM of order >= 3
    (4-grams and up are ignored). A bigram record "h u" (the r-th record,
    below unigram u) holds word h | backoff bin (16) | prob bin (16) | next;
    its trigrams "g h u" are the longest-order (order 3) or next-middle
    records next(r) .. next(r+1)-1, each word g | ..., sorted by g."""
    bins = 1 << 16
    bo_bins = struct.unpack_from("<%df" % bins, d, qpos + 4 * bins)
    order = len(counts)
    if order == 3:
        tri_prob_bins = struct.unpack_from("<%df" % bins, d, qpos + 8 * bins)
        tri_bits, tri_prob_shift = word_bits + 16, word_bits
    else:
        # a middle order: word | backoff (16) | prob (16) | next
        tri_prob_bins = struct.unpack_from("<%df" % bins, d, qpos + 8 * bins)
        tri_bits = word_bits + 32 + bits_for(counts[3])
        tri_prob_shift = word_bits + 16
    n_bi = len(lm.bigrams)
    next_shift = word_bits + 32
    next_mask = (1 << bits_for(counts[2])) - 1
    tri_base = ((1 + counts[1]) * mid_bits + 7) // 8 + 8   # start of the trigram records
    wmask = (1 << word_bits) - 1
    from_bytes = int.from_bytes

    # A record may span 11 bytes (70 bits at any bit offset): read 16.
    bo_out, tri = lm.bigram_bo, lm.trigrams
    bigrams = lm.bigrams
    bit = 0
    v = from_bytes(mid[0:16], "little")
    lo = (v >> next_shift) & next_mask
    if lo != 0:
        sys.exit("%s: trigram ranges inconsistent" % path)
    for r in range(n_bi):
        bo_out.append(bo_bins[(v >> word_bits) & 0xFFFF] * LOG10_BASE)
        bit += mid_bits
        byte = bit >> 3
        v = from_bytes(mid[byte:byte + 16], "little") >> (bit & 7)
        hi = (v >> next_shift) & next_mask
        if hi < lo:
            sys.exit("%s: trigram ranges inconsistent" % path)
        if hi > lo:
            h, u, _lp = bigrams[r]
            for t in range(lo, hi):
                tbit = t * tri_bits
                tbyte = tri_base + (tbit >> 3)
                w = from_bytes(mid[tbyte:tbyte + 16], "little") >> (tbit & 7)
                tri.append((w & wmask, h, u,
                            tri_prob_bins[(w >> tri_prob_shift) & 0xFFFF] * LOG10_BASE))
        lo = hi
    if lo != counts[2]:
        sys.exit("%s: trigram ranges inconsistent (%d of %d)" % (path, lo, counts[2]))


def read_arpa(path):
    lm = LM()
    index = {}
    section = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line.startswith("\\"):
                section = line
                continue
            parts = line.split()
            if section == "\\1-grams:":
                index[parts[1]] = len(lm.words)
                lm.words.append(parts[1])
                lm.uni.append(float(parts[0]))
                lm.bo.append(float(parts[2]) if len(parts) > 2 else 0.0)
            elif section == "\\2-grams:":
                lm.bigrams.append((index[parts[1]], index[parts[2]], float(parts[0])))
                lm.bigram_bo.append(float(parts[3]) if len(parts) > 3 else 0.0)
            elif section == "\\3-grams:":
                lm.trigrams.append((index[parts[1]], index[parts[2]], index[parts[3]],
                                    float(parts[0])))
    lm.header_bigrams = len(lm.bigrams)
    return lm


# --------------------------------------------------------------------------
def damaged_forms(w):
    """Every damaged form of the lower-case word w under the damage table: for
    each group and mode, each single site replaced, and all sites of that
    group (leftmost, non-overlapping) replaced at once."""
    out = set()
    for g, flags in GROUPS:
        if g not in w:
            continue
        if flags & CAPITAL:
            sites = [0] if w.startswith(g) else []
        else:
            sites = [i for i in range(len(w) - len(g) + 1) if w.startswith(g, i)]
        for _mode, rep_of in MODES:
            rep = rep_of(g)
            if rep == g:
                continue
            for i in sites:
                out.add(w[:i] + rep + w[i + len(g):])
            if len(sites) > 1:
                out.add(w.replace(g, rep))
    out.discard(w)
    out.discard("")
    return out


def read_scowl(scowl_dir):
    """word -> smallest size class (<= SCOWL_MAX_SIZE) that lists it."""
    best = {}
    for size in SCOWL_SIZES:
        if size > SCOWL_MAX_SIZE:
            continue
        for name in SCOWL_LISTS:
            path = os.path.join(scowl_dir, "%s.%d" % (name, size))
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    w = line.strip()
                    if WORD_RE.match(w) and w not in best:
                        best[w] = size
    return best


def fnv1a(data):
    """32-bit FNV-1a, the hash of the word index (lib/context.c has the same)."""
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def hash_index(all_words):
    """Open addressing with linear probing: slot -> word id, 0xFFFFFFFF empty.
    Power-of-two size, load factor at most 1/2, words inserted in id order."""
    n_slots = 1
    while n_slots < 2 * len(all_words):
        n_slots *= 2
    slots = [0xFFFFFFFF] * n_slots
    mask = n_slots - 1
    for i, w in enumerate(all_words):
        h = fnv1a(w.encode("utf-8")) & mask
        while slots[h] != 0xFFFFFFFF:
            h = (h + 1) & mask
        slots[h] = i
    return slots


def align4(buf):
    while len(buf) % 4:
        buf.append(0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--lm", default=DEFAULT_LM, help="sphinxbase trie LM (.lm.bin)")
    src.add_argument("--arpa", help="ARPA text LM instead of the trie")
    ap.add_argument("--scowl-dir", default=DEFAULT_SCOWL)
    ap.add_argument("--no-scowl", action="store_true", help="no SCOWL fallback words")
    ap.add_argument("--trigrams", choices=("all", "interest"), default="all",
                    help="store every trigram (default) or only those with an interest word")
    ap.add_argument("-o", "--output", default=DEFAULT_OUT)
    args = ap.parse_args()

    lm = read_arpa(args.arpa) if args.arpa else read_trie(args.lm)
    n_lm = len(lm.words)

    # Vocabulary: alphabetic LM words (lower-case letters, internal apostrophes).
    lm_ok = [WORD_RE.match(w) is not None for w in lm.words]
    vocab = {w: i for i, w in enumerate(lm.words) if lm_ok[i]}

    # Interest words.
    interest = set()
    for w in vocab:
        hits = [d for d in damaged_forms(w) if d in vocab]
        if hits:
            interest.add(w)
            interest.update(hits)

    # SCOWL fallback words.
    scowl = {} if args.no_scowl else read_scowl(args.scowl_dir)
    fallback = {w: s for w, s in scowl.items() if w not in vocab}

    words = sorted(set(vocab) | set(fallback), key=lambda s: s.encode("utf-8"))
    n_words = len(words)
    all_words = words + [BOS, EOS]
    n_total = n_words + 2
    new_id = {w: i for i, w in enumerate(all_words)}

    uni = [0.0] * n_total
    bo = [0.0] * n_total
    flags = [0] * n_total
    lm_index = {w: i for i, w in enumerate(lm.words)}
    for w, i in new_id.items():
        j = lm_index.get(w)
        if j is not None and (lm_ok[j] or w in (BOS, EOS)):
            uni[i], bo[i] = lm.uni[j], lm.bo[j]
            flags[i] |= FLAG_LM
        elif w in fallback:
            uni[i], bo[i] = scowl_logp(fallback[w]), 0.0
            flags[i] |= FLAG_SCOWL
        if w in interest:
            flags[i] |= FLAG_INTEREST
        if w in (BOS, EOS):
            flags[i] |= FLAG_MARKER
    if not flags[n_words] & FLAG_LM:
        uni[n_words], bo[n_words] = -99.0, 0.0   # <s> absent: no start context
    if not flags[n_words + 1] & FLAG_LM:
        uni[n_words + 1] = -99.0

    # Bigrams with an interest word on either side.
    remap = [-1] * n_lm
    for j, w in enumerate(lm.words):
        if lm_ok[j] or w in (BOS, EOS):
            remap[j] = new_id[w]
    bos_id, eos_id = n_words, n_words + 1

    # Trigrams of alphabetic words (w1 may be <s>, w3 </s>): all of them, or
    # with --trigrams interest only those with an interest word anywhere.
    # Each is packed as one integer, ((x * N + y) * N + z) << 16 | code, for a
    # fast sort; code is the u16 fixed-point log-probability.
    N = n_total
    tri = []
    n_tri_alpha = n_tri_interest = n_clamped = 0
    store_all = args.trigrams == "all"
    for a, b, c3, lp in lm.trigrams:
        x, y, z = remap[a], remap[b], remap[c3]
        if x < 0 or y < 0 or z < 0 or x == eos_id or y >= bos_id or z == bos_id:
            continue
        n_tri_alpha += 1
        interesting = (flags[x] | flags[y] | flags[z]) & FLAG_INTEREST
        if interesting:
            n_tri_interest += 1
        elif not store_all:
            continue
        code = int(round(-lp * TRIGRAM_SCALE))
        if code < 0:
            code = 0   # log P > 0 cannot be; a rounding artefact at most
        elif code > TRIGRAM_MAX_CODE:
            code = TRIGRAM_MAX_CODE
            n_clamped += 1
        tri.append(((x * N + y) * N + z) << 16 | code)
    tri.sort()
    for i in range(1, len(tri)):
        if tri[i] >> 16 == tri[i - 1] >> 16:
            xy, z = divmod(tri[i] >> 16, N)
            sys.exit("duplicate trigram %s %s %s"
                     % (all_words[xy // N], all_words[xy % N], all_words[z]))
    histories = {(t >> 16) // N for t in tri}   # x * N + y of each history

    # Bigrams with an interest word on either side.
    keep = []
    bigram_bo = {}   # x * N + y -> backoff weight of every alphabetic LM bigram
    for k, (a, b, lp) in enumerate(lm.bigrams):
        x, y = remap[a], remap[b]
        if x < 0 or y < 0 or x == eos_id or y == bos_id:
            continue  # non-alphabetic word, or "</s> w" / "w <s>"
        key = x * N + y
        if key in bigram_bo:
            sys.exit("duplicate bigram %s %s" % (all_words[x], all_words[y]))
        bigram_bo[key] = lm.bigram_bo[k] if lm.bigram_bo else 0.0
        if (flags[x] | flags[y]) & FLAG_INTEREST:
            keep.append((x, y, lp))
    keep.sort()
    n_bigrams = len(keep)

    # Histories: every pair w1 w2 with stored trigrams or a non-zero backoff
    # weight (in the CMU LM every pair with a non-zero weight has trigrams;
    # 11 with trigrams have weight 0), with that weight. A trigram history the LM lacks as a bigram (a malformed ARPA
    # file) gets backoff 0.
    for key, b2 in bigram_bo.items():
        if b2 != 0.0 and key // N != eos_id and key % N < bos_id:
            histories.add(key)
    hist = sorted(histories)
    n_hist = len(hist)
    hist_rows = [0] * (n_total + 1)
    for key in hist:
        hist_rows[key // N + 1] += 1
    for i in range(n_total):
        hist_rows[i + 1] += hist_rows[i]

    # Trigram rows: the trigrams of history h are tri_rows[h] .. tri_rows[h+1]-1,
    # sorted by w3 (trigrams and histories are both in (w1, w2) order).
    n_trigrams = len(tri)
    tri_rows = [0] * (n_hist + 1)
    tri_w3 = [(t >> 16) % N for t in tri]
    tri_code = [t & 0xFFFF for t in tri]
    t = 0
    for h, key in enumerate(hist):
        while t < n_trigrams and (tri[t] >> 16) // N == key:
            t += 1
        tri_rows[h + 1] = t
    if t != n_trigrams:
        sys.exit("internal error: trigram without a history")

    # ---- write -------------------------------------------------------------
    blob = bytearray()
    offs = []
    for w in all_words:
        offs.append(len(blob))
        blob += w.encode("utf-8") + b"\0"
    offs.append(len(blob))
    align4(blob)
    row = [0] * (n_total + 1)
    for x, _y, _lp in keep:
        row[x + 1] += 1
    for i in range(n_total):
        row[i + 1] += row[i]

    slots = hash_index(all_words)
    sections = [
        struct.pack("<%dI" % (n_total + 1), *offs),        # word_offsets
        bytes(blob),                                       # strings
        struct.pack("<%df" % n_total, *uni),               # unigram
        struct.pack("<%df" % n_total, *bo),                # backoff
        bytes(flags) + bytes(-n_total % 4),                # flags
        struct.pack("<%dI" % (n_total + 1), *row),         # bigram_rows
        struct.pack("<%dI" % n_bigrams, *[y for _x, y, _lp in keep]),   # bigram_w2
        struct.pack("<%df" % n_bigrams, *[lp for _x, _y, lp in keep]),  # bigram_logp
        struct.pack("<%dI" % len(slots), *slots),          # hash
        struct.pack("<%dI" % (n_total + 1), *hist_rows),   # hist_rows
        struct.pack("<%dI" % n_hist, *[k % N for k in hist]),            # hist_w2
        struct.pack("<%df" % n_hist, *[bigram_bo.get(k, 0.0) for k in hist]),  # hist_backoff
        struct.pack("<%dI" % (n_hist + 1), *tri_rows),     # trigram_rows
        struct.pack("<%dI" % n_trigrams, *tri_w3),         # trigram_w3
        struct.pack("<%dH" % n_trigrams, *tri_code) + bytes(2 * (n_trigrams % 2)),  # trigram_logp
    ]
    offsets = []
    pos = HEADER_SIZE
    for s in sections:
        offsets.append(pos)
        pos += len(s)
    header = struct.pack(HEADER_FMT, MAGIC, VERSION, HEADER_SIZE, n_words, n_total,
                         n_bigrams, len(blob), len(slots), *offsets[:9], n_hist, n_trigrams,
                         *offsets[9:])
    assert len(header) == HEADER_SIZE
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(header)
        for s in sections:
            f.write(s)
    os.replace(tmp, args.output)

    print("LM vocabulary:        %d (%d alphabetic)" % (n_lm, len(vocab)))
    print("LM bigrams:           %d (header says %d)" % (len(lm.bigrams), lm.header_bigrams))
    print("SCOWL fallback words: %d (%s)" % (len(fallback), "not used" if args.no_scowl
                                             else "size classes <= %d" % SCOWL_MAX_SIZE))
    print("vocabulary written:   %d words + <s> </s>" % n_words)
    print("interest words:       %d" % len(interest))
    print("bigrams kept:         %d" % n_bigrams)
    print("trigram histories:    %d" % n_hist)
    print("LM trigrams:          %d (%d alphabetic, %d with an interest word)"
          % (len(lm.trigrams), n_tri_alpha, n_tri_interest))
    print("trigrams kept:        %d (%s), %d clamped at %.5f"
          % (n_trigrams, args.trigrams, n_clamped, -TRIGRAM_MAX_CODE / TRIGRAM_SCALE))
    print("wrote %s: %d bytes" % (args.output, pos))


if __name__ == "__main__":
    main()
