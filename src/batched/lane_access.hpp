// How a full pack's element vectors travel between vector registers and the caller's strided
// matrices (one lane per matrix, stride elements apart): the two versions the pack kernels
// are compiled with. Included by pack_kernels.cpp only.
#pragma once

#include <cstring>

#include "batched/lanes.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace fl::batched {

// Element by element: each lane loaded or stored by its own scalar instruction (AVX2 and
// baseline x86-64 have no scatter, and AVX2's gather is no faster than its inserts).
struct LaneByLane {
    template <class T>
    FL_LANE_INLINE static Vec<T> load(const T *p, index_t stride, index_t offset) {
        return load_lanes(p, stride, offset);
    }
    template <class T>
    FL_LANE_INLINE static void store(T *p, index_t stride, index_t offset, Vec<T> v) {
        store_lanes(p, stride, offset, v);
    }
};

#if defined(__x86_64__) && defined(__GNUC__)
// Not always_inline: GCC refuses to force an AVX-512 function into the generic kernel
// templates before they are themselves inlined into the AVX-512 entry points; once they
// are, these small functions inline there as usual (no calls remain in pack_kernels.o).
#define FL_AVX512_INLINE [[gnu::target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma")]] inline

// AVX-512: one gather (scatter) instruction per vector of 8 lanes with 64-bit indices l *
// stride + offset, so any stride the C layer accepts is in range. At 3x3 the solve's
// lane-by-lane fills were its largest cost (docs/batched.md, "Filling a pack").
struct Avx512Lanes {
    FL_AVX512_INLINE static __m512i indices(index_t stride, index_t offset, index_t from) {
        const __m512i l = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
        return _mm512_add_epi64(_mm512_mullo_epi64(_mm512_add_epi64(l, _mm512_set1_epi64(from)),
                                                   _mm512_set1_epi64(stride)),
                                _mm512_set1_epi64(offset));
    }
    // The masked forms with a zero source: the plain ones start from an undefined vector,
    // which GCC 12 reports as possibly uninitialized.
    FL_AVX512_INLINE static Vec<double> load(const double *p, index_t stride, index_t offset) {
        return _mm512_mask_i64gather_pd(_mm512_setzero_pd(), 0xff, indices(stride, offset, 0), p,
                                        8);
    }
    FL_AVX512_INLINE static void store(double *p, index_t stride, index_t offset, Vec<double> v) {
        _mm512_i64scatter_pd(p, indices(stride, offset, 0), v, 8);
    }
    FL_AVX512_INLINE static Vec<float> load(const float *p, index_t stride, index_t offset) {
        __m256 half[2];
        for (index_t h = 0; h < 2; ++h)
            half[h] = _mm512_mask_i64gather_ps(_mm256_setzero_ps(), 0xff,
                                               indices(stride, offset, 8 * h), p, 4);
        Vec<float> v;
        std::memcpy(&v, half, sizeof v);
        return v;
    }
    FL_AVX512_INLINE static void store(float *p, index_t stride, index_t offset, Vec<float> v) {
        __m256 half[2];
        std::memcpy(half, &v, sizeof v);
        for (index_t h = 0; h < 2; ++h)
            _mm512_i64scatter_ps(p, indices(stride, offset, 8 * h), half[h], 4);
    }
};
#endif

}  // namespace fl::batched
