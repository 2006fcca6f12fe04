/* The sparse half of the demo (SuiteSparse underneath):
 *   - seed 000's last question, a sparse A applied to every vector of an (I, J, N) array,
 *     as one fl_sparse_multiply call that writes the (I, J, N) output in place, against
 *     one call per vector (the seed's naive loop), checked against a plain loop;
 *   - a 2-D Laplacian factored with CHOLMOD and solved for many right-hand sides, then
 *     refactored with new values five times (the analysis reused) against five fresh
 *     factorizations, each solve checked by its residual. */
#ifndef FL_DEMO_SPARSE_H
#define FL_DEMO_SPARSE_H

/* Runs both parts (quick: small sizes only) and prints tables; returns 0 when every call
 * succeeded and every check passed. */
int demo_run_sparse(int quick);

#endif
