// Sparse LU on UMFPACK: P R A Q = L U with a fill-reducing column order Q, row scaling R
// and threshold partial pivoting P.
//
// The symbolic analysis (umfpack_dl_symbolic: column ordering, frontal matrix tree) is
// computed once per pattern and shared, read-only, by every numeric factorization of it, so
// a refactorization with new values (umfpack_dl_numeric) is a new, independent handle.
// UMFPACK solves one right-hand side per call (umfpack_dl_wsolve, with caller-supplied
// workspace and so no allocation); the columns of B are split across threads, each with
// its own workspace, reading the one Numeric object. Solves do not refine iteratively
// (UMFPACK_IRSTEP = 0), as scipy's splu does not: refinement doubled the solve's cost (28
// against 13 ms per right-hand side at n = 90000) for residuals already at rounding level,
// and without it the factor need not keep a copy of A.
#include <umfpack.h>

#include <cmath>
#include <new>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/parallel_for.hpp"
#include "lapack/blas_runtime.hpp"
#include "sparse/sparse_factor.hpp"

namespace fl {
namespace {

void check(int status, const char *what) {
    if (status == UMFPACK_OK) return;
    if (status == UMFPACK_ERROR_out_of_memory) throw std::bad_alloc();
    if (status == UMFPACK_WARNING_singular_matrix)
        throw Error(ErrorCode::singular,
                    "the matrix is singular: UMFPACK's U has an exactly zero diagonal entry");
    throw Error(ErrorCode::internal,
                std::string(what) + " failed with UMFPACK status " + std::to_string(status));
}

struct Symbolic {
    void *p = nullptr;
    ~Symbolic() { umfpack_dl_free_symbolic(&p); }
};

struct Numeric {
    void *p = nullptr;
    ~Numeric() { umfpack_dl_free_numeric(&p); }
};

class SparseLU final : public SparseFactor {
public:
    SparseLU(const SparseMatrix &a, std::shared_ptr<const Symbolic> symbolic) : SparseFactor(a, 0) {
        umfpack_dl_defaults(control_);
        control_[UMFPACK_IRSTEP] = 0;
        if (rows() == 0) return;  // UMFPACK rejects n = 0; an empty A needs no factor
        if (symbolic == nullptr) {
            auto fresh = std::make_shared<Symbolic>();
            double info[UMFPACK_INFO];
            check(static_cast<int>(umfpack_dl_symbolic(rows(), cols(), ap(), ai(), ax(a), &fresh->p,
                                                       control_, info)),
                  "umfpack_dl_symbolic");
            symbolic = std::move(fresh);
        }
        symbolic_ = std::move(symbolic);
        double info[UMFPACK_INFO];
        const auto status = static_cast<int>(
            umfpack_dl_numeric(ap(), ai(), ax(a), symbolic_->p, &numeric_.p, control_, info));
        check(status, "umfpack_dl_numeric");
        factor_nnz_ = info[UMFPACK_LNZ] + info[UMFPACK_UNZ];
    }

    FactorKind kind() const override { return FactorKind::sparse_lu; }

    // det(A) = mantissa * 10^exponent, which cannot overflow.
    LogDet logdet() const override {
        if (rows() == 0) return {1.0, 0.0};
        double mantissa = 0, exponent = 0, info[UMFPACK_INFO];
        check(static_cast<int>(umfpack_dl_get_determinant(&mantissa, &exponent, numeric_.p, info)),
              "umfpack_dl_get_determinant");
        return {mantissa < 0 ? -1.0 : 1.0,
                std::log(std::fabs(mantissa)) + exponent * std::log(10.0)};
    }

    std::unique_ptr<Factor> refactor(const SparseMatrix &a) const override {
        require_same_pattern(a);
        return std::make_unique<SparseLU>(a, symbolic_);
    }

private:
    // UMFPACK reads its arrays only, and rejects NULL ones, which an A without entries has.
    // Solves pass none: without refinement UMFPACK does not read A.
    int64_t *ap() const { return const_cast<int64_t *>(pattern_->col_ptr.data()); }
    int64_t *ai() const {
        return pattern_->nnz() > 0 ? const_cast<int64_t *>(pattern_->row_idx.data()) : &no_index_;
    }
    double *ax(const SparseMatrix &a) const {
        return a.nnz() > 0 ? const_cast<double *>(a.csc_values().data()) : &no_value_;
    }

    suitesparse::DenseBuffer solve_buffer(Transpose op,
                                          suitesparse::DenseBuffer &b) const override {
        const index_t n = rows(), k = b.cols;
        suitesparse::DenseBuffer x(n, k);
        const int sys = op == Transpose::no ? UMFPACK_A : UMFPACK_At;
        const double work = double(k) * (factor_nnz_ + double(n));
        // UMFPACK's solve calls BLAS-2; with the columns on our threads, BLAS's own threads
        // would only compete with them.
        blas::SerialRegion serial(k > 1);
        parallel_for(k, work, 1 << 16, [&](index_t j0, index_t j1) {
            std::vector<int64_t> wi(static_cast<size_t>(n));
            std::vector<double> w(static_cast<size_t>(n));  // n: no refinement
            double info[UMFPACK_INFO];
            for (index_t j = j0; j < j1; ++j)
                check(static_cast<int>(umfpack_dl_wsolve(
                          sys, nullptr, nullptr, nullptr, x.data.data() + j * n, b.data.data() + j * n,
                          numeric_.p, control_, info, wi.data(), w.data())),
                      "umfpack_dl_wsolve");
        });
        return x;
    }

    mutable int64_t no_index_ = 0;
    mutable double no_value_ = 0;
    double control_[UMFPACK_CONTROL];
    std::shared_ptr<const Symbolic> symbolic_;
    Numeric numeric_;
    double factor_nnz_ = 0;
};

}  // namespace

std::unique_ptr<Factor> make_sparse_lu(const SparseMatrix &a, const FactorOptions &) {
    if (a.rows() != a.cols())
        throw Error(ErrorCode::invalid_argument, "sparse LU needs a square matrix, but it is " +
                                                     std::to_string(a.rows()) + " x " +
                                                     std::to_string(a.cols()));
    return std::make_unique<SparseLU>(a, nullptr);
}

}  // namespace fl
