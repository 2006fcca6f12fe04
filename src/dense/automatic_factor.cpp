// FL_FACTOR_AUTO: the factorization Julia's `factorize` would choose, tried cheapest first.
//
//   square, exactly symmetric, positive diagonal  -> Cholesky, or LDL^T if not positive definite
//   square, exactly symmetric, otherwise          -> LDL^T (a non-positive diagonal element
//                                                    rules positive definiteness out)
//   other square                                  -> LU
//   rows > cols                                   -> QR
//   rows < cols                                   -> COD (QR needs rows >= cols)
// and, when the first choice finds the matrix (numerically) singular, COD, which gives the
// minimum-norm least-squares solution instead of an error: an exactly zero pivot of LU or
// LDL^T, an exactly zero diagonal of QR's R, or an R whose rcond is at or below the rank
// tolerance (FL_OPT_RTOL/FL_OPT_ATOL). A failed attempt costs one factorization; the
// symmetry test costs one O(n^2) pass that stops at the first asymmetric pair.
//
// NaN/Inf: NaN != NaN, so a NaN would make the symmetry test send a symmetric matrix to
// LU. With FL_OPT_CHECK_FINITE on (the default) the whole matrix is therefore checked
// first, before anything is decided (AUTO reads every element anyway, both triangles
// included), and the chosen kind is told not to check again.
#include <algorithm>
#include <memory>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "core/typed.hpp"
#include "dense/factor.hpp"

namespace fl {
namespace {

// Whether the square matrix is exactly symmetric. A row-major A is the column-major A^T in
// memory, which is symmetric exactly when A is, so the stored view serves for both
// layouts. Walked in tiles so that both the (i, j) and the mirrored (j, i) side stay in
// cache.
template <class T> bool exactly_symmetric(const MatrixRef &a) {
    const ColMajorView<T> s = stored_view<T>(a);
    constexpr index_t tile = 32;
    const index_t n = s.rows;
    for (index_t j0 = 0; j0 < n; j0 += tile)
        for (index_t i0 = j0; i0 < n; i0 += tile)  // tiles on or below the diagonal
            for (index_t j = j0; j < std::min(j0 + tile, n); ++j)
                for (index_t i = std::max(i0, j + 1); i < std::min(i0 + tile, n); ++i)
                    if (!(s(i, j) == s(j, i))) return false;
    return true;
}

template <class T> bool positive_diagonal(const MatrixRef &a) {
    const ColMajorView<T> s = stored_view<T>(a);
    for (index_t i = 0; i < s.rows; ++i)
        if (!(s(i, i) > 0)) return false;
    return true;
}

// Runs make_factor(first), and make_factor(second) when that throws `fallback_on`.
std::unique_ptr<Factor> with_fallback(FactorKind first, ErrorCode fallback_on, FactorKind second,
                                      Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    try {
        return make_factor(first, dtype, a, options);
    } catch (const Error &e) {
        if (e.code() != fallback_on) throw;
    }
    return make_factor(second, dtype, a, options);
}

template <class T>
std::unique_ptr<Factor> choose_and_factor(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    const index_t m = a.rows, n = a.cols;
    if (m < n) return make_factor(FactorKind::cod, dtype, a, options);
    if (m > n) {
        std::unique_ptr<Factor> qr =
            with_fallback(FactorKind::qr, ErrorCode::singular, FactorKind::cod, dtype, a, options);
        // R has A's singular values: an R as ill-conditioned as the rank tolerance says A is
        // rank-deficient, and only COD's solves are then meaningful.
        if (qr->kind() == FactorKind::qr && qr->rcond() <= rank_threshold<T>(options, m, n, 1.0))
            return make_factor(FactorKind::cod, dtype, a, options);
        return qr;
    }
    if (exactly_symmetric<T>(a)) {
        if (positive_diagonal<T>(a)) {
            try {
                return make_factor(FactorKind::cholesky, dtype, a, options);
            } catch (const Error &e) {
                if (e.code() != ErrorCode::not_positive_definite) throw;
            }
        }
        return with_fallback(FactorKind::ldlt, ErrorCode::singular, FactorKind::cod, dtype, a, options);
    }
    return with_fallback(FactorKind::lu, ErrorCode::singular, FactorKind::cod, dtype, a, options);
}

}  // namespace

std::unique_ptr<Factor> make_automatic_factor(Dtype dtype, const MatrixRef &a,
                                              const FactorOptions &options) {
    FactorOptions checked = options;
    if (options.check_finite) {
        typed_real(dtype, [&](auto t) { require_finite<decltype(t)>(a, "a"); });
        checked.check_finite = false;  // done: the chosen kind need not look again
    }
    return typed_real(dtype,
                      [&](auto t) { return choose_and_factor<decltype(t)>(dtype, a, checked); });
}

}  // namespace fl
