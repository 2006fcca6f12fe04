#include "rolled/rolled_matmul.hpp"

#include <algorithm>
#include <climits>

#include "core/thread_pool.hpp"
#include "lapack/blas_runtime.hpp"
#include "lapack/lapack.hpp"

namespace fl::rolled {
namespace {

// Below this many flops the whole product takes a few tens of microseconds, about what
// waking a pool thread and sharing the work costs on a loaded machine: it then runs on
// the calling thread alone.
constexpr double threaded_flops = 4194304;  // 2^22

// C (rows-by-cols, column-major, ldc) = A (rows-by-inner, lda) B (inner-by-cols, ldb).
template <class T>
void gemm(index_t rows, index_t cols, index_t inner, const T *a, index_t lda, const T *b,
          index_t ldb, T *c, index_t ldc) {
    lapack::gemm(Transpose::no, Transpose::no, rows, cols, inner, T(1), a, lda, b, ldb, T(0), c,
                 ldc);
}

// out[i, 0..k) for one i.
//
// Column-major: the k products A[i] B[p], p = i .. i+k-1, side by side are the
// m-by-(k*l) column-major matrix A[i] [B[i] ... B[i+k-1]], which is exactly out[i] as it
// lies in memory, and consecutive B's already form one n-by-(d*l) column-major matrix. So
// out[i] is one GEMM over a window of B, split in two where the window wraps past B[d-1]
// (and into pieces whose k*l fits the BLAS's int): no copy of B at all.
//
// Row-major: out[i] is (k, m, l), and the index j sits outside m, so no single GEMM can
// write it; each out[i, j] is its own GEMM, computed on the column-major views as
// out[i, j]^T = B[p]^T A[i]^T, which reads every operand where it lies.
template <class T>
void rolled_block(Layout layout, const RolledShape &s, index_t i, const T *a, const T *b, T *out) {
    const index_t mn = s.m * s.n, nl = s.n * s.l, ml = s.m * s.l;
    const T *ai = a + i * mn;
    T *outi = out + i * s.k * ml;
    if (layout == Layout::col_major) {
        const index_t most = INT_MAX / s.l;  // matrices of B per GEMM
        for (index_t j = 0; j < s.k;) {
            const index_t p = (i + j) % s.d;
            const index_t run = std::min({s.k - j, s.d - p, most});
            gemm(s.m, run * s.l, s.n, ai, s.m, b + p * nl, s.n, outi + j * ml, s.m);
            j += run;
        }
    } else {
        for (index_t j = 0; j < s.k; ++j)
            gemm(s.l, s.m, s.n, b + ((i + j) % s.d) * nl, s.l, ai, s.n, outi + j * ml, s.l);
    }
}

}  // namespace

// Parallel over i, one thread per BLAS thread the user asked for, each running its GEMMs
// on one thread: the GEMMs here are small (m, n, l of a few tens in the typical use), where
// OpenBLAS's own threading costs more than it gives. With one worker (a small total, d = 1,
// or one BLAS thread) the GEMMs run as the BLAS would run them anyway.
template <class T>
void rolled_matmul(Layout layout, const RolledShape &s, const T *a, const T *b, T *out) {
    if (s.d == 0 || s.k == 0 || s.m == 0 || s.l == 0) return;
    if (s.n == 0) {  // empty inner products: numpy's zeros, and no GEMM with inner size 0
        std::fill(out, out + s.d * s.k * s.m * s.l, T(0));
        return;
    }
    const double flops = 2.0 * double(s.d) * double(s.k) * double(s.m) * double(s.n) * double(s.l);
    const bool threaded = flops >= threaded_flops;
    const int workers = threaded ? int(std::min<index_t>(blas::num_threads(), s.d)) : 1;
    const blas::SerialRegion serial(workers > 1);
    // Matrices i are handed out one at a time: on a shared machine a slow thread takes fewer.
    pool::run(s.d, workers, [&](int, index_t i) { rolled_block(layout, s, i, a, b, out); });
}

template void rolled_matmul<float>(Layout, const RolledShape &, const float *, const float *,
                                   float *);
template void rolled_matmul<double>(Layout, const RolledShape &, const double *, const double *,
                                    double *);

}  // namespace fl::rolled
