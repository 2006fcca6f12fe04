// fastlinalg-bench: registers every case, records what runs underneath in the
// benchmark context (and so in the JSON output), and runs Google Benchmark.
#include "bench_cases.h"
#include "bench_lapack.h"

#include <string>

namespace flbench {
namespace {
int g_default_threads = 1;
}
int default_threads() { return g_default_threads; }
} // namespace flbench

int main(int argc, char **argv) {
    flbench::g_default_threads = openblas_get_num_threads();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::AddCustomContext("fl_version", fl_version());
    benchmark::AddCustomContext("fl_blas_info", fl_blas_info());
    benchmark::AddCustomContext("fl_blas_core", fl_blas_core());
    benchmark::AddCustomContext("openblas_default_threads", std::to_string(flbench::g_default_threads));
    flbench::register_factor_solve_benchmarks();
    flbench::register_solve_only_benchmarks();
    flbench::register_gemm_benchmarks();
    flbench::register_lstsq_benchmarks();
    flbench::register_sym_benchmarks();
    flbench::register_rolled_benchmarks();
    flbench::register_products_benchmarks();
    flbench::register_kernel_benchmarks();
    flbench::register_save_load_benchmarks();
    flbench::register_complex_benchmarks();
    flbench::register_rectangular_lu_benchmarks();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
