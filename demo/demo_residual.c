#include "demo_residual.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double norm_inf_rows(int64_t n, const double *a) { /* max row sum, row-major */
    double best = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        double s = 0.0;
        for (int64_t j = 0; j < n; ++j) s += fabs(a[i * n + j]);
        if (s > best) best = s;
    }
    return best;
}

static double max_abs(int64_t n, const double *v) {
    double m = 0.0;
    for (int64_t i = 0; i < n; ++i)
        if (fabs(v[i]) > m) m = fabs(v[i]);
    return m;
}

double demo_max_scaled_residual(int64_t n, const double *a, int64_t count, const double *b, const double *x) {
    if (n == 0 || count == 0) return 0.0;
    double *r = malloc((size_t)(n * count) * sizeof *r);
    if (!r) return -1.0;
    memcpy(r, b, (size_t)(n * count) * sizeof *r);
    /* R = B - A X. Row-major A is A^T column-major, hence CblasTrans. */
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, (int)n, (int)count, (int)n, -1.0, a, (int)n, x, (int)n, 1.0,
                r, (int)n);
    const double scale = norm_inf_rows(n, a) * (double)n * DBL_EPSILON;
    double worst = 0.0;
    for (int64_t j = 0; j < count; ++j) {
        double denom = scale * max_abs(n, x + j * n);
        double rj = max_abs(n, r + j * n);
        double ratio = denom > 0.0 ? rj / denom : (rj > 0.0 ? INFINITY : 0.0);
        if (!(ratio <= worst)) worst = ratio; /* NaN propagates */
    }
    free(r);
    return worst;
}
