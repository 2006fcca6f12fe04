/* The three ways to solve A x_j = b_j for many b's, all through fastlinalg's C API.
 * A is n-by-n row-major (numpy's layout); the b's and x's are stored one after the
 * other, each contiguous (an n-by-k column-major matrix, ld = n). Each function
 * solves b_0 .. b_{count-1}, writes x_0 .. x_{count-1} and returns FL_OK or the
 * first failure (fl_last_error() then says why). */
#ifndef FL_DEMO_STRATEGIES_H
#define FL_DEMO_STRATEGIES_H

#include <fastlinalg/fastlinalg.h>

/* (a) What np.linalg.solve in a loop does: factor A again for every b, solve one b. */
fl_status demo_refactor_per_b(int64_t n, const double *a, int64_t count, const double *b, double *x);

/* (b) The seed's lu_factor once, then lu_solve for each b in turn. */
fl_status demo_factor_once_solve_per_b(int64_t n, const double *a, int64_t count, const double *b, double *x);

/* (c) Factor once, then one solve with all the b's as the columns of B. */
fl_status demo_factor_once_solve_all(int64_t n, const double *a, int64_t count, const double *b, double *x);

#endif
