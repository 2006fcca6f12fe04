// What LU and Cholesky share: the factored copy of a square A in column-major storage,
// and the solve and inverse drivers that let the caller's layouts meet that storage
// without transposed copies.
//
// The storage holds S = A itself, column-major, whatever the caller's layout: a symmetric
// A's row-major memory already is A (with the triangle flipped), and any other row-major A
// is transposed into the storage, so that the factorization, its parts and the pivots its
// errors name are those of A (docs/design.md measures what the transposed copy costs). A
// column-major X is solved from the left, X <- op(S)^-1 X (LAPACK's getrs/potrs); a
// row-major X is, in memory, X^T, and X = op(S)^-1 B is X^T = B^T op(S)^-T: a solve from the
// right with triangular BLAS-3 calls on the same memory. Either way every right-hand side is
// done in one call.
#pragma once

#include <cstring>
#include <memory>

#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "dense/factor.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

template <class T> class SquareFactor : public Factor {
public:
    Dtype dtype() const final { return dtype_of<T>(); }
    index_t rows() const final { return n_; }
    index_t cols() const final { return n_; }

    void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const final {
        const index_t k = x.cols;
        if (n_ == 0 || k == 0) return;
        const Transpose on_stored = trans;
        const bool serial = double(n_) * double(n_) * double(k) < blas::serial_solve_work;
        if (x.layout == Layout::col_major || k * right_solve_rhs_per_order >= n_) {
            if (x.data != b.data) copy_matrix<T>(b, x);
            const ColMajorView<T> xs = stored_view<T>(x);
            blas::SerialRegion region(serial);
            if (x.layout == Layout::col_major)
                solve_left(on_stored, xs);
            else
                solve_right(toggled(on_stored), xs);
            return;
        }
        // A row-major X with few right-hand sides for its order: a right-side trsm on a
        // k-row sliver repacks the whole n-by-n triangle, as much work as the solve itself,
        // so solve a column-major copy instead; the two O(n k) copies cost little beside
        // the O(n^2 k) solve.
        std::unique_ptr<T[]> buffer(new T[static_cast<size_t>(n_ * k)]);
        const MatrixRef scratch{Layout::col_major, n_, k, n_, buffer.get()};
        copy_matrix<T>(b, scratch);
        {
            blas::SerialRegion region(serial);
            solve_left(on_stored, stored_view<T>(scratch));
        }
        copy_matrix<T>(scratch, x);
    }

    void inverse(const MatrixRef &out) const final {
        const ColMajorView<T> o = stored_view<T>(out);
        copy_columns(stored(), o);
        {
            blas::SerialRegion serial(n_ < blas::serial_factor_order);
            invert_in_place(o);  // o <- S^-1
        }
        // The caller wants A^-1 in its layout, that is, in memory, A^-1 (column-major) or
        // A^-T (row-major); S^-1 is A^-1. Symmetric inverses need no transpose.
        if (!symmetric_ && out.layout == Layout::row_major) transpose_in_place(o);
    }

protected:
    // Copies a (square, validated) into storage and, on the way, takes the norm `norm` of
    // what it copied (column by column, while each column is still in cache) into anorm_.
    // A symmetric factor's storage is its memory as it lies (a row-major triangle is the
    // other stored triangle); a general A is transposed in when it comes row-major.
    SquareFactor(const MatrixRef &a, bool symmetric, NormOf norm)
        : n_(a.rows),
          symmetric_(symmetric),
          // Left uninitialised: the copy below writes every element.
          storage_(new T[static_cast<size_t>(n_ * n_)]) {
        const ColMajorView<T> from = stored_view<T>(a), to = storage();
        const bool transpose = !symmetric && a.layout == Layout::row_major;
        if (transpose) transpose_into(ColMajorView<const T>{from.data, n_, n_, from.ld}, to);
        ColumnNorm<T> accumulated(norm, n_);
        for (index_t j = 0; j < n_; ++j) {
            if (!transpose)
                std::memcpy(to.column(j), from.column(j), static_cast<size_t>(n_) * sizeof(T));
            accumulated.add(j, to.column(j), n_);
        }
        anorm_ = accumulated.value();
    }

    // X <- op(S)^-1 X, X column-major n-by-k.
    virtual void solve_left(Transpose op, const ColMajorView<T> &x) const = 0;
    // Y <- Y op(S)^-1, Y column-major k-by-n.
    virtual void solve_right(Transpose op, const ColMajorView<T> &y) const = 0;
    // a (a copy of the factored storage) <- S^-1.
    virtual void invert_in_place(const ColMajorView<T> &a) const = 0;

    // Row-major X is solved from the right in place when k * this >= n, else through a
    // column-major copy (measurements in docs/design.md).
    static constexpr index_t right_solve_rhs_per_order = 16;

    ColMajorView<T> storage() { return {storage_.get(), n_, n_, ld()}; }
    ColMajorView<const T> stored() const { return {storage_.get(), n_, n_, ld()}; }
    index_t ld() const { return n_ > 0 ? n_ : 1; }

    const index_t n_;
    // The 1-norm of A that rcond needs, taken while copying A in (NaN if A holds NaN).
    double anorm_ = 0;

private:
    const bool symmetric_;
    std::unique_ptr<T[]> storage_;
};

}  // namespace fl
