// Least squares, factor + solve per iteration: raw LAPACKE drivers against
// fl_factor_create + fl_factor_solve + fl_factor_destroy on the same column-major A
// (m-by-n, m >= n) and B (m-by-nrhs). Names: "<op>/<variant>/m:<m>/n:<n>/rank:<r>/nrhs:<k>".
//   qr_ls_f64   raw: copy A and B (gels overwrites both), LAPACKE_dgels_work
//               fl_col: FL_FACTOR_QR
//   cod_ls_f64  raw: copy A and B, zero jpvt, LAPACKE_dgelsy_work (rcond = max(m, n) eps,
//               fastlinalg's default rank tolerance); fl_col: FL_FACTOR_COD
//   svd_ls_f64  raw: copy A and B, LAPACKE_dgelsd_work (rcond as above). dgelsd never forms
//               U and V (it solves through the bidiagonal form), so it does less work than
//               an SVD handle, which keeps U, s, V^T for later solves. raw_gesdd is the
//               same work as fastlinalg's: copy A, dgesdd('S'), then X = V_r diag(1/s_r)
//               U_r^T B with two dgemm; raw_gesdd_wide the same on A^T (n-by-m), which is
//               what fastlinalg factors for a row-major A; fl_col: FL_FACTOR_SVD
//   fl_row (all three): row-major A, B and X (numpy's C order), fastlinalg only
// rank < n: A is a product of m-by-r and r-by-n uniform matrices (COD and SVD only; QR
// refuses rank-deficient A). Workspaces are queried once, outside the timed loop (raw's
// best case); fastlinalg allocates inside, as a user of the API does.
#include "bench_cases.h"
#include "bench_data.h"
#include "bench_lapack.h"

#include <cblas.h>

#include <cfloat>
#include <algorithm>
#include <cstring>
#include <functional>
#include <vector>

namespace flbench {
namespace {

struct LsCase {
    int64_t m, n, rank, nrhs;
};

std::string ls_name(const std::string &op, const std::string &variant, const LsCase &c) {
    return op + "/" + variant + "/m:" + std::to_string(c.m) + "/n:" + std::to_string(c.n) +
           "/rank:" + std::to_string(c.rank) + "/nrhs:" + std::to_string(c.nrhs);
}

// Flops, for the FLOPS counter only: Householder QR 2 m n^2 - 2/3 n^3, apply Q^T 4 m n k,
// triangular solve n^2 k. SVD: the same order; the counter is indicative.
double ls_flops(const LsCase &c) {
    const double m = double(c.m), n = double(c.n), k = double(c.nrhs);
    return 2.0 * m * n * n - 2.0 / 3.0 * n * n * n + 4.0 * m * n * k + n * n * k;
}

double rank_rcond(const LsCase &c) { return double(std::max(c.m, c.n)) * DBL_EPSILON; }

enum class Driver { gels, gelsy, gelsd, gesdd, gesdd_wide };

// raw_gesdd_wide: dgesdd('S') of A^T (n-by-m, wide), which is what fastlinalg hands LAPACK
// for a row-major A (the memory of a row-major A is A^T column-major), then the same two
// dgemm (X = U' diag(1/s) V'^T B). Shows what LAPACK's wide path costs.
void raw_svd_wide(benchmark::State &st, LsCase c) {
    const std::vector<double> &a0 = rect_matrix(c.m, c.n, c.rank);
    std::vector<double> at(a0.size());
    for (int64_t j = 0; j < c.n; ++j)
        for (int64_t i = 0; i < c.m; ++i) at[static_cast<size_t>(j + i * c.n)] = a0[static_cast<size_t>(i + j * c.m)];
    const std::vector<double> &b = rhs_matrix<double>(c.m, c.nrhs, false);
    const lapack_int m = (lapack_int)c.m, n = (lapack_int)c.n, k = (lapack_int)c.nrhs, mn = std::min(m, n);
    std::vector<double> f(at.size()), s(static_cast<size_t>(mn)), u(static_cast<size_t>(n) * mn),
        vt(static_cast<size_t>(mn) * m), w(static_cast<size_t>(mn) * k), out(static_cast<size_t>(n) * k);
    std::vector<lapack_int> iwork(static_cast<size_t>(8) * mn);
    double q = 0;
    // A^T (n-by-m) = U' S V'^T, so A = V' S U'^T: U = V', V = U'.
    if (LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'S', n, m, f.data(), n, s.data(), u.data(), n, vt.data(), mn, &q, -1,
                            iwork.data()) != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<double> work(static_cast<size_t>(q) + 1);
    const double rcond = rank_rcond(c);
    ThreadScope scope(default_threads());
    for (auto _ : st) {
        std::memcpy(f.data(), at.data(), at.size() * sizeof(double));
        if (LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'S', n, m, f.data(), n, s.data(), u.data(), n, vt.data(), mn,
                                work.data(), (lapack_int)work.size(), iwork.data()) != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        lapack_int r = 0;
        while (r < mn && s[static_cast<size_t>(r)] > rcond * s[0]) ++r;
        // W = V'_r^T B... here U of A is V' = rows of vt transposed: W = (vt_r) B (r-by-k).
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, r, k, m, 1.0, vt.data(), mn, b.data(), m, 0.0, w.data(),
                    mn);
        for (lapack_int j = 0; j < k; ++j)
            for (lapack_int i = 0; i < r; ++i) w[static_cast<size_t>(i + j * mn)] /= s[static_cast<size_t>(i)];
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, k, r, 1.0, u.data(), n, w.data(), mn, 0.0, out.data(),
                    n);
        benchmark::ClobberMemory();
    }
    set_flops(st, ls_flops(c));
}

void raw_ls(benchmark::State &st, Driver drv, LsCase c) {
    const std::vector<double> &a = rect_matrix(c.m, c.n, c.rank);
    const std::vector<double> &b = rhs_matrix<double>(c.m, c.nrhs, false);
    const lapack_int m = (lapack_int)c.m, n = (lapack_int)c.n, k = (lapack_int)c.nrhs;
    const lapack_int mn = std::min(m, n);
    std::vector<double> f(a.size()), x(b.size()), s(static_cast<size_t>(mn));
    std::vector<double> u, vt, w;
    std::vector<lapack_int> jpvt(static_cast<size_t>(n)), iwork;
    const double rcond = rank_rcond(c);
    lapack_int rank = 0, info = 0;
    double q = 0;
    // Workspace queries (lwork = -1).
    switch (drv) {
    case Driver::gels:
        info = LAPACKE_dgels_work(LAPACK_COL_MAJOR, 'N', m, n, k, f.data(), m, x.data(), m, &q, -1);
        break;
    case Driver::gelsy:
        info = LAPACKE_dgelsy_work(LAPACK_COL_MAJOR, m, n, k, f.data(), m, x.data(), m, jpvt.data(), rcond, &rank,
                                   &q, -1);
        break;
    case Driver::gelsd: {
        lapack_int iq = 0;
        info = LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, m, n, k, f.data(), m, x.data(), m, s.data(), rcond, &rank, &q,
                                   -1, &iq);
        iwork.resize(static_cast<size_t>(std::max<lapack_int>(iq, 1)));
        break;
    }
    case Driver::gesdd_wide:
        break;
    case Driver::gesdd:
        u.resize(static_cast<size_t>(m) * mn);
        vt.resize(static_cast<size_t>(mn) * n);
        w.resize(static_cast<size_t>(mn) * k);
        iwork.resize(static_cast<size_t>(8) * mn);
        info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'S', m, n, f.data(), m, s.data(), u.data(), m, vt.data(), mn, &q,
                                   -1, iwork.data());
        break;
    }
    if (info != 0) {
        st.SkipWithError("workspace query failed");
        return;
    }
    std::vector<double> work(static_cast<size_t>(q) + 1);
    const lapack_int lwork = (lapack_int)work.size();
    std::vector<double> out(static_cast<size_t>(n) * k);
    ThreadScope scope(default_threads());
    for (auto _ : st) {
        std::memcpy(f.data(), a.data(), a.size() * sizeof(double));
        if (drv != Driver::gesdd) std::memcpy(x.data(), b.data(), b.size() * sizeof(double));
        switch (drv) {
        case Driver::gels:
            info = LAPACKE_dgels_work(LAPACK_COL_MAJOR, 'N', m, n, k, f.data(), m, x.data(), m, work.data(), lwork);
            break;
        case Driver::gelsy:
            std::fill(jpvt.begin(), jpvt.end(), 0);
            info = LAPACKE_dgelsy_work(LAPACK_COL_MAJOR, m, n, k, f.data(), m, x.data(), m, jpvt.data(), rcond, &rank,
                                       work.data(), lwork);
            break;
        case Driver::gelsd:
            info = LAPACKE_dgelsd_work(LAPACK_COL_MAJOR, m, n, k, f.data(), m, x.data(), m, s.data(), rcond, &rank,
                                       work.data(), lwork, iwork.data());
            break;
        case Driver::gesdd_wide:
            break;
        case Driver::gesdd: {
            info = LAPACKE_dgesdd_work(LAPACK_COL_MAJOR, 'S', m, n, f.data(), m, s.data(), u.data(), m, vt.data(), mn,
                                       work.data(), lwork, iwork.data());
            if (info != 0) break;
            lapack_int r = 0;
            while (r < mn && s[static_cast<size_t>(r)] > rcond * s[0]) ++r;
            // W = U_r^T B (r-by-k), scaled row i by 1/s_i, then X = V_r W = (V^T_r)^T W.
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, r, k, m, 1.0, u.data(), m, b.data(), m, 0.0, w.data(),
                        mn);
            for (lapack_int j = 0; j < k; ++j)
                for (lapack_int i = 0; i < r; ++i) w[static_cast<size_t>(i + j * mn)] /= s[static_cast<size_t>(i)];
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, n, k, r, 1.0, vt.data(), mn, w.data(), mn, 0.0,
                        out.data(), n);
            break;
        }
        }
        if (info != 0) {
            st.SkipWithError("LAPACK reported an error");
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, ls_flops(c));
}

std::vector<double> transposed(const std::vector<double> &m, int64_t rows, int64_t cols) {
    std::vector<double> t(m.size());
    for (int64_t j = 0; j < cols; ++j)
        for (int64_t i = 0; i < rows; ++i) t[static_cast<size_t>(i * cols + j)] = m[static_cast<size_t>(i + j * rows)];
    return t;
}

// fl_col: column-major A, B, X. fl_row: the same matrices row-major (numpy's C order,
// what the Python binding passes for C-ordered arrays), copied outside the timed loop.
void fl_ls(benchmark::State &st, fl_factor_kind kind, LsCase c, bool row_major) {
    const std::vector<double> &a0 = rect_matrix(c.m, c.n, c.rank);
    const std::vector<double> &b0 = rhs_matrix<double>(c.m, c.nrhs, false);
    const std::vector<double> a = row_major ? transposed(a0, c.m, c.n) : a0;
    const std::vector<double> b = row_major ? transposed(b0, c.m, c.nrhs) : b0;
    const fl_layout lay = row_major ? FL_ROW_MAJOR : FL_COL_MAJOR;
    const int64_t lda = row_major ? c.n : c.m, ldb = row_major ? c.nrhs : c.m, ldx = row_major ? c.nrhs : c.n;
    std::vector<double> x(static_cast<size_t>(c.n * c.nrhs));
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s = fl_factor_create(&f, kind, FL_FLOAT64, lay, c.m, c.n, a.data(), lda, nullptr);
        if (s == FL_OK)
            s = fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, c.nrhs, lay, b.data(), ldb, lay, x.data(), ldx);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    set_flops(st, ls_flops(c));
}

void add(const std::string &name, benchmark::TimeUnit unit, std::function<void(benchmark::State &)> fn) {
    benchmark::RegisterBenchmark(name.c_str(), fn)->UseRealTime()->Unit(unit)->ComputeStatistics("min", min_of);
}

} // namespace

void register_lstsq_benchmarks() {
    const benchmark::TimeUnit ms = benchmark::kMillisecond;
    const LsCase full[] = {{2000, 200, 200, 500}, {1000, 1000, 1000, 100}};
    const LsCase deficient{2000, 200, 150, 500};
    for (const LsCase &c : full) {
        add(ls_name("qr_ls_f64", "raw", c), ms, [=](benchmark::State &st) { raw_ls(st, Driver::gels, c); });
        add(ls_name("qr_ls_f64", "fl_col", c), ms, [=](benchmark::State &st) { fl_ls(st, FL_FACTOR_QR, c, false); });
        add(ls_name("qr_ls_f64", "fl_row", c), ms, [=](benchmark::State &st) { fl_ls(st, FL_FACTOR_QR, c, true); });
    }
    for (const LsCase &c : {full[0], full[1], deficient}) {
        add(ls_name("cod_ls_f64", "raw", c), ms, [=](benchmark::State &st) { raw_ls(st, Driver::gelsy, c); });
        add(ls_name("cod_ls_f64", "fl_col", c), ms, [=](benchmark::State &st) { fl_ls(st, FL_FACTOR_COD, c, false); });
        add(ls_name("cod_ls_f64", "fl_row", c), ms, [=](benchmark::State &st) { fl_ls(st, FL_FACTOR_COD, c, true); });
        add(ls_name("svd_ls_f64", "raw", c), ms, [=](benchmark::State &st) { raw_ls(st, Driver::gelsd, c); });
        add(ls_name("svd_ls_f64", "raw_gesdd", c), ms, [=](benchmark::State &st) { raw_ls(st, Driver::gesdd, c); });
        add(ls_name("svd_ls_f64", "raw_gesdd_wide", c), ms, [=](benchmark::State &st) { raw_svd_wide(st, c); });
        add(ls_name("svd_ls_f64", "fl_col", c), ms, [=](benchmark::State &st) { fl_ls(st, FL_FACTOR_SVD, c, false); });
        add(ls_name("svd_ls_f64", "fl_row", c), ms, [=](benchmark::State &st) { fl_ls(st, FL_FACTOR_SVD, c, true); });
    }
}

} // namespace flbench
