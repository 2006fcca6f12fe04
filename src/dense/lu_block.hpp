// A small LU made in memory its caller provides, so that the C layer can give a handle,
// its factor object, the factored matrix and the pivots one allocation: for n <= 4 the
// three allocations this saves cost about as much as the factorization (docs/batched.md).
#pragma once

#include <cstddef>

#include "dense/factor.hpp"

namespace fl {

// bytes rounded up to operator new's alignment, which suits every scalar type: where a
// block that follows other bytes in one allocation may start.
constexpr std::size_t block_aligned(std::size_t bytes) {
    constexpr std::size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__;
    return (bytes + alignment - 1) / alignment * alignment;
}

// The bytes make_lu_in needs for an n-by-n A of `dtype` under `options`, or 0 when such
// an LU is not made this way (an order above the small kernels', mixed precision): then
// make_factor makes it.
std::size_t lu_block_bytes(Dtype dtype, index_t n, const FactorOptions &options);

// Factors a (validated, square, of `dtype`) into `block`: lu_block_bytes bytes, aligned
// for any scalar (operator new's alignment). The factor's destructor frees nothing of the
// block, which outlives it. Throws as make_factor does, and then leaves nothing in the
// block to destroy.
Factor *make_lu_in(void *block, Dtype dtype, const MatrixRef &a, const FactorOptions &options);

}  // namespace fl
