// What LU and Cholesky share: the factored copy of a square A in column-major storage,
// and the solve and inverse drivers that let the caller's layouts meet that storage
// without transposed copies.
//
// A row-major A is, in memory, the column-major A^T. A general A (LU) is transposed into
// the storage, so that S = A and the factorization, its parts and the pivots its errors
// name are those of A (docs/design.md measures what the transposed copy costs). A real
// symmetric A's row-major memory already is A (the other triangle). Only a complex
// Hermitian row-major A is stored as it lies, S = A^T = conj(A) (`transposed_`), and a
// solve with A becomes one with S^T or conj(S). A column-major X is solved from the left,
// X <- op(S)^-1 X (LAPACK's getrs/potrs); a row-major X is, in memory, X^T, and
// X = op(S)^-1 B is X^T = B^T op(S)^-T: a solve from the right with triangular BLAS-3 calls
// on the same memory. Either way every right-hand side is done in one call.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/large_buffer.hpp"
#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "dense/factor.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

template <class T>
class SquareFactor : public Factor {
public:
    Dtype dtype() const final { return dtype_of<T>(); }
    index_t rows() const final { return n_; }
    index_t cols() const final { return n_; }

    void solve(Transpose trans, const MatrixRef &b_given, const MatrixRef &x_given) const final {
        const MatrixRef b = as_column(b_given), x = as_column(x_given);
        const index_t k = x.cols;
        if (n_ == 0 || k == 0) return;
        const StoredOp stored_op = on_stored(trans);
        const bool serial = !solves_without_blas() &&
                            double(n_) * double(n_) * double(k) < blas::serial_solve_work;
        // A complex row-major X always goes through the copy below: conj(S) and the
        // Hermitian kinds' S^T have no right-side triangular form.
        const bool direct = x.layout == Layout::col_major ||
                            (!is_complex_v<T> && k * right_solve_rhs_per_order >= n_);
        if (direct) {
            if (x.data != b.data) copy_matrix<T>(b, x);
            const ColMajorView<T> xs = stored_view<T>(x);
            blas::SerialRegion region(serial);
            if (x.layout == Layout::col_major)
                solve_stored(stored_op, xs);
            else
                solve_right(toggled(stored_op.op), xs);
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
            solve_stored(stored_op, stored_view<T>(scratch));
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
        // A^-T (row-major); S^-1 is A^-1 or A^-T. Real symmetric inverses need no transpose.
        if (!real_symmetric_ && transposed_ != (out.layout == Layout::row_major))
            transpose_in_place(o);
    }

protected:
    // Copies a (square, validated) into storage and, on the way, takes the norm `norm` of
    // what it copied (column by column, while each column is still in cache) into anorm_.
    // With `overwrite` (FL_OPT_OVERWRITE_A) nothing is copied: a's own memory becomes the
    // storage, with a's leading dimension, and is never freed here (a general row-major A
    // is then transposed where it lies). A real symmetric factor treats its storage as A
    // itself, whatever the layout; a complex Hermitian one cannot, since a row-major A is
    // stored as A^T = conj(A). Without `overwrite`, the copy goes to `into` (n^2 elements)
    // when the caller provides it (dense/lu_block.hpp), else to memory of its own.
    SquareFactor(const MatrixRef &a, bool symmetric, NormOf norm, bool overwrite = false,
                 T *into = nullptr)
        : SquareFactor(a, symmetric, norm, overwrite, into, [](index_t, const T *) {}) {}

    // As above, and hands each stored column to visit(j, column) right after its norm, so
    // that a kind that needs more from A (the mixed-precision factor's float32 copy) reads
    // A from memory once.
    template <class Visit>
    SquareFactor(const MatrixRef &a, bool symmetric, NormOf norm, bool overwrite, T *into,
                 Visit &&visit)
        : n_(a.rows),
          transposed_(a.layout == Layout::row_major && symmetric && is_complex_v<T>),
          real_symmetric_(symmetric && !is_complex_v<T>),
          overwrites_a_(overwrite),
          // Left uninitialised: the copy below writes every element.
          owned_(overwrite || into ? LargeBuffer<T>() : LargeBuffer<T>(static_cast<size_t>(n_ * n_))),
          data_(overwrite ? static_cast<T *>(a.data)
                : into    ? into
                          : owned_.get()),
          ld_(overwrite ? std::max<index_t>(a.ld, 1) : std::max<index_t>(n_, 1)) {
        const ColMajorView<T> from = stored_view<T>(a), to = storage();
        const bool transpose = !symmetric && a.layout == Layout::row_major;
        if (transpose && overwrite)
            transpose_in_place(to);
        else if (transpose)
            transpose_into(ColMajorView<const T>{from.data, n_, n_, from.ld}, to);
        ColumnNorm<T> accumulated(norm, n_);
        for (index_t j = 0; j < n_; ++j) {
            if (!overwrite && !transpose)
                std::memcpy(to.column(j), from.column(j), static_cast<size_t>(n_) * sizeof(T));
            accumulated.add(j, to.column(j), n_);
            visit(j, static_cast<const T *>(to.column(j)));
        }
        anorm_ = accumulated.value();
    }

    // Restores, and saves, what every square kind holds (dense/saved/square_state.hpp). A
    // saved norm of A below 0 is corrupted, unless it is the kind's `unknown_norm` marker.
    SquareFactor(StateReader &in, bool symmetric, double unknown_norm = 0);
    void save_square(StateWriter &out) const;
    index_t info(Info what) const override {
        return what == Info::overwrites_a ? (overwrites_a_ ? 1 : 0) : Factor::info(what);
    }

    // A solve with op(A) as one with S: op(S), on conj(X) and conj(B) when `conjugate`
    // (conj(S) X = B is S conj(X) = conj(B)).
    struct StoredOp {
        Transpose op;
        bool conjugate;
    };
    StoredOp on_stored(Transpose trans) const {
        if (!transposed_) return {trans, false};  // S = A
        switch (trans) {                          // S = A^T
            case Transpose::no:
                return {Transpose::yes, false};
            case Transpose::yes:
                return {Transpose::no, false};
            case Transpose::conj:
                return {Transpose::no, true};  // A^H = conj(S)
        }
        return {trans, false};
    }
    void solve_stored(StoredOp op, const ColMajorView<T> &x) const {
        if (op.conjugate) conjugate_in_place(x);
        solve_left(op.op, x);
        if (op.conjugate) conjugate_in_place(x);
    }

    // X <- op(S)^-1 X, X column-major n-by-k.
    virtual void solve_left(Transpose op, const ColMajorView<T> &x) const = 0;
    // Y <- Y op(S)^-1, Y column-major k-by-n.
    virtual void solve_right(Transpose op, const ColMajorView<T> &y) const = 0;
    // a (a copy of the factored storage) <- S^-1.
    virtual void invert_in_place(const ColMajorView<T> &a) const = 0;
    // A kind whose solves call no BLAS (small LU) needs no serial region around them, whose
    // lock and thread-count calls would cost more than such a solve.
    virtual bool solves_without_blas() const { return false; }

    // Row-major X is solved from the right in place when k * this >= n, else through a
    // column-major copy (measurements in docs/design.md).
    static constexpr index_t right_solve_rhs_per_order = 16;
    // One right-hand side at unit stride is the same memory in either layout: as a column it
    // is solved where it lies, never through the copy (docs/batched.md, n >= 32).
    static MatrixRef as_column(const MatrixRef &m) {
        if (m.layout != Layout::row_major || m.cols != 1 || m.ld != 1) return m;
        return {Layout::col_major, m.rows, 1, std::max<index_t>(m.rows, 1), m.data};
    }

    ColMajorView<T> storage() { return {data_, n_, n_, ld_}; }
    ColMajorView<const T> stored() const { return {data_, n_, n_, ld_}; }

    const index_t n_;
    // storage holds A^T = conj(A) (A is complex Hermitian and came row-major, or an LU
    // saved in that older convention was loaded)
    const bool transposed_;
    // The norm of A that rcond needs, taken while copying A in (NaN if A holds NaN); how a
    // kind reads it is its own (a loaded LU of A^T: the infinity norm of the storage).
    double anorm_ = 0;

private:
    const bool real_symmetric_;
    const bool overwrites_a_ = false;  // the storage is the caller's A (FL_OPT_OVERWRITE_A)
    LargeBuffer<T> owned_;             // the storage, unless the caller provided it (then empty)
    T *const data_;
    const index_t ld_;
};

}  // namespace fl
