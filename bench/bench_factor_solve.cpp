// Factor + solve per iteration: raw LAPACKE (copy A, getrf/potrf, copy B, getrs/potrs)
// against fl_factor_create + fl_factor_solve + fl_factor_destroy on the same matrices.
// The raw side keeps its buffers across iterations (its best case); fastlinalg
// allocates its factor inside the loop, as a user of the API does.
#include "bench_cases.h"
#include "bench_data.h"
#include "bench_lapack.h"

#include <cstring>
#include <vector>

namespace flbench {
namespace {

template <typename T> const std::vector<T> &matrix_for(Kind kind, int64_t n, bool row_major) {
    return kind == Kind::LU ? general_matrix<T>(n, row_major) : spd_matrix<T>(n);
}

template <typename T> void raw_factor_solve(benchmark::State &st, Kind kind, int64_t n, int64_t nrhs, int threads) {
    const std::vector<T> &a = matrix_for<T>(kind, n, false);
    const std::vector<T> &b = rhs_matrix<T>(n, nrhs, false);
    std::vector<T> f(a.size()), x(b.size());
    std::vector<lapack_int> ipiv(static_cast<size_t>(n));
    ThreadScope scope(threads);
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(T));
        std::memcpy(x.data(), b.data(), b.size() * sizeof(T));
        lapack_int info = kind == Kind::LU ? getrf(n, f.data(), ipiv.data()) : potrf(n, f.data());
        if (info == 0)
            info = kind == Kind::LU ? getrs(n, nrhs, f.data(), ipiv.data(), x.data()) : potrs(n, nrhs, f.data(), x.data());
        if (info != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, factor_flops(kind, n) + solve_flops(n, nrhs));
}

template <typename T>
void fl_factor_solve_bench(benchmark::State &st, Kind kind, int64_t n, int64_t nrhs, bool row_major, bool check_finite) {
    const std::vector<T> &a = matrix_for<T>(kind, n, row_major);
    const std::vector<T> &b = rhs_matrix<T>(n, nrhs, row_major);
    std::vector<T> x(b.size());
    const fl_layout layout = row_major ? FL_ROW_MAJOR : FL_COL_MAJOR;
    const fl_factor_kind fkind = kind == Kind::LU ? FL_FACTOR_LU : FL_FACTOR_CHOLESKY;
    const int64_t ldb = row_major ? nrhs : n;
    fl_options *options = nullptr; // NULL: the defaults, which check A for NaN/Inf
    if (!check_finite && (fl_options_create(&options) != FL_OK ||
                          fl_options_set_int(options, FL_OPT_CHECK_FINITE, 0) != FL_OK)) {
        st.SkipWithError(fl_last_error());
        return;
    }
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s = fl_factor_create(&f, fkind, dtype_of<T>(), layout, n, n, a.data(), n, options);
        if (s == FL_OK) s = fl_factor_solve(f, FL_NO_TRANS, dtype_of<T>(), nrhs, layout, b.data(), ldb, layout, x.data(), ldb);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    fl_options_destroy(options);
    set_flops(st, factor_flops(kind, n) + solve_flops(n, nrhs));
}

template <typename T> void register_group(const std::string &op, Kind kind, int64_t n, int64_t nrhs) {
    const benchmark::TimeUnit unit = n >= 1000 ? benchmark::kMillisecond : benchmark::kMicrosecond;
    auto add = [&](const std::string &variant, auto fn) {
        benchmark::RegisterBenchmark(case_name(op, variant, n, nrhs).c_str(), fn)
            ->UseRealTime()
            ->Unit(unit)
            ->ComputeStatistics("min", min_of);
    };
    add("raw", [=](benchmark::State &st) { raw_factor_solve<T>(st, kind, n, nrhs, default_threads()); });
    // One thread beats two for small factorizations; fastlinalg should match the faster.
    if (n <= 500) add("raw_1t", [=](benchmark::State &st) { raw_factor_solve<T>(st, kind, n, nrhs, 1); });
    add("fl_col", [=](benchmark::State &st) { fl_factor_solve_bench<T>(st, kind, n, nrhs, false, true); });
    add("fl_row", [=](benchmark::State &st) { fl_factor_solve_bench<T>(st, kind, n, nrhs, true, true); });
    // What the O(n^2) NaN/Inf check of A costs, where it can show: large n, few b's.
    if (n >= 1000 && nrhs == 10)
        add("fl_nocheck", [=](benchmark::State &st) { fl_factor_solve_bench<T>(st, kind, n, nrhs, false, false); });
}

} // namespace

void register_factor_solve_benchmarks() {
    struct Size { int64_t n, nrhs; };
    const Size sizes[] = {{100, 10}, {500, 10}, {500, 500}, {1000, 10}, {1000, 1000}, {2000, 10}, {2000, 2000}};
    for (const Size &s : sizes) register_group<double>("lu_f64", Kind::LU, s.n, s.nrhs);
    for (const Size &s : sizes) register_group<double>("chol_f64", Kind::Cholesky, s.n, s.nrhs);
    register_group<float>("lu_f32", Kind::LU, 1000, 1000);
}

} // namespace flbench
