// The one reshape primitive of the block sums: a copy between two strided index spaces.
// Every reshape of seed 001 (the block panels fed to GEMM, vecb, the commutation
// permutation, the final I (x) K (x) I permutation of the Kronecker sums) is such a copy
// with three or four axes, so they all share this loop.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>

#include "core/types.hpp"

namespace fl::blocks {

// One index of a strided copy: how far it runs and its strides (in elements) in the source
// and in the destination.
struct Axis {
    index_t size;
    index_t src;
    index_t dst;
};

// dst[sum_a i_a * axes[a].dst] = src[sum_a i_a * axes[a].src] for every multi-index.
// The axes are walked with the smallest source stride innermost, and neighbouring axes that
// walk both arrays as one (outer stride = inner stride * inner size) are merged first, so a
// reshape that is really a run of contiguous copies becomes std::copy_n calls.
template <class T, std::size_t N>
void strided_copy(std::array<Axis, N> axes, const T *src, T *dst) {
    for (const Axis &a : axes)
        if (a.size == 0) return;
    std::stable_sort(axes.begin(), axes.end(),
                     [](const Axis &x, const Axis &y) { return x.src > y.src; });
    std::array<Axis, N> run{};
    std::size_t d = 0;
    for (const Axis &a : axes) {
        if (a.size == 1) continue;
        if (d > 0 && run[d - 1].src == a.src * a.size && run[d - 1].dst == a.dst * a.size)
            run[d - 1] = {run[d - 1].size * a.size, a.src, a.dst};
        else
            run[d++] = a;
    }
    if (d == 0) run[d++] = {1, 1, 1};
    const Axis inner = run[d - 1];
    std::array<index_t, N> at{};
    for (;;) {
        if (inner.src == 1 && inner.dst == 1 && inner.size >= 16)  // short runs: no call
            std::copy_n(src, inner.size, dst);
        else
            for (index_t t = 0; t < inner.size; ++t) dst[t * inner.dst] = src[t * inner.src];
        std::ptrdiff_t a = static_cast<std::ptrdiff_t>(d) - 2;
        for (; a >= 0; --a) {
            const Axis &ax = run[static_cast<std::size_t>(a)];
            src += ax.src;
            dst += ax.dst;
            if (++at[static_cast<std::size_t>(a)] < ax.size) break;
            src -= ax.src * ax.size;
            dst -= ax.dst * ax.size;
            at[static_cast<std::size_t>(a)] = 0;
        }
        if (a < 0) return;
    }
}

}  // namespace fl::blocks
