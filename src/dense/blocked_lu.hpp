// LU with partial pivoting of one matrix of order 17 to max_order, our own instead of
// LAPACK's getrf. OpenBLAS's getrf at these orders splits the matrix recursively, and its
// blocking, buffer and call overhead leave it far from the core's speed (about 9 GFlop/s
// at n = 64); a right-looking LU whose trailing update takes four columns per pass in
// vector registers runs 1.4-2 times as fast from n = 16 to 256 (docs/batched.md, "Mid
// sizes"). LuFactor uses it above the small kernels (dense/small_lu.hpp, which measured
// faster up to 16 with their handle) and up to the measured crossover with getrf.
//
// The results mean what getrf's mean: the same pivot rule (the first entry of largest
// magnitude in the column, as i?amax picks it), 1-based row interchanges, L unit lower
// and U upper in place, and info = the first exactly zero pivot (1-based), the
// factorization carried on past it as getf2 does.
#pragma once

#include "core/types.hpp"
#include "lapack/lapack.hpp"

namespace fl::blocked_lu {

// Orders up to this one take the kernel (measured against getrf on one thread, which is
// how LuFactor runs getrf below blas::serial_factor_order; docs/batched.md).
constexpr index_t max_order = 256;

// a <- P L U of the n-by-n column-major a (leading dimension ld); returns getrf's info.
// Real T only (float, double), compiled for AVX-512, AVX2 + FMA and baseline x86-64 and
// chosen once at run time, as the batched pack kernels are.
template <class T>
lapack_int factor(index_t n, T *a, index_t ld, lapack_int *ipiv);

}  // namespace fl::blocked_lu
