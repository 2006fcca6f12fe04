/* The accuracy check printed next to each timing. */
#ifndef FL_DEMO_RESIDUAL_H
#define FL_DEMO_RESIDUAL_H

#include <stdint.h>

/* max over j < count of ||b_j - A x_j||_inf / (||A||_inf ||x_j||_inf n eps), the
 * scaled residual LAPACK's own tests use: O(1) for a backward-stable solve, however
 * ill-conditioned A is. A is n-by-n row-major; b's and x's as in demo_strategies.h.
 * Returns a negative number if memory runs out. */
double demo_max_scaled_residual(int64_t n, const double *a, int64_t count, const double *b, const double *x);

#endif
