// Cholesky in rectangular full packed storage (FL_OPT_STORAGE = FL_STORAGE_RFP or
// FL_STORAGE_RFP_INPUT): the factor is n(n+1)/2 elements, half of full storage, and LAPACK's
// pftrf/pftrs/pftri work on it at BLAS-3 speed (each splits the triangle into two
// triangles and a rectangle and calls trsm/syrk/gemm on them). Input comes from one
// triangle of either layout (copied into RFP, O(n^2)) or already in RFP, which with
// FL_OPT_OVERWRITE_A is factored where it lies.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "core/rfp.hpp"
#include "dense/factor_kinds.hpp"
#include "dense/part_writer.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/lapack.hpp"

namespace fl {
namespace {

template <class T> class RfpCholeskyFactor final : public Factor {
public:
    RfpCholeskyFactor(const MatrixRef &a, const FactorOptions &options)
        : n_(a.rows),
          rfp_input_(options.storage == Storage::rfp_input),
          triangle_(rfp_input_ ? options.triangle : stored_triangle(a, options)),
          owned_(rfp_input_ && options.overwrite_a ? nullptr
                                                   : new T[static_cast<size_t>(rfp::size(n_))]),
          data_(owned_ ? owned_.get() : static_cast<T *>(a.data)) {
        if (rfp_input_ && owned_)
            std::copy_n(static_cast<const T *>(a.data), rfp::size(n_), owned_.get());
        anorm_ = rfp_input_ ? norm_and_check_rfp(options) : pack(a, options);
        if (n_ == 0) return;
        lapack_int info;
        {
            blas::SerialRegion serial(n_ < blas::serial_factor_order);
            info = lapack::pftrf(triangle_, n_, data_);
        }
        if (info > 0)
            throw Error(ErrorCode::not_positive_definite,
                        "the matrix is not positive definite: its leading minor of order " +
                            std::to_string(info) + " (of " + std::to_string(n_) + ") is not");
        if (info < 0) throw Error(ErrorCode::internal, "pftrf rejected argument " + std::to_string(-info));
    }

    FactorKind kind() const override { return FactorKind::cholesky; }
    Dtype dtype() const override { return dtype_of<T>(); }
    index_t rows() const override { return n_; }
    index_t cols() const override { return n_; }
    Inertia inertia() const override { return {n_, 0, 0}; }  // positive definite

    index_t info(Info what) const override {
        return what == Info::overwrites_a ? (owned_ ? 0 : 1) : Factor::info(what);
    }

    // pftrs takes a column-major B: X itself when it is column-major, else a copy.
    void solve(Transpose, const MatrixRef &b, const MatrixRef &x) const override {
        const index_t k = x.cols;
        if (n_ == 0 || k == 0) return;
        const bool serial = double(n_) * double(n_) * double(k) < blas::serial_solve_work;
        std::unique_ptr<T[]> buffer;
        MatrixRef work = x;
        if (x.layout == Layout::row_major) {
            buffer.reset(new T[static_cast<size_t>(n_ * k)]);
            work = {Layout::col_major, n_, k, n_, buffer.get()};
        }
        if (work.data != b.data) copy_matrix<T>(b, work);
        {
            blas::SerialRegion region(serial);
            lapack::pftrs(triangle_, n_, k, data_, static_cast<T *>(work.data), work.ld);
        }
        if (buffer) copy_matrix<T>(work, x);
    }

    // pftri on a copy of the factor, unpacked into both triangles of out.
    void inverse(const MatrixRef &out) const override {
        if (n_ == 0) return;
        std::vector<T> inv(data_, data_ + rfp::size(n_));
        lapack_int info;
        {
            blas::SerialRegion serial(n_ < blas::serial_factor_order);
            info = lapack::pftri(triangle_, n_, inv.data());
        }
        if (info != 0) throw Error(ErrorCode::internal, "pftri failed with info " + std::to_string(info));
        const ColMajorView<T> o = stored_view<T>(out);  // symmetric: either layout reads the same
        for (index_t j = 0; j < n_; ++j)
            for (index_t i = 0; i < n_; ++i) o(i, j) = inv[static_cast<size_t>(element(i, j))];
    }

    // L of A = L L^T (and U = L^T) out of the packed triangle: a stored upper U is L^T, so
    // element(i, j) for i >= j is L(i, j) either way.
    std::pair<index_t, index_t> part_shape(Part part) const override {
        if (part == Part::lower || part == Part::upper) return {n_, n_};
        return Factor::part_shape(part);  // names what a Cholesky factor lacks
    }
    void get_part(Part part, const MatrixRef &out) const override {
        if (part != Part::lower && part != Part::upper) return Factor::get_part(part, out);
        const bool lower = part == Part::lower;
        write_part<T>(out, [&](index_t i, index_t j) {
            if (lower ? i < j : i > j) return T(0);
            return data_[lower ? element(i, j) : element(j, i)];
        });
    }

    // det(A) = prod(L_ii)^2.
    LogDet logdet() const override {
        LogDet d{1.0, 0.0};
        for (index_t i = 0; i < n_; ++i) d.logabsdet += 2.0 * std::log(double(data_[element(i, i)]));
        return d;
    }

    // 1 / (||A||_1 ||A^-1||_1), ||A^-1||_1 estimated as pocon does (lacn2 on solves).
    double rcond() const override {
        if (n_ == 0) return 1.0;
        if (anorm_ == 0) return 0.0;
        const double inverse_norm = lapack::estimate_norm1<T>(n_, [&](Transpose, T *x) {
            lapack::pftrs(triangle_, n_, 1, data_, x, n_);  // A^-1 is symmetric
        });
        return inverse_norm > 0 ? std::min(1.0, 1.0 / (anorm_ * inverse_norm)) : 0.0;
    }

    std::unique_ptr<Factor> rank_update(int, const MatrixRef &) const override {
        unsupported("rank update in RFP storage (use FL_STORAGE_FULL)");
    }

private:
    // The offset of A(i, j) (either triangle) in the stored one.
    index_t element(index_t i, index_t j) const {
        const bool in_stored = triangle_ == Triangle::lower ? i >= j : i <= j;
        return in_stored ? rfp::index(triangle_, n_, i, j) : rfp::index(triangle_, n_, j, i);
    }

    // Copies the stored triangle of a into RFP, column by column of a, and returns A's
    // 1-norm (every off-diagonal element counts in its column and, mirrored, its row's).
    double pack(const MatrixRef &a, const FactorOptions &options) {
        const ColMajorView<const T> s = stored_view<const T>(a);
        std::vector<double> sums(static_cast<size_t>(n_));
        for (index_t j = 0; j < n_; ++j) {
            const index_t first = triangle_ == Triangle::lower ? j : 0;
            const index_t last = triangle_ == Triangle::lower ? n_ : j + 1;
            for (index_t i = first; i < last; ++i) {
                const T v = s(i, j);
                data_[rfp::index(triangle_, n_, i, j)] = v;
                sums[static_cast<size_t>(j)] += std::fabs(double(v));
                if (i != j) sums[static_cast<size_t>(i)] += std::fabs(double(v));
            }
        }
        const double norm = largest_sum(sums);
        if (options.check_finite && !std::isfinite(norm)) require_finite<T>(a, "a", options.triangle);
        return norm;
    }

    // The 1-norm of an RFP input, and its NaN/Inf check naming the element of A.
    double norm_and_check_rfp(const FactorOptions &options) const {
        std::vector<double> sums(static_cast<size_t>(n_));
        for (index_t j = 0; j < n_; ++j)
            for (index_t i = j; i < n_; ++i) {
                const double v = double(data_[element(i, j)]);
                if (options.check_finite && !std::isfinite(v))
                    throw Error(ErrorCode::non_finite,
                                "a (RFP) holds " + std::to_string(v) + " for A[" + std::to_string(i) +
                                    ", " + std::to_string(j) +
                                    "] (pass FL_OPT_CHECK_FINITE = 0 to skip this check)");
                sums[static_cast<size_t>(j)] += std::fabs(v);
                if (i != j) sums[static_cast<size_t>(i)] += std::fabs(v);
            }
        return largest_sum(sums);
    }

    const index_t n_;
    const bool rfp_input_;
    const Triangle triangle_;   // the RFP's UPLO
    std::unique_ptr<T[]> owned_;  // empty when the factor lives in the caller's RFP array
    T *const data_;
    double anorm_ = 0;
};

}  // namespace

std::unique_ptr<Factor> make_rfp_cholesky(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return make_typed<RfpCholeskyFactor>(dtype, a, options);
}

}  // namespace fl
