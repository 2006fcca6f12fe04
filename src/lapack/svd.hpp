// The singular value decomposition drivers, both with the thin (jobz / jobu = jobvt = 'S')
// outputs: gesdd (divide and conquer, the fast one) and gesvd (QR iteration, the fallback
// when gesdd does not converge). Both destroy a; both return LAPACK's info. The singular
// values are real for a complex a too (real_t<T>), and the complex routines take a real
// workspace besides the complex one.
#pragma once

#include <algorithm>
#include <vector>

#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::lapack {

// m-by-n a = U diag(s) V^H: s gets min(m, n) values, u is m-by-min(m, n), vt min(m, n)-by-n
// (V^T for a real a).
template <class T>
lapack_int gesdd(index_t m, index_t n, T *a, index_t lda, real_t<T> *s, T *u, index_t ldu, T *vt,
                 index_t ldvt) {
    const index_t mn = std::min(m, n), mx = std::max(m, n);
    std::vector<lapack_int> iwork(static_cast<size_t>(8 * mn));
    // zgesdd's documented minimum for jobz = 'S' (LAPACK 3.7 and later).
    std::vector<real_t<T>> rwork;
    if constexpr (is_complex_v<T>)
        rwork =
            workspace<real_t<T>>(std::max(5 * mn * mn + 5 * mn, 2 * mx * mn + 2 * mn * mn + mn));
    return with_workspace<T>(1, "gesdd", [&](T *work, lapack_int lwork) {
        if constexpr (is_complex_v<T>)
            return Routines<T>::gesdd(LAPACK_COL_MAJOR, 'S', to_int(m), to_int(n), a, to_int(lda),
                                      s, u, to_int(ldu), vt, to_int(ldvt), work, lwork,
                                      rwork.data(), iwork.data());
        else
            return Routines<T>::gesdd(LAPACK_COL_MAJOR, 'S', to_int(m), to_int(n), a, to_int(lda),
                                      s, u, to_int(ldu), vt, to_int(ldvt), work, lwork,
                                      iwork.data());
    });
}

// The same decomposition by gesvd.
template <class T>
lapack_int gesvd(index_t m, index_t n, T *a, index_t lda, real_t<T> *s, T *u, index_t ldu, T *vt,
                 index_t ldvt) {
    std::vector<real_t<T>> rwork;
    if constexpr (is_complex_v<T>) rwork = workspace<real_t<T>>(5 * std::min(m, n));
    return with_workspace<T>(1, "gesvd", [&](T *work, lapack_int lwork) {
        if constexpr (is_complex_v<T>)
            return Routines<T>::gesvd(LAPACK_COL_MAJOR, 'S', 'S', to_int(m), to_int(n), a,
                                      to_int(lda), s, u, to_int(ldu), vt, to_int(ldvt), work, lwork,
                                      rwork.data());
        else
            return Routines<T>::gesvd(LAPACK_COL_MAJOR, 'S', 'S', to_int(m), to_int(n), a,
                                      to_int(lda), s, u, to_int(ldu), vt, to_int(ldvt), work,
                                      lwork);
    });
}

}  // namespace fl::lapack
