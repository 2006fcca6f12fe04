// A factor handle is immutable: many threads may solve, query and invert with one handle at
// once, without locking. And independent handles may be created and destroyed concurrently
// while another thread changes the BLAS thread count.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace fltest {
namespace {

constexpr int kThreads = 8;

// Collects failures from worker threads; checked on the main thread.
struct Failures {
    std::mutex mu;
    std::vector<std::string> what;
    void add(const std::string &s) {
        std::lock_guard<std::mutex> lock(mu);
        if (what.size() < 20) what.push_back(s);
    }
};

// Each of kThreads threads solves `iterations` times with its own right-hand sides, and
// checks logdet, rcond and (the first `inverting` threads, every 4th iteration) the inverse.
template <class T>
bool near(const Matrix<T> &m, const Ref &want, double tol) {
    for (int64_t i = 0; i < m.rows(); ++i)
        for (int64_t j = 0; j < m.cols(); ++j)
            if (!(std::fabs(static_cast<double>(m(i, j)) - static_cast<double>(want(i, j))) <= tol)) return false;
    return true;
}

template <class T>
void shared_handle(fl_factor_kind kind, int64_t n, int iterations, int inverting = kThreads) {
    const Ref a = kind == FL_FACTOR_LU ? random_ref(n, n, 70) : spd_ref(n, 71);
    for (fl_layout al : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
        SCOPED_TRACE(std::string(kind == FL_FACTOR_LU ? "LU " : "Cholesky ") + layout_name(al));
        const Matrix<T> am = Matrix<T>::from_ref(a, al);
        const Ref stored = am.to_ref();
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, am), FL_OK) << fl_last_error();
        double sign0 = 0, logabs0 = 0, rcond0 = 0;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign0, &logabs0), FL_OK);
        ASSERT_EQ(fl_factor_rcond(f.get(), &rcond0), FL_OK);
        // The inverse, checked once here; the threads compare theirs with it.
        Matrix<T> inv0(n, n, FL_COL_MAJOR);
        ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, FL_COL_MAJOR, inv0.data(), inv0.ld()), FL_OK);
        const Ref inv0_ref = inv0.to_ref();
        ASSERT_LT(inverse_residual(stored, inv0_ref, eps<T>()), kResidualThreshold);
        const double inv_tol = 1e3 * eps<T>() * static_cast<double>(norm1(inv0_ref));

        Failures failures;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int it = 0; it < iterations; ++it) {
                    const fl_layout bl = (t + it) % 2 ? FL_ROW_MAJOR : FL_COL_MAJOR;
                    const fl_layout xl = (t / 2 + it) % 2 ? FL_ROW_MAJOR : FL_COL_MAJOR;
                    const fl_transpose tr = (t + it / 2) % 2 ? FL_TRANS : FL_NO_TRANS;
                    const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 1 + (t + it) % 5, 1000 * t + it), bl);
                    Matrix<T> x(n, b.cols(), xl);
                    if (solve(f.get(), tr, b, x) != FL_OK) {
                        failures.add(std::string("solve: ") + fl_last_error());
                        continue;
                    }
                    const double r = solve_residual(stored, tr, x.to_ref(), b.to_ref(), eps<T>());
                    if (!(r < kResidualThreshold)) failures.add("solve residual " + std::to_string(r));
                    if (fl_last_error()[0] != '\0') failures.add("last error not empty after success");

                    double sign = 0, logabs = 0, rcond = 0;
                    if (fl_factor_logdet(f.get(), &sign, &logabs) != FL_OK || sign != sign0 ||
                        std::fabs(logabs - logabs0) > 1e-12 * (1.0 + std::fabs(logabs0)))
                        failures.add("logdet differs from the single-threaded value");
                    if (fl_factor_rcond(f.get(), &rcond) != FL_OK ||
                        std::fabs(rcond - rcond0) > 1e-10 * rcond0)
                        failures.add("rcond differs from the single-threaded value");
                    if (t < inverting && it % 4 == 0) {
                        Matrix<T> inv(n, n, xl, 1);
                        if (fl_factor_inverse(f.get(), Dtype<T>::value, xl, inv.data(), inv.ld()) != FL_OK)
                            failures.add(std::string("inverse: ") + fl_last_error());
                        else if (!near(inv, inv0_ref, inv_tol))
                            failures.add("inverse differs from the single-threaded one");
                    }
                }
            });
        for (auto &th : threads) th.join();
        for (const auto &w : failures.what) ADD_FAILURE() << w;
    }
}

TEST(Threads, SharedLuHandleSmall) { shared_handle<double>(FL_FACTOR_LU, 40, 24); }
TEST(Threads, SharedCholeskyHandleSmall) { shared_handle<double>(FL_FACTOR_CHOLESKY, 40, 24); }
TEST(Threads, SharedLuHandleFloat) { shared_handle<float>(FL_FACTOR_LU, 33, 16); }
TEST(Threads, SharedCholeskyHandleFloat) { shared_handle<float>(FL_FACTOR_CHOLESKY, 33, 16); }
// Large enough (n >= 400, n^2 nrhs >= 2^18) for the library's multi-threaded BLAS path.
// Concurrent multi-threaded OpenBLAS calls serialize inside OpenBLAS, so keep this one short.
TEST(Threads, SharedLuHandleLarger) { shared_handle<double>(FL_FACTOR_LU, 420, 2, 2); }
TEST(Threads, SharedCholeskyHandleLarger) { shared_handle<double>(FL_FACTOR_CHOLESKY, 420, 2, 2); }

// Independent factors created, used and destroyed on several threads at once, while
// another thread keeps changing the BLAS thread count.
TEST(Threads, ConcurrentCreateDestroyWhileSettingThreads) {
    const int original = fl_get_num_threads();
    ASSERT_GE(original, 1);
    std::atomic<bool> stop{false};
    Failures failures;
    std::atomic<int> last_set{0};
    std::thread setter([&] {
        int k = 0;
        while (!stop.load()) {
            const int want = 1 + (k++ % 2);
            if (fl_set_num_threads(want) != FL_OK) failures.add(std::string("set: ") + fl_last_error());
            last_set = want;
            if (fl_get_num_threads() < 1) failures.add("get_num_threads < 1");
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&, t] {
            for (int it = 0; it < 60; ++it) {
                const int64_t n = 1 + (t * 7 + it) % 24;
                const fl_factor_kind kind = it % 2 ? FL_FACTOR_CHOLESKY : FL_FACTOR_LU;
                const Ref a = kind == FL_FACTOR_LU ? diag_dominant_ref(n, 100 * t + it, 3.0L) : spd_ref(n, 100 * t + it);
                const Matrix<double> am = Matrix<double>::from_ref(a, it % 3 ? FL_ROW_MAJOR : FL_COL_MAJOR);
                FactorPtr f;
                if (make_factor(f, kind, am) != FL_OK) {
                    failures.add(std::string("create: ") + fl_last_error());
                    continue;
                }
                const Matrix<double> b = Matrix<double>::from_ref(random_ref(n, 3, it), FL_COL_MAJOR);
                Matrix<double> x(n, 3, FL_ROW_MAJOR);
                if (solve(f.get(), FL_NO_TRANS, b, x) != FL_OK)
                    failures.add(std::string("solve: ") + fl_last_error());
                else if (!(solve_residual(am.to_ref(), FL_NO_TRANS, x.to_ref(), b.to_ref(), eps<double>()) <
                           kResidualThreshold))
                    failures.add("residual");
            }
        });
    for (auto &w : workers) w.join();
    stop = true;
    setter.join();
    // Whatever serial regions the workers opened and closed meanwhile, the last request stands.
    if (last_set.load() != 0) {
        EXPECT_EQ(fl_get_num_threads(), last_set.load());
    }
    EXPECT_EQ(fl_set_num_threads(original), FL_OK);
    EXPECT_EQ(fl_get_num_threads(), original);
    for (const auto &w : failures.what) ADD_FAILURE() << w;
}

} // namespace
} // namespace fltest
