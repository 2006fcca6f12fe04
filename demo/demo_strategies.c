#include "demo_strategies.h"

#include <stddef.h>

static fl_status factor_lu(fl_factor **lu, int64_t n, const double *a) {
    return fl_factor_create(lu, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, n, n, a, n, NULL);
}

/* Solves for count b's stored contiguously (column-major, ld = n). */
static fl_status solve(const fl_factor *lu, int64_t n, int64_t count, const double *b, double *x) {
    return fl_factor_solve(lu, FL_NO_TRANS, FL_FLOAT64, count, FL_COL_MAJOR, b, n, FL_COL_MAJOR, x, n);
}

fl_status demo_refactor_per_b(int64_t n, const double *a, int64_t count, const double *b, double *x) {
    for (int64_t j = 0; j < count; ++j) {
        fl_factor *lu = NULL;
        fl_status s = factor_lu(&lu, n, a);
        if (s == FL_OK) s = solve(lu, n, 1, b + j * n, x + j * n);
        fl_factor_destroy(lu);
        if (s != FL_OK) return s;
    }
    return FL_OK;
}

fl_status demo_factor_once_solve_per_b(int64_t n, const double *a, int64_t count, const double *b, double *x) {
    fl_factor *lu = NULL;
    fl_status s = factor_lu(&lu, n, a);
    for (int64_t j = 0; s == FL_OK && j < count; ++j) s = solve(lu, n, 1, b + j * n, x + j * n);
    fl_factor_destroy(lu);
    return s;
}

fl_status demo_factor_once_solve_all(int64_t n, const double *a, int64_t count, const double *b, double *x) {
    fl_factor *lu = NULL;
    fl_status s = factor_lu(&lu, n, a);
    if (s == FL_OK) s = solve(lu, n, count, b, x);
    fl_factor_destroy(lu);
    return s;
}
