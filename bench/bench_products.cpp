// Seed 002's quadratic form Y^T A^-1 Y with the factorization in the timing, A symmetric
// positive definite (spd_matrix), Y uniform [0, 1) (rhs_matrix), k = n columns or fewer:
//   quadform_f64/<variant>/n:<n>/nrhs:<k>
//     raw      copy A, LAPACKE_dpotrf_work('L'), copy Y, cblas_dtrsm (Z = L^-1 Y),
//              cblas_dsyrk (Z^T Z, lower triangle only): the cheapest route there is
//     raw_inv  copy A, dpotrf, dpotri (A^-1, lower), cblas_dsymm (A^-1 Y), cblas_dgemm
//              (Y^T (A^-1 Y)): the "inverse first" route of the seed, done in LAPACK
//     fl_col   fl_factor_create(FL_FACTOR_CHOLESKY) + fl_factor_quadratic_form +
//              fl_factor_destroy, A, Y and out column-major
//     fl_row   the same with everything row-major (numpy's layout)
// fastlinalg copies A once (its factor) and Y once (Z), as raw does, and mirrors the
// result into a full symmetric matrix, which raw does not.
#include "bench_cases.h"
#include "bench_data.h"
#include "bench_lapack.h"

#include <cblas.h>

#include <cstring>
#include <vector>

namespace flbench {
namespace {

double quadform_flops(int64_t n, int64_t k) {
    const double dn = double(n), dk = double(k);
    return dn * dn * dn / 3.0 + dn * dn * dk + dn * dk * dk;
}

void raw_quadform(benchmark::State &st, int64_t n, int64_t k, bool inverse_first) {
    const std::vector<double> &a = spd_matrix<double>(n);
    const std::vector<double> &y = rhs_matrix<double>(n, k, false);
    const lapack_int ni = (lapack_int)n, ki = (lapack_int)k;
    std::vector<double> f(a.size()), z(y.size()), out(static_cast<size_t>(k * k));
    ThreadScope scope(default_threads());
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(double));
        lapack_int info = potrf(n, f.data());
        if (info == 0 && inverse_first) {
            info = LAPACKE_dpotri_work(LAPACK_COL_MAJOR, 'L', ni, f.data(), ni);
            cblas_dsymm(CblasColMajor, CblasLeft, CblasLower, ni, ki, 1.0, f.data(), ni, y.data(),
                        ni, 0.0, z.data(), ni);
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, ki, ki, ni, 1.0, y.data(), ni,
                        z.data(), ni, 0.0, out.data(), ki);
        } else if (info == 0) {
            std::memcpy(z.data(), y.data(), y.size() * sizeof(double));
            cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, ni, ki,
                        1.0, f.data(), ni, z.data(), ni);
            cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, ki, ni, 1.0, z.data(), ni, 0.0,
                        out.data(), ki);
        }
        if (info != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, quadform_flops(n, k));
}

void fl_quadform(benchmark::State &st, int64_t n, int64_t k, fl_layout layout) {
    const bool row = layout == FL_ROW_MAJOR;
    const std::vector<double> &a = spd_matrix<double>(n);  // symmetric: the same in both layouts
    const std::vector<double> &y = rhs_matrix<double>(n, k, row);
    std::vector<double> out(static_cast<size_t>(k * k));
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s = fl_factor_create(&f, FL_FACTOR_CHOLESKY, FL_FLOAT64, layout, n, n, a.data(),
                                       n, nullptr);
        if (s == FL_OK)
            s = fl_factor_quadratic_form(f, FL_FLOAT64, k, layout, y.data(), row ? k : n, layout,
                                         out.data(), k);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, quadform_flops(n, k));
}

template <class Fn>
void add(const std::string &name, Fn fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond)
        ->ComputeStatistics("min", min_of);
}

}  // namespace

void register_products_benchmarks() {
    struct Size {
        int64_t n, k;
    };
    for (const Size &s : {Size{1000, 1000}, Size{200, 200}, Size{1000, 20}}) {
        const int64_t n = s.n, k = s.k;
        add(case_name("quadform_f64", "raw", n, k),
            [=](benchmark::State &st) { raw_quadform(st, n, k, false); });
        add(case_name("quadform_f64", "raw_inv", n, k),
            [=](benchmark::State &st) { raw_quadform(st, n, k, true); });
        add(case_name("quadform_f64", "fl_col", n, k),
            [=](benchmark::State &st) { fl_quadform(st, n, k, FL_COL_MAJOR); });
        add(case_name("quadform_f64", "fl_row", n, k),
            [=](benchmark::State &st) { fl_quadform(st, n, k, FL_ROW_MAJOR); });
    }
}

}  // namespace flbench
