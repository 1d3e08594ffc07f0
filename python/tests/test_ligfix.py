"""Tests of the ligfix Python binding (standard unittest).

Run from the repository root after `make`:
    make check-python
or  LIGFIX_LIBRARY=build/libligfix.so.0 python3 -m unittest discover -s python/tests -v
"""

import doctest
import os
import sys
import threading
import unittest

# Test the package next to these tests, not an installed copy.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import ligfix  # noqa: E402

TEXT = "Lavrov said ater talks and atempts to reach a deal.\n"
# Non-ASCII before the damage: byte and str offsets differ.
UNI = "Café ‘quoted’ — ater the talks, “naïve” atempts, a smile \U0001F600 ater that.\n"
MISSING_DICT = "/nonexistent/ligfix-test/xx_YY"
MISSING_DATA = "/nonexistent/ligfix-test/context.bin"


def span_tuples(spans):
    return [(s.start, s.end, s.observed, s.replacement, s.applied, s.mode, s.ligature)
            for s in spans]


class TestFix(unittest.TestCase):
    def test_fix_repairs(self):
        out = ligfix.fix(TEXT)
        self.assertIn("said after talks", out)
        self.assertIn("attempts", out)
        self.assertNotIn(" ater ", out)

    def test_fix_non_ascii(self):
        out = ligfix.fix(UNI)
        self.assertIn("Café ‘quoted’ — after the talks", out)
        self.assertIn("\U0001F600 after that", out)

    def test_case_is_kept(self):
        out = ligfix.fix("Ater the talks, the delegates left.")
        self.assertTrue(out.startswith("After the talks"), out)

    def test_threshold_above_one_is_identity(self):
        self.assertEqual(ligfix.fix(TEXT, threshold=2.0), TEXT)
        self.assertEqual(ligfix.fix(UNI, threshold=2.0), UNI)
        with ligfix.Repairer(threshold=2.0) as r:
            self.assertEqual(r.fix(UNI), UNI)
            self.assertTrue(all(not s.applied for s in r.scan(UNI)))

    def test_threshold_zero_applies_every_span(self):
        spans = ligfix.scan(TEXT, threshold=0.0)
        self.assertTrue(spans)
        self.assertTrue(all(s.applied for s in spans))

    def test_empty_text(self):
        self.assertEqual(ligfix.fix(""), "")
        self.assertEqual(ligfix.scan(""), [])

    def test_text_without_damage_unchanged(self):
        clean = "The quick brown fox jumps over the lazy dog.\n"
        self.assertEqual(ligfix.fix(clean), clean)
        self.assertEqual(ligfix.scan(clean), [])

    def test_invalid_bytes_pass_through(self):
        # "\udcff" is the byte 0xFF kept by surrogateescape: the library sees
        # an invalid byte, passes over it, and it comes back unchanged.
        text = "bad \udcff byte, then ater the talks\n"
        out = ligfix.fix(text)
        self.assertIn("bad \udcff byte", out)
        self.assertIn("after the talks", out)

    def test_bytes_rejected(self):
        with self.assertRaises(TypeError):
            ligfix.fix(TEXT.encode())


class TestScan(unittest.TestCase):
    def check_slices(self, text, spans):
        for s in spans:
            self.assertEqual(text[s.start:s.end], s.observed, s)
            self.assertLessEqual(0, s.start)
            self.assertLess(s.start, s.end)
            self.assertLessEqual(s.end, len(text))
        for a, b in zip(spans, spans[1:]):
            self.assertLessEqual(a.end, b.start, "spans sorted, not overlapping")

    def test_scan_fields(self):
        spans = ligfix.scan(TEXT)
        self.check_slices(TEXT, spans)
        by_obs = {s.observed: s for s in spans}
        self.assertIn("ater", by_obs)
        s = by_obs["ater"]
        self.assertEqual(s.start, TEXT.index("ater"))
        self.assertEqual(s.end, s.start + 4)
        self.assertEqual(s.replacement, "after")
        self.assertIn("ft", s.ligature.split(","))
        self.assertEqual(s.mode, "letter")
        self.assertIsInstance(s.confidence, float)
        self.assertTrue(0.5 <= s.confidence <= 1.0, s.confidence)
        self.assertIs(s.applied, True)
        self.assertIsInstance(s.alternatives, tuple)
        for alt in s.alternatives:
            self.assertIsInstance(alt.word, str)
            self.assertTrue(0.0 <= alt.probability <= 1.0)
        self.assertIn("atempts", by_obs)
        self.assertEqual(by_obs["atempts"].replacement, "attempts")

    def test_span_is_frozen(self):
        s = ligfix.scan(TEXT)[0]
        with self.assertRaises(AttributeError):
            s.start = 0
        self.assertEqual(s.to_dict()["observed"], s.observed)

    def test_str_offsets_with_non_ascii(self):
        self.assertNotEqual(len(UNI.encode("utf-8")), len(UNI))
        spans = ligfix.scan(UNI)
        self.check_slices(UNI, spans)
        aters = [s for s in spans if s.observed == "ater"]
        self.assertEqual([s.start for s in aters],
                         [UNI.index("ater"), UNI.rindex("ater")])
        self.assertIn("atempts", [s.observed for s in spans])

    def test_apply_matches_fix(self):
        for text in (TEXT, UNI):
            self.assertEqual(ligfix.apply(text, ligfix.scan(text)), ligfix.fix(text))

    def test_long_text_offsets(self):
        text = UNI * 2000 + TEXT
        spans = ligfix.scan(text)
        self.check_slices(text, spans)
        self.assertGreaterEqual(len(spans), 3 * 2000)
        self.assertEqual(spans[-1].start, len(text) - len(TEXT) + TEXT.index("atempts"))
        self.assertEqual(ligfix.apply(text, spans), ligfix.fix(text))


class TestRepairer(unittest.TestCase):
    def test_reuse(self):
        r = ligfix.Repairer()
        try:
            first = r.fix(UNI)
            r.reset()
            self.assertEqual(r.fix(UNI), first)
            r.reset()
            self.assertEqual(span_tuples(r.scan(UNI)), span_tuples(ligfix.scan(UNI)))
            r.reset()
            fixed, spans = r.process(UNI)
            self.assertEqual(fixed, first)
            self.assertEqual(span_tuples(spans), span_tuples(ligfix.scan(UNI)))
        finally:
            r.close()

    def test_same_as_module_functions(self):
        with ligfix.Repairer() as r:
            self.assertEqual(r.fix(TEXT), ligfix.fix(TEXT))

    def test_context_manager_closes(self):
        with ligfix.Repairer() as r:
            self.assertFalse(r.closed)
            self.assertIn("after", r.fix(TEXT))
        self.assertTrue(r.closed)
        with self.assertRaises(ValueError):
            r.fix(TEXT)
        r.close()  # twice is fine

    def test_threshold_property(self):
        with ligfix.Repairer(threshold=0.9) as r:
            self.assertEqual(r.threshold, 0.9)
            r.threshold = 2.0
            self.assertEqual(r.fix(TEXT), TEXT)
            r.reset()
            r.threshold = 0.5
            self.assertIn("after", r.fix(TEXT))
            with self.assertRaises(TypeError):
                r.threshold = "high"

    def test_forced_ligatures_and_modes(self):
        with ligfix.Repairer(ligatures="ft", modes="letter") as r:
            self.assertIn("said after talks", r.fix(TEXT))
        with ligfix.Repairer(ligatures=["ft", "tt"], modes=["letter"]) as r:
            self.assertIn("said after talks", r.fix(TEXT))

    def test_unknown_ligature_group(self):
        with self.assertRaises(ligfix.Error) as cm:
            ligfix.Repairer(ligatures="no-such-group")
        self.assertEqual(cm.exception.code, ligfix.ERR_ARGUMENT)

    def test_missing_dictionary(self):
        with self.assertRaises(ligfix.Error) as cm:
            ligfix.Repairer(dictionary=MISSING_DICT)
        e = cm.exception
        self.assertIsInstance(e, Exception)
        self.assertEqual(e.code, ligfix.ERR_DICTIONARY)
        self.assertIn(MISSING_DICT, str(e))
        self.assertIn(MISSING_DICT, e.message)
        self.assertIsInstance(e.status, str)

    def test_missing_data(self):
        with self.assertRaises(ligfix.Error) as cm:
            ligfix.Repairer(data=MISSING_DATA)
        self.assertEqual(cm.exception.code, ligfix.ERR_DATA)
        self.assertIn(MISSING_DATA, str(cm.exception))

    def test_models_shared(self):
        with ligfix.Repairer() as a, ligfix.Repairer() as b:
            self.assertIs(a._model, b._model)


class TestThreads(unittest.TestCase):
    N = 4
    DOC = (UNI + TEXT) * 40

    def run_threads(self, work):
        results = [None] * self.N
        errors = []
        barrier = threading.Barrier(self.N)

        def target(i):
            try:
                barrier.wait()
                results[i] = work()
            except BaseException as e:  # reported in the main thread
                errors.append(e)

        threads = [threading.Thread(target=target, args=(i,)) for i in range(self.N)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        return results

    def test_one_repairer_per_thread(self):
        with ligfix.Repairer() as r:
            want = r.fix(self.DOC)
            r.reset()
            want_spans = span_tuples(r.scan(self.DOC))

        def work():
            with ligfix.Repairer() as mine:
                out = []
                for _ in range(3):
                    mine.reset()
                    fixed = mine.fix(self.DOC)
                    mine.reset()
                    out.append((fixed, span_tuples(mine.scan(self.DOC))))
                return out

        for per_thread in self.run_threads(work):
            for fixed, spans in per_thread:
                self.assertEqual(fixed, want)
                self.assertEqual(spans, want_spans)

    def test_module_functions_in_threads(self):
        want = ligfix.fix(self.DOC)
        for got in self.run_threads(lambda: [ligfix.fix(self.DOC) for _ in range(3)]):
            self.assertEqual(got, [want] * 3)


class TestLibrary(unittest.TestCase):
    def test_versions(self):
        v = ligfix.library_version()
        self.assertRegex(v, r"^\d+\.\d+\.\d+")
        self.assertEqual(v, ligfix.__version__)
        self.assertTrue(ligfix.library_path)


def load_tests(loader, tests, ignore):
    # The examples in the package docstring are tests too.
    tests.addTests(doctest.DocTestSuite(ligfix))
    return tests


if __name__ == "__main__":
    unittest.main()
