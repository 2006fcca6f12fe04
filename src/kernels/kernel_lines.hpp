// The fused, vectorised passes over one stored line of a tile (a row of a row-major tile,
// a column of a column-major one). On entry line[j] holds -2 z_a^T z_bj, written there by
// the tile's GEMM; a = |z_a|^2 belongs to the line's fixed point and b[j] = |z_bj|^2 to the
// j-th point along it. So r^2 = a + b[j] + line[j], clamped at 0; at index `zero_at` (the
// diagonal of a symmetric matrix; -1 for none) r^2 is exactly 0 instead.
#pragma once

#include "core/types.hpp"
#include "kernels/kernel_functions.hpp"

namespace fl::kernels {

// line[j] <- sigma_f2 * kappa(r^2).
template <class T>
void kernel_line(KernelKind kind, double sigma_f2, double a, const T *b, T *line, index_t n,
                 index_t zero_at);

// What a gradient pass sums along its line.
struct GradientSums {
    double weighted_kappa = 0;  // sum_j w[j] kappa(r^2)
    double g = 0;               // sum_j g[j]
};

// line[j] <- g[j] = w[j] * sigma_f2 * dkappa/d(r^2) (the slope of K_ij in r^2, weighted),
// column_sums[j] += g[j]; returns the line's sums.
template <class T>
GradientSums gradient_line(KernelKind kind, double sigma_f2, double a, const T *b, const T *w,
                           T *line, double *column_sums, index_t n, index_t zero_at);

}  // namespace fl::kernels
