// fl_rolled_matmul against the loop that defines it (out[i, j] = A[i] B[(i + j) mod d]),
// computed here in long double: f32 and f64, both layouts, k = 1, k = d, d = 1, shapes that
// take the threaded path, empty stacks, and every argument error.
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using fltest::kLayouts;

struct Shape {
    int64_t d, k, m, n, l;
};

// Element (r, c) of the rows-by-cols matrix starting at p, stored in `layout`.
template <class T>
T at(const T *p, fl_layout layout, int64_t rows, int64_t cols, int64_t r, int64_t c) {
    return layout == FL_COL_MAJOR ? p[r + c * rows] : p[r * cols + c];
}

template <class T>
std::vector<T> random_stack(int64_t count, uint64_t seed) {
    std::mt19937_64 gen(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::vector<T> v(static_cast<size_t>(count));
    for (T &x : v) x = static_cast<T>(u(gen));
    return v;
}

// The largest |out - exact| / (n eps (|A| |B|)(r, c)) over all elements: the elementwise
// bound of any summation order of the dot products (Higham, Thm 3.5) makes this O(1).
template <class T>
double scaled_error(fl_layout layout, const Shape &s, const std::vector<T> &a,
                    const std::vector<T> &b, const std::vector<T> &out) {
    const double eps = fltest::eps<T>();
    double worst = 0.0;
    for (int64_t i = 0; i < s.d; ++i)
        for (int64_t j = 0; j < s.k; ++j) {
            const T *ai = a.data() + i * s.m * s.n, *bp = b.data() + ((i + j) % s.d) * s.n * s.l;
            const T *o = out.data() + (i * s.k + j) * s.m * s.l;
            for (int64_t r = 0; r < s.m; ++r)
                for (int64_t c = 0; c < s.l; ++c) {
                    long double exact = 0, magnitude = 0;
                    for (int64_t q = 0; q < s.n; ++q) {
                        const long double x = at(ai, layout, s.m, s.n, r, q),
                                          y = at(bp, layout, s.n, s.l, q, c);
                        exact += x * y;
                        magnitude += std::fabs(x * y);
                    }
                    const long double err =
                        std::fabs(static_cast<long double>(at(o, layout, s.m, s.l, r, c)) - exact);
                    if (std::isnan(static_cast<double>(err)))
                        return std::numeric_limits<double>::infinity();
                    const long double bound = std::max<long double>(1, s.n) * eps * magnitude;
                    const double ratio =
                        bound > 0 ? static_cast<double>(err / bound) : (err > 0 ? INFINITY : 0.0);
                    worst = std::max(worst, ratio);
                }
        }
    return worst;
}

// Runs fl_rolled_matmul into an out with guard elements after it (NaN to start with, and
// never written: the library must stay inside out) and returns the scaled error.
template <class T>
double run_and_check(fl_layout layout, const Shape &s, uint64_t seed) {
    const std::vector<T> a = random_stack<T>(s.d * s.m * s.n, seed),
                         b = random_stack<T>(s.d * s.n * s.l, seed + 1);
    const int64_t out_count = s.d * s.k * s.m * s.l, guard = 16;
    std::vector<T> out(static_cast<size_t>(out_count + guard), std::numeric_limits<T>::quiet_NaN());
    EXPECT_ERROR(fl_rolled_matmul(fltest::Dtype<T>::value, layout, s.d, s.k, s.m, s.n, s.l,
                                  a.data(), b.data(), out.data()),
                 FL_OK, "");
    for (int64_t g = 0; g < guard; ++g)
        EXPECT_TRUE(std::isnan(out[static_cast<size_t>(out_count + g)]));
    out.resize(static_cast<size_t>(out_count));
    return scaled_error(layout, s, a, b, out);
}

FLTEST_TYPED_SUITE(RolledMatmul);

TYPED_TEST(RolledMatmul, MatchesTheLoopDefinition) {
    using T = TypeParam;
    const Shape shapes[] = {
        {5, 3, 4, 6, 7},      // wraps for i >= 3
        {7, 7, 3, 5, 2},      // k = d: every pair
        {6, 1, 4, 3, 5},      // k = 1: the diagonal A[i] B[i]
        {1, 1, 5, 4, 3},      // d = 1
        {4, 2, 1, 1, 1},      // 1x1 matrices
        {3, 2, 6, 1, 4},      // inner size 1 (outer products)
        {32, 8, 24, 24, 24},  // enough work for the threaded path
        {9, 9, 17, 19, 3},    // odd sizes, k = d, threaded
    };
    uint64_t seed = 1;
    for (fl_layout layout : kLayouts)
        for (const Shape &s : shapes) {
            SCOPED_TRACE(::testing::Message()
                         << fltest::layout_name(layout) << " d=" << s.d << " k=" << s.k
                         << " m=" << s.m << " n=" << s.n << " l=" << s.l);
            EXPECT_LT(run_and_check<T>(layout, s, seed++), fltest::kResidualThreshold);
        }
}

TYPED_TEST(RolledMatmul, SameResultOnOneThreadAndMany) {
    using T = TypeParam;
    const Shape s{16, 5, 20, 30, 25};
    const std::vector<T> a = random_stack<T>(s.d * s.m * s.n, 7),
                         b = random_stack<T>(s.d * s.n * s.l, 8);
    const int saved = fl_get_num_threads();
    std::vector<T> one(static_cast<size_t>(s.d * s.k * s.m * s.l)), many(one.size());
    for (fl_layout layout : kLayouts) {
        ASSERT_EQ(fl_set_num_threads(1), FL_OK);
        ASSERT_EQ(fl_rolled_matmul(fltest::Dtype<T>::value, layout, s.d, s.k, s.m, s.n, s.l,
                                   a.data(), b.data(), one.data()),
                  FL_OK);
        ASSERT_EQ(fl_set_num_threads(4), FL_OK);
        ASSERT_EQ(fl_rolled_matmul(fltest::Dtype<T>::value, layout, s.d, s.k, s.m, s.n, s.l,
                                   a.data(), b.data(), many.data()),
                  FL_OK);
        // Each block is the same GEMM whichever thread runs it: bitwise equal.
        EXPECT_EQ(one, many) << fltest::layout_name(layout);
    }
    fl_set_num_threads(saved);
}

TYPED_TEST(RolledMatmul, EmptyStacksWriteNothingAndEmptyInnerGivesZeros) {
    using T = TypeParam;
    const fl_dtype dt = fltest::Dtype<T>::value;
    const T nan = std::numeric_limits<T>::quiet_NaN();
    std::vector<T> a(64, T(1)), b(64, T(1)), out(64, nan);
    for (fl_layout layout : kLayouts) {
        // d = 0, k = 0, m = 0, l = 0: nothing to compute, NULL pointers allowed, nothing written.
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 0, 0, 3, 3, 3, nullptr, nullptr, nullptr), FL_OK);
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 0, 2, 3, 3, 3, nullptr, nullptr, nullptr), FL_OK);
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 3, 0, 2, 2, 2, a.data(), b.data(), nullptr), FL_OK);
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 3, 2, 0, 2, 2, nullptr, b.data(), nullptr), FL_OK);
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 3, 2, 2, 2, 0, a.data(), nullptr, nullptr), FL_OK);
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 3, 2, 2, 2, 0, a.data(), b.data(), out.data()),
                  FL_OK);
        for (T v : out) EXPECT_TRUE(std::isnan(v));
        // n = 0: A and B are empty but out is d*k*m*l zeros, as numpy gives.
        EXPECT_EQ(fl_rolled_matmul(dt, layout, 3, 2, 2, 0, 4, nullptr, nullptr, out.data()), FL_OK);
        for (int e = 0; e < 3 * 2 * 2 * 4; ++e) EXPECT_EQ(out[static_cast<size_t>(e)], T(0));
        EXPECT_TRUE(std::isnan(out[48]));
        std::fill(out.begin(), out.end(), nan);
    }
}

TEST(RolledMatmulErrors, EveryArgumentIsChecked) {
    std::vector<double> a(64, 1.0), b(64, 1.0), out(256, 0.0);
    const double *pa = a.data(), *pb = b.data();
    double *po = out.data();
    const char *f = "fl_rolled_matmul";
    EXPECT_ERROR(
        fl_rolled_matmul(static_cast<fl_dtype>(9), FL_ROW_MAJOR, 2, 1, 2, 2, 2, pa, pb, po),
        FL_ERR_INVALID_ARGUMENT, f, "dtype = 9");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, static_cast<fl_layout>(0), 2, 1, 2, 2, 2, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "layout = 0");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, -1, 1, 2, 2, 2, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "d = -1", "negative");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, -1, 2, 2, 2, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "k = -1");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, -2, 2, 2, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "m = -2");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, -3, 2, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "n = -3");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, 2, -4, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "l = -4");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 2, 2, 2, pa, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "k = 3", "d = 2");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, 2, 2, nullptr, pb, po),
                 FL_ERR_INVALID_ARGUMENT, f, "a is NULL", "8 elements");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, 2, 2, pa, nullptr, po),
                 FL_ERR_INVALID_ARGUMENT, f, "b is NULL");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, 2, 2, pa, pb, nullptr),
                 FL_ERR_INVALID_ARGUMENT, f, "out is NULL");
    // Sizes beyond the BLAS's 32-bit integers, and stacks beyond 2^63 bytes.
    EXPECT_ERROR(
        fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 1, 1, int64_t{INT_MAX} + 1, 1, 1, pa, pb, po),
        FL_ERR_TOO_LARGE, f, "m = 2147483648");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, int64_t{1} << 40, 1, 1 << 20, 1 << 20,
                                  1, pa, pb, po),
                 FL_ERR_TOO_LARGE, f, "a (d*m*n elements)", "2^63");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, int64_t{1} << 30, int64_t{1} << 30,
                                  1 << 10, 1, 1, pa, pb, po),
                 FL_ERR_TOO_LARGE, f, "out (d*k*m*l elements)");
    // out overlapping an input.
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, 2, 2, pa, pb, a.data() + 4),
                 FL_ERR_INVALID_ARGUMENT, f, "out and a overlap");
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_COL_MAJOR, 2, 2, 2, 2, 2, pa, pb, b.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "out and b overlap");
    // And a good call clears the message.
    EXPECT_ERROR(fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 1, 2, 2, 2, pa, pb, po), FL_OK, f);
}

}  // namespace
