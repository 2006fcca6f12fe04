// What QR and COD share beside the LAPACK calls on their reflectors (lapack/reflectors.hpp):
// scratch, the layout handling of C <- op(Q) C and of least-squares residual norms.
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
#include "lapack/reflectors.hpp"

namespace fl::householder {

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
// LAPACK applies only Q and its adjoint; a complex Q^T = conj(Q^H) or conj(Q) is applied
// to conj(c) and the result conjugated back (c M = conj(conj(c) conj(M))).
template <class T> void apply_q(const Reflectors<T> &q, Transpose op, const MatrixRef &c) {
    const ColMajorView<T> s = stored_view<T>(c);
    const bool left = c.layout == Layout::col_major;
    // The matrix applied to the stored c: op(Q) from the left, op(Q)^T from the right.
    const bool transposed = left ? op != Transpose::no : op == Transpose::no;
    const bool conjugated = op == Transpose::conj;
    const bool flip = is_complex_v<T> && transposed != conjugated;
    if (flip) conjugate_in_place(s);
    lapack::ormqr(left ? lapack::Side::left : lapack::Side::right,
                  transposed ? lapack::adjoint<T>() : Transpose::no, s.rows, s.cols, q.count, q.a,
                  q.ld, q.tau, s.data, s.ld);
    if (flip) conjugate_in_place(s);
}

// norms[j] <- ||(Q^H b_j)[first:rows]||_2: the residual of a least-squares solve that
// matches the leading `first` rows of Q^T b exactly. Only the first `first` reflectors can
// move anything into or out of those leading rows; the rest act on the trailing rows alone
// and leave their norm unchanged, so q.count may be just `first`.
template <class T>
void residual_norms(const Reflectors<T> &q, index_t first, const MatrixRef &b, real_t<T> *norms) {
    const index_t k = b.cols;
    if (k == 0) return;
    Scratch<T> w(q.rows, k);
    copy_matrix<T>(b, w.ref(q.rows));
    const ColMajorView<T> v = w.view(q.rows);
    lapack::ormqr(lapack::Side::left, lapack::adjoint<T>(), v.rows, k, q.count, q.a, q.ld, q.tau,
                  v.data, v.ld);
    for (index_t j = 0; j < k; ++j)
        norms[j] =
            first < v.rows ? lapack::nrm2(v.rows - first, v.column(j) + first) : real_t<T>(0);
}

}  // namespace fl::householder
