// Y = op(A) X for a sparse A and a dense X with many columns.
//
// Both products read A by output row (A X: A's CSR; A^T X: A's CSC, which is A^T's CSR),
// so each element of Y is one gather-dot, written once and never read back. Y's layout
// picks the loop order that walks memory contiguously:
//  - column-major Y: column by column, y_j = A x_j, each x_j and y_j contiguous. This is
//    the seed's case: an (I, J, N) row-major array is the N-by-(I J) column-major X with
//    ld = N, and the (I, J, M) row-major output is the M-by-(I J) column-major Y, so the
//    product is written in place with no transposed copy.
//  - row-major Y: row by row over a block of columns, Y(r, :) = sum A(r, c) X(c, :), the
//    inner loop running along contiguous rows of Y (and of X when X is row-major too).
// Columns (or column blocks) are split across threads: for the sparse A of the seed,
// every column costs a few hundred bytes of traffic and no thread waits for another.
#include <algorithm>
#include <vector>

#include "core/parallel_for.hpp"
#include "sparse/sparse_matrix.hpp"

namespace fl {
namespace {

// A's rows (or A^T's) as the product reads them.
struct RowsOf {
    const int64_t *ptr;
    const int64_t *idx;
    const double *val;
    index_t count;
};

// Strides of element (i, j) of a caller's matrix: p[i * row_stride + j * col_stride].
template <class T> struct Strided {
    T *p;
    index_t row_stride;
    index_t col_stride;
    T &operator()(index_t i, index_t j) const { return p[i * row_stride + j * col_stride]; }
};

template <class T> Strided<T> strided(const MatrixRef &m) {
    if (m.layout == Layout::col_major) return {static_cast<T *>(m.data), 1, m.ld};
    return {static_cast<T *>(m.data), m.ld, 1};
}

// Columns [j0, j1) of a column-major Y.
template <class T>
void by_columns(const RowsOf &a, const Strided<const T> &x, const Strided<T> &y, index_t j0,
                index_t j1) {
    for (index_t j = j0; j < j1; ++j) {
        const T *xj = &x(0, j);
        T *yj = &y(0, j);
        const index_t xs = x.row_stride;
        for (index_t r = 0; r < a.count; ++r) {
            double s = 0;
            for (int64_t k = a.ptr[r]; k < a.ptr[r + 1]; ++k) s += a.val[k] * double(xj[a.idx[k] * xs]);
            yj[r] = static_cast<T>(s);
        }
    }
}

// Columns [j0, j1) of a row-major Y, a block of columns at a time so that the block of
// each row of Y stays in cache while the rows of X are added into it.
template <class T>
void by_rows(const RowsOf &a, const Strided<const T> &x, const Strided<T> &y, index_t j0,
             index_t j1) {
    constexpr index_t block = 256;
    double acc[block];
    for (index_t b0 = j0; b0 < j1; b0 += block) {
        const index_t width = std::min(block, j1 - b0);
        for (index_t r = 0; r < a.count; ++r) {
            std::fill(acc, acc + width, 0.0);
            for (int64_t k = a.ptr[r]; k < a.ptr[r + 1]; ++k) {
                const double v = a.val[k];
                const T *xr = &x(a.idx[k], b0);
                const index_t xs = x.col_stride;
                for (index_t j = 0; j < width; ++j) acc[j] += v * double(xr[j * xs]);
            }
            T *yr = &y(r, b0);
            for (index_t j = 0; j < width; ++j) yr[j] = static_cast<T>(acc[j]);
        }
    }
}

}  // namespace

template <class T>
void SparseMatrix::multiply(Transpose op, const MatrixRef &x, const MatrixRef &y) const {
    const SparsePattern &p = *pattern_;
    const RowsOf a = op == Transpose::no
                         ? RowsOf{p.row_ptr.data(), p.col_idx.data(), csr_values_.data(), p.rows}
                         : RowsOf{p.col_ptr.data(), p.row_idx.data(), csc_values_.data(), p.cols};
    const index_t ncols = y.cols;
    if (ncols == 0 || a.count == 0) return;
    if (p.nnz() == 0) {  // Y = 0; X may have no rows at all, and is not read
        const Strided<T> ys = strided<T>(y);
        for (index_t j = 0; j < ncols; ++j)
            for (index_t i = 0; i < y.rows; ++i) ys(i, j) = T(0);
        return;
    }
    const Strided<T> xs = strided<T>(x);
    const Strided<const T> xc{xs.p, xs.row_stride, xs.col_stride};
    const Strided<T> ys = strided<T>(y);
    // Work per column: its nonzeros plus the reads and writes of x_j and y_j.
    const double work = double(ncols) * double(p.nnz() + x.rows + y.rows);
    constexpr double min_work_per_thread = 1 << 18;
    parallel_for(ncols, work, min_work_per_thread, [&](index_t j0, index_t j1) {
        if (y.layout == Layout::col_major)
            by_columns(a, xc, ys, j0, j1);
        else
            by_rows(a, xc, ys, j0, j1);
    });
}

template void SparseMatrix::multiply<float>(Transpose, const MatrixRef &, const MatrixRef &) const;
template void SparseMatrix::multiply<double>(Transpose, const MatrixRef &, const MatrixRef &) const;

}  // namespace fl
