/* The rolled pairwise products of seed 000: out[i, j] = A[i] B[(i + j) mod d], 0 <= j < k,
 * first as the loop of the question (one GEMM per pair, here cblas_dgemm), then with one
 * fl_rolled_matmul call, in numpy's row-major layout and in column-major. */
#include "demo_rolled.h"

#include "demo_util.h"

#include <cblas.h>
#include <fastlinalg/fastlinalg.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define ROLLED_RUNS 15
/* |fl - loop| per element, in units of n eps (|A| |B|): both are GEMMs of the same
 * numbers, so O(1). */
#define ROLLED_LIMIT 30.0

typedef struct {
    int64_t d, k, m, n, l;
} rolled_shape;

/* The loop of the question: out[i, j] = A[i] @ B[(i + j) % d], every matrix in `layout`. */
static void rolled_loop(const rolled_shape *s, fl_layout layout, const double *a, const double *b,
                        double *out) {
    const int row = layout == FL_ROW_MAJOR;
    for (int64_t i = 0; i < s->d; ++i)
        for (int64_t j = 0; j < s->k; ++j)
            cblas_dgemm(row ? CblasRowMajor : CblasColMajor, CblasNoTrans, CblasNoTrans, (int)s->m,
                        (int)s->l, (int)s->n, 1.0, a + i * s->m * s->n, (int)(row ? s->n : s->m),
                        b + ((i + j) % s->d) * s->n * s->l, (int)(row ? s->l : s->n), 0.0,
                        out + (i * s->k + j) * s->m * s->l, (int)(row ? s->l : s->m));
}

/* max |got - want| / (n eps bound) over all elements, bound = the loop on |A| and |B|. */
static double scaled_difference(const rolled_shape *s, const double *got, const double *want,
                                const double *bound, int64_t count) {
    double worst = 0.0;
    for (int64_t e = 0; e < count; ++e) {
        double diff = fabs(got[e] - want[e]), scale = (double)s->n * DBL_EPSILON * bound[e];
        double r = scale > 0.0 ? diff / scale : (diff > 0.0 ? INFINITY : 0.0);
        if (!(r <= worst)) worst = r; /* NaN counts as worst */
    }
    return worst;
}

/* Median seconds of ROLLED_RUNS calls of fl_rolled_matmul, or of the row-major loop. */
static int time_rolled(const rolled_shape *s, int loop, fl_layout layout, const double *a,
                       const double *b, double *out, double *seconds) {
    double t[ROLLED_RUNS + 1];
    for (int r = 0; r <= ROLLED_RUNS;
         ++r) { /* run 0 is untimed: it wakes the threads and touches out */
        double t0 = demo_now();
        if (loop) {
            rolled_loop(s, layout, a, b, out);
        } else if (fl_rolled_matmul(FL_FLOAT64, layout, s->d, s->k, s->m, s->n, s->l, a, b, out) !=
                   FL_OK) {
            fprintf(stderr, "fl_rolled_matmul failed: %s\n", fl_last_error());
            return 1;
        }
        t[r] = demo_now() - t0;
    }
    *seconds = demo_median(t + 1, ROLLED_RUNS);
    return 0;
}

int demo_run_rolled(int quick) {
    (void)quick; /* the seed's size takes milliseconds: the same in both modes */
    const rolled_shape s = {64, 16, 32, 32, 32};
    const int64_t na = s.d * s.m * s.n, nb = s.d * s.n * s.l, nout = s.d * s.k * s.m * s.l;
    const double flops = 2.0 * (double)s.d * (double)s.k * (double)s.m * (double)s.n * (double)s.l;
    double *a = malloc((size_t)(na + nb) * sizeof *a),
           *abs_a = malloc((size_t)(na + nb) * sizeof *abs_a);
    double *want = malloc((size_t)nout * sizeof *want),
           *bound = malloc((size_t)nout * sizeof *bound);
    double *got = malloc((size_t)nout * sizeof *got);
    int failed = 0;
    if (!a || !abs_a || !want || !bound || !got) {
        fprintf(stderr, "out of memory for the rolled products\n");
        free(a), free(abs_a), free(want), free(bound), free(got);
        return 1;
    }
    const double *b = a + na, *abs_b = abs_a + na;
    demo_fill_uniform(a, na + nb, 3); /* like np.random.rand */
    for (int64_t e = 0; e < na + nb; ++e) abs_a[e] = fabs(a[e]);

    printf(
        "\nrolled pairwise products (seed 000): out[i, j] = A[i] B[(i + j) mod d], d = %lld, k = "
        "%lld, "
        "m = n = l = %lld\n",
        (long long)s.d, (long long)s.k, (long long)s.m);
    printf("  %-44s %11s %9s %10s %10s\n", "way", "time", "speedup", "GFLOP/s", "difference");
    static const struct {
        const char *name;
        int loop;
        fl_layout layout;
    } ways[3] = {{"(a) loop: one cblas_dgemm per (i, j)", 1, FL_ROW_MAJOR},
                 {"(b) fl_rolled_matmul, row-major (numpy's)", 0, FL_ROW_MAJOR},
                 {"(c) fl_rolled_matmul, column-major", 0, FL_COL_MAJOR}};
    double time_loop = 0.0;
    for (int w = 0; w < 3 && !failed; ++w) {
        double seconds;
        char when[32];
        if (time_rolled(&s, ways[w].loop, ways[w].layout, a, b, got, &seconds)) {
            failed = 1;
            break;
        }
        if (w == 0) time_loop = seconds;
        rolled_loop(&s, ways[w].layout, a, b, want);
        rolled_loop(&s, ways[w].layout, abs_a, abs_b, bound);
        const double diff = scaled_difference(&s, got, want, bound, nout);
        demo_format_time(seconds, when, sizeof when);
        printf("  %-44s %11s %8.1fx %10.1f %10.2e\n", ways[w].name, when, time_loop / seconds,
               flops / seconds / 1e9, diff);
        if (!(diff < ROLLED_LIMIT)) {
            fprintf(stderr, "  difference %.3g is not below %g: the products are wrong\n", diff,
                    ROLLED_LIMIT);
            failed = 1;
        }
    }
    if (!failed)
        printf(
            "  difference: max |out - loop| / (n eps (|A| |B|)) per element, O(1) for two GEMMs of "
            "the same\n"
            "  numbers. (b) and (c) run the blocks i on %d threads; the loop runs OpenBLAS's own "
            "threads.\n",
            fl_get_num_threads());
    free(a), free(abs_a), free(want), free(bound), free(got);
    return failed;
}
