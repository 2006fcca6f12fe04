/* The public header from a C99 caller: it compiles as C, a factor-and-solve works, and enum
 * arguments holding any int (legal in C, unlike C++) are rejected as invalid arguments. */
#include <fastlinalg/fastlinalg.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                         \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s (last error: \"%s\")\n", __FILE__,      \
                    __LINE__, #cond, fl_last_error());                                      \
            ++failures;                                                                     \
        }                                                                                   \
    } while (0)

static void factor_and_solve(void) {
    /* A = [[4, 1], [2, 3]] row-major, b = A * [1, -2]^T = [2, -4]. */
    const double a[4] = {4, 1, 2, 3};
    const double b[2] = {2, -4};
    double x[2] = {0, 0};
    fl_factor *lu = NULL;
    CHECK(fl_factor_create(&lu, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 2, 2, a, 2, NULL) == FL_OK);
    CHECK(lu != NULL);
    CHECK(fl_factor_solve(lu, FL_NO_TRANS, FL_FLOAT64, 1, FL_ROW_MAJOR, b, 1, FL_ROW_MAJOR, x, 1) == FL_OK);
    CHECK(fabs(x[0] - 1.0) < 1e-14 && fabs(x[1] + 2.0) < 1e-14);
    CHECK(strcmp(fl_last_error(), "") == 0);
    fl_factor_destroy(lu);
}

static void raw_enum_values(void) {
    static const int bad[] = {-1, 0, 9, 1000, -2147483647 - 1, 2147483647};
    const double a[4] = {4, 1, 2, 3};
    double x[4] = {0, 0, 0, 0};
    fl_factor *f = NULL;
    fl_options *o = NULL;
    size_t i;
    CHECK(fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, 2, 2, a, 2, NULL) == FL_OK);
    CHECK(fl_options_create(&o) == FL_OK);
    for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        const int v = bad[i];
        fl_factor *g = NULL;
        int64_t value = 0;
        CHECK(fl_factor_create(&g, (fl_factor_kind)v, FL_FLOAT64, FL_COL_MAJOR, 2, 2, a, 2, NULL) ==
              FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_factor_create(&g, FL_FACTOR_LU, (fl_dtype)v, FL_COL_MAJOR, 2, 2, a, 2, NULL) ==
              FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_factor_create(&g, FL_FACTOR_LU, FL_FLOAT64, (fl_layout)v, 2, 2, a, 2, NULL) ==
              FL_ERR_INVALID_ARGUMENT);
        CHECK(g == NULL);
        CHECK(fl_factor_solve(f, (fl_transpose)v, FL_FLOAT64, 1, FL_COL_MAJOR, a, 2, FL_COL_MAJOR, x, 2) ==
              FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_factor_solve(f, FL_NO_TRANS, (fl_dtype)v, 1, FL_COL_MAJOR, a, 2, FL_COL_MAJOR, x, 2) ==
              FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, 1, (fl_layout)v, a, 2, FL_COL_MAJOR, x, 2) ==
              FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_factor_inverse(f, FL_FLOAT64, (fl_layout)v, x, 2) == FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_options_set_int(o, (fl_option)v, 1) == FL_ERR_INVALID_ARGUMENT);
        CHECK(fl_options_get_int(o, (fl_option)v, &value) == FL_ERR_INVALID_ARGUMENT);
    }
    CHECK(strcmp(fl_status_string((fl_status)-1), "unknown status") == 0);
    CHECK(strcmp(fl_status_string((fl_status)1000), "unknown status") == 0);
    fl_options_destroy(o);
    fl_factor_destroy(f);
}

int main(void) {
    factor_and_solve();
    raw_enum_values();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
