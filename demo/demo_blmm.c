#include "demo_blmm.h"

#include "demo_util.h"

#include <cblas.h>
#include <fastlinalg/fastlinalg.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RUNS 7
/* Largest |difference| relative to the largest |entry|: sums of up to 10^9 products of
 * numbers in [0, 1) stay far below this. */
#define AGREEMENT 1e-9

typedef int (*variant_fn)(void *ctx);

/* The median time of up to MAX_RUNS runs (at least `inner` calls per run), stopping once
 * budget_s is spent. Returns a negative time if a run fails. */
static double time_variant(variant_fn fn, void *ctx, int inner, double budget_s) {
    double times[MAX_RUNS], spent = 0.0;
    int r = 0;
    while (r < MAX_RUNS && (r == 0 || spent < budget_s)) {
        const double t0 = demo_now();
        for (int i = 0; i < inner; ++i)
            if (fn(ctx)) return -1.0;
        times[r] = (demo_now() - t0) / inner;
        spent += times[r++] * inner;
    }
    return demo_median(times, r);
}

/* max |x - y| / max |y|. */
static double relative_difference(const double *x, const double *y, int64_t count) {
    double worst = 0.0, size = 0.0;
    for (int64_t i = 0; i < count; ++i) {
        const double d = fabs(x[i] - y[i]);
        if (!(d <= worst)) worst = d; /* NaN propagates */
        if (fabs(y[i]) > size) size = fabs(y[i]);
    }
    return size > 0.0 ? worst / size : worst;
}

/* ---- the notebook's reshapes, as copies -------------------------------------------------- */

/* matb2vecb(X, n) for a row-major m-by-k X: row i of the l-by-(n k) out is vec(X_i)^T. */
static void notebook_vecb(int64_t m, int64_t k, int64_t n, const double *x, double *out) {
    for (int64_t i = 0; i < m / n; ++i)
        for (int64_t c = 0; c < k; ++c)
            for (int64_t p = 0; p < n; ++p) out[i * n * k + c * n + p] = x[(i * n + p) * k + c];
}

/* The permutation of I_k1 (x) comMat(n, k2) (x) I_n: (IPI v)[r] = v[perm[r]]. comMat(n, k2)
 * sends index s = i + j n (i < n, j < k2) to j + i k2. */
static int64_t *ipi_permutation(int64_t k1, int64_t n, int64_t k2) {
    const int64_t block = n * k2, size = k1 * block * n;
    int64_t *perm = malloc((size_t)size * sizeof *perm);
    if (!perm) return NULL;
    for (int64_t x = 0; x < k1; ++x)
        for (int64_t s = 0; s < block; ++s)
            for (int64_t t = 0; t < n; ++t)
                perm[(x * block + s) * n + t] = (x * block + (s / n + (s % n) * k2)) * n + t;
    return perm;
}

/* ---- Lemma 1: sum_i A_i B_i^T ------------------------------------------------------------- */

typedef struct {
    int64_t m, n, k;
    const double *a, *b;
    double *out, *pa, *pb;
} lemma1;

static int l1_loop(void *p) {
    lemma1 *c = p;
    memset(c->out, 0, (size_t)(c->n * c->n) * sizeof(double));
    for (int64_t i = 0; i < c->m / c->n; ++i)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)c->n, (int)c->n, (int)c->k, 1.0,
                    c->a + i * c->n * c->k, (int)c->k, c->b + i * c->n * c->k, (int)c->k, 1.0,
                    c->out, (int)c->n);
    return 0;
}

static int l1_reshape(void *p) { /* A.transpose().reshape((m k / n, n)): vec(A), copied */
    lemma1 *c = p;
    for (int64_t i = 0; i < c->m; ++i)
        for (int64_t j = 0; j < c->k; ++j) {
            c->pa[i + j * c->m] = c->a[i * c->k + j];
            c->pb[i + j * c->m] = c->b[i * c->k + j];
        }
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)c->n, (int)c->n,
                (int)(c->m * c->k / c->n), 1.0, c->pa, (int)c->n, c->pb, (int)c->n, 0.0, c->out,
                (int)c->n);
    return 0;
}

static int l1_fastlinalg(void *p) {
    lemma1 *c = p;
    return fl_block_sum_abt(FL_FLOAT64, c->m, c->m, c->k, c->n, c->n, FL_ROW_MAJOR, c->a, c->k,
                            FL_ROW_MAJOR, c->b, c->k, FL_ROW_MAJOR, c->out, c->n) != FL_OK;
}

/* ---- Lemma 4: sum_i A_i (x) B_i, and the notebook's route to it ---------------------------- */

typedef struct {
    int64_t m, n, k1, k2;
    const double *a, *b;
    const int64_t *perm;
    double *out, *at, *bt, *prod, *vec, *moved;
} lemma4;

static int l4_loop(void *p) {
    lemma4 *c = p;
    const int64_t n = c->n, k1 = c->k1, k2 = c->k2;
    memset(c->out, 0, (size_t)(n * n * k1 * k2) * sizeof(double));
    for (int64_t i = 0; i < c->m / n; ++i) /* np.kron(A_i, B_i), added */
        for (int64_t p0 = 0; p0 < n; ++p0)
            for (int64_t q = 0; q < n; ++q)
                for (int64_t s = 0; s < k1; ++s)
                    for (int64_t t = 0; t < k2; ++t)
                        c->out[(p0 * n + q) * k1 * k2 + s * k2 + t] +=
                            c->a[(i * n + p0) * k1 + s] * c->b[(i * n + q) * k2 + t];
    return 0;
}

/* The notebook's right-hand side: ((I (x) P (x) I) vec(b~' a~))^{r(n^2, k1 k2)}, n^2-by-k1 k2. */
static int l4_reshape(void *p) {
    lemma4 *c = p;
    const int64_t n = c->n, l = c->m / n, rows = n * c->k2, cols = n * c->k1, size = rows * cols;
    notebook_vecb(c->m, c->k1, n, c->a, c->at);
    notebook_vecb(c->m, c->k2, n, c->b, c->bt);
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)rows, (int)cols, (int)l, 1.0, c->bt,
                (int)rows, c->at, (int)cols, 0.0, c->prod, (int)cols);
    for (int64_t r = 0; r < rows; ++r) /* mat2vec */
        for (int64_t s = 0; s < cols; ++s) c->vec[r + s * rows] = c->prod[r * cols + s];
    for (int64_t r = 0; r < size; ++r) c->moved[r] = c->vec[c->perm[r]]; /* IPI @ vec */
    for (int64_t u = 0; u < n * n; ++u) /* .reshape(k1 k2, n^2).T */
        for (int64_t w = 0; w < c->k1 * c->k2; ++w)
            c->out[u * c->k1 * c->k2 + w] = c->moved[w * n * n + u];
    return 0;
}

static int l4_fastlinalg(void *p) {
    lemma4 *c = p;
    return fl_block_sum_kron(FL_FLOAT64, c->m, c->m, c->k1, c->k2, c->n, c->n, FL_ROW_MAJOR, c->a,
                             c->k1, FL_ROW_MAJOR, c->b, c->k2, FL_ROW_MAJOR, c->out,
                             c->k1 * c->k2) != FL_OK;
}

/* Buffers of the notebook's route for an m-by-k1 A and m-by-k2 B; 0 on success. */
static int l4_alloc(lemma4 *c) {
    const int64_t size = c->n * c->k1 * c->n * c->k2;
    c->at = malloc((size_t)(c->m * c->k1) * sizeof(double));
    c->bt = malloc((size_t)(c->m * c->k2) * sizeof(double));
    c->prod = malloc((size_t)size * sizeof(double));
    c->vec = malloc((size_t)size * sizeof(double));
    c->moved = malloc((size_t)size * sizeof(double));
    return !(c->at && c->bt && c->prod && c->vec && c->moved);
}

static void l4_free(lemma4 *c) {
    free(c->at), free(c->bt), free(c->prod), free(c->vec), free(c->moved);
}

/* ---- Lemma 5: sum_j sum_i A_i B_j^T (x) C_i D_j^T ------------------------------------------- */

typedef struct {
    int64_t m1, m2, n1, n2, k1, k2;
    const double *a, *b, *c, *d;
    lemma4 ac, bd; /* the notebook's two Lemma 4 right-hand sides */
    double *out;
} lemma5;

static int l5_loop(void *p) {
    lemma5 *c = p;
    const int64_t n1 = c->n1, n2 = c->n2;
    double g[64], h[64]; /* A_i B_j^T and C_i D_j^T, n1-by-n2 (n1 n2 <= 64) */
    memset(c->out, 0, (size_t)(n1 * n1 * n2 * n2) * sizeof(double));
    for (int64_t j = 0; j < c->m2 / n2; ++j)
        for (int64_t i = 0; i < c->m1 / n1; ++i) {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n1, (int)n2, (int)c->k1, 1.0,
                        c->a + i * n1 * c->k1, (int)c->k1, c->b + j * n2 * c->k1, (int)c->k1, 0.0,
                        g, (int)n2);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n1, (int)n2, (int)c->k2, 1.0,
                        c->c + i * n1 * c->k2, (int)c->k2, c->d + j * n2 * c->k2, (int)c->k2, 0.0,
                        h, (int)n2);
            for (int64_t p0 = 0; p0 < n1; ++p0)
                for (int64_t q = 0; q < n1; ++q)
                    for (int64_t r = 0; r < n2; ++r)
                        for (int64_t s = 0; s < n2; ++s)
                            c->out[(p0 * n1 + q) * n2 * n2 + r * n2 + s] +=
                                g[p0 * n2 + r] * h[q * n2 + s];
        }
    return 0;
}

static int l5_reshape(void *p) {
    lemma5 *c = p;
    l4_reshape(&c->ac); /* n1^2-by-k1 k2 */
    l4_reshape(&c->bd); /* n2^2-by-k1 k2; the notebook reshapes it the other way round */
    const int64_t kk = c->k1 * c->k2;
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)(c->n1 * c->n1), (int)(c->n2 * c->n2),
                (int)kk, 1.0, c->ac.out, (int)kk, c->bd.out, (int)kk, 0.0, c->out,
                (int)(c->n2 * c->n2));
    return 0;
}

static int l5_fastlinalg(void *p) {
    lemma5 *c = p;
    return fl_block_sum_kron_abt_cdt(FL_FLOAT64, c->m1, c->m2, c->k1, c->k2, c->n1, c->n2,
                                     FL_ROW_MAJOR, c->a, c->k1, FL_ROW_MAJOR, c->b, c->k1,
                                     FL_ROW_MAJOR, c->c, c->k2, FL_ROW_MAJOR, c->d, c->k2,
                                     FL_ROW_MAJOR, c->out, c->n2 * c->n2) != FL_OK;
}

/* ---- running and printing ------------------------------------------------------------------ */

typedef struct {
    const char *title;
    variant_fn fns[3]; /* loop, reshape, fastlinalg */
    void *ctx;
    double *out;      /* where each variant writes */
    int64_t out_size; /* elements */
    int inner;        /* calls per timed run (tiny problems) */
    double budget_s;
} row;

static int run_row(const row *w) {
    double *results[3], times[3];
    for (int v = 0; v < 3; ++v) {
        results[v] = malloc((size_t)w->out_size * sizeof(double));
        times[v] = results[v] ? time_variant(w->fns[v], w->ctx, w->inner, w->budget_s) : -1.0;
        if (times[v] < 0.0) {
            fprintf(stderr, "%s: variant %d failed: %s\n", w->title, v, fl_last_error());
            for (int u = 0; u <= v; ++u) free(results[u]);
            return 1;
        }
        memcpy(results[v], w->out, (size_t)w->out_size * sizeof(double));
    }
    const double d_reshape = relative_difference(results[2], results[1], w->out_size);
    const double d_loop = relative_difference(results[2], results[0], w->out_size);
    char t[3][32];
    for (int v = 0; v < 3; ++v) demo_format_time(times[v], t[v], sizeof t[v]);
    printf("  %-46s %11s %11s %11s %8.0fx %7.1fx   %.1e  %.1e\n", w->title, t[0], t[1], t[2],
           times[0] / times[2], times[1] / times[2], d_reshape, d_loop);
    for (int v = 0; v < 3; ++v) free(results[v]);
    if (!(d_reshape <= AGREEMENT && d_loop <= AGREEMENT)) {
        fprintf(stderr, "  %s: the results disagree\n", w->title);
        return 1;
    }
    return 0;
}

static double *uniform(int64_t count, uint64_t seed) {
    double *p = malloc((size_t)count * sizeof *p);
    if (p) demo_fill_uniform(p, count, seed);
    return p;
}

int demo_run_blmm(void) {
    printf(
        "\nseed 001 (BLMM): block-partitioned sums at the notebook's sizes, matrices uniform [0,1) "
        "row-major.\n"
        "loop: one small product per block (pair); reshape: the notebook's right-hand side, its "
        "copies\n"
        "included and I (x) K (x) I applied as a permutation (both in C, not numpy); speedups of "
        "fastlinalg, and\n"
        "max |fastlinalg - other| / max |other|.\n");
    printf("  %-46s %11s %11s %11s %9s %8s   %-8s %-8s\n", "sum", "loop", "reshape", "fastlinalg",
           "vs loop", "vs resh.", "reshape", "loop");
    int failed = 0;

    /* Lemma 1: m = 8, n = 2, k = 4 */
    lemma1 c1 = {8, 2, 4, NULL, NULL, NULL, NULL, NULL};
    double *a1 = uniform(32, 1), *b1 = uniform(32, 2), out1[4], pa1[32], pb1[32];
    c1.a = a1, c1.b = b1, c1.out = out1, c1.pa = pa1, c1.pb = pb1;
    const row r1 = {"Lemma 1 sum A_i B_i^T (m=8 n=2 k=4)",
                    {l1_loop, l1_reshape, l1_fastlinalg},
                    &c1,
                    out1,
                    4,
                    10000,
                    0.2};
    failed = !a1 || !b1 || run_row(&r1);
    free(a1), free(b1);

    /* Lemma 4: m = 4000, n = 2, k1 = 4000, k2 = 1 */
    lemma4 c4 = {4000, 2, 4000, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    double *a4 = uniform(4000 * 4000, 3), *b4 = uniform(4000, 4),
           *out4 = malloc(4 * 4000 * sizeof(double));
    int64_t *perm4 = ipi_permutation(4000, 2, 1);
    c4.a = a4, c4.b = b4, c4.out = out4, c4.perm = perm4;
    if (!failed) {
        const row r4 = {"Lemma 4 sum A_i (x) B_i (m=4000 n=2 k1=4000 k2=1)",
                        {l4_loop, l4_reshape, l4_fastlinalg},
                        &c4,
                        out4,
                        4 * 4000,
                        1,
                        2.0};
        failed = !a4 || !b4 || !out4 || !perm4 || l4_alloc(&c4) || run_row(&r4);
    }
    l4_free(&c4), free(a4), free(b4), free(out4), free(perm4);

    /* Lemma 5: n1 = n2 = 2, m1 = 1000, m2 = 1200, k1 = k2 = 1000 */
    lemma5 c5 = {1000, 1200, 2, 2, 1000, 1000, NULL, NULL, NULL, NULL, {0}, {0}, NULL};
    double *a5 = uniform(1000 * 1000, 5), *b5 = uniform(1200 * 1000, 6),
           *cc5 = uniform(1000 * 1000, 7), *d5 = uniform(1200 * 1000, 8), out5[16];
    int64_t *perm5 = ipi_permutation(1000, 2, 1000);
    double *ac_out = malloc(4 * 1000000 * sizeof(double)),
           *bd_out = malloc(4 * 1000000 * sizeof(double));
    c5.a = a5, c5.b = b5, c5.c = cc5, c5.d = d5, c5.out = out5;
    c5.ac = (lemma4){1000, 2, 1000, 1000, a5, cc5, perm5, ac_out, NULL, NULL, NULL, NULL, NULL};
    c5.bd = (lemma4){1200, 2, 1000, 1000, b5, d5, perm5, bd_out, NULL, NULL, NULL, NULL, NULL};
    if (!failed) {
        const row r5 = {"Lemma 5 sum_ij A_iB_j^T (x) C_iD_j^T (notebook's)",
                        {l5_loop, l5_reshape, l5_fastlinalg},
                        &c5,
                        out5,
                        16,
                        1,
                        3.0};
        failed = !a5 || !b5 || !cc5 || !d5 || !perm5 || !ac_out || !bd_out || l4_alloc(&c5.ac) ||
                 l4_alloc(&c5.bd) || run_row(&r5);
    }
    l4_free(&c5.ac), l4_free(&c5.bd);
    free(a5), free(b5), free(cc5), free(d5), free(perm5), free(ac_out), free(bd_out);
    return failed;
}
