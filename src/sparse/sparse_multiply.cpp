// Y = op(A) X for a sparse A and a dense X with many columns.
//
// Y's layout picks the loop order that walks memory contiguously:
//  - column-major Y: column by column, y_j = op(A) x_j, each x_j and y_j contiguous. This
//    is the seed's case: an (I, J, N) row-major array is the N-by-(I J) column-major X with
//    ld = N, and the (I, J, M) row-major output is the M-by-(I J) column-major Y, so the
//    product is written in place with no transposed copy.
//  - row-major Y: row by row over a block of columns, Y(r, :) = sum A(r, c) X(c, :), the
//    inner loop running along contiguous rows of Y (and of X when X is row-major too).
// Columns (or column blocks) are split across threads.
//
// Column-major Y has two kernels, chosen by the entries per row of op(A):
//  - several: gather-dots, y_j(r) = sum_k A(r, c_k) x_j(c_k) accumulated in a register and
//    stored once, a few columns per pass so that each entry is loaded once per block;
//  - about one or fewer (the seed's density 1/N): a row loop's unpredictable trip counts
//    (0, 1, 2, ...) cost a branch misprediction per row, more than the arithmetic. There
//    y_j is zeroed in L1 and the entries are added in with one flat loop in column order,
//    whose only branch is the loop's own and whose consecutive updates hit distinct rows.
// Both read x_j at random, which the hardware prefetcher does not follow, so the next
// columns of X are prefetched explicitly. The measurements behind the choices are in
// docs/sparse.md.
//
// Complex matrices run the same kernels with std::complex<double> values and accumulators
// (the values' packed (re, im) doubles read as std::complex<double>); A^H X runs A^T X on a
// conjugated copy of the values, an O(nnz) pass that the product's O(nnz ncols) dwarfs.
#include <algorithm>
#include <complex>
#include <vector>

#include "core/parallel_for.hpp"
#include "sparse/sparse_matrix.hpp"

namespace fl {
namespace {

// op(A)'s entries: by rows (ptr, idx, val) for the gather-dots, and in column order
// (entry_row, entry_col, entry_val) for the flat loop.
template <class V>
struct Entries {
    index_t rows;
    const int64_t *ptr;
    const int64_t *idx;
    const V *val;
    const int64_t *entry_row;
    const int64_t *entry_col;
    const V *entry_val;
    int64_t nnz;
};

// Strides of element (i, j) of a caller's matrix: p[i * row_stride + j * col_stride].
template <class T>
struct Strided {
    T *p;
    index_t row_stride;
    index_t col_stride;
    T &operator()(index_t i, index_t j) const { return p[i * row_stride + j * col_stride]; }
};

template <class T>
Strided<T> strided(const MatrixRef &m) {
    if (m.layout == Layout::col_major) return {static_cast<T *>(m.data), 1, m.ld};
    return {static_cast<T *>(m.data), m.ld, 1};
}

// Below this many entries per row of op(A), the flat loop beats the gather-dots.
constexpr double flat_below_entries_per_row = 2.0;
// Columns per gather-dot pass, and how far ahead columns of X are prefetched.
constexpr int gather_width = 4;
constexpr index_t prefetch_distance = 2;

// Prefetches the x_rows elements of column j of a column-major x (a no-op past the end).
template <class T>
void prefetch_column(const Strided<const T> &x, index_t x_rows, index_t j, index_t ncols) {
    if (j >= ncols || x.row_stride != 1) return;
    const char *p = reinterpret_cast<const char *>(&x(0, j));
    const index_t bytes = x_rows * index_t(sizeof(T));
    for (index_t o = 0; o < bytes; o += 64) __builtin_prefetch(p + o);
}

// Columns j .. j + width - 1 of a column-major Y by gather-dots.
template <int width, class T>
void gather_block(const Entries<Wide<T>> &a, const Strided<const T> &x, const Strided<T> &y,
                  index_t j) {
    const T *xj = &x(0, j);
    T *yj = &y(0, j);
    const index_t xs = x.row_stride, xld = x.col_stride, yld = y.col_stride;
    for (index_t r = 0; r < a.rows; ++r) {
        Wide<T> s[width] = {};
        for (int64_t k = a.ptr[r]; k < a.ptr[r + 1]; ++k) {
            const Wide<T> v = a.val[k];
            const T *xk = xj + a.idx[k] * xs;
            for (int b = 0; b < width; ++b) s[b] += v * Wide<T>(xk[b * xld]);
        }
        for (int b = 0; b < width; ++b) yj[r + b * yld] = static_cast<T>(s[b]);
    }
}

// Column j of a column-major Y by the flat loop over the entries.
template <class T>
void flat_column(const Entries<Wide<T>> &a, const Strided<const T> &x, const Strided<T> &y,
                 index_t j) {
    const T *xj = &x(0, j);
    T *yj = &y(0, j);
    const index_t xs = x.row_stride;
    std::fill(yj, yj + a.rows, T(0));
    for (int64_t k = 0; k < a.nnz; ++k)
        yj[a.entry_row[k]] += static_cast<T>(a.entry_val[k]) * xj[a.entry_col[k] * xs];
}

template <class T>
void by_columns(const Entries<Wide<T>> &a, const Strided<const T> &x, index_t x_rows,
                const Strided<T> &y, index_t j0, index_t j1, index_t ncols) {
    index_t j = j0;
    if (double(a.nnz) < flat_below_entries_per_row * double(a.rows)) {
        for (; j < j1; ++j) {
            prefetch_column(x, x_rows, j + prefetch_distance, ncols);
            flat_column(a, x, y, j);
        }
        return;
    }
    for (; j + gather_width <= j1; j += gather_width) {
        for (index_t b = 0; b < gather_width; ++b)
            prefetch_column(x, x_rows, j + gather_width + b, ncols);
        gather_block<gather_width>(a, x, y, j);
    }
    for (; j < j1; ++j) gather_block<1>(a, x, y, j);
}

// Columns [j0, j1) of a row-major Y, a block of columns at a time so that the block of
// each row of Y stays in cache while the rows of X are added into it.
template <class T>
void by_rows(const Entries<Wide<T>> &a, const Strided<const T> &x, const Strided<T> &y, index_t j0,
             index_t j1) {
    constexpr index_t block = 256;
    Wide<T> acc[block];
    for (index_t b0 = j0; b0 < j1; b0 += block) {
        const index_t width = std::min(block, j1 - b0);
        for (index_t r = 0; r < a.rows; ++r) {
            std::fill(acc, acc + width, Wide<T>(0));
            for (int64_t k = a.ptr[r]; k < a.ptr[r + 1]; ++k) {
                const Wide<T> v = a.val[k];
                const T *xr = &x(a.idx[k], b0);
                const index_t xs = x.col_stride;
                for (index_t j = 0; j < width; ++j) acc[j] += v * Wide<T>(xr[j * xs]);
            }
            T *yr = &y(r, b0);
            for (index_t j = 0; j < width; ++j) yr[j] = static_cast<T>(acc[j]);
        }
    }
}

// Packed (re, im) values with every imaginary part negated.
std::vector<double> conjugated(const std::vector<double> &packed) {
    std::vector<double> out(packed);
    for (size_t k = 1; k < out.size(); k += 2) out[k] = -out[k];
    return out;
}

}  // namespace

template <class T>
void SparseMatrix::multiply(Transpose op, const MatrixRef &x, const MatrixRef &y) const {
    const SparsePattern &p = *pattern_;
    using V = Wide<T>;
    std::vector<double> conj_csc, conj_csr;  // A^H: the values conjugated
    const double *csc = csc_values_.data(), *csr = csr_values_.data();
    if (op == Transpose::conj) {
        conj_csc = conjugated(csc_values_);
        conj_csr = conjugated(csr_values_);
        csc = conj_csc.data();
        csr = conj_csr.data();
    }
    const V *csc_v = reinterpret_cast<const V *>(csc), *csr_v = reinterpret_cast<const V *>(csr);
    // A's CSR is A X's rows and its CSC is A X's column order; for A^T X the roles swap.
    using E = Entries<V>;
    const E a = op == Transpose::no ? E{p.rows, p.row_ptr.data(), p.col_idx.data(),
                                        csr_v,  p.row_idx.data(), p.csc_col.data(),
                                        csc_v,  p.nnz()}
                                    : E{p.cols, p.col_ptr.data(), p.row_idx.data(),
                                        csc_v,  p.col_idx.data(), p.csr_row.data(),
                                        csr_v,  p.nnz()};
    const index_t ncols = y.cols;
    if (ncols == 0 || a.rows == 0) return;
    const Strided<T> ys = strided<T>(y);
    if (a.nnz == 0) {  // Y = 0; X may have no rows at all, and is not read
        for (index_t j = 0; j < ncols; ++j)
            for (index_t i = 0; i < y.rows; ++i) ys(i, j) = T(0);
        return;
    }
    const Strided<T> xs = strided<T>(x);
    const Strided<const T> xc{xs.p, xs.row_stride, xs.col_stride};
    // Work per column: its nonzeros plus the reads and writes of x_j and y_j.
    const double work = double(ncols) * double(a.nnz + x.rows + y.rows);
    constexpr double min_work_per_thread = 1 << 18;
    parallel_for(ncols, work, min_work_per_thread, [&](index_t j0, index_t j1) {
        if (y.layout == Layout::col_major)
            by_columns(a, xc, x.rows, ys, j0, j1, ncols);
        else
            by_rows(a, xc, ys, j0, j1);
    });
}

template void SparseMatrix::multiply<float>(Transpose, const MatrixRef &, const MatrixRef &) const;
template void SparseMatrix::multiply<double>(Transpose, const MatrixRef &, const MatrixRef &) const;
template void SparseMatrix::multiply<std::complex<float>>(Transpose, const MatrixRef &,
                                                          const MatrixRef &) const;
template void SparseMatrix::multiply<std::complex<double>>(Transpose, const MatrixRef &,
                                                           const MatrixRef &) const;

}  // namespace fl
