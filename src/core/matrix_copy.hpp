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

// dst <- src^T for src of 8 rows and columns or more (transpose_into), in tiles that walk
// both sides in cache-sized pieces, each in 4-by-4 blocks read as four short columns and
// written as four, which the compiler moves through registers: 2-4 times faster than
// element by element for n = 16-100 (the row-major copy of an LU's A, docs/batched.md).
template <class T>
void transpose_tiles(const ColMajorView<const T> &src, const ColMajorView<T> &dst) {
    constexpr index_t tile = 32, block = 4;
    for (index_t j0 = 0; j0 < src.cols; j0 += tile)
        for (index_t i0 = 0; i0 < src.rows; i0 += tile) {
            const index_t j_end = std::min(j0 + tile, src.cols),
                          i_end = std::min(i0 + tile, src.rows);
            index_t j = j0;
            for (; j + block <= j_end; j += block) {
                index_t i = i0;
                for (; i + block <= i_end; i += block) {
                    T t[block][block];
                    for (index_t c = 0; c < block; ++c)
                        for (index_t r = 0; r < block; ++r) t[c][r] = src(i + r, j + c);
                    for (index_t r = 0; r < block; ++r)
                        for (index_t c = 0; c < block; ++c) dst(j + c, i + r) = t[c][r];
                }
                for (; i < i_end; ++i)
                    for (index_t c = 0; c < block; ++c) dst(j + c, i) = src(i, j + c);
            }
            for (; j < j_end; ++j)
                for (index_t i = i0; i < i_end; ++i) dst(j, i) = src(i, j);
        }
}

// dst <- src^T, where dst is src.cols-by-src.rows: a small matrix element by element, in
// a loop short enough to inline into the caller; a larger one in tiles.
template <class T>
void transpose_into(const ColMajorView<const T> &src, const ColMajorView<T> &dst) {
    if (src.rows >= 8 && src.cols >= 8) return transpose_tiles(src, dst);
    for (index_t j = 0; j < src.cols; ++j)
        for (index_t i = 0; i < src.rows; ++i) dst(j, i) = src(i, j);
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

// pair(i, j) for every element below the diagonal of a rows-by-cols view, tile by tile
// (tiles on and below the diagonal), for code that also touches the mirror element (j, i):
// an untiled walk misses the cache on every mirror element for large n.
template <class Pair>
void below_diagonal_tiled(index_t rows, index_t cols, Pair &&pair) {
    constexpr index_t tile = 32;
    for (index_t j0 = 0; j0 < cols; j0 += tile)
        for (index_t i0 = j0; i0 < rows; i0 += tile)
            for (index_t j = j0; j < std::min(j0 + tile, cols); ++j)
                for (index_t i = std::max(i0, j + 1); i < std::min(i0 + tile, rows); ++i)
                    pair(i, j);
}

// a <- a^T for a square view (tiled: the inverse of a row-major LU at n = 128 spent 12 %
// of its time here untiled).
template <class T>
void transpose_in_place(const ColMajorView<T> &a) {
    below_diagonal_tiled(a.rows, a.cols,
                         [&](index_t i, index_t j) { std::swap(a(i, j), a(j, i)); });
}

// Fills the triangle opposite to `from` with the mirror image of `from`: conjugated for a
// complex type, whose symmetric kinds are Hermitian, unless `conjugate` is false (a
// complex symmetric A's LDL^T).
template <class T>
void symmetrize(const ColMajorView<T> &a, Triangle from, bool conjugate = true) {
    auto mirrored = [conjugate](T v) { return conjugate ? fl::conjugate(v) : v; };
    below_diagonal_tiled(a.rows, a.cols, [&](index_t i, index_t j) {
        if (from == Triangle::lower)
            a(j, i) = mirrored(a(i, j));
        else
            a(i, j) = mirrored(a(j, i));
    });
}

// a <- conj(a); nothing for a real type.
template <class T>
void conjugate_in_place(const ColMajorView<T> &a) {
    if constexpr (is_complex_v<T>)
        for (index_t j = 0; j < a.cols; ++j)
            for (index_t i = 0; i < a.rows; ++i) a(i, j) = std::conj(a(i, j));
}

}  // namespace fl
