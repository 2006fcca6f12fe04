// The raw references: LAPACKE *_work calls (column-major, no extra copies inside
// LAPACKE) overloaded on the element type, the fastlinalg dtype for each type, and
// OpenBLAS thread control.
#pragma once

#include <fastlinalg/fastlinalg.h>
#include <lapacke.h>

#include <cstdint>

extern "C" void openblas_set_num_threads(int);
extern "C" int openblas_get_num_threads(void);

namespace flbench {

inline lapack_int getrf(int64_t n, double *a, lapack_int *ipiv) {
    return LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, ipiv);
}
inline lapack_int getrf(int64_t n, float *a, lapack_int *ipiv) {
    return LAPACKE_sgetrf_work(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, a, (lapack_int)n, ipiv);
}
inline lapack_int getrs(int64_t n, int64_t nrhs, const double *lu, const lapack_int *ipiv, double *x) {
    return LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, 'N', (lapack_int)n, (lapack_int)nrhs, lu, (lapack_int)n, ipiv, x,
                               (lapack_int)n);
}
inline lapack_int getrs(int64_t n, int64_t nrhs, const float *lu, const lapack_int *ipiv, float *x) {
    return LAPACKE_sgetrs_work(LAPACK_COL_MAJOR, 'N', (lapack_int)n, (lapack_int)nrhs, lu, (lapack_int)n, ipiv, x,
                               (lapack_int)n);
}
inline lapack_int potrf(int64_t n, double *a) {
    return LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', (lapack_int)n, a, (lapack_int)n);
}
inline lapack_int potrf(int64_t n, float *a) {
    return LAPACKE_spotrf_work(LAPACK_COL_MAJOR, 'L', (lapack_int)n, a, (lapack_int)n);
}
inline lapack_int potrs(int64_t n, int64_t nrhs, const double *l, double *x) {
    return LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'L', (lapack_int)n, (lapack_int)nrhs, l, (lapack_int)n, x,
                               (lapack_int)n);
}
inline lapack_int potrs(int64_t n, int64_t nrhs, const float *l, float *x) {
    return LAPACKE_spotrs_work(LAPACK_COL_MAJOR, 'L', (lapack_int)n, (lapack_int)nrhs, l, (lapack_int)n, x,
                               (lapack_int)n);
}

template <typename T> constexpr fl_dtype dtype_of();
template <> constexpr fl_dtype dtype_of<double>() { return FL_FLOAT64; }
template <> constexpr fl_dtype dtype_of<float>() { return FL_FLOAT32; }

// OpenBLAS's thread count when the process started (2 on a 2-core machine unless
// OPENBLAS_NUM_THREADS says otherwise). Recorded by main before any benchmark runs.
int default_threads();

// Sets OpenBLAS's thread count for one benchmark and puts the default back after.
class ThreadScope {
public:
    explicit ThreadScope(int threads) { openblas_set_num_threads(threads); }
    ~ThreadScope() { openblas_set_num_threads(default_threads()); }
    ThreadScope(const ThreadScope &) = delete;
    ThreadScope &operator=(const ThreadScope &) = delete;
};

} // namespace flbench
