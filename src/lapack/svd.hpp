// The singular value decomposition drivers, both with the thin (jobz / jobu = jobvt = 'S')
// outputs: gesdd (divide and conquer, the fast one) and gesvd (QR iteration, the fallback
// when gesdd does not converge). Both destroy a; both return LAPACK's info.
#pragma once

#include <algorithm>
#include <vector>

#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::lapack {

// m-by-n a = U diag(s) V^T: s gets min(m, n) values, u is m-by-min(m, n), vt min(m, n)-by-n.
template <class T>
lapack_int gesdd(index_t m, index_t n, T *a, index_t lda, T *s, T *u, index_t ldu, T *vt,
                 index_t ldvt) {
    std::vector<lapack_int> iwork(static_cast<size_t>(8 * std::min(m, n)));
    return with_workspace<T>(1, "gesdd", [&](T *work, lapack_int lwork) {
        return Routines<T>::gesdd(LAPACK_COL_MAJOR, 'S', to_int(m), to_int(n), a, to_int(lda), s, u,
                                  to_int(ldu), vt, to_int(ldvt), work, lwork, iwork.data());
    });
}

// The same decomposition by gesvd.
template <class T>
lapack_int gesvd(index_t m, index_t n, T *a, index_t lda, T *s, T *u, index_t ldu, T *vt,
                 index_t ldvt) {
    return with_workspace<T>(1, "gesvd", [&](T *work, lapack_int lwork) {
        return Routines<T>::gesvd(LAPACK_COL_MAJOR, 'S', 'S', to_int(m), to_int(n), a, to_int(lda),
                                  s, u, to_int(ldu), vt, to_int(ldvt), work, lwork);
    });
}

}  // namespace fl::lapack
