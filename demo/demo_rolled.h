/* Seed 000's third question: the rolled pairwise products out[i, j] = A[i] B[(i + j) mod d]. */
#ifndef FL_DEMO_ROLLED_H
#define FL_DEMO_ROLLED_H

/* Times the d*k-GEMM loop against fl_rolled_matmul (row- and column-major) at the seed's
 * size (d = 64, k = 16, m = n = l = 32), checks every product against the loop, and prints
 * the flop rates. Returns 0 when all products agree. */
int demo_run_rolled(int quick);

#endif
