// vecb and vech: reshapes of one matrix (docs/blmm.md has their index maps).
#include "blocks/block_views.hpp"
#include "blocks/matrix_calculus.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run_vecb(const MatrixRef &x, index_t n1, index_t n2, const MatrixRef &out) {
    const Strides s = strides_of(x), o = strides_of(out);
    const index_t l2 = x.cols / n2;
    strided_copy<T, 4>({{{x.rows / n1, n1 * s.row, l2 * o.row},
                         {l2, n2 * s.col, o.row},
                         {n1, s.row, o.col},
                         {n2, s.col, n1 * o.col}}},
                       static_cast<const T *>(x.data), static_cast<T *>(out.data));
}

template <class T>
void run_vech(const MatrixRef &x, T *out) {
    const Strides s = strides_of(x);
    const T *from = static_cast<const T *>(x.data);
    for (index_t j = 0; j < x.cols; ++j)
        for (index_t i = j; i < x.rows; ++i) *out++ = from[i * s.row + j * s.col];
}

}  // namespace

void vecb(Dtype dtype, const MatrixRef &x, index_t n1, index_t n2, const MatrixRef &out) {
    typed(dtype, [&](auto t) { run_vecb<decltype(t)>(x, n1, n2, out); });
}

void vech(Dtype dtype, const MatrixRef &x, void *out) {
    typed(dtype, [&](auto t) { run_vech<decltype(t)>(x, static_cast<decltype(t) *>(out)); });
}

}  // namespace fl::blocks
