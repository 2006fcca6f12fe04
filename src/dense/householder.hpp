// What QR and COD share: the LAPACK calls on Householder reflectors that need a workspace
// query (done here, per call, so that every query of a factor stays const and thread-safe),
// and the layout handling of C <- op(Q) C and of least-squares residual norms.
//
// A reflector set is what geqrf / geqp3 leave behind: `count` Householder vectors below the
// diagonal of a column-major rows-by-(>= count) array, with their scalars tau, representing
// the full rows-by-rows Q = H_1 ... H_count.
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/matrix_copy.hpp"
#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::householder {

using lapack::Routines;
using lapack::size_of;
using lapack::to_int;

inline void require_ok(lapack_int info, const char *routine) {
    if (info != 0)
        throw Error(ErrorCode::internal, std::string(routine) + " failed with info " + std::to_string(info));
}

// ---- factorizations ----------------------------------------------------------------------

// a (m-by-n) <- R and the reflectors of Q, tau gets min(m, n) scalars.
template <class T> void geqrf(index_t m, index_t n, T *a, index_t lda, T *tau) {
    T optimal = 0;
    require_ok(Routines<T>::geqrf(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), tau, &optimal, -1),
               "geqrf (workspace query)");
    std::vector<T> work = lapack::queried_workspace(optimal, n, "geqrf");
    require_ok(Routines<T>::geqrf(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), tau, work.data(),
                                  size_of(work)),
               "geqrf");
}

// The same with column pivoting: A P = Q R. jpvt must hold n zeros on entry (all columns
// free); on exit jpvt[i] - 1 is the column of A that became column i of A P.
template <class T> void geqp3(index_t m, index_t n, T *a, index_t lda, lapack_int *jpvt, T *tau) {
    T optimal = 0;
    require_ok(Routines<T>::geqp3(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), jpvt, tau, &optimal, -1),
               "geqp3 (workspace query)");
    std::vector<T> work = lapack::queried_workspace(optimal, 3 * n + 1, "geqp3");
    require_ok(Routines<T>::geqp3(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), jpvt, tau, work.data(),
                                  size_of(work)),
               "geqp3");
}

// The upper trapezoidal m-by-n (m <= n) a <- [T 0] Z: T in the leading m-by-m triangle,
// Z's reflectors in columns m..n of the same rows. Nothing else of the array is touched.
template <class T> void tzrzf(index_t m, index_t n, T *a, index_t lda, T *tau) {
    T optimal = 0;
    require_ok(Routines<T>::tzrzf(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), tau, &optimal, -1),
               "tzrzf (workspace query)");
    std::vector<T> work = lapack::queried_workspace(optimal, m, "tzrzf");
    require_ok(Routines<T>::tzrzf(LAPACK_COL_MAJOR, to_int(m), to_int(n), a, to_int(lda), tau, work.data(),
                                  size_of(work)),
               "tzrzf");
}

// a (m-by-n, holding k reflectors) <- the first n columns of Q.
template <class T> void orgqr(index_t m, index_t n, index_t k, T *a, index_t lda, const T *tau) {
    T optimal = 0;
    require_ok(Routines<T>::orgqr(LAPACK_COL_MAJOR, to_int(m), to_int(n), to_int(k), a, to_int(lda), tau,
                                  &optimal, -1),
               "orgqr (workspace query)");
    std::vector<T> work = lapack::queried_workspace(optimal, n, "orgqr");
    require_ok(Routines<T>::orgqr(LAPACK_COL_MAJOR, to_int(m), to_int(n), to_int(k), a, to_int(lda), tau,
                                  work.data(), size_of(work)),
               "orgqr");
}

// ---- applying reflectors -----------------------------------------------------------------

// c (m-by-n) <- op(Q) c (side 'L') or c op(Q) (side 'R'), Q from k reflectors in a.
//
// ormqr is handed a private copy of the reflectors, never the factor's own array: despite
// LAPACKE's `const`, its unblocked path (dorm2r, taken when k is below the block size) sets
// each A(i, i) to 1 while it applies H_i and restores it afterwards, so threads sharing one
// factor would see each other's 1s in R's diagonal (found by shared_handles_stress_test:
// wrong solves, inverses and rcond from a QR or COD handle shared by 16 threads). The copy,
// rows-by-k, costs less than the 4 rows k n flops of the product itself.
template <class T>
void ormqr(char side, Transpose trans, index_t m, index_t n, index_t k, const T *a, index_t lda, const T *tau,
           T *c, index_t ldc) {
    if (m == 0 || n == 0 || k == 0) return;
    const index_t rows = side == 'L' ? m : n;
    std::vector<T> v(static_cast<size_t>(rows * k));
    for (index_t j = 0; j < k; ++j) std::copy(a + j * lda, a + j * lda + rows, v.begin() + j * rows);
    const char t = lapack::trans_char(trans);
    T optimal = 0;
    require_ok(Routines<T>::ormqr(LAPACK_COL_MAJOR, side, t, to_int(m), to_int(n), to_int(k), v.data(),
                                  to_int(rows), tau, c, to_int(ldc), &optimal, -1),
               "ormqr (workspace query)");
    std::vector<T> work = lapack::queried_workspace(optimal, side == 'L' ? n : m, "ormqr");
    require_ok(Routines<T>::ormqr(LAPACK_COL_MAJOR, side, t, to_int(m), to_int(n), to_int(k), v.data(),
                                  to_int(rows), tau, c, to_int(ldc), work.data(), size_of(work)),
               "ormqr");
}

// c (m-by-n) <- op(Z) c for Z from tzrzf's k reflectors, each with l trailing elements
// (rows of a, lda >= k).
template <class T>
void ormrz_left(Transpose trans, index_t m, index_t n, index_t k, index_t l, const T *a, index_t lda,
                const T *tau, T *c, index_t ldc) {
    if (m == 0 || n == 0 || k == 0) return;
    const char t = lapack::trans_char(trans);
    T optimal = 0;
    require_ok(Routines<T>::ormrz(LAPACK_COL_MAJOR, 'L', t, to_int(m), to_int(n), to_int(k), to_int(l), a,
                                  to_int(lda), tau, c, to_int(ldc), &optimal, -1),
               "ormrz (workspace query)");
    std::vector<T> work = lapack::queried_workspace(optimal, n, "ormrz");
    require_ok(Routines<T>::ormrz(LAPACK_COL_MAJOR, 'L', t, to_int(m), to_int(n), to_int(k), to_int(l), a,
                                  to_int(lda), tau, c, to_int(ldc), work.data(), size_of(work)),
               "ormrz");
}

// b (n-by-k) <- op(R)^-1 b for the upper triangular n-by-n R in a. R's diagonal is known
// to be nonzero (checked when the factor was built), so trsm needs no singularity test.
template <class T>
void trsm_upper_left(Transpose trans, index_t n, index_t k, const T *a, index_t lda, T *b, index_t ldb) {
    if (n == 0 || k == 0) return;
    Routines<T>::trsm(CblasColMajor, CblasLeft, CblasUpper, trans == Transpose::no ? CblasNoTrans : CblasTrans,
                      CblasNonUnit, to_int(n), to_int(k), T(1), a, to_int(lda), b, to_int(ldb));
}

// LAPACK's 1-norm estimate of 1 / (||R||_1 ||R^-1||_1) for the upper triangular n-by-n R.
template <class T> double trcon_upper(index_t n, const T *a, index_t lda) {
    if (n == 0) return 1.0;
    std::vector<T> work = lapack::workspace<T>(3 * n);
    std::vector<lapack_int> iwork(static_cast<size_t>(n));
    T estimate = 0;
    require_ok(Routines<T>::trcon(LAPACK_COL_MAJOR, '1', 'U', 'N', to_int(n), a, to_int(lda), &estimate,
                                  work.data(), iwork.data()),
               "trcon");
    return static_cast<double>(estimate);
}

// ---- scratch and layout helpers ----------------------------------------------------------

// A column-major rows-by-cols workspace (left uninitialised: callers write before reading),
// of which a leading block of rows can be seen as a caller-style MatrixRef.
template <class T> class Scratch {
public:
    Scratch(index_t rows, index_t cols)
        : ld_(std::max<index_t>(rows, 1)), cols_(cols), data_(new T[static_cast<size_t>(ld_ * cols)]) {}
    ColMajorView<T> view(index_t rows) const { return {data_.get(), rows, cols_, ld_}; }
    MatrixRef ref(index_t rows) const { return {Layout::col_major, rows, cols_, ld_, data_.get()}; }
    T *data() const { return data_.get(); }
    index_t ld() const { return ld_; }

private:
    index_t ld_;
    index_t cols_;
    std::unique_ptr<T[]> data_;
};

// Rows [first, last) of every column of v <- 0.
template <class T> void zero_rows(const ColMajorView<T> &v, index_t first, index_t last) {
    if (first >= last) return;
    for (index_t j = 0; j < v.cols; ++j) std::fill(v.column(j) + first, v.column(j) + last, T(0));
}

// Every element of a caller's matrix <- 0 (its padding is left alone).
template <class T> void zero_matrix(const MatrixRef &m) {
    const ColMajorView<T> s = stored_view<T>(m);
    zero_rows(s, 0, s.rows);
}

// Element (i, j) of a caller's matrix, in its own (row, col) terms.
template <class T> T &element(const MatrixRef &m, index_t i, index_t j) {
    T *p = static_cast<T *>(m.data);
    return m.layout == Layout::col_major ? p[i + j * m.ld] : p[i * m.ld + j];
}

// The reflectors of a QR-type factorization: `count` of them in the rows-by-? array a.
template <class T> struct Reflectors {
    const T *a;
    index_t rows;
    index_t ld;
    index_t count;
    const T *tau;
};

// c <- op(Q) c for the full rows-by-rows Q, c in the caller's layout. A column-major c is
// worked on in place from the left. A row-major c is, in memory, the column-major c^T, and
// (op(Q) c)^T = c^T op(Q)^T: the same reflectors applied from the right, also in place.
template <class T> void apply_q(const Reflectors<T> &q, Transpose op, const MatrixRef &c) {
    const ColMajorView<T> s = stored_view<T>(c);
    if (c.layout == Layout::col_major)
        ormqr('L', op, s.rows, s.cols, q.count, q.a, q.ld, q.tau, s.data, s.ld);
    else
        ormqr('R', toggled(op), s.rows, s.cols, q.count, q.a, q.ld, q.tau, s.data, s.ld);
}

// norms[j] <- ||(Q^T b_j)[first:rows]||_2: the residual of a least-squares solve that
// matches the leading `first` rows of Q^T b exactly. Only the first `first` reflectors can
// move anything into or out of those leading rows; the rest act on the trailing rows alone
// and leave their norm unchanged, so q.count may be just `first`.
template <class T> void residual_norms(const Reflectors<T> &q, index_t first, const MatrixRef &b, T *norms) {
    const index_t k = b.cols;
    if (k == 0) return;
    Scratch<T> w(q.rows, k);
    copy_matrix<T>(b, w.ref(q.rows));
    const ColMajorView<T> v = w.view(q.rows);
    ormqr('L', Transpose::yes, v.rows, k, q.count, q.a, q.ld, q.tau, v.data, v.ld);
    for (index_t j = 0; j < k; ++j)
        norms[j] = first < v.rows ? Routines<T>::nrm2(to_int(v.rows - first), v.column(j) + first, 1) : T(0);
}

}  // namespace fl::householder
