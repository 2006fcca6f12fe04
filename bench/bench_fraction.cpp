// Issue 16 item 5: the big dense factorizations as a fraction of the same run's DGEMM rate,
// and whether a blocked or recursive formulation on OpenBLAS's BLAS-3 beats OpenBLAS's own
// dgetrf/dpotrf. Wall clock, rounds interleaved, medians; flop counts are LAPACK's
// (GEMM 2n^3, LU 2n^3/3, Cholesky and LDL^T n^3/3, QR 4n^3/3).
//
//   fastlinalg-bench-fraction N [ROUNDS]
//
// Rows: fastlinalg's factorization (fl_factor_create, copy and checks included), the raw
// LAPACKE call on a preallocated copy, and the candidate formulations:
//   LU        right-looking, panels of nb columns by dgetrf, then dlaswp, dtrsm, dgemm
//   Cholesky  right-looking, nb-column panels: dpotrf, dtrsm, then dsyrk on each diagonal
//             block and dgemm below it; and recursive halving (dtrsm + dsyrk) down to a
//             leaf done by dpotrf
#include <cblas.h>
#include <lapacke.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fastlinalg/fastlinalg.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

size_t at(int i, int j, int ld) { return static_cast<size_t>(i) + static_cast<size_t>(j) * ld; }

// P A = L U, right-looking on panels of nb columns.
void lu_blocked(int n, double *a, std::vector<lapack_int> &ipiv, int nb) {
    for (int j = 0; j < n; j += nb) {
        const int jb = std::min(nb, n - j), rest = n - j - jb;
        LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n - j, jb, a + at(j, j, n), n, ipiv.data() + j);
        for (int i = j; i < j + jb; ++i) ipiv[static_cast<size_t>(i)] += j;
        LAPACKE_dlaswp_work(LAPACK_COL_MAJOR, j, a, n, j + 1, j + jb, ipiv.data(), 1);
        if (rest == 0) break;
        LAPACKE_dlaswp_work(LAPACK_COL_MAJOR, rest, a + at(0, j + jb, n), n, j + 1, j + jb,
                            ipiv.data(), 1);
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasUnit, jb, rest, 1.0,
                    a + at(j, j, n), n, a + at(j, j + jb, n), n);
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, rest, rest, jb, -1.0,
                    a + at(j + jb, j, n), n, a + at(j, j + jb, n), n, 1.0, a + at(j + jb, j + jb, n),
                    n);
    }
}

// A = L L^T (lower), right-looking on panels of nb columns.
void cholesky_blocked(int n, double *a, int nb) {
    for (int j = 0; j < n; j += nb) {
        const int jb = std::min(nb, n - j), rest = n - j - jb;
        LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', jb, a + at(j, j, n), n);
        if (rest == 0) break;
        double *l = a + at(j + jb, j, n);
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, rest, jb, 1.0,
                    a + at(j, j, n), n, l, n);
        for (int c = 0; c < rest; c += nb) {
            const int cb = std::min(nb, rest - c), below = rest - c - cb;
            const int d = j + jb + c;
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, cb, jb, -1.0, l + c, n, 1.0,
                        a + at(d, d, n), n);
            if (below > 0)
                cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, below, cb, jb, -1.0,
                            l + c + cb, n, l + c, n, 1.0, a + at(d + cb, d, n), n);
        }
    }
}

// A = L L^T (lower) by halving: L11, L21 = A21 L11^-T, A22 - L21 L21^T, L22.
void cholesky_recursive(int n, double *a, int ld, int leaf) {
    if (n <= leaf) {
        LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', n, a, ld);
        return;
    }
    const int n1 = n / 2, n2 = n - n1;
    cholesky_recursive(n1, a, ld, leaf);
    cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, n2, n1, 1.0, a, ld,
                a + n1, ld);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, n2, n1, -1.0, a + n1, ld, 1.0,
                a + at(n1, n1, ld), ld);
    cholesky_recursive(n2, a + at(n1, n1, ld), ld, leaf);
}

void fastlinalg_factor(fl_factor_kind kind, int n, const std::vector<double> &a) {
    fl_factor *f = nullptr;
    if (fl_factor_create(&f, kind, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, nullptr) != FL_OK) {
        std::fprintf(stderr, "fl_factor_create: %s\n", fl_last_error());
        std::exit(1);
    }
    fl_factor_destroy(f);
}

struct Row {
    std::string name;
    double flops;
    std::function<void(std::vector<double> &)> run;  // on a fresh copy of its input
    const std::vector<double> *input;
    std::vector<double> seconds;
};

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s N [ROUNDS]\n", argv[0]);
        return 2;
    }
    const int n = std::atoi(argv[1]), rounds = argc == 3 ? std::atoi(argv[2]) : 3;
    std::mt19937_64 rng(3);
    std::normal_distribution<double> normal;
    std::vector<double> g(at(0, n, n)), spd(g.size()), c(g.size());
    for (double &v : g) v = normal(rng);
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, n, n, n, 1.0, g.data(), n, g.data(), n,
                0.0, spd.data(), n);
    for (int i = 0; i < n; ++i) spd[at(i, i, n)] += n;
    std::vector<lapack_int> ipiv(static_cast<size_t>(n));
    const double n3 = double(n) * n * n;

    std::vector<Row> rows = {
        {"DGEMM (n x n x n)", 2 * n3,
         [&](std::vector<double> &a) {
             cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a.data(), n,
                         spd.data(), n, 0.0, c.data(), n);
         },
         &g, {}},
        {"LU: fastlinalg", 2 * n3 / 3, [&](std::vector<double> &) { fastlinalg_factor(FL_FACTOR_LU, n, g); },
         &g, {}},
        {"LU: LAPACKE dgetrf", 2 * n3 / 3,
         [&](std::vector<double> &a) {
             LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, a.data(), n, ipiv.data());
         },
         &g, {}},
        {"LU: blocked nb 256", 2 * n3 / 3, [&](std::vector<double> &a) { lu_blocked(n, a.data(), ipiv, 256); },
         &g, {}},
        {"LU: blocked nb 384", 2 * n3 / 3, [&](std::vector<double> &a) { lu_blocked(n, a.data(), ipiv, 384); },
         &g, {}},
        {"Cholesky: fastlinalg", n3 / 3,
         [&](std::vector<double> &) { fastlinalg_factor(FL_FACTOR_CHOLESKY, n, spd); }, &spd, {}},
        {"Cholesky: LAPACKE dpotrf", n3 / 3,
         [&](std::vector<double> &a) { LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', n, a.data(), n); },
         &spd, {}},
        {"Cholesky: blocked nb 256", n3 / 3,
         [&](std::vector<double> &a) { cholesky_blocked(n, a.data(), 256); }, &spd, {}},
        {"Cholesky: recursive leaf 128", n3 / 3,
         [&](std::vector<double> &a) { cholesky_recursive(n, a.data(), n, 128); }, &spd, {}},
        {"LDL^T: fastlinalg", n3 / 3, [&](std::vector<double> &) { fastlinalg_factor(FL_FACTOR_LDLT, n, spd); },
         &spd, {}},
        {"QR: fastlinalg", 4 * n3 / 3, [&](std::vector<double> &) { fastlinalg_factor(FL_FACTOR_QR, n, g); },
         &g, {}},
    };
    for (int r = 0; r < rounds; ++r)
        for (Row &row : rows) {
            std::vector<double> a = *row.input;
            const Clock::time_point t0 = Clock::now();
            row.run(a);
            row.seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
        }
    const char *env = std::getenv("OPENBLAS_CORETYPE");
    std::printf("n = %d, %d interleaved rounds (medians); BLAS core %s (%s), %d threads\n", n,
                rounds, fl_blas_core(), env != nullptr ? "OPENBLAS_CORETYPE set" : "chosen by OpenBLAS",
                fl_get_num_threads());
    const double gemm_rate = rows[0].flops / median(rows[0].seconds);
    for (const Row &row : rows) {
        const double rate = row.flops / median(row.seconds);
        std::printf("  %-30s %9.1f ms  %6.1f GFLOP/s  %5.1f%% of DGEMM\n", row.name.c_str(),
                    1e3 * median(row.seconds), rate / 1e9, 100 * rate / gemm_rate);
    }
    return 0;
}
