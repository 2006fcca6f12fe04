// Complex factor + solve per iteration (issue 15's goal: within 5% of raw LAPACKE):
// raw zgetrf/zgetrs and zpotrf/zpotrs (copy A, factor, copy B, solve) against
// fl_factor_create + fl_factor_solve + fl_factor_destroy with FL_COMPLEX128, the same
// protocol as bench_factor_solve.cpp. Cases "lu_c128/..." and "chol_c128/...". And the
// Hermitian eigendecomposition alone, as bench_sym.cpp's eigh_f64: raw copies A and calls
// zheevd('V', 'L') with workspaces queried once outside the loop; fl is fl_factor_create
// (FL_FACTOR_EIGH) + fl_factor_destroy. Cases "eigh_c128/.../nrhs:0". And the thin SVD of a
// tall general matrix the same way: raw copies A and calls zgesdd('S') with its workspaces
// queried once; fl is fl_factor_create(FL_FACTOR_SVD) + fl_factor_destroy. Cases
// "svd_c128/.../nrhs:0" (the size is the row count; the matrix is m-by-m/2).
// And the Hermitian indefinite LDL^H, factor + solve: raw copies A, calls zhetrf (workspace
// queried once outside the loop), copies B and calls zhetrs; fl is fl_factor_create
// (FL_FACTOR_LDLT) + fl_factor_solve + fl_factor_destroy. Cases "ldlh_c128/...".
#include <algorithm>
#include <complex>
#include <cstring>
#include <map>
#include <random>
#include <utility>
#include <vector>

// LAPACKE's complex arguments as std::complex (this file includes no other LAPACKE user).
#define lapack_complex_float  std::complex<float>
#define lapack_complex_double std::complex<double>
#include <fastlinalg/fastlinalg.h>
#include <lapacke.h>

#include "bench_cases.h"

namespace flbench {
namespace {

using Z = std::complex<double>;

// A general matrix (uniform entries, LU pivots) or a Hermitian positive definite one
// ((R + R^H) / 2 + 2 n I), made once per size. Read row-major, the same numbers are A^T
// (conj(A) for the Hermitian one), a matrix of the same kind and difficulty.
const std::vector<Z> &complex_matrix(Kind kind, int64_t n) {
    static std::map<std::pair<int, int64_t>, std::vector<Z>> cache;
    std::vector<Z> &a = cache[{kind == Kind::LU ? 0 : 1, n}];
    if (!a.empty()) return a;
    std::mt19937_64 gen(static_cast<unsigned>(n));
    std::uniform_real_distribution<double> u(-1, 1);
    a.resize(static_cast<size_t>(n * n));
    for (Z &z : a) z = Z(u(gen), u(gen));
    if (kind == Kind::Cholesky) {
        for (int64_t j = 0; j < n; ++j)
            for (int64_t i = 0; i <= j; ++i) {
                const Z h = (a[size_t(i + j * n)] + std::conj(a[size_t(j + i * n)])) / 2.0;
                a[size_t(i + j * n)] = std::conj(h);  // the copy is Hermitian in both layouts
                a[size_t(j + i * n)] = h;
            }
        for (int64_t i = 0; i < n; ++i)
            a[size_t(i + i * n)] = Z(a[size_t(i + i * n)].real() + 2.0 * n, 0);
    }
    return a;
}

const std::vector<Z> &complex_rhs(int64_t n, int64_t nrhs) {
    static std::map<std::pair<int64_t, int64_t>, std::vector<Z>> cache;
    std::vector<Z> &b = cache[{n, nrhs}];
    if (b.empty()) {
        std::mt19937_64 gen(7);
        std::uniform_real_distribution<double> u(-1, 1);
        b.resize(static_cast<size_t>(n * nrhs));
        for (Z &z : b) z = Z(u(gen), u(gen));
    }
    return b;
}

// A complex flop is 4 real ones (a multiply-add is 8 against 2).
double complex_flops(Kind kind, int64_t n, int64_t nrhs) {
    return 4 * (factor_flops(kind, n) + solve_flops(n, nrhs));
}

void raw_complex(benchmark::State &st, Kind kind, int64_t n, int64_t nrhs) {
    const std::vector<Z> &a = complex_matrix(kind, n);
    const std::vector<Z> &b = complex_rhs(n, nrhs);
    std::vector<Z> f(a.size()), x(b.size());
    std::vector<lapack_int> ipiv(static_cast<size_t>(n));
    const lapack_int ni = static_cast<lapack_int>(n), ki = static_cast<lapack_int>(nrhs);
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(Z));
        std::memcpy(x.data(), b.data(), b.size() * sizeof(Z));
        lapack_int info =
            kind == Kind::LU
                ? LAPACKE_zgetrf_work(LAPACK_COL_MAJOR, ni, ni, f.data(), ni, ipiv.data())
                : LAPACKE_zpotrf_work(LAPACK_COL_MAJOR, 'L', ni, f.data(), ni);
        if (info == 0)
            info = kind == Kind::LU ? LAPACKE_zgetrs_work(LAPACK_COL_MAJOR, 'N', ni, ki, f.data(),
                                                          ni, ipiv.data(), x.data(), ni)
                                    : LAPACKE_zpotrs_work(LAPACK_COL_MAJOR, 'L', ni, ki, f.data(),
                                                          ni, x.data(), ni);
        if (info != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    st.counters["FLOPS"] = benchmark::Counter(complex_flops(kind, n, nrhs),
                                              benchmark::Counter::kIsIterationInvariantRate,
                                              benchmark::Counter::OneK::kIs1000);
}

// fl_factor_create(fkind) + fl_factor_solve + fl_factor_destroy of a, n-by-n, in the layout.
void fl_factor_solve_case(benchmark::State &st, fl_factor_kind fkind, const std::vector<Z> &a,
                          int64_t n, int64_t nrhs, bool row_major) {
    const std::vector<Z> &b = complex_rhs(n, nrhs);  // read as row-major n-by-nrhs when row_major
    std::vector<Z> x(b.size());
    const fl_layout layout = row_major ? FL_ROW_MAJOR : FL_COL_MAJOR;
    const int64_t ldb = row_major ? nrhs : n;
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s =
            fl_factor_create(&f, fkind, FL_COMPLEX128, layout, n, n, a.data(), n, nullptr);
        if (s == FL_OK)
            s = fl_factor_solve(f, FL_NO_TRANS, FL_COMPLEX128, nrhs, layout, b.data(), ldb, layout,
                                x.data(), ldb);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
}

void fl_complex(benchmark::State &st, Kind kind, int64_t n, int64_t nrhs, bool row_major) {
    fl_factor_solve_case(st, kind == Kind::LU ? FL_FACTOR_LU : FL_FACTOR_CHOLESKY,
                         complex_matrix(kind, n), n, nrhs, row_major);
    st.counters["FLOPS"] = benchmark::Counter(complex_flops(kind, n, nrhs),
                                              benchmark::Counter::kIsIterationInvariantRate,
                                              benchmark::Counter::OneK::kIs1000);
}

void raw_eigh_complex(benchmark::State &st, int64_t n) {
    const std::vector<Z> &a = complex_matrix(Kind::Cholesky, n);  // Hermitian
    const lapack_int ni = static_cast<lapack_int>(n);
    std::vector<Z> f(a.size()), work_query(1);
    std::vector<double> w(static_cast<size_t>(n)), rwork_query(1);
    lapack_int iwork_query = 0;
    if (LAPACKE_zheevd_work(LAPACK_COL_MAJOR, 'V', 'L', ni, f.data(), ni, w.data(),
                            work_query.data(), -1, rwork_query.data(), -1, &iwork_query, -1) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<Z> work(static_cast<size_t>(work_query[0].real()) + 1);
    std::vector<double> rwork(static_cast<size_t>(rwork_query[0]) + 1);
    std::vector<lapack_int> iwork(static_cast<size_t>(iwork_query) + 1);
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(Z));
        if (LAPACKE_zheevd_work(LAPACK_COL_MAJOR, 'V', 'L', ni, f.data(), ni, w.data(), work.data(),
                                static_cast<lapack_int>(work.size()), rwork.data(),
                                static_cast<lapack_int>(rwork.size()), iwork.data(),
                                static_cast<lapack_int>(iwork.size())) != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
}

void fl_eigh_complex(benchmark::State &st, int64_t n, bool row_major) {
    const std::vector<Z> &a = complex_matrix(Kind::Cholesky, n);
    for (auto _ : st) {
        fl_factor *f = nullptr;
        const fl_status s =
            fl_factor_create(&f, FL_FACTOR_EIGH, FL_COMPLEX128,
                             row_major ? FL_ROW_MAJOR : FL_COL_MAJOR, n, n, a.data(), n, nullptr);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
}

// The tall m-by-m/2 matrix of the SVD cases: the leading columns of the general m-by-m one.
int64_t svd_cols(int64_t m) { return m / 2; }

void raw_svd_complex(benchmark::State &st, int64_t m) {
    const std::vector<Z> &a = complex_matrix(Kind::LU, m);
    const int64_t n = svd_cols(m);
    const lapack_int mi = static_cast<lapack_int>(m), ni = static_cast<lapack_int>(n);
    std::vector<Z> f(static_cast<size_t>(m * n)), u(static_cast<size_t>(m * n)),
        vt(static_cast<size_t>(n * n)), work_query(1);
    std::vector<double> s(static_cast<size_t>(n));
    // zgesdd's documented rwork for jobz = 'S', and 8 min(m, n) integers.
    std::vector<double> rwork(
        static_cast<size_t>(std::max(5 * n * n + 5 * n, 2 * m * n + 2 * n * n + n)));
    std::vector<lapack_int> iwork(static_cast<size_t>(8 * n));
    if (LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, 'S', mi, ni, f.data(), mi, s.data(), u.data(), mi,
                            vt.data(), ni, work_query.data(), -1, rwork.data(),
                            iwork.data()) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<Z> work(static_cast<size_t>(work_query[0].real()) + 1);
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), f.size() * sizeof(Z));
        if (LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, 'S', mi, ni, f.data(), mi, s.data(), u.data(), mi,
                                vt.data(), ni, work.data(), static_cast<lapack_int>(work.size()),
                                rwork.data(), iwork.data()) != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
}

// The Hermitian positive definite matrix with every other diagonal element negated:
// Hermitian and indefinite (the diagonal dominates, so Bunch-Kaufman pivots little, as
// for most well-conditioned matrices), Hermitian in both layouts.
const std::vector<Z> &hermitian_indefinite(int64_t n) {
    static std::map<int64_t, std::vector<Z>> cache;
    std::vector<Z> &a = cache[n];
    if (a.empty()) {
        a = complex_matrix(Kind::Cholesky, n);
        for (int64_t i = 1; i < n; i += 2) a[size_t(i + i * n)] = -a[size_t(i + i * n)];
    }
    return a;
}

void raw_ldlh(benchmark::State &st, int64_t n, int64_t nrhs) {
    const std::vector<Z> &a = hermitian_indefinite(n);
    const std::vector<Z> &b = complex_rhs(n, nrhs);
    std::vector<Z> f(a.size()), x(b.size()), query(1);
    std::vector<lapack_int> ipiv(static_cast<size_t>(n));
    const lapack_int ni = static_cast<lapack_int>(n), ki = static_cast<lapack_int>(nrhs);
    if (LAPACKE_zhetrf_work(LAPACK_COL_MAJOR, 'L', ni, f.data(), ni, ipiv.data(), query.data(),
                            -1) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<Z> work(static_cast<size_t>(query[0].real()) + 1);
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(Z));
        std::memcpy(x.data(), b.data(), b.size() * sizeof(Z));
        lapack_int info = LAPACKE_zhetrf_work(LAPACK_COL_MAJOR, 'L', ni, f.data(), ni, ipiv.data(),
                                              work.data(), static_cast<lapack_int>(work.size()));
        if (info == 0)
            info = LAPACKE_zhetrs_work(LAPACK_COL_MAJOR, 'L', ni, ki, f.data(), ni, ipiv.data(),
                                       x.data(), ni);
        if (info != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
}

// Row-major, the same numbers are an n-by-m wide matrix's memory read as the m-by-n A: the
// library factors it as it lies (W = A^T is tall), with the same work as the raw case.
void fl_svd_complex(benchmark::State &st, int64_t m, bool row_major) {
    const std::vector<Z> &a = complex_matrix(Kind::LU, m);
    const int64_t n = svd_cols(m);
    for (auto _ : st) {
        fl_factor *f = nullptr;
        const fl_status s = row_major ? fl_factor_create(&f, FL_FACTOR_SVD, FL_COMPLEX128,
                                                         FL_ROW_MAJOR, n, m, a.data(), m, nullptr)
                                      : fl_factor_create(&f, FL_FACTOR_SVD, FL_COMPLEX128,
                                                         FL_COL_MAJOR, m, n, a.data(), m, nullptr);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
}

void fl_ldlh(benchmark::State &st, int64_t n, int64_t nrhs, bool row_major) {
    fl_factor_solve_case(st, FL_FACTOR_LDLT, hermitian_indefinite(n), n, nrhs, row_major);
}

}  // namespace

// One case, timed in real time, with the "min" aggregate.
template <class Fn>
void add_case(const std::string &op, const std::string &variant, int64_t n, int64_t nrhs, Fn fn) {
    benchmark::RegisterBenchmark(case_name(op, variant, n, nrhs).c_str(), fn)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond)
        ->ComputeStatistics("min", min_of);
}

void register_complex_benchmarks() {
    const int64_t nrhs = 10;
    for (const int64_t n : {int64_t(1000), int64_t(2000)}) {
        for (const Kind kind : {Kind::LU, Kind::Cholesky}) {
            const std::string op = kind == Kind::LU ? "lu_c128" : "chol_c128";
            add_case(op, "raw", n, nrhs,
                     [=](benchmark::State &st) { raw_complex(st, kind, n, nrhs); });
            add_case(op, "fl_col", n, nrhs,
                     [=](benchmark::State &st) { fl_complex(st, kind, n, nrhs, false); });
            add_case(op, "fl_row", n, nrhs,
                     [=](benchmark::State &st) { fl_complex(st, kind, n, nrhs, true); });
        }
        add_case("ldlh_c128", "raw", n, nrhs, [=](benchmark::State &st) { raw_ldlh(st, n, nrhs); });
        add_case("ldlh_c128", "fl_col", n, nrhs,
                 [=](benchmark::State &st) { fl_ldlh(st, n, nrhs, false); });
        add_case("ldlh_c128", "fl_row", n, nrhs,
                 [=](benchmark::State &st) { fl_ldlh(st, n, nrhs, true); });
    }
    // Factor only, n = 1000 (the SVD's matrix is 1000-by-500).
    const int64_t n = 1000;
    add_case("eigh_c128", "raw", n, 0, [=](benchmark::State &st) { raw_eigh_complex(st, n); });
    add_case("eigh_c128", "fl_col", n, 0,
             [=](benchmark::State &st) { fl_eigh_complex(st, n, false); });
    add_case("eigh_c128", "fl_row", n, 0,
             [=](benchmark::State &st) { fl_eigh_complex(st, n, true); });
    add_case("svd_c128", "raw", n, 0, [=](benchmark::State &st) { raw_svd_complex(st, n); });
    add_case("svd_c128", "fl_col", n, 0, [=](benchmark::State &st) { fl_svd_complex(st, n, false); });
    add_case("svd_c128", "fl_row", n, 0, [=](benchmark::State &st) { fl_svd_complex(st, n, true); });
}

}  // namespace flbench
