/* FL_COMPLEX128 from a C99 caller: the elements are double _Complex as C lays them out, a
 * conjugate-transpose solve and the determinant's phase come back exact for a small matrix
 * whose answers are known in closed form. */
#include <fastlinalg/fastlinalg.h>

#include <complex.h>
#include <math.h>
#include <stdio.h>

static int failures = 0;

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "%s:%d: check failed: %s (last error: \"%s\")\n", __FILE__, __LINE__, \
                    #cond, fl_last_error());                                                      \
            ++failures;                                                                           \
        }                                                                                         \
    } while (0)

int main(void) {
    /* A = [[2i, 1], [0, 1 + i]] row-major: det = 2i (1 + i) = -2 + 2i, phase (-1 + i)/sqrt(2).
     * A^H = [[-2i, 0], [1, 1 - i]]; with x = [1, i], A^H x = [-2i, 1 + i + 1] = [-2i, 2 + i]. */
    const double _Complex a[4] = {2 * I, 1, 0, 1 + I};
    const double _Complex b[2] = {-2 * I, 2 + I};
    double _Complex x[2] = {0, 0};
    double re = 0, im = 0, logabs = 0;
    fl_factor *lu = NULL;
    CHECK(fl_factor_create(&lu, FL_FACTOR_LU, FL_COMPLEX128, FL_ROW_MAJOR, 2, 2, a, 2, NULL) ==
          FL_OK);
    CHECK(fl_factor_solve(lu, FL_CONJ_TRANS, FL_COMPLEX128, 1, FL_ROW_MAJOR, b, 1, FL_ROW_MAJOR, x,
                          1) == FL_OK);
    CHECK(cabs(x[0] - 1) < 1e-15 && cabs(x[1] - I) < 1e-15);
    CHECK(fl_factor_logdet_complex(lu, &re, &im, &logabs) == FL_OK);
    CHECK(fabs(re + sqrt(0.5)) < 1e-15 && fabs(im - sqrt(0.5)) < 1e-15);
    CHECK(fabs(logabs - log(sqrt(8.0))) < 1e-15);
    fl_factor_destroy(lu);
    if (failures == 0) printf("complex C99 caller: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
