/* Calibration: a monotone map from the logit of a repair's posterior to
 * the share of such repairs that are right (isotonic regression).
 * Written by tools/fit_calibration.py from ligfix's own damaged text
 * (51 sets made by tools/make_train_sets.sh: 100632 non-word, 8714 capitalised non-word
 * and 226437 real-word spans).
 * Do not edit by hand: rerun the script. */
#ifndef LF_CALIBRATION_H
#define LF_CALIBRATION_H
#define LF_CAL_NONWORD_N 5
#define LF_CAL_NONWORD_X {-7.7182, 2.5256, 4.4629, 7.5957, 20.0000}
#define LF_CAL_NONWORD_Y {0.0140, 0.8972, 0.9860, 0.9922, 1.0000}
#define LF_CAL_REALWORD_N 7
#define LF_CAL_REALWORD_X {-20.0000, -8.8839, -7.2289, -6.3432, -4.4453, 3.6351, 11.7846}
#define LF_CAL_REALWORD_Y {0.0000, 0.0001, 0.0012, 0.0019, 0.0115, 0.9614, 0.9988}
#define LF_CAL_CAPITAL_N 5
#define LF_CAL_CAPITAL_X {-20.0000, -7.4154, 1.6631, 7.2189, 20.0000}
#define LF_CAL_CAPITAL_Y {0.0003, 0.0025, 0.9348, 0.9653, 0.9999}
#endif
