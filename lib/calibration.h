/* Calibration parameters (Platt scaling of the posterior's logit).
 * Written by tools/fit_calibration.py; identity until fitted. */
#ifndef LF_CALIBRATION_H
#define LF_CALIBRATION_H
#define LF_CAL_NONWORD_A 1.0
#define LF_CAL_NONWORD_B 0.0
#define LF_CAL_REALWORD_A 1.0
#define LF_CAL_REALWORD_B 0.0
#endif
