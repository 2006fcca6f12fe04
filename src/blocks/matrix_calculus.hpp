// Seed 001's matrix-calculus toolkit: vecb and vech, and the commutation matrix K(m,n) and
// duplication matrix D(n) (with its Moore-Penrose inverse), applied as index maps or
// materialised. Arguments are validated by the C layer (shapes as stated, no overlap).
#pragma once

#include "core/types.hpp"

namespace fl::blocks {

// out (l1 l2)-by-(n1 n2), row i l2 + j = vec(X_ij)^T for the n1-by-n2 blocks X_ij of x.
void vecb(Dtype dtype, const MatrixRef &x, index_t n1, index_t n2, const MatrixRef &out);
// out[0 .. n(n+1)/2) = the lower triangle of the n-by-n x, column by column.
void vech(Dtype dtype, const MatrixRef &x, void *out);

// out = K(m,n) x for x (m n)-by-cols: K(m,n) vec(A) = vec(A^T) for every m-by-n A.
void commutation_apply(Dtype dtype, index_t m, index_t n, const MatrixRef &x, const MatrixRef &out);
// out = K(m,n), (m n)-by-(m n).
void commutation_matrix(Dtype dtype, index_t m, index_t n, const MatrixRef &out);

// The four products with D = D(n) (n^2-by-n(n+1)/2, D vech(A) = vec(A) for symmetric A).
enum class DuplicationOp {
    d,
    d_transposed,
    pinv,
    pinv_transposed
};
// out = op x; x has op's columns as rows.
void duplication_apply(Dtype dtype, index_t n, DuplicationOp op, const MatrixRef &x,
                       const MatrixRef &out);
// out = D(n) (n^2-by-n(n+1)/2), or D(n)^+ (n(n+1)/2-by-n^2) with pinv.
void duplication_matrix(Dtype dtype, index_t n, bool pinv, const MatrixRef &out);

}  // namespace fl::blocks
