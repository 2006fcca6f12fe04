// Sparse Cholesky on CHOLMOD: A = L L^T (or L D L^T) of P A P^T, P a fill-reducing order.
//
// The analysis (ordering, elimination tree, supernodes: cholmod_l_analyze) is computed once
// and shared, read-only, by every factor made from the same pattern. A factor is a copy of
// that symbolic factor, factored numerically (cholmod_l_factorize). Refactoring with new
// values therefore builds a new, independent handle without analysing again, and the old
// handle stays valid and immutable, as fastlinalg promises for every factor.
//
// CHOLMOD decides between supernodal (BLAS-3, LL^T) and simplicial (LDL^T) from the
// analysis. A simplicial LDL^T factorization only stops at an exactly zero pivot, so the
// pivots of D are checked to be positive as well: an indefinite A is refused either way.
//
// A complex A is Hermitian positive definite, read from one triangle (CHOLMOD_COMPLEX with
// stype != 0 is Hermitian): A = L L^H, pivots real. Solves with A^H are solves with A, and
// with A^T = conj(A) they conjugate B and X around one. Rank updates (cholmod_l_updown) are
// real only in CHOLMOD, and so are the supernodal many-right-hand-side solves here.
#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/typed.hpp"
#include "sparse/sparse_factor.hpp"
#include "sparse/supernodal_solve.hpp"

namespace fl {
namespace {

using FactorDeleter = suitesparse::FreeDeleter<cholmod_factor, cholmod_l_free_factor>;
using FactorPtr = std::unique_ptr<cholmod_factor, FactorDeleter>;

// The pivots of a numeric factor in its (permuted) column order: L_jj for LL^T, D_jj for
// LDL^T.
// A complex factor's pivots are real: the real parts of its packed (re, im) diagonal.
std::vector<double> pivots(const cholmod_factor &l) {
    std::vector<double> d(l.n);
    const auto *x = static_cast<const double *>(l.x);
    const int w = l.xtype == CHOLMOD_COMPLEX ? 2 : 1;
    if (l.is_super) {
        const auto *super = static_cast<const int64_t *>(l.super);
        const auto *pi = static_cast<const int64_t *>(l.pi);
        const auto *px = static_cast<const int64_t *>(l.px);
        for (size_t s = 0; s < l.nsuper; ++s) {
            const int64_t first = super[s], nrow = pi[s + 1] - pi[s];
            for (int64_t j = first; j < super[s + 1]; ++j)
                d[j] = x[w * (px[s] + (j - first) * (nrow + 1))];
        }
    } else {
        const auto *p = static_cast<const int64_t *>(l.p);
        for (size_t j = 0; j < l.n; ++j) d[j] = x[w * p[j]];  // the diagonal comes first
    }
    return d;
}

// Throws not_positive_definite if a pivot is not positive; `column` names it in A's order.
void require_positive_pivots(const cholmod_factor &l, const char *what) {
    const std::vector<double> d = pivots(l);
    const auto *perm = static_cast<const int64_t *>(l.Perm);
    for (size_t j = 0; j < d.size(); ++j)
        if (!(d[j] > 0))
            throw Error(ErrorCode::not_positive_definite,
                        std::string(what) + " is not positive definite: the pivot of column " +
                            std::to_string(perm != nullptr ? perm[j] : int64_t(j)) +
                            " (0-based, of A) is " + std::to_string(d[j]));
}

// From this many right-hand sides on, solves hold them row by row (supernodal_solve.hpp);
// below, cholmod_l_solve.
constexpr index_t supernodal_solve_from = 8;

class SparseCholesky final : public SparseFactor {
public:
    SparseCholesky(const SparseMatrix &a, const FactorOptions &options)
        : SparseFactor(a, cholmod_stype(options.triangle)),
          stype_(cholmod_stype(options.triangle)) {
        if (rows() == 0) return;  // CHOLMOD rejects n = 0; an empty A needs no factor
        suitesparse::Common c;
        cholmod_sparse av = view(a);
        analysis_.reset(cholmod_l_analyze(&av, c.get()), FactorDeleter());
        c.check("cholmod_l_analyze");
        factor_numerically(a, c);
    }

    FactorKind kind() const override { return FactorKind::sparse_cholesky; }

    LogDet logdet() const override {
        LogDet d{1.0, 0.0};
        if (l_ == nullptr) return d;  // 0-by-0
        for (double p : pivots(*l_)) d.logabsdet += (l_->is_ll ? 2.0 : 1.0) * std::log(p);
        return d;
    }

    Inertia inertia() const override { return {rows(), 0, 0}; }

    std::unique_ptr<Factor> refactor(const SparseMatrix &a) const override {
        require_same_pattern(a);
        return std::unique_ptr<Factor>(new SparseCholesky(*this, a));
    }

    std::unique_ptr<Factor> rank_update_sparse(int sign, const SparseMatrix &v) const override {
        if (is_complex())
            throw Error(ErrorCode::unsupported,
                        "a complex sparse Cholesky factor has no rank update: CHOLMOD's "
                        "update/downdate is real only");
        return std::unique_ptr<Factor>(new SparseCholesky(*this, sign, v));
    }

private:
    // A refactorization: the shared analysis, new values.
    SparseCholesky(const SparseCholesky &from, const SparseMatrix &a)
        : SparseFactor(a, from.stype_), stype_(from.stype_), analysis_(from.analysis_) {
        if (rows() == 0) return;
        suitesparse::Common c;
        factor_numerically(a, c);
    }

    // The factor of A + sign V V^T (cholmod_l_updown), from a copy of `from`'s.
    SparseCholesky(const SparseCholesky &from, int sign, const SparseMatrix &v)
        : SparseFactor(from), stype_(from.stype_), analysis_(from.analysis_) {
        if (v.rows() != rows())
            throw Error(ErrorCode::dimension_mismatch, "v has " + std::to_string(v.rows()) +
                                                           " rows but the factor's matrix " +
                                                           std::to_string(rows()));
        if (v.dtype() != dtype())
            throw Error(ErrorCode::dtype_mismatch, "v's dtype differs from the factor's");
        if (rows() == 0) return;
        suitesparse::Common c;
        l_.reset(cholmod_l_copy_factor(from.l_.get(), c.get()));
        c.check("cholmod_l_copy_factor");
        if (v.cols() == 0 || v.nnz() == 0) return;
        // updown works on P V, the rows of V in the factor's order.
        cholmod_sparse vv = suitesparse::view(v, 0);
        cholmod_sparse *pv = cholmod_l_submatrix(&vv, static_cast<int64_t *>(l_->Perm), l_->n,
                                                 nullptr, -1, 1, 1, c.get());
        c.check("cholmod_l_submatrix");
        const int ok = cholmod_l_updown(sign > 0 ? 1 : 0, pv, l_.get(), c.get());
        cholmod_l_free_sparse(&pv, c.get());
        if (!ok || c->status == CHOLMOD_NOT_POSDEF)
            throw Error(ErrorCode::not_positive_definite,
                        "the downdated matrix A - V V^T is not positive definite");
        c.check("cholmod_l_updown");
        require_positive_pivots(*l_, "the downdated matrix A - V V^T");
        // rcond's ||A||_1 is left as A's: A +- V V^T is never formed (see docs/sparse.md).
    }

    cholmod_sparse view(const SparseMatrix &a) const { return suitesparse::view(a, stype_); }

    void factor_numerically(const SparseMatrix &a, suitesparse::Common &c) {
        cholmod_sparse av = view(a);
        l_.reset(cholmod_l_copy_factor(analysis_.get(), c.get()));
        c.check("cholmod_l_copy_factor");
        cholmod_l_factorize(&av, l_.get(), c.get());
        if (c->status == CHOLMOD_NOT_POSDEF) {
            const auto *perm = static_cast<const int64_t *>(l_->Perm);
            const auto minor = static_cast<int64_t>(l_->minor);
            throw Error(ErrorCode::not_positive_definite,
                        "the matrix is not positive definite: elimination failed at column " +
                            std::to_string(perm != nullptr ? perm[minor] : minor) +
                            " (0-based, of A)");
        }
        c.check("cholmod_l_factorize");
        require_positive_pivots(*l_, "the matrix");
    }

    // Many right-hand sides through a supernodal factor: row by row, straight from B to X.
    bool solve_direct(Transpose, const MatrixRef &b, const MatrixRef &x) const override {
        if (l_ == nullptr || !l_->is_super || x.cols < supernodal_solve_from || is_complex())
            return false;
        typed_real(dtype(), [&](auto t) { suitesparse::supernodal_solve<decltype(t)>(*l_, b, x); });
        return true;
    }

    // A^T = A for a real A, A^H = A and A^T = conj(A) for a complex one: A^T X = B is
    // A conj(X) = conj(B).
    suitesparse::DenseBuffer solve_buffer(Transpose op,
                                          suitesparse::DenseBuffer &b) const override {
        const bool conjugate = is_complex() && op == Transpose::yes;
        if (conjugate) conjugate_packed(b);
        suitesparse::Common c;
        cholmod_dense bv = b.view();
        // cholmod_l_solve only reads the factor; its struct pointer is not const.
        cholmod_dense *x = cholmod_l_solve(CHOLMOD_A, l_.get(), &bv, c.get());
        c.check("cholmod_l_solve");
        suitesparse::DenseBuffer out(b.rows, b.cols, b.width);
        std::copy(static_cast<double *>(x->x), static_cast<double *>(x->x) + out.data.size(),
                  out.data.begin());
        cholmod_l_free_dense(&x, c.get());
        if (conjugate) conjugate_packed(out);
        return out;
    }

    static void conjugate_packed(suitesparse::DenseBuffer &m) {
        for (size_t k = 1; k < m.data.size(); k += 2) m.data[k] = -m.data[k];
    }

    const int stype_;
    std::shared_ptr<cholmod_factor> analysis_{nullptr, FactorDeleter()};
    FactorPtr l_;
};

}  // namespace

std::unique_ptr<Factor> make_sparse_cholesky(const SparseMatrix &a, const FactorOptions &options) {
    if (a.rows() != a.cols())
        throw Error(ErrorCode::invalid_argument,
                    "sparse Cholesky needs a square matrix, but it is " + std::to_string(a.rows()) +
                        " x " + std::to_string(a.cols()));
    return std::make_unique<SparseCholesky>(a, options);
}

}  // namespace fl
