/* solve_many.c: factor a matrix once, then solve for several right-hand sides in one call.
 * Build: cc solve_many.c $(pkg-config --cflags --libs fastlinalg) -o solve_many */
#include <fastlinalg/fastlinalg.h>
#include <stdio.h>

#define N 4 /* A is N-by-N */
#define K 3 /* B and X are N-by-K: K right-hand sides */

int main(void) {
    const double a[N][N] = {{4, 1, 0, 2}, {1, 5, 1, 0}, {0, 1, 6, 1}, {2, 0, 1, 7}};
    /* The columns of B are e1, e2 and A * (1, 1, 1, 1): X's last column must be all ones. */
    const double b[N][K] = {{1, 0, 7}, {0, 1, 7}, {0, 0, 8}, {0, 0, 10}};
    double x[N][K], sign, logabsdet, rcond;
    fl_factor *lu = NULL;

    fl_status s = fl_factor_create(&lu, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, N, N, a, N, NULL);
    if (s == FL_OK)
        s = fl_factor_solve(lu, FL_NO_TRANS, FL_FLOAT64, K, FL_ROW_MAJOR, b, K, FL_ROW_MAJOR, x, K);
    if (s == FL_OK) s = fl_factor_logdet(lu, &sign, &logabsdet);
    if (s == FL_OK) s = fl_factor_rcond(lu, &rcond);
    if (s != FL_OK) {
        /* The status, and a message naming the function and the argument that was wrong. */
        fprintf(stderr, "error: %s: %s\n", fl_status_string(s), fl_last_error());
        fl_factor_destroy(lu);
        return 1;
    }

    for (int i = 0; i < N; ++i)
        printf("x[%d] = %10.6f %10.6f %10.6f\n", i, x[i][0], x[i][1], x[i][2]);
    printf("det(A) = %+.0f * exp(%.6f), rcond = %.4f\n", sign, logabsdet, rcond);
    fl_factor_destroy(lu);
    return 0;
}
