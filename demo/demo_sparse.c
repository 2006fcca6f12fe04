#include "demo_sparse.h"

#include "demo_util.h"

#include <fastlinalg/fastlinalg.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define CHECK(call)                                                              \
    do {                                                                         \
        fl_status st_ = (call);                                                  \
        if (st_ != FL_OK) {                                                      \
            fprintf(stderr, "%s: %s\n", fl_status_string(st_), fl_last_error()); \
            goto done;                                                           \
        }                                                                        \
    } while (0)

static void print_time(const char *what, double seconds) {
    char buf[32];
    demo_format_time(seconds, buf, sizeof buf);
    printf("  %-52s %12s\n", what, buf);
}

/* W[i, j, :] = A V[i, j, :] for an N-by-N A with N random entries (density 1/N, as in the
 * seed), given as unsorted CSR with possible repeats: the library sorts and sums them. */
static int product(int64_t n, int64_t ni, int64_t nj) {
    const int64_t count = ni * nj;
    int failed = 1;
    int64_t *ptr = calloc((size_t)n + 1, sizeof *ptr), *idx = malloc((size_t)n * sizeof *idx);
    int64_t *rows = malloc((size_t)n * sizeof *rows);
    double *val = malloc((size_t)n * sizeof *val), *r = malloc((size_t)n * 3 * sizeof *r);
    double *v = malloc((size_t)(n * count) * sizeof *v),
           *w = malloc((size_t)(n * count) * sizeof *w);
    fl_sparse *a = NULL;
    if (!ptr || !idx || !rows || !val || !r || !v || !w) goto done;
    demo_fill_uniform(r, 3 * n, 42);
    for (int64_t e = 0; e < n; ++e) rows[e] = (int64_t)(r[e] * (double)n);
    for (int64_t e = 0; e < n; ++e) ++ptr[rows[e] + 1];
    for (int64_t i = 0; i < n; ++i) ptr[i + 1] += ptr[i];
    { /* entries placed row by row, each row's in input order (unsorted, maybe repeated) */
        int64_t *fill = calloc((size_t)n, sizeof *fill);
        if (!fill) goto done;
        for (int64_t e = 0; e < n; ++e) {
            const int64_t slot = ptr[rows[e]] + fill[rows[e]]++;
            idx[slot] = (int64_t)(r[n + e] * (double)n);
            val[slot] = r[2 * n + e];
        }
        free(fill);
    }
    CHECK(fl_sparse_create(&a, FL_SPARSE_CSR, FL_INDEX_INT64, FL_FLOAT64, n, n, ptr, idx, val));
    demo_fill_uniform(v, n * count, 7);
    printf("\nSeed 000's sparse product: (I, J, N) = (%lld, %lld, %lld), A with %lld entries\n",
           (long long)ni, (long long)nj, (long long)n, (long long)n);
    /* The seed's naive loop: one product per vector (it also touches W's pages first). */
    double t0 = demo_now();
    for (int64_t c = 0; c < count; ++c)
        CHECK(fl_sparse_multiply(a, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, v + c * n, n,
                                 FL_COL_MAJOR, w + c * n, n));
    const double per_vector = demo_now() - t0;
    /* One call: V is the N-by-(I J) column-major X, W the N-by-(I J) column-major Y. */
    t0 = demo_now();
    CHECK(fl_sparse_multiply(a, FL_NO_TRANS, FL_FLOAT64, count, FL_COL_MAJOR, v, n, FL_COL_MAJOR, w,
                             n));
    const double one_call = demo_now() - t0;
    print_time("one call for all I J vectors", one_call);
    print_time("one call per vector (the seed's naive loop)", per_vector);
    printf("  %-52s %9.1f GB/s\n", "one call: bytes read + written / time",
           2.0 * (double)(n * count) * sizeof(double) / one_call / 1e9);
    /* Check against a plain loop over the input entries (duplicates add up). */
    double worst = 0;
    for (int64_t c = 0; c < count; c += 97) {
        double *y = calloc((size_t)n, sizeof *y);
        if (!y) goto done;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t k = ptr[i]; k < ptr[i + 1]; ++k) y[i] += val[k] * v[c * n + idx[k]];
        for (int64_t i = 0; i < n; ++i) worst = fmax(worst, fabs(y[i] - w[c * n + i]));
        free(y);
    }
    printf("  %-52s %12.1e\n", "max |W - plain loop| (every 97th vector)", worst);
    failed = worst > 1e-12;
done:
    fl_sparse_destroy(a);
    free(ptr), free(idx), free(rows), free(val), free(r), free(v), free(w);
    return failed;
}

/* The 5-point Laplacian of an m-by-m grid as CSC, values given by the diagonal's `shift`. */
static void laplacian(int64_t m, double shift, int64_t *ptr, int64_t *idx, double *val) {
    int64_t e = 0;
    for (int64_t k = 0; k < m * m; ++k) {
        const int64_t x = k / m, y = k % m;
        const int64_t rows[5] = {k - m, k - 1, k, k + 1, k + m};
        const int present[5] = {x > 0, y > 0, 1, y < m - 1, x < m - 1};
        ptr[k] = e;
        for (int q = 0; q < 5; ++q)
            if (present[q]) {
                idx[e] = rows[q];
                val[e++] = rows[q] == k ? 4.0 + shift : -1.0;
            }
    }
    ptr[m * m] = e;
}

/* max_j ||b_j - A x_j||_inf / (||A||_inf ||x_j||_inf n eps), A x computed by the library. */
static double residual(const fl_sparse *a, int64_t n, int64_t k, const double *b, const double *x,
                       double anorm) {
    double *ax = malloc((size_t)(n * k) * sizeof *ax), worst = -1;
    if (!ax || fl_sparse_multiply(a, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, x, n, FL_COL_MAJOR,
                                  ax, n) != FL_OK)
        goto out;
    worst = 0;
    for (int64_t j = 0; j < k; ++j) {
        double r = 0, xn = 0;
        for (int64_t i = 0; i < n; ++i) {
            r = fmax(r, fabs(b[i + j * n] - ax[i + j * n]));
            xn = fmax(xn, fabs(x[i + j * n]));
        }
        worst = fmax(worst, r / (anorm * xn * (double)n * 2.2e-16));
    }
out:
    free(ax);
    return worst;
}

static int laplacian_solves(int64_t m, int64_t k) {
    const int64_t n = m * m, nnz = 5 * n;
    int failed = 1;
    int64_t *ptr = malloc((size_t)(n + 1) * sizeof *ptr), *idx = malloc((size_t)nnz * sizeof *idx);
    double *val = malloc((size_t)nnz * sizeof *val), *b = malloc((size_t)(n * k) * sizeof *b);
    double *x = malloc((size_t)(n * k) * sizeof *x);
    fl_sparse *a = NULL;
    fl_factor *f = NULL, *g = NULL;
    if (!ptr || !idx || !val || !b || !x) goto done;
    laplacian(m, 0.0, ptr, idx, val);
    CHECK(fl_sparse_create(&a, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n, ptr, idx, val));
    demo_fill_uniform(b, n * k, 11);
    printf("\n2-D Laplacian, %lld x %lld grid (n = %lld), %lld right-hand sides, CHOLMOD\n",
           (long long)m, (long long)m, (long long)n, (long long)k);
    double t0 = demo_now();
    CHECK(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_CHOLESKY, a, NULL));
    print_time("factor (analysis + numeric)", demo_now() - t0);
    t0 = demo_now();
    CHECK(fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, b, n, FL_COL_MAJOR, x, n));
    print_time("one solve of all right-hand sides", demo_now() - t0);
    double worst = residual(a, n, k, b, x, 8.0);
    double logdet = 0;
    CHECK(fl_factor_logdet(f, NULL, &logdet));
    printf("  %-52s %12.6g\n", "log det A", logdet);

    /* Five new sets of values, same pattern: refactor (analysis reused) vs fresh. */
    double t_refactor = 0, t_fresh = 0;
    for (int s = 1; s <= 5 && worst >= 0; ++s) {
        laplacian(m, 0.1 * s, ptr, idx, val);
        CHECK(fl_sparse_set_values(a, FL_FLOAT64, val));
        t0 = demo_now();
        CHECK(fl_factor_refactor(&g, f, a));
        t_refactor += demo_now() - t0;
        fl_factor_destroy(g);
        t0 = demo_now();
        CHECK(fl_factor_create_sparse(&g, FL_FACTOR_SPARSE_CHOLESKY, a, NULL));
        t_fresh += demo_now() - t0;
        CHECK(
            fl_factor_solve(g, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b, n, FL_COL_MAJOR, x, n));
        worst = fmax(worst, residual(a, n, 1, b, x, 8.0 + 0.1 * s));
        fl_factor_destroy(g);
        g = NULL;
    }
    print_time("5 refactorizations with new values (fl_factor_refactor)", t_refactor);
    print_time("5 fresh factorizations (fl_factor_create_sparse)", t_fresh);
    printf("  %-52s %12.3g\n", "largest scaled residual ||b - A x|| / (||A|| ||x|| n eps)", worst);
    failed = !(worst >= 0 && worst < 100);
done:
    fl_factor_destroy(f);
    fl_factor_destroy(g);
    fl_sparse_destroy(a);
    free(ptr), free(idx), free(val), free(b), free(x);
    return failed;
}

int demo_run_sparse(int quick) {
    int failed = product(100, quick ? 50 : 500, quick ? 50 : 500);
    if (!quick && !failed) failed = product(1000, 200, 200);
    if (!failed) failed = laplacian_solves(quick ? 40 : 300, quick ? 20 : 500);
    return failed;
}
