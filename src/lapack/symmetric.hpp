// The symmetric-indefinite and symmetric-eigenvalue routines: LDL^T (Bunch-Kaufman sytrf
// and its solves, inverse and condition estimate) and the divide-and-conquer eigensolver.
// Like lapack.hpp's, these return LAPACK's info and leave its meaning to the caller.
#pragma once

#include <algorithm>
#include <vector>

#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::lapack {

// ---- LDL^T -----------------------------------------------------------------------------
//
// `hermitian` picks, for a complex T, Bunch-Kaufman's P A P^T = L D L^H of a Hermitian A
// (LAPACK's he- routines) over the L D L^T of a complex symmetric one (sy-); it means
// nothing for a real T, whose symmetric A is both.

// The he- routine `name` for a complex Hermitian A, else the sy- one (same signature).
#define FL_LDL_ROUTINE(name)                             \
    [&] {                                                \
        if constexpr (is_complex_v<T>)                   \
            if (hermitian) return Routines<T>::he##name; \
        return Routines<T>::sy##name;                    \
    }()

// a (n-by-n, triangle t) <- L and D, ipiv <- the pivots (negative pairs mark 2-by-2 blocks).
template <class T>
lapack_int sytrf(Triangle t, bool hermitian, index_t n, T *a, index_t lda, lapack_int *ipiv) {
    return with_workspace<T>(1, "sytrf", [&](T *work, lapack_int lwork) {
        return FL_LDL_ROUTINE(trf)(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), a, to_int(lda), ipiv,
                                   work, lwork);
    });
}

// b (n-by-nrhs) <- A^-1 b from sytrf's factor, one column at a time (BLAS-2).
template <class T>
lapack_int sytrs(Triangle t, bool hermitian, index_t n, index_t nrhs, const T *a, index_t lda,
                 const lapack_int *ipiv, T *b, index_t ldb) {
    return FL_LDL_ROUTINE(trs)(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), to_int(nrhs), a,
                               to_int(lda), ipiv, b, to_int(ldb));
}

// The same through trsm (BLAS-3), but a is converted in place and must be a scratch copy.
template <class T>
lapack_int sytrs2(Triangle t, bool hermitian, index_t n, index_t nrhs, T *a, index_t lda,
                  const lapack_int *ipiv, T *b, index_t ldb) {
    std::vector<T> work = workspace<T>(n);
    return FL_LDL_ROUTINE(trs2)(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), to_int(nrhs), a,
                                to_int(lda), ipiv, b, to_int(ldb), work.data());
}

// a (sytrf's factor) <- triangle t of A^-1.
template <class T>
lapack_int sytri(Triangle t, bool hermitian, index_t n, T *a, index_t lda, const lapack_int *ipiv) {
    std::vector<T> work = workspace<T>(n);
    return FL_LDL_ROUTINE(tri)(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), a, to_int(lda), ipiv,
                               work.data());
}

// anorm is the 1-norm of the matrix that was factored. (The complex routines take no
// integer workspace.)
template <class T>
lapack_int sycon(Triangle t, bool hermitian, index_t n, const T *a, index_t lda,
                 const lapack_int *ipiv, double anorm, double *rcond) {
    using R = real_t<T>;
    std::vector<T> work = workspace<T>(2 * n);
    R estimate = 0;
    lapack_int info;
    if constexpr (is_complex_v<T>) {
        info = FL_LDL_ROUTINE(con)(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), a, to_int(lda), ipiv,
                                   static_cast<R>(anorm), &estimate, work.data());
    } else {
        std::vector<lapack_int> iwork(static_cast<size_t>(std::max<index_t>(n, 1)));
        info = Routines<T>::sycon(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), a, to_int(lda), ipiv,
                                  static_cast<R>(anorm), &estimate, work.data(), iwork.data());
    }
    *rcond = estimate;
    return info;
}

#undef FL_LDL_ROUTINE

// ---- symmetric eigenproblem ------------------------------------------------------------

// syevd (heevd for a complex T) with jobz = 'V': a (n-by-n, triangle t of a symmetric or
// Hermitian A) <- the eigenvectors, w <- the eigenvalues, real for either.
template <class T>
lapack_int syevd(Triangle t, index_t n, T *a, index_t lda, real_t<T> *w) {
    using R = real_t<T>;
    const char uplo = uplo_char(t);
    T optimal = 0;
    R optimal_rwork = 0;
    lapack_int optimal_iwork = 0;
    lapack_int info;
    if constexpr (is_complex_v<T>)
        info = Routines<T>::heevd(LAPACK_COL_MAJOR, 'V', uplo, to_int(n), a, to_int(lda), w,
                                  &optimal, -1, &optimal_rwork, -1, &optimal_iwork, -1);
    else
        info = Routines<T>::syevd(LAPACK_COL_MAJOR, 'V', uplo, to_int(n), a, to_int(lda), w,
                                  &optimal, -1, &optimal_iwork, -1);
    if (info != 0) return info;
    // The documented minima: heevd's work is 2n + n^2 with an rwork of 1 + 5n + 2n^2,
    // syevd's work is 1 + 6n + 2n^2.
    std::vector<T> work = queried_workspace(
        optimal, is_complex_v<T> ? 2 * n + n * n : 1 + 6 * n + 2 * n * n, "syevd");
    std::vector<lapack_int> iwork(static_cast<size_t>(std::max<lapack_int>(optimal_iwork, 1)));
    const lapack_int liwork = to_int(static_cast<index_t>(iwork.size()));
    if constexpr (is_complex_v<T>) {
        std::vector<R> rwork = queried_workspace(optimal_rwork, 1 + 5 * n + 2 * n * n, "heevd");
        return Routines<T>::heevd(LAPACK_COL_MAJOR, 'V', uplo, to_int(n), a, to_int(lda), w,
                                  work.data(), size_of(work), rwork.data(), size_of(rwork),
                                  iwork.data(), liwork);
    } else {
        return Routines<T>::syevd(LAPACK_COL_MAJOR, 'V', uplo, to_int(n), a, to_int(lda), w,
                                  work.data(), size_of(work), iwork.data(), liwork);
    }
}

// ---- generalized symmetric-definite eigenproblem ----------------------------------------

// sygvd (hegvd for a complex T) with jobz = 'V' for the problem `itype` (1: A v = w B v, 2:
// A B v = w v, 3: B A v = w v), both matrices read from triangle t: a <- the B-normalised
// eigenvectors, b <- the Cholesky factor of B in triangle t, w <- the eigenvalues, real and
// ascending. info > n: B's leading minor of order info - n is not positive definite.
template <class T>
lapack_int sygvd(int itype, Triangle t, index_t n, T *a, index_t lda, T *b, index_t ldb,
                 real_t<T> *w) {
    using R = real_t<T>;
    T optimal = 0;
    R optimal_rwork = 0;
    lapack_int optimal_iwork = 0;
    const char uplo = uplo_char(t);
    lapack_int info;
    if constexpr (is_complex_v<T>)
        info = Routines<T>::hegvd(LAPACK_COL_MAJOR, itype, 'V', uplo, to_int(n), a, to_int(lda), b,
                                  to_int(ldb), w, &optimal, -1, &optimal_rwork, -1, &optimal_iwork,
                                  -1);
    else
        info = Routines<T>::sygvd(LAPACK_COL_MAJOR, itype, 'V', uplo, to_int(n), a, to_int(lda), b,
                                  to_int(ldb), w, &optimal, -1, &optimal_iwork, -1);
    if (info != 0) return info;
    // The documented minima: hegvd's work is 2n + n^2 with an rwork of 1 + 5n + 2n^2,
    // sygvd's work is 1 + 6n + 2n^2; both take an iwork of 3 + 5n.
    std::vector<T> work = queried_workspace(
        optimal, is_complex_v<T> ? 2 * n + n * n : 1 + 6 * n + 2 * n * n, "sygvd");
    std::vector<lapack_int> iwork(
        static_cast<size_t>(std::max<lapack_int>(optimal_iwork, 3 + 5 * to_int(n))));
    const lapack_int liwork = to_int(static_cast<index_t>(iwork.size()));
    if constexpr (is_complex_v<T>) {
        std::vector<R> rwork = queried_workspace(optimal_rwork, 1 + 5 * n + 2 * n * n, "hegvd");
        return Routines<T>::hegvd(LAPACK_COL_MAJOR, itype, 'V', uplo, to_int(n), a, to_int(lda), b,
                                  to_int(ldb), w, work.data(), size_of(work), rwork.data(),
                                  size_of(rwork), iwork.data(), liwork);
    } else {
        return Routines<T>::sygvd(LAPACK_COL_MAJOR, itype, 'V', uplo, to_int(n), a, to_int(lda), b,
                                  to_int(ldb), w, work.data(), size_of(work), iwork.data(), liwork);
    }
}

// C <- A B for a symmetric (complex: Hermitian) n-by-n A read from triangle t and an n-by-k B.
template <class T>
void symm(Triangle t, index_t n, index_t k, const T *a, index_t lda, const T *b, index_t ldb, T *c,
          index_t ldc) {
    const T one(1), zero(0);
    Routines<T>::symm(CblasColMajor, CblasLeft, cblas_uplo(t), to_int(n), to_int(k),
                      cblas_scalar(one), a, to_int(lda), b, to_int(ldb), cblas_scalar(zero), c,
                      to_int(ldc));
}

}  // namespace fl::lapack
