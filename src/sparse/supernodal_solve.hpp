// Many right-hand sides through a CHOLMOD supernodal factor, held row by row.
//
// cholmod_l_solve keeps B column-major (ld = n) and, after each supernode's BLAS calls,
// scatters its update into rows of B scattered over the whole matrix: one element per
// column per row, each in another page. With hundreds of right-hand sides that scatter,
// not the arithmetic, is the solve's cost (about 4 ms per right-hand side at n = 90000,
// hardly less than one at a time). Held row by row instead (n-by-k row-major, the column-major
// k-by-n Y^T), the rows a supernode touches are contiguous runs of k values, and every
// supernode's work is a triangular solve and a GEMM on k-long rows (docs/sparse.md).
#pragma once

#include <cholmod.h>

#include "sparse/suitesparse.hpp"

namespace fl::suitesparse {

// X = A^-1 B for A = P^T L L^T P with a supernodal LL^T factor l, straight from the
// caller's B into the caller's X (of dtype T, any layouts; x == b in place is fine), in
// blocks of rows (row_blocks.hpp).
template <class T>
void supernodal_solve(const cholmod_factor &l, const MatrixRef &b, const MatrixRef &x);

}  // namespace fl::suitesparse
