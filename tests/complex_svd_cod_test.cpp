// Complex SVD (gesdd) and COD (geqp3 + tzrzf), the two rank-revealing kinds: minimum-norm
// least-squares solves with A, A^T and A^H, the pseudo-inverse, rank and real residual norms
// of both, SVD's parts (real singular values, U, V^H) and rcond, COD's parts (the pivoted
// QR's R and column permutation) and apply_q, for tall, wide, square, 1x1, empty,
// rank-deficient and ill-conditioned matrices in both layouts, judged in long double
// complex independently of the library: LAPACK's scaled residuals, xBDT01's
// ||A - U S V^H||, xUNT01's ||U^H U - I||, xQPT01's ||A P - Q R||, and the pseudo-inverse of
// a product A = L R of full-rank factors, R^H (R R^H)^-1 (L^H L)^-1 L^H.
#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>
#include <fastlinalg/fastlinalg.hpp>

#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using namespace complextest;
using fltest::kResidualThreshold;

ZRef adjoint(const ZRef &a) { return op_of(a, FL_CONJ_TRANS); }

template <class C>
double tolerance() {
    return std::is_same_v<Real<C>, float> ? 2e-4 : 1e-11;
}

// A = L R with L m-by-r and R r-by-n of full rank r (dominant "diagonals" of varied phase),
// kept as its factors so that its pseudo-inverse has a closed form.
struct LowRank {
    ZRef l, r, a;
    LowRank(int64_t m, int64_t n, int64_t rank, unsigned seed)
        : l(random_matrix(m, rank, seed)), r(random_matrix(rank, n, seed + 1)), a(0, 0) {
        for (int64_t j = 0; j < rank; ++j) {
            l(j, j) += std::polar(2.0L * m, 0.3L * j);
            r(j, j) += std::polar(2.0L * n, -0.5L * j);
        }
        a = product(l, r);
    }
    // op(A) = op(R) op(L) = F G, whose pseudo-inverse is G^H (G G^H)^-1 (F^H F)^-1 F^H.
    ZRef pinv(fl_transpose t) const {
        const ZRef f = t == FL_NO_TRANS ? l : op_of(r, t);
        const ZRef g = t == FL_NO_TRANS ? r : op_of(l, t);
        const ZRef gh = adjoint(g), fh = adjoint(f);
        const ZRef right = solve_reference(product(fh, f), fh);  // (F^H F)^-1 F^H
        return product(gh, solve_reference(product(g, gh), right));
    }
};

struct Shape {
    int64_t m, n, rank;
};
const Shape kShapes[] = {{1, 1, 1}, {7, 7, 7}, {30, 12, 12}, {12, 30, 12}, {20, 9, 4}, {9, 20, 4}};

// Every solve op(A) X = B, B and X in every layout: X equals the pseudo-inverse's op(A)^+ B
// (the minimum-norm least-squares solution), and for a consistent B = op(A) Y the scaled
// residual is below LAPACK's threshold.
template <class C>
class ComplexSvdCod : public ::testing::Test {};

// The kinds whose solves are the minimum-norm least-squares solution for any shape and rank.
const fl_factor_kind kRankRevealing[] = {FL_FACTOR_SVD, FL_FACTOR_COD};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(ComplexSvdCod, ComplexTypes);

TYPED_TEST(ComplexSvdCod, SolvesAreTheMinimumNormLeastSquaresSolution) {
    using C = TypeParam;
    for (const fl_factor_kind kind : kRankRevealing)
        for (const Shape &s : kShapes)
            for (const fl_layout al : fltest::kLayouts) {
                const LowRank lr(s.m, s.n, s.rank, unsigned(s.m + 3 * s.n));
                Handle h;
                ASSERT_EQ(create(h, kind, CMatrix<C>::from(lr.a, al)), FL_OK) << fl_last_error();
                int64_t rank = -1;
                ASSERT_EQ(fl_factor_rank(h.f, &rank), FL_OK);
                EXPECT_EQ(rank, s.rank);
                for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS}) {
                    const ZRef op = op_of(lr.a, t);
                    const ZRef pinv = lr.pinv(t);
                    const ZRef consistent = product(op, random_matrix(op.cols, 2, 5));
                    const ZRef random = random_matrix(op.rows, 3, 6);
                    for (const fl_layout bl : fltest::kLayouts)
                        for (const fl_layout xl : fltest::kLayouts)
                            for (const ZRef *b : {&consistent, &random}) {
                                SCOPED_TRACE("kind " + std::to_string(kind) + ", m " +
                                             std::to_string(s.m) + ", n " + std::to_string(s.n) +
                                             ", trans " + std::to_string(t) + ", layouts " +
                                             std::to_string(al) + std::to_string(bl) +
                                             std::to_string(xl));
                                const CMatrix<C> bm = CMatrix<C>::from(*b, bl);
                                CMatrix<C> x(op.cols, b->cols, xl);
                                ASSERT_EQ(
                                    fl_factor_solve(h.f, t, dtype_of<C>(), b->cols, bl,
                                                    bm.data.data(), bm.ld, xl, x.data.data(), x.ld),
                                    FL_OK)
                                    << fl_last_error();
                                EXPECT_TRUE(std::isnan(x.data.back().real()))
                                    << "the padding was written";
                                if (b == &consistent)
                                    EXPECT_LT(scaled_residual(op, x.ref(), *b, eps<C>()),
                                              kResidualThreshold);
                                EXPECT_LT(double(relative_difference(x.ref(), product(pinv, *b))),
                                          tolerance<C>());
                            }
                }
            }
}

// A square solve in place (x == b) gives what the out-of-place one gives.
TYPED_TEST(ComplexSvdCod, SolvesInPlace) {
    using C = TypeParam;
    const LowRank lr(6, 6, 6, 41);
    for (const fl_factor_kind kind : kRankRevealing)
        for (const fl_layout l : fltest::kLayouts)
            for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS}) {
                Handle h;
                ASSERT_EQ(create(h, kind, CMatrix<C>::from(lr.a, l)), FL_OK);
                const ZRef b = random_matrix(6, 2, 42);
                CMatrix<C> x = CMatrix<C>::from(b, l);
                ASSERT_EQ(fl_factor_solve(h.f, t, dtype_of<C>(), 2, l, x.data.data(), x.ld, l,
                                          x.data.data(), x.ld),
                          FL_OK)
                    << fl_last_error();
                EXPECT_LT(scaled_residual(op_of(lr.a, t), x.ref(), b, eps<C>()),
                          kResidualThreshold);
            }
}

// xBDT01 and xUNT01 with the parts read in both layouts: ||A - U S V^H||_1 / (||A||_1 max(m,
// n) eps), ||U^H U - I||_1 / (m eps), ||V^H V - I||_1 / (n eps) below the threshold; the
// singular values real, non-negative and descending. A unitary U and V with A = U S V^H and
// such an S is the SVD, so no other reference is needed. The phased Hilbert matrix
// (condition 1.6e13) is among the matrices.
TYPED_TEST(ComplexSvdCod, PartsReconstructA) {
    using C = TypeParam;
    std::vector<ZRef> matrices = {LowRank(25, 9, 9, 17).a, LowRank(9, 25, 9, 18).a,
                                  LowRank(12, 10, 3, 19).a, phased_hilbert(10)};
    for (const ZRef &a : matrices)
        for (const fl_layout al : fltest::kLayouts)
            for (const fl_layout pl : fltest::kLayouts) {
                const int64_t m = a.rows, n = a.cols, k = std::min(m, n), mx = std::max(m, n);
                SCOPED_TRACE("m " + std::to_string(m) + ", n " + std::to_string(n) + ", layouts " +
                             std::to_string(al) + std::to_string(pl));
                Handle h;
                ASSERT_EQ(create(h, FL_FACTOR_SVD, CMatrix<C>::from(a, al)), FL_OK)
                    << fl_last_error();
                int64_t rows = 0, cols = 0;
                ASSERT_EQ(fl_factor_part_shape(h.f, FL_PART_VT, &rows, &cols), FL_OK);
                EXPECT_EQ(rows, k);
                EXPECT_EQ(cols, n);
                std::vector<Real<C>> s(size_t(k) + 1, Real<C>(-7));
                ASSERT_EQ(fl_factor_get_part(h.f, FL_PART_SINGULAR_VALUES, real_dtype<C>(),
                                             FL_COL_MAJOR, s.data(), k),
                          FL_OK)
                    << fl_last_error();
                EXPECT_EQ(s[size_t(k)], Real<C>(-7)) << "wrote past k real values";
                for (int64_t i = 0; i < k; ++i) {
                    EXPECT_GE(s[size_t(i)], Real<C>(0));
                    if (i > 0) EXPECT_LE(s[size_t(i)], s[size_t(i - 1)]);
                }
                CMatrix<C> u(m, k, pl), vh(k, n, pl);
                ASSERT_EQ(
                    fl_factor_get_part(h.f, FL_PART_U, dtype_of<C>(), pl, u.data.data(), u.ld),
                    FL_OK);
                ASSERT_EQ(
                    fl_factor_get_part(h.f, FL_PART_VT, dtype_of<C>(), pl, vh.data.data(), vh.ld),
                    FL_OK);
                ZRef us = u.ref();
                for (int64_t j = 0; j < k; ++j)
                    for (int64_t i = 0; i < m; ++i) us(i, j) *= s[size_t(j)];
                ZRef d = product(us, vh.ref());
                for (size_t i = 0; i < d.v.size(); ++i) d.v[i] -= a.v[i];
                EXPECT_LT(double(one_norm(d) / (one_norm(a) * mx * eps<C>())), kResidualThreshold);
                ZRef uhu = product(adjoint(u.ref()), u.ref());
                for (int64_t i = 0; i < k; ++i) uhu(i, i) -= 1;
                EXPECT_LT(double(one_norm(uhu) / (m * eps<C>())), kResidualThreshold);
                ZRef vhv = product(vh.ref(), adjoint(vh.ref()));
                for (int64_t i = 0; i < k; ++i) vhv(i, i) -= 1;
                EXPECT_LT(double(one_norm(vhv) / (n * eps<C>())), kResidualThreshold);
            }
}

// The ill-conditioned phased Hilbert matrix (condition 1.6e13): full rank in double
// precision, cut at max(m, n) eps s_1 in single (COD cuts at its R's diagonal instead); a
// consistent B = op(A) Y still meets the scaled-residual threshold for every transpose and
// layout (the values cut off are below that threshold, so what they leave in the residual
// is too).
TYPED_TEST(ComplexSvdCod, IllConditionedSolves) {
    using C = TypeParam;
    const ZRef a = phased_hilbert(10);
    for (const fl_factor_kind kind : kRankRevealing)
        for (const fl_layout l : fltest::kLayouts) {
            Handle h;
            ASSERT_EQ(create(h, kind, CMatrix<C>::from(a, l)), FL_OK) << fl_last_error();
            int64_t rank = 0;
            ASSERT_EQ(fl_factor_rank(h.f, &rank), FL_OK);
            if (kind == FL_FACTOR_COD) {
                EXPECT_GT(rank, 3);
            } else if (std::is_same_v<Real<C>, float>) {
                EXPECT_LT(rank, 10);
                EXPECT_GT(rank, 3);
            } else {
                EXPECT_EQ(rank, 10);
            }
            for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS})
                for (const fl_layout bl : fltest::kLayouts) {
                    SCOPED_TRACE("kind " + std::to_string(kind) + ", a layout " +
                                 std::to_string(l) + ", trans " + std::to_string(t) +
                                 ", b layout " + std::to_string(bl));
                    const ZRef op = op_of(a, t), b = product(op, random_matrix(10, 3, 61));
                    const CMatrix<C> bm = CMatrix<C>::from(b, bl);
                    CMatrix<C> x(10, 3, bl);
                    ASSERT_EQ(fl_factor_solve(h.f, t, dtype_of<C>(), 3, bl, bm.data.data(), bm.ld,
                                              bl, x.data.data(), x.ld),
                              FL_OK)
                        << fl_last_error();
                    EXPECT_LT(scaled_residual(op, x.ref(), b, eps<C>()), kResidualThreshold);
                }
        }
}

// The pseudo-inverse in both layouts equals R^H (R R^H)^-1 (L^H L)^-1 L^H; SVD's rcond is
// s_min / s_max, exactly, from the singular values, COD's trcon's estimate for T.
TYPED_TEST(ComplexSvdCod, PseudoInverseAndRcond) {
    using C = TypeParam;
    for (const fl_factor_kind kind : kRankRevealing)
        for (const Shape &s : kShapes)
            for (const fl_layout al : fltest::kLayouts)
                for (const fl_layout pl : fltest::kLayouts) {
                    SCOPED_TRACE("kind " + std::to_string(kind) + ", m " + std::to_string(s.m) +
                                 ", n " + std::to_string(s.n) + ", layouts " + std::to_string(al) +
                                 std::to_string(pl));
                    const LowRank lr(s.m, s.n, s.rank, unsigned(7 * s.m + s.n));
                    Handle h;
                    ASSERT_EQ(create(h, kind, CMatrix<C>::from(lr.a, al)), FL_OK);
                    CMatrix<C> pinv(s.n, s.m, pl);
                    ASSERT_EQ(fl_factor_inverse(h.f, dtype_of<C>(), pl, pinv.data.data(), pinv.ld),
                              FL_OK)
                        << fl_last_error();
                    EXPECT_TRUE(std::isnan(pinv.data.back().real())) << "the padding was written";
                    EXPECT_LT(double(relative_difference(pinv.ref(), lr.pinv(FL_NO_TRANS))),
                              tolerance<C>());
                    double rcond = -1;
                    ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
                    if (kind == FL_FACTOR_COD) {
                        EXPECT_GT(rcond, 0.0);
                        EXPECT_LE(rcond, 1.0);
                        continue;
                    }
                    const int64_t k = std::min(s.m, s.n);
                    std::vector<Real<C>> sv(static_cast<size_t>(k));
                    ASSERT_EQ(fl_factor_get_part(h.f, FL_PART_SINGULAR_VALUES, real_dtype<C>(),
                                                 FL_ROW_MAJOR, sv.data(), 1),
                              FL_OK);
                    EXPECT_DOUBLE_EQ(rcond, double(sv.back()) / double(sv.front()));
                }
}

// Residual norms are real (float/double) and equal ||b - A x|| of the least-squares x,
// for a full-rank tall A and a rank-deficient one.
TYPED_TEST(ComplexSvdCod, ResidualNormsAreReal) {
    using C = TypeParam;
    for (const fl_factor_kind kind : kRankRevealing)
        for (const Shape &s : {Shape{20, 6, 6}, Shape{15, 8, 3}})
            for (const fl_layout l : fltest::kLayouts) {
                const int64_t k = 2;
                const ZRef a = LowRank(s.m, s.n, s.rank, 29).a, b = random_matrix(s.m, k, 30);
                Handle h;
                ASSERT_EQ(create(h, kind, CMatrix<C>::from(a, l)), FL_OK);
                const CMatrix<C> bm = CMatrix<C>::from(b, l);
                std::vector<Real<C>> norms(k + 1, Real<C>(-1));
                ASSERT_EQ(fl_factor_residual_norms(h.f, dtype_of<C>(), k, l, bm.data.data(), bm.ld,
                                                   norms.data()),
                          FL_OK)
                    << fl_last_error();
                EXPECT_EQ(norms[k], Real<C>(-1)) << "wrote past nrhs real values";
                CMatrix<C> x(s.n, k, l);
                ASSERT_EQ(fl_factor_solve(h.f, FL_NO_TRANS, dtype_of<C>(), k, l, bm.data.data(),
                                          bm.ld, l, x.data.data(), x.ld),
                          FL_OK);
                const ZRef ax = product(a, x.ref());
                for (int64_t j = 0; j < k; ++j) {
                    long double sq = 0;
                    for (int64_t i = 0; i < s.m; ++i) sq += std::norm(b(i, j) - ax(i, j));
                    EXPECT_NEAR(double(norms[size_t(j)]), double(std::sqrt(sq)),
                                30 * s.m * eps<C>() * double(std::sqrt(sq)));
                }
            }
}

// Empty matrices (0x0, 0x3, 3x0): rank 0, rcond 1, zero solutions, zero residual norms.
TYPED_TEST(ComplexSvdCod, EmptyMatrices) {
    using C = TypeParam;
    for (const fl_factor_kind kind : kRankRevealing)
        for (const auto &[m, n] : {std::pair<int64_t, int64_t>{0, 0}, {0, 3}, {3, 0}}) {
            SCOPED_TRACE("kind " + std::to_string(kind) + ", m " + std::to_string(m) + ", n " +
                         std::to_string(n));
            Handle h;
            const fl_status st = fl_factor_create(&h.f, kind, dtype_of<C>(), FL_COL_MAJOR, m, n,
                                                  nullptr, std::max<int64_t>(m, 1), nullptr);
            ASSERT_EQ(st, FL_OK) << fl_last_error();
            int64_t rank = -1;
            ASSERT_EQ(fl_factor_rank(h.f, &rank), FL_OK);
            EXPECT_EQ(rank, 0);
            double rcond = -1;
            ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
            EXPECT_EQ(rcond, 1.0);
            std::vector<C> b(8, C(1, 1)), x(8, C(5, 5));
            ASSERT_EQ(fl_factor_solve(h.f, FL_CONJ_TRANS, dtype_of<C>(), 2, FL_COL_MAJOR, b.data(),
                                      std::max<int64_t>(n, 1), FL_COL_MAJOR, x.data(),
                                      std::max<int64_t>(m, 1)),
                      FL_OK)
                << fl_last_error();
            ASSERT_EQ(fl_factor_solve(h.f, FL_NO_TRANS, dtype_of<C>(), 2, FL_COL_MAJOR, b.data(),
                                      std::max<int64_t>(m, 1), FL_COL_MAJOR, x.data(),
                                      std::max<int64_t>(n, 1)),
                      FL_OK)
                << fl_last_error();
            if (n > 0) EXPECT_EQ(x[0], C(0)) << "A^+ of an empty A is zero";
            if (kind == FL_FACTOR_COD) {  // never factored: the identity permutation
                std::vector<int64_t> p(static_cast<size_t>(n) + 1, -7);
                ASSERT_EQ(fl_factor_get_indices(h.f, FL_PART_COLUMN_PERMUTATION, p.data(), n),
                          FL_OK);
                for (int64_t j = 0; j < n; ++j) EXPECT_EQ(p[size_t(j)], j);
            }
            std::vector<Real<C>> norms(2, Real<C>(-1));
            ASSERT_EQ(fl_factor_residual_norms(h.f, dtype_of<C>(), 2, FL_COL_MAJOR, b.data(),
                                               std::max<int64_t>(m, 1), norms.data()),
                      FL_OK)
                << fl_last_error();
            // With A^+ = 0 the residual is b itself: |1 + i| sqrt(m).
            EXPECT_NEAR(double(norms[0]), std::sqrt(2.0 * double(m)), 4 * eps<C>());
        }
}

// COD's parts (xQPT01): A[:, p] = Q_k R with Q_k = Q [I_k; 0] from apply_q, R upper
// trapezoidal with |R_ii| non-increasing and p a permutation, for a full-rank tall and a
// rank-deficient wide A, R in both layouts; Q^H undoes Q.
TYPED_TEST(ComplexSvdCod, CodPartsAndApplyQ) {
    using C = TypeParam;
    for (const Shape &s : {Shape{14, 6, 6}, Shape{7, 12, 3}})
        for (const fl_layout al : fltest::kLayouts)
            for (const fl_layout pl : fltest::kLayouts) {
                SCOPED_TRACE("m " + std::to_string(s.m) + ", layouts " + std::to_string(al) +
                             std::to_string(pl));
                const int64_t m = s.m, n = s.n, k = std::min(m, n);
                const ZRef a = LowRank(m, n, s.rank, 53).a;
                Handle h;
                ASSERT_EQ(create(h, FL_FACTOR_COD, CMatrix<C>::from(a, al)), FL_OK)
                    << fl_last_error();
                CMatrix<C> r(k, n, pl);
                ASSERT_EQ(
                    fl_factor_get_part(h.f, FL_PART_R, dtype_of<C>(), pl, r.data.data(), r.ld),
                    FL_OK)
                    << fl_last_error();
                std::vector<int64_t> p(static_cast<size_t>(n), -1);
                ASSERT_EQ(fl_factor_get_indices(h.f, FL_PART_COLUMN_PERMUTATION, p.data(), n),
                          FL_OK);
                std::vector<bool> seen(static_cast<size_t>(n), false);
                for (const int64_t j : p) {
                    ASSERT_TRUE(j >= 0 && j < n && !seen[size_t(j)]) << "not a permutation";
                    seen[size_t(j)] = true;
                }
                for (int64_t i = 0; i < k; ++i) {
                    for (int64_t j = 0; j < i; ++j) EXPECT_EQ(r(i, j), C(0));
                    if (i > 0) EXPECT_LE(std::abs(r(i, i)), std::abs(r(i - 1, i - 1)) * 1.0001);
                }
                ZRef eye(m, k);
                for (int64_t i = 0; i < k; ++i) eye(i, i) = 1;
                CMatrix<C> q = CMatrix<C>::from(eye, pl);
                ASSERT_EQ(
                    fl_factor_apply_q(h.f, FL_NO_TRANS, dtype_of<C>(), k, pl, q.data.data(), q.ld),
                    FL_OK)
                    << fl_last_error();
                ZRef d = product(q.ref(), r.ref());
                for (int64_t j = 0; j < n; ++j)
                    for (int64_t i = 0; i < m; ++i) d(i, j) -= a(i, p[size_t(j)]);
                EXPECT_LT(double(one_norm(d) / (one_norm(a) * std::max(m, n) * eps<C>())),
                          kResidualThreshold);
                ASSERT_EQ(fl_factor_apply_q(h.f, FL_CONJ_TRANS, dtype_of<C>(), k, pl, q.data.data(),
                                            q.ld),
                          FL_OK);
                EXPECT_LT(double(relative_difference(q.ref(), eye)), 30 * m * eps<C>());
            }
}

TYPED_TEST(ComplexSvdCod, Refusals) {
    using C = TypeParam;
    CMatrix<C> nan = CMatrix<C>::from(random_matrix(4, 3, 3), FL_ROW_MAJOR);
    nan(2, 1) = C(0, std::numeric_limits<Real<C>>::quiet_NaN());
    Handle bad;
    EXPECT_ERROR(create(bad, FL_FACTOR_SVD, nan), FL_ERR_NON_FINITE, "fl_factor_create", "a[2, 1]");
    EXPECT_EQ(bad.f, nullptr);
    Handle h;
    ASSERT_EQ(create(h, FL_FACTOR_SVD, CMatrix<C>::from(random_matrix(5, 2, 4), FL_COL_MAJOR)),
              FL_OK);
    C out[10];
    Real<C> real_out[10];
    // The singular values are real: asked as the complex dtype, the real one is named.
    EXPECT_ERROR(
        fl_factor_get_part(h.f, FL_PART_SINGULAR_VALUES, dtype_of<C>(), FL_COL_MAJOR, out, 2),
        FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part", "real",
        real_dtype<C>() == FL_FLOAT32 ? "FL_FLOAT32" : "FL_FLOAT64");
    EXPECT_ERROR(fl_factor_get_part(h.f, FL_PART_U, real_dtype<C>(), FL_COL_MAJOR, real_out, 5),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part", "dtype");
    EXPECT_ERROR(
        fl_factor_get_part(h.f, FL_PART_EIGENVALUES, real_dtype<C>(), FL_COL_MAJOR, real_out, 2),
        FL_ERR_UNSUPPORTED, "fl_factor_get_part", "eigenvalues");
    EXPECT_ERROR(fl_factor_residual_norms(h.f, real_dtype<C>(), 1, FL_COL_MAJOR, out, 5, real_out),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_residual_norms", "dtype");
    EXPECT_ERROR(fl_factor_solve(h.f, static_cast<fl_transpose>(0), dtype_of<C>(), 1, FL_COL_MAJOR,
                                 out, 5, FL_COL_MAJOR, out + 5, 2),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "trans = 0");
    // Products with A^+ are real only; so is the saved form.
    Handle sq;
    ASSERT_EQ(create(sq, FL_FACTOR_SVD, CMatrix<C>::from(random_matrix(2, 2, 5), FL_COL_MAJOR)),
              FL_OK);
    EXPECT_ERROR(fl_factor_quadratic_form(sq.f, dtype_of<C>(), 1, FL_COL_MAJOR, out, 2,
                                          FL_COL_MAJOR, out + 4, 1),
                 FL_ERR_UNSUPPORTED, "fl_factor_quadratic_form");
    int64_t size = 0;
    EXPECT_ERROR(fl_factor_serialized_size(sq.f, &size), FL_ERR_UNSUPPORTED,
                 "fl_factor_serialized_size", "complex");
    Handle cod;
    ASSERT_EQ(create(cod, FL_FACTOR_COD, CMatrix<C>::from(random_matrix(2, 2, 6), FL_ROW_MAJOR)),
              FL_OK);
    EXPECT_ERROR(fl_factor_serialized_size(cod.f, &size), FL_ERR_UNSUPPORTED,
                 "fl_factor_serialized_size", "complex");
    EXPECT_ERROR(fl_factor_get_part(cod.f, FL_PART_R, real_dtype<C>(), FL_COL_MAJOR, real_out, 2),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part", "dtype");
    EXPECT_ERROR(fl_factor_get_part(cod.f, FL_PART_SINGULAR_VALUES, real_dtype<C>(), FL_COL_MAJOR,
                                    real_out, 2),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "singular values");
    CMatrix<C> nan_cod = CMatrix<C>::from(random_matrix(3, 3, 7), FL_COL_MAJOR);
    nan_cod(1, 2) = C(std::numeric_limits<Real<C>>::infinity(), 0);
    Handle bad_cod;
    EXPECT_ERROR(create(bad_cod, FL_FACTOR_COD, nan_cod), FL_ERR_NON_FINITE, "fl_factor_create",
                 "a[1, 2]");
}

// The C++ wrapper: diag(3i, -2) has singular values 3 and 2, and V^H = diag(-i, -1) when
// U = I (the phases go to V^H); whatever phases gesdd picks, U diag(s) V^H is A.
TEST(ComplexSvdCpp, WrapperReadsRealSingularValues) {
    using C = std::complex<double>;
    const std::vector<C> a = {C(0, 3), C(0), C(0), C(-2, 0)};
    const fastlinalg::factor f(FL_FACTOR_SVD, fastlinalg::col_major(a.data(), 2, 2));
    const fastlinalg::matrix<double> s = f.part<double>(FL_PART_SINGULAR_VALUES);
    EXPECT_NEAR(s(0, 0), 3.0, 1e-15);
    EXPECT_NEAR(s(1, 0), 2.0, 1e-15);
    const fastlinalg::matrix<C> u = f.part<C>(FL_PART_U), vh = f.part<C>(FL_PART_VT);
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) {
            const C usvh = u(i, 0) * s(0, 0) * vh(0, j) + u(i, 1) * s(1, 0) * vh(1, j);
            EXPECT_LT(std::abs(usvh - a[size_t(i + 2 * j)]), 1e-14);
        }
}

}  // namespace
