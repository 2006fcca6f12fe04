// What the SuiteSparse-backed kinds (CHOLMOD Cholesky, UMFPACK LU, SPQR QR) share behind
// the Factor interface: shape and dtype, the pattern they were made from (so that a
// refactorization can insist on the same one), and the move between the caller's dense
// matrices and the column-major doubles SuiteSparse works in.
//
// SuiteSparse 5 (Debian 12) factors in double only. A factor made from a float32 sparse
// matrix therefore reports dtype float32, takes and returns float32 right-hand sides and
// solutions, and computes in double in between; its accuracy is at least float32's. A
// complex64 one computes in complex128 (packed (re, im) doubles) the same way.
#pragma once

#include <memory>

#include "dense/factor.hpp"
#include "sparse/sparse_matrix.hpp"
#include "sparse/suitesparse.hpp"

namespace fl {

class SparseFactor : public Factor {
public:
    Dtype dtype() const final { return dtype_; }
    index_t rows() const final { return rows_; }
    index_t cols() const final { return cols_; }

    // trans = conj (A^H) only for a complex dtype.
    void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const final;
    // A^-1 (or A's least-squares pseudo-inverse for QR) by solving against the identity.
    void inverse(const MatrixRef &out) const final;
    // 1 / (||A||_1 est(||A^-1||_1)), the estimate by Hager's method (Higham's variant, as
    // LAPACK's lacn2), a handful of solves with one right-hand side. Square kinds.
    double rcond() const override;

protected:
    SparseFactor(const SparseMatrix &a, int stype);

    bool is_complex() const { return real_dtype(dtype_) != dtype_; }

    // Solves op(A) X = B for the column-major doubles of b (rows of op(A) by k; packed
    // complex for a complex factor) and returns X (columns of op(A) by k, the same width).
    // b may be consumed.
    virtual suitesparse::DenseBuffer solve_buffer(Transpose op,
                                                  suitesparse::DenseBuffer &b) const = 0;

    // A solve straight between the caller's B and X (validated, of this factor's dtype),
    // for kinds that can do better than solve_buffer's column-major double copies; returns
    // false to leave it to solve_buffer.
    virtual bool solve_direct(Transpose, const MatrixRef &, const MatrixRef &) const {
        return false;
    }

    // Throws unless s has this factor's shape and exactly its pattern.
    void require_same_pattern(const SparseMatrix &s) const;

    const std::shared_ptr<const SparsePattern> pattern_;

private:
    template <class T>
    void solve_typed(Transpose trans, const MatrixRef &b, const MatrixRef &x) const;

    const Dtype dtype_;
    const index_t rows_;
    const index_t cols_;
    const double anorm_;  // ||A||_1, of the full matrix (both triangles when symmetric)
};

// Factors a sparse matrix with one of the sparse kinds (sparse_cholesky.cpp, ...).
std::unique_ptr<Factor> make_sparse_cholesky(const SparseMatrix &a, const FactorOptions &options);
std::unique_ptr<Factor> make_sparse_lu(const SparseMatrix &a, const FactorOptions &options);
std::unique_ptr<Factor> make_sparse_qr(const SparseMatrix &a, const FactorOptions &options);

// CHOLMOD's stype for the triangle a Cholesky factor reads.
inline int cholmod_stype(Triangle t) { return t == Triangle::lower ? -1 : 1; }

}  // namespace fl
