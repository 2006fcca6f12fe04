#include "demo_products.h"

#include "demo_util.h"

#include <cblas.h>
#include <fastlinalg/fastlinalg.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_RUNS 9

typedef fl_status (*route_fn)(int64_t n, const double *x, const double *y, double *work,
                              double *out);

static fl_status cholesky(fl_factor **f, int64_t n, const double *x) {
    return fl_factor_create(f, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_ROW_MAJOR, n, n, x, n, NULL);
}

/* out = Y^T W for row-major n-by-n Y and W: column-major they are Y^T and W^T, and the
 * column-major out^T = W^T Y. */
static void transposed_product(int64_t n, const double *y, const double *w, double *out) {
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, (int)n, (int)n, (int)n, 1.0, w, (int)n, y,
                (int)n, 0.0, out, (int)n);
}

/* (a) X^-1 first (potrf + potri inside the library), then X^-1 Y and Y^T (X^-1 Y). */
static fl_status inverse_first(int64_t n, const double *x, const double *y, double *work,
                               double *out) {
    fl_factor *f = NULL;
    double *inv = work, *z = work + n * n;
    fl_status st = cholesky(&f, n, x);
    if (st == FL_OK) st = fl_factor_inverse(f, FL_FLOAT64, FL_ROW_MAJOR, inv, n);
    fl_factor_destroy(f);
    if (st != FL_OK) return st;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0, inv, (int)n,
                y, (int)n, 0.0, z, (int)n);
    transposed_product(n, y, z, out);
    return FL_OK;
}

/* (b) Z = X^-1 Y by one multi-right-hand-side solve, then Y^T Z. */
static fl_status solve_then_multiply(int64_t n, const double *x, const double *y, double *work,
                                     double *out) {
    fl_factor *f = NULL;
    fl_status st = cholesky(&f, n, x);
    if (st == FL_OK)
        st = fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, n, FL_ROW_MAJOR, y, n, FL_ROW_MAJOR, work,
                             n);
    fl_factor_destroy(f);
    if (st == FL_OK) transposed_product(n, y, work, out);
    return st;
}

/* (c) Y^T X^-1 Y = (L^-1 Y)^T (L^-1 Y) inside the library. */
static fl_status quadratic_form(int64_t n, const double *x, const double *y, double *work,
                                double *out) {
    (void)work;
    fl_factor *f = NULL;
    fl_status st = cholesky(&f, n, x);
    if (st == FL_OK)
        st = fl_factor_quadratic_form(f, FL_FLOAT64, n, FL_ROW_MAJOR, y, n, FL_ROW_MAJOR, out, n);
    fl_factor_destroy(f);
    return st;
}

static const struct {
    const char *name;
    route_fn fn;
} routes[3] = {
    {"(a) inverse, then two products", inverse_first},
    {"(b) Cholesky solve, then Y^T Z", solve_then_multiply},
    {"(c) fl_factor_quadratic_form", quadratic_form},
};

/* ||a - b||_F / ||b||_F. */
static double relative_difference(int64_t count, const double *a, const double *b) {
    double num = 0.0, den = 0.0;
    for (int64_t i = 0; i < count; ++i) {
        num += (a[i] - b[i]) * (a[i] - b[i]);
        den += b[i] * b[i];
    }
    return den > 0.0 ? sqrt(num / den) : sqrt(num);
}

static int exactly_symmetric(int64_t n, const double *a) {
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < i; ++j)
            if (a[i * n + j] != a[j * n + i]) return 0;
    return 1;
}

int demo_run_products(int64_t n, int max_runs, double budget_s) {
    const size_t nn = (size_t)(n * n);
    double *r = malloc(nn * sizeof *r), *x = malloc(nn * sizeof *x), *y = malloc(nn * sizeof *y);
    double *work = malloc(2 * nn * sizeof *work),
           *out[3] = {malloc(nn * sizeof(double)), malloc(nn * sizeof(double)),
                      malloc(nn * sizeof(double))};
    int failed = !r || !x || !y || !work || !out[0] || !out[1] || !out[2];
    if (failed) fprintf(stderr, "out of memory for n = %lld\n", (long long)n);
    double seconds[3] = {0, 0, 0};
    for (int s = 0; s < 3 && !failed; ++s) {
        if (s == 0) {
            /* X = R R^T + n I (the seed's x @ x.T, shifted to keep X well conditioned so that
             * the three routes can be compared to many digits), Y uniform. */
            demo_fill_uniform(r, n * n, 21);
            demo_fill_uniform(y, n * n, 22);
            cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, (int)n, (int)n, 1.0, r, (int)n,
                        0.0, x, (int)n);
            for (int64_t i = 0; i < n; ++i) {
                x[i * n + i] += (double)n;
                for (int64_t j = 0; j < i; ++j) x[j * n + i] = x[i * n + j];
            }
            routes[2].fn(n, x, y, work, out[2]); /* untimed: starts the BLAS threads */
        }
        double times[MAX_RUNS], spent = 0.0;
        int runs = 0;
        while (runs < max_runs && runs < MAX_RUNS && (runs == 0 || spent < budget_s)) {
            const double t0 = demo_now();
            const fl_status st = routes[s].fn(n, x, y, work, out[s]);
            times[runs] = demo_now() - t0;
            if (st != FL_OK) {
                fprintf(stderr, "%s failed: %s: %s\n", routes[s].name, fl_status_string(st),
                        fl_last_error());
                failed = 1;
                break;
            }
            spent += times[runs++];
        }
        if (!failed) seconds[s] = demo_median(times, runs);
    }
    if (!failed) {
        printf(
            "\nseed 002, Y^T X^-1 Y: X = R R^T + n I (R uniform [0,1)), Y uniform, both %lldx%lld "
            "row-major;\n"
            "each route includes the Cholesky factorization of X\n",
            (long long)n, (long long)n);
        printf("  %-34s %11s %9s  %s\n", "route", "time", "speedup",
               "vs (c): ||R - R_c||_F / ||R_c||_F");
        for (int s = 0; s < 3; ++s) {
            char when[32];
            demo_format_time(seconds[s], when, sizeof when);
            const double diff = relative_difference(n * n, out[s], out[2]);
            printf("  %-34s %11s %8.2fx  %.1e\n", routes[s].name, when, seconds[0] / seconds[s],
                   diff);
            /* cond(X) is about n / 4 (R R^T is near (n^2 / 4) e e^T / n plus a part of size n), so
             * the routes agree to a few hundred n eps. */
            if (!(diff <= 1e3 * (double)n * DBL_EPSILON)) {
                fprintf(stderr, "  %s differs from (c) by %.3g: a result is wrong\n",
                        routes[s].name, diff);
                failed = 1;
            }
        }
        const int symmetric = exactly_symmetric(n, out[2]);
        printf("  (c) is %sexactly symmetric; (a) %s, (b) %s\n", symmetric ? "" : "NOT ",
               exactly_symmetric(n, out[0]) ? "is too" : "is not",
               exactly_symmetric(n, out[1]) ? "is too" : "is not");
        if (!symmetric) failed = 1;
    }
    free(r), free(x), free(y), free(work), free(out[0]), free(out[1]), free(out[2]);
    return failed;
}
