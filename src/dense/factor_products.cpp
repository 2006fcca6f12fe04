// Products with A^-1 that never form it: the public entry points of Factor, which check
// the shape and settle the empty cases and the thread policy once for every kind, and the
// default routes, built on solve() alone so that every square kind has them.
//
// Default routes (flops for LU; a solve with k right-hand sides costs 2 n^2 k):
//   Y^T A^-1 W     solve with whichever of Y, W has fewer columns, then one GEMM:
//                  2 n^2 min(k, p) + 2 n k p
//   Y^T A^-1 Y     Z = A^-1 Y, then Y^T Z; mirrored to be exactly symmetric for the
//                  symmetric kinds: 2 n^2 k + 2 n k^2
//   A^-1 Y A^-1    Z = A^-1 Y, then (Z A^-1)^T = A^-T Z^T: two solves, 4 n^3
//   trace, diag    the diagonal of A^-1 Y (or A^-1 I), solved a block of columns at a
//                  time so that the scratch stays n-by-block: 2 n^3
//   Mahalanobis    Z = A^-1 Y, then the column dot products y_j . z_j: 2 n^2 k
#include <algorithm>
#include <string>

#include "core/error.hpp"
#include "core/matrix_copy.hpp"
#include "core/typed.hpp"
#include "dense/factor.hpp"
#include "dense/factor_kind_table.hpp"
#include "dense/factor_products.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/layout_gemm.hpp"

namespace fl {

namespace {

using products::Scratch;
using products::transposed;

// A product whose work is about `multiply_adds` runs on one BLAS thread below the cut-off
// solves use (lapack/blas_runtime.hpp).
bool small(double multiply_adds) { return multiply_adds < blas::serial_solve_work; }

template <class T>
void fill_zero(const MatrixRef &out) {
    const ColMajorView<T> o = stored_view<T>(out);
    for (index_t j = 0; j < o.cols; ++j) std::fill(o.column(j), o.column(j) + o.rows, T(0));
}

// Columns first .. first + count of a caller's matrix.
template <class T>
MatrixRef column_block(const MatrixRef &m, index_t first, index_t count) {
    const index_t offset = m.layout == Layout::col_major ? first * m.ld : first;
    return {m.layout, m.rows, count, m.ld, static_cast<T *>(m.data) + offset};
}

// The diagonal of A^-1 Y (of A^-1 when y is null), in double, solved `block` columns at
// a time.
template <class T>
std::vector<double> solve_diagonal(const Factor &f, const MatrixRef *y) {
    constexpr index_t block = 128;  // enough right-hand sides per solve for BLAS-3 speed
    const index_t n = f.rows(), width = std::min(n, block);
    std::vector<double> d(static_cast<size_t>(n));
    const Scratch<T> x(Layout::col_major, n, width);
    const Scratch<T> identity(Layout::col_major, y != nullptr ? 0 : n, y != nullptr ? 0 : width);
    // Columns first .. first + count of Y, or of I written into `identity`.
    const auto right_hand_sides = [&](index_t first, index_t count) {
        if (y != nullptr) return column_block<T>(*y, first, count);
        const MatrixRef e = column_block<T>(identity.ref(), 0, count);
        fill_zero<T>(e);
        for (index_t t = 0; t < count; ++t) identity.stored()(first + t, t) = T(1);
        return e;
    };
    for (index_t first = 0; first < n; first += block) {
        const index_t count = std::min(block, n - first);
        const MatrixRef rhs = right_hand_sides(first, count);
        f.solve(Transpose::no, rhs, column_block<T>(x.ref(), 0, count));
        for (index_t t = 0; t < count; ++t)
            d[static_cast<size_t>(first + t)] = double(x.stored()(first + t, t));
    }
    return d;
}

}  // namespace

// ---- Entry points ---------------------------------------------------------------------

void require_square_for_products(const Factor &f) {
    if (f.rows() != f.cols())
        throw Error(ErrorCode::unsupported,
                    std::string("products with A^-1 need a square A, but this ") +
                        kind_name(f.kind()) + " factor's A is " + std::to_string(f.rows()) + " x " +
                        std::to_string(f.cols()));
}

void Factor::quadratic_form(const MatrixRef &y, const MatrixRef &out) const {
    require_square_for_products(*this);
    const index_t n = rows(), k = y.cols;
    if (k == 0) return;
    if (n == 0) return typed_real(dtype(), [&](auto t) { fill_zero<decltype(t)>(out); });
    blas::SerialRegion region(
        small(double(n) * double(n) * double(k) + double(n) * double(k) * double(k)));
    do_quadratic_form(y, out);
}

void Factor::bilinear_form(const MatrixRef &y, const MatrixRef &w, const MatrixRef &out) const {
    require_square_for_products(*this);
    const index_t n = rows(), k = y.cols, p = w.cols;
    if (k == 0 || p == 0) return;
    if (n == 0) return typed_real(dtype(), [&](auto t) { fill_zero<decltype(t)>(out); });
    blas::SerialRegion region(
        small(double(n) * double(n) * double(std::min(k, p)) + double(n) * double(k) * double(p)));
    do_bilinear_form(y, w, out);
}

void Factor::sandwich(const MatrixRef &y, const MatrixRef &out) const {
    require_square_for_products(*this);
    const index_t n = rows();
    if (n == 0) return;
    blas::SerialRegion region(small(double(n) * double(n) * double(n)));
    do_sandwich(y, out);
}

double Factor::trace_solve(const MatrixRef &y) const {
    require_square_for_products(*this);
    const index_t n = rows();
    if (n == 0) return 0.0;
    blas::SerialRegion region(small(double(n) * double(n) * double(n)));
    return do_trace_solve(y);
}

void Factor::inverse_diagonal(void *diag) const {
    require_square_for_products(*this);
    const index_t n = rows();
    if (n == 0) return;
    blas::SerialRegion region(small(double(n) * double(n) * double(n)));
    do_inverse_diagonal(diag);
}

void Factor::mahalanobis(const MatrixRef &y, void *out) const {
    require_square_for_products(*this);
    const index_t n = rows(), k = y.cols;
    if (k == 0) return;
    if (n == 0)
        return typed_real(dtype(), [&](auto t) {
            std::fill_n(static_cast<decltype(t) *>(out), k, decltype(t)(0));
        });
    blas::SerialRegion region(small(double(n) * double(n) * double(k)));
    do_mahalanobis(y, out);
}

// ---- Default routes ---------------------------------------------------------------------

void Factor::do_quadratic_form(const MatrixRef &y, const MatrixRef &out) const {
    typed_real(dtype(), [&](auto t) {
        using T = decltype(t);
        const Scratch<T> z(Layout::col_major, rows(), y.cols);
        solve(Transpose::no, y, z.ref());
        lapack::gemm<T>(T(1), transposed(y), z.ref(), rows(), T(0), out);
        // Y^T (A^-1 Y) rounds its two triangles differently; the mirror makes it exact.
        if (factor_kind_row(kind()).symmetric) symmetrize(stored_view<T>(out), Triangle::lower);
    });
}

// Y^T A^-1 W = (A^-T Y)^T W = Y^T (A^-1 W): solve with the narrower of the two.
void Factor::do_bilinear_form(const MatrixRef &y, const MatrixRef &w, const MatrixRef &out) const {
    typed_real(dtype(), [&](auto t) {
        using T = decltype(t);
        const bool solve_y = y.cols <= w.cols;
        const Scratch<T> z(Layout::col_major, rows(), solve_y ? y.cols : w.cols);
        if (solve_y) {
            solve(Transpose::yes, y, z.ref());
            lapack::gemm<T>(T(1), transposed(z.ref()), w, rows(), T(0), out);
        } else {
            solve(Transpose::no, w, z.ref());
            lapack::gemm<T>(T(1), transposed(y), z.ref(), rows(), T(0), out);
        }
    });
}

// Z = A^-1 Y; then out = Z A^-1, that is out^T = A^-T Z^T, solved straight into the
// caller's out read as its transpose.
void Factor::do_sandwich(const MatrixRef &y, const MatrixRef &out) const {
    typed_real(dtype(), [&](auto t) {
        using T = decltype(t);
        const Scratch<T> z(Layout::col_major, rows(), rows());
        solve(Transpose::no, y, z.ref());
        solve(Transpose::yes, transposed(z.ref()), transposed(out));
    });
}

double Factor::do_trace_solve(const MatrixRef &y) const {
    return typed_real(dtype(), [&](auto t) {
        const std::vector<double> d = solve_diagonal<decltype(t)>(*this, &y);
        double trace = 0;
        for (const double v : d) trace += v;
        return trace;
    });
}

void Factor::do_inverse_diagonal(void *diag) const {
    typed_real(dtype(), [&](auto t) {
        using T = decltype(t);
        products::write_values<T>(solve_diagonal<T>(*this, nullptr), diag);
    });
}

// Z = A^-1 Y in Y's own layout, so that y_j . z_j walks both the same way.
void Factor::do_mahalanobis(const MatrixRef &y, void *out) const {
    typed_real(dtype(), [&](auto t) {
        using T = decltype(t);
        const Scratch<T> z(y.layout, rows(), y.cols);
        solve(Transpose::no, y, z.ref());
        products::write_values<T>(products::column_dots<T>(y, z.ref()), out);
    });
}

}  // namespace fl
