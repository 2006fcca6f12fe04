/* fastlinalg-demo: seed 000's first workload, "one matrix A, many right-hand sides b",
 * solved three ways through fastlinalg's C API, timed and checked:
 *   (a) refactor per b: what np.linalg.solve in a loop does,
 *   (b) factor once + solve per b: the seed's lu_factor + lu_solve loop,
 *   (c) factor once + one multi-RHS solve: all the b's as the columns of B.
 * At the seed's size (n = 100, 10 b's) and at a large one (n = 2000, 2000 b's).
 * Then the same comparison for least squares (demo_lstsq.c) with QR, COD and SVD:
 * an over-determined A (100x50 with 10 b's, 2000x200 with 500 b's) and a rank-deficient
 * one (2000x200 of rank 150; 100x50 of rank 40), where QR does not apply: "(a) C loop: factor +
 * solve per b" (a fresh factorization per b, as scipy's lstsq in a loop) vs one handle + a solve
 * per b vs one handle + one multi-RHS solve, with the normal-equation residual. Then seed 002's Y^T
 * X^-1 Y (demo_products.c): inverse first, vs a Cholesky solve and a product, vs
 * fl_factor_quadratic_form (n = 1000; n = 100 with --quick); seed 000's ARD kernel matrix
 * (demo_kernels.c): the seed's loop over pairs against fl_kernel_matrix, the symmetric matrix with
 * noise and the hyperparameter gradient; its rolled pairwise products (demo_rolled.c: the d*k GEMM
 * loop against fl_rolled_matmul) and its binning questions (demo_binning.c: the layered field
 * masked against digitize + group_by_bin, binomial counts by comparison loops against bincount);
 * last, sparse matrices (demo_sparse.c): seed 000's sparse A applied to every vector of an (I, J,
 * N) array in one call, and a 2-D Laplacian factored, solved and refactored. Seed 001's block sums
 * (demo_blmm.c) run in the full demo: Lemmas 1, 4 and 5 at the notebook's sizes as its
 * loop, its reshape form and one fastlinalg call, with times and differences.
 *
 *   fastlinalg-demo            all sizes (well under a minute on 2 cores)
 *   fastlinalg-demo --quick    the seed's sizes only (CI, a few seconds)
 *   fastlinalg-demo --blmm     seed 001's block sums only (about 10 s)
 *
 * Exits 1 if a solve fails or a scaled residual is not small, 2 on a bad argument. */
#include "demo_batched.h"
#include "demo_binning.h"
#include "demo_kernels.h"
#include "demo_blmm.h"
#include "demo_lstsq.h"
#include "demo_products.h"
#include "demo_residual.h"
#include "demo_rolled.h"
#include "demo_sparse.h"
#include "demo_strategies.h"
#include "demo_util.h"

#include <fastlinalg/fastlinalg.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RUNS 9
/* A backward-stable solve gives O(1); LAPACK's tests flag ratios above 30. */
#define RESIDUAL_LIMIT 100.0

typedef fl_status (*strategy_fn)(int64_t n, const double *a, int64_t count, const double *b, double *x);

static const struct {
    const char *name;
    strategy_fn fn;
} strategies[3] = {
    /* What runs is C calling fastlinalg; the Python each mirrors is in the comment. */
    {"(a) C loop: factor + solve per b", demo_refactor_per_b}, /* np.linalg.solve in a loop */
    {"(b) factor once, C loop: one solve per b", demo_factor_once_solve_per_b}, /* lu_solve loop */
    {"(c) factor once, one solve for all b's", demo_factor_once_solve_all},
};

typedef struct {
    int64_t n, k;       /* A is n-by-n, k right-hand sides */
    int64_t sample_a;   /* b's timed for strategy (a), then extrapolated to k; k = all */
    int max_runs;       /* repeats of each strategy, the median is reported ... */
    double budget_s;    /* ... but no new repeat starts once this much time is spent */
    const char *title;
} workload;

static void print_runtime(void) {
    printf("fastlinalg %s (header %d.%d.%d)\n", fl_version(), FL_VERSION_MAJOR, FL_VERSION_MINOR, FL_VERSION_PATCH);
    if (fl_version_number() != FL_VERSION_NUMBER) printf("  warning: the library loaded is not the header's version\n");
    printf("  BLAS:         %s\n", fl_blas_info());
    /* Say whether the environment forced the kernel set: the timings depend on it. */
    const char *forced = getenv("OPENBLAS_CORETYPE");
    if (forced && *forced)
        printf("  BLAS kernels: %s  (FORCED by the environment: OPENBLAS_CORETYPE=%s)\n",
               fl_blas_core(), forced);
    else
        printf(
            "  BLAS kernels: %s  (OpenBLAS's choice for this CPU; OPENBLAS_CORETYPE=Haswell or "
            "=SkylakeX\n"
            "                overrides it)\n",
            fl_blas_core());
    printf("  BLAS threads: %d  (small factorizations run on one thread regardless)\n", fl_get_num_threads());
}

static void fill_nan(double *x, int64_t count) {
    for (int64_t i = 0; i < count; ++i) x[i] = NAN;
}

/* Times one strategy; returns 0 on success. *seconds is the median run, scaled to all
 * k b's; *runs the number of runs; *residual the check over the b's it solved. */
static int time_strategy(const workload *w, int s, const double *a, const double *b, double *x, double *seconds,
                         int *runs, double *residual) {
    const int64_t count = s == 0 ? w->sample_a : w->k;
    double times[MAX_RUNS];
    double spent = 0.0;
    int r = 0;
    fill_nan(x, w->n * w->k);
    while (r < w->max_runs && r < MAX_RUNS && (r == 0 || spent < w->budget_s)) {
        double t0 = demo_now();
        fl_status st = strategies[s].fn(w->n, a, count, b, x);
        times[r] = demo_now() - t0;
        if (st != FL_OK) {
            fprintf(stderr, "%s failed: %s: %s\n", strategies[s].name, fl_status_string(st), fl_last_error());
            return 1;
        }
        spent += times[r++];
    }
    *runs = r;
    *seconds = demo_median(times, r) * (double)w->k / (double)count;
    *residual = demo_max_scaled_residual(w->n, a, count, b, x);
    return 0;
}

static int run_workload(const workload *w) {
    const int64_t n = w->n, k = w->k;
    double *a = malloc((size_t)(n * n) * sizeof *a);
    double *b = malloc((size_t)(n * k) * sizeof *b);
    double *x = malloc((size_t)(n * k) * sizeof *x);
    int failed = 0;
    if (!a || !b || !x) {
        fprintf(stderr, "out of memory for n = %lld, %lld b's\n", (long long)n, (long long)k);
        free(a), free(b), free(x);
        return 1;
    }
    demo_fill_uniform(a, n * n, 1);
    demo_fill_uniform(b, n * k, 2);
    /* One untimed run first: starts the BLAS threads and touches the memory. */
    if (demo_factor_once_solve_all(n, a, k, b, x) != FL_OK) {
        fprintf(stderr, "solve failed: %s\n", fl_last_error());
        free(a), free(b), free(x);
        return 1;
    }

    printf("\n%s: A is %lldx%lld uniform [0,1) row-major, %lld b's\n", w->title, (long long)n, (long long)n,
           (long long)k);
    printf("  %-46s %11s  %9s %10s   %s\n", "strategy", "time", "speedup", "residual", "timing");
    double time_a = 0.0;
    for (int s = 0; s < 3 && !failed; ++s) {
        double seconds, residual;
        int runs;
        char when[32], how[96];
        if (time_strategy(w, s, a, b, x, &seconds, &runs, &residual)) {
            failed = 1;
            break;
        }
        if (s == 0) time_a = seconds;
        demo_format_time(seconds, when, sizeof when);
        if (s == 0 && w->sample_a < k)
            snprintf(how, sizeof how, "EXTRAPOLATED from %lld of %lld b's (x%.0f), median of %d", (long long)w->sample_a,
                     (long long)k, (double)k / (double)w->sample_a, runs);
        else
            snprintf(how, sizeof how, "median of %d run%s", runs, runs == 1 ? "" : "s");
        printf("  %-46s %11s%s %8.1fx %10.2e   %s\n", strategies[s].name, when,
               s == 0 && w->sample_a < k ? "*" : " ", time_a / seconds, residual, how);
        if (!(residual >= 0.0 && residual < RESIDUAL_LIMIT)) {
            fprintf(stderr, "  residual %.3g is not below %g: the result is wrong\n", residual, RESIDUAL_LIMIT);
            failed = 1;
        }
    }
    if (!failed && w->sample_a < k)
        printf("  * (a) at this size would take minutes: %lld b's were solved and timed, and the\n"
               "    median time per b multiplied by %lld; its residual covers those b's only.\n",
               (long long)w->sample_a, (long long)k);
    free(a), free(b), free(x);
    return failed;
}

static void usage(FILE *to) {
    fprintf(to, "usage: fastlinalg-demo [--quick | --blmm]\n"
                "  Solves one matrix with many right-hand sides three ways and times them.\n"
                "  --quick  only the seed's sizes (n = 100, 10 b's; least squares 100x50, 10 b's;\n"
                "           kernel matrix 300x400) and n = 100 for seed 002's Y^T X^-1 Y\n"
                "  --blmm   only seed 001's block sums (Lemmas 1, 4, 5 at the notebook's sizes)\n");
}

int main(int argc, char **argv) {
    int quick = 0;
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--quick") == 0) {
            quick = 1;
        } else if (strcmp(argv[i], "--blmm") == 0) {
            print_runtime();
            const int failed = demo_run_blmm();
            printf("\n%s\n", failed ? "FAILED" : "block sums agree: OK");
            return failed;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "fastlinalg-demo: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    const workload small = {100, 10, 10, 9, 1.0, "seed size (n = 100, 10 b's)"};
    const workload large = {2000, 2000, 4, 3, 6.0, "large size (n = 2000, 2000 b's)"};

    printf(
        "fastlinalg-demo: the workloads of the three seeds, the user problems fastlinalg was built "
        "for\n"
        "  (README.md, \"The seeds\"): seed 000, a numpy Q&A on solving for many b's with one "
        "matrix,\n"
        "  and its kernels, rolled products, binning and sparse products; seed 001, the BLMM "
        "project's\n"
        "  \"Matrix reshape lemmas\" notebook (\"the notebook\"; Lemma k is its k-th block-sum "
        "identity);\n"
        "  seed 002, a note on computing Y^T X^-1 Y without the inverse.\n\n");
    print_runtime();
    printf(
        "\nseed 000: one matrix A and many right-hand sides b; every strategy is C calling "
        "fastlinalg\n"
        "time: all b's solved; speedup: vs (a); residual: max_j ||b_j - A x_j|| / (||A|| ||x_j|| n "
        "eps),\n"
        "infinity norms, O(1) is as accurate as LAPACK gets.\n");
    int failed = run_workload(&small);
    if (!quick && !failed) failed = run_workload(&large);

    const demo_lstsq_workload ls_small = {100, 50, 50, 10, 10, 9, 1.0, "least squares, seed size (100x50, 10 b's)"};
    const demo_lstsq_workload ls_small_rd = {100, 50, 40, 10, 10, 9, 1.0,
                                             "least squares, rank-deficient, seed size (100x50 of rank 40, 10 b's)"};
    const demo_lstsq_workload ls_large = {2000, 200, 200, 500, 10, 5, 2.0, "least squares, large (2000x200, 500 b's)"};
    const demo_lstsq_workload ls_large_rd = {2000, 200, 150, 500, 10, 5, 2.0,
                                             "least squares, rank-deficient (2000x200 of rank 150, 500 b's)"};
    if (!failed) {
        printf("\nleast squares: min ||A x_j - b_j||, the minimum-norm solution for rank-deficient A (COD, SVD;\n"
               "QR needs full rank). residual: max_j ||A^T (b_j - A x_j)||_2 / (||A||_F^2 ||x_j||_2 m eps), O(1)\n"
               "is as accurate as LAPACK gets. \"r<k>\": the rank the factorization found. speedup: vs (a).\n");
        failed = demo_run_lstsq(&ls_small);
    }
    if (!failed) failed = demo_run_lstsq(&ls_small_rd);
    if (!quick && !failed) failed = demo_run_lstsq(&ls_large);
    if (!quick && !failed) failed = demo_run_lstsq(&ls_large_rd);
    if (!failed) failed = demo_run_rolled(quick);
    if (!failed) failed = demo_run_binning(quick);
    if (!failed) failed = demo_run_products(quick ? 100 : 1000, 9, quick ? 1.0 : 4.0);
    if (!failed) failed = demo_run_sparse(quick);
    if (!failed) failed = demo_run_kernels(quick);
    if (!failed) failed = demo_run_batched(quick); /* many small systems (demo_batched.c) */
    if (!quick && !failed) failed = demo_run_blmm(); /* seed 001's block sums (demo_blmm.c) */
    printf("\n%s\n", failed ? "FAILED" : "all residuals small: OK");
    return failed;
}
