// Stacks of small matrices (fl_stack_*): per-matrix scaled residuals against long double
// references, for every order on both sides of the pack limits, both layouts and dtypes,
// strides with gaps, count 0 and 1, and one bad matrix in the middle of a batch.
#include "constructed_matrices.hpp"
#include "stack_support.hpp"

#include <gtest/gtest.h>
#include <fastlinalg/fastlinalg.hpp>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(StackTest);

// Orders around the interleaved kernels' fixed sizes (1-4), their generic code and the
// LAPACK crossovers (eigh 8, inverse 16, Cholesky 24, LU 48).
constexpr int64_t kOrders[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 25, 49};
constexpr int64_t kCounts[] = {0, 1, 19};

template <class T>
StackOf<T> random_stack(int64_t count, int64_t n, int64_t cols, fl_layout layout, uint64_t seed,
                        bool spd = false) {
    StackOf<T> s(count, n, cols, layout, 2, 3);
    for (int64_t l = 0; l < count; ++l)
        s.set(l, spd ? spd_ref(n, seed + static_cast<uint64_t>(l))
                     : random_ref(n, cols, seed + static_cast<uint64_t>(l)));
    return s;
}

std::vector<int32_t> info_for(int64_t count) {
    return std::vector<int32_t>(static_cast<size_t>(count) + 1, -7);
}

// ||A V - V diag(w)|| <= 30 n eps ||A||, ||V^T V - I|| <= 30 n eps, w ascending.
template <class T>
void expect_eigenpairs(const Ref &a, const Ref &w, const Ref &v) {
    const int64_t n = a.rows;
    Ref vl = v;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) vl(i, j) *= w(j, 0);
    const double tol = kResidualThreshold * static_cast<double>(n) * eps<T>();
    EXPECT_LE(static_cast<double>(norm1(subtract(multiply(a, v), vl))),
              tol * static_cast<double>(norm1(a)));
    EXPECT_LE(static_cast<double>(norm1(subtract(multiply(transpose(v), v), identity_ref(n)))),
              tol);
    for (int64_t j = 1; j < n; ++j) EXPECT_LE(w(j - 1, 0), w(j, 0));
}

TYPED_TEST(StackTest, SolveResidualsEveryOrderLayoutAndCount) {
    using T = TypeParam;
    for (fl_layout layout : kLayouts)
        for (int64_t n : kOrders)
            for (int64_t count : kCounts) {
                SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n) +
                             " count=" + std::to_string(count));
                const StackOf<T> a =
                    random_stack<T>(count, n, n, layout, 100 + static_cast<uint64_t>(n));
                const StackOf<T> b = random_stack<T>(count, n, 3, layout, 900);
                StackOf<T> x(count, n, 3, layout, 1, 2);
                auto info = info_for(count);
                ASSERT_EQ(fl_stack_solve(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                         a.stride(), 3, b.data(), b.ld(), b.stride(), x.data(),
                                         x.ld(), x.stride(), info.data()),
                          FL_OK)
                    << fl_last_error();
                for (int64_t l = 0; l < count; ++l) {
                    EXPECT_EQ(info[static_cast<size_t>(l)], FL_OK);
                    EXPECT_LT(solve_residual(a.ref(l), FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                              kResidualThreshold)
                        << "l=" << l;
                }
                EXPECT_EQ(info[static_cast<size_t>(count)], -7) << "info written past count";
                EXPECT_TRUE(x.gaps_untouched());
            }
}

// Orders 1-4 with at most n right-hand sides solve full packs in registers, straight between
// the caller's arrays; a pack holding a singular or NaN matrix goes through the packs.
TYPED_TEST(StackTest, RegisterSolvesEveryOrderRhsCountAndBadPack) {
    using T = TypeParam;
    const int64_t w = 64 / static_cast<int64_t>(sizeof(T)), count = 3 * w + 2;
    for (fl_layout layout : kLayouts)
        for (int64_t n = 1; n <= 4; ++n)
            for (int64_t k = 1; k <= n; ++k) {
                SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n) +
                             " k=" + std::to_string(k));
                StackOf<T> a = random_stack<T>(count, n, n, layout, 60 + static_cast<uint64_t>(n));
                const StackOf<T> b = random_stack<T>(count, n, k, layout, 61);
                StackOf<T> x(count, n, k, layout, 2, 1);
                for (int64_t j = 0; j < n; ++j) a(w + 2, n - 1, j) = 0;  // singular
                a(2 * w + 5, 0, 0) = std::numeric_limits<T>::quiet_NaN();
                auto info = info_for(count);
                ASSERT_EQ(fl_stack_solve(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                         a.stride(), k, b.data(), b.ld(), b.stride(), x.data(),
                                         x.ld(), x.stride(), info.data()),
                          FL_OK);
                for (int64_t l = 0; l < count; ++l) {
                    const int32_t want = l == w + 2       ? FL_ERR_SINGULAR
                                         : l == 2 * w + 5 ? FL_ERR_NON_FINITE
                                                          : FL_OK;
                    EXPECT_EQ(info[static_cast<size_t>(l)], want) << "l=" << l;
                    if (want != FL_OK)
                        EXPECT_TRUE(x.all_nan(l));
                    else
                        EXPECT_LT(
                            solve_residual(a.ref(l), FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                            kResidualThreshold)
                            << "l=" << l;
                }
                EXPECT_TRUE(x.gaps_untouched());
            }
}

// Determinants of orders 1-4 in registers: full packs of good matrices, a pack with a
// singular matrix, one with NaN, one whose product of pivots leaves one log's range (double:
// summed term by term), the last partial pack; sign or logabsdet alone.
TYPED_TEST(StackTest, RegisterSlogdetsEveryOrderAndBadPack) {
    using T = TypeParam;
    const int64_t w = 64 / static_cast<int64_t>(sizeof(T)), count = 4 * w + 3;
    for (fl_layout layout : kLayouts)
        for (int64_t n = 1; n <= 4; ++n) {
            SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n));
            StackOf<T> a = random_stack<T>(count, n, n, layout, 70 + static_cast<uint64_t>(n));
            for (int64_t j = 0; j < n; ++j) a(w + 2, n - 1, j) = 0;  // singular
            a(2 * w + 5, 0, n - 1) = std::numeric_limits<T>::infinity();
            const double huge = std::pow(10.0, (sizeof(T) == 8 ? 301.0 : 30.0) / n + 1);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < n; ++j) a(3 * w + 1, i, j) *= static_cast<T>(huge);
            for (int64_t j = 0; j < n; ++j) a(3, 0, j) = -a(3, 0, j);  // flips the sign
            std::vector<double> sign(count), logabs(count), sign_only(count), logabs_only(count);
            auto info = info_for(count), info_sign = info_for(count), info_log = info_for(count);
            ASSERT_EQ(fl_stack_slogdet(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                       a.stride(), sign.data(), logabs.data(), info.data()),
                      FL_OK);
            ASSERT_EQ(fl_stack_slogdet(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                       a.stride(), sign_only.data(), nullptr, info_sign.data()),
                      FL_OK);
            ASSERT_EQ(fl_stack_slogdet(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                       a.stride(), nullptr, logabs_only.data(), info_log.data()),
                      FL_OK);
            for (int64_t l = 0; l < count; ++l) {
                SCOPED_TRACE("l=" + std::to_string(l));
                const auto i = static_cast<size_t>(l);
                EXPECT_EQ(info_sign[i], info[i]);
                EXPECT_EQ(info_log[i], info[i]);
                if (l == 2 * w + 5) {
                    EXPECT_EQ(info[i], FL_ERR_NON_FINITE);
                    EXPECT_TRUE(std::isnan(sign[i]) && std::isnan(logabs[i]));
                    continue;
                }
                EXPECT_EQ(info[i], FL_OK);
                EXPECT_EQ(sign_only[i], sign[i]);
                EXPECT_EQ(logabs_only[i], logabs[i]);
                if (l == w + 2) {
                    EXPECT_EQ(sign[i], 0.0);
                    EXPECT_EQ(logabs[i], -std::numeric_limits<double>::infinity());
                    continue;
                }
                const LogDet want = ref_logdet(a.ref(l));
                EXPECT_EQ(sign[i], want.sign);
                EXPECT_NEAR(logabs[i], static_cast<double>(want.logabs), logdet_tol<T>() * n);
            }
        }
}

// Cholesky factors of full packs of good matrices (orders 1-4 in registers, larger ones
// stored from vectors): zeros above the diagonal, only the triangle named read, nothing
// written in the padding or between matrices, a bad matrix NaN and reported.
TYPED_TEST(StackTest, CholeskyFactorsOfFullPacks) {
    using T = TypeParam;
    const int64_t w = 64 / static_cast<int64_t>(sizeof(T)), count = 3 * w + 2;
    for (fl_layout layout : kLayouts)
        for (fl_triangle tri : kTriangles)
            for (int64_t n : {1, 2, 3, 4, 5, 8}) {
                SCOPED_TRACE(std::string(layout_name(layout)) + " " + triangle_name(tri) +
                             " n=" + std::to_string(n));
                StackOf<T> a = random_stack<T>(count, n, n, layout, 80, true);
                a(w + 3, n - 1, n - 1) = -1;  // not positive definite (for n = 1 at once)
                a(2 * w + 1, tri == FL_LOWER ? n - 1 : 0, tri == FL_LOWER ? 0 : n - 1) =
                    std::numeric_limits<T>::quiet_NaN();  // non-finite, in the triangle read
                for (int64_t l = 0; l < count; l += 2)    // NaN in the triangle not read: ignored
                    for (int64_t j = 1; j < n; ++j)
                        a(l, tri == FL_LOWER ? 0 : j, tri == FL_LOWER ? j : 0) =
                            std::numeric_limits<T>::quiet_NaN();
                StackOf<T> lf(count, n, n, layout, 1, 2);
                auto info = info_for(count);
                ASSERT_EQ(fl_stack_cholesky(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                            a.stride(), tri, lf.data(), lf.ld(), lf.stride(),
                                            info.data()),
                          FL_OK);
                for (int64_t l = 0; l < count; ++l) {
                    SCOPED_TRACE("l=" + std::to_string(l));
                    if (l == w + 3 || l == 2 * w + 1) {
                        EXPECT_EQ(info[static_cast<size_t>(l)],
                                  l == w + 3 ? FL_ERR_NOT_POSITIVE_DEFINITE : FL_ERR_NON_FINITE);
                        EXPECT_TRUE(lf.all_nan(l));
                        continue;
                    }
                    EXPECT_EQ(info[static_cast<size_t>(l)], FL_OK);
                    const Ref lref = lf.ref(l);
                    Ref full = a.ref(l);  // the triangle read, mirrored
                    for (int64_t i = 0; i < n; ++i)
                        for (int64_t j = 0; j < n; ++j)
                            if ((i >= j) != (tri == FL_LOWER)) full(i, j) = full(j, i);
                    for (int64_t i = 0; i < n; ++i)
                        for (int64_t j = i + 1; j < n; ++j) EXPECT_EQ(lref(i, j), 0.0L);
                    const Ref r = subtract(multiply(lref, transpose(lref)), full);
                    EXPECT_LT(ratio(norm1(r), norm1(full) * n * eps<T>()), kResidualThreshold);
                }
                EXPECT_TRUE(lf.gaps_untouched());
            }
}

TYPED_TEST(StackTest, IllConditionedHilbertSolvesAreBackwardStable) {
    using T = TypeParam;
    for (int64_t n : {4, 8, 12, 20}) {
        StackOf<T> a(9, n, n, FL_ROW_MAJOR), b(9, n, 1, FL_ROW_MAJOR), x(9, n, 1, FL_ROW_MAJOR);
        for (int64_t l = 0; l < 9; ++l) {
            a.set(l, hilbert_ref(n));
            b.set(l, random_ref(n, 1, 5 + static_cast<uint64_t>(l)));
        }
        auto info = info_for(9);
        ASSERT_EQ(
            fl_stack_solve(Dtype<T>::value, FL_ROW_MAJOR, 9, n, a.data(), a.ld(), a.stride(), 1,
                           b.data(), b.ld(), b.stride(), x.data(), x.ld(), x.stride(), info.data()),
            FL_OK);
        for (int64_t l = 0; l < 9; ++l) {
            if (info[static_cast<size_t>(l)] != FL_OK)
                continue;  // float Hilbert of order 20 may round to singular
            EXPECT_LT(solve_residual(a.ref(l), FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                      kResidualThreshold);
        }
    }
}

// One singular and one NaN matrix in the middle: both reported, their outputs NaN, every
// other matrix solved.
TYPED_TEST(StackTest, BadMatricesFailAloneAndGetNaN) {
    using T = TypeParam;
    for (int64_t n : {3, 6, 20}) {
        const int64_t count = 21;
        StackOf<T> a = random_stack<T>(count, n, n, FL_COL_MAJOR, 7);
        const StackOf<T> b = random_stack<T>(count, n, 2, FL_COL_MAJOR, 8);
        for (int64_t j = 0; j < n; ++j) a(5, 1, j) = 0;  // a zero row: exactly singular
        a(12, n - 1, 0) = std::numeric_limits<T>::quiet_NaN();
        StackOf<T> x(count, n, 2, FL_COL_MAJOR), inv(count, n, n, FL_COL_MAJOR);
        auto info = info_for(count), info_inv = info_for(count), info_det = info_for(count);
        ASSERT_EQ(
            fl_stack_solve(Dtype<T>::value, FL_COL_MAJOR, count, n, a.data(), a.ld(), a.stride(), 2,
                           b.data(), b.ld(), b.stride(), x.data(), x.ld(), x.stride(), info.data()),
            FL_OK);
        ASSERT_EQ(fl_stack_inverse(Dtype<T>::value, FL_COL_MAJOR, count, n, a.data(), a.ld(),
                                   a.stride(), inv.data(), inv.ld(), inv.stride(), info_inv.data()),
                  FL_OK);
        std::vector<double> sign(count), logabs(count);
        ASSERT_EQ(fl_stack_slogdet(Dtype<T>::value, FL_COL_MAJOR, count, n, a.data(), a.ld(),
                                   a.stride(), sign.data(), logabs.data(), info_det.data()),
                  FL_OK);
        for (int64_t l = 0; l < count; ++l) {
            SCOPED_TRACE("n=" + std::to_string(n) + " l=" + std::to_string(l));
            const int32_t want = l == 5 ? FL_ERR_SINGULAR : l == 12 ? FL_ERR_NON_FINITE : FL_OK;
            EXPECT_EQ(info[static_cast<size_t>(l)], want);
            EXPECT_EQ(info_inv[static_cast<size_t>(l)], want);
            EXPECT_EQ(info_det[static_cast<size_t>(l)], l == 12 ? FL_ERR_NON_FINITE : FL_OK);
            if (want != FL_OK) {
                EXPECT_TRUE(x.all_nan(l));
                EXPECT_TRUE(inv.all_nan(l));
            } else {
                EXPECT_LT(solve_residual(a.ref(l), FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                          kResidualThreshold);
                EXPECT_LT(inverse_residual(a.ref(l), inv.ref(l), eps<T>()), kResidualThreshold);
            }
            if (l == 5) {
                EXPECT_EQ(sign[5], 0.0);
                EXPECT_EQ(logabs[5], -std::numeric_limits<double>::infinity());
            } else if (l == 12) {
                EXPECT_TRUE(std::isnan(sign[12]) && std::isnan(logabs[12]));
            } else {
                const LogDet want_det = ref_logdet(a.ref(l));
                EXPECT_EQ(sign[static_cast<size_t>(l)], want_det.sign);
                EXPECT_NEAR(logabs[static_cast<size_t>(l)], static_cast<double>(want_det.logabs),
                            logdet_tol<T>() * n);
            }
        }
    }
}

TYPED_TEST(StackTest, InverseAndSlogdetEveryOrder) {
    using T = TypeParam;
    for (fl_layout layout : kLayouts)
        for (int64_t n : kOrders) {
            const int64_t count = 11;
            const StackOf<T> a = random_stack<T>(count, n, n, layout, 40);
            StackOf<T> inv(count, n, n, layout, 0, 1);
            auto info = info_for(count), info_det = info_for(count);
            std::vector<double> sign(count), logabs(count);
            ASSERT_EQ(fl_stack_inverse(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                       a.stride(), inv.data(), inv.ld(), inv.stride(), info.data()),
                      FL_OK);
            ASSERT_EQ(fl_stack_slogdet(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                       a.stride(), sign.data(), logabs.data(), info_det.data()),
                      FL_OK);
            for (int64_t l = 0; l < count; ++l) {
                EXPECT_EQ(info[static_cast<size_t>(l)], FL_OK);
                EXPECT_LT(inverse_residual(a.ref(l), inv.ref(l), eps<T>()), kResidualThreshold)
                    << "n=" << n;
                const LogDet want = ref_logdet(a.ref(l));
                EXPECT_EQ(sign[static_cast<size_t>(l)], want.sign);
                EXPECT_NEAR(logabs[static_cast<size_t>(l)], static_cast<double>(want.logabs),
                            logdet_tol<T>() * n);
            }
            EXPECT_TRUE(inv.gaps_untouched());
        }
}

// In place (x == b), and one A for every right-hand side (stride_a = 0, numpy broadcasting).
TYPED_TEST(StackTest, InPlaceAndBroadcastA) {
    using T = TypeParam;
    for (int64_t n : {3, 10, 30}) {
        const int64_t count = 10;
        const StackOf<T> a = random_stack<T>(1, n, n, FL_ROW_MAJOR, 3);
        const StackOf<T> b = random_stack<T>(count, n, 2, FL_ROW_MAJOR, 4);
        StackOf<T> x = b;
        auto info = info_for(count);
        ASSERT_EQ(
            fl_stack_solve(Dtype<T>::value, FL_ROW_MAJOR, count, n, a.data(), a.ld(), 0, 2,
                           x.data(), x.ld(), x.stride(), x.data(), x.ld(), x.stride(), info.data()),
            FL_OK)
            << fl_last_error();
        for (int64_t l = 0; l < count; ++l)
            EXPECT_LT(solve_residual(a.ref(0), FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                      kResidualThreshold);
    }
}

TYPED_TEST(StackTest, CholeskyFactorsAndSolvesReadOneTriangle) {
    using T = TypeParam;
    for (fl_layout layout : kLayouts)
        for (fl_triangle tri : kTriangles)
            for (int64_t n : kOrders) {
                SCOPED_TRACE(std::string(layout_name(layout)) + " " + triangle_name(tri) +
                             " n=" + std::to_string(n));
                const int64_t count = 13;
                StackOf<T> a = random_stack<T>(count, n, n, layout, 60, true);
                for (int64_t j = 1; j < n; ++j)  // NaN in the triangle not read: must not matter
                    a(2, tri == FL_LOWER ? 0 : j, tri == FL_LOWER ? j : 0) =
                        std::numeric_limits<T>::quiet_NaN();
                Ref a2 = a.ref(2);
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < n; ++j)
                        if ((i >= j) != (tri == FL_LOWER)) a2(i, j) = a2(j, i);
                a(7, 0, 0) = -1;  // not positive definite
                const StackOf<T> b = random_stack<T>(count, n, 2, layout, 61);
                StackOf<T> x(count, n, 2, layout), lf(count, n, n, layout, 1, 1);
                auto info = info_for(count), info_l = info_for(count);
                ASSERT_EQ(
                    fl_stack_cholesky_solve(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                            a.stride(), tri, 2, b.data(), b.ld(), b.stride(),
                                            x.data(), x.ld(), x.stride(), info.data()),
                    FL_OK);
                ASSERT_EQ(fl_stack_cholesky(Dtype<T>::value, layout, count, n, a.data(), a.ld(),
                                            a.stride(), tri, lf.data(), lf.ld(), lf.stride(),
                                            info_l.data()),
                          FL_OK);
                for (int64_t l = 0; l < count; ++l) {
                    const int32_t want = l == 7 ? FL_ERR_NOT_POSITIVE_DEFINITE : FL_OK;
                    EXPECT_EQ(info[static_cast<size_t>(l)], want);
                    EXPECT_EQ(info_l[static_cast<size_t>(l)], want);
                    if (want != FL_OK) {
                        EXPECT_TRUE(x.all_nan(l) && lf.all_nan(l));
                        continue;
                    }
                    const Ref full = l == 2 ? a2 : a.ref(l);
                    EXPECT_LT(solve_residual(full, FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                              kResidualThreshold);
                    const Ref lref = lf.ref(l);
                    for (int64_t i = 0; i < n; ++i)
                        for (int64_t j = i + 1; j < n; ++j) EXPECT_EQ(lref(i, j), 0.0L);
                    const Ref r = subtract(multiply(lref, transpose(lref)), full);
                    EXPECT_LT(ratio(norm1(r), norm1(full) * n * eps<T>()), kResidualThreshold);
                }
                EXPECT_TRUE(lf.gaps_untouched());
            }
}

TYPED_TEST(StackTest, EighResidualsOrthogonalityAndOrder) {
    using T = TypeParam;
    for (fl_layout layout : kLayouts)
        for (int64_t n : kOrders) {
            SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n));
            const int64_t count = 17;
            StackOf<T> a(count, n, n, layout, 1, 2);
            for (int64_t l = 0; l < count; ++l) {
                Ref r = random_ref(n, n, 300 + static_cast<uint64_t>(l));
                Ref s = r;
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < n; ++j) s(i, j) = r(i, j) + r(j, i);
                if (l == 3)  // repeated eigenvalues
                    for (int64_t i = 0; i < n; ++i)
                        for (int64_t j = 0; j < n; ++j) s(i, j) = i == j ? 2 : 0;
                a.set(l, s);
            }
            a(9, n - 1, n - 1) = std::numeric_limits<T>::infinity();
            StackOf<T> w(count, n, 1, FL_COL_MAJOR, 0, 1), v(count, n, n, layout, 0, 3);
            auto info = info_for(count);
            ASSERT_EQ(fl_stack_eigh(Dtype<T>::value, layout, count, n, a.data(), a.ld(), a.stride(),
                                    FL_LOWER, w.data(), w.stride(), v.data(), v.ld(), v.stride(),
                                    info.data()),
                      FL_OK)
                << fl_last_error();
            for (int64_t l = 0; l < count; ++l) {
                if (l == 9) {
                    EXPECT_EQ(info[9], FL_ERR_NON_FINITE);
                    EXPECT_TRUE(w.all_nan(9) && v.all_nan(9));
                    continue;
                }
                ASSERT_EQ(info[static_cast<size_t>(l)], FL_OK);
                expect_eigenpairs<T>(a.ref(l), w.ref(l), v.ref(l));
            }
            EXPECT_TRUE(v.gaps_untouched());
        }
}

// Clustered, repeated and widely spread eigenvalues, in stacks that fill whole groups of
// packs (in registers for n <= 4) and leave a partial one at the end: the bound holds for
// every matrix.
TYPED_TEST(StackTest, EighClusteredAndRepeatedEigenvalues) {
    using T = TypeParam;
    const long double gap = 100 * eps<T>();
    const std::vector<std::vector<long double>> spectra = {
        {1, 1 + gap, 1 + 2 * gap, 2}, {1, 1, 1, -1}, {-3, 1e-8L, 1, 1}, {1e-6L, 1, 1 + gap, 1e6L}};
    for (int64_t n : {2, 3, 4, 8})
        for (size_t k = 0; k < spectra.size(); ++k) {
            SCOPED_TRACE("n=" + std::to_string(n) + " spectrum " + std::to_string(k));
            const int64_t count = 9 * (64 / static_cast<int64_t>(sizeof(T))) + 1;
            StackOf<T> a(count, n, n, FL_ROW_MAJOR, 1, 1);
            for (int64_t l = 0; l < count; ++l) {
                std::vector<long double> d(static_cast<size_t>(n));
                for (int64_t i = 0; i < n; ++i)
                    d[static_cast<size_t>(i)] = spectra[k][static_cast<size_t>(std::min<int64_t>(
                        i * 4 / n, 3))];  // each of the four values fills a quarter
                a.set(l, with_eigenvalues(d, 700 + static_cast<uint64_t>(l)));
            }
            StackOf<T> w(count, n, 1, FL_COL_MAJOR), v(count, n, n, FL_ROW_MAJOR);
            auto info = info_for(count);
            ASSERT_EQ(fl_stack_eigh(Dtype<T>::value, FL_ROW_MAJOR, count, n, a.data(), a.ld(),
                                    a.stride(), FL_UPPER, w.data(), w.stride(), v.data(), v.ld(),
                                    v.stride(), info.data()),
                      FL_OK)
                << fl_last_error();
            for (int64_t l = 0; l < count; ++l) {
                SCOPED_TRACE("l=" + std::to_string(l));
                ASSERT_EQ(info[static_cast<size_t>(l)], FL_OK);
                expect_eigenpairs<T>(a.ref(l), w.ref(l), v.ref(l));
            }
        }
}

// Orders 1-4 run full groups of packs in registers, straight between the caller's arrays;
// a group holding a NaN matrix, the last partial group and a one-matrix call go through
// the packs. Both must give the same eigenpairs (same rotations: signs included), meet the
// bound per matrix, and the eigenvalues-only call the same w.
TYPED_TEST(StackTest, EighInRegistersMatchesPacks) {
    using T = TypeParam;
    const int64_t w_lanes = 64 / static_cast<int64_t>(sizeof(T)), count = 9 * w_lanes + 3;
    for (fl_layout layout : kLayouts)
        for (int64_t n = 1; n <= 5; ++n) {
            SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n));
            StackOf<T> a(count, n, n, layout, 1, 2);
            for (int64_t l = 0; l < count; ++l) {
                Ref r = random_ref(n, n, 500 + static_cast<uint64_t>(l)), s = r;
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < n; ++j)
                        s(i, j) = l % 7 == 2 ? (i == j ? 3 : 0) : r(i, j) + r(j, i);
                a.set(l, s);
            }
            const int64_t bad = w_lanes + 1;
            a(bad, n - 1, 0) = std::numeric_limits<T>::quiet_NaN();
            StackOf<T> w(count, n, 1, FL_COL_MAJOR, 0, 1), v(count, n, n, layout, 0, 3);
            StackOf<T> w_only(count, n, 1, FL_COL_MAJOR);
            auto info = info_for(count), info_only = info_for(count);
            ASSERT_EQ(fl_stack_eigh(Dtype<T>::value, layout, count, n, a.data(), a.ld(), a.stride(),
                                    FL_LOWER, w.data(), w.stride(), v.data(), v.ld(), v.stride(),
                                    info.data()),
                      FL_OK)
                << fl_last_error();
            ASSERT_EQ(fl_stack_eigh(Dtype<T>::value, layout, count, n, a.data(), a.ld(), a.stride(),
                                    FL_LOWER, w_only.data(), w_only.stride(), nullptr, 1, 0,
                                    info_only.data()),
                      FL_OK);
            for (int64_t l = 0; l < count; ++l) {
                SCOPED_TRACE("l=" + std::to_string(l));
                const int32_t want = l == bad ? FL_ERR_NON_FINITE : FL_OK;
                ASSERT_EQ(info[static_cast<size_t>(l)], want);
                ASSERT_EQ(info_only[static_cast<size_t>(l)], want);
                if (want != FL_OK) {
                    EXPECT_TRUE(w.all_nan(l) && v.all_nan(l) && w_only.all_nan(l));
                    continue;
                }
                expect_eigenpairs<T>(a.ref(l), w.ref(l), v.ref(l));
                StackOf<T> w1(1, n, 1, FL_COL_MAJOR), v1(1, n, n, layout);
                int32_t info1 = -7;
                ASSERT_EQ(
                    fl_stack_eigh(Dtype<T>::value, layout, 1, n, a.data() + l * a.stride(), a.ld(),
                                  0, FL_LOWER, w1.data(), 1, v1.data(), v1.ld(), 0, &info1),
                    FL_OK);
                ASSERT_EQ(info1, FL_OK);
                // Same eigenvalues to the bound; each eigenvector of a separated eigenvalue
                // the same, sign included (nearly parallel columns, positive product).
                const T scale = std::max(std::fabs(w1(0, 0, 0)), std::fabs(w1(0, n - 1, 0)));
                const T tol = static_cast<T>(kResidualThreshold) * static_cast<T>(n) * eps<T>();
                for (int64_t j = 0; j < n; ++j) {
                    EXPECT_NEAR(w(l, j, 0), w1(0, j, 0), tol * scale);
                    EXPECT_NEAR(w_only(l, j, 0), w(l, j, 0), tol * scale);
                    T gap = scale;
                    for (int64_t k = 0; k < n; ++k)
                        if (k != j) gap = std::min(gap, std::fabs(w1(0, k, 0) - w1(0, j, 0)));
                    if (gap < T(1e-2) * scale) continue;
                    T dot = 0;
                    for (int64_t i = 0; i < n; ++i) dot += v(l, i, j) * v1(0, i, j);
                    EXPECT_GT(dot, 1 - T(1e-3)) << "column " << j;
                }
            }
            EXPECT_TRUE(v.gaps_untouched());
        }
}

// The packs take log|det| with a vector log of their own: for 1-by-1 matrices it is log|a|
// itself, checked to a few ulps over the whole range where it is used (1e-300 to 1e300),
// mantissas near 1, sqrt(2) and 2 included, with the sign.
TEST(StackEdges, SlogdetLogIsAccurateToAFewUlps) {
    std::vector<double> a;
    for (int e = -996; e <= 996; e += 7)
        for (double m : {1.0, 1.0 + 1e-15, 1.2345, 1.41421356237309, 1.41421356237310, 1.9999999})
            a.push_back((e % 2 == 0 ? m : -m) * std::ldexp(1.0, e));
    const int64_t count = static_cast<int64_t>(a.size());
    std::vector<double> sign(a.size()), logabs(a.size());
    auto info = info_for(count);
    ASSERT_EQ(fl_stack_slogdet(FL_FLOAT64, FL_ROW_MAJOR, count, 1, a.data(), 1, 1, sign.data(),
                               logabs.data(), info.data()),
              FL_OK);
    for (size_t l = 0; l < a.size(); ++l) {
        const long double want = std::log(std::fabs(static_cast<long double>(a[l])));
        EXPECT_EQ(sign[l], a[l] < 0 ? -1.0 : 1.0);
        EXPECT_LE(std::fabs(static_cast<long double>(logabs[l]) - want),
                  4 * eps<double>() * std::max<long double>(1, std::fabs(want)))
            << "a=" << a[l];
    }
}

TEST(StackEdges, EmptyMatricesAndEigenvaluesOnly) {
    double a = 0;
    int32_t info[2] = {-1, -1};
    double sign[2] = {5, 5}, logabs[2] = {5, 5};
    ASSERT_EQ(fl_stack_slogdet(FL_FLOAT64, FL_ROW_MAJOR, 2, 0, &a, 1, 0, sign, logabs, info),
              FL_OK);
    EXPECT_EQ(info[0], FL_OK);
    EXPECT_EQ(sign[1], 1.0);
    EXPECT_EQ(logabs[1], 0.0);
    ASSERT_EQ(fl_stack_solve(FL_FLOAT64, FL_ROW_MAJOR, 0, 3, nullptr, 3, 9, 1, nullptr, 1, 3,
                             nullptr, 1, 3, nullptr),
              FL_OK);
    const double s[2][4] = {{2, 1, 1, 2}, {1, 0, 0, 1}};
    double w[2][2];
    ASSERT_EQ(
        fl_stack_eigh(FL_FLOAT64, FL_ROW_MAJOR, 2, 2, s, 2, 4, FL_UPPER, w, 2, nullptr, 2, 4, info),
        FL_OK);
    EXPECT_NEAR(w[0][0], 1.0, 1e-15);
    EXPECT_NEAR(w[0][1], 3.0, 1e-15);
    EXPECT_EQ(w[1][0], 1.0);
}

}  // namespace
}  // namespace fltest

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(BatchTest);

using BatchPtr = HandlePtr<fl_batch, fl_batch_destroy>;

template <class T>
BatchPtr make_batch(fl_factor_kind kind, const StackOf<T> &a, std::vector<int32_t> &info,
                    const fl_options *o = nullptr) {
    fl_batch *b = nullptr;
    EXPECT_EQ(fl_batch_create(&b, kind, Dtype<T>::value, a.layout(), a.count(), a.rows(), a.cols(),
                              a.data(), a.ld(), a.stride(), o, info.data()),
              FL_OK)
        << fl_last_error();
    return BatchPtr(b);
}

// LU, Cholesky, LDL^T and EIGH handles on both sides of the pack limits: solve, inverse,
// logdet and rcond per matrix, with one failed matrix in the middle.
TYPED_TEST(BatchTest, SquareKindsSolveInvertLogdetRcond) {
    using T = TypeParam;
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT, FL_FACTOR_EIGH})
        for (fl_layout layout : kLayouts)
            for (int64_t n : {1, 3, 4, 9, 25, 50}) {
                SCOPED_TRACE("kind " + std::to_string(kind) + " " + layout_name(layout) +
                             " n=" + std::to_string(n));
                const int64_t count = 12;
                StackOf<T> a = random_stack<T>(count, n, n, layout, 500, kind != FL_FACTOR_LU);
                a(6, 0, 0) = std::numeric_limits<T>::quiet_NaN();
                auto info = info_for(count);
                const BatchPtr batch = make_batch(kind, a, info);
                ASSERT_NE(batch, nullptr);
                fl_factor_kind got_kind;
                int64_t got_count = -1, rows = -1;
                ASSERT_EQ(
                    fl_batch_describe(batch.get(), &got_kind, nullptr, &got_count, &rows, nullptr),
                    FL_OK);
                EXPECT_EQ(got_kind, kind);
                EXPECT_EQ(got_count, count);
                EXPECT_EQ(rows, n);
                const StackOf<T> b = random_stack<T>(count, n, 2, layout, 501);
                StackOf<T> x(count, n, 2, layout, 1, 1), inv(count, n, n, layout);
                ASSERT_EQ(fl_batch_solve(batch.get(), Dtype<T>::value, 2, layout, b.data(), b.ld(),
                                         b.stride(), x.data(), x.ld(), x.stride()),
                          FL_OK);
                ASSERT_EQ(fl_batch_inverse(batch.get(), Dtype<T>::value, layout, inv.data(),
                                           inv.ld(), inv.stride()),
                          FL_OK);
                std::vector<double> sign(count), logabs(count), rcond(count);
                ASSERT_EQ(fl_batch_logdet(batch.get(), sign.data(), logabs.data()), FL_OK);
                ASSERT_EQ(fl_batch_rcond(batch.get(), rcond.data()), FL_OK);
                for (int64_t l = 0; l < count; ++l) {
                    const size_t u = static_cast<size_t>(l);
                    if (l == 6) {
                        EXPECT_EQ(info[u], FL_ERR_NON_FINITE);
                        EXPECT_TRUE(x.all_nan(l) && inv.all_nan(l));
                        EXPECT_TRUE(std::isnan(sign[u]) && std::isnan(logabs[u]) &&
                                    std::isnan(rcond[u]));
                        continue;
                    }
                    ASSERT_EQ(info[u], FL_OK);
                    EXPECT_LT(solve_residual(a.ref(l), FL_NO_TRANS, x.ref(l), b.ref(l), eps<T>()),
                              kResidualThreshold);
                    EXPECT_LT(inverse_residual(a.ref(l), inv.ref(l), eps<T>()), kResidualThreshold);
                    const LogDet want = ref_logdet(a.ref(l));
                    EXPECT_EQ(sign[u], want.sign);
                    EXPECT_NEAR(logabs[u], static_cast<double>(want.logabs), logdet_tol<T>() * n);
                    // Exact or LAPACK's estimate (1-norm; EIGH: 2-norm): within a factor of n + 3.
                    const double ref = static_cast<double>(ref_rcond1(a.ref(l)));
                    EXPECT_LE(rcond[u], ref * (n + 3) * 1.001);
                    EXPECT_GE(rcond[u], ref / (n + 3) * 0.999);
                }
            }
}

TYPED_TEST(BatchTest, EighPartsAndQrLeastSquares) {
    using T = TypeParam;
    const int64_t count = 5;
    for (int64_t n : {3, 12}) {
        const StackOf<T> a = random_stack<T>(count, n, n, FL_ROW_MAJOR, 700, true);
        auto info = info_for(count);
        const BatchPtr eigh = make_batch(FL_FACTOR_EIGH, a, info);
        StackOf<T> w(count, n, 1, FL_COL_MAJOR), v(count, n, n, FL_COL_MAJOR);
        ASSERT_EQ(fl_batch_get_part(eigh.get(), FL_PART_EIGENVALUES, Dtype<T>::value, FL_COL_MAJOR,
                                    w.data(), w.ld(), w.stride()),
                  FL_OK);
        ASSERT_EQ(fl_batch_get_part(eigh.get(), FL_PART_EIGENVECTORS, Dtype<T>::value, FL_COL_MAJOR,
                                    v.data(), v.ld(), v.stride()),
                  FL_OK);
        for (int64_t l = 0; l < count; ++l) {
            Ref vl = v.ref(l);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < n; ++j) vl(i, j) *= w(l, j, 0);
            EXPECT_LE(static_cast<double>(norm1(subtract(multiply(a.ref(l), v.ref(l)), vl))),
                      kResidualThreshold * n * eps<T>() * static_cast<double>(norm1(a.ref(l))));
        }
    }
    // Tall least squares: the residual is orthogonal to A's columns.
    const StackOf<T> a = random_stack<T>(count, 7, 3, FL_COL_MAJOR, 800);
    const StackOf<T> b = random_stack<T>(count, 7, 1, FL_COL_MAJOR, 801);
    StackOf<T> x(count, 3, 1, FL_COL_MAJOR);
    auto info = info_for(count);
    const BatchPtr qr = make_batch(FL_FACTOR_QR, a, info);
    ASSERT_EQ(fl_batch_solve(qr.get(), Dtype<T>::value, 1, FL_COL_MAJOR, b.data(), b.ld(),
                             b.stride(), x.data(), x.ld(), x.stride()),
              FL_OK)
        << fl_last_error();
    for (int64_t l = 0; l < count; ++l) {
        const Ref r = subtract(b.ref(l), multiply(a.ref(l), x.ref(l)));
        const Ref atr = multiply(transpose(a.ref(l)), r);
        EXPECT_LE(static_cast<double>(norm1(atr)),
                  kResidualThreshold * 7 * eps<T>() *
                      static_cast<double>(norm1(a.ref(l)) * (norm1(b.ref(l)) + 1)));
    }
    double sign[count];
    EXPECT_EQ(fl_batch_logdet(qr.get(), sign, nullptr), FL_ERR_UNSUPPORTED);
}

}  // namespace
}  // namespace fltest

namespace fltest {
namespace {

// fastlinalg.hpp's batch: the C calls behind it, per-matrix info instead of an exception
// for a bad matrix, an exception for a bad argument.
TEST(BatchWrapper, SolvesReportsAndThrows) {
    const int64_t count = 4, n = 3;
    StackOf<double> a = random_stack<double>(count, n, n, FL_ROW_MAJOR, 900);
    for (int64_t j = 0; j < n; ++j) a(2, 0, j) = 0;
    const StackOf<double> b = random_stack<double>(count, n, 1, FL_ROW_MAJOR, 901);
    StackOf<double> x(count, n, 1, FL_ROW_MAJOR);
    const fastlinalg::batch lu(
        FL_FACTOR_LU, fastlinalg::stack_ref<const double>{FL_ROW_MAJOR, count, n, n, a.data(),
                                                          a.ld(), a.stride()});
    EXPECT_EQ(lu.count(), count);
    EXPECT_EQ(lu.info()[2], FL_ERR_SINGULAR);
    lu.solve(
        1,
        fastlinalg::stack_ref<const double>{FL_ROW_MAJOR, count, n, 1, b.data(), b.ld(),
                                            b.stride()},
        fastlinalg::stack_ref<double>{FL_ROW_MAJOR, count, n, 1, x.data(), x.ld(), x.stride()});
    for (int64_t l = 0; l < count; ++l) {
        if (l == 2) {
            EXPECT_TRUE(x.all_nan(2));
            EXPECT_EQ(lu.logdet()[2].sign, 0.0);
            continue;
        }
        EXPECT_LT(solve_residual(a.ref(l), FL_NO_TRANS, x.ref(l), b.ref(l), eps<double>()),
                  kResidualThreshold);
    }
    EXPECT_EQ(lu.rcond().size(), 4u);
    EXPECT_THROW(
        lu.solve(1,
                 fastlinalg::stack_ref<const double>{FL_ROW_MAJOR, count, n, 1, b.data(), b.ld(),
                                                     b.stride()},
                 fastlinalg::stack_ref<double>{FL_ROW_MAJOR, count, n, 1, x.data(), x.ld(), 1}),
        fastlinalg::error);
}

}  // namespace
}  // namespace fltest
