#include "dense/mixed_precision_factor.hpp"

#include <cfloat>
#include <cmath>
#include <limits>
#include <vector>

#include "core/finite_check.hpp"
#include "core/matrix_copy.hpp"
#include "core/norms.hpp"
#include "lapack/lapack.hpp"

namespace fl {
namespace {

// Refinement steps LAPACK's dsgesv/dsposv allow (ITERMAX).
constexpr int max_refinement_steps = 30;

// Fall back at creation when the float32 factor's pivots give kappa * u_float >= 1/4: each
// step shrinks the error by about kappa * u_float (Higham, Accuracy and Stability, ch. 12),
// so from there on reaching float64 takes about 25 steps, whose GEMMs and float32 solves
// cost more than a float64 factorization. The pivots' spread max|d_i| / min|d_i| (squared
// for Cholesky, where it is then a lower bound on kappa_2) costs nothing, where a LAPACK
// condition estimate (sgecon: about ten BLAS-2 passes over the factor) cost a third of the
// float32 factorization's time at n = 2000; what it misses the solves' early stop catches.
constexpr double fallback_condition = 0.25 / 0x1p-24;

// A refinement step must at least halve the worst scaled residual max|r| / max|x|, or the
// solve falls back (LAPACK's drivers go on to 30 steps; at this rate they would not get
// there in time, and every step costs a GEMM and two float32 triangular solves).
constexpr double required_contraction = 0.5;

// to[i] = from[i] rounded to float32 for i < count; false if a value is beyond float32's
// range (NaN passes through, and then shows in the residual).
bool to_float(const double *from, float *to, index_t count) {
    bool fits = true;
    for (index_t i = 0; i < count; ++i) {
        fits &= !(std::fabs(from[i]) > FLT_MAX);
        to[i] = static_cast<float>(from[i]);
    }
    return fits;
}

// The worst column's max|r_j| / (max|x_j| cte): at most 1 when every column is within
// LAPACK's bound max|r_j| <= max|x_j| cte. NaN when any value is (it never converges).
double worst_residual(const double *r, const double *x, index_t n, index_t k, double cte) {
    double worst = 0;
    for (index_t j = 0; j < k; ++j) {
        double rmax = 0, xmax = 0;
        for (index_t i = 0; i < n; ++i) {
            rmax = std::fmax(rmax, std::fabs(r[i + j * n]));
            xmax = std::fmax(xmax, std::fabs(x[i + j * n]));
            if (std::isnan(r[i + j * n]) || std::isnan(x[i + j * n])) return NAN;
        }
        worst = std::fmax(worst, rmax / (xmax * cte));
    }
    return worst;
}

}  // namespace

struct MixedPrecisionFactor::Intake {
    Intake(index_t order, std::optional<Triangle> stored)
        : n(order), triangle(stored), low(new float[static_cast<size_t>(order * order)]),
          inf(stored ? NormOf::none : NormOf::inf, order) {}

    void add(index_t j, const double *column) {
        // Only the triangle a symmetric kind reads must fit (the other may hold anything).
        const index_t first = triangle == Triangle::lower ? j : 0;
        const index_t last = triangle == Triangle::upper ? j + 1 : n;
        fits &= to_float(column + first, low.get() + j * n + first, last - first);
        inf.add(j, column, n);
    }

    const index_t n;
    const std::optional<Triangle> triangle;
    std::unique_ptr<float[]> low;
    ColumnNorm<double> inf;  // ||S||_inf of a general S (a symmetric one's is its 1-norm)
    bool fits = true;
};

MixedPrecisionFactor::MixedPrecisionFactor(const MatrixRef &a, const FactorOptions &options,
                                           std::optional<Triangle> triangle)
    : MixedPrecisionFactor(a, options, triangle, Intake(a.rows, triangle)) {}

// `intake` is a temporary of the delegating constructor: it lives until this one returns.
MixedPrecisionFactor::MixedPrecisionFactor(const MatrixRef &a, const FactorOptions &options,
                                           std::optional<Triangle> triangle, Intake &&intake)
    : SquareFactor<double>(a, triangle.has_value(),
                           triangle ? symmetric_one(*triangle) : NormOf::one, options.overwrite_a,
                           nullptr,
                           [&intake](index_t j, const double *column) { intake.add(j, column); }),
      options_(options),
      triangle_(triangle),
      low_(std::move(intake.low)) {
    if (options.check_finite && !std::isfinite(anorm_))
        require_finite<double>(a, "a",
                               triangle ? std::optional<Triangle>(options.triangle) : std::nullopt);
    norm_inf_ = triangle ? anorm_ : intake.inf.value();
    fits_float_ = intake.fits;
    if (triangle) symmetrize(storage(), *triangle);
}

void MixedPrecisionFactor::factor() {
    if (n_ == 0) return;
    Fallback reason = Fallback::none;
    if (!fits_float_) {
        reason = Fallback::low_precision_failed;
    } else {
        blas::SerialRegion serial(n_ < blas::serial_factor_order);
        if (!factor_low())
            reason = Fallback::low_precision_failed;
        else if (!(pivot_spread() < fallback_condition))
            reason = Fallback::ill_conditioned;
    }
    if (reason != Fallback::none) {
        low_.reset();
        // No other thread can hold the handle yet, and the solves will use the float64
        // factor only: it may factor S where it lies. Throws its error (singular, ...).
        full(reason, /*in_place=*/true);
    }
}

double MixedPrecisionFactor::pivot_spread() const {
    float largest = 0, smallest = HUGE_VALF;
    for (index_t i = 0; i < n_; ++i) {
        const float d = std::fabs(low_[static_cast<size_t>(i + i * n_)]);
        largest = std::fmax(largest, d);
        smallest = std::fmin(smallest, d);
    }
    const double spread = double(largest) / double(smallest);
    return triangle_ ? spread * spread : spread;
}

const Factor &MixedPrecisionFactor::full(Fallback reason, bool in_place) const {
    if (const Factor *f = full_ready_.load(std::memory_order_acquire)) return *f;
    std::lock_guard<std::mutex> lock(full_mutex_);
    if (!full_) {
        FactorOptions o = options_;
        o.precision = Precision::native;
        o.check_finite = false;  // checked when A came in
        o.overwrite_a = in_place;
        if (triangle_) o.triangle = *triangle_;  // S is column-major: its triangle as stored
        full_ = make_full(as_given(const_cast<double *>(stored().data), stored().ld), o);
        fallback_ = static_cast<int>(reason);
        full_ready_.store(full_.get(), std::memory_order_release);
    }
    return *full_;
}

index_t MixedPrecisionFactor::info(Info what) const {
    switch (what) {
        case Info::precision:
            return static_cast<index_t>(full_ready_.load() != nullptr ? Precision::native
                                                                      : Precision::mixed);
        case Info::fallback:
            return fallback_.load();
        case Info::refinement_steps:
            return most_steps_.load();
        case Info::overwrites_a:
            break;
    }
    return SquareFactor<double>::info(what);
}

bool MixedPrecisionFactor::refine(Transpose op, const ColMajorView<double> &x) const {
    const index_t n = n_, k = x.cols, count = n * k;
    // B (kept for the residuals), R and the float32 right-hand sides, all with ld n.
    std::vector<double> b(static_cast<size_t>(count)), r(static_cast<size_t>(count));
    std::vector<float> w(static_cast<size_t>(count));
    for (index_t j = 0; j < k; ++j) std::copy(x.column(j), x.column(j) + n, b.data() + j * n);
    const double cte = (op == Transpose::no ? norm_inf_ : anorm_) *
                       (std::numeric_limits<double>::epsilon() / 2) * std::sqrt(double(n));
    if (!to_float(b.data(), w.data(), count)) return false;
    solve_low(op, w.data(), k);
    std::vector<double> xs(w.begin(), w.end());
    double previous = HUGE_VAL;
    for (int step = 0;; ++step) {
        r = b;
        // A symmetric S is full (mirrored at creation), so op(S) = S for it too.
        lapack::subtract_product(op, n, k, stored().data, stored().ld, xs.data(), n, r.data(), n);
        const double worst = worst_residual(r.data(), xs.data(), n, k, cte);
        if (worst <= 1) {
            int most = most_steps_.load();
            while (step > most && !most_steps_.compare_exchange_weak(most, step)) {}
            for (index_t j = 0; j < k; ++j)
                std::copy(xs.data() + j * n, xs.data() + (j + 1) * n, x.column(j));
            return true;
        }
        if (!(worst < required_contraction * previous) || step == max_refinement_steps ||
            !to_float(r.data(), w.data(), count))
            return false;
        previous = worst;
        solve_low(op, w.data(), k);
        for (index_t i = 0; i < count; ++i)
            xs[static_cast<size_t>(i)] += double(w[static_cast<size_t>(i)]);
    }
}

void MixedPrecisionFactor::solve_left(Transpose op, const ColMajorView<double> &x) const {
    // The float64 factor is of A as given, so op on S is toggled for a transposed S.
    const MatrixRef xm{Layout::col_major, n_, x.cols, x.ld, x.data};
    const Transpose on_a = transposed_ ? toggled(op) : op;
    if (const Factor *f = full_ready_.load(std::memory_order_acquire)) {
        f->solve(on_a, xm, xm);
        return;
    }
    if (!refine(op, x)) full(Fallback::not_converged).solve(on_a, xm, xm);  // x still holds B
}

// Y op(S)^-1 = (op(S)^-T Y^T)^T: through a column-major copy of Y^T, solved from the left.
void MixedPrecisionFactor::solve_right(Transpose op, const ColMajorView<double> &y) const {
    const index_t k = y.rows;
    std::vector<double> yt(static_cast<size_t>(n_ * k));
    for (index_t j = 0; j < n_; ++j)
        for (index_t i = 0; i < k; ++i) yt[static_cast<size_t>(j + i * n_)] = y(i, j);
    solve_left(toggled(op), {yt.data(), n_, k, n_});
    for (index_t j = 0; j < n_; ++j)
        for (index_t i = 0; i < k; ++i) y(i, j) = yt[static_cast<size_t>(j + i * n_)];
}

void MixedPrecisionFactor::invert_in_place(const ColMajorView<double> &a) const {
    // A^-1 laid out as A was: in column-major memory that is S^-1 either way.
    full(Fallback::query).inverse(as_given(a.data, a.ld));
}

}  // namespace fl
