// The factorizations and solves of one pack of interleaved matrices (lanes.hpp), compiled
// for AVX-512, AVX2 + FMA and baseline x86-64 and chosen once at run time, as the kernel
// matrices' passes are. Every flag array holds one value per lane: 0, or 1 where that
// lane's matrix failed (an exactly zero pivot, a non-positive one, no convergence).
#pragma once

#include "core/types.hpp"

namespace fl::batched {

// Matrices in the caller's memory: matrix l starts at first + l * stride, and its element e
// in pack order (e = j * n + i) lies `offsets[e]` elements further.
template <class T>
struct Strided {
    T *first;
    index_t stride;
    const index_t *offsets;
};

template <class T>
struct PackKernels {
    // P A = L U in place, partial pivoting as LAPACK's getrf; piv[k * W + l] is the row
    // swapped with row k (as a T). singular[l] = 1 where some pivot is exactly zero.
    void (*lu)(index_t n, T *a, T *piv, T *singular);
    // B <- A^-1 B for the n-by-k pack b, from lu's output.
    void (*lu_solve)(index_t n, const T *a, const T *piv, index_t k, T *b);
    // A = L L^T in place (the lower triangle); failed[l] = 1 where a pivot is not positive.
    void (*cholesky)(index_t n, T *a, T *failed);
    // B <- A^-1 B from cholesky's output.
    void (*cholesky_solve)(index_t n, const T *a, index_t k, T *b);
    // Cyclic Jacobi: a (symmetric, full) becomes diagonal with the eigenvalues ascending,
    // v the eigenvectors (column j for a_jj). failed[l] = 1 where the off-diagonal did not
    // vanish within the sweep limit. a, v and failed hold `packs` (1 or 2) consecutive packs,
    // swept together.
    void (*jacobi)(index_t n, T *a, T *v, T *failed, index_t packs);
    // bad[l] = 1 where the `length` elements of lane l hold a NaN or Inf.
    void (*non_finite)(index_t length, const T *p, T *bad);
    // The pack p <- elements e < `elements` of matrices first .. first + W - 1 of s: one
    // vector built in registers per element, stored whole (the kernels' vector loads then
    // read it without waiting on W scalar stores).
    void (*gather)(index_t elements, const Strided<const T> &s, index_t first, T *p);
    // Matrices first .. first + W - 1 of x <- those of a, inverted by cofactors (order
    // n <= 4) if every lane passes the accuracy rule of cofactors.hpp; false (x untouched)
    // otherwise.
    bool (*cofactor_inverse)(index_t n, const Strided<const T> &a, const Strided<T> &x,
                             index_t first);
    // x[i] <- log x[i] for `count` (a multiple of 8) normal positive doubles, to a few ulps.
    void (*logs)(index_t count, double *x);
    // Matrices first .. first + W - 1: x <- a^-1 b (n-by-k) by lu and lu_solve in registers,
    // for n <= 4 and k <= n, if no lane has NaN/Inf in a or a zero pivot; false (x
    // untouched) otherwise.
    bool (*solve)(index_t n, const Strided<const T> &a, const Strided<const T> &b,
                  const Strided<T> &x, index_t k, index_t first);
    // sign[first + l], logabsdet[first + l] (either may be nullptr) of matrices first ..
    // first + W - 1 of a, order n <= 4, by LU in registers; false (nothing written) when
    // some lane has NaN/Inf, a zero pivot or a product of pivots outside (1e-300, 1e300).
    bool (*logdet)(index_t n, const Strided<const T> &a, index_t first, double *sign,
                   double *logabsdet);
    // Matrices first .. first + W - 1: l <- the Cholesky factor L of a (a's offsets name the
    // triangle read), zeros above the diagonal, for n <= 4, in registers; false (l
    // untouched) when some lane has NaN/Inf or a pivot that is not positive.
    bool (*cholesky_registers)(index_t n, const Strided<const T> &a, const Strided<T> &l,
                               index_t first);
    // Matrices first .. first + register_eigh_packs * W - 1 (symmetric, the triangle that
    // a's offsets name): w <- eigenvalues ascending (w's offsets: n elements), v <- the
    // eigenvectors unless v is nullptr, by the same Jacobi as `jacobi` with the matrices
    // in registers (register_eigh.hpp), for n <= 4 on AVX-512; false (w, v untouched) on
    // other instruction sets or if some lane has NaN/Inf or did not converge.
    bool (*eigh)(index_t n, const Strided<const T> &a, const Strided<T> &w, const Strided<T> *v,
                 index_t first);
};

// The packs that one call of PackKernels::eigh takes: four, so that the chains of their
// rotations overlap (3x3: 6.4 ms for 1e5 against 7.2 ms with two, one run); AVX-512's
// 32 registers hold four 3x3 packs' triangles and vectors.
constexpr index_t register_eigh_packs = 4;

// The kernels for the widest instruction set this CPU runs, decided on the first call.
template <class T>
const PackKernels<T> &pack_kernels();

}  // namespace fl::batched
