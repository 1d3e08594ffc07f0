/* Calibration: a monotone map from the logit of a repair's posterior to
 * the share of such repairs that are right (isotonic regression).
 * Written by tools/fit_calibration.py from ligfix's own damaged text
 * (81 sets made by tools/make_train_sets.sh: 120429 non-word and 236798 real-word spans).
 * Do not edit by hand: rerun the script. */
#ifndef LF_CALIBRATION_H
#define LF_CALIBRATION_H
#define LF_CAL_NONWORD_N 5
#define LF_CAL_NONWORD_X {-6.9321, 2.1621, 4.7478, 7.8473, 20.0000}
#define LF_CAL_NONWORD_Y {0.0058, 0.8038, 0.9609, 0.9798, 1.0000}
#define LF_CAL_REALWORD_N 7
#define LF_CAL_REALWORD_X {-20.0000, -8.8848, -7.2291, -6.3796, -4.4100, 3.5794, 20.0000}
#define LF_CAL_REALWORD_Y {0.0000, 0.0001, 0.0012, 0.0019, 0.0130, 0.9164, 0.9999}
#endif
