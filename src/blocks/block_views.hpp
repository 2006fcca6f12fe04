// Views of a caller's matrix as seed 001's blocks, and the packed panels that feed them to
// GEMM. Nothing here allocates: panels are written into buffers the caller sized with
// blocks_per_panel().
#pragma once

#include <algorithm>
#include <limits>
#include <memory>
#include <string>

#include "blocks/strided_copy.hpp"
#include "core/error.hpp"
#include "core/types.hpp"
#include "lapack/layout_gemm.hpp"

namespace fl::blocks {

// Element (i, j) of m lies at data + i * row + j * col.
struct Strides {
    index_t row;
    index_t col;
};
inline Strides strides_of(const MatrixRef &m) {
    return m.layout == Layout::row_major ? Strides{m.ld, 1} : Strides{1, m.ld};
}

// The same memory read as the transpose: a row-major matrix is its column-major transpose.
inline MatrixRef transposed(const MatrixRef &m) {
    return {m.layout == Layout::row_major ? Layout::col_major : Layout::row_major, m.cols, m.rows,
            m.ld, m.data};
}

// Rows [r0, r1) of m. An m without columns may have a NULL data pointer, which no offset
// may be added to: its row ranges keep the pointer as it is.
template <class T>
MatrixRef row_range(const MatrixRef &m, index_t r0, index_t r1) {
    MatrixRef s = m;
    s.rows = r1 - r0;
    if (m.cols > 0) s.data = static_cast<T *>(m.data) + r0 * strides_of(m).row;
    return s;
}

// out <- 0 (the sum over no blocks).
template <class T>
void set_zero(const MatrixRef &out) {
    if (out.rows == 0 || out.cols == 0) return;  // its data may be NULL
    const ColMajorView<T> v = stored_view<T>(out);
    for (index_t j = 0; j < v.cols; ++j) std::fill_n(v.column(j), v.rows, T(0));
}

inline void require_lapack_size(index_t value, const char *what) {
    if (value > std::numeric_limits<int32_t>::max())
        throw Error(ErrorCode::too_large, std::string(what) + " = " + std::to_string(value) +
                                              " exceeds LAPACK's 32-bit integers");
}

// Uninitialised scratch memory for panels and partial products: every element is written
// before it is read, and value-initialising it would cost as much again as filling it.
template <class T>
std::unique_ptr<T[]> scratch(index_t count) {
    return std::unique_ptr<T[]>(new T[static_cast<size_t>(std::max<index_t>(count, 1))]);
}

// How many of `count` blocks of `per_block` elements one packed panel or scratch chunk
// holds: about 2^13 elements (64 KiB of doubles, so the panel stays in L2 and its memory in
// the heap), but at least `min_blocks` so that the GEMM over it is long enough to run at
// speed; never more than `count`, and few enough to keep its sizes within LAPACK's 32-bit
// integers.
inline index_t blocks_per_panel(index_t count, index_t per_block, index_t min_blocks) {
    constexpr index_t target = index_t{1} << 13;
    const index_t per = std::max<index_t>(per_block, 1);
    const index_t cap = std::numeric_limits<int32_t>::max() / per;
    return std::max<index_t>(1, std::min({count, std::max(target / per, min_blocks), cap}));
}

// Blocks shorter than this are packed so that GEMM's inner dimension is contiguous (its
// kernels for tiny outputs are several times slower on strided operands); taller ones keep
// the orientation that copies along the caller's memory.
constexpr index_t kShortBlock = 16;

// The n-by-(L k) matrix [X_i0 X_i0+1 ... X_i1-1] of the row blocks i0 <= i < i1 (each n-by-k)
// of X, written into buf (n L k elements). For a row-major X or short blocks, buf holds its
// transpose column-major (the returned view is row-major): the copy runs along X's rows and
// GEMM's inner dimension is contiguous. For a column-major X with tall blocks, buf holds it
// column-major, copied along X's columns.
template <class T>
MatrixRef block_row_panel(const MatrixRef &x, index_t n, index_t i0, index_t i1, T *buf) {
    const index_t k = x.cols, count = i1 - i0, inner = count * k;
    const Strides s = strides_of(x);
    const T *from = static_cast<const T *>(x.data) + i0 * n * s.row;
    if (x.layout == Layout::row_major || n < kShortBlock) {
        // buf(b k + c, p) = X(i0 + b, p, c), column-major (L k)-by-n.
        strided_copy<T, 3>({{{count, n * s.row, k}, {n, s.row, inner}, {k, s.col, 1}}}, from, buf);
        return {Layout::row_major, n, inner, inner, buf};
    }
    // buf(p, b k + c) = X(i0 + b, p, c), column-major n-by-(L k).
    strided_copy<T, 3>({{{count, n * s.row, n * k}, {n, s.row, 1}, {k, s.col, n}}}, from, buf);
    return {Layout::col_major, n, inner, n, buf};
}

// Where element (p, r) of a flattened n1-by-n2 block goes: p * p_stride + r * r_stride.
struct Flattening {
    index_t p_stride;
    index_t r_stride;
};
// Blocks are flattened along the caller's memory order: row by row for a row-major matrix,
// column by column (vec) for a column-major one.
inline Flattening flattening_for(Layout layout, index_t n1, index_t n2) {
    return layout == Layout::row_major ? Flattening{n2, 1} : Flattening{1, n1};
}

// The blocks X_ij (n1-by-n2) of block rows i0 <= i < i1 and every block column j, each
// flattened (flattening_for(X's layout)) into one column of the column-major
// (n1 n2)-by-((i1 - i0) l2) matrix buf, column (i - i0) l2 + j.
template <class T>
void pack_block_columns(const MatrixRef &x, index_t n1, index_t n2, index_t i0, index_t i1,
                        T *buf) {
    const Strides s = strides_of(x);
    const Flattening f = flattening_for(x.layout, n1, n2);
    const index_t l2 = x.cols / n2, column = n1 * n2;
    const T *from = static_cast<const T *>(x.data) + i0 * n1 * s.row;
    strided_copy<T, 4>({{{i1 - i0, n1 * s.row, l2 * column},
                         {l2, n2 * s.col, column},
                         {n1, s.row, f.p_stride},
                         {n2, s.col, f.r_stride}}},
                       from, buf);
}

// out <- beta out + P Q^T for P (out.rows-by-inner) and Q (out.cols-by-inner) in any layouts.
// symmetric (P and Q are one matrix): only the lower triangle of out's stored (column-major)
// view is written, by one SYRK at half the flops; the caller mirrors it once at the end.
template <class T>
void add_product(const MatrixRef &p, const MatrixRef &q, index_t inner, T beta,
                 const MatrixRef &out, bool symmetric) {
    if (out.rows == 0 || out.cols == 0) return;
    if (!symmetric) {
        lapack::gemm<T>(T(1), p, transposed(q), inner, beta, out);
        return;
    }
    // A row-major P is, in memory, P^T column-major: SYRK forms (P^T)^T (P^T).
    lapack::syrk(Triangle::lower, p.layout == Layout::col_major ? Transpose::no : Transpose::yes,
                 out.rows, inner, T(1), static_cast<const T *>(p.data), p.ld, beta,
                 static_cast<T *>(out.data), out.ld);
}

}  // namespace fl::blocks
