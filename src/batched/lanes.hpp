// The interleaved "pack" every small-matrix kernel works on: W matrices of one order n stored
// element by element, so that one 64-byte vector holds element (i, j) of all W matrices and
// each vector lane does the arithmetic of one matrix. Element (i, j) of lane l of an n-by-c
// pack lies at p[(j * n + i) * W + l] (column-major, lanes innermost).
#pragma once

#include <cmath>
#include <cstring>

#include "core/types.hpp"

namespace fl::batched {

// Lanes per pack: one 64-byte vector (8 doubles, 16 floats). AVX2 and SSE2 builds run the
// same vector type as two or four registers, so every instruction set shares one pack layout.
template <class T>
constexpr index_t lanes = 64 / sizeof(T);

// GCC/Clang vector extensions: the arithmetic operators act lane by lane and compile to the
// instruction set of the function they are inlined into.
template <class T>
struct VectorOf {
    typedef T type __attribute__((vector_size(64)));
};
template <class T>
using Vec = typename VectorOf<T>::type;

#define FL_LANE_INLINE [[gnu::always_inline]] inline

template <class T>
FL_LANE_INLINE Vec<T> load(const T *p) {
    Vec<T> v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
template <class T>
FL_LANE_INLINE void store(T *p, Vec<T> v) {
    std::memcpy(p, &v, sizeof v);
}
// Element `offset` of the W matrices at p, `stride` apart, one per lane.
template <class T>
FL_LANE_INLINE Vec<T> load_lanes(const T *p, index_t stride, index_t offset) {
    Vec<T> v;
    for (index_t l = 0; l < lanes<T>; ++l) v[l] = p[l * stride + offset];
    return v;
}
template <class T>
FL_LANE_INLINE void store_lanes(T *p, index_t stride, index_t offset, Vec<T> v) {
    for (index_t l = 0; l < lanes<T>; ++l) p[l * stride + offset] = v[l];
}

template <class T>
FL_LANE_INLINE Vec<T> splat(T x) {
    return Vec<T>{} + x;
}
// V is a Vec<T> (a template on V itself, since T cannot be deduced through the alias).
template <class V>
FL_LANE_INLINE V vabs(V v) {
    return v < 0 ? -v : v;
}
template <class V>
FL_LANE_INLINE V vsqrt(V v) {
    for (size_t l = 0; l < sizeof v / sizeof v[0]; ++l) v[l] = std::sqrt(v[l]);
    return v;
}

}  // namespace fl::batched
