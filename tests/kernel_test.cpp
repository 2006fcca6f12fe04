// Kernel matrices and their gradients against the direct definition in long double
// (kernel_reference.hpp): every kind and metric, float and double, both layouts of the
// points and of K, padded leading dimensions, the symmetric (x2 = NULL) and general cases,
// both routes to the squared distances (exact differences up to 16 dimensions, GEMM
// above), empty and 1x1 inputs, the exponential to the ulp, and gradients against finite
// differences of the reference.
#include <cmath>
#include <thread>

#include "kernel_reference.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(KernelMatrix);

// body(spec) for a random spec (from `seed`) of every kernel kind with every metric.
template <class Body>
void for_every_kind_and_metric(int64_t dim, uint64_t seed, Body &&body) {
    for (fl_kernel_kind kind : kKernelKinds)
        for (fl_metric metric : kMetrics) body(random_spec(kind, metric, dim, seed));
}

// K for the rows of x1 and x2 (x2 = NULL: symmetric), in layout kl with `pad`.
template <class T>
Matrix<T> kernel_matrix(const fl_kernel *k, const Matrix<T> &x1, const Matrix<T> *x2, fl_layout kl,
                        int64_t pad) {
    const int64_t n2 = x2 != nullptr ? x2->rows() : x1.rows();
    Matrix<T> out(x1.rows(), n2, kl, pad);
    const Matrix<T> before = out;
    EXPECT_EQ(fl_kernel_matrix(k, Dtype<T>::value, x1.layout(), x1.rows(), x1.data(), x1.ld(), n2,
                               x2 != nullptr ? x2->data() : nullptr, x2 != nullptr ? x2->ld() : 0,
                               kl, out.data(), out.ld()),
              FL_OK)
        << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before)) << "K's padding was written";
    return out;
}

// Checks K against the reference within the documented bound; for x2 = NULL also exact
// symmetry and the exact diagonal sigma_f^2 kappa(0) + noise.
template <class T>
void check_matrix(const KernelSpec &s, const Ref &x1, const Ref *x2, fl_layout xl, fl_layout kl,
                  int64_t pad = 0) {
    SCOPED_TRACE(std::string(kind_name(s.kind)) + " " + metric_name(s.metric) + " dim=" +
                 std::to_string(s.dim) + " x " + layout_name(xl) + " k " + layout_name(kl) +
                 " pad=" + std::to_string(pad) + (x2 != nullptr ? " general" : " symmetric"));
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK) << fl_last_error();
    const Matrix<T> m1 = Matrix<T>::from_ref(x1, xl, pad);
    const Matrix<T> m2 = Matrix<T>::from_ref(x2 != nullptr ? *x2 : x1, xl, pad);
    const Matrix<T> out = kernel_matrix<T>(k.get(), m1, x2 != nullptr ? &m2 : nullptr, kl, pad);
    const Ref r1 = m1.to_ref(), r2 = m2.to_ref();
    const Ref ref = kernel_ref(s, r1, r2, x2 == nullptr);
    const Ref bound = kernel_bound(s, r1, r2, ref, eps<T>() / 2);
    double worst = 0;
    for (int64_t i = 0; i < ref.rows; ++i)
        for (int64_t j = 0; j < ref.cols; ++j)
            worst = std::max(worst, ratio(std::fabs(out(i, j) - ref(i, j)), bound(i, j)));
    EXPECT_LE(worst, 1.0) << "|K - K_ref| / bound";
    if (x2 != nullptr) return;
    const T diagonal = static_cast<T>(
        static_cast<T>(s.sigma_f * s.sigma_f * static_cast<double>(kappa_ref(s.kind, 0))) +
        static_cast<T>(s.noise));
    for (int64_t i = 0; i < ref.rows; ++i) {
        ASSERT_EQ(out(i, i), diagonal) << "diagonal " << i;
        for (int64_t j = 0; j < i; ++j) ASSERT_EQ(out(i, j), out(j, i)) << i << ", " << j;
    }
}

TYPED_TEST(KernelMatrix, EveryKindAndMetricBothRoutes) {
    // 300 points cross a tile boundary (256); dim 3 sums exact differences, dim 20 uses GEMM.
    for (int64_t dim : {3, 20}) {
        const Ref x1 = random_ref(37, dim, 11 + dim), x2 = random_ref(300, dim, 12 + dim);
        const Ref xs = random_ref(300, dim, 13 + dim);
        for_every_kind_and_metric(dim, 17, [&](const KernelSpec &s) {
            check_matrix<TypeParam>(s, x1, &x2, FL_ROW_MAJOR, FL_ROW_MAJOR);
            check_matrix<TypeParam>(s, xs, nullptr, FL_ROW_MAJOR, FL_ROW_MAJOR);
        });
    }
}

TYPED_TEST(KernelMatrix, LayoutsAndPadding) {
    for (int64_t dim : {4, 18}) {
        const Ref x1 = random_ref(70, dim, 21), x2 = random_ref(290, dim, 22);
        const KernelSpec s = random_spec(FL_KERNEL_MATERN52, FL_METRIC_LOWRANK_DIAG, dim, 23);
        for (fl_layout xl : kLayouts)
            for (fl_layout kl : kLayouts)
                for (int64_t pad : {0, 3}) {
                    check_matrix<TypeParam>(s, x1, &x2, xl, kl, pad);
                    check_matrix<TypeParam>(s, x2, nullptr, xl, kl, pad);
                }
    }
}

TYPED_TEST(KernelMatrix, EmptyAndOneByOne) {
    const KernelSpec s = random_spec(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 3, 31);
    for (fl_layout l : kLayouts) {
        check_matrix<TypeParam>(s, Ref(0, 3), nullptr, l, l);
        check_matrix<TypeParam>(s, Ref(0, 3), nullptr, l, l);
        const Ref one = random_ref(1, 3, 32), some = random_ref(5, 3, 33);
        check_matrix<TypeParam>(s, Ref(0, 3), &some, l, l);
        check_matrix<TypeParam>(s, some, &one, l, l);
        check_matrix<TypeParam>(s, one, &one, l, l);
        check_matrix<TypeParam>(s, one, nullptr, l, l);
    }
    // NULL pointers are fine for empty matrices.
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK);
    EXPECT_EQ(fl_kernel_matrix(k.get(), Dtype<TypeParam>::value, FL_ROW_MAJOR, 0, nullptr, 3, 0,
                               nullptr, 3, FL_ROW_MAJOR, nullptr, 1),
              FL_OK)
        << fl_last_error();
}

// X2 passed explicitly equal to X1: the same values within the bound, no noise, and the
// diagonal (r = 0 exactly for the exact-difference route) is sigma_f^2 kappa(0).
TYPED_TEST(KernelMatrix, ExplicitEqualSetHasNoNoise) {
    using T = TypeParam;
    const Ref x = random_ref(40, 5, 41);
    const KernelSpec s = random_spec(FL_KERNEL_MATERN32, FL_METRIC_FULL, 5, 42, 1.5, 0.75);
    check_matrix<T>(s, x, &x, FL_ROW_MAJOR, FL_COL_MAJOR);
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK);
    const Matrix<T> m = Matrix<T>::from_ref(x, FL_ROW_MAJOR);
    const Matrix<T> general = kernel_matrix<T>(k.get(), m, &m, FL_ROW_MAJOR, 0);
    const Matrix<T> symmetric = kernel_matrix<T>(k.get(), m, nullptr, FL_ROW_MAJOR, 0);
    for (int64_t i = 0; i < 40; ++i) {
        EXPECT_EQ(general(i, i), static_cast<T>(1.5 * 1.5));
        EXPECT_EQ(symmetric(i, i),
                  static_cast<T>(static_cast<T>(1.5 * 1.5) + static_cast<T>(0.75)));
    }
}

// Points far from the origin: the centring keeps the error at the scale of their spread.
TYPED_TEST(KernelMatrix, PointsFarFromTheOrigin) {
    for (int64_t dim : {2, 24}) {
        Ref x1 = random_ref(30, dim, 51), x2 = random_ref(60, dim, 52);
        for (auto &v : x1.v) v += 1000;
        for (auto &v : x2.v) v += 1000;
        const KernelSpec s = random_spec(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, dim, 53);
        check_matrix<TypeParam>(s, x1, &x2, FL_COL_MAJOR, FL_ROW_MAJOR);
        check_matrix<TypeParam>(s, x1, nullptr, FL_ROW_MAJOR, FL_ROW_MAJOR);
    }
}

// Repeated points through the GEMM route: r^2 computes to a tiny negative or positive
// number, clamped, so Matern's square root never sees a negative argument.
TYPED_TEST(KernelMatrix, RepeatedPointsAreClamped) {
    using T = TypeParam;
    const int64_t dim = 30;
    Ref x = random_ref(50, dim, 61, 10, 20);
    for (int64_t i = 25; i < 50; ++i)
        for (int64_t d = 0; d < dim; ++d) x(i, d) = x(i - 25, d);
    for (fl_kernel_kind kind : {FL_KERNEL_SQUARED_DISTANCE, FL_KERNEL_MATERN12}) {
        const KernelSpec s = random_spec(kind, FL_METRIC_ISOTROPIC, dim, 62);
        check_matrix<T>(s, x, &x, FL_ROW_MAJOR, FL_ROW_MAJOR);
        check_matrix<T>(s, x, nullptr, FL_ROW_MAJOR, FL_ROW_MAJOR);
        KernelPtr k;
        ASSERT_EQ(make_kernel(k, s), FL_OK);
        const Matrix<T> m = Matrix<T>::from_ref(x, FL_ROW_MAJOR);
        const Matrix<T> out = kernel_matrix<T>(k.get(), m, &m, FL_ROW_MAJOR, 0);
        for (int64_t i = 0; i < 50; ++i)
            for (int64_t j = 0; j < 50; ++j)
                ASSERT_TRUE(std::isfinite(out(i, j)) && out(i, j) >= 0);
    }
}

// Points whose scaled distance overflows to +inf while the transformed points stay finite
// (found by tests/fuzz, rolled_kernel): every kernel gives its limit there, 0 for Gaussian and
// Matern (Matern 3/2 and 5/2 gave inf * 0 = NaN), +inf for the squared distance. Double only:
// in float the transformed points themselves overflow, which no kernel formula can undo.
TEST(KernelMatrixDouble, OverflowingDistancesGiveTheLimit) {
    using T = double;
    const Matrix<T> x = Matrix<T>::from_ref(random_ref(3, 1, 81, 1, 2), FL_ROW_MAJOR);
    for (fl_kernel_kind kind : kKernelKinds)
        for (double lengthscale : {1e-160, 1e-200}) {
            SCOPED_TRACE(std::string(kind_name(kind)) + " l = " + std::to_string(lengthscale));
            const KernelSpec s{kind, FL_METRIC_ISOTROPIC, 1, {lengthscale}, 1.5, 0.25};
            KernelPtr k;
            ASSERT_EQ(make_kernel(k, s), FL_OK) << fl_last_error();
            const Matrix<T> out = kernel_matrix<T>(k.get(), x, nullptr, FL_COL_MAJOR, 0);
            const bool distance = kind == FL_KERNEL_SQUARED_DISTANCE;
            for (int64_t i = 0; i < 3; ++i)
                for (int64_t j = 0; j < 3; ++j) {
                    const double want =
                        i == j ? (distance ? 0.25 : 1.5 * 1.5 + 0.25) : (distance ? INFINITY : 0.0);
                    EXPECT_EQ(static_cast<double>(out(i, j)), want) << i << ", " << j;
                }
        }
}

// A finite point whose transformed coordinates overflow (found by tests/fuzz, rolled_kernel,
// which got NaN in K from inf - inf) is FL_ERR_NON_FINITE naming the point, in both dtypes.
TYPED_TEST(KernelMatrix, OverflowingTransformIsNamed) {
    using T = TypeParam;
    const double huge = std::is_same_v<T, float> ? 1e30 : 1e300;
    const KernelSpec s{FL_KERNEL_MATERN52, FL_METRIC_ISOTROPIC, 1, {1e-30}, 1.0, 0.0};
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK) << fl_last_error();
    const T x[3] = {T(1), T(huge), T(2)};
    std::vector<T> out(9, T(-1));
    EXPECT_EQ(fl_kernel_matrix(k.get(), Dtype<T>::value, FL_ROW_MAJOR, 3, x, 1, 3, nullptr, 1,
                               FL_ROW_MAJOR, out.data(), 3),
              FL_ERR_NON_FINITE);
    EXPECT_TRUE(contains(fl_last_error(), "x1[0, :] overflows when transformed"))
        << fl_last_error();
    for (T v : out) EXPECT_EQ(v, T(-1));
}

// Many tiles on two threads: the same bits as on one, in both cases.
TYPED_TEST(KernelMatrix, ThreadCountDoesNotChangeTheResult) {
    using T = TypeParam;
    const int before = fl_get_num_threads();
    const KernelSpec s = random_spec(FL_KERNEL_MATERN52, FL_METRIC_ARD, 6, 71);
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK);
    const Matrix<T> x1 = Matrix<T>::from_ref(random_ref(700, 6, 72), FL_ROW_MAJOR);
    const Matrix<T> x2 = Matrix<T>::from_ref(random_ref(650, 6, 73), FL_ROW_MAJOR);
    ASSERT_EQ(fl_set_num_threads(1), FL_OK);
    const Matrix<T> g1 = kernel_matrix<T>(k.get(), x1, &x2, FL_ROW_MAJOR, 0);
    const Matrix<T> s1 = kernel_matrix<T>(k.get(), x1, nullptr, FL_COL_MAJOR, 0);
    ASSERT_EQ(fl_set_num_threads(2), FL_OK);
    EXPECT_TRUE(kernel_matrix<T>(k.get(), x1, &x2, FL_ROW_MAJOR, 0).bitwise_equal(g1));
    EXPECT_TRUE(kernel_matrix<T>(k.get(), x1, nullptr, FL_COL_MAJOR, 0).bitwise_equal(s1));
    // One handle shared by several threads at once.
    std::vector<std::thread> threads;
    std::vector<int> same(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            same[t] = kernel_matrix<T>(k.get(), x1, &x2, FL_ROW_MAJOR, 0).bitwise_equal(g1);
        });
    for (std::thread &t : threads) t.join();
    for (int t = 0; t < 4; ++t) EXPECT_TRUE(same[t]) << "thread " << t;
    ASSERT_EQ(fl_set_num_threads(before), FL_OK);
}

// The exponential, seen through K = exp(-r^2 / 2) and K = exp(-r) with r = k / 1024 (exact
// squares): within 1.5 ulp of expl everywhere down to DBL_MIN (measured: 1.0 when the
// compiler fuses the polynomial's multiply-adds, as the optimised AVX2/AVX-512 versions do,
// 1.06 when it does not), and flushed to 0 below (docs/kernels.md, "The exponential").
TEST(KernelExponential, AccurateToTheUlp) {
    const int64_t count = 39000;  // r^2 / 2 up to 725: past the flush point
    Matrix<double> points(count, 1, FL_ROW_MAJOR), origin(1, 1, FL_ROW_MAJOR);
    for (int64_t k = 0; k < count; ++k) points(k, 0) = static_cast<double>(k) / 1024.0;
    const double one = 1.0;
    for (fl_kernel_kind kind : {FL_KERNEL_GAUSSIAN, FL_KERNEL_MATERN12}) {
        SCOPED_TRACE(kind_name(kind));
        fl_kernel *raw = nullptr;
        ASSERT_EQ(fl_kernel_create(&raw, kind, FL_METRIC_ISOTROPIC, 1, 1, &one, 1.0, 0.0), FL_OK);
        KernelPtr k(raw);
        Matrix<double> out(1, count, FL_ROW_MAJOR);
        ASSERT_EQ(fl_kernel_matrix(k.get(), FL_FLOAT64, FL_ROW_MAJOR, 1, origin.data(), 1, count,
                                   points.data(), 1, FL_ROW_MAJOR, out.data(), out.ld()),
                  FL_OK);
        double worst_ulps = 0;
        for (int64_t j = 0; j < count; ++j) {
            const long double r = static_cast<long double>(j) / 1024.0L;
            const long double exact = std::exp(kind == FL_KERNEL_GAUSSIAN ? -r * r / 2 : -r);
            if (exact < 2.2250738585072014e-308L) {
                ASSERT_LE(std::fabs(out(0, j) - exact), 2.3e-308L)
                    << "r = " << static_cast<double>(r);
                continue;
            }
            const double rounded = static_cast<double>(exact);
            const double ulp = std::nextafter(rounded, 2.0) - rounded;
            worst_ulps =
                std::max(worst_ulps, static_cast<double>(std::fabs(out(0, j) - exact) / ulp));
        }
        EXPECT_LE(worst_ulps, 1.5);
        EXPECT_EQ(out(0, 0), 1.0);
    }
}

// ---- Gradients ------------------------------------------------------------------------

// sum_ij W_ij K_ref_ij for the given parameters.
long double weighted_sum(const KernelSpec &s, const Ref &x1, const Ref &x2, bool symmetric,
                         const Ref &w) {
    const Ref k = kernel_ref(s, x1, x2, symmetric);
    long double sum = 0;
    for (size_t e = 0; e < k.v.size(); ++e) sum += w.v[e] * k.v[e];
    return sum;
}

// Central difference of weighted_sum in one or two (FULL's M_ab with M_ba) parameters.
template <class Set>
long double central_difference(KernelSpec s, const Ref &x1, const Ref &x2, bool symmetric,
                               const Ref &w, double value, Set set) {
    const double h = 1e-4 * std::max(std::fabs(value), 0.1);
    set(s, value + h);
    const long double up = weighted_sum(s, x1, x2, symmetric, w);
    set(s, value - h);
    const long double down = weighted_sum(s, x1, x2, symmetric, w);
    return (up - down) / (2 * h);
}

template <class T>
void check_gradient(const KernelSpec &s, const Ref &x1, const Ref *x2, fl_layout xl, fl_layout wl,
                    double tol) {
    SCOPED_TRACE(std::string(kind_name(s.kind)) + " " + metric_name(s.metric) +
                 " dim=" + std::to_string(s.dim) + " x " + layout_name(xl) + " w " +
                 layout_name(wl) + (x2 != nullptr ? " general" : " symmetric"));
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK) << fl_last_error();
    const Matrix<T> m1 = Matrix<T>::from_ref(x1, xl, 1);
    const Matrix<T> m2 = Matrix<T>::from_ref(x2 != nullptr ? *x2 : x1, xl, 2);
    const int64_t n2 = m2.rows();
    const Matrix<T> w = Matrix<T>::from_ref(random_ref(x1.rows, n2, 81), wl, 1);
    std::vector<double> grad(2 + s.params.size(), std::nan(""));
    ASSERT_EQ(fl_kernel_gradient(k.get(), Dtype<T>::value, xl, x1.rows, m1.data(), m1.ld(), n2,
                                 x2 != nullptr ? m2.data() : nullptr, m2.ld(), wl, w.data(), w.ld(),
                                 grad.data()),
              FL_OK)
        << fl_last_error();
    const Ref r1 = m1.to_ref(), r2 = m2.to_ref(), rw = w.to_ref();
    const bool symmetric = x2 == nullptr;

    std::vector<std::pair<std::string, std::pair<double, long double>>>
        checks;  // name, (got, finite difference)
    checks.push_back(
        {"sigma_f",
         {grad[0], central_difference(s, r1, r2, symmetric, rw, s.sigma_f,
                                      [](KernelSpec &t, double v) { t.sigma_f = v; })}});
    checks.push_back({"noise",
                      {grad[1], central_difference(s, r1, r2, symmetric, rw, s.noise,
                                                   [](KernelSpec &t, double v) { t.noise = v; })}});
    // Up to 8 parameters, spread over all of them.
    const int64_t np = static_cast<int64_t>(s.params.size()), d = s.dim;
    for (int64_t c = 0; c < std::min<int64_t>(np, 8); ++c) {
        const int64_t p = c * np / std::min<int64_t>(np, 8);
        long double fd;
        double got = grad[2 + p];
        if (s.metric == FL_METRIC_FULL && p % d != p / d) {
            // M stays symmetric: M_ab and M_ba move together, sum of both derivatives.
            const int64_t pt = (p % d) * d + p / d;
            fd = central_difference(s, r1, r2, symmetric, rw, s.params[p],
                                    [p, pt](KernelSpec &t, double v) {
                                        t.params[p] = v;
                                        t.params[pt] = v;
                                    });
            got += grad[2 + pt];
        } else {
            fd = central_difference(s, r1, r2, symmetric, rw, s.params[p],
                                    [p](KernelSpec &t, double v) { t.params[p] = v; });
        }
        checks.push_back({"params[" + std::to_string(p) + "]", {got, fd}});
    }
    long double scale = 1e-3L;
    for (const auto &c : checks) scale = std::max(scale, std::fabs(c.second.second));
    for (const auto &c : checks)
        EXPECT_LE(std::fabs(c.second.first - c.second.second), tol * scale)
            << c.first << ": " << c.second.first << " vs finite difference "
            << static_cast<double>(c.second.second);
}

FLTEST_TYPED_SUITE(KernelGradient);

template <class T>
double gradient_tol() {
    return std::is_same_v<T, float> ? 2e-3 : 1e-6;
}

TYPED_TEST(KernelGradient, EveryKindAndMetricAgainstFiniteDifferences) {
    for (int64_t dim : {3, 20}) {
        // 23 x 270 crosses a tile boundary; the symmetric case takes 40 points.
        const Ref x1 = random_ref(23, dim, 91 + dim), x2 = random_ref(270, dim, 92 + dim);
        const Ref xs = random_ref(40, dim, 94 + dim);
        for_every_kind_and_metric(dim, 93, [&](const KernelSpec &s) {
            check_gradient<TypeParam>(s, x1, &x2, FL_ROW_MAJOR, FL_ROW_MAJOR,
                                      gradient_tol<TypeParam>());
            check_gradient<TypeParam>(s, xs, nullptr, FL_ROW_MAJOR, FL_ROW_MAJOR,
                                      gradient_tol<TypeParam>());
        });
    }
}

TYPED_TEST(KernelGradient, Layouts) {
    const Ref x1 = random_ref(40, 5, 101), x2 = random_ref(270, 5, 102);
    const KernelSpec s = random_spec(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 5, 103);
    for (fl_layout xl : kLayouts)
        for (fl_layout wl : kLayouts) {
            check_gradient<TypeParam>(s, x1, &x2, xl, wl, gradient_tol<TypeParam>());
            check_gradient<TypeParam>(s, x1, nullptr, xl, wl, gradient_tol<TypeParam>());
        }
}

TYPED_TEST(KernelGradient, EmptyAndOneByOne) {
    using T = TypeParam;
    const KernelSpec s = random_spec(FL_KERNEL_MATERN12, FL_METRIC_LOWRANK_DIAG, 2, 111);
    KernelPtr k;
    ASSERT_EQ(make_kernel(k, s), FL_OK);
    std::vector<double> grad(2 + s.params.size(), std::nan(""));
    ASSERT_EQ(fl_kernel_gradient(k.get(), Dtype<T>::value, FL_ROW_MAJOR, 0, nullptr, 2, 0, nullptr,
                                 2, FL_ROW_MAJOR, nullptr, 1, grad.data()),
              FL_OK)
        << fl_last_error();
    for (double g : grad) EXPECT_EQ(g, 0.0);
    // One point with itself: only sigma_f and noise move K.
    const Matrix<T> x = Matrix<T>::from_ref(random_ref(1, 2, 112), FL_ROW_MAJOR);
    const T w = T(0.5);
    ASSERT_EQ(fl_kernel_gradient(k.get(), Dtype<T>::value, FL_ROW_MAJOR, 1, x.data(), 2, 1, nullptr,
                                 2, FL_ROW_MAJOR, &w, 1, grad.data()),
              FL_OK);
    EXPECT_NEAR(grad[0], 2 * s.sigma_f * 0.5, 1e-6);
    EXPECT_EQ(grad[1], 0.5);
    for (size_t p = 2; p < grad.size(); ++p) EXPECT_EQ(grad[p], 0.0);
    check_gradient<T>(s, random_ref(1, 2, 113), nullptr, FL_COL_MAJOR, FL_COL_MAJOR,
                      gradient_tol<T>());
}

}  // namespace
}  // namespace fltest
