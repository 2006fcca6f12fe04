// Sparse QR on SPQR (SuiteSparseQR): A E = Q R with a fill-reducing column order E, Q kept
// as Householder vectors. Columns whose norm falls to the tolerance during the
// factorization are dropped, which reveals the rank.
//
// Solves (op = A): X = E R^-1 Q^T B, the least-squares solution for a full-rank A, and a
// basic solution (zeros in the dropped columns) for a rank-deficient one, as MATLAB's
// backslash gives; it is not the minimum-norm solution. op = A^T (A of full column rank):
// X = Q R^-T E^T B, the minimum-norm solution of the under-determined A^T X = B.
// SPQR's numeric refactorization rewrites its factorization object in place, which an
// immutable shared handle cannot allow; refactoring a QR factor therefore factors afresh.
#include <SuiteSparseQR_C.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "sparse/sparse_factor.hpp"

namespace fl {
namespace {

// SPQR's tolerance: its default (20 (m + n) eps times the largest column norm) unless the
// options set one, in which case max(ATOL, RTOL * largest column norm).
double spqr_tolerance(const SparseMatrix &a, const FactorOptions &options) {
    if (options.rtol < 0 && options.atol == 0) return SPQR_DEFAULT_TOL;
    const SparsePattern &p = *a.pattern();
    double largest = 0;
    for (index_t j = 0; j < p.cols; ++j) {
        double sum = 0;
        for (int64_t k = p.col_ptr[j]; k < p.col_ptr[j + 1]; ++k)
            sum += a.csc_values()[k] * a.csc_values()[k];
        largest = std::max(largest, std::sqrt(sum));
    }
    return std::max(options.atol, std::max(options.rtol, 0.0) * largest);
}

class SparseQR final : public SparseFactor {
public:
    SparseQR(const SparseMatrix &a, const FactorOptions &options)
        : SparseFactor(a, 0), options_(options) {
        if (rows() == 0 || cols() == 0) return;
        suitesparse::Common c;
        cholmod_sparse av = suitesparse::view(a, 0);
        qr_.reset(SuiteSparseQR_C_factorize(SPQR_ORDERING_DEFAULT, spqr_tolerance(a, options), &av,
                                            c.get()));
        c.check("SuiteSparseQR_C_factorize");
        if (qr_ == nullptr) throw Error(ErrorCode::internal, "SuiteSparseQR_C_factorize failed");
        rank_ = c->SPQR_istat[4];
    }

    FactorKind kind() const override { return FactorKind::sparse_qr; }
    index_t rank() const override { return rank_; }
    double rcond() const override {
        unsupported(Query::rcond, "condition estimate (use sparse LU or Cholesky)");
    }

    std::unique_ptr<Factor> refactor(const SparseMatrix &a) const override {
        require_same_pattern(a);
        return std::make_unique<SparseQR>(a, options_);
    }

private:
    suitesparse::DenseBuffer solve_buffer(Transpose op,
                                          suitesparse::DenseBuffer &b) const override {
        const index_t out_rows = op == Transpose::no ? cols() : rows();
        if (qr_ == nullptr) return suitesparse::DenseBuffer(out_rows, b.cols);  // an empty A
        suitesparse::Common c;
        cholmod_dense bv = b.view();
        // Q^T B then R's solve, or R^T's solve then Q times it.
        cholmod_dense *mid =
            op == Transpose::no
                ? SuiteSparseQR_C_qmult(SPQR_QTX, qr_.get(), &bv, c.get())
                : SuiteSparseQR_C_solve(SPQR_RTX_EQUALS_ETB, qr_.get(), &bv, c.get());
        c.check("SuiteSparseQR");
        cholmod_dense *x = op == Transpose::no
                               ? SuiteSparseQR_C_solve(SPQR_RETX_EQUALS_B, qr_.get(), mid, c.get())
                               : SuiteSparseQR_C_qmult(SPQR_QX, qr_.get(), mid, c.get());
        cholmod_l_free_dense(&mid, c.get());
        c.check("SuiteSparseQR");
        suitesparse::DenseBuffer out(out_rows, b.cols);
        const auto *xs = static_cast<const double *>(x->x);
        for (index_t j = 0; j < b.cols; ++j)
            std::copy(xs + j * x->d, xs + j * x->d + out_rows, out.data.begin() + j * out_rows);
        cholmod_l_free_dense(&x, c.get());
        return out;
    }

    const FactorOptions options_;
    suitesparse::Owned<SuiteSparseQR_C_factorization, SuiteSparseQR_C_free> qr_;
    index_t rank_ = 0;
};

}  // namespace

std::unique_ptr<Factor> make_sparse_qr(const SparseMatrix &a, const FactorOptions &options) {
    if (a.is_complex())
        throw Error(ErrorCode::unsupported,
                    "complex sparse QR is not supported (SPQR is wired for real matrices only): "
                    "use FL_FACTOR_SPARSE_LU for a square A");
    return std::make_unique<SparseQR>(a, options);
}

}  // namespace fl
