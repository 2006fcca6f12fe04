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
// The axes are walked with the smallest source stride innermost, after merging neighbours
// that walk both arrays as one (outer stride = inner stride * inner size), so a reshape that
// is really a run of contiguous copies becomes std::copy_n calls. The two innermost axes run
// as plain nested loops; when the innermost is short (a 2-wide block), the longest axis is
// moved inside it so that the loops, not the odometer over the outer axes, do the counting.
template <class T, std::size_t N>
void strided_copy(std::array<Axis, N> axes, const T *src, T *dst) {
    for (const Axis &a : axes)
        if (a.size == 0) return;
    std::stable_sort(axes.begin(), axes.end(),
                     [](const Axis &x, const Axis &y) { return x.src > y.src; });
    std::array<Axis, N + 1> run{};
    std::size_t d = 0;
    for (const Axis &a : axes) {
        if (a.size == 1) continue;
        if (d > 0 && run[d - 1].src == a.src * a.size && run[d - 1].dst == a.dst * a.size)
            run[d - 1] = {run[d - 1].size * a.size, a.src, a.dst};
        else
            run[d++] = a;
    }
    if (d == 0) run[d++] = {1, 1, 1};
    if (d >= 2 && run[d - 1].size < 16) {
        const auto longest =
            std::max_element(run.begin(), run.begin() + (d - 1),
                             [](const Axis &x, const Axis &y) { return x.size < y.size; });
        const Axis moved = *longest;
        std::copy(longest + 1, run.begin() + d, longest);
        run[d - 1] = moved;
    }
    if (d == 1) {  // one axis: the middle loop runs once
        run[1] = run[0];
        run[0] = {1, 0, 0};
        d = 2;
    }
    const Axis inner = run[d - 1], middle = run[d - 2];
    const std::size_t outer = d - 2;
    std::array<index_t, N + 1> at{};
    for (;;) {
        for (index_t t2 = 0; t2 < middle.size; ++t2) {
            const T *s = src + t2 * middle.src;
            T *o = dst + t2 * middle.dst;
            if (inner.src == 1 && inner.dst == 1 && inner.size >= 16)
                std::copy_n(s, inner.size, o);
            else
                for (index_t t = 0; t < inner.size; ++t) o[t * inner.dst] = s[t * inner.src];
        }
        std::size_t a = outer;
        for (; a > 0; --a) {
            const Axis &ax = run[a - 1];
            src += ax.src;
            dst += ax.dst;
            if (++at[a - 1] < ax.size) break;
            src -= ax.src * ax.size;
            dst -= ax.dst * ax.size;
            at[a - 1] = 0;
        }
        if (a == 0) return;
    }
}

}  // namespace fl::blocks
