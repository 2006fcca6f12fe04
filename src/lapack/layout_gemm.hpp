// GEMM on caller matrices in whatever layouts they have.
#pragma once

#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::lapack {

// C <- alpha A B + beta C for logical matrices in any layouts (A is c.rows-by-inner, B is
// inner-by-c.cols). A row-major operand is, in memory, its column-major transpose, so it
// enters the column-major GEMM with the transpose flag set; a row-major C is computed as
// C^T = B^T A^T. No operand is ever copied.
template <class T>
void gemm(T alpha, const MatrixRef &a, const MatrixRef &b, index_t inner, T beta, const MatrixRef &c) {
    if (c.rows == 0 || c.cols == 0) return;
    const auto flag = [](bool t) { return t ? CblasTrans : CblasNoTrans; };
    const bool ta = a.layout == Layout::row_major, tb = b.layout == Layout::row_major;
    const T *ad = static_cast<const T *>(a.data), *bd = static_cast<const T *>(b.data);
    T *cd = static_cast<T *>(c.data);
    if (c.layout == Layout::col_major)
        Routines<T>::gemm(CblasColMajor, flag(ta), flag(tb), to_int(c.rows), to_int(c.cols),
                          to_int(inner), cblas_scalar(alpha), ad, to_int(a.ld), bd, to_int(b.ld),
                          cblas_scalar(beta), cd, to_int(c.ld));
    else
        Routines<T>::gemm(CblasColMajor, flag(!tb), flag(!ta), to_int(c.cols), to_int(c.rows),
                          to_int(inner), cblas_scalar(alpha), bd, to_int(b.ld), ad, to_int(a.ld),
                          cblas_scalar(beta), cd, to_int(c.ld));
}

}  // namespace fl::lapack
