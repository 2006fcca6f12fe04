// Moving matrices between a caller's layout and the column-major form LAPACK works in.
#pragma once

#include <algorithm>
#include <cstring>

#include "core/types.hpp"

namespace fl {

// dst <- src for two column-major views of the same shape.
template <class T> void copy_columns(const ColMajorView<const T> &src, const ColMajorView<T> &dst) {
    if (src.rows == 0) return;
    for (index_t j = 0; j < src.cols; ++j)
        std::memcpy(dst.column(j), src.column(j), static_cast<size_t>(src.rows) * sizeof(T));
}

// dst <- src^T, where dst is src.cols-by-src.rows. Tiled so that both sides are walked in
// cache-sized pieces.
template <class T> void transpose_into(const ColMajorView<const T> &src, const ColMajorView<T> &dst) {
    constexpr index_t tile = 32;
    for (index_t j0 = 0; j0 < src.cols; j0 += tile)
        for (index_t i0 = 0; i0 < src.rows; i0 += tile)
            for (index_t j = j0; j < std::min(j0 + tile, src.cols); ++j)
                for (index_t i = i0; i < std::min(i0 + tile, src.rows); ++i) dst(j, i) = src(i, j);
}

// Copies a caller's matrix into another of the same logical shape, in whichever layouts
// the two have: a plain copy when they agree, a transpose when they differ.
template <class T> void copy_matrix(const MatrixRef &src, const MatrixRef &dst) {
    const ColMajorView<T> s = stored_view<T>(src);
    const ColMajorView<const T> from{s.data, s.rows, s.cols, s.ld};
    if (src.layout == dst.layout)
        copy_columns(from, stored_view<T>(dst));
    else
        transpose_into(from, stored_view<T>(dst));
}

// a <- a^T for a square view.
template <class T> void transpose_in_place(const ColMajorView<T> &a) {
    for (index_t j = 0; j < a.cols; ++j)
        for (index_t i = j + 1; i < a.rows; ++i) std::swap(a(i, j), a(j, i));
}

// Fills the triangle opposite to `from` with the mirror image of `from`: conjugated for a
// complex type, whose symmetric kinds are Hermitian, unless `conjugate` is false (a
// complex symmetric A's LDL^T). Tiled like transpose_into: the untiled walk misses the
// cache on every element of the written triangle for large n.
template <class T>
void symmetrize(const ColMajorView<T> &a, Triangle from, bool conjugate = true) {
    auto mirrored = [conjugate](T v) { return conjugate ? fl::conjugate(v) : v; };
    constexpr index_t tile = 32;
    for (index_t j0 = 0; j0 < a.cols; j0 += tile)
        for (index_t i0 = j0; i0 < a.rows; i0 += tile)  // tiles on and below the diagonal
            for (index_t j = j0; j < std::min(j0 + tile, a.cols); ++j)
                for (index_t i = std::max(i0, j + 1); i < std::min(i0 + tile, a.rows); ++i) {
                    if (from == Triangle::lower)
                        a(j, i) = mirrored(a(i, j));
                    else
                        a(i, j) = mirrored(a(j, i));
                }
}

// a <- conj(a); nothing for a real type.
template <class T>
void conjugate_in_place(const ColMajorView<T> &a) {
    if constexpr (is_complex_v<T>)
        for (index_t j = 0; j < a.cols; ++j)
            for (index_t i = 0; i < a.rows; ++i) a(i, j) = std::conj(a(i, j));
}

}  // namespace fl
