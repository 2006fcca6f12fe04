// The duplication matrix D(n), n^2-by-n(n+1)/2: D vech(A) = vec(A) for symmetric A. With
// h(i, j) the position of A(i, j), i >= j, in vech(A) and v(i, j) = i + j n its position in
// vec(A), D has a 1 at (v(i, j), h(max, min)) for every (i, j). D^T D is diagonal (1 for
// the diagonal of A, 2 elsewhere), so D^+ = (D^T D)^-1 D^T has 1 at (h(i, i), v(i, i)) and
// 1/2 at (h(i, j), v(i, j)) and (h(i, j), v(j, i)) for i > j. Every product is therefore a
// gather of rows ("expand": D and D^+T) or a sum of row pairs ("contract": D^T and D^+).
#include "blocks/block_views.hpp"
#include "blocks/matrix_calculus.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

// Calls f(row, s0, s1, w) for every row of the n-by-n grid's image: the row is
// w * (x row s0 + x row s1), with s1 = -1 for one source row (weight 1 then, or `off`).
// expand:   rows v(i, j), source h(max(i, j), min(i, j)), weight 1 on the diagonal, off elsewhere.
// contract: rows h(i, j), i >= j, sources v(i, j) and v(j, i), weight 1 on the diagonal, off
// elsewhere.
template <class F>
void for_each_row(index_t n, bool expand, double off, F &&f) {
    index_t h = 0;
    for (index_t j = 0; j < n; ++j) {
        if (expand) {
            const index_t column_start = j * n - j * (j - 1) / 2;  // h(j, j) = j n - j (j - 1) / 2
            for (index_t i = 0; i < n; ++i) {
                const index_t source =
                    i >= j ? column_start + (i - j) : i * n - i * (i - 1) / 2 + (j - i);
                f(i + j * n, source, index_t{-1}, i == j ? 1.0 : off);
            }
        } else {
            f(h++, j + j * n, index_t{-1}, 1.0);
            for (index_t i = j + 1; i < n; ++i) f(h++, i + j * n, j + i * n, off);
        }
    }
}

bool expands(DuplicationOp op) {
    return op == DuplicationOp::d || op == DuplicationOp::pinv_transposed;
}
double off_weight(DuplicationOp op) {
    return op == DuplicationOp::d || op == DuplicationOp::d_transposed ? 1.0 : 0.5;
}

template <class T>
void run_apply(index_t n, DuplicationOp op, const MatrixRef &x, const MatrixRef &out) {
    const Strides s = strides_of(x), o = strides_of(out);
    const T *from = static_cast<const T *>(x.data);
    T *to = static_cast<T *>(out.data);
    const auto row = [&](index_t c0, index_t c1) {
        for_each_row(n, expands(op), off_weight(op),
                     [&](index_t r, index_t s0, index_t s1, double w) {
                         const T wt = static_cast<real_t<T>>(w);
                         for (index_t c = c0; c < c1; ++c) {
                             const T v = from[s0 * s.row + c * s.col] +
                                         (s1 < 0 ? T(0) : from[s1 * s.row + c * s.col]);
                             to[r * o.row + c * o.col] = wt * v;
                         }
                     });
    };
    // Row by row walks a row-major out contiguously; column by column a column-major one.
    if (out.layout == Layout::row_major)
        row(0, x.cols);
    else
        for (index_t c = 0; c < x.cols; ++c) row(c, c + 1);
}

template <class T>
void run_matrix(index_t n, bool pinv, const MatrixRef &out) {
    set_zero<T>(out);
    const Strides o = strides_of(out);
    T *to = static_cast<T *>(out.data);
    // D = D applied to I (expand, weight 1); D^+ = D^+ applied to I (contract, weight 1/2).
    for_each_row(n, !pinv, pinv ? 0.5 : 1.0, [&](index_t r, index_t s0, index_t s1, double w) {
        to[r * o.row + s0 * o.col] = static_cast<real_t<T>>(w);
        if (s1 >= 0) to[r * o.row + s1 * o.col] = static_cast<real_t<T>>(w);
    });
}

}  // namespace

void duplication_apply(Dtype dtype, index_t n, DuplicationOp op, const MatrixRef &x,
                       const MatrixRef &out) {
    typed(dtype, [&](auto t) { run_apply<decltype(t)>(n, op, x, out); });
}

void duplication_matrix(Dtype dtype, index_t n, bool pinv, const MatrixRef &out) {
    typed(dtype, [&](auto t) { run_matrix<decltype(t)>(n, pinv, out); });
}

}  // namespace fl::blocks
