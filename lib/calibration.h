/* Calibration: a monotone map from the logit of a repair's posterior to
 * the share of such repairs that are right (isotonic regression).
 * Written by tools/fit_calibration.py from ligfix's own damaged text
 * (51 sets made by tools/make_train_sets.sh: 101193 non-word, 8933 capitalised non-word
 * and 226491 real-word spans).
 * Do not edit by hand: rerun the script. */
#ifndef LF_CALIBRATION_H
#define LF_CALIBRATION_H
#define LF_CAL_NONWORD_N 25
#define LF_CAL_NONWORD_X {-20.0000, -8.0757, -5.0462, -4.2081, -3.5881, -3.4408, -2.9681, -2.0552, -1.7113, -1.3633, -0.3939, 0.0235, 0.1336, 0.5390, 0.9407, 1.1684, 1.3142, 1.5797, 1.9976, 2.5218, 2.8606, 2.9683, 3.7535, 16.2681, 20.0000}
#define LF_CAL_NONWORD_Y {0.0001, 0.0301, 0.1000, 0.1000, 0.2083, 0.2273, 0.2778, 0.3795, 0.4167, 0.5773, 0.6514, 0.6514, 0.6921, 0.7276, 0.7603, 0.7898, 0.8580, 0.8888, 0.9039, 0.9186, 0.9300, 0.9566, 0.9745, 0.9973, 0.9973}
#define LF_CAL_REALWORD_N 26
#define LF_CAL_REALWORD_X {-20.0000, -16.7762, -4.2628, -3.1818, -2.7748, -2.2632, -1.7874, -1.5715, -1.4207, -1.2432, -1.1842, -1.1303, -0.8292, -0.5459, -0.0857, 0.7077, 1.3197, 1.6683, 2.1146, 2.5504, 3.0662, 4.2255, 5.6009, 7.5661, 17.1805, 20.0000}
#define LF_CAL_REALWORD_Y {0.0003, 0.0003, 0.0159, 0.0374, 0.0613, 0.1122, 0.1883, 0.2045, 0.2145, 0.3056, 0.3250, 0.3444, 0.3837, 0.4375, 0.4631, 0.6592, 0.7014, 0.7014, 0.7690, 0.7857, 0.9202, 0.9528, 0.9749, 0.9894, 0.9995, 0.9995}
#define LF_CAL_CAPITAL_N 13
#define LF_CAL_CAPITAL_X {-20.0000, -7.5238, -2.8295, -2.5846, -2.2468, -1.0689, -0.5902, -0.0989, 0.5334, 2.6240, 3.7901, 7.0221, 20.0000}
#define LF_CAL_CAPITAL_Y {0.0003, 0.0044, 0.2143, 0.2500, 0.5000, 0.6765, 0.7000, 0.7823, 0.8594, 0.9247, 0.9286, 0.9623, 0.9999}
#endif
