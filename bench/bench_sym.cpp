// Symmetric indefinite A (the symmetric part of a uniform [0, 1) matrix, column-major,
// lower triangle used), factor (+ solve) per iteration:
//   ldlt_f64/<variant>/n:<n>/nrhs:<k>
//     raw         copy A, LAPACKE_dsytrf_work('L'), copy B, LAPACKE_dsytrs_work
//     raw_sytrs2  copy A, dsytrf, copy B, LAPACKE_dsytrs2_work on the factor itself (it
//                 converts the factor and puts it back). fastlinalg calls sytrs2 from 64
//                 b's on, on a copy of the factor (a shared handle must not be written),
//                 and sytrs below 64; so fl_col/raw_sytrs2 shows the copy's cost and
//                 fl_col/raw what the switch buys
//     fl_col      fl_factor_create(FL_FACTOR_LDLT) + fl_factor_solve + fl_factor_destroy
//   eigh_f64/<variant>/n:<n>/nrhs:0 (no solve)
//     raw         copy A, LAPACKE_dsyevd_work('V', 'L')
//     fl_col      fl_factor_create(FL_FACTOR_EIGH) + fl_factor_destroy
//   geneig_f64/<variant>/n:<n>/nrhs:0, A v = w B v (itype 1) with B = spd_matrix(n)
//     raw         copy A and B, LAPACKE_dsygvd_work(1, 'V', 'L')
//     fl_col      fl_factor_create_generalized_eigh(1) + fl_factor_destroy
// Workspaces of the raw side are queried once, outside the timed loop.
#include "bench_cases.h"
#include "bench_data.h"
#include "bench_lapack.h"

#include <cstring>
#include <vector>

namespace flbench {
namespace {

double ldlt_flops(int64_t n, int64_t k) {
    const double dn = double(n);
    return dn * dn * dn / 3.0 + 2.0 * dn * dn * double(k);
}

void raw_ldlt(benchmark::State &st, int64_t n, int64_t k, bool blocked) {
    const std::vector<double> &a = sym_matrix(n);
    const std::vector<double> &b = rhs_matrix<double>(n, k, false);
    const lapack_int ni = (lapack_int)n, ki = (lapack_int)k;
    std::vector<double> f(a.size()), x(b.size()), w(static_cast<size_t>(n));
    std::vector<lapack_int> ipiv(static_cast<size_t>(n));
    double q = 0;
    if (LAPACKE_dsytrf_work(LAPACK_COL_MAJOR, 'L', ni, f.data(), ni, ipiv.data(), &q, -1) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<double> work(static_cast<size_t>(q) + 1);
    ThreadScope scope(default_threads());
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(double));
        lapack_int info =
            LAPACKE_dsytrf_work(LAPACK_COL_MAJOR, 'L', ni, f.data(), ni, ipiv.data(), work.data(), (lapack_int)work.size());
        std::memcpy(x.data(), b.data(), b.size() * sizeof(double));
        if (info == 0)
            info = blocked ? LAPACKE_dsytrs2_work(LAPACK_COL_MAJOR, 'L', ni, ki, f.data(), ni, ipiv.data(), x.data(), ni,
                                                  w.data())
                           : LAPACKE_dsytrs_work(LAPACK_COL_MAJOR, 'L', ni, ki, f.data(), ni, ipiv.data(), x.data(), ni);
        if (info != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, ldlt_flops(n, k));
}

void raw_eigh(benchmark::State &st, int64_t n) {
    const std::vector<double> &a = sym_matrix(n);
    const lapack_int ni = (lapack_int)n;
    std::vector<double> f(a.size()), ev(static_cast<size_t>(n));
    double q = 0;
    lapack_int iq = 0;
    if (LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, 'V', 'L', ni, f.data(), ni, ev.data(), &q, -1, &iq, -1) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<double> work(static_cast<size_t>(q) + 1);
    std::vector<lapack_int> iwork(static_cast<size_t>(iq) + 1);
    ThreadScope scope(default_threads());
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(double));
        if (LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, 'V', 'L', ni, f.data(), ni, ev.data(), work.data(),
                                (lapack_int)work.size(), iwork.data(), (lapack_int)iwork.size()) != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    const double dn = double(n);
    set_flops(st, 4.0 / 3.0 * dn * dn * dn + 2.0 * dn * dn * dn); // tridiagonalize + back-transform, roughly
}

void fl_sym(benchmark::State &st, fl_factor_kind kind, int64_t n, int64_t k) {
    const std::vector<double> &a = sym_matrix(n);
    const std::vector<double> &b = rhs_matrix<double>(n, k, false);
    std::vector<double> x(b.size());
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s = fl_factor_create(&f, kind, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, nullptr);
        if (s == FL_OK && k > 0)
            s = fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, b.data(), n, FL_COL_MAJOR, x.data(), n);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    const double dn = double(n);
    set_flops(st, kind == FL_FACTOR_LDLT ? ldlt_flops(n, k) : 4.0 / 3.0 * dn * dn * dn + 2.0 * dn * dn * dn);
}

// sygvd's work: Cholesky of B (n^3/3), the reduction to C = L^-1 A L^-T (n^3), syevd on C
// and the back-transformation V = L^-T Y (n^3).
double geneig_flops(int64_t n) {
    const double dn = double(n);
    return (1.0 / 3.0 + 1.0 + 4.0 / 3.0 + 2.0 + 1.0) * dn * dn * dn;
}

void raw_geneig(benchmark::State &st, int64_t n) {
    const std::vector<double> &a = sym_matrix(n), &b = spd_matrix<double>(n);
    const lapack_int ni = (lapack_int)n;
    std::vector<double> fa(a.size()), fb(b.size()), ev(static_cast<size_t>(n));
    double q = 0;
    lapack_int iq = 0;
    if (LAPACKE_dsygvd_work(LAPACK_COL_MAJOR, 1, 'V', 'L', ni, fa.data(), ni, fb.data(), ni,
                            ev.data(), &q, -1, &iq, -1) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<double> work(static_cast<size_t>(q) + 1);
    std::vector<lapack_int> iwork(static_cast<size_t>(iq) + 1);
    ThreadScope scope(default_threads());
    for (auto _ : st) {
        std::memcpy(fa.data(), a.data(), a.size() * sizeof(double));
        std::memcpy(fb.data(), b.data(), b.size() * sizeof(double));
        if (LAPACKE_dsygvd_work(LAPACK_COL_MAJOR, 1, 'V', 'L', ni, fa.data(), ni, fb.data(), ni,
                                ev.data(), work.data(), (lapack_int)work.size(), iwork.data(),
                                (lapack_int)iwork.size()) != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, geneig_flops(n));
}

void fl_geneig(benchmark::State &st, int64_t n) {
    const std::vector<double> &a = sym_matrix(n), &b = spd_matrix<double>(n);
    for (auto _ : st) {
        fl_factor *f = nullptr;
        const fl_status s = fl_factor_create_generalized_eigh(&f, 1, FL_FLOAT64, FL_COL_MAJOR, n,
                                                              a.data(), n, b.data(), n, nullptr);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, geneig_flops(n));
}

template <class Fn> void add(const std::string &name, Fn fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond)
        ->ComputeStatistics("min", min_of);
}

} // namespace

void register_sym_benchmarks() {
    struct Size { int64_t n, nrhs; };
    for (const Size &s : {Size{1000, 10}, Size{1000, 1000}, Size{2000, 10}, Size{2000, 2000}}) {
        const int64_t n = s.n, k = s.nrhs;
        add(case_name("ldlt_f64", "raw", n, k), [=](benchmark::State &st) { raw_ldlt(st, n, k, false); });
        if (k >= 64) add(case_name("ldlt_f64", "raw_sytrs2", n, k), [=](benchmark::State &st) { raw_ldlt(st, n, k, true); });
        add(case_name("ldlt_f64", "fl_col", n, k), [=](benchmark::State &st) { fl_sym(st, FL_FACTOR_LDLT, n, k); });
    }
    for (int64_t n : {500, 1000}) {
        add(case_name("eigh_f64", "raw", n, 0), [=](benchmark::State &st) { raw_eigh(st, n); });
        add(case_name("eigh_f64", "fl_col", n, 0), [=](benchmark::State &st) { fl_sym(st, FL_FACTOR_EIGH, n, 0); });
        add(case_name("geneig_f64", "raw", n, 0), [=](benchmark::State &st) { raw_geneig(st, n); });
        add(case_name("geneig_f64", "fl_col", n, 0),
            [=](benchmark::State &st) { fl_geneig(st, n); });
    }
}

} // namespace flbench
