// Eigenvalues and eigenvectors of P packs of W symmetric matrices of order N <= 4 by cyclic
// Jacobi, with the matrices in registers from the caller's A to the caller's w and V: each
// element vector is loaded lane by lane straight from A and each result stored straight
// into w and V, so no pack is written to memory, gathered or scattered. The rotations are
// those of the pack path (jacobi_rotation.hpp), in the same order, with the same scaling,
// stopping test and sort, so both give the same eigenpairs. Only the triangle a_ij, i <= j,
// is kept: a rotation in the (p, q) plane updates a_pp, a_qq, and a_kp, a_kq once each
// (k != p, q), not the two columns and then the two rows of the full matrix. Included by
// pack_kernels.cpp, which compiles it per instruction set.
#pragma once

#include <algorithm>
#include <limits>

#include "batched/jacobi_rotation.hpp"
#include "batched/lanes.hpp"
#include "batched/pack_kernels.hpp"

namespace fl::batched {

// One pack of symmetric matrices and its eigenvectors, kept in registers.
template <index_t N, class T>
struct RegisterPack {
    Vec<T> a[N][N];  // only a[i][j], i <= j, is used
    Vec<T> v[N][N];
    Vec<T> undo;  // the scale that max |a_ij| = 1 took away
    // Element (i, j) of the symmetric matrix, from the stored triangle.
    FL_LANE_INLINE Vec<T> &at(index_t i, index_t j) { return i <= j ? a[i][j] : a[j][i]; }
};

// A <- J^T A J and V <- V J for the rotation that zeroes a_pq of every lane.
template <index_t N, bool Vectors, class T>
FL_LANE_INLINE void rotate_in_registers(RegisterPack<N, T> &m, index_t p, index_t q) {
    const Vec<T> app = m.a[p][p], aqq = m.a[q][q], apq = m.a[p][q];
    const auto [c, s] = jacobi_rotation<T>(aqq - app, 2 * apq);
    const Vec<T> cc = c * c, ss = s * s, cs = 2 * c * s * apq;
    m.a[p][p] = cc * app + ss * aqq - cs;
    m.a[q][q] = ss * app + cc * aqq + cs;
    m.a[p][q] = splat<T>(0);
    for (index_t k = 0; k < N; ++k) {
        if (k == p || k == q) continue;
        const Vec<T> x = m.at(k, p), y = m.at(k, q);
        m.at(k, p) = c * x - s * y;
        m.at(k, q) = s * x + c * y;
    }
    if constexpr (Vectors)
        for (index_t k = 0; k < N; ++k) {
            const Vec<T> x = m.v[k][p], y = m.v[k][q];
            m.v[k][p] = c * x - s * y;
            m.v[k][q] = s * x + c * y;
        }
}

// Lane by lane, whether the off-diagonal mass is below (eps / 4)^2 of the Frobenius norm
// squared: the stopping test of the pack path (pack_kernels.cpp).
template <index_t N, class T>
FL_LANE_INLINE auto converged(const RegisterPack<N, T> &m) {
    constexpr T eps = std::numeric_limits<T>::epsilon();
    Vec<T> off = splat<T>(0), diag = splat<T>(0);
    for (index_t j = 0; j < N; ++j) {
        diag += m.a[j][j] * m.a[j][j];
        for (index_t i = 0; i < j; ++i) off += m.a[i][j] * m.a[i][j];
    }
    return off <= (eps * eps / 16) * (diag + 2 * off);
}

// Cyclic sweeps over the P packs, rotation by rotation (a rotation is a chain of two square
// roots and a division: the P chains, independent, overlap in the core), until every lane
// has converged; false if some lane has not within the sweep limit. The loops are unrolled,
// so that every index is a constant and the packs stay in registers.
template <index_t N, index_t P, bool Vectors, class T>
FL_LANE_INLINE bool sweep_packs(RegisterPack<N, T> (&m)[P]) {
    constexpr int max_sweeps = 50;
    for (int sweep = 0;; ++sweep) {
        bool all = true;
        for (index_t k = 0; k < P; ++k) {
            const auto done = converged(m[k]);
            for (index_t l = 0; l < lanes<T>; ++l) all = all && done[l] != 0;
        }
        if (all) return true;
        if (sweep == max_sweeps) return false;
#pragma GCC unroll 8
        for (index_t p = 0; p < N - 1; ++p)
#pragma GCC unroll 8
            for (index_t q = p + 1; q < N; ++q)
#pragma GCC unroll 8
                for (index_t k = 0; k < P; ++k) rotate_in_registers<N, Vectors>(m[k], p, q);
    }
}

// Matrices first .. first + P W - 1: w <- eigenvalues ascending, v <- eigenvectors (if v is
// not nullptr), as the pack path would give them. False (w and v untouched) when some lane
// holds NaN/Inf or has not converged within the sweep limit: the caller then runs those
// packs through the pack path, which reports them.
template <index_t N, index_t P, class T>
FL_LANE_INLINE bool eigh_packs_in_registers(const Strided<const T> &a, const Strided<T> &w,
                                            const Strided<T> *v, index_t first) {
    constexpr index_t lw = lanes<T>;
    RegisterPack<N, T> m[P];
    Vec<T> bad = splat<T>(0);
    for (index_t k = 0; k < P; ++k) {
        const T *pa = a.first + (first + k * lw) * a.stride;
        Vec<T> largest = splat<T>(0);
        for (index_t j = 0; j < N; ++j)
            for (index_t i = 0; i <= j; ++i) {
                const Vec<T> x = load_lanes(pa, a.stride, a.offsets[j * N + i]);
                bad += x * 0;  // NaN from NaN or Inf
                largest = vabs(x) > largest ? vabs(x) : largest;
                m[k].a[i][j] = x;
            }
        m[k].undo = largest > std::numeric_limits<T>::min() ? largest : splat<T>(1);
        const Vec<T> scale = 1 / m[k].undo;
        for (index_t j = 0; j < N; ++j) {
            for (index_t i = 0; i <= j; ++i) m[k].a[i][j] *= scale;
            for (index_t i = 0; i < N; ++i) m[k].v[i][j] = splat<T>(i == j ? 1 : 0);
        }
    }
    for (index_t l = 0; l < lw; ++l)
        if (bad[l] != 0) return false;
    if (!(v != nullptr ? sweep_packs<N, P, true>(m) : sweep_packs<N, P, false>(m))) return false;
    for (index_t k = 0; k < P; ++k) {
        RegisterPack<N, T> &mk = m[k];
        // Odd-even transposition sort of the eigenvalues, moving V's columns with them.
        for (index_t round = 0; round < N; ++round)
            for (index_t i = round % 2; i + 1 < N; i += 2) {
                const auto swap = mk.a[i][i] > mk.a[i + 1][i + 1];
                const Vec<T> x = mk.a[i][i], y = mk.a[i + 1][i + 1];
                mk.a[i][i] = swap ? y : x;
                mk.a[i + 1][i + 1] = swap ? x : y;
                for (index_t r = 0; r < N; ++r) {
                    const Vec<T> vp = mk.v[r][i], vq = mk.v[r][i + 1];
                    mk.v[r][i] = swap ? vq : vp;
                    mk.v[r][i + 1] = swap ? vp : vq;
                }
            }
        const index_t at = first + k * lw;
        for (index_t j = 0; j < N; ++j)
            store_lanes(w.first + at * w.stride, w.stride, w.offsets[j], mk.a[j][j] * mk.undo);
        if (v != nullptr)
            for (index_t j = 0; j < N; ++j)
                for (index_t i = 0; i < N; ++i)
                    store_lanes(v->first + at * v->stride, v->stride, v->offsets[j * N + i],
                                mk.v[i][j]);
    }
    return true;
}

// The entry for FL_BY_ORDER (pack_kernels.cpp): N = 0, orders above 4, is not served.
template <index_t N, class T>
FL_LANE_INLINE bool eigh_in_registers(index_t, const Strided<const T> &a, const Strided<T> &w,
                                      const Strided<T> *v, index_t first) {
    if constexpr (N == 0) {
        return false;
    } else {
        return eigh_packs_in_registers<N, register_eigh_packs, T>(a, w, v, first);
    }
}

}  // namespace fl::batched
