// The inverse of W matrices of order 1 to 4 by cofactors, X = adj(A) / det(A), read from
// the caller's memory into registers (one lane per matrix) and written straight back, with
// no pack in between. Included by pack_kernels.cpp, which compiles it per instruction set.
//
// When it is used (docs/batched.md, "Inverses of orders 1 to 4"): a cofactor inverse is as
// accurate as LU's only while the cofactors do not cancel. Each cofactor carries a rounding
// error of about eps m^(n-1), m = max |a_ij|, so ||I - A X|| / (||A|| ||X|| n eps) grows
// like m^(n-1) / max |C_ij| (for n = 3, sigma_1 / sigma_2); and the determinant's own error,
// about (n + 1) n! eps m^n, hides an exact zero that LU's pivots would report. A pack takes
// this route only if every lane has
//     m^(n-1) <= 16 max |C_ij|                        (residual about 1 where LU's is 0.2)
//     |det| > 2 (n + 1) n! eps m^n >= smallest normal  (det is not rounding noise; no
//                                                       subnormals, no overflow in 1 / det)
// which is false for NaN and Inf; otherwise the pack is factored by LU as before, so
// singular and non-finite matrices keep LU's outcome and NaN outputs.
#pragma once

#include <limits>

#include "batched/lanes.hpp"
#include "batched/pack_kernels.hpp"

namespace fl::batched {

// The determinant of the K-by-K submatrix of m on rows r[0..K) and columns c[0..K),
// expanded along its first row. N <= 4, so this unrolls into straight-line code; the 2-by-2
// minors that several cofactors share are the same expressions, computed once.
template <index_t K, index_t N, class T>
FL_LANE_INLINE Vec<T> minor_det(const Vec<T> (&m)[N][N], const index_t *r, const index_t *c) {
    if constexpr (K == 0) {
        return splat<T>(1);
    } else if constexpr (K == 1) {
        return m[r[0]][c[0]];
    } else {
        Vec<T> d = splat<T>(0);
        for (index_t k = 0; k < K; ++k) {
            index_t rest[K > 1 ? K - 1 : 1];
            for (index_t j = 0, o = 0; j < K; ++j)
                if (j != k) rest[o++] = c[j];
            const Vec<T> term = m[r[0]][c[k]] * minor_det<K - 1, N, T>(m, r + 1, rest);
            d = k % 2 == 0 ? d + term : d - term;
        }
        return d;
    }
}

// Lane by lane, the larger of x and y.
template <class T>
FL_LANE_INLINE Vec<T> vmax(Vec<T> x, Vec<T> y) {
    return x > y ? x : y;
}

template <index_t N, class T>
FL_LANE_INLINE bool invert_by_cofactors(const Strided<const T> &a, const Strided<T> &x,
                                        index_t first) {
    const T *pa = a.first + first * a.stride;
    T *px = x.first + first * x.stride;
    Vec<T> m[N][N], c[N][N];
    Vec<T> largest = splat<T>(0), largest_c = splat<T>(0);
    for (index_t j = 0; j < N; ++j)
        for (index_t i = 0; i < N; ++i) {
            m[i][j] = load_lanes(pa, a.stride, a.offsets[j * N + i]);
            largest = vmax<T>(largest, vabs(m[i][j]));
        }
    for (index_t i = 0; i < N; ++i)
        for (index_t j = 0; j < N; ++j) {
            index_t rows[N], cols[N];
            for (index_t k = 0, ro = 0, co = 0; k < N; ++k) {
                if (k != i) rows[ro++] = k;
                if (k != j) cols[co++] = k;
            }
            const Vec<T> minor = minor_det<N - 1, N, T>(m, rows, cols);
            c[i][j] = (i + j) % 2 == 0 ? minor : -minor;
            largest_c = vmax<T>(largest_c, vabs(c[i][j]));
        }
    Vec<T> det = splat<T>(0), power = splat<T>(1);  // power: largest^(N-1)
    for (index_t j = 0; j < N; ++j) det += m[0][j] * c[0][j];
    for (index_t k = 1; k < N; ++k) power *= largest;
    index_t factorial = 1;
    for (index_t k = 2; k <= N; ++k) factorial *= k;
    constexpr T eps = std::numeric_limits<T>::epsilon();
    const Vec<T> noise = static_cast<T>(2 * (N + 1) * factorial) * eps * (power * largest);
    const auto ok = (power <= 16 * largest_c) & (vabs(det) > noise) &
                    (noise >= std::numeric_limits<T>::min()) &
                    (noise <= std::numeric_limits<T>::max());
    for (index_t l = 0; l < lanes<T>; ++l)
        if (ok[l] == 0) return false;
    const Vec<T> r = 1 / det;
    for (index_t j = 0; j < N; ++j)
        for (index_t i = 0; i < N; ++i)
            store_lanes(px, x.stride, x.offsets[j * N + i], c[j][i] * r);
    return true;
}

// The entry for FL_BY_ORDER (pack_kernels.cpp): N = 0, orders above 4, is not served.
template <index_t N, class T>
FL_LANE_INLINE bool cofactor_inverse(index_t, const Strided<const T> &a, const Strided<T> &x,
                                     index_t first) {
    if constexpr (N == 0) {
        return false;
    } else {
        return invert_by_cofactors<N>(a, x, first);
    }
}

}  // namespace fl::batched
