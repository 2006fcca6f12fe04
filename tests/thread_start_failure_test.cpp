// Issue 13 defect 1: a thread that cannot start must never abort the process. This binary
// defines pthread_create itself, so that every thread the library (through libstdc++)
// starts goes through it; once a test arms it, it lets a given number of further threads
// start and then fails with EAGAIN, as a process at its thread limit sees. Every threaded
// path of fastlinalg's own code (sparse product, sparse solve, kernel matrix, rolled
// product) must then still return the one-thread answer.
//
// OpenBLAS aborts when it cannot start its own threads, so each test first sets the thread
// count (OpenBLAS starts its threads then), computes the one-thread reference, and only then
// arms the failure: what is tested is fastlinalg's pool, which starts lazily.
#include <dlfcn.h>
#include <pthread.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "fastlinalg/fastlinalg.h"

namespace {
std::atomic<int> starts_left{-1};  // -1: unlimited
std::atomic<int> refused{0};
}  // namespace

extern "C" int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                              void *arg) {
    using Real = int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "pthread_create"));
    int left = starts_left.load();
    while (left >= 0) {
        if (left == 0) {
            ++refused;
            return EAGAIN;
        }
        if (starts_left.compare_exchange_weak(left, left - 1)) break;
    }
    return real(thread, attr, start, arg);
}

namespace {

constexpr int many_threads = 8;

// Runs compute() once on one thread (the reference), then with many threads after arming
// the failure so that only `starts` more threads can start, and compares.
template <class Compute>
void expect_same_when_threads_fail(int starts, Compute compute) {
    ASSERT_EQ(fl_set_num_threads(1), FL_OK);
    const std::vector<double> reference = compute();
    ASSERT_EQ(fl_set_num_threads(many_threads), FL_OK);
    starts_left = starts;
    const std::vector<double> threaded = compute();
    starts_left = -1;
    ASSERT_EQ(threaded.size(), reference.size());
    for (size_t i = 0; i < reference.size(); ++i)
        ASSERT_NEAR(threaded[i], reference[i], 1e-12 * (1 + std::fabs(reference[i]))) << i;
}

// The n-by-n tridiagonal matrix 4 on the diagonal, -1 beside it (CSC, 64-bit indices).
struct Tridiagonal {
    std::vector<int64_t> ptr{0}, idx;
    std::vector<double> values;
    fl_sparse *handle = nullptr;
    explicit Tridiagonal(int64_t n) {
        for (int64_t j = 0; j < n; ++j) {
            for (int64_t i = std::max<int64_t>(0, j - 1); i <= std::min(n - 1, j + 1); ++i) {
                idx.push_back(i);
                values.push_back(i == j ? 4.0 : -1.0);
            }
            ptr.push_back(static_cast<int64_t>(idx.size()));
        }
        EXPECT_EQ(fl_sparse_create(&handle, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n,
                                   ptr.data(), idx.data(), values.data()),
                  FL_OK);
    }
    ~Tridiagonal() { fl_sparse_destroy(handle); }
};

std::vector<double> filled(int64_t count) {
    std::vector<double> v(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) v[static_cast<size_t>(i)] = std::sin(0.37 * double(i) + 1);
    return v;
}

std::vector<double> sparse_product() {
    const int64_t n = 2000, k = 400;
    Tridiagonal a(n);
    const std::vector<double> x = filled(n * k);
    std::vector<double> y(static_cast<size_t>(n * k));
    EXPECT_EQ(fl_sparse_multiply(a.handle, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, x.data(), n,
                                 FL_COL_MAJOR, y.data(), n),
              FL_OK)
        << fl_last_error();
    return y;
}

std::vector<double> sparse_solve(fl_factor_kind kind) {
    const int64_t n = 3000, k = 256;
    Tridiagonal a(n);
    fl_factor *f = nullptr;
    EXPECT_EQ(fl_factor_create_sparse(&f, kind, a.handle, nullptr), FL_OK) << fl_last_error();
    const std::vector<double> b = filled(n * k);
    std::vector<double> x(static_cast<size_t>(n * k));
    EXPECT_EQ(fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, k, FL_COL_MAJOR, b.data(), n,
                              FL_COL_MAJOR, x.data(), n),
              FL_OK)
        << fl_last_error();
    fl_factor_destroy(f);
    return x;
}

std::vector<double> kernel_matrix() {
    const int64_t n = 900, dim = 3;
    const double length = 0.8;
    fl_kernel *k = nullptr;
    EXPECT_EQ(
        fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, dim, 1, &length, 1.0, 0.1),
        FL_OK);
    const std::vector<double> x = filled(n * dim);
    std::vector<double> out(static_cast<size_t>(n * n));
    EXPECT_EQ(fl_kernel_matrix(k, FL_FLOAT64, FL_ROW_MAJOR, n, x.data(), dim, n, nullptr, dim,
                               FL_ROW_MAJOR, out.data(), n),
              FL_OK)
        << fl_last_error();
    fl_kernel_destroy(k);
    return out;
}

std::vector<double> rolled_product() {
    const int64_t d = 64, k = 8, m = 24, n = 24, l = 24;
    const std::vector<double> a = filled(d * m * n), b = filled(d * n * l);
    std::vector<double> out(static_cast<size_t>(d * k * m * l));
    EXPECT_EQ(
        fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, d, k, m, n, l, a.data(), b.data(), out.data()),
        FL_OK)
        << fl_last_error();
    return out;
}

class ThreadStartFailure : public ::testing::TestWithParam<int> {};

TEST_P(ThreadStartFailure, SparseProduct) {
    expect_same_when_threads_fail(GetParam(), sparse_product);
}
TEST_P(ThreadStartFailure, SparseLuSolve) {
    expect_same_when_threads_fail(GetParam(), [] { return sparse_solve(FL_FACTOR_SPARSE_LU); });
}
TEST_P(ThreadStartFailure, SparseCholeskySolve) {
    expect_same_when_threads_fail(GetParam(),
                                  [] { return sparse_solve(FL_FACTOR_SPARSE_CHOLESKY); });
}
TEST_P(ThreadStartFailure, KernelMatrix) {
    expect_same_when_threads_fail(GetParam(), kernel_matrix);
}
TEST_P(ThreadStartFailure, RolledProduct) {
    expect_same_when_threads_fail(GetParam(), rolled_product);
}

// Every path in one process, the pool never able to grow past `starts` threads, and the
// refusals really happened (so the test cannot pass by never asking for a thread).
TEST_P(ThreadStartFailure, AllPathsInOneProcess) {
    expect_same_when_threads_fail(GetParam(), [] {
        std::vector<double> all = sparse_product();
        for (const std::vector<double> &part :
             {sparse_solve(FL_FACTOR_SPARSE_LU), kernel_matrix(), rolled_product()})
            all.insert(all.end(), part.begin(), part.end());
        return all;
    });
    EXPECT_GT(refused.load(), 0);
}

// No thread at all can start (the caller does everything), one, three.
INSTANTIATE_TEST_SUITE_P(Starts, ThreadStartFailure, ::testing::Values(0, 1, 3));

}  // namespace
