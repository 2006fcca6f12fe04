/* The products half of the demo: seed 002's Y^T X^-1 Y for a symmetric positive definite X
 * (n-by-n) and an n-by-n Y, three ways through fastlinalg's C API, each including the
 * factorization:
 *   (a) inverse first: Cholesky, X^-1 (fl_factor_inverse), then two GEMMs,
 *   (b) solve: Cholesky, Z = X^-1 Y (fl_factor_solve), then Y^T Z,
 *   (c) the Cholesky route: fl_factor_quadratic_form, Z = L^-1 Y and Z^T Z by one
 *       symmetric rank-k update, exactly symmetric, X^-1 never formed. */
#ifndef FL_DEMO_PRODUCTS_H
#define FL_DEMO_PRODUCTS_H

#include <stdint.h>

/* Runs the three routes at order n (the median of up to max_runs runs, no new run once
 * budget_s is spent), prints a table; returns 0 when all three agree and (c) is exactly
 * symmetric. */
int demo_run_products(int64_t n, int max_runs, double budget_s);

#endif
