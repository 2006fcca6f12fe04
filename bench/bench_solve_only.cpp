// Solve only: A is factored once outside the timed loop, each iteration solves for the
// right-hand sides. raw = copy B into X + getrs/potrs; fl = fl_factor_solve (which
// writes X from B). nrhs = 1 shows the fixed cost of one call; nrhs = n the BLAS-3 path.
// fl_row with few b's (16 nrhs < n: n = 100 with 1, n = 1000 with 1 and 10) takes
// fastlinalg's column-major-copy path; n = 100 with 10 b's and nrhs = n the right-side trsm.
// raw_1t: raw on one OpenBLAS thread, where fastlinalg runs the solve on one thread.
// The timed loop is the same for every variant, so the ratios compare like with like.
#include "bench_cases.h"
#include "bench_data.h"
#include "bench_lapack.h"

#include <cstring>
#include <vector>

namespace flbench {
namespace {

template <typename T> void raw_solve(benchmark::State &st, Kind kind, int64_t n, int64_t nrhs, int threads) {
    std::vector<T> f = kind == Kind::LU ? general_matrix<T>(n, false) : spd_matrix<T>(n);
    const std::vector<T> &b = rhs_matrix<T>(n, nrhs, false);
    std::vector<T> x(b.size());
    std::vector<lapack_int> ipiv(static_cast<size_t>(n));
    ThreadScope scope(threads);
    if ((kind == Kind::LU ? getrf(n, f.data(), ipiv.data()) : potrf(n, f.data())) != 0) {
        st.SkipWithError("LAPACK factorization failed");
        return;
    }
    for (auto _ : st) {
        std::memcpy(x.data(), b.data(), b.size() * sizeof(T));
        lapack_int info = kind == Kind::LU ? getrs(n, nrhs, f.data(), ipiv.data(), x.data()) : potrs(n, nrhs, f.data(), x.data());
        if (info != 0) {
            st.SkipWithError("LAPACK solve failed");
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, solve_flops(n, nrhs));
}

// check_finite: the factor's FL_OPT_CHECK_FINITE, which also covers B in every solve.
template <typename T>
void fl_solve(benchmark::State &st, Kind kind, int64_t n, int64_t nrhs, bool row_major,
              bool check_finite = true) {
    const fl_layout layout = row_major ? FL_ROW_MAJOR : FL_COL_MAJOR;
    const std::vector<T> &a = kind == Kind::LU ? general_matrix<T>(n, row_major) : spd_matrix<T>(n);
    const std::vector<T> &b = rhs_matrix<T>(n, nrhs, row_major);
    std::vector<T> x(b.size());
    const int64_t ldb = row_major ? nrhs : n;
    fl_options *options = nullptr;
    fl_options_create(&options);
    fl_options_set_int(options, FL_OPT_CHECK_FINITE, check_finite ? 1 : 0);
    fl_factor *f = nullptr;
    const fl_status made =
        fl_factor_create(&f, kind == Kind::LU ? FL_FACTOR_LU : FL_FACTOR_CHOLESKY, dtype_of<T>(),
                         layout, n, n, a.data(), n, options);
    fl_options_destroy(options);
    if (made != FL_OK) {
        st.SkipWithError(fl_last_error());
        return;
    }
    for (auto _ : st) {
        if (fl_factor_solve(f, FL_NO_TRANS, dtype_of<T>(), nrhs, layout, b.data(), ldb, layout, x.data(), ldb) != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    fl_factor_destroy(f);
    set_flops(st, solve_flops(n, nrhs));
}

template <typename T> void register_group(const std::string &op, Kind kind, int64_t n, int64_t nrhs) {
    const benchmark::TimeUnit unit = n * nrhs >= 1000000 ? benchmark::kMillisecond : benchmark::kMicrosecond;
    auto add = [&](const std::string &variant, auto fn) {
        benchmark::RegisterBenchmark(case_name(op, variant, n, nrhs).c_str(), fn)
            ->UseRealTime()
            ->Unit(unit)
            ->ComputeStatistics("min", min_of);
    };
    add("raw", [=](benchmark::State &st) { raw_solve<T>(st, kind, n, nrhs, default_threads()); });
    // fastlinalg solves with n^2 nrhs < 2^18 on one thread: raw on one thread too, there.
    if (static_cast<double>(n) * n * nrhs < 262144.0)
        add("raw_1t", [=](benchmark::State &st) { raw_solve<T>(st, kind, n, nrhs, 1); });
    add("fl_col", [=](benchmark::State &st) { fl_solve<T>(st, kind, n, nrhs, false); });
    add("fl_row", [=](benchmark::State &st) { fl_solve<T>(st, kind, n, nrhs, true); });
}

} // namespace

void register_solve_only_benchmarks() {
    struct Size { int64_t n, nrhs; };
    const Size sizes[] = {{100, 1}, {100, 10}, {1000, 1}, {1000, 10}, {500, 500}, {1000, 1000}, {2000, 2000}};
    for (const Size &s : sizes) register_group<double>("solve_lu_f64", Kind::LU, s.n, s.nrhs);
    for (const Size &s : sizes) register_group<double>("solve_chol_f64", Kind::Cholesky, s.n, s.nrhs);
    // The cost of FL_OPT_CHECK_FINITE's check of B (issue 13, item 10): the same LU solve
    // with the factor made checking (the default) and not.
    for (const bool check : {true, false})
        benchmark::RegisterBenchmark(
            case_name("solve_lu_f64_b_check", check ? "fl_checked" : "fl_unchecked", 2000, 10)
                .c_str(),
            [=](benchmark::State &st) { fl_solve<double>(st, Kind::LU, 2000, 10, false, check); })
            ->UseRealTime()
            ->Unit(benchmark::kMicrosecond)
            ->ComputeStatistics("min", min_of);
}

} // namespace flbench
