// The cosine and sine of one Jacobi rotation, for every lane of a pack: shared by the Jacobi
// sweeps on packs in memory (pack_kernels.cpp) and in registers (register_eigh.hpp), so that
// both choose the same rotation and give the same eigenvectors, signs included.
#pragma once

#include <limits>

#include "batched/lanes.hpp"

namespace fl::batched {

template <class T>
struct Rotation {
    Vec<T> c, s;
};

// J = [c s; -s c] in the (p, q) plane such that J^T A J zeroes a_pq, given d = a_qq - a_pp
// and e = 2 a_pq of a lane scaled to max |a_ij| = 1 (so no square overflows). Golub and
// Van Loan's t = sign(tau) / (|tau| + sqrt(1 + tau^2)), tau = d / e (Algorithm 8.5.1), is
// rewritten with h = sqrt(d^2 + e^2) and r = |d| + h as c = r / g, s = sign(d e) |e| / g,
// g = sqrt(r^2 + e^2): two square roots and one division on the dependency chain of the
// sweep instead of two and three. An e below eps^2 gives the identity (a backward error far
// below eps ||A||): its squares could be subnormal, and a subnormal r^2 + e^2 would make
// c^2 + s^2 != 1 and V lose its orthogonality, on lanes that have converged but keep
// sweeping with their pack.
template <class T>
FL_LANE_INLINE Rotation<T> jacobi_rotation(Vec<T> d, Vec<T> e) {
    constexpr T eps = std::numeric_limits<T>::epsilon();
    const Vec<T> r = vabs(d) + vsqrt(d * d + e * e);
    const Vec<T> g = vsqrt(r * r + e * e);
    const auto none = vabs(e) < eps * eps;
    const Vec<T> inv = 1 / (none ? splat<T>(1) : g);
    return {none ? splat<T>(1) : r * inv,
            none ? splat<T>(0) : (d * e >= 0 ? vabs(e) : -vabs(e)) * inv};
}

}  // namespace fl::batched
