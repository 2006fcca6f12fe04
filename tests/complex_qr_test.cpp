// Complex QR (geqrf, unmqr, ungqr): least squares with A, minimum-norm solves with A^H and
// A^T, the parts Q (unitary columns) and R, apply_q with Q, Q^T and Q^H, real residual
// norms, the pseudo-inverse and rcond, in both layouts, judged in long double complex
// independently of the library (LAPACK's scaled residuals, xQRT01's ||A - Q R|| and
// ||Q^H Q - I||, and minimum-norm solutions against the normal equations).
#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>
#include <fastlinalg/fastlinalg.hpp>

#include <complex>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using namespace complextest;
using fltest::kResidualThreshold;

// A tall m-by-n matrix of full column rank: random, plus a dominant "diagonal" of varied phase.
ZRef tall(int64_t m, int64_t n, unsigned seed) {
    ZRef a = random_matrix(m, n, seed);
    for (int64_t j = 0; j < n; ++j) a(j, j) += std::polar(2.0L * m, 0.4L * j);
    return a;
}

template <class C>
double tolerance() {
    return std::is_same_v<Real<C>, float> ? 1e-4 : 1e-11;
}

template <class C>
class ComplexQr : public ::testing::Test {};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(ComplexQr, ComplexTypes);

const std::pair<int64_t, int64_t> kShapes[] = {{1, 1}, {7, 7}, {30, 12}};

// Least squares with A: for B = A Y (consistent) A X = B to LAPACK's threshold; for a random
// B, X equals the normal equations' (A^H A)^-1 A^H B.
TYPED_TEST(ComplexQr, LeastSquaresInEveryLayout) {
    using C = TypeParam;
    for (const auto &[m, n] : kShapes)
        for (const fl_layout al : fltest::kLayouts)
            for (const fl_layout bl : fltest::kLayouts)
                for (const fl_layout xl : fltest::kLayouts) {
                    SCOPED_TRACE("m " + std::to_string(m) + ", n " + std::to_string(n) +
                                 ", layouts " + std::to_string(al) + std::to_string(bl) +
                                 std::to_string(xl));
                    const ZRef a = tall(m, n, unsigned(m + n));
                    Handle h;
                    ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(a, al)), FL_OK)
                        << fl_last_error();
                    const ZRef consistent = product(a, random_matrix(n, 3, 5));
                    const ZRef random = random_matrix(m, 2, 6);
                    for (const ZRef *b : {&consistent, &random}) {
                        const CMatrix<C> bm = CMatrix<C>::from(*b, bl);
                        CMatrix<C> x(n, b->cols, xl);
                        ASSERT_EQ(fl_factor_solve(h.f, FL_NO_TRANS, dtype_of<C>(), b->cols, bl,
                                                  bm.data.data(), bm.ld, xl, x.data.data(), x.ld),
                                  FL_OK)
                            << fl_last_error();
                        EXPECT_TRUE(std::isnan(x.data.back().real())) << "the padding was written";
                        if (b == &consistent) {
                            EXPECT_LT(scaled_residual(a, x.ref(), *b, eps<C>()),
                                      kResidualThreshold);
                        } else {
                            const ZRef ah = op_of(a, FL_CONJ_TRANS);
                            const ZRef ref = solve_reference(product(ah, a), product(ah, *b));
                            EXPECT_LT(double(relative_difference(x.ref(), ref)), tolerance<C>());
                        }
                    }
                }
}

// A^H X = B and A^T X = B (n equations, m unknowns): X solves them and is the minimum-norm
// solution op(A)^H (op(A) op(A)^H)^-1 B.
TYPED_TEST(ComplexQr, MinimumNormSolvesWithTheAdjointAndTheTranspose) {
    using C = TypeParam;
    for (const auto &[m, n] : kShapes)
        for (const fl_transpose t : {FL_CONJ_TRANS, FL_TRANS})
            for (const fl_layout al : fltest::kLayouts)
                for (const fl_layout bl : fltest::kLayouts) {
                    SCOPED_TRACE("m " + std::to_string(m) + ", trans " + std::to_string(t) +
                                 ", layouts " + std::to_string(al) + std::to_string(bl));
                    const ZRef a = tall(m, n, unsigned(m * n + 1));
                    Handle h;
                    ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(a, al)), FL_OK)
                        << fl_last_error();
                    const ZRef b = random_matrix(n, 2, 9);
                    const CMatrix<C> bm = CMatrix<C>::from(b, bl);
                    CMatrix<C> x(m, 2, bl);
                    ASSERT_EQ(fl_factor_solve(h.f, t, dtype_of<C>(), 2, bl, bm.data.data(), bm.ld,
                                              bl, x.data.data(), x.ld),
                              FL_OK)
                        << fl_last_error();
                    const ZRef op = op_of(a, t);  // n-by-m
                    EXPECT_LT(scaled_residual(op, x.ref(), b, eps<C>()), kResidualThreshold);
                    const ZRef oph = op_of(op, FL_CONJ_TRANS);
                    const ZRef ref = product(oph, solve_reference(product(op, oph), b));
                    EXPECT_LT(double(relative_difference(x.ref(), ref)), tolerance<C>());
                }
}

// xQRT01: ||A - Q R||_1 / (||A||_1 m eps) and ||Q^H Q - I||_1 / (m eps), R upper triangular
// with exact zeros below; A^+ A = I; rcond in (0, 1].
TYPED_TEST(ComplexQr, PartsPseudoInverseAndRcond) {
    using C = TypeParam;
    const int64_t m = 25, n = 9;
    const ZRef a = tall(m, n, 17);
    for (const fl_layout al : fltest::kLayouts)
        for (const fl_layout pl : fltest::kLayouts) {
            SCOPED_TRACE("a layout " + std::to_string(al) + ", part layout " + std::to_string(pl));
            Handle h;
            ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
            CMatrix<C> q(m, n, pl), r(n, n, pl);
            ASSERT_EQ(fl_factor_get_part(h.f, FL_PART_Q, dtype_of<C>(), pl, q.data.data(), q.ld),
                      FL_OK);
            ASSERT_EQ(fl_factor_get_part(h.f, FL_PART_R, dtype_of<C>(), pl, r.data.data(), r.ld),
                      FL_OK);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < i; ++j) EXPECT_EQ(r(i, j), C(0));
            ZRef qr = product(q.ref(), r.ref());
            for (size_t i = 0; i < qr.v.size(); ++i) qr.v[i] -= a.v[i];
            EXPECT_LT(double(one_norm(qr) / (one_norm(a) * m * eps<C>())), kResidualThreshold);
            ZRef qhq = product(op_of(q.ref(), FL_CONJ_TRANS), q.ref());
            for (int64_t i = 0; i < n; ++i) qhq(i, i) -= 1;
            EXPECT_LT(double(one_norm(qhq) / (m * eps<C>())), kResidualThreshold);
            CMatrix<C> pinv(n, m, pl);
            ASSERT_EQ(fl_factor_inverse(h.f, dtype_of<C>(), pl, pinv.data.data(), pinv.ld), FL_OK)
                << fl_last_error();
            ZRef pa = product(pinv.ref(), a);
            for (int64_t i = 0; i < n; ++i) pa(i, i) -= 1;
            EXPECT_LT(double(one_norm(pa) / (one_norm(a) * one_norm(pinv.ref()) * m * eps<C>())),
                      kResidualThreshold);
        }
    Handle h;
    ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(a, FL_COL_MAJOR)), FL_OK);
    double rcond = 0;
    ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
    EXPECT_GT(rcond, 0.01);
    EXPECT_LE(rcond, 1.0);
}

// apply_q: Q [I_n; 0] is the part Q; Q^H undoes Q; Q^T C = conj(Q^H conj(C)); in both layouts.
TYPED_TEST(ComplexQr, ApplyQWithEveryTranspose) {
    using C = TypeParam;
    const int64_t m = 11, n = 4, k = 3;
    const ZRef a = tall(m, n, 23);
    for (const fl_layout l : fltest::kLayouts) {
        SCOPED_TRACE("layout " + std::to_string(l));
        Handle h;
        ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(a, l)), FL_OK);
        ZRef eye(m, n);
        for (int64_t i = 0; i < n; ++i) eye(i, i) = 1;
        CMatrix<C> c = CMatrix<C>::from(eye, l), q(m, n, l);
        ASSERT_EQ(fl_factor_apply_q(h.f, FL_NO_TRANS, dtype_of<C>(), n, l, c.data.data(), c.ld),
                  FL_OK)
            << fl_last_error();
        ASSERT_EQ(fl_factor_get_part(h.f, FL_PART_Q, dtype_of<C>(), l, q.data.data(), q.ld), FL_OK);
        EXPECT_LT(double(relative_difference(c.ref(), q.ref())), 30 * m * eps<C>());
        const ZRef y = random_matrix(m, k, 24);
        CMatrix<C> back = CMatrix<C>::from(y, l);
        ASSERT_EQ(
            fl_factor_apply_q(h.f, FL_NO_TRANS, dtype_of<C>(), k, l, back.data.data(), back.ld),
            FL_OK);
        ASSERT_EQ(
            fl_factor_apply_q(h.f, FL_CONJ_TRANS, dtype_of<C>(), k, l, back.data.data(), back.ld),
            FL_OK);
        EXPECT_LT(double(relative_difference(back.ref(), y)), 30 * m * eps<C>());
        CMatrix<C> t = CMatrix<C>::from(y, l),
                   hc = CMatrix<C>::from(op_of(op_of(y, FL_CONJ_TRANS), FL_TRANS), l);
        ASSERT_EQ(fl_factor_apply_q(h.f, FL_TRANS, dtype_of<C>(), k, l, t.data.data(), t.ld),
                  FL_OK);
        ASSERT_EQ(fl_factor_apply_q(h.f, FL_CONJ_TRANS, dtype_of<C>(), k, l, hc.data.data(), hc.ld),
                  FL_OK);
        const ZRef conj_back =
            op_of(op_of(hc.ref(), FL_CONJ_TRANS), FL_TRANS);  // conj(Q^H conj(Y))
        EXPECT_LT(double(relative_difference(t.ref(), conj_back)), 30 * m * eps<C>());
    }
}

// Residual norms are real (float/double) and equal ||b - A x|| of the least-squares x.
TYPED_TEST(ComplexQr, ResidualNormsAreReal) {
    using C = TypeParam;
    const int64_t m = 20, n = 6, k = 2;
    const ZRef a = tall(m, n, 29), b = random_matrix(m, k, 30);
    for (const fl_layout l : fltest::kLayouts) {
        Handle h;
        ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(a, l)), FL_OK);
        const CMatrix<C> bm = CMatrix<C>::from(b, l);
        std::vector<Real<C>> norms(k + 1, Real<C>(-1));
        ASSERT_EQ(
            fl_factor_residual_norms(h.f, dtype_of<C>(), k, l, bm.data.data(), bm.ld, norms.data()),
            FL_OK)
            << fl_last_error();
        EXPECT_EQ(norms[k], Real<C>(-1)) << "wrote past nrhs real values";
        CMatrix<C> x(n, k, l);
        ASSERT_EQ(fl_factor_solve(h.f, FL_NO_TRANS, dtype_of<C>(), k, l, bm.data.data(), bm.ld, l,
                                  x.data.data(), x.ld),
                  FL_OK);
        const ZRef ax = product(a, x.ref());
        for (int64_t j = 0; j < k; ++j) {
            long double s = 0;
            for (int64_t i = 0; i < m; ++i) s += std::norm(b(i, j) - ax(i, j));
            EXPECT_NEAR(double(norms[size_t(j)]), double(std::sqrt(s)),
                        30 * m * eps<C>() * double(std::sqrt(s)));
        }
    }
}

TYPED_TEST(ComplexQr, EmptyAndRefusals) {
    using C = TypeParam;
    Handle empty;
    ASSERT_EQ(create(empty, FL_FACTOR_QR, CMatrix<C>(0, 0, FL_COL_MAJOR)), FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_factor_solve(empty.f, FL_CONJ_TRANS, dtype_of<C>(), 2, FL_COL_MAJOR, nullptr, 1,
                              FL_COL_MAJOR, nullptr, 1),
              FL_OK)
        << fl_last_error();
    // Rank-deficient: a zero column.
    ZRef z = tall(6, 3, 2);
    for (int64_t i = 0; i < 6; ++i) z(i, 1) = 0;
    Handle singular;
    EXPECT_ERROR(create(singular, FL_FACTOR_QR, CMatrix<C>::from(z, FL_ROW_MAJOR)), FL_ERR_SINGULAR,
                 "fl_factor_create", "R[2, 2]");
    EXPECT_EQ(singular.f, nullptr);
    Handle wide;
    EXPECT_ERROR(create(wide, FL_FACTOR_QR, CMatrix<C>::from(random_matrix(2, 3, 1), FL_COL_MAJOR)),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_create", "rows >= cols");
    CMatrix<C> nan = CMatrix<C>::from(tall(4, 2, 3), FL_COL_MAJOR);
    nan(3, 1) = C(0, std::numeric_limits<Real<C>>::infinity());
    Handle bad;
    EXPECT_ERROR(create(bad, FL_FACTOR_QR, nan), FL_ERR_NON_FINITE, "fl_factor_create", "a[3, 1]");
    Handle h;
    ASSERT_EQ(create(h, FL_FACTOR_QR, CMatrix<C>::from(tall(5, 2, 4), FL_COL_MAJOR)), FL_OK);
    C out[4];
    // A part QR lacks is named as such, whatever dtype it was asked in.
    EXPECT_ERROR(fl_factor_get_part(h.f, FL_PART_EIGENVALUES, dtype_of<C>(), FL_COL_MAJOR, out, 2),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "eigenvalues");
    Real<C> real_out[4];
    EXPECT_ERROR(fl_factor_get_part(h.f, FL_PART_SINGULAR_VALUES,
                                    std::is_same_v<Real<C>, float> ? FL_FLOAT32 : FL_FLOAT64,
                                    FL_COL_MAJOR, real_out, 2),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "singular values");
    // Norms asked as another dtype than the factor's.
    const fl_dtype real = std::is_same_v<Real<C>, float> ? FL_FLOAT32 : FL_FLOAT64;
    EXPECT_ERROR(fl_factor_residual_norms(h.f, real, 1, FL_COL_MAJOR, out, 5, real_out),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_residual_norms", "dtype");
}

// The C++ wrapper: the least-squares fit of (1, i, 1 + i) by the column (1, 1, 1) is the
// mean, x = (2 + 2i) / 3, whose residual norm is |(1, i, 1 + i) - x| = 2 / sqrt 3 (the
// squared moduli of the residuals are 5/9, 5/9 and 2/9).
TEST(ComplexQrCpp, WrapperGivesRealResidualNorms) {
    using C = std::complex<double>;
    const std::vector<C> a = {C(1), C(1), C(1)}, b = {C(1, 0), C(0, 1), C(1, 1)};
    const fastlinalg::factor f(FL_FACTOR_QR, fastlinalg::col_major(a.data(), 3, 1));
    const fastlinalg::matrix<C> x = f.solve(fastlinalg::col_major(b.data(), 3, 1));
    EXPECT_LT(std::abs(x(0, 0) - C(2, 2) / 3.0), 1e-15);
    const std::vector<double> norms = f.residual_norms(fastlinalg::col_major(b.data(), 3, 1));
    ASSERT_EQ(norms.size(), 1u);
    EXPECT_NEAR(norms[0], 2 / std::sqrt(3.0), 1e-15);
}

}  // namespace
