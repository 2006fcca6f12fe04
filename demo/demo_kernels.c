#include "demo_kernels.h"

#include "demo_util.h"

#include <fastlinalg/fastlinalg.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define D 6
/* K's elements are at most sigma_f^2; the loop and fastlinalg round differently. */
#define AGREEMENT 1e-12

/* The seed's loop: for each pair, d = x1_n - x2_m and K = sigma_f^2 exp(-d^T M3 d / 2). */
static void seed_loop(int64_t n, const double *x1, int64_t m, const double *x2,
                      const double m3[D][D], double sigma_f, double *k) {
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < m; ++j) {
            double d[D], q = 0.0;
            for (int a = 0; a < D; ++a) d[a] = x1[i * D + a] - x2[j * D + a];
            for (int a = 0; a < D; ++a)
                for (int b = 0; b < D; ++b) q += d[a] * m3[a][b] * d[b];
            k[i * m + j] = sigma_f * sigma_f * exp(-0.5 * q);
        }
}

static double max_difference(const double *a, const double *b, int64_t count) {
    double worst = 0.0;
    for (int64_t i = 0; i < count; ++i) worst = fmax(worst, fabs(a[i] - b[i]));
    return worst;
}

/* sum_ij K_ij for a kernel with the seed's Lambda, psi and sigma_f. */
static double sum_of_k(const double *params, double sigma_f, int64_t n, const double *x,
                       double *k) {
    fl_kernel *kern = NULL;
    double sum = 0.0;
    if (fl_kernel_create(&kern, FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, D, 2 * D, params,
                         sigma_f, 0.0) == FL_OK &&
        fl_kernel_matrix(kern, FL_FLOAT64, FL_ROW_MAJOR, n, x, D, n, NULL, D, FL_ROW_MAJOR, k, n) ==
            FL_OK)
        for (int64_t i = 0; i < n * n; ++i) sum += k[i];
    else
        sum = NAN;
    fl_kernel_destroy(kern);
    return sum;
}

static int run_size(int64_t n, int64_t m) {
    double *x1 = malloc((size_t)(n * D) * sizeof *x1), *x2 = malloc((size_t)(m * D) * sizeof *x2);
    double *k_loop = malloc((size_t)(n * m) * sizeof *k_loop),
           *k_fl = malloc((size_t)(n * m) * sizeof *k_fl);
    double *w = malloc((size_t)(n * n) * sizeof *w),
           *k_sym = malloc((size_t)(n * n) * sizeof *k_sym);
    double params[2 * D], m3[D][D], grad[2 + 2 * D], sigma_f;
    fl_kernel *kern = NULL;
    int failed = 1;
    if (!x1 || !x2 || !k_loop || !k_fl || !w || !k_sym) {
        fprintf(stderr, "out of memory for %lld x %lld\n", (long long)n, (long long)m);
        goto done;
    }
    demo_fill_uniform(x1, n * D, 11);
    demo_fill_uniform(x2, m * D, 12);
    demo_fill_uniform(params, 2 * D, 13); /* Lambda (D x 1), then psi: L_inv = diag(psi) */
    demo_fill_uniform(&sigma_f, 1, 14);
    for (int a = 0; a < D; ++a)
        for (int b = 0; b < D; ++b)
            m3[a][b] = params[a] * params[b] + (a == b ? params[D + a] * params[D + a] : 0.0);

    if (fl_kernel_create(&kern, FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, D, 2 * D, params,
                         sigma_f, 0.01) != FL_OK) {
        fprintf(stderr, "fl_kernel_create: %s\n", fl_last_error());
        goto done;
    }
    double t0 = demo_now();
    seed_loop(n, x1, m, x2, m3, sigma_f, k_loop);
    const double t_loop = demo_now() - t0;
    double t_fl = INFINITY;
    for (int r = 0; r < 5; ++r) {
        t0 = demo_now();
        if (fl_kernel_matrix(kern, FL_FLOAT64, FL_ROW_MAJOR, n, x1, D, m, x2, D, FL_ROW_MAJOR, k_fl,
                             m) != FL_OK) {
            fprintf(stderr, "fl_kernel_matrix: %s\n", fl_last_error());
            goto done;
        }
        t_fl = fmin(t_fl, demo_now() - t0);
    }
    const double diff = max_difference(k_loop, k_fl, n * m);
    char when_loop[32], when_fl[32], when_sym[32], when_grad[32];
    demo_format_time(t_loop, when_loop, sizeof when_loop);
    demo_format_time(t_fl, when_fl, sizeof when_fl);
    printf("\nARD kernel, X1 %lld x %d, X2 %lld x %d (seed 000, GPML M3 with Lambda %d x 1)\n",
           (long long)n, D, (long long)m, D, D);
    printf("  seed's loop over pairs (C)     %11s\n", when_loop);
    printf("  fl_kernel_matrix               %11s   %6.0fx faster, max |difference| %.1e\n",
           when_fl, t_loop / t_fl, diff);

    /* K(X1, X1) with noise 0.01 on the diagonal, and the gradient of sum_ij W_ij K_ij for W = 1.
     * K(X1, X1) is timed on its second call, into the array the first one wrote: a first write
     * to a fresh n*n array times the kernel's page faults (110 ms against 9 ms at n = 4000). */
    fl_status st = fl_kernel_matrix(kern, FL_FLOAT64, FL_ROW_MAJOR, n, x1, D, n, NULL, D,
                                    FL_ROW_MAJOR, k_sym, n);
    t0 = demo_now();
    if (st == FL_OK)
        st = fl_kernel_matrix(kern, FL_FLOAT64, FL_ROW_MAJOR, n, x1, D, n, NULL, D, FL_ROW_MAJOR,
                              k_sym, n);
    demo_format_time(demo_now() - t0, when_sym, sizeof when_sym);
    for (int64_t i = 0; i < n * n; ++i) w[i] = 1.0;
    t0 = demo_now();
    if (st == FL_OK)
        st = fl_kernel_gradient(kern, FL_FLOAT64, FL_ROW_MAJOR, n, x1, D, n, NULL, D, FL_ROW_MAJOR,
                                w, n, grad);
    demo_format_time(demo_now() - t0, when_grad, sizeof when_grad);
    if (st != FL_OK) {
        fprintf(stderr, "%s\n", fl_last_error());
        goto done;
    }
    /* d/dpsi_0 of sum_ij K_ij (noise does not depend on psi) by a central difference. */
    const double h = 1e-6, psi0 = params[D];
    params[D] = psi0 + h;
    const double up = sum_of_k(params, sigma_f, n, x1, k_sym);
    params[D] = psi0 - h;
    const double down = sum_of_k(params, sigma_f, n, x1, k_sym);
    params[D] = psi0;
    const double fd = (up - down) / (2 * h), rel = fabs(grad[2 + D] - fd) / fmax(fabs(fd), 1.0);
    printf(
        "  K(X1, X1), noise on the diagonal %11s   (half computed, mirrored; into a reused "
        "array)\n",
        when_sym);
    printf(
        "  gradient, all 14 parameters    %11s   d/dpsi_0 %.6e, finite difference %.6e (rel. "
        "%.1e)\n",
        when_grad, grad[2 + D], fd, rel);
    failed = !(diff < AGREEMENT && rel < 1e-5);
    if (failed) fprintf(stderr, "  the kernel or its gradient disagrees with the reference\n");
done:
    fl_kernel_destroy(kern);
    free(x1), free(x2), free(k_loop), free(k_fl), free(w), free(k_sym);
    return failed;
}

int demo_run_kernels(int quick) {
    int failed = run_size(300, 400);
    if (!quick && !failed) failed = run_size(4000, 4000);
    return failed;
}
