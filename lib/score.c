#include <math.h>

#include "calibration.h"
#include "score.h"

void lf_softmax10(double *s, int n)
{
    if (n <= 0)
        return;
    double max = s[0], sum = 0;
    for (int i = 1; i < n; i++)
        if (s[i] > max)
            max = s[i];
    for (int i = 0; i < n; i++) {
        double d = s[i] - max;
        s[i] = d == 0 ? 1.0 : pow(10.0, d); /* pow(10, 0) is 1 exactly: the best costs no call */
        sum += s[i];
    }
    for (int i = 0; i < n; i++)
        s[i] /= sum;
}

int lf_softmax10_at_most(const double *s, int n, int i, double lp)
{
    double max = s[0];
    for (int k = 0; k < n; k++) {
        if (s[k] != s[k])
            return 0;
        if (s[k] > max)
            max = s[k];
    }
    /* the same difference lf_softmax10 raises 10 to; pow is monotone */
    return s[i] - max <= lp;
}

typedef struct {
    int n;
    const double *x, *y;
} knots;

static const double nonword_x[] = LF_CAL_NONWORD_X, nonword_y[] = LF_CAL_NONWORD_Y;
static const double realword_x[] = LF_CAL_REALWORD_X, realword_y[] = LF_CAL_REALWORD_Y;
static const double capital_x[] = LF_CAL_CAPITAL_X, capital_y[] = LF_CAL_CAPITAL_Y;
static const knots tables[LF_CAL_KINDS] = {
    {LF_CAL_NONWORD_N, nonword_x, nonword_y},
    {LF_CAL_REALWORD_N, realword_x, realword_y},
    {LF_CAL_CAPITAL_N, capital_x, capital_y},
};

double lf_calibrate(double p, int kind)
{
    /* A monotone map from the posterior's logit to the share of repairs
     * that were right, fitted by tools/fit_calibration.py on text we
     * damaged ourselves; linear between knots, flat beyond them. */
    const double eps = 1e-9;
    if (kind < 0 || kind >= LF_CAL_KINDS)
        kind = LF_CAL_NONWORD;
    const knots *k = &tables[kind];
    p = p < eps ? eps : p > 1 - eps ? 1 - eps : p;
    double z = log(p / (1 - p));
    if (z <= k->x[0])
        return k->y[0];
    for (int i = 1; i < k->n; i++)
        if (z <= k->x[i])
            return k->y[i - 1] + (k->y[i] - k->y[i - 1]) * (z - k->x[i - 1]) / (k->x[i] - k->x[i - 1]);
    return k->y[k->n - 1];
}
