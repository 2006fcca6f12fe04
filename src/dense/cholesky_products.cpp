// Products with A^-1 for A = L L^T (or U^T U when the stored triangle is the upper one),
// through the triangular factor. For the upper case read U^T for L throughout.
//
//   Y^T A^-1 Y  = Z^T Z with Z = L^-1 Y: one triangular solve and one symmetric rank-k
//                 update, n^2 k + n k^2 flops (the default solve route costs 2 n^2 k +
//                 2 n k^2), exactly symmetric.
//   y^T A^-1 y  = ||L^-1 y||^2 for each column: n^2 k.
//   diag(A^-1)  = the squared column norms of M = L^-1 (A^-1 = M^T M): trtri, n^3 / 3.
//   trace(A^-1 Y) = trace(M^T M Y) = sum_ij M_ij (M Y)_ij: trtri and one triangular
//                 multiply, (4/3) n^3 against the 2 n^3 of solving.
// Neither forms A^-1. Forming M costs a third of potri, and both M's products are
// triangular ones.
#include <string>

#include "core/error.hpp"
#include "core/matrix_copy.hpp"
#include "dense/cholesky_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {

using products::Scratch;

// Z is solved from the left when column-major; a row-major Y with enough columns gives a
// row-major Z, which is Z^T in memory, solved from the right: Z^T = Y^T L^-T. With few
// columns the right-side solve would repack the triangle for little work, so such a Y is
// transposed into a column-major Z instead (the cut of SquareFactor::solve).
template <class T>
Scratch<T> CholeskyFactor<T>::half_solve(const MatrixRef &y) const {
    const index_t n = this->n_, k = y.cols;
    const bool right = y.layout == Layout::row_major && k * this->right_solve_rhs_per_order >= n;
    Scratch<T> z(right ? Layout::row_major : Layout::col_major, n, k);
    copy_matrix<T>(y, z.ref());
    const ColMajorView<const T> c = this->stored();
    const ColMajorView<T> zs = z.stored();
    const Transpose left_op =
        triangle_ == Triangle::lower ? Transpose::no : Transpose::yes;  // L^-1 or U^-T
    if (right)
        lapack::trsm(lapack::Side::right, triangle_, toggled(left_op), false, k, n, c.data, c.ld,
                     zs.data, zs.ld);
    else
        lapack::trsm(lapack::Side::left, triangle_, left_op, false, n, k, c.data, c.ld, zs.data,
                     zs.ld);
    return z;
}

template <class T>
Scratch<T> CholeskyFactor<T>::inverse_triangle() const {
    const index_t n = this->n_;
    Scratch<T> m(Layout::col_major, n, n);
    copy_columns(this->stored(), m.stored());
    lapack_int info;
    {
        blas::SerialRegion serial(n < blas::serial_factor_order);
        info = lapack::trtri(triangle_, n, m.stored().data, m.stored().ld);
    }
    if (info != 0)
        throw Error(ErrorCode::internal, "trtri failed with info " + std::to_string(info));
    return m;
}

template <class T>
void CholeskyFactor<T>::do_quadratic_form(const MatrixRef &y, const MatrixRef &out) const {
    const Scratch<T> z = half_solve(y);
    const ColMajorView<T> zs = z.stored(), o = stored_view<T>(out);
    // Z^T Z: Z stored as itself (n-by-k) is syrk's 'T' case, stored as Z^T its 'N' case.
    // out is symmetric, so its layout does not matter: the lower triangle is computed and
    // mirrored.
    const Transpose op = z.ref().layout == Layout::col_major ? Transpose::yes : Transpose::no;
    lapack::syrk(Triangle::lower, op, y.cols, this->n_, T(1), zs.data, zs.ld, T(0), o.data, o.ld);
    symmetrize(o, Triangle::lower);
}

template <class T>
void CholeskyFactor<T>::do_mahalanobis(const MatrixRef &y, void *out) const {
    const Scratch<T> z = half_solve(y);
    products::write_values<T>(products::column_dots<T>(z.ref(), z.ref()), out);
}

// Lower: A^-1 = M^T M, so (A^-1)_ii is the squared norm of column i of M. Upper: A^-1 =
// M M^T with M = U^-1, so it is the squared norm of row i.
template <class T>
void CholeskyFactor<T>::do_inverse_diagonal(void *diag) const {
    const index_t n = this->n_;
    const Scratch<T> inverse = inverse_triangle();
    const ColMajorView<T> m = inverse.stored();
    std::vector<double> d(static_cast<size_t>(n), 0.0);
    for (index_t j = 0; j < n; ++j) {
        if (triangle_ == Triangle::lower) {
            for (index_t i = j; i < n; ++i)
                d[static_cast<size_t>(j)] += double(m(i, j)) * double(m(i, j));
        } else {
            for (index_t i = 0; i <= j; ++i)
                d[static_cast<size_t>(i)] += double(m(i, j)) * double(m(i, j));
        }
    }
    products::write_values<T>(d, diag);
}

// trace(A^-1 Y) = sum_ij M_ij P_ij with P = M Y (lower: A^-1 = M^T M) or P = Y M (upper:
// A^-1 = M M^T, and trace(M M^T Y) = trace(M^T (Y M))). A is symmetric, so trace(A^-1 Y)
// = trace(A^-1 Y^T): Y's memory is used as it lies, whichever its layout.
template <class T>
double CholeskyFactor<T>::do_trace_solve(const MatrixRef &y) const {
    const index_t n = this->n_;
    const Scratch<T> inverse = inverse_triangle();
    const ColMajorView<T> m = inverse.stored();
    const Scratch<T> product(Layout::col_major, n, n);
    const ColMajorView<T> p = product.stored();
    const ColMajorView<T> ys = stored_view<T>(y);
    copy_columns(ColMajorView<const T>{ys.data, ys.rows, ys.cols, ys.ld}, p);
    const bool lower = triangle_ == Triangle::lower;
    lapack::trmm(lower ? lapack::Side::left : lapack::Side::right, triangle_, n, n, m.data, m.ld,
                 p.data, p.ld);
    double trace = 0;
    for (index_t j = 0; j < n; ++j) {
        const index_t first = lower ? j : 0, end = lower ? n : j + 1;
        for (index_t i = first; i < end; ++i) trace += double(m(i, j)) * double(p(i, j));
    }
    return trace;
}

// The class itself is instantiated in cholesky_factor.cpp; these members are defined here.
#define FL_CHOLESKY_PRODUCTS(T)                                                              \
    template void CholeskyFactor<T>::do_quadratic_form(const MatrixRef &, const MatrixRef &) \
        const;                                                                               \
    template double CholeskyFactor<T>::do_trace_solve(const MatrixRef &) const;              \
    template void CholeskyFactor<T>::do_inverse_diagonal(void *) const;                      \
    template void CholeskyFactor<T>::do_mahalanobis(const MatrixRef &, void *) const;
FL_CHOLESKY_PRODUCTS(float)
FL_CHOLESKY_PRODUCTS(double)
#undef FL_CHOLESKY_PRODUCTS

}  // namespace fl
