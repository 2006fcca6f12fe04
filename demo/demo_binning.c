/* Seed 000's binning questions through fastlinalg's C API.
 *
 * Layered field: on the grid x = linspace(-2, 2, 1000), z = linspace(-1, 3, 2000), layer n
 * holds the points with d_cum[n] <= z < d_cum[n+1], and its field there is
 * amp[n] exp(i kz[n] (z - d_cum[n]) + i kx x). The seed adds every layer's field times its
 * mask over the whole grid (N exponentials per point); grouped, fl_digitize names each
 * point's layer, fl_group_by_bin lists each layer's points, and each field is evaluated
 * on its own points only (one exponential per point).
 *
 * Binomial counts: samples of binomial(55, 0.05), counted for m = 0..7 by the seed's
 * per-value comparison (np.sum(samples == m), one pass per m) and by one fl_bincount. */
#include "demo_binning.h"

#include "demo_util.h"

#include <fastlinalg/fastlinalg.h>

#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define LAYERS 10

typedef struct {
    int64_t nz, nx;
    double d_cum[LAYERS + 1], kz[LAYERS], kx;
    double complex amp[LAYERS];
} layered;

static double linspace(double lo, double hi, int64_t count, int64_t i) {
    return count > 1 ? lo + (hi - lo) * (double)i / (double)(count - 1) : lo;
}

static void make_layers(layered *f, int64_t nz, int64_t nx) {
    double u[4 * LAYERS];
    demo_fill_uniform(u, 4 * LAYERS, 11);
    f->nz = nz, f->nx = nx, f->kx = 2.5;
    /* Boundaries: -1, then LAYERS - 1 sorted points in (-1, 3), then just past 3. */
    f->d_cum[0] = -1.0;
    for (int n = 1; n < LAYERS; ++n) f->d_cum[n] = -1.0 + 4.0 * (n - 1 + u[n]) / (LAYERS - 1);
    f->d_cum[LAYERS] = 3.0 + 1e-9;
    for (int n = 0; n < LAYERS; ++n) {
        f->kz[n] = 1.0 + 4.0 * u[LAYERS + n];
        f->amp[n] = (u[2 * LAYERS + n] - 0.5) + I * (u[3 * LAYERS + n] - 0.5);
    }
}

static double complex field(const layered *f, int n, double z, double x) {
    return f->amp[n] * cexp(I * (f->kz[n] * (z - f->d_cum[n]) + f->kx * x));
}

/* The seed's loop: E += field_n * mask_n over the whole grid, for every layer. */
static void field_masked(const layered *f, double complex *e) {
    const int64_t count = f->nz * f->nx;
    for (int64_t p = 0; p < count; ++p) e[p] = 0.0;
    for (int n = 0; n < LAYERS; ++n)
        for (int64_t r = 0; r < f->nz; ++r) {
            const double z = linspace(-1.0, 3.0, f->nz, r);
            const double mask = z < f->d_cum[n + 1] && z >= f->d_cum[n];
            for (int64_t c = 0; c < f->nx; ++c)
                e[r * f->nx + c] += field(f, n, z, linspace(-2.0, 2.0, f->nx, c)) * mask;
        }
}

/* Grouped: each point's layer (fl_digitize on the points' z), the points of each layer
 * (fl_group_by_bin), then each layer's field on its own points. */
static fl_status field_grouped(const layered *f, double *zs, int64_t *labels, int64_t *perm,
                               double complex *e) {
    const int64_t count = f->nz * f->nx;
    int64_t offsets[LAYERS + 1];
    for (int64_t p = 0; p < count; ++p) zs[p] = linspace(-1.0, 3.0, f->nz, p / f->nx);
    fl_status st = fl_digitize(FL_FLOAT64, count, zs, LAYERS + 1, f->d_cum, 0, labels);
    for (int64_t p = 0; p < count && st == FL_OK; ++p)
        labels[p] -= 1; /* d_cum[n] <= z < d_cum[n+1] */
    if (st == FL_OK) st = fl_group_by_bin(count, labels, LAYERS, offsets, perm);
    if (st != FL_OK) return st;
    for (int n = 0; n < LAYERS; ++n)
        for (int64_t q = offsets[n]; q < offsets[n + 1]; ++q) {
            const int64_t p = perm[q];
            e[p] = field(f, n, zs[p], linspace(-2.0, 2.0, f->nx, p % f->nx));
        }
    return FL_OK;
}

static int run_layered(int quick) {
    layered f;
    make_layers(&f, quick ? 200 : 2000, quick ? 100 : 1000);
    const int64_t count = f.nz * f.nx;
    double complex *masked = malloc((size_t)count * sizeof *masked),
                   *grouped = malloc((size_t)count * sizeof *grouped);
    double *zs = malloc((size_t)count * sizeof *zs);
    int64_t *labels = malloc((size_t)count * sizeof *labels),
            *perm = malloc((size_t)count * sizeof *perm);
    int failed = !masked || !grouped || !zs || !labels || !perm;
    if (failed) fprintf(stderr, "out of memory for the layered field\n");
    double t_masked = 0.0, t_grouped = 0.0, worst = 0.0, biggest = 0.0;
    if (!failed) {
        double t0 = demo_now();
        field_masked(&f, masked);
        t_masked = demo_now() - t0;
        t0 = demo_now();
        fl_status st = field_grouped(&f, zs, labels, perm, grouped);
        t_grouped = demo_now() - t0;
        if (st != FL_OK) {
            fprintf(stderr, "grouping failed: %s\n", fl_last_error());
            failed = 1;
        }
    }
    if (!failed) {
        for (int64_t p = 0; p < count; ++p) {
            if (!(cabs(grouped[p] - masked[p]) <= worst)) worst = cabs(grouped[p] - masked[p]);
            if (cabs(masked[p]) > biggest) biggest = cabs(masked[p]);
        }
        char a[32], b[32];
        demo_format_time(t_masked, a, sizeof a);
        demo_format_time(t_grouped, b, sizeof b);
        printf("\nlayered field (seed 000): %lld x %lld grid, %d layers\n", (long long)f.nz,
               (long long)f.nx, LAYERS);
        printf("  %-52s %11s %9s\n", "way", "time", "speedup");
        printf("  %-52s %11s %8.1fx\n", "(a) masked: every layer's field over the whole grid", a,
               1.0);
        printf("  %-52s %11s %8.1fx\n", "(b) fl_digitize + fl_group_by_bin, own points only", b,
               t_masked / t_grouped);
        printf("  max |(b) - (a)| = %.2e (largest |E| %.2f)\n", worst, biggest);
        if (!(worst <= 1e-12 * biggest)) {
            fprintf(stderr, "  the grouped field differs from the masked one\n");
            failed = 1;
        }
    }
    free(masked), free(grouped), free(zs), free(labels), free(perm);
    return failed;
}

#define TRIALS    55
#define MAX_COUNT 7

/* n samples of binomial(TRIALS, p) by inverting the CDF of a uniform number. */
static void sample_binomial(int64_t *samples, double *u, int64_t n, double p) {
    double cdf[TRIALS + 1], pmf = pow(1.0 - p, TRIALS), sum = 0.0;
    for (int m = 0; m <= TRIALS; ++m) {
        sum += pmf;
        cdf[m] = sum;
        pmf *= (double)(TRIALS - m) / (double)(m + 1) * p / (1.0 - p);
    }
    demo_fill_uniform(u, n, 5);
    for (int64_t i = 0; i < n; ++i) {
        int m = 0;
        while (m < TRIALS && u[i] >= cdf[m]) ++m;
        samples[i] = m;
    }
}

static int run_binomial(int quick) {
    const int64_t n = quick ? 100000 : 1000000;
    int64_t *samples = malloc((size_t)n * sizeof *samples), counts[TRIALS + 1], loop[MAX_COUNT + 1];
    double *u = malloc((size_t)n * sizeof *u);
    int failed = !samples || !u;
    if (!failed) {
        sample_binomial(samples, u, n, 0.05);
        double t0 = demo_now();
        for (int m = 0; m <= MAX_COUNT; ++m) { /* the seed: np.sum(samples == m) for each m */
            int64_t c = 0;
            for (int64_t i = 0; i < n; ++i) c += samples[i] == m;
            loop[m] = c;
        }
        const double t_loop = demo_now() - t0;
        t0 = demo_now();
        int64_t nbins = 0; /* numpy's rule: max + 1 */
        for (int64_t i = 0; i < n; ++i)
            if (samples[i] + 1 > nbins) nbins = samples[i] + 1;
        fl_status st = fl_bincount(n, samples, nbins, counts);
        const double t_bin = demo_now() - t0;
        if (st != FL_OK) {
            fprintf(stderr, "fl_bincount failed: %s\n", fl_last_error());
            failed = 1;
        }
        for (int m = 0; m <= MAX_COUNT && !failed; ++m)
            failed = (m < nbins ? counts[m] : 0) != loop[m];
        if (failed) fprintf(stderr, "bincount and the comparison loop disagree\n");
        char a[32], b[32];
        demo_format_time(t_loop, a, sizeof a);
        demo_format_time(t_bin, b, sizeof b);
        printf("\nbinomial counts (seed 000): %lld samples of binomial(55, 0.05), m = 0..%d\n",
               (long long)n, MAX_COUNT);
        printf("  (a) %d comparison passes: %s; (b) one fl_bincount (max included): %s, %.1fx\n",
               MAX_COUNT + 1, a, b, t_loop / t_bin);
        printf("  m:     ");
        for (int m = 0; m <= MAX_COUNT; ++m) printf(" %7d", m);
        printf("\n  p[m]:  ");
        for (int m = 0; m <= MAX_COUNT && !failed; ++m)
            printf(" %7.4f", (double)loop[m] / (double)n);
        printf("   (identical from (a) and (b))\n");
    } else {
        fprintf(stderr, "out of memory for the binomial samples\n");
    }
    free(samples), free(u);
    return failed;
}

int demo_run_binning(int quick) {
    int failed = run_layered(quick);
    if (!failed) failed = run_binomial(quick);
    return failed;
}
