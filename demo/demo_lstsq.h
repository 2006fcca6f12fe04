/* The least-squares half of the demo: one tall A (m-by-n, row-major, m >= n), many b's,
 * minimise ||A x_j - b_j|| for each, three ways through fastlinalg's C API:
 *   (a) lstsq per b: a fresh factorization for every b, which is what calling
 *       scipy.linalg.lstsq / numpy.linalg.lstsq once per b does,
 *   (b) one handle + a solve per b,
 *   (c) one handle + one multi-right-hand-side solve,
 * with QR (full rank only), COD and SVD, on a full-rank and a rank-deficient A. */
#ifndef FL_DEMO_LSTSQ_H
#define FL_DEMO_LSTSQ_H

#include <stdint.h>

typedef struct {
    int64_t m, n, rank, k; /* A m-by-n of the given rank (rank = n: uniform, full rank), k b's */
    int64_t sample_a;      /* b's timed for (a), then extrapolated to k; k = all */
    int max_runs;          /* repeats of each strategy, the median is reported ... */
    double budget_s;       /* ... but no new repeat starts once this much time is spent */
    const char *title;
} demo_lstsq_workload;

/* Runs every kind and strategy on the workload, prints a table; returns 0 when every
 * solve succeeded with a small residual. */
int demo_run_lstsq(const demo_lstsq_workload *w);

/* max over j < count of ||A^T (b_j - A x_j)||_2 / (||A||_F^2 ||x_j||_2 m eps): the
 * normal-equation residual, O(1) for a backward-stable least-squares solve (also a
 * minimum-norm one for rank-deficient A). A is m-by-n row-major, b's m long, x's n long,
 * each contiguous. Negative if memory runs out. */
double demo_max_normal_residual(int64_t m, int64_t n, const double *a, int64_t count, const double *b,
                                const double *x);

#endif
