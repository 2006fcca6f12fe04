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
//
// A complex matrix goes through UMFPACK's complex routines (umfpack_zl_*) in their "packed
// complex" form (Az = NULL: the values are (re, im) pairs, as SparseMatrix holds them).
// For complex systems UMFPACK_At is A^H and UMFPACK_Aat the unconjugated A^T.
#include <umfpack.h>

#include <cmath>
#include <complex>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <tuple>
#include <vector>

#include "core/error.hpp"
#include "core/parallel_for.hpp"
#include "core/typed.hpp"
#include "lapack/blas_runtime.hpp"
#include "sparse/row_blocks.hpp"
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

// UMFPACK's objects, freed by the routines of the family (dl real, zl complex) that made them.
struct Symbolic {
    void *p = nullptr;
    bool complex = false;
    ~Symbolic() { complex ? umfpack_zl_free_symbolic(&p) : umfpack_dl_free_symbolic(&p); }
};

struct Numeric {
    void *p = nullptr;
    bool complex = false;
    ~Numeric() { complex ? umfpack_zl_free_numeric(&p) : umfpack_dl_free_numeric(&p); }
};

// v, or conj(v) when conjugate (a real v is its own conjugate).
inline double conjugate_if(bool, double v) { return v; }
inline std::complex<double> conjugate_if(bool conjugate, std::complex<double> v) {
    return conjugate ? std::conj(v) : v;
}

// UMFPACK's factors P R A Q = L U copied out once (umfpack_*_get_numeric) for solves
// with many right-hand sides, which walk them row by row (row_blocks.hpp): L unit lower
// triangular by rows, U upper triangular by columns (each row's or column's diagonal entry
// last), the permutations, and R as multipliers. S is double, or std::complex<double> for
// a complex A (the packed values of umfpack_zl_get_numeric with Lz = Uz = Dz = NULL).
template <class S>
struct ExtractedLU {
    static constexpr bool complex = is_complex_v<S>;
    index_t n = 0;
    std::vector<int64_t> lp, lj, up, ui, p, q;
    std::vector<S> lx, ux, d;
    std::vector<double> r_of_p;  // R[p[k]]: the scaling of the k-th pivot row

    explicit ExtractedLU(void *numeric) {
        int64_t lnz = 0, unz = 0, nrow = 0, ncol = 0, nz_udiag = 0, do_recip = 0;
        check(static_cast<int>(
                  complex ? umfpack_zl_get_lunz(&lnz, &unz, &nrow, &ncol, &nz_udiag, numeric)
                          : umfpack_dl_get_lunz(&lnz, &unz, &nrow, &ncol, &nz_udiag, numeric)),
              complex ? "umfpack_zl_get_lunz" : "umfpack_dl_get_lunz");
        n = nrow;
        lp.resize(n + 1), lj.resize(lnz), lx.resize(lnz), up.resize(n + 1), ui.resize(unz),
            ux.resize(unz), p.resize(n), q.resize(n), d.resize(n);
        std::vector<double> rs(n);
        auto *lxd = reinterpret_cast<double *>(lx.data()),
             *uxd = reinterpret_cast<double *>(ux.data()),
             *dd = reinterpret_cast<double *>(d.data());
        check(static_cast<int>(
                  complex ? umfpack_zl_get_numeric(lp.data(), lj.data(), lxd, nullptr, up.data(),
                                                   ui.data(), uxd, nullptr, p.data(), q.data(), dd,
                                                   nullptr, &do_recip, rs.data(), numeric)
                          : umfpack_dl_get_numeric(lp.data(), lj.data(), lxd, up.data(), ui.data(),
                                                   uxd, p.data(), q.data(), dd, &do_recip,
                                                   rs.data(), numeric)),
              complex ? "umfpack_zl_get_numeric" : "umfpack_dl_get_numeric");
        r_of_p.resize(n);
        for (index_t k = 0; k < n; ++k) r_of_p[k] = do_recip ? rs[p[k]] : 1.0 / rs[p[k]];
    }

    // y (n rows of kb values) <- (L U)^-1 y: L forward by rows, U backward by columns.
    void solve(S *y, index_t kb) const {
        for (index_t k = 0; k < n; ++k) {
            S *yk = y + k * kb;
            for (int64_t e = lp[k]; e < lp[k + 1] - 1; ++e) axpy(-lx[e], y + lj[e] * kb, yk, kb);
        }
        for (index_t k = n; k-- > 0;) {
            S *yk = y + k * kb;
            const S inv = 1.0 / d[k];
            for (index_t j = 0; j < kb; ++j) yk[j] *= inv;
            for (int64_t e = up[k]; e < up[k + 1] - 1; ++e) axpy(-ux[e], yk, y + ui[e] * kb, kb);
        }
    }

    // y <- (L U)^-T y = L^-T U^-T y, or (L U)^-H y with every value conjugated: U^T forward
    // (U's columns are U^T's rows), then L^T backward (L's rows are L^T's columns).
    void solve_transposed(S *y, index_t kb, bool conjugate) const {
        for (index_t k = 0; k < n; ++k) {
            S *yk = y + k * kb;
            for (int64_t e = up[k]; e < up[k + 1] - 1; ++e)
                axpy(-conjugate_if(conjugate, ux[e]), y + ui[e] * kb, yk, kb);
            const S inv = 1.0 / conjugate_if(conjugate, d[k]);
            for (index_t j = 0; j < kb; ++j) yk[j] *= inv;
        }
        for (index_t k = n; k-- > 0;) {
            const S *yk = y + k * kb;
            for (int64_t e = lp[k]; e < lp[k + 1] - 1; ++e)
                axpy(-conjugate_if(conjugate, lx[e]), yk, y + lj[e] * kb, kb);
        }
    }

    static void axpy(S a, const S *x, S *y, index_t kb) {
        for (index_t j = 0; j < kb; ++j) y[j] += a * x[j];
    }
};

// Whether the permutation (perm[k] = the image of k) is odd: n minus its number of cycles.
bool odd_permutation(const std::vector<int64_t> &perm) {
    std::vector<bool> seen(perm.size(), false);
    size_t cycles = 0;
    for (size_t start = 0; start < perm.size(); ++start) {
        if (seen[start]) continue;
        ++cycles;
        for (size_t k = start; !seen[k]; k = static_cast<size_t>(perm[k])) seen[k] = true;
    }
    return (perm.size() - cycles) % 2 == 1;
}

// From this many right-hand sides on, solves walk the extracted factors row by row.
constexpr index_t row_solve_from = 8;

class SparseLU final : public SparseFactor {
public:
    SparseLU(const SparseMatrix &a, std::shared_ptr<const Symbolic> symbolic) : SparseFactor(a, 0) {
        umfpack_dl_defaults(control_);
        control_[UMFPACK_IRSTEP] = 0;
        if (rows() == 0) return;  // UMFPACK rejects n = 0; an empty A needs no factor
        const bool z = is_complex();
        if (symbolic == nullptr) {
            auto fresh = std::make_shared<Symbolic>();
            fresh->complex = z;
            double info[UMFPACK_INFO];
            check(static_cast<int>(z ? umfpack_zl_symbolic(rows(), cols(), ap(), ai(), ax(a),
                                                           nullptr, &fresh->p, control_, info)
                                     : umfpack_dl_symbolic(rows(), cols(), ap(), ai(), ax(a),
                                                           &fresh->p, control_, info)),
                  z ? "umfpack_zl_symbolic" : "umfpack_dl_symbolic");
            symbolic = std::move(fresh);
        }
        symbolic_ = std::move(symbolic);
        numeric_.complex = z;
        double info[UMFPACK_INFO];
        const auto status = static_cast<int>(
            z ? umfpack_zl_numeric(ap(), ai(), ax(a), nullptr, symbolic_->p, &numeric_.p, control_,
                                   info)
              : umfpack_dl_numeric(ap(), ai(), ax(a), symbolic_->p, &numeric_.p, control_, info));
        check(status, z ? "umfpack_zl_numeric" : "umfpack_dl_numeric");
        factor_nnz_ = info[UMFPACK_LNZ] + info[UMFPACK_UNZ];
    }

    FactorKind kind() const override { return FactorKind::sparse_lu; }

    // P R A Q = L U with L unit triangular, so det(A) = det(P) det(Q) prod(u_kk) / prod(r_i):
    // log|det| is a sum of logs, which cannot overflow, and the phase is the permutations'
    // parities times the pivots' phases u / |u| (R is positive; for a real A the phases are
    // +-1 exactly). umfpack_*_get_determinant is not used: it normalises a running product in
    // a loop that never ends once a pivot overflows.
    LogDet logdet() const override {
        const index_t n = rows();
        if (n == 0) return {1.0, 0.0};
        const bool z = is_complex();
        std::vector<int64_t> p(n), q(n);
        std::vector<double> u_diagonal(z ? 2 * n : n), scale(n);
        int64_t do_recip = 0;
        // NULL for L and U: only the permutations, U's diagonal and the scaling are copied
        // (the diagonal packed complex, Dz = NULL, for a complex A).
        check(
            static_cast<int>(
                z ? umfpack_zl_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                           nullptr, nullptr, p.data(), q.data(), u_diagonal.data(),
                                           nullptr, &do_recip, scale.data(), numeric_.p)
                  : umfpack_dl_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                           p.data(), q.data(), u_diagonal.data(), &do_recip,
                                           scale.data(), numeric_.p)),
            z ? "umfpack_zl_get_numeric" : "umfpack_dl_get_numeric");
        std::complex<double> phase = 1.0;
        double logabsdet = 0;
        for (index_t k = 0; k < n; ++k) {
            const std::complex<double> u =
                z ? std::complex<double>(u_diagonal[2 * k], u_diagonal[2 * k + 1]) : u_diagonal[k];
            const double modulus = std::abs(u);
            if (modulus == 0) return {0.0, -std::numeric_limits<double>::infinity()};
            phase *= u / modulus;
            logabsdet += std::log(modulus);
            // R scales row i by scale[i] (do_recip) or by 1 / scale[i].
            logabsdet += do_recip ? -std::log(scale[k]) : std::log(scale[k]);
        }
        if (odd_permutation(p) != odd_permutation(q)) phase = -phase;
        if (z) phase /= std::abs(phase);  // the product's rounding, back onto the unit circle
        return {phase.real(), logabsdet, phase.imag()};
    }

    std::unique_ptr<Factor> refactor(const SparseMatrix &a) const override {
        require_same_pattern(a);
        return std::make_unique<SparseLU>(a, symbolic_);
    }

private:
    // UMFPACK reads its arrays only, and rejects NULL ones, which an A without entries has.
    // Solves pass none: without refinement UMFPACK does not read A.
    int64_t *ap() const { return suitesparse::readable(pattern_->col_ptr); }
    int64_t *ai() const { return suitesparse::readable(pattern_->row_idx); }
    double *ax(const SparseMatrix &a) const { return suitesparse::readable(a.csc_values()); }

    // Many right-hand sides: P R A Q = L U gives A X = B as L U (Q^T X) = P R B, and
    // A^T X = B as U^T L^T (P R^-1 X) = Q^T B (A^H: U^H L^H, R being real).
    bool solve_direct(Transpose op, const MatrixRef &b, const MatrixRef &x) const override {
        if (x.cols < row_solve_from) return false;
        typed(dtype(), [&](auto tag) {
            using T = decltype(tag);
            using S = Wide<T>;
            const ExtractedLU<S> &f = extracted<S>();
            const suitesparse::RowMap p{f.p.data(), f.r_of_p.data()}, q{f.q.data(), nullptr};
            if (op == Transpose::no)
                suitesparse::solve_by_row_blocks<T>(b, x, p, q, 0,
                                                    [&](S *y, index_t kb, S *) { f.solve(y, kb); });
            else
                suitesparse::solve_by_row_blocks<T>(b, x, q, p, 0, [&](S *y, index_t kb, S *) {
                    f.solve_transposed(y, kb, op == Transpose::conj);
                });
        });
        return true;
    }

    // The factors copied out of UMFPACK, made by the first solve with many right-hand sides
    // (once, whichever thread gets there first).
    template <class S>
    const ExtractedLU<S> &extracted() const {
        auto &slot = std::get<std::unique_ptr<const ExtractedLU<S>>>(extracted_);
        std::call_once(extracted_once_,
                       [&] { slot = std::make_unique<const ExtractedLU<S>>(numeric_.p); });
        return *slot;
    }

    suitesparse::DenseBuffer solve_buffer(Transpose op,
                                          suitesparse::DenseBuffer &b) const override {
        const index_t n = rows(), k = b.cols;
        const bool z = is_complex();
        suitesparse::DenseBuffer x(n, k, b.width);
        // UMFPACK_At is the adjoint: A^T for a real A, A^H for a complex one.
        const int sys = op == Transpose::no    ? UMFPACK_A
                        : op == Transpose::yes ? (z ? UMFPACK_Aat : UMFPACK_At)
                                               : UMFPACK_At;
        const double work = double(k) * (factor_nnz_ + double(n));
        // UMFPACK's solve calls BLAS-2; with the columns on our threads, BLAS's own threads
        // would only compete with them.
        blas::SerialRegion serial(k > 1);
        parallel_for(k, work, 1 << 16, [&](index_t j0, index_t j1) {
            std::vector<int64_t> wi(static_cast<size_t>(n));
            // Without refinement: n doubles (real), 4 n (complex).
            std::vector<double> w(static_cast<size_t>(z ? 4 * n : n));
            double info[UMFPACK_INFO];
            for (index_t j = j0; j < j1; ++j)
                check(static_cast<int>(z ? umfpack_zl_wsolve(sys, nullptr, nullptr, nullptr,
                                                             nullptr, x.column(j), nullptr,
                                                             b.column(j), nullptr, numeric_.p,
                                                             control_, info, wi.data(), w.data())
                                         : umfpack_dl_wsolve(sys, nullptr, nullptr, nullptr,
                                                             x.column(j), b.column(j), numeric_.p,
                                                             control_, info, wi.data(), w.data())),
                      z ? "umfpack_zl_wsolve" : "umfpack_dl_wsolve");
        });
        return x;
    }

    double control_[UMFPACK_CONTROL];
    std::shared_ptr<const Symbolic> symbolic_;
    Numeric numeric_;
    double factor_nnz_ = 0;
    // The extracted factors (extracted()): the real or the complex ones, by dtype.
    mutable std::once_flag extracted_once_;
    mutable std::tuple<std::unique_ptr<const ExtractedLU<double>>,
                       std::unique_ptr<const ExtractedLU<std::complex<double>>>>
        extracted_;
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
