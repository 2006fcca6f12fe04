/* Solves A X = B with A distributed over every rank of MPI_COMM_WORLD (ScaLAPACK LU),
 * A = 2 I + ones (n = 6) and B = A * ones: every element of X must print as 1.
 * Build: cc solve_distributed.c $(pkg-config --cflags --libs fastlinalg_mpi ompi-c)
 * Run:   mpirun -np 2 ./solve_distributed */
#include <fastlinalg/fastlinalg_mpi.h>
#include <mpi.h>
#include <stdio.h>

#define N 6

static int check(fl_status status, const char *what) {
    if (status != FL_OK) fprintf(stderr, "%s: %s\n", what, fl_mpi_last_error());
    return status == FL_OK;
}

int main(int argc, char **argv) {
    double a[N * N], b[N], x[N];
    int rank, ok = 1, i, j;
    fl_mpi_context *context = NULL;
    fl_mpi_matrix *ad = NULL, *bd = NULL;
    fl_mpi_factor *lu = NULL;

    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    for (i = 0; i < N; ++i) {
        for (j = 0; j < N; ++j) a[i + j * N] = (i == j ? 3.0 : 1.0);
        b[i] = N + 2.0;
    }
    ok =
        ok && check(fl_mpi_context_create(&context, MPI_Comm_c2f(MPI_COMM_WORLD), 0, 0), "context");
    ok = ok && check(fl_mpi_matrix_create(&ad, context, FL_FLOAT64, N, N, 0, 0), "create A");
    ok = ok && check(fl_mpi_matrix_create(&bd, context, FL_FLOAT64, N, 1, 0, 0), "create B");
    ok = ok && check(fl_mpi_matrix_scatter(ad, 0, FL_FLOAT64, FL_COL_MAJOR, a, N), "scatter A");
    ok = ok && check(fl_mpi_matrix_scatter(bd, 0, FL_FLOAT64, FL_COL_MAJOR, b, N), "scatter B");
    ok = ok && check(fl_mpi_factor_create(&lu, FL_FACTOR_LU, ad, 1), "factor");
    ok = ok && check(fl_mpi_factor_solve(lu, FL_NO_TRANS, bd, bd), "solve");
    ok = ok && check(fl_mpi_matrix_gather(bd, 0, FL_FLOAT64, FL_COL_MAJOR, x, N), "gather");
    if (ok && rank == 0)
        for (i = 0; i < N; ++i) printf("x[%d] = %f\n", i, x[i]);
    fl_mpi_factor_destroy(lu);
    fl_mpi_matrix_destroy(bd);
    fl_mpi_matrix_destroy(ad);
    fl_mpi_context_destroy(context);
    MPI_Finalize();
    return ok ? 0 : 1;
}
