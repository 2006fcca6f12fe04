// LU (getrf) factor + solve: every layout combination, shape, nrhs and transpose, checked
// with LAPACK-style scaled residuals; ill-conditioned (Hilbert) and pivoting-heavy matrices.
#include "solve_check.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(LuSolve);

TYPED_TEST(LuSolve, EmptyMatrix) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        // NULL is allowed for a matrix with no elements.
        fl_factor *raw = nullptr;
        ASSERT_EQ(fl_factor_create(&raw, FL_FACTOR_LU, Dtype<T>::value, l, 0, 0, nullptr, 1, nullptr), FL_OK)
            << fl_last_error();
        FactorPtr f(raw);
        EXPECT_EQ(fl_factor_rows(f.get()), 0);
        EXPECT_EQ(fl_factor_cols(f.get()), 0);
        for (int64_t nrhs : {0, 3}) {
            // n = 0: B and X have no elements whatever nrhs is; NULL is fine.
            const int64_t ld = l == FL_ROW_MAJOR ? std::max<int64_t>(nrhs, 1) : 1;
            EXPECT_EQ(fl_factor_solve(f.get(), FL_NO_TRANS, Dtype<T>::value, nrhs, l, nullptr, ld, l, nullptr, ld),
                      FL_OK)
                << fl_last_error();
        }
    }
    check_solves<T>(FL_FACTOR_LU, Ref(0, 0));
}

TYPED_TEST(LuSolve, OneByOne) {
    Ref a(1, 1);
    a(0, 0) = -3.0L;
    check_solves<TypeParam>(FL_FACTOR_LU, a);
}

TYPED_TEST(LuSolve, Small) { check_solves<TypeParam>(FL_FACTOR_LU, random_ref(5, 5, 11)); }

TYPED_TEST(LuSolve, Order50) { check_solves<TypeParam>(FL_FACTOR_LU, random_ref(50, 50, 12)); }

TYPED_TEST(LuSolve, Order200) { check_solves<TypeParam>(FL_FACTOR_LU, random_ref(200, 200, 13), {1, 9}); }

// Above the library's serial-problem cut-offs (factor order 400, solve work n^2 nrhs = 2^18):
// the BLAS runs multi-threaded here.
TYPED_TEST(LuSolve, Order450MultiThreadedPath) {
    const Ref a = random_ref(450, 450, 16);
    check_solves_each_layout<TypeParam>(FL_FACTOR_LU, a, {2}, 17);
}

TYPED_TEST(LuSolve, ManyMoreRightHandSidesThanRows) {
    check_solves<TypeParam>(FL_FACTOR_LU, random_ref(20, 20, 14), {150});
}

// Zeros on the diagonal: no progress without row interchanges.
TYPED_TEST(LuSolve, NeedsPivoting) {
    const int64_t n = 9;
    Ref a(n, n);
    for (int64_t i = 0; i < n; ++i) a(i, n - 1 - i) = static_cast<long double>(i + 2); // scaled anti-diagonal
    a(0, 1) = 0.5L;
    a(n - 1, 3) = -0.25L;
    check_solves<TypeParam>(FL_FACTOR_LU, a);
}

// Backward stability: even where the solution itself is inaccurate, the scaled residual of
// an LU solve with partial pivoting must stay small.
TYPED_TEST(LuSolve, IllConditionedHilbert) {
    using T = TypeParam;
    const int64_t lo = std::is_same_v<T, double> ? 8 : 3;
    const int64_t hi = std::is_same_v<T, double> ? 12 : 6;
    for (int64_t n = lo; n <= hi; ++n) {
        SCOPED_TRACE("Hilbert n=" + std::to_string(n));
        check_solves<T>(FL_FACTOR_LU, hilbert_ref(n), {1, 4});
    }
}

// Badly scaled rows and columns (entries from 1e-8 to 1e8): still backward stable.
TYPED_TEST(LuSolve, BadlyScaled) {
    const int64_t n = 30;
    Ref a = random_ref(n, n, 15);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) a(i, j) *= std::pow(10.0L, static_cast<long double>((i % 5) - (j % 4)) * 2.0L);
    check_solves<TypeParam>(FL_FACTOR_LU, a, {1, 3});
}

} // namespace
} // namespace fltest
