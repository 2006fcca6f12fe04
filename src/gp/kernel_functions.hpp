// The radial profiles kappa of the stationary kernels, as functions of the squared distance
// r^2, their slopes dkappa/d(r^2), and the exponential they are built on. Everything here is
// branch-free scalar code written so that GCC vectorises the loops that call it (the
// callers are compiled once per instruction set, see kernel_lines.cpp).
#pragma once

#include <cstdint>
#include <cstring>

#include "core/types.hpp"

namespace fl::kernels {

enum class KernelKind {
    squared_distance,
    gaussian,
    matern12,
    matern32,
    matern52
};

// e^x for x <= 0, within 1 ulp of e^x when the compiler fuses the polynomial's multiply-adds
// (the optimised AVX2 and AVX-512 versions) and 1.06 ulp when it does not (measured against
// expl on 39000 arguments over the whole range, kernel_test.cpp), and exactly 1 at x = 0. Results
// that would be subnormal (x < ln(DBL_MIN) = -708.396...) are flushed to 0: an absolute
// error below 2.3e-308.
//
// Cody-Waite reduction x = n ln2 + t, |t| <= ln2/2, with ln2 split in two so that n ln2_hi
// is exact; e^t by its Taylor polynomial of degree 13 (truncation below 5e-18); 2^n put
// into the exponent field with integer arithmetic. n comes from adding 1.5 * 2^52, which
// rounds x / ln2 to the nearest integer and leaves it in the low bits of the sum.
[[gnu::always_inline]] inline double exp_nonpositive(double x) {
    constexpr double log2e = 1.4426950408889634074;
    constexpr double ln2_hi = 6.93147180369123816490e-01;  // 32 significant bits
    constexpr double ln2_lo = 1.90821492927058770002e-10;
    constexpr double round_shift = 6755399441055744.0;  // 1.5 * 2^52
    constexpr double lowest = -708.39641853226408;      // ln(DBL_MIN): n >= -1022 above
    const double xc = x < lowest ? lowest : x;
    const double shifted = xc * log2e + round_shift;
    std::uint64_t bits;
    std::memcpy(&bits, &shifted, sizeof bits);
    const double n = shifted - round_shift;
    const double t = (xc - n * ln2_hi) - n * ln2_lo;
    double p = 1.0 / 6227020800.0;  // 1/13!
    p = p * t + 1.0 / 479001600.0;
    p = p * t + 1.0 / 39916800.0;
    p = p * t + 1.0 / 3628800.0;
    p = p * t + 1.0 / 362880.0;
    p = p * t + 1.0 / 40320.0;
    p = p * t + 1.0 / 5040.0;
    p = p * t + 1.0 / 720.0;
    p = p * t + 1.0 / 120.0;
    p = p * t + 1.0 / 24.0;
    p = p * t + 1.0 / 6.0;
    p = p * t + 0.5;
    p = p * t + 1.0;
    p = p * t + 1.0;
    // 2^n: the low bits of `bits` hold n (two's complement, modulo 2^52); shifted into the
    // exponent field and added to 1.0's bits they make 2^n, for -1022 <= n <= 0.
    const std::uint64_t scale_bits = (bits << 52) + 0x3ff0000000000000ULL;
    double scale;
    std::memcpy(&scale, &scale_bits, sizeof scale);
    return x < lowest ? 0.0 : p * scale;
}

[[gnu::always_inline]] inline double sqrt_nonnegative(double x) { return __builtin_sqrt(x); }

// s for the polynomial factors of the Matern kernels: s itself while e^-s is not yet flushed
// to 0 (s < 708.4), else capped there. A distance that overflowed to +inf (points far apart
// on a short length-scale), or a finite s whose s^2 overflows, then gives kappa = 0, its
// limit, instead of inf * 0 = NaN.
[[gnu::always_inline]] inline double matern_polynomial_argument(double s) {
    return s < 709.0 ? s : 709.0;
}

// kappa(r) of each kind, taking r^2 >= 0 (the caller clamps round-off). sigma_f^2 is
// applied by the caller.
template <KernelKind K>
[[gnu::always_inline]] inline double kappa(double r2) {
    if constexpr (K == KernelKind::squared_distance) {
        return r2;
    } else if constexpr (K == KernelKind::gaussian) {
        return exp_nonpositive(-0.5 * r2);
    } else if constexpr (K == KernelKind::matern12) {
        return exp_nonpositive(-sqrt_nonnegative(r2));
    } else if constexpr (K == KernelKind::matern32) {
        const double s = sqrt_nonnegative(3.0 * r2);
        return (1.0 + matern_polynomial_argument(s)) * exp_nonpositive(-s);
    } else {
        const double s = sqrt_nonnegative(5.0 * r2);
        const double p = matern_polynomial_argument(s);
        return (1.0 + p + p * p * (1.0 / 3.0)) * exp_nonpositive(-s);
    }
}

// kappa and its slope dkappa/d(r^2) at once (docs/kernels.md derives them):
//   squared distance 1;  Gaussian -kappa/2;  Matern 1/2 -e^-r / (2r), taken as 0 at r = 0;
//   Matern 3/2 -(3/2) e^-s with s = sqrt(3) r;  Matern 5/2 -(5/6)(1 + s) e^-s, s = sqrt(5) r.
struct ValueSlope {
    double value;
    double slope;
};

template <KernelKind K>
[[gnu::always_inline]] inline ValueSlope kappa_and_slope(double r2) {
    if constexpr (K == KernelKind::squared_distance) {
        return {r2, 1.0};
    } else if constexpr (K == KernelKind::gaussian) {
        const double e = exp_nonpositive(-0.5 * r2);
        return {e, -0.5 * e};
    } else if constexpr (K == KernelKind::matern12) {
        // At r = 0 the slope is infinite but multiplies (x - y)(x - y)^T = 0: the pair
        // contributes nothing to any length-scale derivative, so the slope is taken as 0.
        const double r = sqrt_nonnegative(r2);
        const double e = exp_nonpositive(-r);
        return {e, r2 > 0 ? -0.5 * e / (r2 > 0 ? r : 1.0) : 0.0};
    } else if constexpr (K == KernelKind::matern32) {
        const double s = sqrt_nonnegative(3.0 * r2);
        const double e = exp_nonpositive(-s);
        return {(1.0 + matern_polynomial_argument(s)) * e, -1.5 * e};
    } else {
        const double s = sqrt_nonnegative(5.0 * r2);
        const double e = exp_nonpositive(-s);
        const double p = matern_polynomial_argument(s);
        return {(1.0 + p + p * p * (1.0 / 3.0)) * e, -(5.0 / 6.0) * (1.0 + p) * e};
    }
}

}  // namespace fl::kernels
