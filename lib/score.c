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
        s[i] = pow(10.0, s[i] - max);
        sum += s[i];
    }
    for (int i = 0; i < n; i++)
        s[i] /= sum;
}

double lf_calibrate(double p, int kind)
{
    /* Platt scaling on the logit of the posterior, fitted by
     * tools/fit_calibration.py on text we damaged ourselves. */
    static const double a[LF_CAL_KINDS] = {LF_CAL_NONWORD_A, LF_CAL_REALWORD_A};
    static const double b[LF_CAL_KINDS] = {LF_CAL_NONWORD_B, LF_CAL_REALWORD_B};
    const double eps = 1e-9;
    if (kind < 0 || kind >= LF_CAL_KINDS)
        kind = LF_CAL_NONWORD;
    if (p < eps)
        p = eps;
    if (p > 1 - eps)
        p = 1 - eps;
    double z = a[kind] * log(p / (1 - p)) + b[kind];
    return 1.0 / (1.0 + exp(-z));
}
