// Typed entry points to the BLAS and LAPACK routines the core calls, written once for
// every element type: Routines<T> names the s-, d-, c- or z- routine, and each wrapper
// below is a template over it. A complex type's table holds only the routines its kinds
// call (docs/complex.md). Every call is column-major: a row-major caller matrix reaches here as
// its transpose (see core/types.hpp), never through LAPACKE's transposing row-major path.
// The LAPACKE _work variants are used because they neither allocate nor re-check for NaN;
// the core validates once, up front.
//
// Sizes arrive as index_t already checked (capi/arguments.cpp) to fit LAPACK's 32-bit
// integers.
#pragma once

// LAPACKE's complex arguments are std::complex, the core's own complex types.
#include <complex>
#define lapack_complex_float  std::complex<float>
#define lapack_complex_double std::complex<double>
#include <cblas.h>
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/types.hpp"

namespace fl::lapack {

template <class T> struct Routines;

template <> struct Routines<float> {
    static constexpr auto getrf = LAPACKE_sgetrf_work;
    static constexpr auto getrs = LAPACKE_sgetrs_work;
    static constexpr auto getri = LAPACKE_sgetri_work;
    static constexpr auto gecon = LAPACKE_sgecon_work;
    static constexpr auto potrf = LAPACKE_spotrf_work;
    static constexpr auto potrs = LAPACKE_spotrs_work;
    static constexpr auto potri = LAPACKE_spotri_work;
    static constexpr auto pocon = LAPACKE_spocon_work;
    static constexpr auto pftrf = LAPACKE_spftrf_work;
    static constexpr auto pftrs = LAPACKE_spftrs_work;
    static constexpr auto pftri = LAPACKE_spftri_work;
    static constexpr auto lacn2 = LAPACKE_slacn2_work;
    static constexpr auto sytrf = LAPACKE_ssytrf_work;
    static constexpr auto sytrs = LAPACKE_ssytrs_work;
    static constexpr auto sytrs2 = LAPACKE_ssytrs2_work;
    static constexpr auto sytri = LAPACKE_ssytri_work;
    static constexpr auto sycon = LAPACKE_ssycon_work;
    static constexpr auto syevd = LAPACKE_ssyevd_work;
    static constexpr auto sygvd = LAPACKE_ssygvd_work;
    static constexpr auto geqrf = LAPACKE_sgeqrf_work;
    static constexpr auto ormqr = LAPACKE_sormqr_work;
    static constexpr auto orgqr = LAPACKE_sorgqr_work;
    static constexpr auto trtrs = LAPACKE_strtrs_work;
    static constexpr auto trcon = LAPACKE_strcon_work;
    static constexpr auto trtri = LAPACKE_strtri_work;
    static constexpr auto geqp3 = LAPACKE_sgeqp3_work;
    static constexpr auto tzrzf = LAPACKE_stzrzf_work;
    static constexpr auto ormrz = LAPACKE_sormrz_work;
    static constexpr auto gesdd = LAPACKE_sgesdd_work;
    static constexpr auto gesvd = LAPACKE_sgesvd_work;
    static constexpr auto gemm = cblas_sgemm;
    static constexpr auto syrk = cblas_ssyrk;
    static constexpr auto symm = cblas_ssymm;
    static constexpr auto trsm = cblas_strsm;
    static constexpr auto trmm = cblas_strmm;
    static constexpr auto rot = cblas_srot;
    static constexpr auto nrm2 = cblas_snrm2;
    static constexpr auto scal = cblas_sscal;
    static constexpr auto axpy = cblas_saxpy;
    static constexpr auto copy = cblas_scopy;
    static constexpr auto swap = cblas_sswap;
};

template <> struct Routines<double> {
    static constexpr auto getrf = LAPACKE_dgetrf_work;
    static constexpr auto getrs = LAPACKE_dgetrs_work;
    static constexpr auto getri = LAPACKE_dgetri_work;
    static constexpr auto gecon = LAPACKE_dgecon_work;
    static constexpr auto potrf = LAPACKE_dpotrf_work;
    static constexpr auto potrs = LAPACKE_dpotrs_work;
    static constexpr auto potri = LAPACKE_dpotri_work;
    static constexpr auto pocon = LAPACKE_dpocon_work;
    static constexpr auto pftrf = LAPACKE_dpftrf_work;
    static constexpr auto pftrs = LAPACKE_dpftrs_work;
    static constexpr auto pftri = LAPACKE_dpftri_work;
    static constexpr auto lacn2 = LAPACKE_dlacn2_work;
    static constexpr auto sytrf = LAPACKE_dsytrf_work;
    static constexpr auto sytrs = LAPACKE_dsytrs_work;
    static constexpr auto sytrs2 = LAPACKE_dsytrs2_work;
    static constexpr auto sytri = LAPACKE_dsytri_work;
    static constexpr auto sycon = LAPACKE_dsycon_work;
    static constexpr auto syevd = LAPACKE_dsyevd_work;
    static constexpr auto sygvd = LAPACKE_dsygvd_work;
    static constexpr auto geqrf = LAPACKE_dgeqrf_work;
    static constexpr auto ormqr = LAPACKE_dormqr_work;
    static constexpr auto orgqr = LAPACKE_dorgqr_work;
    static constexpr auto trtrs = LAPACKE_dtrtrs_work;
    static constexpr auto trcon = LAPACKE_dtrcon_work;
    static constexpr auto trtri = LAPACKE_dtrtri_work;
    static constexpr auto geqp3 = LAPACKE_dgeqp3_work;
    static constexpr auto tzrzf = LAPACKE_dtzrzf_work;
    static constexpr auto ormrz = LAPACKE_dormrz_work;
    static constexpr auto gesdd = LAPACKE_dgesdd_work;
    static constexpr auto gesvd = LAPACKE_dgesvd_work;
    static constexpr auto gemm = cblas_dgemm;
    static constexpr auto syrk = cblas_dsyrk;
    static constexpr auto symm = cblas_dsymm;
    static constexpr auto trsm = cblas_dtrsm;
    static constexpr auto trmm = cblas_dtrmm;
    static constexpr auto rot = cblas_drot;
    static constexpr auto nrm2 = cblas_dnrm2;
    static constexpr auto scal = cblas_dscal;
    static constexpr auto axpy = cblas_daxpy;
    static constexpr auto copy = cblas_dcopy;
    static constexpr auto swap = cblas_dswap;
};

// The complex tables: the routines of the kinds that take complex matrices (LU, Cholesky,
// LDL^T, EIGH, QR, COD, SVD). The unitary routines (unmqr, ungqr, unmrz) sit under the
// orthogonal ones' names.
template <>
struct Routines<std::complex<float>> {
    static constexpr auto getrf = LAPACKE_cgetrf_work;
    static constexpr auto getrs = LAPACKE_cgetrs_work;
    static constexpr auto getri = LAPACKE_cgetri_work;
    static constexpr auto gecon = LAPACKE_cgecon_work;
    static constexpr auto potrf = LAPACKE_cpotrf_work;
    static constexpr auto potrs = LAPACKE_cpotrs_work;
    static constexpr auto potri = LAPACKE_cpotri_work;
    static constexpr auto pocon = LAPACKE_cpocon_work;
    static constexpr auto heevd = LAPACKE_cheevd_work;
    static constexpr auto geqrf = LAPACKE_cgeqrf_work;
    static constexpr auto ormqr = LAPACKE_cunmqr_work;
    static constexpr auto orgqr = LAPACKE_cungqr_work;
    static constexpr auto trcon = LAPACKE_ctrcon_work;
    static constexpr auto gesdd = LAPACKE_cgesdd_work;
    static constexpr auto gesvd = LAPACKE_cgesvd_work;
    static constexpr auto geqp3 = LAPACKE_cgeqp3_work;
    static constexpr auto tzrzf = LAPACKE_ctzrzf_work;
    static constexpr auto ormrz = LAPACKE_cunmrz_work;
    static constexpr auto nrm2 = cblas_scnrm2;
    static constexpr auto gemm = cblas_cgemm;
    static constexpr auto trsm = cblas_ctrsm;
    static constexpr auto swap = cblas_cswap;
    static constexpr auto sytrf = LAPACKE_csytrf_work;
    static constexpr auto sytrs = LAPACKE_csytrs_work;
    static constexpr auto sytrs2 = LAPACKE_csytrs2_work;
    static constexpr auto sytri = LAPACKE_csytri_work;
    static constexpr auto sycon = LAPACKE_csycon_work;
    static constexpr auto hetrf = LAPACKE_chetrf_work;    // LDL^H of a Hermitian A
    static constexpr auto hetrs = LAPACKE_chetrs_work;    // LDL^H of a Hermitian A
    static constexpr auto hetrs2 = LAPACKE_chetrs2_work;  // LDL^H of a Hermitian A
    static constexpr auto hetri = LAPACKE_chetri_work;    // LDL^H of a Hermitian A
    static constexpr auto hecon = LAPACKE_checon_work;    // LDL^H of a Hermitian A
    static constexpr auto hegvd = LAPACKE_chegvd_work;
    static constexpr auto symm = cblas_chemm;  // Hermitian, under the symmetric name
};

template <>
struct Routines<std::complex<double>> {
    static constexpr auto getrf = LAPACKE_zgetrf_work;
    static constexpr auto getrs = LAPACKE_zgetrs_work;
    static constexpr auto getri = LAPACKE_zgetri_work;
    static constexpr auto gecon = LAPACKE_zgecon_work;
    static constexpr auto potrf = LAPACKE_zpotrf_work;
    static constexpr auto potrs = LAPACKE_zpotrs_work;
    static constexpr auto potri = LAPACKE_zpotri_work;
    static constexpr auto pocon = LAPACKE_zpocon_work;
    static constexpr auto heevd = LAPACKE_zheevd_work;
    static constexpr auto geqrf = LAPACKE_zgeqrf_work;
    static constexpr auto ormqr = LAPACKE_zunmqr_work;
    static constexpr auto orgqr = LAPACKE_zungqr_work;
    static constexpr auto trcon = LAPACKE_ztrcon_work;
    static constexpr auto gesdd = LAPACKE_zgesdd_work;
    static constexpr auto gesvd = LAPACKE_zgesvd_work;
    static constexpr auto geqp3 = LAPACKE_zgeqp3_work;
    static constexpr auto tzrzf = LAPACKE_ztzrzf_work;
    static constexpr auto ormrz = LAPACKE_zunmrz_work;
    static constexpr auto nrm2 = cblas_dznrm2;
    static constexpr auto gemm = cblas_zgemm;
    static constexpr auto trsm = cblas_ztrsm;
    static constexpr auto swap = cblas_zswap;
    static constexpr auto sytrf = LAPACKE_zsytrf_work;
    static constexpr auto sytrs = LAPACKE_zsytrs_work;
    static constexpr auto sytrs2 = LAPACKE_zsytrs2_work;
    static constexpr auto sytri = LAPACKE_zsytri_work;
    static constexpr auto sycon = LAPACKE_zsycon_work;
    static constexpr auto hetrf = LAPACKE_zhetrf_work;    // LDL^H of a Hermitian A
    static constexpr auto hetrs = LAPACKE_zhetrs_work;    // LDL^H of a Hermitian A
    static constexpr auto hetrs2 = LAPACKE_zhetrs2_work;  // LDL^H of a Hermitian A
    static constexpr auto hetri = LAPACKE_zhetri_work;    // LDL^H of a Hermitian A
    static constexpr auto hecon = LAPACKE_zhecon_work;    // LDL^H of a Hermitian A
    static constexpr auto hegvd = LAPACKE_zhegvd_work;
    static constexpr auto symm = cblas_zhemm;  // Hermitian, under the symmetric name
};

// The side a triangular or orthogonal factor multiplies from.
enum class Side {
    left,
    right
};

inline lapack_int to_int(index_t v) { return static_cast<lapack_int>(v); }
inline char uplo_char(Triangle t) { return t == Triangle::lower ? 'L' : 'U'; }
inline char trans_char(Transpose t) {
    switch (t) {
        case Transpose::no:
            return 'N';
        case Transpose::yes:
            return 'T';
        case Transpose::conj:
            return 'C';
    }
    return 'N';
}
inline char side_char(Side s) { return s == Side::left ? 'L' : 'R'; }

// For the routines whose every argument was checked before the call: a nonzero info is a
// bug, never the caller's.
inline void require_ok(lapack_int info, const char *routine) {
    if (info != 0)
        throw Error(ErrorCode::internal,
                    std::string(routine) + " failed with info " + std::to_string(info));
}

template <class T> std::vector<T> workspace(index_t n) {
    return std::vector<T>(static_cast<size_t>(std::max<index_t>(n, 1)));
}

// The workspace a routine asked for in its lwork = -1 query. LAPACK reports the size as a
// floating-point number, and a float cannot hold every integer above 2^24: round up a
// little rather than risk a size one short, never go under the documented `minimum`, and
// refuse a size LAPACK's 32-bit lwork cannot name.
template <class T> std::vector<T> queried_workspace(T reported, index_t minimum, const char *routine) {
    using R = real_t<T>;  // a complex routine reports the size in the real part
    const double size = std::ceil(double(std::real(reported)) *
                                  (1 + 4 * double(std::numeric_limits<R>::epsilon())));
    if (!(size <= double(std::numeric_limits<lapack_int>::max())))
        throw Error(ErrorCode::too_large, std::string(routine) + " needs a workspace of " +
                                              std::to_string(size) + " elements, beyond LAPACK's 32-bit integers");
    return workspace<T>(std::max(static_cast<index_t>(size), minimum));
}

template <class T> lapack_int size_of(const std::vector<T> &work) { return to_int(static_cast<index_t>(work.size())); }

// LAPACK's workspace protocol for a routine whose last arguments are (work, lwork):
// call(work, lwork) runs it. The first call, with lwork = -1, only reports the size it
// wants; the second gets that much (at least `minimum`). Returns the query's info when it
// is not 0, else the routine's.
template <class T, class Call>
lapack_int with_workspace(index_t minimum, const char *routine, Call call) {
    T optimal = 0;
    const lapack_int info = call(&optimal, lapack_int{-1});
    if (info != 0) return info;
    std::vector<T> work = queried_workspace(optimal, minimum, routine);
    return call(work.data(), size_of(work));
}

// ---- LU --------------------------------------------------------------------------------

// m-by-n A; ipiv holds min(m, n) pivots.
template <class T>
lapack_int getrf(index_t m, index_t n, T *a, index_t lda, lapack_int *ipiv) {
    return Routines<T>::getrf(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), ipiv);
}

template <class T> lapack_int getrf(index_t n, T *a, index_t lda, lapack_int *ipiv) {
    return getrf(n, n, a, lda, ipiv);
}

template <class T>
lapack_int getrs(Transpose t, index_t n, index_t nrhs, const T *a, index_t lda,
                 const lapack_int *ipiv, T *b, index_t ldb) {
    return Routines<T>::getrs(LAPACK_COL_MAJOR, trans_char(t), to_int(n), to_int(nrhs), a,
                              to_int(lda), ipiv, b, to_int(ldb));
}

template <class T> lapack_int getri(index_t n, T *a, index_t lda, const lapack_int *ipiv) {
    return with_workspace<T>(n, "getri", [&](T *work, lapack_int lwork) {
        return Routines<T>::getri(LAPACK_COL_MAJOR, to_int(n), a, to_int(lda), ipiv, work, lwork);
    });
}

// norm is '1' or 'I'; anorm is that norm of the matrix that was factored.
// (The complex routines take a real workspace where the real ones take an integer one.)
template <class T>
lapack_int gecon(char norm, index_t n, const T *lu, index_t lda, double anorm, double *rcond) {
    using R = real_t<T>;
    R estimate = 0;
    lapack_int info;
    if constexpr (is_complex_v<T>) {
        std::vector<T> work = workspace<T>(2 * n);
        std::vector<R> rwork = workspace<R>(2 * n);
        info = Routines<T>::gecon(LAPACK_COL_MAJOR, norm, to_int(n), lu, to_int(lda),
                                  static_cast<R>(anorm), &estimate, work.data(), rwork.data());
    } else {
        std::vector<T> work = workspace<T>(4 * n);
        std::vector<lapack_int> iwork(static_cast<size_t>(std::max<index_t>(n, 1)));
        info = Routines<T>::gecon(LAPACK_COL_MAJOR, norm, to_int(n), lu, to_int(lda),
                                  static_cast<R>(anorm), &estimate, work.data(), iwork.data());
    }
    *rcond = estimate;
    return info;
}

// ---- Cholesky --------------------------------------------------------------------------

template <class T> lapack_int potrf(Triangle t, index_t n, T *a, index_t lda) {
    return Routines<T>::potrf(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), a, to_int(lda));
}

template <class T>
lapack_int potrs(Triangle t, index_t n, index_t nrhs, const T *a, index_t lda, T *b, index_t ldb) {
    return Routines<T>::potrs(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), to_int(nrhs), a,
                              to_int(lda), b, to_int(ldb));
}

template <class T> lapack_int potri(Triangle t, index_t n, T *a, index_t lda) {
    return Routines<T>::potri(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), a, to_int(lda));
}

template <class T>
lapack_int pocon(Triangle t, index_t n, const T *l, index_t lda, double anorm, double *rcond) {
    using R = real_t<T>;
    R estimate = 0;
    lapack_int info;
    if constexpr (is_complex_v<T>) {
        std::vector<T> work = workspace<T>(2 * n);
        std::vector<R> rwork = workspace<R>(n);
        info = Routines<T>::pocon(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), l, to_int(lda),
                                  static_cast<R>(anorm), &estimate, work.data(), rwork.data());
    } else {
        std::vector<T> work = workspace<T>(3 * n);
        std::vector<lapack_int> iwork(static_cast<size_t>(std::max<index_t>(n, 1)));
        info = Routines<T>::pocon(LAPACK_COL_MAJOR, uplo_char(t), to_int(n), l, to_int(lda),
                                  static_cast<R>(anorm), &estimate, work.data(), iwork.data());
    }
    *rcond = estimate;
    return info;
}

// a (triangle t, non-unit diagonal) <- its inverse, in place.
template <class T> lapack_int trtri(Triangle t, index_t n, T *a, index_t lda) {
    return Routines<T>::trtri(LAPACK_COL_MAJOR, uplo_char(t), 'N', to_int(n), a, to_int(lda));
}

// ---- BLAS ------------------------------------------------------------------------------

inline CBLAS_UPLO cblas_uplo(Triangle t) { return t == Triangle::lower ? CblasLower : CblasUpper; }
inline CBLAS_TRANSPOSE cblas_trans(Transpose t) {
    switch (t) {
        case Transpose::no:
            return CblasNoTrans;
        case Transpose::yes:
            return CblasTrans;
        case Transpose::conj:
            return CblasConjTrans;
    }
    return CblasNoTrans;
}
inline CBLAS_SIDE cblas_side(Side s) { return s == Side::left ? CblasLeft : CblasRight; }

// The adjoint of T's matrices as LAPACK names it: A^T ('T') for a real T, A^H ('C') for a
// complex one (the real orthogonal routines accept only 'N' and 'T').
template <class T>
constexpr Transpose adjoint() {
    return is_complex_v<T> ? Transpose::conj : Transpose::yes;
}

// A scalar argument as CBLAS takes it: by value for a real type, by address for a complex one.
template <class T>
auto cblas_scalar(const T &v) {
    if constexpr (is_complex_v<T>)
        return static_cast<const void *>(&v);
    else
        return v;
}

// C (m-by-n) <- alpha op_a(A) op_b(B) + beta C on column-major arrays, inner dimension k.
// (layout_gemm.hpp has the form on caller matrices in any layouts.)
template <class T>
void gemm(Transpose op_a, Transpose op_b, index_t m, index_t n, index_t k, T alpha, const T *a,
          index_t lda, const T *b, index_t ldb, T beta, T *c, index_t ldc) {
    Routines<T>::gemm(CblasColMajor, cblas_trans(op_a), cblas_trans(op_b), to_int(m), to_int(n),
                      to_int(k), cblas_scalar(alpha), a, to_int(lda), b, to_int(ldb),
                      cblas_scalar(beta), c, to_int(ldc));
}

// Triangle t of the n-by-n C <- alpha op(A) op(A)^T + beta C, op(A) n-by-k: A is n-by-k
// (Transpose::no) or k-by-n (Transpose::yes).
template <class T>
void syrk(Triangle t, Transpose op, index_t n, index_t k, T alpha, const T *a, index_t lda, T beta,
          T *c, index_t ldc) {
    Routines<T>::syrk(CblasColMajor, cblas_uplo(t), cblas_trans(op), to_int(n), to_int(k), alpha, a,
                      to_int(lda), beta, c, to_int(ldc));
}

// B <- A B (left) or B A (right) for a triangular A with a non-unit diagonal.
template <class T>
void trmm(Side side, Triangle t, index_t m, index_t n, const T *a, index_t lda, T *b, index_t ldb) {
    Routines<T>::trmm(CblasColMajor, cblas_side(side), cblas_uplo(t), CblasNoTrans, CblasNonUnit,
                      to_int(m), to_int(n), T(1), a, to_int(lda), b, to_int(ldb));
}

// B <- op(A)^-1 B (left) or B op(A)^-1 (right) for a triangular A and an m-by-n B; A is
// m-by-m (left) or n-by-n (right).
template <class T>
void trsm(Side side, Triangle t, Transpose trans, bool unit_diagonal, index_t m, index_t n,
          const T *a, index_t lda, T *b, index_t ldb) {
    const T one(1);
    Routines<T>::trsm(CblasColMajor, cblas_side(side), cblas_uplo(t), cblas_trans(trans),
                      unit_diagonal ? CblasUnit : CblasNonUnit, to_int(m), to_int(n),
                      cblas_scalar(one), a, to_int(lda), b, to_int(ldb));
}

// B <- B op(A)^-1 for a triangular n-by-n A and an m-by-n B.
template <class T>
void trsm_right(Triangle t, Transpose trans, bool unit_diagonal, index_t m, index_t n, const T *a, index_t lda, T *b,
                index_t ldb) {
    trsm(Side::right, t, trans, unit_diagonal, m, n, a, lda, b, ldb);
}

// ||x||_2 for n contiguous elements (real for a complex x).
template <class T>
real_t<T> nrm2(index_t n, const T *x) {
    return Routines<T>::nrm2(to_int(n), x, 1);
}

template <class T> void swap(index_t n, T *x, T *y) { Routines<T>::swap(to_int(n), x, 1, y, 1); }

// Cholesky in rectangular full packed storage (TRANSR = 'N', core/rfp.hpp): factor, solve
// with column-major B, inverse, all on the n(n+1)/2 elements.
template <class T> lapack_int pftrf(Triangle t, index_t n, T *a) {
    return Routines<T>::pftrf(LAPACK_COL_MAJOR, 'N', uplo_char(t), to_int(n), a);
}
template <class T>
lapack_int pftrs(Triangle t, index_t n, index_t nrhs, const T *a, T *b, index_t ldb) {
    return Routines<T>::pftrs(LAPACK_COL_MAJOR, 'N', uplo_char(t), to_int(n), to_int(nrhs), a, b,
                              to_int(ldb));
}
template <class T> lapack_int pftri(Triangle t, index_t n, T *a) {
    return Routines<T>::pftri(LAPACK_COL_MAJOR, 'N', uplo_char(t), to_int(n), a);
}

// Higham's 1-norm estimate of an operator known only by products (LAPACK lacn2, the
// estimator inside gecon/pocon): est ~ ||M||_1, where apply(x) overwrites the n-vector x
// with M x (kase 1) or M^T x (kase 2).
template <class T, class Apply> double estimate_norm1(index_t n, Apply &&apply) {
    std::vector<T> v(static_cast<size_t>(n)), x(static_cast<size_t>(n));
    std::vector<lapack_int> isgn(static_cast<size_t>(n));
    lapack_int kase = 0, isave[3] = {0, 0, 0};
    T est = 0;
    for (;;) {
        Routines<T>::lacn2(to_int(n), v.data(), x.data(), isgn.data(), &est, &kase, isave);
        if (kase == 0) return double(est);
        apply(kase == 1 ? Transpose::no : Transpose::yes, x.data());
    }
}

// C <- C - op(A) B, A n-by-n, B and C n-by-k (a residual of a square solve).
template <class T>
void subtract_product(Transpose op, index_t n, index_t k, const T *a, index_t lda, const T *b,
                      index_t ldb, T *c, index_t ldc) {
    Routines<T>::gemm(CblasColMajor, cblas_trans(op), CblasNoTrans, to_int(n), to_int(k), to_int(n),
                      T(-1), a, to_int(lda), b, to_int(ldb), T(1), c, to_int(ldc));
}

}  // namespace fl::lapack
