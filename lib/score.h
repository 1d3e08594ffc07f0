/* Scoring: from log10 scores of competing readings to posteriors, and from
 * a posterior to a calibrated confidence. Knows nothing of where the
 * numbers came from. */
#ifndef LF_SCORE_H
#define LF_SCORE_H

/* Turns log10 scores into probabilities summing to one, in place. */
void lf_softmax10(double *s, int n);
/* Whether lf_softmax10 would give s[i] at most 10^lp (lp < 0) without
 * its pow calls: s[i] trails the largest score by -lp or more (the
 * largest's own term makes the sum at least 1). 0 where a score is NaN. */
int lf_softmax10_at_most(const double *s, int n, int i, double lp);

/* Calibration is fitted apart for repairs of non-words, of capitalised
 * non-words (names are where repairs go wrong) and of dictionary words. */
enum { LF_CAL_NONWORD, LF_CAL_REALWORD, LF_CAL_CAPITAL, LF_CAL_KINDS };
/* Calibrated probability that a repair with this posterior is right. */
double lf_calibrate(double posterior, int kind);

#endif
