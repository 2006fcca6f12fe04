// Householder reflectors, as QR and COD keep them: the LAPACK calls that make them (geqrf,
// geqp3, tzrzf), form Q from them (orgqr), apply them (ormqr, ormrz), and the triangular
// solve and condition estimate on the R they leave. Each call that needs a workspace
// queries it here, per call, so that every query of a factor stays const and thread-safe.
// These throw Error(internal) on a LAPACK failure: every argument was checked before.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::lapack {

// ---- factorizations --------------------------------------------------------------------

// a (m-by-n) <- R and the reflectors of Q, tau gets min(m, n) scalars.
template <class T>
void geqrf(index_t m, index_t n, T *a, index_t lda, T *tau) {
    require_ok(with_workspace<T>(n, "geqrf",
                                 [&](T *work, lapack_int lwork) {
                                     return Routines<T>::geqrf(LAPACK_COL_MAJOR, to_int(m),
                                                               to_int(n), a, to_int(lda), tau, work,
                                                               lwork);
                                 }),
               "geqrf");
}

// The same with column pivoting: A P = Q R. jpvt must hold n zeros on entry (all columns
// free); on exit jpvt[i] - 1 is the column of A that became column i of A P. (The complex
// routine takes a real workspace of 2 n column norms besides the complex one.)
template <class T>
void geqp3(index_t m, index_t n, T *a, index_t lda, lapack_int *jpvt, T *tau) {
    std::vector<real_t<T>> rwork;
    if constexpr (is_complex_v<T>) rwork = workspace<real_t<T>>(2 * n);
    require_ok(with_workspace<T>(3 * n + 1, "geqp3",
                                 [&](T *work, lapack_int lwork) {
                                     if constexpr (is_complex_v<T>)
                                         return Routines<T>::geqp3(LAPACK_COL_MAJOR, to_int(m),
                                                                   to_int(n), a, to_int(lda), jpvt,
                                                                   tau, work, lwork, rwork.data());
                                     else
                                         return Routines<T>::geqp3(LAPACK_COL_MAJOR, to_int(m),
                                                                   to_int(n), a, to_int(lda), jpvt,
                                                                   tau, work, lwork);
                                 }),
               "geqp3");
}

// The upper trapezoidal m-by-n (m <= n) a <- [T 0] Z: T in the leading m-by-m triangle,
// Z's reflectors in columns m..n of the same rows. Nothing else of the array is touched.
template <class T>
void tzrzf(index_t m, index_t n, T *a, index_t lda, T *tau) {
    require_ok(with_workspace<T>(m, "tzrzf",
                                 [&](T *work, lapack_int lwork) {
                                     return Routines<T>::tzrzf(LAPACK_COL_MAJOR, to_int(m),
                                                               to_int(n), a, to_int(lda), tau, work,
                                                               lwork);
                                 }),
               "tzrzf");
}

// a (m-by-n, holding k reflectors) <- the first n columns of Q (ungqr for a complex T).
template <class T>
void orgqr(index_t m, index_t n, index_t k, T *a, index_t lda, const T *tau) {
    require_ok(with_workspace<T>(n, "orgqr",
                                 [&](T *work, lapack_int lwork) {
                                     return Routines<T>::orgqr(LAPACK_COL_MAJOR, to_int(m),
                                                               to_int(n), to_int(k), a, to_int(lda),
                                                               tau, work, lwork);
                                 }),
               "orgqr");
}

// ---- applying reflectors ---------------------------------------------------------------

// c (m-by-n) <- op(Q) c (left) or c op(Q) (right), Q from k reflectors in a; op is
// Transpose::no or adjoint<T>() (unmqr for a complex T, which has no plain transpose).
// ormqr is handed a private copy of the reflectors, never the factor's own array: despite
// LAPACKE's `const`, its unblocked path (dorm2r, taken when k is below the block size) sets
// each A(i, i) to 1 while it applies H_i and restores it afterwards, so threads sharing one
// factor would see each other's 1s in R's diagonal (found by shared_handles_stress_test:
// wrong solves, inverses and rcond from a QR or COD handle shared by 16 threads). The copy,
// rows-by-k, costs less than the 4 rows k n flops of the product itself.
template <class T>
void ormqr(Side side, Transpose trans, index_t m, index_t n, index_t k, const T *a, index_t lda,
           const T *tau, T *c, index_t ldc) {
    if (m == 0 || n == 0 || k == 0) return;
    const index_t rows = side == Side::left ? m : n;
    std::vector<T> v(static_cast<size_t>(rows * k));
    for (index_t j = 0; j < k; ++j)
        std::copy(a + j * lda, a + j * lda + rows, v.begin() + static_cast<std::ptrdiff_t>(j * rows));
    require_ok(with_workspace<T>(side == Side::left ? n : m, "ormqr",
                                 [&](T *work, lapack_int lwork) {
                                     return Routines<T>::ormqr(LAPACK_COL_MAJOR, side_char(side),
                                                               trans_char(trans), to_int(m),
                                                               to_int(n), to_int(k), v.data(),
                                                               to_int(rows), tau, c, to_int(ldc),
                                                               work, lwork);
                                 }),
               "ormqr");
}

// c (m-by-n) <- op(Z) c for Z from tzrzf's k reflectors, each with l trailing elements
// (rows of a, lda >= k); op is Transpose::no or adjoint<T>() (unmrz for a complex T).
template <class T>
void ormrz_left(Transpose trans, index_t m, index_t n, index_t k, index_t l, const T *a,
                index_t lda, const T *tau, T *c, index_t ldc) {
    if (m == 0 || n == 0 || k == 0) return;
    require_ok(with_workspace<T>(n, "ormrz",
                                 [&](T *work, lapack_int lwork) {
                                     return Routines<T>::ormrz(
                                         LAPACK_COL_MAJOR, 'L', trans_char(trans), to_int(m),
                                         to_int(n), to_int(k), to_int(l), a, to_int(lda), tau, c,
                                         to_int(ldc), work, lwork);
                                 }),
               "ormrz");
}

// ---- the triangle R ----------------------------------------------------------------------

// b (n-by-k) <- op(R)^-1 b for the upper triangular n-by-n R in a. R's diagonal is known
// to be nonzero (checked when the factor was built), so trsm needs no singularity test.
template <class T>
void trsm_upper_left(Transpose trans, index_t n, index_t k, const T *a, index_t lda, T *b,
                     index_t ldb) {
    if (n == 0 || k == 0) return;
    trsm(Side::left, Triangle::upper, trans, false, n, k, a, lda, b, ldb);
}

// LAPACK's 1-norm estimate of 1 / (||R||_1 ||R^-1||_1) for the upper triangular n-by-n R.
template <class T>
double trcon_upper(index_t n, const T *a, index_t lda) {
    if (n == 0) return 1.0;
    real_t<T> estimate = 0;
    // (The complex routine takes a real workspace where the real one takes an integer one.)
    if constexpr (is_complex_v<T>) {
        std::vector<T> work = workspace<T>(2 * n);
        std::vector<real_t<T>> rwork = workspace<real_t<T>>(n);
        require_ok(Routines<T>::trcon(LAPACK_COL_MAJOR, '1', 'U', 'N', to_int(n), a, to_int(lda),
                                      &estimate, work.data(), rwork.data()),
                   "trcon");
    } else {
        std::vector<T> work = workspace<T>(3 * n);
        std::vector<lapack_int> iwork(static_cast<size_t>(n));
        require_ok(Routines<T>::trcon(LAPACK_COL_MAJOR, '1', 'U', 'N', to_int(n), a, to_int(lda),
                                      &estimate, work.data(), iwork.data()),
                   "trcon");
    }
    return static_cast<double>(estimate);
}

}  // namespace fl::lapack
