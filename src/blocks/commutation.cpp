// The commutation matrix K(m,n): vec(A) has A(i, j) at i + j m and vec(A^T) at j + i n, so
// K(m,n) moves row i + j m of x to row j + i n. Applied as that row permutation (one strided
// copy), never as a matrix product.
#include "blocks/block_views.hpp"
#include "blocks/matrix_calculus.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run_apply(index_t m, index_t n, const MatrixRef &x, const MatrixRef &out) {
    const Strides s = strides_of(x), o = strides_of(out);
    strided_copy<T, 3>({{{m, s.row, n * o.row}, {n, m * s.row, o.row}, {x.cols, s.col, o.col}}},
                       static_cast<const T *>(x.data), static_cast<T *>(out.data));
}

template <class T>
void run_matrix(index_t m, index_t n, const MatrixRef &out) {
    if (m == 0 || n == 0) return;  // K is 0-by-0: no loop over the other size
    set_zero<T>(out);
    const Strides o = strides_of(out);
    T *to = static_cast<T *>(out.data);
    for (index_t j = 0; j < n; ++j)
        for (index_t i = 0; i < m; ++i) to[(j + i * n) * o.row + (i + j * m) * o.col] = T(1);
}

}  // namespace

void commutation_apply(Dtype dtype, index_t m, index_t n, const MatrixRef &x,
                       const MatrixRef &out) {
    typed(dtype, [&](auto t) { run_apply<decltype(t)>(m, n, x, out); });
}

void commutation_matrix(Dtype dtype, index_t m, index_t n, const MatrixRef &out) {
    typed(dtype, [&](auto t) { run_matrix<decltype(t)>(m, n, out); });
}

}  // namespace fl::blocks
