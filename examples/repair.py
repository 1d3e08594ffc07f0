#!/usr/bin/env python3
"""repair.py — repair a file (or standard input) with the ligfix Python binding.

    python3 examples/repair.py [--dict PATH] [--data PATH] [--threshold X]
                               [--json] [FILE|-]

Writes the repaired text to stdout and a table of the spans found to stderr
(with --json, one JSON object per span on stdout instead of the text).

Run from the source tree after `make` (the binding finds build/), or with the
binding installed (pip install ./python) and libligfix installed, or with
LIGFIX_LIBRARY=/path/to/libligfix.so.0.
"""

import argparse
import json
import os
import sys

try:
    import ligfix
except ImportError:
    # Not installed: use the binding in this source tree.
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import ligfix


def main(argv=None):
    ap = argparse.ArgumentParser(description="Repair lost ligatures in a text.")
    ap.add_argument("file", nargs="?", default="-", help="input file (default: stdin)")
    ap.add_argument("--dict", help="Hunspell dictionary base name (…/en_US)")
    ap.add_argument("--data", help="context data file")
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="apply spans with at least this confidence (default 0.5)")
    ap.add_argument("--json", action="store_true", help="print the spans as JSON lines")
    args = ap.parse_args(argv)

    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as f:
                raw = f.read()
    except OSError as e:
        print("repair.py: %s" % e, file=sys.stderr)
        return 1
    # surrogateescape keeps any invalid byte, so the output is byte-exact.
    text = raw.decode("utf-8", "surrogateescape")

    try:
        with ligfix.Repairer(dictionary=args.dict, data=args.data,
                             threshold=args.threshold) as r:
            fixed, spans = r.process(text)
    except ligfix.Error as e:
        print("repair.py: %s" % e, file=sys.stderr)
        return 1

    if args.json:
        for s in spans:
            print(json.dumps(s.to_dict(), ensure_ascii=False))
        return 0

    err = sys.stderr
    err.write("%-8s %-40s %6s %-11s %-8s %s\n"
              % ("offset", "observed -> replacement", "conf", "mode", "ligature", "applied"))
    for s in spans:
        err.write("%-8d %-40s %6.3f %-11s %-8s %s\n"
                  % (s.start, "%s -> %s" % (s.observed, s.replacement), s.confidence,
                     s.mode, s.ligature, "yes" if s.applied else "no"))
    err.write("%d span%s\n" % (len(spans), "" if len(spans) == 1 else "s"))
    sys.stdout.buffer.write(fixed.encode("utf-8", "surrogateescape"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
