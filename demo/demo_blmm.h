/* Seed 001 (BLMM): Lemmas 1, 4 and 5 at the notebook's sizes, each computed three ways,
 *   loop        the notebook's left-hand side: a loop over the blocks, one small product
 *               (a DGEMM call, or the Kronecker product's loops) per block or block pair,
 *   reshape     the notebook's right-hand side written out in C: each numpy reshape that
 *               copies copies here (transposes, matb2vecb, vec), then the same GEMM, then
 *               I (x) K (x) I applied as the permutation it is (built once, untimed),
 *   fastlinalg  one fl_block_sum_* call,
 * with the times and the largest differences between the results. */
#ifndef FL_DEMO_BLMM_H
#define FL_DEMO_BLMM_H

/* Prints the table; returns 0 when every call succeeded and the three results agree to
 * rounding. */
int demo_run_blmm(void);

#endif
