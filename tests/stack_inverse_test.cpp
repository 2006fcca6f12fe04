// fl_stack_inverse of orders 1 to 4, whose full packs are inverted by cofactors straight
// between the caller's arrays when every lane passes the accuracy rule
// (src/batched/cofactors.hpp) and by LU otherwise: scaled residuals for every order, layout,
// stride and pack fill; ill-conditioned matrices on both sides of the rule; scales near
// overflow and underflow; and singular and NaN/Inf matrices inside full packs.
#include "constructed_matrices.hpp"
#include "stack_support.hpp"

#include <gtest/gtest.h>

#include <map>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(StackInverseTest);

// Matrices per pack: one 64-byte vector (src/batched/lanes.hpp).
template <class T>
constexpr int64_t kLanes = 64 / sizeof(T);

// U diag(sigma) V^T with random orthogonal U and V.
Ref with_singular_values(const std::vector<long double> &sigma, uint64_t seed) {
    const int64_t n = static_cast<int64_t>(sigma.size());
    Ref d(n, n);
    for (int64_t i = 0; i < n; ++i) d(i, i) = sigma[static_cast<size_t>(i)];
    return multiply(multiply(random_orthogonal(n, seed), d), random_orthogonal(n, seed + 7919));
}

Ref scaled(Ref a, long double factor) {
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j) a(i, j) *= factor;
    return a;
}

// Inverts a and checks every matrix: FL_OK and a scaled residual below the threshold, or the
// failure `bad` names for it with NaN output; padding and gaps untouched.
template <class T>
void expect_inverses(const StackOf<T> &a, const std::map<int64_t, int32_t> &bad = {}) {
    const int64_t count = a.count(), n = a.rows();
    StackOf<T> inv(count, n, n, a.layout(), 1, 3);
    std::vector<int32_t> info(static_cast<size_t>(count) + 1, -7);
    ASSERT_EQ(fl_stack_inverse(Dtype<T>::value, a.layout(), count, n, a.data(), a.ld(), a.stride(),
                               inv.data(), inv.ld(), inv.stride(), info.data()),
              FL_OK)
        << fl_last_error();
    for (int64_t l = 0; l < count; ++l) {
        SCOPED_TRACE("l=" + std::to_string(l));
        const auto it = bad.find(l);
        EXPECT_EQ(info[static_cast<size_t>(l)], it == bad.end() ? FL_OK : it->second);
        if (it == bad.end())
            EXPECT_LT(inverse_residual(a.ref(l), inv.ref(l), eps<T>()), kResidualThreshold);
        else
            EXPECT_TRUE(inv.all_nan(l));
    }
    EXPECT_EQ(info[static_cast<size_t>(count)], -7) << "info written past count";
    EXPECT_TRUE(inv.gaps_untouched());
}

TYPED_TEST(StackInverseTest, EveryOrderLayoutStrideAndPackFill) {
    using T = TypeParam;
    const int64_t w = kLanes<T>;
    for (fl_layout layout : kLayouts)
        for (int64_t n = 1; n <= 4; ++n)
            for (int64_t count : {int64_t{0}, int64_t{1}, w - 1, w, 2 * w + 3})
                for (int64_t pad : {0, 2}) {
                    SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n) +
                                 " count=" + std::to_string(count) + " pad=" + std::to_string(pad));
                    StackOf<T> a(count, n, n, layout, pad, pad);
                    for (int64_t l = 0; l < count; ++l)
                        a.set(l, random_ref(n, n, 300 + static_cast<uint64_t>(n * 1000 + l)));
                    expect_inverses(a);
                }
}

// sigma_2 close to sigma_1 (the cofactors do not cancel: their route even at kappa = 1e8
// in double) and far below it (they do: LU's route); both must meet the threshold.
TYPED_TEST(StackInverseTest, IllConditionedMatricesOnBothSidesOfTheRule) {
    using T = TypeParam;
    const long double tiny = std::is_same_v<T, double> ? 1e-8L : 1e-3L;
    for (int64_t n = 2; n <= 4; ++n) {
        const std::vector<std::vector<long double>> spectra = {{1, 1, 1, tiny},
                                                               {1, 0.5L, 0.25L, tiny},
                                                               {1, 1e-3L, 1e-3L, tiny},
                                                               {1, 1e-4L, 1e-4L, 1e-4L}};
        for (const auto &full : spectra) {
            std::vector<long double> sigma(full.begin(), full.begin() + n);
            sigma.back() = full.back();
            SCOPED_TRACE("n=" + std::to_string(n) + " sigma_2=" + std::to_string(double(sigma[1])) +
                         " sigma_n=" + std::to_string(double(sigma.back())));
            StackOf<T> a(3 * kLanes<T>, n, n, FL_ROW_MAJOR);
            for (int64_t l = 0; l < a.count(); ++l)
                a.set(l, with_singular_values(sigma, 50 + static_cast<uint64_t>(l)));
            expect_inverses(a);
        }
    }
}

// Entries whose powers m^n overflow or underflow take LU's route and stay accurate.
TYPED_TEST(StackInverseTest, ScalesNearOverflowAndUnderflow) {
    using T = TypeParam;
    const long double big = std::is_same_v<T, double> ? 1e150L : 1e18L;
    for (int64_t n = 1; n <= 4; ++n)
        for (long double factor : {big, 1 / big, big * big, 1 / (big * big)}) {
            SCOPED_TRACE("n=" + std::to_string(n) + " factor=" + std::to_string(double(factor)));
            StackOf<T> a(2 * kLanes<T>, n, n, FL_COL_MAJOR, 1, 1);
            for (int64_t l = 0; l < a.count(); ++l)
                a.set(l, scaled(random_ref(n, n, 70 + static_cast<uint64_t>(l)), factor));
            expect_inverses(a);
        }
}

// Exactly singular matrices (a zero matrix, a zero row, a zero column: LU meets an exactly
// zero pivot, and the cofactors' determinant is exactly zero), NaN and Inf, each inside a
// full pack of good ones: reported alone, NaN outputs, the rest of the pack inverted.
TYPED_TEST(StackInverseTest, BadMatricesInsideFullPacks) {
    using T = TypeParam;
    const int64_t w = kLanes<T>;
    for (fl_layout layout : kLayouts)
        for (int64_t n = 1; n <= 4; ++n) {
            SCOPED_TRACE(std::string(layout_name(layout)) + " n=" + std::to_string(n));
            StackOf<T> a(4 * w, n, n, layout, 1, 2);
            for (int64_t l = 0; l < a.count(); ++l)
                a.set(l, random_ref(n, n, 900 + static_cast<uint64_t>(l)));
            std::map<int64_t, int32_t> bad = {{w + 3, FL_ERR_SINGULAR},
                                              {2, FL_ERR_NON_FINITE},
                                              {2 * w + w - 1, FL_ERR_NON_FINITE}};
            a.set(w + 3, Ref(n, n));
            if (n > 1) {
                bad[3 * w + 1] = bad[3 * w + 2] = FL_ERR_SINGULAR;
                for (int64_t k = 0; k < n; ++k) a(3 * w + 1, 1, k) = a(3 * w + 2, k, n - 1) = 0;
            }
            a(2, n - 1, 0) = std::numeric_limits<T>::quiet_NaN();
            a(2 * w + w - 1, 0, n - 1) = -std::numeric_limits<T>::infinity();
            expect_inverses(a, bad);
        }
}

}  // namespace
}  // namespace fltest
