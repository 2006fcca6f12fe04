#include "dense/blocked_lu.hpp"

#include <algorithm>
#include <cmath>

#include "batched/lanes.hpp"
#include "core/instruction_set.hpp"
#include "dense/small_lu.hpp"

namespace fl::blocked_lu {
namespace {

using batched::lanes;
using batched::load;
using batched::store;
using batched::vabs;
using batched::Vec;

// Columns factored per panel. The trailing update then does `panel` multiply-adds per
// element it loads and stores; 4 measured faster than 8 and 16 from n = 16 to 256 (the
// panel's own rank-1 steps grow with it).
constexpr index_t panel = 4;
// The trailing update's register block: `block_rows` vectors of rows by `block_cols`
// columns, 8 accumulators (16 rows by 4 columns of doubles), enough to hide the FMA latency.
constexpr index_t block_rows = 2, block_cols = 4;

// The first i < m of largest |x_i|, i?amax's rule; 0 when nothing compares (all NaN).
template <class T>
FL_LANE_INLINE index_t first_largest(index_t m, const T *x) {
    constexpr index_t w = lanes<T>;
    T best = 0;
    index_t i = 0;
    if (m >= w) {
        Vec<T> most = vabs(load(x));
        for (i = w; i + w <= m; i += w) {
            const Vec<T> v = vabs(load(x + i));
            most = v > most ? v : most;
        }
        for (index_t l = 0; l < w; ++l) best = std::max(best, most[l]);
    }
    for (; i < m; ++i) best = std::max(best, std::fabs(x[i]));
    for (index_t r = 0; r < m; ++r)
        if (std::fabs(x[r]) == best) return r;
    return 0;
}

// getf2 on columns j0 .. j0 + nb - 1 from row j0 down; each interchange swaps whole rows.
// Returns the first exactly zero pivot (1-based) or 0.
template <class T>
FL_LANE_INLINE lapack_int factor_panel(index_t n, T *a, index_t ld, lapack_int *ipiv, index_t j0,
                                       index_t nb) {
    lapack_int info = 0;
    for (index_t j = j0; j < j0 + nb; ++j)
        small_lu::eliminate(n, a, ld, ipiv, j, j + first_largest(n - j, a + j * ld + j), j0 + nb,
                            info);
    return info;
}

// Rows [i, i + R w) of the C columns at t (ld apart) <- themselves minus l u, where l is
// that row range of the panel's `panel` columns and u rows j0.. of each column (U12).
template <index_t C, index_t R, class T>
FL_LANE_INLINE void update_block(const T *l, index_t ld, index_t j0, T *t, index_t i) {
    constexpr index_t w = lanes<T>;
    Vec<T> x[C][R];
    for (index_t c = 0; c < C; ++c)
        for (index_t r = 0; r < R; ++r) x[c][r] = load(t + c * ld + i + r * w);
    for (index_t k = 0; k < panel; ++k) {
        Vec<T> lk[R];
        for (index_t r = 0; r < R; ++r) lk[r] = load(l + k * ld + i + r * w);
        for (index_t c = 0; c < C; ++c) {
            const T u = t[c * ld + j0 + k];
            for (index_t r = 0; r < R; ++r) x[c][r] -= lk[r] * u;
        }
    }
    for (index_t c = 0; c < C; ++c)
        for (index_t r = 0; r < R; ++r) store(t + c * ld + i + r * w, x[c][r]);
}

// Rows `from` .. n - 1 of the C columns at t, by register blocks, then element by element.
template <index_t C, class T>
FL_LANE_INLINE void update_columns(index_t n, const T *l, index_t ld, index_t j0, T *t,
                                   index_t from) {
    constexpr index_t w = lanes<T>;
    index_t i = from;
    for (; i + block_rows * w <= n; i += block_rows * w)
        update_block<C, block_rows>(l, ld, j0, t, i);
    for (; i + w <= n; i += w) update_block<C, 1>(l, ld, j0, t, i);
    for (; i < n; ++i)
        for (index_t c = 0; c < C; ++c) {
            T s = t[c * ld + i];
            for (index_t k = 0; k < panel; ++k) s -= l[k * ld + i] * t[c * ld + j0 + k];
            t[c * ld + i] = s;
        }
}

template <class T>
FL_LANE_INLINE lapack_int blocked(index_t n, T *a, index_t ld, lapack_int *ipiv) {
    lapack_int info = 0;
    for (index_t j0 = 0; j0 < n; j0 += panel) {
        const index_t nb = std::min(panel, n - j0), rest = j0 + nb;
        const lapack_int zero = factor_panel(n, a, ld, ipiv, j0, nb);
        if (info == 0) info = zero;
        if (rest == n) break;  // only the last panel is narrower, and nothing follows it
        // U12 <- L11^-1 A12 (L11 unit lower, panel by panel).
        for (index_t c = rest; c < n; ++c) {
            T *const t = a + c * ld;
            for (index_t k = j0; k < rest; ++k)
                for (index_t i = k + 1; i < rest; ++i) t[i] -= a[i + k * ld] * t[k];
        }
        // A22 <- A22 - L21 U12.
        const T *const l = a + j0 * ld;
        index_t c = rest;
        for (; c + block_cols <= n; c += block_cols)
            update_columns<block_cols>(n, l, ld, j0, a + c * ld, rest);
        for (; c < n; ++c) update_columns<1>(n, l, ld, j0, a + c * ld, rest);
    }
    return info;
}

template <class T>
using Kernel = lapack_int (*)(index_t, T *, index_t, lapack_int *);

#define FL_DEFINE_BLOCKED_LU(isa, target)                                     \
    namespace isa {                                                           \
    template <class T>                                                        \
    target lapack_int factor(index_t n, T *a, index_t ld, lapack_int *ipiv) { \
        return blocked(n, a, ld, ipiv);                                       \
    }                                                                         \
    }

#if defined(__x86_64__) && defined(__GNUC__)
FL_DEFINE_BLOCKED_LU(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma"))))
FL_DEFINE_BLOCKED_LU(avx2, __attribute__((target("avx2,fma"))))
#endif
FL_DEFINE_BLOCKED_LU(baseline, )

template <class T>
Kernel<T> chosen() {
    static const Kernel<T> kernel = [] {
#if defined(__x86_64__) && defined(__GNUC__)
        if (best_instruction_set() == InstructionSet::avx512) return &avx512::factor<T>;
        if (best_instruction_set() == InstructionSet::avx2) return &avx2::factor<T>;
#endif
        return &baseline::factor<T>;
    }();
    return kernel;
}

}  // namespace

template <class T>
lapack_int factor(index_t n, T *a, index_t ld, lapack_int *ipiv) {
    return chosen<T>()(n, a, ld, ipiv);
}

template lapack_int factor<float>(index_t, float *, index_t, lapack_int *);
template lapack_int factor<double>(index_t, double *, index_t, lapack_int *);

}  // namespace fl::blocked_lu
