#include "demo_lstsq.h"

#include "demo_util.h"

#include <cblas.h>
#include <fastlinalg/fastlinalg.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RUNS 9
/* The normal-equation residual of a backward-stable solve is O(1), as in LAPACK's tests. */
#define RESIDUAL_LIMIT 100.0

double demo_max_normal_residual(int64_t m, int64_t n, const double *a, int64_t count, const double *b,
                                const double *x) {
    if (m == 0 || n == 0 || count == 0) return 0.0;
    double *r = malloc((size_t)(m * count) * sizeof *r);
    double *g = malloc((size_t)(n * count) * sizeof *g);
    if (!r || !g) {
        free(r), free(g);
        return -1.0;
    }
    memcpy(r, b, (size_t)(m * count) * sizeof *r);
    /* Row-major A (m-by-n) is, column-major, A^T (n-by-m, ld n). R = B - A X, G = A^T R. */
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)m, (int)count, (int)n, -1.0, a, (int)n, x, (int)n, 1.0,
                r, (int)m);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)count, (int)m, 1.0, a, (int)n, r, (int)m, 0.0,
                g, (int)n);
    double fro2 = 0.0;
    for (int64_t i = 0; i < m * n; ++i) fro2 += a[i] * a[i];
    double worst = 0.0;
    for (int64_t j = 0; j < count; ++j) {
        const double denom = fro2 * cblas_dnrm2((int)n, x + j * n, 1) * (double)m * DBL_EPSILON;
        const double gj = cblas_dnrm2((int)n, g + j * n, 1);
        const double ratio = denom > 0.0 ? gj / denom : (gj > 0.0 ? INFINITY : 0.0);
        if (!(ratio <= worst)) worst = ratio; /* NaN propagates */
    }
    free(r), free(g);
    return worst;
}

static fl_status create(fl_factor **f, fl_factor_kind kind, int64_t m, int64_t n, const double *a) {
    return fl_factor_create(f, kind, FL_FLOAT64, FL_ROW_MAJOR, m, n, a, n, NULL);
}

static fl_status solve(const fl_factor *f, int64_t m, int64_t n, int64_t count, const double *b, double *x) {
    return fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, count, FL_COL_MAJOR, b, m, FL_COL_MAJOR, x, n);
}

/* strategy 0: factor per b; 1: one handle, solve per b; 2: one handle, one solve. */
static fl_status run_strategy(int s, fl_factor_kind kind, int64_t m, int64_t n, const double *a, int64_t count,
                              const double *b, double *x) {
    fl_factor *f = NULL;
    fl_status st = FL_OK;
    if (s == 0) {
        for (int64_t j = 0; st == FL_OK && j < count; ++j) {
            st = create(&f, kind, m, n, a);
            if (st == FL_OK) st = solve(f, m, n, 1, b + j * m, x + j * n);
            fl_factor_destroy(f);
            f = NULL;
        }
        return st;
    }
    st = create(&f, kind, m, n, a);
    if (s == 1)
        for (int64_t j = 0; st == FL_OK && j < count; ++j) st = solve(f, m, n, 1, b + j * m, x + j * n);
    else if (st == FL_OK)
        st = solve(f, m, n, count, b, x);
    fl_factor_destroy(f);
    return st;
}

static const char *const strategy_names[3] = {
    "(a) C loop: factor + solve per b",
    "(b) factor once, C loop: one solve per b",
    "(c) factor once, one solve for all b's",
};

/* A = uniform m-by-n, or for rank < n the product of uniform m-by-rank and rank-by-n. */
static int fill_matrix(double *a, int64_t m, int64_t n, int64_t rank) {
    if (rank >= n) {
        demo_fill_uniform(a, m * n, 11);
        return 0;
    }
    double *p = malloc((size_t)(m * rank) * sizeof *p), *q = malloc((size_t)(rank * n) * sizeof *q);
    if (!p || !q) {
        free(p), free(q);
        return 1;
    }
    demo_fill_uniform(p, m * rank, 12);
    demo_fill_uniform(q, rank * n, 13);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)n, (int)rank, 1.0, p, (int)rank, q, (int)n,
                0.0, a, (int)n);
    free(p), free(q);
    return 0;
}

int demo_run_lstsq(const demo_lstsq_workload *w) {
    const int64_t m = w->m, n = w->n, k = w->k;
    double *a = malloc((size_t)(m * n) * sizeof *a);
    double *b = malloc((size_t)(m * k) * sizeof *b);
    double *x = malloc((size_t)(n * k) * sizeof *x);
    int failed = 0;
    if (!a || !b || !x || fill_matrix(a, m, n, w->rank)) {
        fprintf(stderr, "out of memory for %lldx%lld, %lld b's\n", (long long)m, (long long)n, (long long)k);
        free(a), free(b), free(x);
        return 1;
    }
    demo_fill_uniform(b, m * k, 14);
    printf("\n%s: A is %lldx%lld %s row-major, %lld b's\n", w->title, (long long)m, (long long)n,
           w->rank >= n ? "uniform [0,1), full rank," : "of lower rank (a product of uniform factors),", (long long)k);
    printf("  %-8s %-38s %11s  %9s %10s   %s\n", "kind", "strategy", "time", "speedup", "residual", "timing");
    const struct {
        const char *name;
        fl_factor_kind kind;
    } kinds[3] = {{"QR", FL_FACTOR_QR}, {"COD", FL_FACTOR_COD}, {"SVD", FL_FACTOR_SVD}};
    int extrapolated = 0;
    for (int kk = w->rank >= n ? 0 : 1; kk < 3 && !failed; ++kk) {
        /* Untimed warm-up: starts the BLAS threads, touches the memory, reports the rank. */
        fl_factor *f = NULL;
        int64_t rank = -1;
        if (create(&f, kinds[kk].kind, m, n, a) != FL_OK) {
            fprintf(stderr, "%s failed: %s\n", kinds[kk].name, fl_last_error());
            free(a), free(b), free(x);
            return 1;
        }
        if (kinds[kk].kind != FL_FACTOR_QR) fl_factor_rank(f, &rank);
        fl_factor_destroy(f);
        double time_a = 0.0;
        for (int s = 0; s < 3 && !failed; ++s) {
            const int64_t count = s == 0 ? w->sample_a : k;
            double times[MAX_RUNS], spent = 0.0;
            int r = 0;
            for (int64_t i = 0; i < n * k; ++i) x[i] = NAN;
            while (r < w->max_runs && r < MAX_RUNS && (r == 0 || spent < w->budget_s)) {
                double t0 = demo_now();
                fl_status st = run_strategy(s, kinds[kk].kind, m, n, a, count, b, x);
                times[r] = demo_now() - t0;
                if (st != FL_OK) {
                    fprintf(stderr, "%s %s failed: %s: %s\n", kinds[kk].name, strategy_names[s], fl_status_string(st),
                            fl_last_error());
                    failed = 1;
                    break;
                }
                spent += times[r++];
            }
            if (failed) break;
            const double seconds = demo_median(times, r) * (double)k / (double)count;
            const double residual = demo_max_normal_residual(m, n, a, count, b, x);
            if (s == 0) time_a = seconds;
            char when[32], how[96], label[16];
            demo_format_time(seconds, when, sizeof when);
            if (s == 0 && count < k) {
                snprintf(how, sizeof how, "EXTRAPOLATED from %lld of %lld b's, median of %d", (long long)count,
                         (long long)k, r);
                extrapolated = 1;
            } else {
                snprintf(how, sizeof how, "median of %d run%s", r, r == 1 ? "" : "s");
            }
            if (rank >= 0 && s == 0)
                snprintf(label, sizeof label, "%s r%lld", kinds[kk].name, (long long)rank);
            else
                snprintf(label, sizeof label, "%s", s == 0 ? kinds[kk].name : "");
            printf("  %-8s %-38s %11s%s %8.1fx %10.2e   %s\n", label, strategy_names[s], when,
                   s == 0 && count < k ? "*" : " ", time_a / seconds, residual, how);
            if (!(residual >= 0.0 && residual < RESIDUAL_LIMIT)) {
                fprintf(stderr, "  residual %.3g is not below %g: the result is wrong\n", residual, RESIDUAL_LIMIT);
                failed = 1;
            }
        }
    }
    if (!failed && extrapolated)
        printf("  * (a) was timed on the first %lld b's and scaled to all %lld; its residual covers those b's.\n",
               (long long)w->sample_a, (long long)k);
    free(a), free(b), free(x);
    return failed;
}
