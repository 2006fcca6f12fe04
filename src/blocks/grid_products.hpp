// Lemmas 5 and 6 both need grid sums sum_ij X_ij (x) Y_ij where X or Y is a product of two
// row-block matrices (B C^T). The product is never formed whole: it is computed a band of
// block rows at a time into a scratch buffer and fed to the KronSum.
#pragma once

#include <vector>

#include "blocks/kron_sum.hpp"

namespace fl::blocks {

// Block rows per band for products with `cols` columns and blocks of n rows: about 2^20
// elements (8 MiB of doubles), enough rows for GEMM to run at full speed.
inline index_t bands_of(index_t block_rows, index_t n, index_t cols) {
    constexpr index_t target = index_t{1} << 20;
    return std::max<index_t>(1, std::min(block_rows, target / std::max<index_t>(n * cols, 1)));
}

// band <- rows [r0, r1) of L times R^T, into buf (column-major, r1 - r0 rows).
template <class T>
MatrixRef band_product(const MatrixRef &l, const MatrixRef &r, index_t r0, index_t r1,
                       std::vector<T> &buf) {
    const index_t rows = r1 - r0;
    buf.resize(static_cast<size_t>(rows * r.rows));
    const MatrixRef band{Layout::col_major, rows, r.rows, std::max<index_t>(rows, 1), buf.data()};
    lapack::gemm<T>(T(1), row_range<T>(l, r0, r1), transposed(r), l.cols, T(0), band);
    return band;
}

}  // namespace fl::blocks
