// LU with partial pivoting for one small matrix, in plain loops the compiler keeps in
// registers. Below small_lu_order, LAPACK's getrf/getrs cost more in call overhead
// (argument checks, blocking decisions, thread checks) than the O(n^3) work itself, so
// LuFactor factors and solves with these instead (measurements in docs/batched.md); above
// that order it factors with the blocked kernel (dense/blocked_lu.hpp) and solves with getrs.
//
// The results mean what getrf's mean: the same pivot rule (the first entry of largest
// magnitude in the column, as i?amax picks it), 1-based row interchanges, L unit lower and
// U upper in place, and info = the first exactly zero pivot (1-based), the factorization
// carried on past it as getf2 does.
#pragma once

#include <cmath>
#include <limits>
#include <utility>

#include "core/types.hpp"
#include "dense/blocked_lu.hpp"
#include "lapack/lapack.hpp"

namespace fl::small_lu {

// Orders up to this one take the kernels below (measured crossover, docs/batched.md).
constexpr index_t max_order = 16;

// One step of getf2: with row p (>= j) holding column j's pivot, records the interchange,
// swaps whole rows, scales column j below the diagonal, and updates columns j + 1 .. end - 1
// of the rows below. A zero pivot only sets info (the first, 1-based) and leaves the
// column, with nothing to eliminate, as it is; later columns still factor (as getf2).
template <class T>
[[gnu::always_inline]] inline void eliminate(index_t n, T *a, index_t ld, lapack_int *ipiv,
                                             index_t j, index_t p, index_t end, lapack_int &info) {
    T *const col = a + j * ld;
    ipiv[j] = static_cast<lapack_int>(p + 1);
    if (col[p] == T(0)) {
        if (info == 0) info = static_cast<lapack_int>(j + 1);
        return;
    }
    if (p != j)
        for (index_t c = 0; c < n; ++c) std::swap(a[j + c * ld], a[p + c * ld]);
    // Multiply by the reciprocal where it is representable, as getf2 does.
    const T pivot = col[j];
    if (std::fabs(pivot) >= std::numeric_limits<T>::min()) {
        const T r = T(1) / pivot;
        for (index_t i = j + 1; i < n; ++i) col[i] *= r;
    } else {
        for (index_t i = j + 1; i < n; ++i) col[i] /= pivot;
    }
    for (index_t c = j + 1; c < end; ++c) {
        T *const target = a + c * ld;
        const T u = target[j];
        for (index_t i = j + 1; i < n; ++i) target[i] -= col[i] * u;
    }
}

// Each kernel is compiled for the orders 1..4 by name (N > 0), where fully unrolled loops
// keep the matrix in registers, and once for any order (N = 0).
template <index_t N, class T>
lapack_int factor_order(index_t order, T *a, index_t ld, lapack_int *ipiv) {
    const index_t n = N > 0 ? N : order;
    lapack_int info = 0;
    for (index_t j = 0; j < n; ++j) {
        const T *const col = a + j * ld;
        index_t p = j;
        T largest = std::fabs(col[j]);
        for (index_t i = j + 1; i < n; ++i)
            if (std::fabs(col[i]) > largest) largest = std::fabs(col[i]), p = i;
        eliminate(n, a, ld, ipiv, j, p, n, info);
    }
    return info;
}

template <index_t N, class T>
void solve_order(Transpose op, index_t order, const T *lu, index_t ld, const lapack_int *ipiv, T *x,
                 index_t incx) {
    const index_t n = N > 0 ? N : order;
    auto at = [&](index_t i) -> T & { return x[i * incx]; };
    if (op == Transpose::no) {  // x <- U^-1 L^-1 P^T x
        for (index_t i = 0; i < n; ++i) {
            const index_t p = ipiv[i] - 1;
            if (p != i) std::swap(at(i), at(p));
        }
        for (index_t j = 0; j < n; ++j) {
            const T xj = at(j);
            for (index_t i = j + 1; i < n; ++i) at(i) -= lu[i + j * ld] * xj;
        }
        for (index_t j = n - 1; j >= 0; --j) {
            const T xj = at(j) /= lu[j + j * ld];
            for (index_t i = 0; i < j; ++i) at(i) -= lu[i + j * ld] * xj;
        }
        return;
    }
    // x <- P L^-T U^-T x: each step is a dot product with a column of the factor.
    for (index_t j = 0; j < n; ++j) {
        T s = at(j);
        for (index_t i = 0; i < j; ++i) s -= lu[i + j * ld] * at(i);
        at(j) = s / lu[j + j * ld];
    }
    for (index_t j = n - 1; j >= 0; --j) {
        T s = at(j);
        for (index_t i = j + 1; i < n; ++i) s -= lu[i + j * ld] * at(i);
        at(j) = s;
    }
    for (index_t i = n - 1; i >= 0; --i) {
        const index_t p = ipiv[i] - 1;
        if (p != i) std::swap(at(i), at(p));
    }
}

// a <- P L U of the n-by-n a (n <= blocked_lu::max_order); returns getrf's info.
template <class T>
lapack_int factor(index_t n, T *a, index_t ld, lapack_int *ipiv) {
    switch (n) {
        case 1:
            return factor_order<1>(n, a, ld, ipiv);
        case 2:
            return factor_order<2>(n, a, ld, ipiv);
        case 3:
            return factor_order<3>(n, a, ld, ipiv);
        case 4:
            return factor_order<4>(n, a, ld, ipiv);
        default:
            return n <= max_order ? factor_order<0>(n, a, ld, ipiv)
                                  : blocked_lu::factor(n, a, ld, ipiv);
    }
}

// x <- op(S)^-1 x for the factored S = P L U in lu, x n values at stride incx.
template <class T>
void solve(Transpose op, index_t n, const T *lu, index_t ld, const lapack_int *ipiv, T *x,
           index_t incx) {
    switch (n) {
        case 1:
            return solve_order<1>(op, n, lu, ld, ipiv, x, incx);
        case 2:
            return solve_order<2>(op, n, lu, ld, ipiv, x, incx);
        case 3:
            return solve_order<3>(op, n, lu, ld, ipiv, x, incx);
        case 4:
            return solve_order<4>(op, n, lu, ld, ipiv, x, incx);
        default:
            return solve_order<0>(op, n, lu, ld, ipiv, x, incx);
    }
}

}  // namespace fl::small_lu
