#include "batched/pack_kernels.hpp"

#include <cstring>
#include <limits>

#include "batched/cofactors.hpp"
#include "batched/jacobi_rotation.hpp"
#include "batched/lanes.hpp"
#include "batched/register_eigh.hpp"
#include "core/instruction_set.hpp"

// Each kernel is written once as a template on the order N (N = 0: the order comes at run
// time) and compiled per instruction set by FL_DEFINE_PACK_KERNELS below. The orders 1 to 4
// get their own copies, whose loops unroll completely so the pack stays in registers.
namespace fl::batched {
namespace {

template <class T>
constexpr index_t W = lanes<T>;

// Element (i, j) of an n-row pack.
template <class T>
FL_LANE_INLINE T *at(T *p, index_t n, index_t i, index_t j) {
    return p + (j * n + i) * W<T>;
}
template <class T>
FL_LANE_INLINE const T *at(const T *p, index_t n, index_t i, index_t j) {
    return p + (j * n + i) * W<T>;
}

// Swaps row k with row piv[l] of lane l in every column of the n-by-cols pack p. Fixed small
// orders blend whole vectors (no memory round trip); larger ones swap lane by lane, which
// touches only the rows that move.
template <index_t N, class T>
FL_LANE_INLINE void swap_rows(index_t n, T *p, index_t cols, index_t k, const T *piv) {
    if constexpr (N > 0) {
        const Vec<T> target = load(piv);
        for (index_t i = k + 1; i < N; ++i) {
            const auto moves = target == splat(static_cast<T>(i));
            for (index_t j = 0; j < cols; ++j) {
                const Vec<T> x = load(at(p, n, k, j)), y = load(at(p, n, i, j));
                store(at(p, n, k, j), moves ? y : x);
                store(at(p, n, i, j), moves ? x : y);
            }
        }
    } else {
        for (index_t l = 0; l < W<T>; ++l) {
            const auto r = static_cast<index_t>(piv[l]);
            if (r == k) continue;
            for (index_t j = 0; j < cols; ++j) std::swap(at(p, n, k, j)[l], at(p, n, r, j)[l]);
        }
    }
}

template <index_t N, class T>
FL_LANE_INLINE void lu(index_t order, T *a, T *piv, T *singular) {
    const index_t n = N > 0 ? N : order;
    Vec<T> zero_pivot = splat<T>(0);
    for (index_t k = 0; k < n; ++k) {
        Vec<T> best = vabs(load(at(a, n, k, k))), row = splat(static_cast<T>(k));
        for (index_t i = k + 1; i < n; ++i) {
            const Vec<T> v = vabs(load(at(a, n, i, k)));
            const auto larger = v > best;
            best = larger ? v : best;
            row = larger ? splat(static_cast<T>(i)) : row;
        }
        store(piv + k * W<T>, row);
        swap_rows<N>(n, a, n, k, piv + k * W<T>);
        const Vec<T> d = load(at(a, n, k, k));
        zero_pivot = d == 0 ? splat<T>(1) : zero_pivot;
        const Vec<T> r = 1 / d;
        for (index_t i = k + 1; i < n; ++i) store(at(a, n, i, k), load(at(a, n, i, k)) * r);
        for (index_t j = k + 1; j < n; ++j) {
            const Vec<T> u = load(at(a, n, k, j));
            for (index_t i = k + 1; i < n; ++i)
                store(at(a, n, i, j), load(at(a, n, i, j)) - load(at(a, n, i, k)) * u);
        }
    }
    store(singular, zero_pivot);
}

// Back substitution with the upper triangle of a (unit = false) or forward substitution
// with its unit lower triangle, column by column of the n-by-k pack b.
template <index_t N, class T>
FL_LANE_INLINE void solve_upper(index_t n, const T *a, index_t k, T *b) {
    for (index_t c = n - 1; c >= 0; --c) {
        const Vec<T> r = 1 / load(at(a, n, c, c));
        for (index_t j = 0; j < k; ++j) {
            const Vec<T> x = load(at(b, n, c, j)) * r;
            store(at(b, n, c, j), x);
            for (index_t i = 0; i < c; ++i)
                store(at(b, n, i, j), load(at(b, n, i, j)) - load(at(a, n, i, c)) * x);
        }
    }
}

template <index_t N, class T>
FL_LANE_INLINE void lu_solve(index_t order, const T *a, const T *piv, index_t k, T *b) {
    const index_t n = N > 0 ? N : order;
    for (index_t c = 0; c < n; ++c) swap_rows<N>(n, b, k, c, piv + c * W<T>);
    for (index_t c = 0; c < n; ++c)
        for (index_t j = 0; j < k; ++j) {
            const Vec<T> x = load(at(b, n, c, j));
            for (index_t i = c + 1; i < n; ++i)
                store(at(b, n, i, j), load(at(b, n, i, j)) - load(at(a, n, i, c)) * x);
        }
    solve_upper<N>(n, a, k, b);
}

template <index_t N, class T>
FL_LANE_INLINE void cholesky(index_t order, T *a, T *failed) {
    const index_t n = N > 0 ? N : order;
    Vec<T> bad = splat<T>(0);
    for (index_t k = 0; k < n; ++k) {
        const Vec<T> d = load(at(a, n, k, k));
        const auto positive = d > 0;  // false for NaN too
        bad = positive ? bad : splat<T>(1);
        const Vec<T> s = vsqrt(positive ? d : splat<T>(1));
        store(at(a, n, k, k), s);
        const Vec<T> r = 1 / s;
        for (index_t i = k + 1; i < n; ++i) store(at(a, n, i, k), load(at(a, n, i, k)) * r);
        for (index_t j = k + 1; j < n; ++j) {
            const Vec<T> u = load(at(a, n, j, k));
            for (index_t i = j; i < n; ++i)
                store(at(a, n, i, j), load(at(a, n, i, j)) - load(at(a, n, i, k)) * u);
        }
    }
    store(failed, bad);
}

template <index_t N, class T>
FL_LANE_INLINE void cholesky_solve(index_t order, const T *a, index_t k, T *b) {
    const index_t n = N > 0 ? N : order;
    for (index_t c = 0; c < n; ++c) {
        const Vec<T> r = 1 / load(at(a, n, c, c));
        for (index_t j = 0; j < k; ++j) {
            const Vec<T> x = load(at(b, n, c, j)) * r;
            store(at(b, n, c, j), x);
            for (index_t i = c + 1; i < n; ++i)
                store(at(b, n, i, j), load(at(b, n, i, j)) - load(at(a, n, i, c)) * x);
        }
    }
    // L^T x = y: row c of L^T is column c of L.
    for (index_t c = n - 1; c >= 0; --c) {
        const Vec<T> r = 1 / load(at(a, n, c, c));
        for (index_t j = 0; j < k; ++j) {
            Vec<T> x = load(at(b, n, c, j));
            for (index_t i = c + 1; i < n; ++i) x -= load(at(a, n, i, c)) * load(at(b, n, i, j));
            store(at(b, n, c, j), x * r);
        }
    }
}

// One Jacobi rotation J (jacobi_rotation.hpp) in the (p, q) plane that zeroes a(p, q) of
// every lane, applied as A <- J^T A J and V <- V J.
template <class T>
FL_LANE_INLINE void rotate(index_t n, T *a, T *v, index_t p, index_t q) {
    const auto [c, s] =
        jacobi_rotation<T>(load(at(a, n, q, q)) - load(at(a, n, p, p)), 2 * load(at(a, n, p, q)));
    for (index_t k = 0; k < n; ++k) {
        const Vec<T> x = load(at(a, n, k, p)), y = load(at(a, n, k, q));
        store(at(a, n, k, p), c * x - s * y);
        store(at(a, n, k, q), s * x + c * y);
    }
    for (index_t k = 0; k < n; ++k) {
        const Vec<T> x = load(at(a, n, p, k)), y = load(at(a, n, q, k));
        store(at(a, n, p, k), c * x - s * y);
        store(at(a, n, q, k), s * x + c * y);
    }
    store(at(a, n, p, q), splat<T>(0));
    store(at(a, n, q, p), splat<T>(0));
    for (index_t k = 0; k < n; ++k) {
        const Vec<T> x = load(at(v, n, k, p)), y = load(at(v, n, k, q));
        store(at(v, n, k, p), c * x - s * y);
        store(at(v, n, k, q), s * x + c * y);
    }
}

// Scales every lane of the n-by-n pack a to max |a_ij| = 1 (lanes of zeros, or too tiny to
// invert, stay as they are) and returns the factors that undo it.
template <class T>
FL_LANE_INLINE Vec<T> scale_to_one(index_t n, T *a) {
    Vec<T> largest = splat<T>(0);
    for (index_t e = 0; e < n * n; ++e) {
        const Vec<T> x = vabs(load(a + e * W<T>));
        largest = x > largest ? x : largest;
    }
    const Vec<T> undo = largest > std::numeric_limits<T>::min() ? largest : splat<T>(1);
    const Vec<T> scale = 1 / undo;
    for (index_t e = 0; e < n * n; ++e) store(a + e * W<T>, load(a + e * W<T>) * scale);
    return undo;
}

// Sorts every lane's diagonal of a ascending, moving v's columns with it (odd-even
// transposition: n rounds of compare-exchanges of neighbours).
template <class T>
FL_LANE_INLINE void sort_eigenpairs(index_t n, T *a, T *v) {
    for (index_t round = 0; round < n; ++round)
        for (index_t i = round % 2; i + 1 < n; i += 2) {
            const Vec<T> x = load(at(a, n, i, i)), y = load(at(a, n, i + 1, i + 1));
            const auto swap = x > y;
            store(at(a, n, i, i), swap ? y : x);
            store(at(a, n, i + 1, i + 1), swap ? x : y);
            for (index_t k = 0; k < n; ++k) {
                const Vec<T> p = load(at(v, n, k, i)), q = load(at(v, n, k, i + 1));
                store(at(v, n, k, i), swap ? q : p);
                store(at(v, n, k, i + 1), swap ? p : q);
            }
        }
}

// Cyclic sweeps until every lane's off-diagonal mass is below (eps / 4)^2 of its Frobenius
// norm squared (convergence is quadratic: a few sweeps for small n); then the eigenvalues,
// unscaled and ascending, are a's diagonal and v holds the eigenvectors. P packs (a, v and
// failed each hold P consecutive ones) sweep together: a rotation is a chain of two square
// roots and a division, so the P chains, independent, overlap in the core.
template <index_t N, index_t P, class T>
FL_LANE_INLINE void jacobi_packs(index_t order, T *a, T *v, T *failed) {
    const index_t n = N > 0 ? N : order, size = n * n * W<T>;
    constexpr int max_sweeps = 50;
    constexpr T eps = std::numeric_limits<T>::epsilon();
    Vec<T> undo[P], done[P];
    for (index_t k = 0; k < P; ++k) {
        for (index_t j = 0; j < n; ++j)
            for (index_t i = 0; i < n; ++i)
                store(at(v + k * size, n, i, j), splat<T>(i == j ? 1 : 0));
        undo[k] = scale_to_one(n, a + k * size);
    }
    for (int sweep = 0; sweep <= max_sweeps; ++sweep) {
        bool all = true;
        for (index_t k = 0; k < P; ++k) {
            Vec<T> off = splat<T>(0), diag = splat<T>(0);
            for (index_t j = 0; j < n; ++j) {
                const Vec<T> d = load(at(a + k * size, n, j, j));
                diag += d * d;
                for (index_t i = 0; i < j; ++i) {
                    const Vec<T> x = load(at(a + k * size, n, i, j));
                    off += x * x;
                }
            }
            done[k] = off <= (eps * eps / 16) * (diag + 2 * off) ? splat<T>(1) : splat<T>(0);
            for (index_t l = 0; l < W<T>; ++l) all = all && done[k][l] != 0;
        }
        if (all || sweep == max_sweeps) break;
        for (index_t p = 0; p < n - 1; ++p)
            for (index_t q = p + 1; q < n; ++q)
                for (index_t k = 0; k < P; ++k) rotate(n, a + k * size, v + k * size, p, q);
    }
    for (index_t k = 0; k < P; ++k) {
        T *ak = a + k * size;
        for (index_t j = 0; j < n; ++j) store(at(ak, n, j, j), load(at(ak, n, j, j)) * undo[k]);
        sort_eigenpairs(n, ak, v + k * size);
        store(failed + k * W<T>, 1 - done[k]);
    }
}

template <index_t N, class T>
FL_LANE_INLINE void jacobi(index_t order, T *a, T *v, T *failed, index_t packs) {
    if (packs == 2) return jacobi_packs<N, 2>(order, a, v, failed);
    jacobi_packs<N, 1>(order, a, v, failed);
}

template <class T>
FL_LANE_INLINE void non_finite(index_t length, const T *p, T *bad) {
    Vec<T> acc = splat<T>(0);
    for (index_t e = 0; e < length; ++e) acc += load(p + e * W<T>) * 0;  // NaN from NaN or Inf
    store(bad, acc == 0 ? splat<T>(0) : splat<T>(1));
}

template <class T>
FL_LANE_INLINE void gather(index_t elements, const Strided<const T> &s, index_t first, T *p) {
    const T *m = s.first + first * s.stride;
    for (index_t e = 0; e < elements; ++e)
        store(p + e * W<T>, load_lanes(m, s.stride, s.offsets[e]));
}

// True when every lane's flag is zero.
template <class T>
FL_LANE_INLINE bool none_set(const T *flags) {
    for (index_t l = 0; l < W<T>; ++l)
        if (flags[l] != 0) return false;
    return true;
}

// The pack pa <- W matrices of order N from the caller's a; false when some lane has NaN/Inf.
template <index_t N, class T>
FL_LANE_INLINE bool load_finite(const Strided<const T> &a, index_t first, T *pa) {
    alignas(64) T bad[W<T>];
    Vec<T> acc = splat<T>(0);
    for (index_t e = 0; e < N * N; ++e) {
        const Vec<T> v = load_lanes(a.first + first * a.stride, a.stride, a.offsets[e]);
        acc += v * 0;  // NaN from NaN or Inf
        store(pa + e * W<T>, v);
    }
    store(bad, acc);
    return none_set(bad);
}

// The pack pa <- W matrices of order N from the caller's a, factored by lu in place. False
// when some lane has NaN/Inf or a zero pivot: the caller then runs that pack through the
// pack path, which reports them.
template <index_t N, class T>
FL_LANE_INLINE bool lu_in_registers(const Strided<const T> &a, index_t first, T *pa, T *piv) {
    alignas(64) T singular[W<T>];
    if (!load_finite<N>(a, first, pa)) return false;
    lu<N>(N, pa, piv, singular);
    return none_set(singular);
}

// L (zeros above the diagonal) of W matrices of order N <= 4, read from the caller's a (the
// offsets of one triangle) and written to l's, by cholesky on a pack in registers. False
// (l untouched) when some lane has NaN/Inf or a pivot that is not positive: the caller then
// runs the pack through the pack path, which reports them.
template <index_t N, class T>
FL_LANE_INLINE bool cholesky_in_registers(index_t, const Strided<const T> &a, const Strided<T> &l,
                                          index_t first) {
    if constexpr (N == 0) {
        return false;
    } else {
        alignas(64) T pa[N * N * W<T>], failed[W<T>];
        if (!load_finite<N>(a, first, pa)) return false;
        cholesky<N>(N, pa, failed);
        if (!none_set(failed)) return false;
        for (index_t j = 0; j < N; ++j)
            for (index_t i = 0; i < N; ++i)
                store_lanes(l.first + first * l.stride, l.stride, l.offsets[j * N + i],
                            i >= j ? load(at(pa, N, i, j)) : splat<T>(0));
        return true;
    }
}

// X <- A^-1 B for W matrices of order N <= 4 and k <= N right-hand sides, read from and
// written to the caller's memory, by the same lu and lu_solve as the packs, on a pack that
// lives in registers. False (x untouched) as lu_in_registers.
template <index_t N, class T>
FL_LANE_INLINE bool solve_in_registers(index_t, const Strided<const T> &a,
                                       const Strided<const T> &b, const Strided<T> &x, index_t k,
                                       index_t first) {
    if constexpr (N == 0) {
        return false;
    } else {
        if (k > N) return false;
        alignas(64) T pa[N * N * W<T>], piv[N * W<T>], pb[N * N * W<T>];
        if (!lu_in_registers<N>(a, first, pa, piv)) return false;
        for (index_t e = 0; e < N * k; ++e)
            store(pb + e * W<T>, load_lanes(b.first + first * b.stride, b.stride, b.offsets[e]));
        lu_solve<N>(N, pa, piv, k, pb);
        for (index_t e = 0; e < N * k; ++e)
            store_lanes(x.first + first * x.stride, x.stride, x.offsets[e], load(pb + e * W<T>));
        return true;
    }
}

// x[l] <- log x[l] for 8 normal positive doubles, within a few ulps: x = 2^k m with m
// in [sqrt(1/2), sqrt(2)), and log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| < 0.172, by
// its series up to s^23 (the next term is below 1e-17 of the sum).
FL_LANE_INLINE void log_lanes(double *x) {
    typedef long Bits __attribute__((vector_size(64)));  // the mask type of Vec<double>
    Bits bits;
    std::memcpy(&bits, x, sizeof bits);
    const Bits mantissa_bits = (bits & 0x000fffffffffffffL) | 0x3ff0000000000000L;
    Vec<double> m;
    std::memcpy(&m, &mantissa_bits, sizeof m);
    const Bits high = m > 1.4142135623730951;  // -1 where true
    m = high ? m * 0.5 : m;
    const Vec<double> k =
        __builtin_convertvector(((bits >> 52) & 0x7ff) - 1023 - high, Vec<double>);
    const Vec<double> s = (m - 1) / (m + 1), s2 = s * s;
    Vec<double> series = splat(1.0 / 23);
    for (int j = 21; j >= 1; j -= 2) series = series * s2 + 1.0 / j;
    // ln 2 split so that k * ln2_high is exact.
    constexpr double ln2_high = 0.693147180369123816490, ln2_low = 1.90821492927058770002e-10;
    store(x, k * ln2_high + (k * ln2_low + 2 * s * series));
}

// The 8 values at p as doubles.
template <class T>
FL_LANE_INLINE Vec<double> widen(const T *p) {
    typedef T Eight __attribute__((vector_size(8 * sizeof(T))));
    Eight v;
    std::memcpy(&v, p, sizeof v);
    return __builtin_convertvector(v, Vec<double>);
}

// sign[first + l] and logabsdet[first + l] (either may be nullptr) for W matrices of order
// N <= 4 in the caller's memory: lu in registers, then the product of U's diagonal in
// double and its log, 8 lanes per vector, as pack_logdets does lane by lane. False (nothing
// written) as lu_in_registers, or when a product is outside the one-log range of
// determinants.hpp: the pack path then reports or sums those term by term.
template <index_t N, class T>
FL_LANE_INLINE bool logdet_in_registers(index_t, const Strided<const T> &a, index_t first,
                                        double *sign, double *logabsdet) {
    if constexpr (N == 0) {
        return false;
    } else {
        alignas(64) T pa[N * N * W<T>], piv[N * W<T>], diag[N][W<T>], flips[W<T>];
        if (!lu_in_registers<N>(a, first, pa, piv)) return false;
        Vec<T> f = splat<T>(1);
        for (index_t k = 0; k < N; ++k) {
            f = load(piv + k * W<T>) == static_cast<T>(k) ? f : -f;  // each row swap flips
            store(diag[k], load(at(pa, N, k, k)));
        }
        store(flips, f);
        alignas(64) double signs[W<T>], logs[W<T>];
        for (index_t h = 0; h < W<T>; h += 8) {
            Vec<double> product = widen(diag[0] + h);
            for (index_t k = 1; k < N; ++k) product *= widen(diag[k] + h);
            const Vec<double> magnitude = vabs(product), flip = widen(flips + h);
            for (index_t l = 0; l < 8; ++l)
                if (!(magnitude[l] > 1e-300 && magnitude[l] < 1e300)) return false;
            store(signs + h, product < 0 ? -flip : flip);
            store(logs + h, magnitude);
            log_lanes(logs + h);
        }
        if (sign != nullptr) std::memcpy(sign + first, signs, sizeof signs);
        if (logabsdet != nullptr) std::memcpy(logabsdet + first, logs, sizeof logs);
        return true;
    }
}

// Calls kernel<N> with N the order when it is 1 to 4, else kernel<0>.
#define FL_BY_ORDER(kernel, n, ...)           \
    switch (n) {                              \
        case 1:                               \
            return kernel<1>(n, __VA_ARGS__); \
        case 2:                               \
            return kernel<2>(n, __VA_ARGS__); \
        case 3:                               \
            return kernel<3>(n, __VA_ARGS__); \
        case 4:                               \
            return kernel<4>(n, __VA_ARGS__); \
        default:                              \
            return kernel<0>(n, __VA_ARGS__); \
    }

#define FL_DEFINE_PACK_KERNELS(isa, target, register_eigh)                                    \
    namespace isa {                                                                           \
    template <class T>                                                                        \
    target void lu_k(index_t n, T *a, T *piv, T *singular) {                                  \
        FL_BY_ORDER(lu, n, a, piv, singular)                                                  \
    }                                                                                         \
    template <class T>                                                                        \
    target void lu_solve_k(index_t n, const T *a, const T *piv, index_t k, T *b) {            \
        FL_BY_ORDER(lu_solve, n, a, piv, k, b)                                                \
    }                                                                                         \
    template <class T>                                                                        \
    target void cholesky_k(index_t n, T *a, T *failed) {                                      \
        FL_BY_ORDER(cholesky, n, a, failed)                                                   \
    }                                                                                         \
    template <class T>                                                                        \
    target void cholesky_solve_k(index_t n, const T *a, index_t k, T *b) {                    \
        FL_BY_ORDER(cholesky_solve, n, a, k, b)                                               \
    }                                                                                         \
    template <class T>                                                                        \
    target void jacobi_k(index_t n, T *a, T *v, T *failed, index_t packs) {                   \
        FL_BY_ORDER(jacobi, n, a, v, failed, packs)                                           \
    }                                                                                         \
    template <class T>                                                                        \
    target void non_finite_k(index_t length, const T *p, T *bad) {                            \
        non_finite(length, p, bad);                                                           \
    }                                                                                         \
    template <class T>                                                                        \
    target bool cofactor_inverse_k(index_t n, const Strided<const T> &a, const Strided<T> &x, \
                                   index_t first) {                                           \
        FL_BY_ORDER(cofactor_inverse, n, a, x, first)                                         \
    }                                                                                         \
    template <class T>                                                                        \
    target void gather_k(index_t elements, const Strided<const T> &s, index_t first, T *p) {  \
        gather(elements, s, first, p);                                                        \
    }                                                                                         \
    template <class T>                                                                        \
    target bool solve_k(index_t n, const Strided<const T> &a, const Strided<const T> &b,      \
                        const Strided<T> &x, index_t k, index_t first) {                      \
        FL_BY_ORDER(solve_in_registers, n, a, b, x, k, first)                                 \
    }                                                                                         \
    template <class T>                                                                        \
    target bool cholesky_registers_k(index_t n, const Strided<const T> &a,                    \
                                     const Strided<T> &l, index_t first) {                    \
        FL_BY_ORDER(cholesky_in_registers, n, a, l, first)                                    \
    }                                                                                         \
    template <class T>                                                                        \
    target bool logdet_k(index_t n, const Strided<const T> &a, index_t first, double *sign,   \
                         double *logabsdet) {                                                 \
        FL_BY_ORDER(logdet_in_registers, n, a, first, sign, logabsdet)                        \
    }                                                                                         \
    template <class T>                                                                        \
    target bool eigh_k(index_t n, const Strided<const T> &a, const Strided<T> &w,             \
                       const Strided<T> *v, index_t first) {                                  \
        if constexpr (!register_eigh) return false;                                           \
        FL_BY_ORDER(eigh_in_registers, n, a, w, v, first)                                     \
    }                                                                                         \
    template <class T>                                                                        \
    target void logs_k(index_t count, double *x) {                                            \
        for (index_t i = 0; i < count; i += 8) log_lanes(x + i);                              \
    }                                                                                         \
    template <class T>                                                                        \
    PackKernels<T> table() {                                                                  \
        return {&lu_k<T>,     &lu_solve_k<T>,   &cholesky_k<T>, &cholesky_solve_k<T>,         \
                &jacobi_k<T>, &non_finite_k<T>, &gather_k<T>,   &cofactor_inverse_k<T>,       \
                &logs_k<T>,   &solve_k<T>,      &logdet_k<T>,                                 \
                &cholesky_registers_k<T>,       &eigh_k<T>};                                  \
    }                                                                                         \
    }

#if defined(__x86_64__) && defined(__GNUC__)
// The register eigh only where it was measured, AVX-512: its 32 vector registers hold four
// 3x3 packs, and its code for the other sets (a Vec is two or four registers there) made
// the library 2.4 MB larger.
FL_DEFINE_PACK_KERNELS(avx512,
                       __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma"))), true)
FL_DEFINE_PACK_KERNELS(avx2, __attribute__((target("avx2,fma"))), false)
#endif
FL_DEFINE_PACK_KERNELS(baseline, , false)

}  // namespace

template <class T>
const PackKernels<T> &pack_kernels() {
    static const PackKernels<T> chosen = [] {
#if defined(__x86_64__) && defined(__GNUC__)
        if (best_instruction_set() == InstructionSet::avx512) return avx512::table<T>();
        if (best_instruction_set() == InstructionSet::avx2) return avx2::table<T>();
#endif
        return baseline::table<T>();
    }();
    return chosen;
}

template const PackKernels<float> &pack_kernels<float>();
template const PackKernels<double> &pack_kernels<double>();

}  // namespace fl::batched
