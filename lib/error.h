/* Filling the caller's ligfix_error. */
#ifndef LF_ERROR_H
#define LF_ERROR_H
#include "ligfix.h"

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int lf_error_set(ligfix_error *err, int code, const char *fmt, ...);
void lf_error_clear(ligfix_error *err);

#endif
