#!/usr/bin/env python3
"""Show where ligfix goes wrong on a labelled set (our own training sets).

  tools/diag.py [--cli build/ligfix] [-n 15] SET.txt [CLI OPTIONS...]

Prints samples of missed labels, wrong repairs and broken (false) repairs,
with the span ligfix proposed and its confidence. For development only.
"""
import argparse
import json
import subprocess
import sys


def load_labels(path, raw):
    out = []
    for n, line in enumerate(open(path, encoding="utf-8")):
        if n == 0 or not line.strip():
            continue
        off, obs, cor = line.rstrip("\n").split("\t")[:3]
        off = int(off)
        out.append((off, off + len(obs.encode()), obs, cor))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default="build/ligfix")
    ap.add_argument("-n", type=int, default=15)
    ap.add_argument("text")
    ap.add_argument("opts", nargs="*")
    a = ap.parse_args()
    raw = open(a.text, "rb").read()
    labels = load_labels(a.text[:-4] + ".labels.tsv", raw)
    res = subprocess.run([a.cli] + a.opts + ["scan", "--json", a.text], capture_output=True)
    spans = [json.loads(l) for l in res.stdout.decode().splitlines() if l.strip()]
    applied = [s for s in spans if s["applied"]]
    by_start = {}
    for s in spans:
        by_start.setdefault(s["start"], s)

    def ctx(s, e):
        return raw[max(0, s - 30):e + 30].decode(errors="replace").replace("\n", " ")

    missed, wrong, broken = [], [], []
    for (s, e, obs, cor) in labels:
        hit = [x for x in applied if x["start"] < e and x["end"] > s]
        if any(x["start"] == s and x["end"] == e and x["replacement"] == cor for x in hit):
            continue
        near = [x for x in spans if x["start"] < e and x["end"] > s]
        prop = "; ".join(f'{x["observed"]!r}->{x["replacement"]!r} {x["confidence"]:.2f} {x["mode"]}'
                         for x in near) or "-"
        (wrong if hit else missed).append(f"{obs!r} -> {cor!r}  got: {prop}  | {ctx(s, e)}")
    for x in applied:
        if not any(x["start"] < e and x["end"] > s for (s, e, _, _) in labels):
            broken.append(f'{x["observed"]!r} -> {x["replacement"]!r} {x["confidence"]:.2f} '
                          f'{x["ligature"]} {x["mode"]} | {ctx(x["start"], x["end"])}')
    for name, rows in (("MISSED", missed), ("WRONG", wrong), ("BROKEN", broken)):
        print(f"== {name}: {len(rows)}")
        for r in rows[:a.n]:
            print("  " + r)


if __name__ == "__main__":
    main()
