// Issue 16's large-matrix measurements, each as one process that times both sides
// interleaved (round by round) and prints medians and ratios:
//   fastlinalg-bench-large mixed N NRHS KAPPA ROUNDS   mixed vs float64 LU and Cholesky,
//                                                       factor + solve, backward errors
//   fastlinalg-bench-large rss N copy|overwrite        peak RSS (VmHWM) of one n-by-n LU,
//                                                       one case per process
//   fastlinalg-bench-large rfp N ROUNDS                 Cholesky factor + 10-rhs solve in full vs
//                                                       RFP storage, and the factor's memory
//   fastlinalg-bench-large pool ROUNDS                 per-call cost of sharing a tiny job:
//                                                       the persistent pool vs a thread start
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/thread_pool.hpp"
#include "fastlinalg/fastlinalg.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void check(fl_status s, const char *what) {
    if (s != FL_OK) {
        std::fprintf(stderr, "%s: %s\n", what, fl_last_error());
        std::exit(1);
    }
}

// Column-major A = Q diag(d) Q^T (spd) or that times a second orthogonal matrix, with d from
// 1 down to 1/kappa: Q from Householder reflections of random vectors (O(n^2) each, a few).
std::vector<double> conditioned(int64_t n, double kappa, bool spd, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    std::vector<double> a(static_cast<size_t>(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i)
        a[static_cast<size_t>(i + i * n)] =
            std::pow(kappa, -double(i) / double(std::max<int64_t>(1, n - 1)));
    // A <- H A H for a few reflections H = I - 2 v v^T (keeps it symmetric); for the
    // nonsymmetric case only from the left afterwards.
    auto reflect = [&](bool left, bool right) {
        std::vector<double> v(static_cast<size_t>(n));
        double norm = 0;
        for (double &x : v) norm += (x = normal(rng)) * x;
        for (double &x : v) x /= std::sqrt(norm);
        std::vector<double> w(static_cast<size_t>(n));
        if (left) {  // A <- A - 2 v (v^T A)
            for (int64_t j = 0; j < n; ++j) {
                double s = 0;
                for (int64_t i = 0; i < n; ++i) s += v[i] * a[static_cast<size_t>(i + j * n)];
                for (int64_t i = 0; i < n; ++i) a[static_cast<size_t>(i + j * n)] -= 2 * v[i] * s;
            }
        }
        if (right) {  // A <- A - 2 (A v) v^T
            std::fill(w.begin(), w.end(), 0.0);
            for (int64_t j = 0; j < n; ++j)
                for (int64_t i = 0; i < n; ++i) w[i] += a[static_cast<size_t>(i + j * n)] * v[j];
            for (int64_t j = 0; j < n; ++j)
                for (int64_t i = 0; i < n; ++i)
                    a[static_cast<size_t>(i + j * n)] -= 2 * w[i] * v[j];
        }
    };
    for (int r = 0; r < 4; ++r) reflect(true, true);
    if (!spd)
        for (int r = 0; r < 2; ++r) reflect(true, false);
    return a;
}

// ||b - A x||_inf / (||A||_inf ||x||_inf), worst column.
double backward_error(const std::vector<double> &a, const std::vector<double> &x,
                      const std::vector<double> &b, int64_t n, int64_t k) {
    double anorm = 0;
    for (int64_t i = 0; i < n; ++i) {
        double s = 0;
        for (int64_t j = 0; j < n; ++j) s += std::fabs(a[static_cast<size_t>(i + j * n)]);
        anorm = std::max(anorm, s);
    }
    double worst = 0;
    for (int64_t c = 0; c < k; ++c) {
        double rmax = 0, xmax = 0;
        for (int64_t i = 0; i < n; ++i) {
            long double r = b[static_cast<size_t>(i + c * n)];
            for (int64_t j = 0; j < n; ++j)
                r -= (long double)a[static_cast<size_t>(i + j * n)] *
                     x[static_cast<size_t>(j + c * n)];
            rmax = std::max(rmax, double(std::fabs(r)));
            xmax = std::max(xmax, std::fabs(x[static_cast<size_t>(i + c * n)]));
        }
        worst = std::max(worst, rmax / (anorm * xmax));
    }
    return worst;
}

struct Run {
    double seconds;
    double backward;
    int64_t precision, fallback, steps;
};

// With `overwrite` the factor is made in a copy of A (made before the clock starts) with
// FL_OPT_OVERWRITE_A, so that neither route copies A.
Run factor_solve(fl_factor_kind kind, bool mixed, bool overwrite, const std::vector<double> &a,
                 const std::vector<double> &b, int64_t n, int64_t k, bool measure_error) {
    fl_options *o = nullptr;
    check(fl_options_create(&o), "options");
    check(fl_options_set_int(o, FL_OPT_PRECISION, mixed ? FL_PRECISION_MIXED : FL_PRECISION_NATIVE),
          "set");
    check(fl_options_set_int(o, FL_OPT_OVERWRITE_A, overwrite ? 1 : 0), "set");
    std::vector<double> x(b.size()), own;
    if (overwrite) own = a;
    fl_factor *f = nullptr;
    const Clock::time_point t0 = Clock::now();
    check(fl_factor_create(&f, kind, FL_FLOAT64, FL_COL_MAJOR, n, n, overwrite ? own.data() : a.data(),
                           n, o),
          "create");
    check(fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, b.data(), n, FL_COL_MAJOR,
                          x.data(), n),
          "solve");
    Run r{seconds_since(t0), 0, 0, 0, 0};
    fl_factor_get_info(f, FL_INFO_PRECISION, &r.precision);
    fl_factor_get_info(f, FL_INFO_FALLBACK, &r.fallback);
    fl_factor_get_info(f, FL_INFO_REFINEMENT_STEPS, &r.steps);
    fl_factor_destroy(f);
    fl_options_destroy(o);
    if (measure_error) r.backward = backward_error(a, x, b, n, k);
    return r;
}

int mixed(int64_t n, int64_t k, double kappa, int rounds, bool overwrite) {
    std::printf(
        "n = %lld, nrhs = %lld, kappa = %g, %d interleaved rounds%s; BLAS core %s, %d threads\n",
        (long long)n, (long long)k, kappa, rounds, overwrite ? ", both in place (overwrite_a)" : "",
        fl_blas_core(), fl_get_num_threads());
    std::mt19937_64 rng(7);
    std::normal_distribution<double> normal;
    std::vector<double> b(static_cast<size_t>(n * k));
    for (double &v : b) v = normal(rng);
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY}) {
        const std::vector<double> a = conditioned(n, kappa, kind == FL_FACTOR_CHOLESKY, 3);
        std::vector<double> t64, tmixed;
        Run last64{}, lastmixed{};
        for (int r = 0; r < rounds; ++r) {
            const bool error = r == rounds - 1;
            last64 = factor_solve(kind, false, overwrite, a, b, n, k, error);
            lastmixed = factor_solve(kind, true, overwrite, a, b, n, k, error);
            t64.push_back(last64.seconds);
            tmixed.push_back(lastmixed.seconds);
        }
        std::printf(
            "%-9s float64 %8.1f ms  mixed %8.1f ms  speed-up %.2fx  | backward error float64 %.2e, "
            "mixed %.2e | mixed path: precision %lld, fallback %lld, steps %lld\n",
            kind == FL_FACTOR_LU ? "LU" : "Cholesky", 1e3 * median(t64), 1e3 * median(tmixed),
            median(t64) / median(tmixed), last64.backward, lastmixed.backward,
            (long long)lastmixed.precision, (long long)lastmixed.fallback,
            (long long)lastmixed.steps);
    }
    return 0;
}

long vm_hwm_kib() {
    FILE *f = std::fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (f != nullptr && std::fgets(line, sizeof line, f) != nullptr)
        if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::atol(line + 6);
    if (f != nullptr) std::fclose(f);
    return kib;
}

int rss(int64_t n, bool overwrite) {
    // A first, small LU makes OpenBLAS allocate its per-thread buffers (tens of MiB, once
    // per process), so that `before` holds everything but A and its factorization.
    {
        const int64_t m = 1024;
        std::vector<double> warm(static_cast<size_t>(m * m), 1.0);
        for (int64_t i = 0; i < m; ++i) warm[static_cast<size_t>(i + i * m)] = double(m);
        fl_factor *f = nullptr;
        check(fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, m, m, warm.data(), m,
                               nullptr),
              "warm-up");
        fl_factor_destroy(f);
    }
    const long before = vm_hwm_kib();
    std::vector<double> a(static_cast<size_t>(n * n));
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i)
            a[static_cast<size_t>(i + j * n)] =
                (i == j ? double(n) : 0.0) + std::sin(double(i * 7 + j * 13));
    fl_options *o = nullptr;
    check(fl_options_create(&o), "options");
    check(fl_options_set_int(o, FL_OPT_OVERWRITE_A, overwrite ? 1 : 0), "set");
    fl_factor *f = nullptr;
    check(fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, o),
          "create");
    int64_t used = 0;
    fl_factor_get_info(f, FL_INFO_OVERWRITES_A, &used);
    const long peak = vm_hwm_kib();
    const double a_kib = double(n) * double(n) * 8 / 1024;
    std::printf(
        "n = %lld LU, overwrite_a = %d (honoured %lld): VmHWM %.1f MiB before A (after a warm-up "
        "LU), "
        "%.1f MiB after; "
        "A is %.1f MiB; (peak - before) / A = %.3f\n",
        (long long)n, overwrite ? 1 : 0, (long long)used, before / 1024.0, peak / 1024.0,
        a_kib / 1024, double(peak - before) / a_kib);
    fl_factor_destroy(f);
    fl_options_destroy(o);
    return 0;
}

// One Cholesky factor + solve of A (column-major, lower triangle read) in `storage`.
double cholesky_seconds(int64_t storage, const std::vector<double> &a, const std::vector<double> &b,
                        int64_t n, int64_t k) {
    fl_options *o = nullptr;
    check(fl_options_create(&o), "options");
    check(fl_options_set_int(o, FL_OPT_STORAGE, storage), "set");
    std::vector<double> x(b.size());
    fl_factor *f = nullptr;
    const Clock::time_point t0 = Clock::now();
    check(fl_factor_create(&f, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, o),
          "create");
    check(fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, b.data(), n, FL_COL_MAJOR,
                          x.data(), n),
          "solve");
    const double t = seconds_since(t0);
    fl_factor_destroy(f);
    fl_options_destroy(o);
    return t;
}

int rfp(int64_t n, int rounds) {
    const int64_t k = 10;
    std::printf(
        "n = %lld Cholesky + %lld-rhs solve, %d interleaved rounds; BLAS core %s, %d threads\n",
        (long long)n, (long long)k, rounds, fl_blas_core(), fl_get_num_threads());
    const std::vector<double> a = conditioned(n, 1e4, true, 5);
    std::vector<double> b(static_cast<size_t>(n * k), 1.0);
    std::vector<double> full, packed;
    for (int r = 0; r < rounds; ++r) {
        full.push_back(cholesky_seconds(FL_STORAGE_FULL, a, b, n, k));
        packed.push_back(cholesky_seconds(FL_STORAGE_RFP, a, b, n, k));
    }
    std::printf(
        "full %.1f ms, RFP %.1f ms: RFP at %.0f%% of full storage's speed; factor memory %.1f MiB "
        "(full) vs %.1f MiB (RFP)\n",
        1e3 * median(full), 1e3 * median(packed), 100 * median(full) / median(packed),
        double(n) * double(n) * 8 / 1048576, double(n) * double(n + 1) / 2 * 8 / 1048576);
    return 0;
}

int pool(int rounds) {
    // Two items of almost no work on two participants: what one call pays to share a job.
    std::vector<double> with_pool, with_thread;
    volatile double sink = 0;
    auto body = [&](int, fl::index_t i) { sink = sink + double(i); };
    for (int r = 0; r < rounds; ++r) {
        Clock::time_point t0 = Clock::now();
        fl::pool::run(2, 2, body);
        with_pool.push_back(seconds_since(t0));
        t0 = Clock::now();
        std::thread helper([&] { body(1, 1); });
        body(0, 0);
        helper.join();
        with_thread.push_back(seconds_since(t0));
    }
    std::printf(
        "per call, median of %d interleaved: persistent pool %.1f us, thread start + join %.1f us, "
        "saved %.1f us (%.1fx)\n",
        rounds, 1e6 * median(with_pool), 1e6 * median(with_thread),
        1e6 * (median(with_thread) - median(with_pool)), median(with_thread) / median(with_pool));
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "mixed" && (argc == 6 || (argc == 7 && std::string(argv[6]) == "overwrite")))
        return mixed(std::atoll(argv[2]), std::atoll(argv[3]), std::atof(argv[4]),
                     std::atoi(argv[5]), argc == 7);
    if (mode == "rss" && argc == 4)
        return rss(std::atoll(argv[2]), std::string(argv[3]) == "overwrite");
    if (mode == "pool" && argc == 3) return pool(std::atoi(argv[2]));
    if (mode == "rfp" && argc == 4) return rfp(std::atoll(argv[2]), std::atoi(argv[3]));
    std::fprintf(
        stderr,
        "usage: %s mixed N NRHS KAPPA ROUNDS [overwrite] | rss N copy|overwrite | rfp N ROUNDS | pool ROUNDS\n",
        argv[0]);
    return 2;
}
