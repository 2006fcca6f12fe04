#include "demo_batched.h"

#include "demo_util.h"

#include <fastlinalg/fastlinalg.h>
#include <lapacke.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUNS 5

typedef struct {
    int64_t count, n;
    const double *a, *b; /* count row-major n-by-n A's, count b's of n, contiguous */
    double *x;
} stack_problem;

/* (a) one fl_factor per system. */
static int loop_of_single_solves(const stack_problem *p) {
    const int64_t n = p->n;
    for (int64_t l = 0; l < p->count; ++l) {
        fl_factor *f = NULL;
        fl_status s = fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, n, n,
                                       p->a + l * n * n, n, NULL);
        if (s == FL_OK)
            s = fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, 1, FL_ROW_MAJOR, p->b + l * n, 1,
                                FL_ROW_MAJOR, p->x + l * n, 1);
        fl_factor_destroy(f);
        if (s != FL_OK) return 1;
    }
    return 0;
}

/* (b) numpy's stacked solve in C: per matrix, a copy LAPACK may overwrite, getrf, getrs. A
 * row-major A is the column-major A^T, so the transposed solve answers A x = b. */
static int lapack_per_matrix(const stack_problem *p) {
    const int64_t n = p->n;
    double *f = malloc((size_t)(n * n) * sizeof *f);
    lapack_int *ipiv = malloc((size_t)n * sizeof *ipiv);
    int failed = f == NULL || ipiv == NULL;
    for (int64_t l = 0; l < p->count && !failed; ++l) {
        memcpy(f, p->a + l * n * n, (size_t)(n * n) * sizeof *f);
        memcpy(p->x + l * n, p->b + l * n, (size_t)n * sizeof *f);
        failed = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, f,
                                     (lapack_int)n, ipiv) != 0 ||
                 LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, 'T', (lapack_int)n, 1, f, (lapack_int)n,
                                     ipiv, p->x + l * n, (lapack_int)n) != 0;
    }
    free(f);
    free(ipiv);
    return failed;
}

/* (c) the whole stack in one call. */
static int stack_solve(const stack_problem *p) {
    const int64_t n = p->n;
    int32_t *info = malloc((size_t)p->count * sizeof *info);
    int failed = info == NULL || fl_stack_solve(FL_FLOAT64, FL_ROW_MAJOR, p->count, n, p->a, n,
                                                n * n, 1, p->b, 1, n, p->x, 1, n, info) != FL_OK;
    for (int64_t l = 0; l < p->count && !failed; ++l) failed = info[l] != FL_OK;
    free(info);
    return failed;
}

/* max_l ||b_l - A_l x_l||_inf / (||A_l||_inf ||x_l||_inf n eps) */
static double worst_residual(const stack_problem *p) {
    const int64_t n = p->n;
    double worst = 0.0;
    for (int64_t l = 0; l < p->count; ++l) {
        const double *a = p->a + l * n * n, *b = p->b + l * n, *x = p->x + l * n;
        double r = 0.0, an = 0.0, xn = 0.0;
        for (int64_t i = 0; i < n; ++i) {
            double s = b[i], row = 0.0;
            for (int64_t j = 0; j < n; ++j) {
                s -= a[i * n + j] * x[j];
                row += fabs(a[i * n + j]);
            }
            r = fmax(r, fabs(s));
            an = fmax(an, row);
            xn = fmax(xn, fabs(x[i]));
        }
        const double ratio = r / (an * xn * (double)n * 2.220446049250313e-16);
        worst = isnan(ratio) || ratio > worst ? ratio : worst;
    }
    return worst;
}

static int run_size(int64_t count, int64_t n) {
    const char *names[3] = {"(a) loop of single solves (fl_factor_create + solve)",
                            "(b) numpy's stack: LAPACK getrf + getrs per matrix",
                            "(c) fastlinalg batch: fl_stack_solve, one call"};
    int (*ways[3])(const stack_problem *) = {loop_of_single_solves, lapack_per_matrix, stack_solve};
    double *a = malloc((size_t)(count * n * n) * sizeof *a),
           *b = malloc((size_t)(count * n) * sizeof *b);
    double *x = malloc((size_t)(count * n) * sizeof *x);
    int failed = a == NULL || b == NULL || x == NULL;
    if (!failed) {
        demo_fill_uniform(a, count * n * n, 11);
        demo_fill_uniform(b, count * n, 12);
        /* A dominant diagonal keeps every system well conditioned; pivoting still happens. */
        for (int64_t l = 0; l < count; ++l)
            for (int64_t i = 0; i < n; ++i) a[l * n * n + i * n + i] += 0.5 * (double)n;
        printf("\n%lld systems of order %lld, one b each:\n", (long long)count, (long long)n);
        printf("  %-55s %12s %9s %10s\n", "way", "time", "speedup", "residual");
    }
    const stack_problem p = {count, n, a, b, x};
    double base = 0.0;
    for (int w = 0; w < 3 && !failed; ++w) {
        double times[RUNS];
        for (int r = 0; r < RUNS && !failed; ++r) {
            const double t0 = demo_now();
            failed = ways[w](&p);
            times[r] = demo_now() - t0;
        }
        if (failed) break;
        const double t = demo_median(times, RUNS), residual = worst_residual(&p);
        if (w == 0) base = t;
        char when[32];
        demo_format_time(t, when, sizeof when);
        printf("  %-55s %12s %8.1fx %10.2f\n", names[w], when, base / t, residual);
        failed = !(residual < 30.0);
    }
    if (failed) fprintf(stderr, "many small systems (n = %lld): FAILED\n", (long long)n);
    free(a);
    free(b);
    free(x);
    return failed;
}

int demo_run_batched(int quick) {
    printf(
        "\nmany small systems: time is the median of %d runs; speedup: vs (a); residual: max_l\n"
        "||b_l - A_l x_l|| / (||A_l|| ||x_l|| n eps), infinity norms, O(1) is LAPACK's accuracy.\n",
        RUNS);
    int failed = run_size(quick ? 10000 : 1000000, 3);
    if (!failed) failed = run_size(quick ? 1000 : 100000, 8);
    if (!failed) failed = run_size(quick ? 200 : 10000, 16);
    return failed;
}
