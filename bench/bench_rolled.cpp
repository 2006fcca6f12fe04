// fl_rolled_matmul at the seed's size (d = 64, k = 16, m = n = l = 32) and a larger one,
// against the plain C loop of the definition: one cblas_dgemm per pair (i, j), row-major,
// on OpenBLAS's default threads. FLOPS = 2 d k m n l per call; compare with
// dgemm_f64/raw/n:2000 (bench_gemm.cpp) run alongside.
//   rolled_f64/loop/d:64/k:16/s:32     the d*k GEMM loop
//   rolled_f64/fl_row/d:64/k:16/s:32   fl_rolled_matmul, row-major (numpy's layout)
//   rolled_f64/fl_col/d:64/k:16/s:32   fl_rolled_matmul, column-major
#include "bench_cases.h"
#include "bench_lapack.h"

#include <cblas.h>
#include <fastlinalg/fastlinalg.h>

#include <random>
#include <string>
#include <vector>

namespace flbench {
namespace {

struct RolledCase {
    int64_t d, k, s;  // m = n = l = s
};

std::vector<double> uniform(int64_t count, unsigned seed) {
    std::mt19937_64 gen(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> v(static_cast<size_t>(count));
    for (double &x : v) x = u(gen);
    return v;
}

void rolled(benchmark::State &st, const RolledCase &c, const std::string &variant) {
    const int64_t d = c.d, k = c.k, s = c.s, ss = s * s;
    const std::vector<double> a = uniform(d * ss, 1), b = uniform(d * ss, 2);
    std::vector<double> out(static_cast<size_t>(d * k * ss));
    const int si = static_cast<int>(s);
    for (auto _ : st) {
        if (variant == "loop") {
            for (int64_t i = 0; i < d; ++i)
                for (int64_t j = 0; j < k; ++j)
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, si, si, si, 1.0, a.data() + i * ss, si,
                                b.data() + ((i + j) % d) * ss, si, 0.0, out.data() + (i * k + j) * ss, si);
        } else {
            const fl_layout layout = variant == "fl_row" ? FL_ROW_MAJOR : FL_COL_MAJOR;
            if (fl_rolled_matmul(FL_FLOAT64, layout, d, k, s, s, s, a.data(), b.data(), out.data()) != FL_OK) {
                st.SkipWithError(fl_last_error());
                break;
            }
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, 2.0 * double(d) * double(k) * double(ss) * double(s));
}

}  // namespace

void register_rolled_benchmarks() {
    for (const RolledCase c : {RolledCase{64, 16, 32}, RolledCase{64, 16, 64}})
        for (const std::string variant : {"loop", "fl_row", "fl_col"}) {
            const std::string name = "rolled_f64/" + variant + "/d:" + std::to_string(c.d) + "/k:" +
                                     std::to_string(c.k) + "/s:" + std::to_string(c.s);
            benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State &st) { rolled(st, c, variant); })
                ->UseRealTime()
                ->Unit(benchmark::kMicrosecond)
                ->ComputeStatistics("min", min_of);
        }
}

}  // namespace flbench
