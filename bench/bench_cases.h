// What the benchmarks measure and how their names are built. A name is
// "<op>/<variant>/n:<n>/nrhs:<nrhs>"; run_benchmarks.sh's ratio table pairs the
// variants of one op, n and nrhs:
//   raw     copy A + LAPACKE getrf/potrf + getrs/potrs, OpenBLAS at its default threads
//   raw_1t  the same with OpenBLAS on one thread
//   fl_col  fl_factor_create + fl_factor_solve, column-major A, B and X
//   fl_row  the same with row-major A, B and X (numpy's layout)
//   fl_nocheck  fl_col with FL_OPT_CHECK_FINITE = 0 (no NaN/Inf scan of A)
// The least-squares and symmetric ops (bench_lstsq.cpp, bench_sym.cpp) add raw_gesdd and
// raw_sytrs2 (other raw references for the same work) and, for rectangular A,
// "<op>/<variant>/m:<m>/n:<n>/rank:<r>/nrhs:<k>".
// plus one reference that is not a fastlinalg case, "dgemm_f64/<raw|raw_1t>/n:2000"
// (bench_gemm.cpp): the machine's DGEMM rate with the kernel set in use.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace flbench {

enum class Kind { LU, Cholesky };

inline std::string case_name(const std::string &op, const std::string &variant, int64_t n, int64_t nrhs) {
    return op + "/" + variant + "/n:" + std::to_string(n) + "/nrhs:" + std::to_string(nrhs);
}

// Flops of one factorization (2/3 n^3 for LU, 1/3 n^3 for Cholesky) and of a solve
// with nrhs right-hand sides (2 n^2 nrhs).
inline double factor_flops(Kind kind, int64_t n) {
    double dn = static_cast<double>(n);
    return (kind == Kind::LU ? 2.0 / 3.0 : 1.0 / 3.0) * dn * dn * dn;
}
inline double solve_flops(int64_t n, int64_t nrhs) {
    return 2.0 * static_cast<double>(n) * static_cast<double>(n) * static_cast<double>(nrhs);
}

// Reports flop/s (printed with a G suffix) next to the time.
inline void set_flops(benchmark::State &st, double flops_per_iteration) {
    st.counters["FLOPS"] = benchmark::Counter(flops_per_iteration, benchmark::Counter::kIsIterationInvariantRate,
                                              benchmark::Counter::OneK::kIs1000);
}

// A "min" aggregate next to Google Benchmark's mean/median/stddev/cv: on a shared
// machine other work only ever adds time, so the fastest repetition is the second
// opinion on a ratio whose medians are noisy.
inline double min_of(const std::vector<double> &v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); }

void register_factor_solve_benchmarks();
void register_solve_only_benchmarks();
void register_gemm_benchmarks();
void register_lstsq_benchmarks(); // bench_lstsq.cpp: QR/COD/SVD least squares vs gels/gelsy/gelsd
void register_sym_benchmarks();   // bench_sym.cpp: LDL^T vs sytrf+sytrs(2), EIGH vs syevd, sygvd
void register_rolled_benchmarks(); // bench_rolled.cpp: fl_rolled_matmul vs the d*k GEMM loop
void register_products_benchmarks();  // bench_products.cpp: Y^T A^-1 Y vs potrf+trsm+syrk
void register_kernel_benchmarks(); // bench_kernels.cpp: kernel matrices vs writing K and a BLAS route
void register_save_load_benchmarks(); // bench_save_load.cpp: fl_factor_serialize/deserialize vs refactoring
void register_complex_benchmarks();  // bench_complex.cpp: complex128 LU/Cholesky vs zgetrf/zpotrf +
                                     // solves
void register_rectangular_lu_benchmarks();  // bench_rectangular_lu.cpp: m x n LU vs dgetrf

} // namespace flbench
