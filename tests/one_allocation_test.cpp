// Issue 12 item 3: fl_factor_create of a small LU makes the handle, the factor, its
// storage and its pivots in one allocation, and a solve with one right-hand side allocates
// nothing (docs/batched.md, "One matrix through fl_factor_create"). This binary replaces
// the global operator new and delete, which the library's own allocations resolve to (its
// exports make the executable's definitions the ones every library binds to), and counts.
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fastlinalg/fastlinalg.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void *operator new(std::size_t bytes) {
    ++allocations;
    if (void *p = std::malloc(bytes == 0 ? 1 : bytes)) return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

namespace {

// A dominant diagonal, so that the factor exists in every precision; pivoting still happens.
template <class T>
std::vector<T> matrix(int64_t n) {
    std::vector<T> a(static_cast<size_t>(n * n));
    for (int64_t e = 0; e < n * n; ++e)
        a[static_cast<size_t>(e)] = T((e * 7919) % 13) / T(13) - T(0.5);
    for (int64_t i = 0; i < n; ++i) a[static_cast<size_t>(i * n + i)] += T(n);
    return a;
}

template <class T>
void check_allocations(fl_dtype dtype) {
    for (fl_layout layout : {FL_ROW_MAJOR, FL_COL_MAJOR})
        for (int64_t n : {1, 2, 3, 4, 8, 16}) {
            SCOPED_TRACE("n=" + std::to_string(n) + (layout == FL_ROW_MAJOR ? " row" : " col"));
            const std::vector<T> a = matrix<T>(n);
            std::vector<T> b(static_cast<size_t>(n), T(1)), x(static_cast<size_t>(n));
            fl_factor *f = nullptr;
            const long before = allocations.load();
            ASSERT_EQ(fl_factor_create(&f, FL_FACTOR_LU, dtype, layout, n, n, a.data(), n, nullptr),
                      FL_OK)
                << fl_last_error();
            EXPECT_EQ(allocations.load() - before, 1);
            const long created = allocations.load();
            // One right-hand side at unit stride, in either layout.
            for (fl_layout b_layout : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
                const int64_t ld = b_layout == FL_ROW_MAJOR ? 1 : n;
                ASSERT_EQ(fl_factor_solve(f, FL_NO_TRANS, dtype, 1, b_layout, b.data(), ld,
                                          b_layout, x.data(), ld),
                          FL_OK)
                    << fl_last_error();
            }
            EXPECT_EQ(allocations.load() - created, 0);
            // The solution is the factor's: A x = b to rounding.
            for (int64_t i = 0; i < n; ++i) {
                T r = -b[static_cast<size_t>(i)];
                for (int64_t j = 0; j < n; ++j) {
                    const int64_t e = layout == FL_ROW_MAJOR ? i * n + j : i + j * n;
                    r += a[static_cast<size_t>(e)] * x[static_cast<size_t>(j)];
                }
                EXPECT_LT(std::abs(r), T(100) * std::numeric_limits<T>::epsilon() * T(n + 1));
            }
            fl_factor_destroy(f);
        }
}

TEST(OneAllocation, SmallLuFloat64) { check_allocations<double>(FL_FLOAT64); }
TEST(OneAllocation, SmallLuFloat32) { check_allocations<float>(FL_FLOAT32); }

}  // namespace
