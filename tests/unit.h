/* Shared by the Check unit tests: each tests/test_NAME.c defines
 * Suite *suite_NAME(void); the Makefile lists them for unit_main.c. */
#ifndef LIGFIX_UNIT_H
#define LIGFIX_UNIT_H
#include <check.h>
#include "ligfix.h"

/* The model every test shares (en_US + the tree's context data); loaded
 * once, as the thread model intends. */
const ligfix_model *unit_model(void);
/* A fresh checker on that model; the test frees it. */
ligfix_checker *unit_checker(void);

#endif
