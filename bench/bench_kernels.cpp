// The seed's kernel matrix (Gaussian, GPML M3 = Lambda Lambda^T + diag(psi)^2, N = M = 4000,
// D = 6, Lambda D x 1) in C++, against what it costs to write the result and against the
// straightforward BLAS route:
//   kernel_f64/write/n:4000/d:6     std::fill of the N x M output (already paged in): the floor
//   kernel_f64/raw_gemm/n:4000/d:6  Cholesky of M3 (potrf), both point sets transformed, norms,
//                                   one N x M cblas_dgemm, then a scalar loop of std::exp
//                                   (what the numpy route does, without its temporaries)
//   kernel_f64/fl/n:4000/d:6        fl_kernel_matrix, X2 given
//   kernel_f64/fl_sym/n:4000/d:6    fl_kernel_matrix, x2 = NULL (half computed, mirrored)
//   kernel_grad_f64/fl/n:2000/d:6   fl_kernel_gradient (ARD, 6 length-scales), X2 given
// All with OpenBLAS and fastlinalg at their default thread count; outputs allocated once.
#include "bench_cases.h"
#include "bench_lapack.h"

#include <cblas.h>
#include <fastlinalg/fastlinalg.h>
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>
#include <vector>

namespace flbench {
namespace {

constexpr int64_t kD = 6;

struct Seed {
    std::vector<double> x1, x2, lambda, psi, params;
    double sigma_f = 0.8;
    explicit Seed(int64_t n) : x1(static_cast<size_t>(n * kD)), x2(x1.size()), lambda(kD), psi(kD) {
        std::mt19937_64 gen(1);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (auto *v : {&x1, &x2, &lambda, &psi})
            for (double &e : *v) e = u(gen);
        params = lambda;
        params.insert(params.end(), psi.begin(), psi.end());
    }
};

fl_kernel *seed_kernel(const Seed &s, fl_kernel_kind kind, fl_metric metric,
                       const std::vector<double> &params) {
    fl_kernel *k = nullptr;
    fl_kernel_create(&k, kind, metric, kD, static_cast<int64_t>(params.size()), params.data(),
                     s.sigma_f, 0.0);
    return k;
}

void write_floor(benchmark::State &st, int64_t n) {
    std::vector<double> k(static_cast<size_t>(n * n), 1.0);
    double v = 0;
    for (auto _ : st) {
        std::fill(k.begin(), k.end(), v += 1);
        benchmark::ClobberMemory();
    }
}

void raw_gemm(benchmark::State &st, int64_t n) {
    const Seed s(n);
    std::vector<double> k(static_cast<size_t>(n * n)), u(kD * kD), z1(s.x1.size()), z2(s.x2.size()),
        q1(n), q2(n);
    const int ni = static_cast<int>(n), d = static_cast<int>(kD);
    for (auto _ : st) {
        for (int64_t a = 0; a < kD; ++a)
            for (int64_t b = 0; b < kD; ++b)
                u[a + b * kD] = s.lambda[a] * s.lambda[b] + (a == b ? s.psi[a] * s.psi[a] : 0.0);
        LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'U', d, u.data(), d);  // M = U^T U
        // Z = X U^T (row-major points): as column-major Z^T = U X^T.
        for (auto [x, z, q] : {std::tuple{&s.x1, &z1, &q1}, std::tuple{&s.x2, &z2, &q2}}) {
            *z = *x;
            cblas_dtrmm(CblasColMajor, CblasLeft, CblasUpper, CblasNoTrans, CblasNonUnit, d, ni,
                        1.0, u.data(), d, z->data(), d);
            for (int64_t i = 0; i < n; ++i) {
                double sum = 0;
                for (int64_t c = 0; c < kD; ++c) sum += (*z)[i * kD + c] * (*z)[i * kD + c];
                (*q)[i] = sum;
            }
        }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ni, ni, d, -2.0, z1.data(), d,
                    z2.data(), d, 0.0, k.data(), ni);
        const double sf2 = s.sigma_f * s.sigma_f;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j) {
                double &e = k[i * n + j];
                e = sf2 * std::exp(-0.5 * std::max(0.0, q1[i] + q2[j] + e));
            }
        benchmark::ClobberMemory();
    }
}

void fl_matrix(benchmark::State &st, int64_t n, bool symmetric) {
    const Seed s(n);
    fl_kernel *k = seed_kernel(s, FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, s.params);
    std::vector<double> out(static_cast<size_t>(n * n));
    for (auto _ : st) {
        if (fl_kernel_matrix(k, FL_FLOAT64, FL_ROW_MAJOR, n, s.x1.data(), kD, n,
                             symmetric ? nullptr : s.x2.data(), kD, FL_ROW_MAJOR, out.data(),
                             n) != FL_OK)
            st.SkipWithError(fl_last_error());
        benchmark::ClobberMemory();
    }
    fl_kernel_destroy(k);
}

void fl_gradient(benchmark::State &st, int64_t n) {
    const Seed s(n);
    const std::vector<double> lengthscales(kD, 0.7);
    fl_kernel *k = seed_kernel(s, FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, lengthscales);
    std::vector<double> w(static_cast<size_t>(n * n), 0.5), grad(2 + kD);
    for (auto _ : st) {
        if (fl_kernel_gradient(k, FL_FLOAT64, FL_ROW_MAJOR, n, s.x1.data(), kD, n, s.x2.data(), kD,
                               FL_ROW_MAJOR, w.data(), n, grad.data()) != FL_OK)
            st.SkipWithError(fl_last_error());
        benchmark::ClobberMemory();
    }
    fl_kernel_destroy(k);
}

}  // namespace

void register_kernel_benchmarks() {
    const auto add = [](const std::string &name, auto fn) {
        benchmark::RegisterBenchmark(name.c_str(), fn)
            ->UseRealTime()
            ->Unit(benchmark::kMillisecond)
            ->ComputeStatistics("min", min_of);
    };
    const int64_t n = 4000;
    const std::string size = "/n:" + std::to_string(n) + "/d:" + std::to_string(kD);
    add("kernel_f64/write" + size, [=](benchmark::State &st) { write_floor(st, n); });
    add("kernel_f64/raw_gemm" + size, [=](benchmark::State &st) { raw_gemm(st, n); });
    add("kernel_f64/fl" + size, [=](benchmark::State &st) { fl_matrix(st, n, false); });
    add("kernel_f64/fl_sym" + size, [=](benchmark::State &st) { fl_matrix(st, n, true); });
    add("kernel_grad_f64/fl/n:2000/d:6", [](benchmark::State &st) { fl_gradient(st, 2000); });
}

}  // namespace flbench
