// Mixed-precision LU and Cholesky of a float64 A (FL_OPT_PRECISION = FL_PRECISION_MIXED):
// the factor is computed and held in float32, which runs about twice as fast as float64,
// and every solve refines its float32 answer against the float64 A until the backward
// error is float64's, with LAPACK's dsgesv/dsposv rule: stop when every column has
// ||r||_max <= ||x||_max ||op(A)||_inf eps sqrt(n), at most 30 steps. When refinement
// cannot work, the factor falls back to a float64 factorization of A, once, and keeps it:
//  - at creation, when A does not fit float32 or its float32 factorization fails, or when
//    the float32 factor's pivots already show kappa * u_float >= 1/4 (refinement would
//    then need about 25 of its 30 steps, more than a float64 factorization costs);
//  - at a solve whose refinement does not converge, or stops converging (a step that does
//    not halve the scaled residual: then it would not converge in time either); that solve
//    is redone in float64;
//  - at the first logdet, rcond, inverse or part, which are answered from the float64
//    factor so that they are float64's, not float32's.
// fl_factor_get_info reports which (Info::precision, Info::fallback).
//
// The factor holds A itself (float64, as stored S = A or A^T, see square_factor.hpp) for
// the residuals, and the float32 factor beside it: 1.5 times the memory of a float64
// factor, as dsgesv needs too. With FL_OPT_OVERWRITE_A, S is the caller's A (transposed
// in place when row-major, mirrored when symmetric), so the handle adds only the float32
// factor: half of A.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "dense/square_factor.hpp"

namespace fl {

class MixedPrecisionFactor : public SquareFactor<double> {
public:
    LogDet logdet() const override { return full(Fallback::query).logdet(); }
    double rcond() const override { return full(Fallback::query).rcond(); }
    // The update of the float64 factor (a native factor; the kind table says Cholesky has
    // one, so the mixed Cholesky must answer too).
    std::unique_ptr<Factor> rank_update(int sign, const MatrixRef &v) const override {
        return full(Fallback::query).rank_update(sign, v);
    }
    // Parts (L, U, permutations) are read from the float64 factor, as logdet and rcond are:
    // a float32 L would be float32's answer in float64's dtype.
    std::pair<index_t, index_t> part_shape(Part part) const override {
        return full(Fallback::query).part_shape(part);
    }
    void get_part(Part part, const MatrixRef &out) const override {
        full(Fallback::query).get_part(part, out);
    }
    void get_indices(Part part, std::int64_t *out) const override {
        full(Fallback::query).get_indices(part, out);
    }
    index_t info(Info what) const override;

protected:
    // Copies a (float64, validated) in and, in the same pass, rounds it to the float32 copy
    // that factor() factors; `triangle` is the stored triangle a symmetric kind reads (and
    // the only part checked for NaN/Inf and float32 range). A symmetric S is then mirrored
    // to full storage, so that the residuals are dgemm's, not dsymm's (dsposv's choice,
    // which runs at about 60% of dgemm's speed on this n-by-n times n-by-k shape).
    MixedPrecisionFactor(const MatrixRef &a, const FactorOptions &options,
                         std::optional<Triangle> triangle);

    // The subclass constructor's last step: the float32 factor, or the fallback.
    void factor();

    // The float32 factorization of low_ in place: false if it broke down (exact zero pivot,
    // not positive definite in float32). Runs inside the serial-region policy of factor().
    virtual bool factor_low() = 0;
    // X <- op(S_low)^-1 X in float32, X n-by-k column-major with ld n.
    virtual void solve_low(Transpose op, float *x, index_t k) const = 0;
    // The float64 factor of A (as_given over the stored S), with these options.
    virtual std::unique_ptr<Factor> make_full(const MatrixRef &s,
                                              const FactorOptions &options) const = 0;

    const FactorOptions options_;
    const std::optional<Triangle> triangle_;
    std::unique_ptr<float[]>
        low_;  // the float32 factor (n-by-n, ld n); empty after a fallback at creation

private:
    // What the constructor takes from each column of A while SquareFactor copies it.
    struct Intake;
    MixedPrecisionFactor(const MatrixRef &a, const FactorOptions &options,
                         std::optional<Triangle> triangle, Intake &&intake);

    void solve_left(Transpose op, const ColMajorView<double> &x) const final;
    void solve_right(Transpose op, const ColMajorView<double> &y) const final;
    void invert_in_place(const ColMajorView<double> &a) const final;

    // max|d_i| / min|d_i| of the float32 factor's diagonal, squared for Cholesky: a free
    // stand-in for its condition number.
    double pivot_spread() const;
    // Refines X (holding B on entry) to float64 accuracy; false if it did not converge.
    bool refine(Transpose op, const ColMajorView<double> &x) const;
    // n-by-n column-major memory (data, ld) seen as A was given: row-major when S = A^T, so
    // that the float64 factor's rcond is A's 1-norm estimate as a native factor's is.
    MatrixRef as_given(double *data, index_t ld) const {
        return {transposed_ ? Layout::row_major : Layout::col_major, n_, n_, ld, data};
    }
    // The float64 factor, made on first need (under a mutex) with `reason` recorded; with
    // `in_place` (at creation only) it factors S where it lies instead of a copy of it.
    const Factor &full(Fallback reason, bool in_place = false) const;

    double norm_inf_ = 0;      // ||S||_inf (anorm_ is ||S||_1)
    bool fits_float_ = false;  // every value read is within float32's range
    mutable std::mutex full_mutex_;
    mutable std::unique_ptr<Factor> full_;
    mutable std::atomic<const Factor *> full_ready_{nullptr};
    mutable std::atomic<int> fallback_{static_cast<int>(Fallback::none)};
    mutable std::atomic<int> most_steps_{0};
};

// The FL_PRECISION_MIXED kinds (a float64 A validated for them).
std::unique_ptr<Factor> make_mixed_lu(const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_mixed_cholesky(const MatrixRef &a, const FactorOptions &options);

}  // namespace fl
