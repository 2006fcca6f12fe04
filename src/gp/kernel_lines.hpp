// The fused, vectorised passes over one stored line of a tile (a row of a row-major tile,
// a column of a column-major one): the squared distances of the line's fixed point to the
// n points along it, and the kernel (or its weighted slope) of each, in one pass while the
// tile is in cache.
#pragma once

#include "core/types.hpp"
#include "gp/kernel_functions.hpp"

namespace fl::kernels {

// Where a line's squared distances come from.
//  - Direct (fixed != nullptr; small dims): r^2 = sum_d (fixed[d] - along[d * stride + j])^2,
//    the exact differences of the transformed points, with the points along the line stored
//    dimension by dimension (along[d * stride + j] is coordinate d of point j).
//  - GEMM (fixed == nullptr): on entry line[j] holds -2 z_a^T z_j, written there by the
//    tile's GEMM; a = |z_a|^2 and b[j] = |z_j|^2, so r^2 = a + b[j] + line[j], clamped at 0.
// Either way r^2 is exactly 0 at index zero_at (a symmetric matrix's diagonal; -1: none).
// Lines are at most this long (a tile's side).
constexpr index_t max_line_length = 256;

template <class T>
struct LineOperands {
    index_t n = 0;  // <= max_line_length
    index_t zero_at = -1;
    const T *fixed = nullptr;
    const T *along = nullptr;
    index_t stride = 0;
    index_t dim = 0;
    double a = 0;
    const T *b = nullptr;
};

// line[j] <- sigma_f2 * kappa(r^2).
template <class T>
void kernel_line(KernelKind kind, double sigma_f2, const LineOperands<T> &o, T *line);

// What a gradient pass sums along its line.
struct GradientSums {
    double weighted_kappa = 0;  // sum_j w[j] kappa(r^2)
    double g = 0;               // sum_j g[j]
};

// line[j] <- g[j] = w[j] * sigma_f2 * dkappa/d(r^2) (the slope of K_ij in r^2, weighted),
// column_sums[j] += g[j]; returns the line's sums.
template <class T>
GradientSums gradient_line(KernelKind kind, double sigma_f2, const LineOperands<T> &o, const T *w,
                           T *line, double *column_sums);

}  // namespace fl::kernels
