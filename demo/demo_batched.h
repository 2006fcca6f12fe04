/* Many small systems: count independent n-by-n systems A_l x_l = b_l (per-pixel least
 * squares, per-point covariances, Kalman updates), solved three ways:
 *   (a) a loop of single solves through the fl_factor API (create, solve, destroy each),
 *   (b) the numpy way: one LAPACK getrf + getrs per matrix of a stack, which is what
 *       numpy.linalg.solve on a (count, n, n) array does underneath,
 *   (c) fl_stack_solve: the whole stack in one call, matrices interleaved in vector lanes.
 * Each is timed (median of a few runs) and checked by its worst scaled residual. */
#ifndef FL_DEMO_BATCHED_H
#define FL_DEMO_BATCHED_H

/* Runs the comparison at 3x3 and 16x16 (smaller counts with quick); returns 0 when every
 * way solved every system with a small residual. */
int demo_run_batched(int quick);

#endif
