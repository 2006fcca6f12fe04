/* The kernel-matrix part of the demo: seed 000's ARD kernel (GPML eq. 5.2's M3 =
 * Lambda Lambda^T + L_inv^2) for X1 (N x 6) and X2 (M x 6), computed by the seed's
 * double loop over pairs (d^T M3 d per pair, written in C) and by fl_kernel_matrix, timed
 * and compared; then the symmetric K(X1, X1) with noise, and the hyperparameter gradient
 * checked against a finite difference. */
#ifndef FL_DEMO_KERNELS_H
#define FL_DEMO_KERNELS_H

/* quick: the seed's example size (300 x 400) only; otherwise also 4000 x 4000.
 * Returns 0 when every result agrees with the loop. */
int demo_run_kernels(int quick);

#endif
