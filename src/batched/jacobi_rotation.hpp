// The cosine and sine of one Jacobi rotation, for every lane of a pack: shared by the Jacobi
// sweeps on packs in memory (pack_kernels.cpp) and in registers (register_eigh.hpp), so that
// both choose the same rotation and give the same eigenvectors, signs included.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "batched/lanes.hpp"

namespace fl::batched {

template <class T>
struct Rotation {
    Vec<T> c, s;
};

// 1 / sqrt(x) for normal positive x, to about an ulp, without the divider: the bit-pattern
// guess (within 3.5 %) and Newton's steps, each squaring the error.
template <class T>
FL_LANE_INLINE Vec<T> rsqrt_newton(Vec<T> x) {
    using Bits = std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t>;
    typedef Bits BitsVec __attribute__((vector_size(64)));
    constexpr Bits magic = sizeof(T) == 8 ? static_cast<Bits>(0x5fe6eb50c7b537a9LL) : 0x5f3759df;
    BitsVec bits;
    std::memcpy(&bits, &x, sizeof bits);
    bits = magic - (bits >> 1);
    Vec<T> y;
    std::memcpy(&y, &bits, sizeof y);
    const Vec<T> half = x * T(0.5);
    for (int step = 0; step < (sizeof(T) == 8 ? 4 : 3); ++step) y = y * (T(1.5) - half * y * y);
    return y;
}

// J = [c s; -s c] in the (p, q) plane such that J^T A J zeroes a_pq, given d = a_qq - a_pp
// and e = 2 a_pq of a lane scaled to max |a_ij| = 1 (so no square overflows). Golub and
// Van Loan's t = sign(tau) / (|tau| + sqrt(1 + tau^2)), tau = d / e (Algorithm 8.5.1), is
// rewritten with h = sqrt(d^2 + e^2) and r = |d| + h as c = r / g, s = sign(d e) |e| / g,
// g = sqrt(r^2 + e^2), with 1 / g from rsqrt_newton: one square root on the divider, the
// rest on the FMA units (two square roots and a division kept the divider busy, and it
// was the limit: 1e5 3x3 eigh took 6.4 ms that way, 5.5 ms this way). An e below eps^2
// gives the identity (a backward error far below eps ||A||): its squares could be
// subnormal, and a subnormal r^2 + e^2 would make c^2 + s^2 != 1 and V lose its
// orthogonality, on lanes that have converged but keep sweeping with their pack.
template <class T>
FL_LANE_INLINE Rotation<T> jacobi_rotation(Vec<T> d, Vec<T> e) {
    constexpr T eps = std::numeric_limits<T>::epsilon();
    const auto none = vabs(e) < eps * eps;
    const Vec<T> r = vabs(d) + vsqrt(d * d + e * e);
    const Vec<T> inv = rsqrt_newton<T>(none ? splat<T>(1) : r * r + e * e);
    return {none ? splat<T>(1) : r * inv,
            none ? splat<T>(0) : (d * e >= 0 ? vabs(e) : -vabs(e)) * inv};
}

}  // namespace fl::batched
