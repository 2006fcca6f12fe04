// The one-shot stack calls (fl_stack_*): numpy's stacked solve, inv, slogdet, cholesky and
// eigh, factoring each matrix and using the factor at once, never storing it. Orders up to
// the pack limits (stack.hpp) run on interleaved packs; larger ones on LAPACK per matrix.
// Every Stack is validated by the C layer; outcome receives one entry per matrix.
#pragma once

#include "batched/stack.hpp"

namespace fl::batched {

void stack_solve(Dtype dtype, index_t count, const Stack &a, const Stack &b, const Stack &x,
                 Outcome *outcome);
void stack_inverse(Dtype dtype, index_t count, const Stack &a, const Stack &inv, Outcome *outcome);
// sign and logabsdet may be NULL. A singular matrix is ok: sign 0, logabsdet -inf.
void stack_slogdet(Dtype dtype, index_t count, const Stack &a, double *sign, double *logabsdet,
                   Outcome *outcome);
void stack_cholesky(Dtype dtype, index_t count, const Stack &a, Triangle triangle, const Stack &l,
                    Outcome *outcome);
void stack_cholesky_solve(Dtype dtype, index_t count, const Stack &a, Triangle triangle,
                          const Stack &b, const Stack &x, Outcome *outcome);
// w: n-by-1 column-major matrices; v may be nullptr (eigenvalues only).
void stack_eigh(Dtype dtype, index_t count, const Stack &a, Triangle triangle, const Stack &w,
                const Stack *v, Outcome *outcome);

}  // namespace fl::batched
