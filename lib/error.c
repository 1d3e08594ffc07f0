#include <stdarg.h>
#include <stdio.h>

#include "error.h"

static const char *const status_text[] = {
    [LIGFIX_OK] = "success",
    [LIGFIX_ERR_ARGUMENT] = "invalid argument",
    [LIGFIX_ERR_NOMEM] = "out of memory",
    [LIGFIX_ERR_DICTIONARY] = "dictionary missing or unreadable",
    [LIGFIX_ERR_DATA] = "data file missing or corrupt",
    [LIGFIX_ERR_ICU] = "ICU error",
    [LIGFIX_ERR_IO] = "input/output error",
};

const char *ligfix_status_string(int code)
{
    if (code < 0 || code >= (int)(sizeof status_text / sizeof *status_text) || !status_text[code])
        return "unknown error";
    return status_text[code];
}

/* Returns code so callers can `return lf_error_set(...)`. */
int lf_error_set(ligfix_error *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    /* One line: the message goes to stderr as is. */
    for (char *p = err->message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return code;
}

void lf_error_clear(ligfix_error *err)
{
    if (err) {
        err->code = LIGFIX_OK;
        err->message[0] = '\0';
    }
}
