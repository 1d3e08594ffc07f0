/* The public API end to end (include/ligfix.h), on the shared en_US model
 * with the tree's context data. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

/* ---- helpers ------------------------------------------------------------- */

static ligfix_result *scan_ok(ligfix_checker *c, const char *text, size_t len)
{
    ligfix_error err = {0};
    ligfix_result *r = ligfix_scan(c, text, len, &err);
    ck_assert_msg(r != NULL, "scan: %s", err.message);
    ck_assert_int_eq(err.code, LIGFIX_OK);
    return r;
}

/* Every span well formed: sorted, not overlapping, inside the text, its
 * observed string the text's bytes, strings set, alternatives sane. */
static void check_spans(const char *text, size_t len, const ligfix_result *r, double threshold)
{
    size_t n = ligfix_result_count(r), prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        ck_assert_ptr_nonnull(s);
        ck_assert_msg(s->start < s->end, "span %zu empty [%zu,%zu)", i, s->start, s->end);
        ck_assert_msg(s->end <= len, "span %zu ends at %zu past %zu", i, s->end, len);
        ck_assert_msg(i == 0 || s->start >= prev_end, "span %zu overlaps or is out of order", i);
        prev_end = s->end;
        ck_assert_ptr_nonnull(s->observed);
        ck_assert_ptr_nonnull(s->replacement);
        ck_assert_ptr_nonnull(s->ligature);
        ck_assert_ptr_nonnull(s->mode);
        ck_assert_msg(strlen(s->observed) == s->end - s->start &&
                          memcmp(s->observed, text + s->start, s->end - s->start) == 0,
                      "span %zu: observed '%s' is not the text's bytes", i, s->observed);
        ck_assert_msg(s->confidence >= 0.0 && s->confidence <= 1.0, "span %zu confidence %g", i,
                      s->confidence);
        ck_assert_msg(s->applied == (s->confidence >= threshold),
                      "span %zu: applied %d with confidence %g, threshold %g", i, s->applied,
                      s->confidence, threshold);
        ck_assert_msg(strlen(s->ligature) > 0, "span %zu: no ligature", i);
        static const char *const modes[] = {"letter", "first", "vanish", "space",
                                            "placeholder", "codepoint"};
        int known = 0;
        for (size_t k = 0; k < 6; k++)
            known |= !strcmp(s->mode, modes[k]);
        ck_assert_msg(known, "span %zu: mode '%s'", i, s->mode);
        /* alternatives: probabilities, most probable first, sum <= 1,
         * the replacement among them */
        double sum = 0, last = 2.0;
        int has_rep = 0;
        ck_assert_msg(s->n_alternatives >= 1, "span %zu: no alternatives", i);
        ck_assert_ptr_nonnull(s->alternatives);
        for (size_t k = 0; k < s->n_alternatives; k++) {
            const ligfix_alternative *a = &s->alternatives[k];
            ck_assert_ptr_nonnull(a->word);
            ck_assert_msg(a->probability >= 0.0 && a->probability <= 1.0,
                          "span %zu alt %zu: p %g", i, k, a->probability);
            ck_assert_msg(a->probability <= last + 1e-12, "span %zu: alternatives not sorted", i);
            last = a->probability;
            sum += a->probability;
            has_rep |= !strcmp(a->word, s->replacement);
        }
        ck_assert_msg(sum <= 1.0 + 1e-9, "span %zu: alternatives sum to %g", i, sum);
        ck_assert_msg(has_rep, "span %zu: replacement '%s' not among the alternatives", i,
                      s->replacement);
    }
    ck_assert_ptr_null(ligfix_result_span(r, n));
}

/* The span starting at byte `start`, or NULL. */
static const ligfix_span *span_at(const ligfix_result *r, size_t start)
{
    for (size_t i = 0; i < ligfix_result_count(r); i++)
        if (ligfix_result_span(r, i)->start == start)
            return ligfix_result_span(r, i);
    return NULL;
}

/* The applied span whose observed text is w, or NULL. */
static const ligfix_span *applied_span(const ligfix_result *r, const char *w)
{
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        if (s->applied && !strcmp(s->observed, w))
            return s;
    }
    return NULL;
}

static size_t n_applied(const ligfix_result *r)
{
    size_t k = 0;
    for (size_t i = 0; i < ligfix_result_count(r); i++)
        k += ligfix_result_span(r, i)->applied != 0;
    return k;
}

/* fix with a fresh checker; returns a ligfix_free-able string. */
static char *fix_fresh(const char *text, size_t len, size_t *out_len)
{
    ligfix_checker *c = unit_checker();
    ligfix_error err = {0};
    char *out = ligfix_checker_fix(c, text, len, out_len, &err);
    ck_assert_msg(out != NULL, "fix: %s", err.message);
    ligfix_checker_free(c);
    return out;
}

static void expect_fix(const char *in, const char *want)
{
    size_t n = 12345;
    char *out = fix_fresh(in, strlen(in), &n);
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(n, strlen(want));
    ligfix_free(out);
}

static ligfix_model *new_model(void)
{
    ligfix_error err = {0};
    ligfix_model *m = ligfix_model_new(NULL, unit_data_path(), &err);
    ck_assert_msg(m != NULL, "model: %s", err.message);
    return m;
}

/* ---- the main example ------------------------------------------------------ */

START_TEST(test_ater_span)
{
    ligfix_checker *c = unit_checker();
    const char *t = "Lavrov said ater talks";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    ck_assert_uint_eq(ligfix_result_count(r), 1);
    const ligfix_span *s = ligfix_result_span(r, 0);
    ck_assert_uint_eq(s->start, 12);
    ck_assert_uint_eq(s->end, 16);
    ck_assert_str_eq(s->observed, "ater");
    ck_assert_str_eq(s->replacement, "after");
    ck_assert_str_eq(s->ligature, "ft");
    ck_assert_str_eq(s->mode, "letter");
    ck_assert_double_gt(s->confidence, 0.5);
    ck_assert_double_le(s->confidence, 1.0);
    ck_assert_int_ne(s->applied, 0);
    ck_assert_str_eq(s->alternatives[0].word, "after");

    size_t n = 0;
    ligfix_error err = {0};
    char *out = ligfix_apply(t, strlen(t), r, &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "Lavrov said after talks");
    ck_assert_uint_eq(n, strlen("Lavrov said after talks"));
    ligfix_free(out);
    /* out_len is optional */
    out = ligfix_apply(t, strlen(t), r, NULL, NULL);
    ck_assert_str_eq(out, "Lavrov said after talks");
    ligfix_free(out);
    ligfix_result_free(r);

    /* the checker's fix is scan + apply */
    n = 0;
    out = ligfix_checker_fix(c, t, strlen(t), &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "Lavrov said after talks");
    ck_assert_uint_eq(n, 23);
    ligfix_free(out);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_case_kept)
{
    expect_fix("Ater the war.", "After the war.");
    expect_fix("ATER THE WAR.", "AFTER THE WAR.");
    expect_fix("Lavrov said ater talks.", "Lavrov said after talks.");
    ligfix_checker *c = unit_checker();
    const char *t = "Ater the war. ATER THE WAR.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    const ligfix_span *a = span_at(r, 0), *b = span_at(r, 14);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(a->replacement, "After");
    ck_assert_str_eq(b->replacement, "AFTER");
    ck_assert_uint_eq(b->end, 18);
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_non_ascii_offsets)
{
    ligfix_checker *c = unit_checker();
    /* Café naïve — ater: 5 + 1 + 6 + 1 + 3 + 1 = 17 bytes before "ater" */
    const char *t = "Caf\xc3\xa9 na\xc3\xafve \xe2\x80\x94 ater the talks";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    const ligfix_span *s = applied_span(r, "ater");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->start, 17);
    ck_assert_uint_eq(s->end, 21);
    ck_assert_str_eq(s->replacement, "after");
    size_t n;
    ligfix_error err = {0};
    char *out = ligfix_apply(t, strlen(t), r, &n, &err);
    ck_assert_str_eq(out, "Caf\xc3\xa9 na\xc3\xafve \xe2\x80\x94 after the talks");
    ligfix_free(out);
    ligfix_result_free(r);

    /* CJK and emoji before it */
    const char *t2 = "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x91\x8b Lavrov said ater talks";
    r = scan_ok(c, t2, strlen(t2));
    check_spans(t2, strlen(t2), r, 0.5);
    s = applied_span(r, "ater");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->start, 6 + 1 + 4 + 1 + 12);
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_multisite)
{
    ligfix_checker *c = unit_checker();
    const char *t = "The batleield was quiet aterwards.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    const ligfix_span *s = span_at(r, 4);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->end, 13);
    ck_assert_str_eq(s->replacement, "battlefield");
    ck_assert_str_eq(s->ligature, "tt,fi"); /* groups left to right */
    ck_assert_str_eq(s->mode, "letter");
    ck_assert(s->applied);
    s = span_at(r, 24);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->replacement, "afterwards");
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_spans_well_formed)
{
    /* a messy document: every kind of damage, non-ASCII, control bytes,
     * invalid UTF-8, NULs */
    static const char t[] =
        "Lavrov said ater talks. Several atempts failed. The eect of the oce was "
        "signicant.\n\nThe o ce staff were e ective and e cient; the di erence was "
        "signi cant. It was be\xee\x80\x86" "er now. The \xef\xac\x81rst day, the \xef\xac\x82oor. "
        "Caf\xc3\xa9 \xe2\x80\x98quoted\xe2\x80\x99 ater \xff\xfe bad\x01\x02 bytes ater\0nul "
        "aterwards, ATER, Ater. The batleield.\n";
    size_t len = sizeof t - 1;
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, t, len);
    check_spans(t, len, r, 0.5);
    ck_assert_uint_ge(n_applied(r), 10);
    /* apply changes exactly the applied spans */
    size_t n;
    ligfix_error err = {0};
    char *out = ligfix_apply(t, len, r, &n, &err);
    ck_assert_ptr_nonnull(out);
    size_t pos = 0, o = 0;
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        if (!s->applied)
            continue;
        ck_assert_int_eq(memcmp(out + o, t + pos, s->start - pos), 0);
        o += s->start - pos;
        size_t rl = strlen(s->replacement);
        ck_assert_int_eq(memcmp(out + o, s->replacement, rl), 0);
        o += rl;
        pos = s->end;
    }
    ck_assert_uint_eq(n - o, len - pos);
    ck_assert_int_eq(memcmp(out + o, t + pos, len - pos), 0);
    ck_assert_int_eq(out[n], '\0');
    ligfix_free(out);
    ligfix_result_free(r);

    /* the same checker again (a second chunk of one document) */
    r = scan_ok(c, t, len);
    check_spans(t, len, r, 0.5);
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_threshold)
{
    ligfix_checker *c = unit_checker();
    ck_assert_int_eq(ligfix_checker_set_threshold(c, 2.0), LIGFIX_OK);
    static const char t[] = "Lavrov said ater talks. The o ce was e ective. It was be\xee\x80\x86"
                            "er. The \xef\xac\x81rst. \xff\0 ater";
    size_t len = sizeof t - 1;
    ligfix_result *r = scan_ok(c, t, len);
    check_spans(t, len, r, 2.0);
    ck_assert_uint_gt(ligfix_result_count(r), 0); /* still reported */
    ck_assert_uint_eq(n_applied(r), 0);
    ligfix_result_free(r);
    size_t n = 0;
    ligfix_error err = {0};
    char *out = ligfix_checker_fix(c, t, len, &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(n, len);
    ck_assert_int_eq(memcmp(out, t, len), 0);
    ligfix_free(out);

    /* threshold 0: everything reported is applied */
    ck_assert_int_eq(ligfix_checker_set_threshold(c, 0.0), LIGFIX_OK);
    r = scan_ok(c, t, len);
    check_spans(t, len, r, 0.0);
    ck_assert_uint_eq(n_applied(r), ligfix_result_count(r));
    ligfix_result_free(r);

    /* bad thresholds are refused and change nothing */
    ck_assert_int_eq(ligfix_checker_set_threshold(c, -0.1), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(ligfix_checker_set_threshold(c, NAN), LIGFIX_ERR_ARGUMENT);
    r = scan_ok(c, t, len);
    check_spans(t, len, r, 0.0);
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_clean_text)
{
    static const char *const clean[] = {
        "After the battle the settlers left the office.",
        "The first effect was different; she left after the fact.",
        "Better letters matter: the latter settled it, and the staff were efficient.",
        "Their official difficulties affected the flow of traffic.",
        "THE FIRST OFFICE. The Office of Fair Trading.",
    };
    ligfix_checker *c = unit_checker();
    for (size_t i = 0; i < sizeof clean / sizeof *clean; i++) {
        ligfix_result *r = scan_ok(c, clean[i], strlen(clean[i]));
        check_spans(clean[i], strlen(clean[i]), r, 0.5);
        for (size_t k = 0; k < ligfix_result_count(r); k++) {
            const ligfix_span *s = ligfix_result_span(r, k);
            ck_assert_msg(!s->applied, "clean text %zu: '%s' -> '%s' applied (%g)", i,
                          s->observed, s->replacement, s->confidence);
        }
        ligfix_result_free(r);
        char *out = fix_fresh(clean[i], strlen(clean[i]), NULL);
        ck_assert_str_eq(out, clean[i]);
        ligfix_free(out);
    }
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_presentation_form)
{
    ligfix_checker *c = unit_checker();
    const char *t = "The \xef\xac\x81rst day.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    const ligfix_span *s = span_at(r, 4);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->end, 10); /* U+FB01 is 3 bytes */
    ck_assert_str_eq(s->observed, "\xef\xac\x81rst");
    ck_assert_str_eq(s->replacement, "first");
    ck_assert_str_eq(s->mode, "codepoint");
    ck_assert_str_eq(s->ligature, "fi");
    ck_assert(s->applied);
    ligfix_result_free(r);
    expect_fix("The \xef\xac\x81rst day, the \xef\xac\x82oor.", "The first day, the floor.");
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_placeholder)
{
    ligfix_checker *c = unit_checker();
    const char *t = "It was be\xee\x80\x86" "er now.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    const ligfix_span *s = span_at(r, 7);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->end, 14); /* the whole extent: be + U+E006 + er */
    ck_assert_str_eq(s->observed, "be\xee\x80\x86" "er");
    ck_assert_str_eq(s->replacement, "better");
    ck_assert_str_eq(s->mode, "placeholder");
    ck_assert_str_eq(s->ligature, "tt");
    ck_assert(s->applied);
    ligfix_result_free(r);
    expect_fix(t, "It was better now.");
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_space_mode_and_reset)
{
    /* a document whose font turned ff, ffi, fi and ft into spaces */
    const char *doc = "The o ce staff were e ective and e cient. The plan was dra ed and "
                      "cra ed, then shi ed and li ed swi ly. The di erence was signi cant.";
    const char *q = "He left a er the meeting.";
    ligfix_checker *fresh = unit_checker();
    ligfix_result *base = scan_ok(fresh, q, strlen(q));
    check_spans(q, strlen(q), base, 0.5);
    ligfix_checker_free(fresh);

    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, doc, strlen(doc));
    check_spans(doc, strlen(doc), r, 0.5);
    const ligfix_span *s = applied_span(r, "o ce");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->replacement, "office");
    ck_assert_str_eq(s->mode, "space");
    ck_assert_ptr_nonnull(applied_span(r, "e ective"));
    s = applied_span(r, "dra ed");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->replacement, "drafted");
    ck_assert_str_eq(s->ligature, "ft");
    ligfix_result_free(r);

    /* the document has shown ft turned into a space: "a er" is now after */
    r = scan_ok(c, q, strlen(q));
    check_spans(q, strlen(q), r, 0.5);
    s = span_at(r, 8);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->end, 12);
    ck_assert_str_eq(s->observed, "a er");
    ck_assert_str_eq(s->replacement, "after");
    ck_assert_str_eq(s->ligature, "ft");
    ck_assert_str_eq(s->mode, "space");
    ck_assert(s->applied);
    const ligfix_span *b = span_at(base, 8);
    ck_assert(b == NULL || b->confidence < s->confidence);
    ligfix_result_free(r);

    /* reset: a new document, as from a fresh checker */
    ligfix_checker_reset(c);
    r = scan_ok(c, q, strlen(q));
    ck_assert_uint_eq(ligfix_result_count(r), ligfix_result_count(base));
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *x = ligfix_result_span(r, i), *y = ligfix_result_span(base, i);
        ck_assert_uint_eq(x->start, y->start);
        ck_assert_uint_eq(x->end, y->end);
        ck_assert_str_eq(x->replacement, y->replacement);
        ck_assert_int_eq(x->applied, y->applied);
        ck_assert_double_eq_tol(x->confidence, y->confidence, 1e-9);
    }
    ligfix_result_free(r);
    ligfix_result_free(base);
    ligfix_checker_reset(NULL);
    ligfix_checker_free(c);
}
END_TEST

/* An extractor that turns ti into a space inside words leaves nothing at a
 * word's edge, where that space merges with the word's own: once the
 * document shows vanished glyphs at edges (whi, mu, ju), "mes" and "me"
 * are read as times and time. Without that evidence they stay. */
START_TEST(test_space_merged_at_edges)
{
    const char *doc = "The na on had no ced the situa on whi was mu worse. The posi on of "
                      "the sta on was ju a ma er of tradi on and conven on. Her a en on to the "
                      "condi on of the na ons was par al. The rela ons and the solu ons were "
                      "men oned in the le er, su as it was. The nego a ons, the elec ons and "
                      "the ac ons of the coali on were a ques on of ambi on and mu more. "
                      "It was ju as well, whi was mu the same, and su was the way. "
                      "The wind was ju right, and whi way the dri went was mu the same. "
                      "They came back many mes, and every me they le er more.";
    size_t n;
    char *out = fix_fresh(doc, strlen(doc), &n);
    ck_assert_ptr_nonnull(strstr(out, "which was much worse"));
    ck_assert_ptr_nonnull(strstr(out, "many times, and every time they"));
    ligfix_free(out);
    /* the same words where the document shows no such thing */
    const char *plain = "The na on had no ced the situa on. The posi on of the sta on was a "
                        "ma er of tradi on and conven on. Her a en on to the condi on of the "
                        "na ons was par al. They came back many mes, and every me they le er more.";
    out = fix_fresh(plain, strlen(plain), &n);
    ck_assert_ptr_nonnull(strstr(out, "many mes, and every me"));
    ligfix_free(out);
}
END_TEST

/* The same at the edge of a split word: "uctua ng" is fluctuating, fl lost
 * at the start and ti a space inside. */
START_TEST(test_space_merged_at_split_edges)
{
    const char *doc = "The na on had no ced the situa on whi was mu worse. The posi on of "
                      "the sta on was ju as before. The condi on of the na ons was par al, su "
                      "as it was. The elec ons of the coali on were a ques on of ambi on and mu "
                      "more. The prices kept uctua ng and the armies kept gh ng, ju as before.";
    size_t n;
    char *out = fix_fresh(doc, strlen(doc), &n);
    ck_assert_ptr_nonnull(strstr(out, "kept fluctuating and the armies kept fighting, just"));
    ligfix_free(out);
    /* where the document keeps such spaces (stray double spaces), they are
     * what a repair takes in, and the split words alone are no such run */
    const char *spaced = "The na on had no ced the situa on. The posi on of the sta on was as "
                         "before. The prices kept  uctua ng, and the armies kept  gh ng.";
    out = fix_fresh(spaced, strlen(spaced), &n);
    ck_assert_ptr_null(strstr(out, "kept  fluctuating"));
    ligfix_free(out);
}
END_TEST

START_TEST(test_set_ligatures_modes)
{
    ligfix_checker *c = unit_checker();
    ligfix_error err = {0};
    ck_assert_int_eq(ligfix_checker_set_ligatures(c, "tt,ft", &err), LIGFIX_OK);
    ck_assert_int_eq(ligfix_checker_set_modes(c, "letter", &err), LIGFIX_OK);
    const char *t = "Lavrov said ater talks. Several atempts failed. The eect of the oce. "
                    "The \xef\xac\x81rst one.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    const ligfix_span *s = applied_span(r, "ater");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->replacement, "after");
    s = applied_span(r, "atempts");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->replacement, "attempts");
    /* ff/ffi vanish and the fi code point are outside what was asked */
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        s = ligfix_result_span(r, i);
        ck_assert_str_eq(s->mode, "letter");
        ck_assert_msg(!strcmp(s->ligature, "tt") || !strcmp(s->ligature, "ft") ||
                          !strcmp(s->ligature, "tt,ft") || !strcmp(s->ligature, "ft,tt"),
                      "ligature %s", s->ligature);
    }
    ck_assert_ptr_null(applied_span(r, "eect"));
    ck_assert_ptr_null(applied_span(r, "oce"));
    ck_assert_ptr_null(applied_span(r, "\xef\xac\x81rst"));
    ligfix_result_free(r);

    /* only tt: ater stays */
    ck_assert_int_eq(ligfix_checker_set_ligatures(c, "tt", &err), LIGFIX_OK);
    r = scan_ok(c, t, strlen(t));
    for (size_t i = 0; i < ligfix_result_count(r); i++)
        ck_assert_str_ne(ligfix_result_span(r, i)->replacement, "after");
    ck_assert_ptr_nonnull(applied_span(r, "atempts"));
    ligfix_result_free(r);

    /* back to automatic: everything again */
    ck_assert_int_eq(ligfix_checker_set_ligatures(c, NULL, &err), LIGFIX_OK);
    ck_assert_int_eq(ligfix_checker_set_modes(c, "auto", &err), LIGFIX_OK);
    r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    ck_assert_ptr_nonnull(applied_span(r, "ater"));
    ck_assert_ptr_nonnull(applied_span(r, "eect"));
    ck_assert_ptr_nonnull(applied_span(r, "\xef\xac\x81rst"));
    ligfix_result_free(r);

    /* unknown names: an argument error naming them, nothing changed */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(ligfix_checker_set_ligatures(c, "tt,zq", &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_msg(strstr(err.message, "zq") != NULL, "message: %s", err.message);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(ligfix_checker_set_modes(c, "letter,bogusmode", &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_msg(strstr(err.message, "bogusmode") != NULL, "message: %s", err.message);
    ck_assert_int_eq(ligfix_checker_set_modes(c, ",", NULL), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(ligfix_checker_set_ligatures(c, "ft ", NULL), LIGFIX_ERR_ARGUMENT);
    /* every mode and group by name */
    ck_assert_int_eq(ligfix_checker_set_modes(c, "letter,first,vanish,space,placeholder,codepoint",
                                              &err),
                     LIGFIX_OK);
    ck_assert_int_eq(ligfix_checker_set_ligatures(c, "tt,ft,fi,fl,ff,ffi,ffl,st,th", &err),
                     LIGFIX_OK);
    ligfix_checker_free(c);
}
END_TEST

/* A text longer than one call takes (4 GiB) is refused with a clear
 * error before any of it is read (the buffer here is 4 bytes), and the
 * checker goes on working. */
START_TEST(test_text_too_long)
{
#if SIZE_MAX > UINT32_MAX
    ligfix_checker *c = unit_checker();
    size_t huge = (size_t)UINT32_MAX + 1, count = 9;
    ligfix_error err = {0};
    ck_assert_ptr_null(ligfix_scan(c, "ater", huge, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_nonnull(strstr(err.message, "at most 4294967295 bytes"));
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_tokenize(c, "ater", huge, &count, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_uint_eq(count, 0);
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_checker_fix(c, "ater", huge, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ligfix_result *r = scan_ok(c, "Lavrov said ater talks", 22);
    ck_assert_uint_eq(ligfix_result_count(r), 1);
    ligfix_result_free(r);
    ligfix_checker_free(c);
#endif
}
END_TEST

START_TEST(test_null_arguments)
{
    ligfix_error err = {0};
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, "ater", 4);

    /* scan */
    ck_assert_ptr_null(ligfix_scan(NULL, "ater", 4, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(ligfix_scan(NULL, "ater", 4, NULL));
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_scan(c, NULL, 4, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    /* NULL with no length is the empty text */
    ligfix_result *e = ligfix_scan(c, NULL, 0, &err);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(err.code, LIGFIX_OK);
    ck_assert_uint_eq(ligfix_result_count(e), 0);
    ck_assert_ptr_null(ligfix_result_span(e, 0));
    ligfix_result_free(e);
    e = scan_ok(c, "", 0);
    ck_assert_uint_eq(ligfix_result_count(e), 0);
    ligfix_result_free(e);

    /* results */
    ck_assert_uint_eq(ligfix_result_count(NULL), 0);
    ck_assert_ptr_null(ligfix_result_span(NULL, 0));
    ck_assert_ptr_null(ligfix_result_span(r, ligfix_result_count(r)));
    ck_assert_ptr_null(ligfix_result_span(r, SIZE_MAX));
    ligfix_result_free(NULL);

    /* apply */
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_apply(NULL, 4, r, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_apply("ater", 4, NULL, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(ligfix_apply(NULL, 4, NULL, NULL, NULL));
    /* a result of another text */
    memset(&err, 0, sizeof err);
    ck_assert_uint_ge(ligfix_result_count(r), 1);
    ck_assert_ptr_null(ligfix_apply("at", 2, r, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);

    /* fix */
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_checker_fix(NULL, "ater", 4, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_checker_fix(c, NULL, 4, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    size_t n = 99;
    char *out = ligfix_checker_fix(c, NULL, 0, &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(out, "");
    ligfix_free(out);
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_fix(NULL, 4, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);

    /* tokenize */
    size_t count = 5;
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_tokenize(NULL, "a", 1, &count, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(ligfix_tokenize(c, "a", 1, NULL, NULL));

    /* checker */
    memset(&err, 0, sizeof err);
    ck_assert_ptr_null(ligfix_checker_new(NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_ptr_null(ligfix_checker_new(NULL, NULL));
    ck_assert_int_eq(ligfix_checker_set_threshold(NULL, 0.5), LIGFIX_ERR_ARGUMENT);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(ligfix_checker_set_ligatures(NULL, "tt", &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(ligfix_checker_set_modes(NULL, "letter", &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(ligfix_checker_set_modes(NULL, NULL, NULL), LIGFIX_ERR_ARGUMENT);
    ligfix_checker_reset(NULL);
    ligfix_checker_free(NULL);

    /* model */
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(ligfix_model_add_word(NULL, "atempts", &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(ligfix_model_add_word_file(NULL, "/dev/null", &err), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(err.code, LIGFIX_ERR_ARGUMENT);
    ligfix_model *m = new_model();
    ck_assert_int_eq(ligfix_model_add_word(m, NULL, NULL), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(ligfix_model_add_word(m, "", NULL), LIGFIX_ERR_ARGUMENT);
    ck_assert_int_eq(ligfix_model_add_word_file(m, NULL, NULL), LIGFIX_ERR_ARGUMENT);
    ligfix_model_free(m);
    ligfix_model_free(NULL);

    /* memory */
    ligfix_free(NULL);

    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_missing_files)
{
    ligfix_error err = {0};
    const char *dict = "/nonexistent/ligfix-test/en_XX";
    ck_assert_ptr_null(ligfix_model_new(dict, NULL, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_DICTIONARY);
    ck_assert_msg(strstr(err.message, dict) != NULL, "message lacks path: %s", err.message);
    ck_assert_ptr_null(strchr(err.message, '\n'));
    ck_assert_ptr_null(ligfix_model_new(dict, NULL, NULL));

    memset(&err, 0, sizeof err);
    const char *data = "/nonexistent/ligfix-test/context.bin";
    ck_assert_ptr_null(ligfix_model_new(NULL, data, &err));
    ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
    ck_assert_msg(strstr(err.message, data) != NULL, "message lacks path: %s", err.message);

    /* a word list that is not there */
    ligfix_model *m = new_model();
    memset(&err, 0, sizeof err);
    const char *words = "/nonexistent/ligfix-test/words.txt";
    ck_assert_int_eq(ligfix_model_add_word_file(m, words, &err), LIGFIX_ERR_DATA);
    ck_assert_int_eq(err.code, LIGFIX_ERR_DATA);
    ck_assert_msg(strstr(err.message, words) != NULL, "message lacks path: %s", err.message);
    ligfix_model_free(m);
}
END_TEST

START_TEST(test_user_words)
{
    const char *t = "Several atempts failed.";
    /* on the shared model "atempts" is repaired */
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, t, strlen(t));
    ck_assert_ptr_nonnull(applied_span(r, "atempts"));
    ligfix_result_free(r);
    ligfix_checker_free(c);

    ligfix_model *m = new_model();
    ligfix_error err = {0};
    ck_assert_int_eq(ligfix_model_add_word(m, "atempts", &err), LIGFIX_OK);
    c = ligfix_checker_new(m, &err);
    ck_assert_ptr_nonnull(c);
    r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    ck_assert_ptr_null(applied_span(r, "atempts"));
    ligfix_result_free(r);
    char *out = ligfix_checker_fix(c, t, strlen(t), NULL, &err);
    ck_assert_str_eq(out, t);
    ligfix_free(out);
    ligfix_checker_free(c);
    ligfix_model_free(m);

    /* the same from a word file, with a comment, a blank line and CRLF */
    char path[256];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/ligfix-words-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("# user words\n\nLavrovian\r\natempts\n", f);
    fclose(f);
    m = new_model();
    ck_assert_int_eq(ligfix_model_add_word_file(m, path, &err), LIGFIX_OK);
    c = ligfix_checker_new(m, &err);
    r = scan_ok(c, t, strlen(t));
    ck_assert_ptr_null(applied_span(r, "atempts"));
    ligfix_result_free(r);
    ligfix_checker_free(c);
    ligfix_model_free(m);
    unlink(path);
}
END_TEST

/* Regression test: the checker's lexicon kept a pointer to the model's
 * array of user words, which later ligfix_model_add_word calls may move
 * (realloc), and read it when it first opened Hunspell: words added after
 * the checker was made (ligfix.h asks callers not to) left it reading freed
 * memory (ASan: heap-use-after-free in open_handle). The checker keeps the
 * words it was made with. */
START_TEST(test_user_words_added_after_checker)
{
    ligfix_model *m = new_model();
    ligfix_error err = {0};
    ck_assert_int_eq(ligfix_model_add_word(m, "atempts", &err), LIGFIX_OK);
    ligfix_checker *c = ligfix_checker_new(m, &err);
    ck_assert_ptr_nonnull(c);
    for (int i = 0; i < 200; i++) { /* grows the array well past its first capacity */
        char w[32];
        snprintf(w, sizeof w, "zqxlater%d", i);
        ck_assert_int_eq(ligfix_model_add_word(m, w, &err), LIGFIX_OK);
    }
    const char *t = "Several atempts failed ater the vote.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    ck_assert_ptr_null(applied_span(r, "atempts"));
    ck_assert_ptr_nonnull(applied_span(r, "ater"));
    ligfix_result_free(r);
    ligfix_checker_free(c);
    ligfix_model_free(m);
}
END_TEST

/* Regression test: a word the caller declared valid is not repaired, even
 * when the document shows the damage mode that would explain it. At
 * d93895f "atempts" (a user word) in a text that also holds "ater" got a
 * real-word repair to "attempts" at confidence 0.5043 and was applied;
 * b7d6cdb ("real words only for common damage") no longer does. */
START_TEST(test_user_words_in_damaged_document)
{
    const char *t = "Several atempts failed. Lavrov said ater talks.";
    ligfix_model *m = new_model();
    ligfix_error err = {0};
    ck_assert_int_eq(ligfix_model_add_word(m, "atempts", &err), LIGFIX_OK);
    ligfix_checker *c = ligfix_checker_new(m, &err);
    ck_assert_ptr_nonnull(c);
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    ck_assert_ptr_nonnull(applied_span(r, "ater")); /* the rest still works */
    const ligfix_span *s = applied_span(r, "atempts");
    ck_assert_msg(s == NULL, "user word 'atempts' repaired to '%s' (confidence %.4f)",
                  s ? s->replacement : "", s ? s->confidence : 0.0);
    ligfix_result_free(r);
    ligfix_checker_free(c);
    ligfix_model_free(m);
}
END_TEST

/* Scans t with a fresh checker: nothing may be applied. */
static void expect_none_applied(const char *t)
{
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    for (size_t i = 0; i < ligfix_result_count(r); i++) {
        const ligfix_span *s = ligfix_result_span(r, i);
        ck_assert_msg(!s->applied, "'%s' -> '%s' applied (confidence %.4f)", s->observed,
                      s->replacement, s->confidence);
    }
    ligfix_result_free(r);
    ligfix_checker_free(c);
}

/* Regression test: an extractor that puts stray spaces inside words ("wh
 * ile") leaves fragments that are no words; joined to their neighbour they
 * are one, and that, not a lost fi ligature ("wh file"), explains them.
 * Before split words were a reading of their own, "ile" -> "file" and
 * "ish" -> "fish" were applied at 0.97 and 0.84. */
START_TEST(test_stray_space_in_word)
{
    expect_none_applied("I will keep it in m ind, and we w ish to see the sea wh ile we can. "
                        "The k ind man said so.\n");
}
END_TEST

/* Regression test: some extractors (pypdf) split words anywhere, and the
 * halves are often short tokens the language model knows ("wa", "sh", "th").
 * They were read as a lost ligature ("wa s" -> watts, "th e" -> The, at
 * 0.72 to 1.00), because split words were only tried for tokens the model
 * lacks, the other half still counted as a word of its own, and a kept Th
 * glyph was allowed in lower case. */
START_TEST(test_stray_splits_anywhere)
{
    expect_none_applied(
        "When we got back to the house it wa s nearly dark, and sh e was waiting at th e gate "
        "with a lamp. The wind wa s cold off the river, so we went in and sat by th e stove. "
        "She said the po etry book was on the shelf, and the fa mily had gone to bed. Nobody "
        "ne ver asked where we had been, and I wa s glad of that.\n");
}
END_TEST

/* Regression test: pdfminer writes a ligature its font maps to Unicode as
 * the presentation form (ﬆ) and one it does not as a private-use code
 * point, both in one word. The runs around the code point were left whole
 * ("ﬆri" -> "stri", the code point kept), and a restored Th was not tried
 * as the capital it is ("ailand"). */
START_TEST(test_forms_inside_placeholder_runs)
{
    /* (string pieces end after a \x escape that a hex letter follows) */
    const char *doc = "The government imposed \xef\xac\x86ri\xee\x80\xbd controls on the "
                      "a\xee\x80\xbdivities of the press, and the new rules took "
                      "e\xef\xac\x80" "e\xee\x80\xbd in June. Trade with \xee\x81\x89"
                      "ailand fell.";
    size_t n;
    char *out = fix_fresh(doc, strlen(doc), &n);
    ck_assert_msg(strstr(out, "imposed strict controls") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "took effect in") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "with Thailand fell") != NULL, "%s", out);
    ligfix_free(out);
    /* the span names every ligature it restores, in order (it named the
     * placeholder's alone) */
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, doc, strlen(doc));
    const ligfix_span *s = applied_span(r, "\xef\xac\x86ri\xee\x80\xbd");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->ligature, "st,ct");
    s = applied_span(r, "e\xef\xac\x80" "e\xee\x80\xbd");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->ligature, "ff,ct");
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

/* Regression test: a token can join words with '.', '_' or '@'
 * (args.ﬁlenames, liﬆ@python.org, safe_subﬆitute), and the span of a
 * presentation form covered the whole token, not the damaged word. */
START_TEST(test_form_span_is_the_word)
{
    const char *t = "It sets args.\xef\xac\x81lenames to a list. Write to "
                    "li\xef\xac\x86@python.org or call safe_sub\xef\xac\x86itute. "
                    "Don\xe2\x80\x99t re\xef\xac\x81le.\n";
    struct {
        const char *observed, *replacement;
    } want[] = {{"\xef\xac\x81lenames", "filenames"},
                {"li\xef\xac\x86", "list"},
                {"sub\xef\xac\x86itute", "substitute"},
                {"re\xef\xac\x81le", "refile"}};
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        const ligfix_span *s = applied_span(r, want[k].observed);
        ck_assert_msg(s != NULL, "no span '%s'", want[k].observed);
        ck_assert_str_eq(s->replacement, want[k].replacement);
        ck_assert_uint_eq(s->end - s->start, strlen(want[k].observed));
    }
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

/* Regression test: pypdf spells ligatures by glyph name (/f_i) and puts
 * stray spaces in words, often beside a ligature's letters. Names that
 * spell no dictionary word (h/t_tps, geta/t_tr) were left, a space before
 * or inside a kept glyph (coopera tion) was not read as its damage, and a
 * name split by a stray space (w hi/c_h) was repaired by halves ("w hich"). */
START_TEST(test_pypdf_like_document)
{
    const char *doc =
        "The o/f_fice wa s closed, so th e clerk le/f_t a note w hi/c_h said the /f_iles were "
        "on the shelf. See h/t_tps://example.org for the a/c_tual rules, or call geta/t_tr on "
        "the obje/c_t. Their coopera tion made the democrati zation of the city possible, and "
        "the clerk wa s glad th e work was done a/f_ter all.\n";
    const char *want =
        "The office wa s closed, so th e clerk left a note which said the files were on the "
        "shelf. See https://example.org for the actual rules, or call getattr on the object. "
        "Their cooperation made the democratization of the city possible, and the clerk wa s "
        "glad th e work was done after all.\n";
    size_t n;
    char *out = fix_fresh(doc, strlen(doc), &n);
    ck_assert_str_eq(out, want);
    ligfix_free(out);
}
END_TEST

/* Regression test: two ligatures side by side (fi and ft in fifty) leave
 * two placeholders; a pair of code points was read only as one glyph
 * ("<U+FFFD><U+FFFD>y" -> fly, and "...een" left). */
START_TEST(test_placeholder_pair_two_glyphs)
{
    const char *doc = "He was only \xef\xbf\xbd\xef\xbf\xbd" "een years old, and "
                      "\xef\xbf\xbd\xef\xbf\xbdy men came with him.";
    size_t n;
    char *out = fix_fresh(doc, strlen(doc), &n);
    ck_assert_str_eq(out, "He was only fifteen years old, and fifty men came with him.");
    ligfix_free(out);
}
END_TEST

/* Regression test: an extraction through PostScript numbers each page's
 * font subset anew, so a control code (\x01) is ch on one page and st on
 * the next. The document's votes mixed them, and "\x01airs" read the same
 * (chairs) on both. */
START_TEST(test_control_codes_by_place)
{
    const char *a = "The \x01ur\x01 bell rang, and mu\x01 of the village came to hear whi\x01 way "
                    "the \x01ild went. Ea\x01 \x01ild sang, su\x01 was the \x01" "eerful \x01oir, and "
                    "the tea\x01" "er wat\x01" "ed them. ";
    const char *b = "The fir\x01 man was the la\x01 to leave, and mo\x01 of the re\x01 ju\x01 "
                    "\x01ood \x01ill. The ma\x01" "er \x01" "ared at the \x01orm and the ca\x01le, and the "
                    "fro\x01 was \x01rong. ";
    char doc[4096] = "";
    for (int k = 0; k < 8; k++)
        strcat(doc, a);
    strcat(doc, "There were six \x01" "airs in the room.\n\n");
    for (int k = 0; k < 8; k++)
        strcat(doc, b);
    strcat(doc, "There were six \x01" "airs in the room.\n");
    size_t n;
    char *out = fix_fresh(doc, strlen(doc), &n);
    const char *first = strstr(out, "six ");
    ck_assert_ptr_nonnull(first);
    ck_assert_msg(strncmp(first, "six chairs", 10) == 0, "%.12s", first);
    const char *second = strstr(first + 1, "six ");
    ck_assert_ptr_nonnull(second);
    ck_assert_msg(strncmp(second, "six stairs", 10) == 0, "%.12s", second);
    ligfix_free(out);
}
END_TEST

START_TEST(test_versions)
{
    ck_assert_int_eq(ligfix_version(), LIGFIX_VERSION);
    ck_assert_str_eq(ligfix_version_string(), LIGFIX_VERSION_STRING);
    char buf[32];
    snprintf(buf, sizeof buf, "%d.%d.%d", LIGFIX_VERSION_MAJOR, LIGFIX_VERSION_MINOR,
             LIGFIX_VERSION_PATCH);
    ck_assert_str_eq(ligfix_version_string(), buf);
    ck_assert_int_eq(ligfix_version() >> 16, LIGFIX_VERSION_MAJOR);
    ck_assert_int_eq((ligfix_version() >> 8) & 0xFF, LIGFIX_VERSION_MINOR);
    ck_assert_int_eq(ligfix_version() & 0xFF, LIGFIX_VERSION_PATCH);
}
END_TEST

START_TEST(test_status_strings)
{
    const int codes[] = {LIGFIX_OK,         LIGFIX_ERR_ARGUMENT, LIGFIX_ERR_NOMEM,
                         LIGFIX_ERR_DICTIONARY, LIGFIX_ERR_DATA, LIGFIX_ERR_ICU,
                         LIGFIX_ERR_IO};
    const size_t n = sizeof codes / sizeof *codes;
    for (size_t i = 0; i < n; i++) {
        const char *s = ligfix_status_string(codes[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert_uint_gt(strlen(s), 0);
        ck_assert_ptr_null(strchr(s, '\n'));
        for (size_t k = 0; k < i; k++)
            ck_assert_str_ne(s, ligfix_status_string(codes[k]));
    }
    /* unknown codes get a string too, not one of the known ones */
    const int unknown[] = {-1, LIGFIX_ERR_IO + 1, 1000, -2147483647 - 1};
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
        const char *s = ligfix_status_string(unknown[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert_uint_gt(strlen(s), 0);
        for (size_t k = 0; k < n; k++)
            ck_assert_str_ne(s, ligfix_status_string(codes[k]));
    }
}
END_TEST

START_TEST(test_simple_fix)
{
    ligfix_error err = {0};
    size_t n = 0;
    const char *t = "Lavrov said ater talks.";
    char *out = ligfix_fix(t, strlen(t), &n, &err);
    ck_assert_msg(out != NULL, "ligfix_fix: %s", err.message);
    ck_assert_str_eq(out, "Lavrov said after talks.");
    ck_assert_uint_eq(n, strlen(out));
    ligfix_free(out);
    /* again (the default model is loaded once), with no out_len or err */
    out = ligfix_fix("The \xef\xac\x81rst day.", 15, NULL, NULL);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "The first day.");
    ligfix_free(out);
    /* empty */
    n = 7;
    out = ligfix_fix("", 0, &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(out, "");
    ligfix_free(out);
    /* NUL bytes are text */
    static const char nul[] = "ater\0ater";
    out = ligfix_fix(nul, sizeof nul - 1, &n, &err);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_ge(n, sizeof nul - 1);
    ck_assert_int_eq(out[n], '\0');
    ck_assert_ptr_nonnull(memchr(out, '\0', n)); /* the inner NUL is kept */
    ligfix_free(out);
}
END_TEST

START_TEST(test_alternatives)
{
    ligfix_checker *c = unit_checker();
    const char *t = "Lavrov said ater talks. Several atempts failed. The o ce was e ective.";
    ligfix_result *r = scan_ok(c, t, strlen(t));
    check_spans(t, strlen(t), r, 0.5);
    ck_assert_uint_ge(ligfix_result_count(r), 2);
    const ligfix_span *s = applied_span(r, "ater");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_ge(s->n_alternatives, 2);
    ck_assert_str_eq(s->alternatives[0].word, "after");
    /* the observed reading is among the alternatives, less probable */
    int has_observed = 0;
    for (size_t k = 0; k < s->n_alternatives; k++)
        if (!strcmp(s->alternatives[k].word, "ater")) {
            has_observed = 1;
            ck_assert_double_lt(s->alternatives[k].probability, s->alternatives[0].probability);
        }
    ck_assert(has_observed);
    ligfix_result_free(r);
    ligfix_checker_free(c);
}
END_TEST

START_TEST(test_big_input)
{
    /* a 1 MB word and a long document: no crash, spans inside */
    size_t n = (size_t)1 << 20;
    char *t = malloc(n + 64);
    ck_assert_ptr_nonnull(t);
    memset(t, 'a', n);
    strcpy(t + n, " Lavrov said ater talks.");
    size_t len = strlen(t);
    ligfix_checker *c = unit_checker();
    ligfix_result *r = scan_ok(c, t, len);
    check_spans(t, len, r, 0.5);
    const ligfix_span *s = applied_span(r, "ater");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->start, n + 13);
    ligfix_result_free(r);
    free(t);

    /* many repeated sentences */
    const char *sent = "Lavrov said ater talks; the o ce was e ective. ";
    size_t sl = strlen(sent), reps = 2000;
    t = malloc(sl * reps + 1);
    ck_assert_ptr_nonnull(t);
    for (size_t i = 0; i < reps; i++)
        memcpy(t + i * sl, sent, sl);
    t[sl * reps] = '\0';
    r = scan_ok(c, t, sl * reps);
    check_spans(t, sl * reps, r, 0.5);
    ck_assert_uint_ge(n_applied(r), reps * 3);
    ligfix_result_free(r);
    free(t);
    ligfix_checker_free(c);
}
END_TEST

Suite *suite_api(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_ater_span);
    tcase_add_test(tc, test_case_kept);
    tcase_add_test(tc, test_non_ascii_offsets);
    tcase_add_test(tc, test_multisite);
    tcase_add_test(tc, test_spans_well_formed);
    tcase_add_test(tc, test_threshold);
    tcase_add_test(tc, test_clean_text);
    tcase_add_test(tc, test_presentation_form);
    tcase_add_test(tc, test_placeholder);
    tcase_add_test(tc, test_space_mode_and_reset);
    tcase_add_test(tc, test_set_ligatures_modes);
    tcase_add_test(tc, test_space_merged_at_edges);
    tcase_add_test(tc, test_space_merged_at_split_edges);
    tcase_add_test(tc, test_null_arguments);
    tcase_add_test(tc, test_text_too_long);
    tcase_add_test(tc, test_missing_files);
    tcase_add_test(tc, test_user_words);
    tcase_add_test(tc, test_user_words_added_after_checker);
    tcase_add_test(tc, test_user_words_in_damaged_document);
    tcase_add_test(tc, test_stray_space_in_word);
    tcase_add_test(tc, test_stray_splits_anywhere);
    tcase_add_test(tc, test_forms_inside_placeholder_runs);
    tcase_add_test(tc, test_form_span_is_the_word);
    tcase_add_test(tc, test_pypdf_like_document);
    tcase_add_test(tc, test_placeholder_pair_two_glyphs);
    tcase_add_test(tc, test_control_codes_by_place);
    tcase_add_test(tc, test_versions);
    tcase_add_test(tc, test_status_strings);
    tcase_add_test(tc, test_simple_fix);
    tcase_add_test(tc, test_alternatives);
    tcase_add_test(tc, test_big_input);
    suite_add_tcase(s, tc);
    return s;
}
