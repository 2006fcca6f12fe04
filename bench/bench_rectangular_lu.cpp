// Rectangular LU (m != n), factor per iteration: raw LAPACKE (copy A, dgetrf on m x n)
// against fl_factor_create + fl_factor_destroy on the same matrix, and with the packed
// factor and pivots copied out (scipy's lu_factor: fl_factor_get_part + get_indices).
// Names: "rectlu_f64/<variant>/m:<m>/n:<n>".
//   raw         copy A into a kept buffer, LAPACKE_dgetrf_work (raw's best case)
//   fl_col      column-major A: create (copy + getrf) and destroy
//   fl_row      row-major A (numpy's C order): the copy transposes it, so the factor is of A
//   fl_col_lu   fl_col plus FL_PART_LU_PACKED (m x n, column-major) and FL_PART_PIVOTS
#include "bench_cases.h"
#include "bench_data.h"

#include <fastlinalg/fastlinalg.h>
#include <lapacke.h>

#include <algorithm>

#include <cstring>
#include <vector>

namespace flbench {
namespace {

std::string name(const std::string &variant, int64_t m, int64_t n) {
    return "rectlu_f64/" + variant + "/m:" + std::to_string(m) + "/n:" + std::to_string(n);
}

void raw_rectangular_lu(benchmark::State &st, int64_t m, int64_t n) {
    const std::vector<double> &a = rect_matrix(m, n, std::min(m, n));
    std::vector<double> f(a.size());
    std::vector<lapack_int> ipiv(static_cast<size_t>(std::min(m, n)));
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(double));
        if (LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, lapack_int(m), lapack_int(n), f.data(),
                                lapack_int(m), ipiv.data()) < 0) {
            st.SkipWithError("dgetrf rejected an argument");
            break;
        }
        benchmark::ClobberMemory();
    }
}

void fl_rectangular_lu(benchmark::State &st, int64_t m, int64_t n, bool row_major, bool parts) {
    const std::vector<double> &col = rect_matrix(m, n, std::min(m, n));
    std::vector<double> row(col.size());  // the same matrix, row-major
    for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) row[size_t(i * n + j)] = col[size_t(i + j * m)];
    const std::vector<double> &a = row_major ? row : col;
    std::vector<double> packed(col.size());
    std::vector<int64_t> piv(static_cast<size_t>(std::min(m, n)));
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s =
            fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, row_major ? FL_ROW_MAJOR : FL_COL_MAJOR,
                             m, n, a.data(), row_major ? n : m, nullptr);
        if (s == FL_OK && parts)
            s = fl_factor_get_part(f, FL_PART_LU_PACKED, FL_FLOAT64, FL_COL_MAJOR, packed.data(),
                                   m);
        if (s == FL_OK && parts)
            s = fl_factor_get_indices(f, FL_PART_PIVOTS, piv.data(), int64_t(piv.size()));
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
}

}  // namespace

void register_rectangular_lu_benchmarks() {
    struct Shape {
        int64_t m, n;
    };
    for (const Shape s : {Shape{2000, 500}, Shape{500, 2000}, Shape{4000, 200}, Shape{300, 100}}) {
        auto add = [&](const std::string &variant, auto fn) {
            benchmark::RegisterBenchmark(name(variant, s.m, s.n).c_str(), fn)
                ->UseRealTime()
                ->Unit(benchmark::kMillisecond)
                ->ComputeStatistics("min", min_of);
        };
        add("raw", [=](benchmark::State &st) { raw_rectangular_lu(st, s.m, s.n); });
        add("fl_col", [=](benchmark::State &st) { fl_rectangular_lu(st, s.m, s.n, false, false); });
        add("fl_row", [=](benchmark::State &st) { fl_rectangular_lu(st, s.m, s.n, true, false); });
        add("fl_col_lu",
            [=](benchmark::State &st) { fl_rectangular_lu(st, s.m, s.n, false, true); });
    }
}

}  // namespace flbench
