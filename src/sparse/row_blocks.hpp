// Solving with many right-hand sides held row by row, in blocks: the scheme that the
// sparse Cholesky (supernodal_solve.cpp) and LU (sparse_lu.cpp) solves share.
//
// A sparse triangular solve updates whole rows of the right-hand sides at a time: row i
// minus a multiple of row j. Held column-major (ld = n), each such update touches one
// element per column, every one in another page; held row by row it is one contiguous
// vector operation. So each block of `block` columns of B is gathered, permuted (and
// scaled), into an n-by-block row-major buffer in cache-friendly order, solved there, and
// scattered into X, straight from and to the caller's matrices in their own layouts and
// dtype. A block reads all its columns of B before writing the same columns of X, so
// x == b (in place) is safe. Blocks go to separate threads with single-threaded BLAS.
// The buffer holds doubles, or std::complex<double> for a complex T.
#pragma once

#include <algorithm>
#include <vector>

#include "core/parallel_for.hpp"
#include "core/types.hpp"
#include "lapack/blas_runtime.hpp"
#include "sparse/sparse_matrix.hpp"

namespace fl::suitesparse {

// Row k of the buffer comes from (or goes to) row `row[k]` of the caller's matrix,
// multiplied by scale[k] (no scaling when scale is NULL).
struct RowMap {
    const int64_t *row;
    const double *scale;
};

// 32 right-hand sides keep a block's rows in cache while the factor streams past (16: 3.7,
// 32: 2.7, 64: 3.6, 256: 3.1 ms per right-hand side for a Cholesky factor at n = 90000,
// docs/sparse.md).
constexpr index_t row_block = 32;

template <class T>
T &element(const MatrixRef &m, index_t i, index_t j) {
    T *p = static_cast<T *>(m.data);
    return m.layout == Layout::col_major ? p[i + j * m.ld] : p[i * m.ld + j];
}

// X <- the solution, block by block: buffer row k = from.scale[k] * B(from.row[k], :),
// solve(buffer, kb, scratch) with scratch_rows * kb elements of scratch (both Wide<T>),
// then X(to.row[k], :) = to.scale[k] * buffer row k.
template <class T, class Solve>
void solve_by_row_blocks(const MatrixRef &b, const MatrixRef &x, RowMap from, RowMap to,
                         index_t scratch_rows, Solve &&solve) {
    using W = Wide<T>;
    const index_t n = b.rows, k = b.cols;
    blas::SerialRegion serial(true);
    const index_t nblocks = (k + row_block - 1) / row_block;
    parallel_for(nblocks, double(nblocks), 1.0, [&](index_t b0, index_t b1) {
        std::vector<W> yt(static_cast<size_t>(n * row_block));
        std::vector<W> scratch(static_cast<size_t>(scratch_rows * row_block));
        for (index_t j0 = b0 * row_block; j0 < std::min(k, b1 * row_block); j0 += row_block) {
            const index_t kb = std::min(row_block, k - j0);
            for (index_t i = 0; i < n; ++i) {
                const double s = from.scale != nullptr ? from.scale[i] : 1.0;
                for (index_t j = 0; j < kb; ++j)
                    yt[i * kb + j] = s * W(element<T>(b, from.row[i], j0 + j));
            }
            solve(yt.data(), kb, scratch.data());
            for (index_t i = 0; i < n; ++i) {
                const double s = to.scale != nullptr ? to.scale[i] : 1.0;
                for (index_t j = 0; j < kb; ++j)
                    element<T>(x, to.row[i], j0 + j) = static_cast<T>(s * yt[i * kb + j]);
            }
        }
    });
}

}  // namespace fl::suitesparse
