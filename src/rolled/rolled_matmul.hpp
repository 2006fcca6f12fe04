// The rolled pairwise products out[i, j] = A[i] B[(i + j) mod d], j < k, of two stacks of
// matrices (fl_rolled_matmul). docs/rolled_and_binning.md explains the schedule.
#pragma once

#include "core/types.hpp"

namespace fl::rolled {

// The sizes of one rolled product: A is d m-by-n matrices, B d n-by-l, out d*k m-by-l,
// every stack packed (matrix i of A at i*m*n, ...) and every matrix stored in `layout`.
struct RolledShape {
    index_t d, k, m, n, l;
};

// Validated by the caller: sizes non-negative, k <= d, m, n, l within the BLAS's 32-bit
// integers, and out disjoint from a and b.
template <class T>
void rolled_matmul(Layout layout, const RolledShape &s, const T *a, const T *b, T *out);

}  // namespace fl::rolled
