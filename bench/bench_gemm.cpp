// The machine's reference rate: one column-major DGEMM, C <- A B, n = 2000, through
// cblas_dgemm (OpenBLAS). Not a fastlinalg case: it says how fast the kernel set in
// use (OPENBLAS_CORETYPE) multiplies on this machine, so that the factorization times
// can be read against it. FLOPS = 2 n^3 per call.
//   dgemm_f64/raw/n:2000     OpenBLAS at its default thread count
//   dgemm_f64/raw_1t/n:2000  OpenBLAS on one thread
#include "bench_cases.h"
#include "bench_data.h"
#include "bench_lapack.h"

#include <cblas.h>

#include <vector>

namespace flbench {
namespace {

void raw_dgemm(benchmark::State &st, int64_t n, int threads) {
    const std::vector<double> &a = general_matrix<double>(n, false);
    const std::vector<double> &b = rhs_matrix<double>(n, n, false);
    std::vector<double> c(static_cast<size_t>(n * n));
    ThreadScope scope(threads);
    const int ni = static_cast<int>(n);
    for (auto _ : st) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, ni, ni, ni, 1.0, a.data(), ni, b.data(), ni, 0.0,
                    c.data(), ni);
        benchmark::ClobberMemory();
    }
    const double dn = static_cast<double>(n);
    set_flops(st, 2.0 * dn * dn * dn);
}

} // namespace

void register_gemm_benchmarks() {
    const int64_t n = 2000;
    auto add = [&](const std::string &variant, int threads) {
        benchmark::RegisterBenchmark(("dgemm_f64/" + variant + "/n:" + std::to_string(n)).c_str(),
                                     [=](benchmark::State &st) { raw_dgemm(st, n, threads == 0 ? default_threads() : threads); })
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond)
            ->ComputeStatistics("min", min_of);
    };
    add("raw", 0);
    add("raw_1t", 1);
}

} // namespace flbench
