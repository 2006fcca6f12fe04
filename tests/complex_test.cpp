// Complex dtypes (FL_COMPLEX64, FL_COMPLEX128): LU and Hermitian Cholesky solves with
// op(A) = A, A^T and A^H in both layouts, judged by LAPACK's scaled residuals computed in
// long double complex, independently of the library; inverses, log-determinants with a
// complex phase, rcond, and every refusal (dtype mismatch, kinds without complex support,
// singular and non-definite matrices, NaN in an imaginary part); the parts of LU and
// Cholesky (L, U, the row permutation) reconstruct A.
#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>
#include <fastlinalg/fastlinalg.hpp>

#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using namespace complextest;
using fltest::kResidualThreshold;

template <class C>
class ComplexFactor : public ::testing::Test {};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(ComplexFactor, ComplexTypes);

TYPED_TEST(ComplexFactor, LuSolvesEveryTransposeAndLayout) {
    using C = TypeParam;
    for (const int64_t n : {int64_t(1), int64_t(2), int64_t(7), int64_t(40)})
        for (const fl_layout al : fltest::kLayouts) {
            SCOPED_TRACE("n " + std::to_string(n) + ", a layout " + std::to_string(al));
            const ZRef a = general(n, unsigned(n));
            Handle h;
            ASSERT_EQ(create(h, FL_FACTOR_LU, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
            EXPECT_EQ(fl_factor_get_dtype(h.f), dtype_of<C>());
            check_solves<C>(h.f, a, 100);
        }
}

TYPED_TEST(ComplexFactor, LuSolvesAnIllConditionedMatrix) {
    using C = TypeParam;
    const ZRef a = phased_hilbert(std::is_same_v<C, std::complex<float>> ? 6 : 10);
    for (const fl_layout al : fltest::kLayouts) {
        Handle h;
        ASSERT_EQ(create(h, FL_FACTOR_LU, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
        check_solves<C>(h.f, a, 200);
        double rcond = 0;
        ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
        EXPECT_LT(rcond, 1e-5);
        EXPECT_GT(rcond, 0);
    }
}

// Cholesky of the Hermitian a read from either triangle in either layout, the other
// triangle spoiled by NaN, and its solves.
template <class C>
void check_cholesky(const ZRef &a, unsigned seed) {
    for (const fl_layout al : fltest::kLayouts)
        for (const fl_triangle tri : fltest::kTriangles) {
            SCOPED_TRACE("n " + std::to_string(a.rows) + ", a layout " + std::to_string(al) +
                         ", triangle " + std::to_string(tri));
            Handle h;
            ASSERT_EQ(create(h, FL_FACTOR_CHOLESKY, one_triangle<C>(a, al, tri), tri), FL_OK)
                << fl_last_error();
            check_solves<C>(h.f, a, seed);
        }
}

TYPED_TEST(ComplexFactor, CholeskyIsHermitianReadFromOneTriangle) {
    for (const int64_t n : {int64_t(1), int64_t(5), int64_t(33)})
        check_cholesky<TypeParam>(hermitian_pd(n, unsigned(n + 7)), 300);
}

TYPED_TEST(ComplexFactor, CholeskyOfAnIllConditionedHermitianMatrix) {
    check_cholesky<TypeParam>(
        phased_hilbert(std::is_same_v<TypeParam, std::complex<float>> ? 5 : 10), 400);
}

// A complex symmetric (A^T = A) matrix that is not Hermitian: Cholesky reads one triangle
// and takes the matrix as the Hermitian one it defines, so solves follow that matrix, not A.
TYPED_TEST(ComplexFactor, CholeskyTakesTheHermitianMatrixOfTheTriangleNotAComplexSymmetricOne) {
    using C = TypeParam;
    const int64_t n = 6;
    const ZRef h = hermitian_pd(n, 11);
    ZRef symmetric = h;  // same lower triangle, upper = transpose (not conjugate) of it
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i + 1; j < n; ++j) symmetric(i, j) = h(j, i);
    for (const fl_layout al : fltest::kLayouts) {
        Handle f;
        ASSERT_EQ(create(f, FL_FACTOR_CHOLESKY, CMatrix<C>::from(symmetric, al), FL_LOWER), FL_OK);
        check_solves<C>(f.f, h, 500);
    }
}

// The parts are those of A in either layout: P^T A = L U with L unit lower triangular.
TYPED_TEST(ComplexFactor, LuPartsReconstructA) {
    using C = TypeParam;
    for (const int64_t n : {int64_t(0), int64_t(1), int64_t(6), int64_t(30)})
        for (const fl_layout al : fltest::kLayouts)
            for (const fl_layout pl : fltest::kLayouts) {
                SCOPED_TRACE("n " + std::to_string(n) + ", a layout " + std::to_string(al) +
                             ", parts layout " + std::to_string(pl));
                const ZRef a = random_matrix(n, n, unsigned(n + 3));  // pivots are needed
                Handle h;
                ASSERT_EQ(create(h, FL_FACTOR_LU, CMatrix<C>::from(a, al)), FL_OK);
                const ZRef l = part_of<C>(h.f, FL_PART_LOWER, pl);
                const ZRef u = part_of<C>(h.f, FL_PART_UPPER, pl);
                std::vector<int64_t> perm(size_t(n), -1);
                ASSERT_EQ(fl_factor_get_indices(h.f, FL_PART_ROW_PERMUTATION, perm.data(), n),
                          FL_OK);
                ZRef pa(n, n);
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < n; ++j) {
                        pa(i, j) = a(perm[size_t(i)], j);
                        if (i <= j) {
                            EXPECT_EQ(l(i, j), Z(i == j ? 1 : 0));
                        } else {
                            EXPECT_EQ(u(i, j), Z(0));
                        }
                    }
                EXPECT_LT(reconstruction<C>(product(l, u), pa, a), kResidualThreshold);
            }
}

// A = L L^H and U = L^H, from either triangle in either layout (a row-major Hermitian A is
// stored as conj(A): the parts must undo that).
TYPED_TEST(ComplexFactor, CholeskyPartsReconstructA) {
    using C = TypeParam;
    for (const int64_t n : {int64_t(0), int64_t(1), int64_t(5), int64_t(25)}) {
        const ZRef a = hermitian_pd(n, unsigned(n + 21));
        for (const fl_layout al : fltest::kLayouts)
            for (const fl_triangle tri : fltest::kTriangles)
                for (const fl_layout pl : fltest::kLayouts) {
                    SCOPED_TRACE("n " + std::to_string(n) + ", a layout " + std::to_string(al) +
                                 ", triangle " + std::to_string(tri) + ", parts layout " +
                                 std::to_string(pl));
                    Handle h;
                    ASSERT_EQ(create(h, FL_FACTOR_CHOLESKY, one_triangle<C>(a, al, tri), tri),
                              FL_OK);
                    const ZRef l = part_of<C>(h.f, FL_PART_LOWER, pl);
                    const ZRef u = part_of<C>(h.f, FL_PART_UPPER, pl);
                    EXPECT_EQ(u.v, op_of(l, FL_CONJ_TRANS).v);
                    for (int64_t i = 0; i < n; ++i) {
                        EXPECT_EQ(l(i, i).imag(), 0.0L);  // potrf's real positive diagonal
                        EXPECT_GT(l(i, i).real(), 0.0L);
                    }
                    EXPECT_LT(reconstruction<C>(product(l, u), a, a), kResidualThreshold);
                }
    }
}

TYPED_TEST(ComplexFactor, InverseInBothLayouts) {
    using C = TypeParam;
    const int64_t n = 9;
    const ZRef g = general(n, 3), hpd = hermitian_pd(n, 4);
    for (const fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY})
        for (const fl_layout al : fltest::kLayouts)
            for (const fl_layout ol : fltest::kLayouts) {
                SCOPED_TRACE("kind " + std::to_string(kind) + ", a layout " + std::to_string(al) +
                             ", out layout " + std::to_string(ol));
                const ZRef &a = kind == FL_FACTOR_LU ? g : hpd;
                Handle h;
                ASSERT_EQ(create(h, kind, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
                CMatrix<C> inv(n, n, ol);
                ASSERT_EQ(fl_factor_inverse(h.f, dtype_of<C>(), ol, inv.data.data(), inv.ld), FL_OK)
                    << fl_last_error();
                // xGET03: ||A inv - I||_1 / (||A||_1 ||inv||_1 n eps)
                const ZRef ai = product(a, inv.ref());
                ZRef r = ai;
                for (int64_t i = 0; i < n; ++i) r(i, i) -= 1;
                EXPECT_LT(double(one_norm(r) / (one_norm(a) * one_norm(inv.ref()) * n * eps<C>())),
                          kResidualThreshold);
            }
}

TYPED_TEST(ComplexFactor, LogdetGivesAComplexPhase) {
    using C = TypeParam;
    const double tol = std::is_same_v<C, std::complex<float>> ? 1e-4 : 1e-12;
    for (const int64_t n : {int64_t(0), int64_t(1), int64_t(8)})
        for (const fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY})
            for (const fl_layout al : fltest::kLayouts) {
                SCOPED_TRACE("n " + std::to_string(n) + ", kind " + std::to_string(kind) +
                             ", layout " + std::to_string(al));
                const ZRef a = kind == FL_FACTOR_LU ? general(n, 5) : hermitian_pd(n, 6);
                Handle h;
                ASSERT_EQ(create(h, kind, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
                double re = 0, im = 0, logabs = 0;
                ASSERT_EQ(fl_factor_logdet_complex(h.f, &re, &im, &logabs), FL_OK)
                    << fl_last_error();
                const Z det = reference_det(a);
                const Z phase = det / std::abs(det);
                EXPECT_NEAR(re, double(phase.real()), tol);
                EXPECT_NEAR(im, double(phase.imag()), tol);
                EXPECT_NEAR(logabs, double(std::log(std::abs(det))), tol * std::max<double>(1, n));
                if (kind == FL_FACTOR_CHOLESKY) {
                    EXPECT_EQ(im, 0.0);
                }
                double sign = 0;
                EXPECT_ERROR(fl_factor_logdet(h.f, &sign, &logabs), FL_ERR_UNSUPPORTED,
                             "fl_factor_logdet", "complex phase", "fl_factor_logdet_complex");
                double rcond = -1;
                ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
                EXPECT_GT(rcond, n == 0 ? 0.99 : 1e-3);
                EXPECT_LE(rcond, 1.0);
            }
}

TYPED_TEST(ComplexFactor, SolveInPlace) {
    using C = TypeParam;
    const int64_t n = 12, k = 2;
    const ZRef a = general(n, 9);
    for (const fl_layout l : fltest::kLayouts)
        for (const fl_transpose t : {FL_NO_TRANS, FL_CONJ_TRANS}) {
            Handle h;
            ASSERT_EQ(create(h, FL_FACTOR_LU, CMatrix<C>::from(a, l)), FL_OK);
            const ZRef b = random_matrix(n, k, 10);
            CMatrix<C> x = CMatrix<C>::from(b, l);
            ASSERT_EQ(fl_factor_solve(h.f, t, dtype_of<C>(), k, l, x.data.data(), x.ld, l,
                                      x.data.data(), x.ld),
                      FL_OK);
            EXPECT_LT(scaled_residual(op_of(a, t), x.ref(), b, eps<C>()), kResidualThreshold);
        }
}

TYPED_TEST(ComplexFactor, RefusalsNameTheFunctionAndTheValue) {
    using C = TypeParam;
    const ZRef a = general(4, 1);
    const CMatrix<C> m = CMatrix<C>::from(a, FL_ROW_MAJOR);
    // Kinds not written for complex matrices.
    for (const fl_factor_kind kind : {FL_FACTOR_AUTO}) {
        Handle h;
        EXPECT_ERROR(create(h, kind, m), FL_ERR_UNSUPPORTED, "fl_factor_create", "real");
        EXPECT_EQ(h.f, nullptr);
    }
    Handle lu;
    ASSERT_EQ(create(lu, FL_FACTOR_LU, m), FL_OK);
    // A matrix of another dtype than the factor's.
    const fl_dtype other = dtype_of<C>() == FL_COMPLEX64 ? FL_COMPLEX128 : FL_COMPLEX64;
    C x[4], b[4] = {};
    EXPECT_ERROR(
        fl_factor_solve(lu.f, FL_NO_TRANS, other, 1, FL_COL_MAJOR, b, 4, FL_COL_MAJOR, x, 4),
        FL_ERR_DTYPE_MISMATCH, "fl_factor_solve", "dtype");
    EXPECT_ERROR(
        fl_factor_solve(lu.f, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b, 4, FL_COL_MAJOR, x, 4),
        FL_ERR_DTYPE_MISMATCH, "fl_factor_solve", "dtype");
    EXPECT_ERROR(fl_factor_solve(lu.f, static_cast<fl_transpose>(4), dtype_of<C>(), 1, FL_COL_MAJOR,
                                 b, 4, FL_COL_MAJOR, x, 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "trans = 4", "FL_CONJ_TRANS = 3");
    // Products with A^-1 and rank updates are real only.
    C out[1];
    EXPECT_ERROR(
        fl_factor_quadratic_form(lu.f, dtype_of<C>(), 1, FL_COL_MAJOR, b, 4, FL_COL_MAJOR, out, 1),
        FL_ERR_UNSUPPORTED, "fl_factor_quadratic_form");
    Handle chol;
    ASSERT_EQ(create(chol, FL_FACTOR_CHOLESKY, CMatrix<C>::from(hermitian_pd(4, 2), FL_COL_MAJOR)),
              FL_OK);
    fl_factor *updated = nullptr;
    EXPECT_ERROR(fl_factor_rank_update(&updated, chol.f, 1, dtype_of<C>(), 1, FL_COL_MAJOR, b, 4),
                 FL_ERR_UNSUPPORTED, "fl_factor_rank_update", "complex");
    EXPECT_EQ(updated, nullptr);
    EXPECT_ERROR(fl_factor_logdet_complex(nullptr, nullptr, nullptr, nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_logdet_complex", "factor");
}

TYPED_TEST(ComplexFactor, NumericRefusals) {
    using C = TypeParam;
    // Singular: a zero column.
    ZRef s = general(5, 2);
    for (int64_t i = 0; i < 5; ++i) s(i, 3) = 0;
    Handle h1;
    EXPECT_ERROR(create(h1, FL_FACTOR_LU, CMatrix<C>::from(s, FL_COL_MAJOR)), FL_ERR_SINGULAR,
                 "fl_factor_create", "singular");
    // Hermitian but indefinite: -I.
    ZRef neg(3, 3);
    for (int64_t i = 0; i < 3; ++i) neg(i, i) = -1;
    Handle h2;
    EXPECT_ERROR(create(h2, FL_FACTOR_CHOLESKY, CMatrix<C>::from(neg, FL_ROW_MAJOR)),
                 FL_ERR_NOT_POSITIVE_DEFINITE, "fl_factor_create", "positive definite");
    // NaN in an imaginary part only.
    CMatrix<C> nan = CMatrix<C>::from(general(4, 3), FL_ROW_MAJOR);
    nan(2, 1) = C(1, std::numeric_limits<double>::quiet_NaN());
    Handle h3;
    EXPECT_ERROR(create(h3, FL_FACTOR_LU, nan), FL_ERR_NON_FINITE, "fl_factor_create",
                 "a[2, 1] is nan");
    // An empty matrix factors, solves nothing, and has determinant 1.
    Handle h4;
    ASSERT_EQ(create(h4, FL_FACTOR_LU, CMatrix<C>(0, 0, FL_COL_MAJOR)), FL_OK) << fl_last_error();
    EXPECT_EQ(fl_factor_solve(h4.f, FL_CONJ_TRANS, dtype_of<C>(), 3, FL_COL_MAJOR, nullptr, 1,
                              FL_COL_MAJOR, nullptr, 1),
              FL_OK)
        << fl_last_error();
}

// For a real factor FL_CONJ_TRANS is FL_TRANS, to the bit.
TEST(ComplexDtypes, ConjugateTransposeOfARealFactorIsItsTranspose) {
    const int64_t n = 6;
    std::vector<double> a(n * n), b(n), x1(n), x2(n);
    std::mt19937 gen(1);
    std::uniform_real_distribution<double> u(-1, 1);
    for (double &v : a) v = u(gen);
    for (int64_t i = 0; i < n; ++i) a[size_t(i * n + i)] += 4;
    for (double &v : b) v = u(gen);
    Handle h;
    ASSERT_EQ(
        fl_factor_create(&h.f, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, n, n, a.data(), n, nullptr),
        FL_OK);
    ASSERT_EQ(fl_factor_solve(h.f, FL_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), n, FL_COL_MAJOR,
                              x1.data(), n),
              FL_OK);
    ASSERT_EQ(fl_factor_solve(h.f, FL_CONJ_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), n,
                              FL_COL_MAJOR, x2.data(), n),
              FL_OK);
    EXPECT_EQ(x1, x2);
    double re = 0, im = 1, logabs = 0, sign = 0, logabs2 = 1;
    ASSERT_EQ(fl_factor_logdet_complex(h.f, &re, &im, &logabs), FL_OK);
    ASSERT_EQ(fl_factor_logdet(h.f, &sign, &logabs2), FL_OK);
    EXPECT_EQ(re, sign);
    EXPECT_EQ(im, 0.0);
    EXPECT_EQ(logabs, logabs2);
}

TEST(ComplexDtypes, AnUnknownDtypeNamesTheComplexOnes) {
    fl_factor *f = nullptr;
    double a = 1;
    EXPECT_ERROR(fl_factor_create(&f, FL_FACTOR_LU, static_cast<fl_dtype>(5), FL_COL_MAJOR, 1, 1,
                                  &a, 1, nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_create", "dtype = 5", "FL_COMPLEX128 = 4");
    EXPECT_EQ(f, nullptr);
}

// The matrix-calculus maps only move and average elements, so they take complex ones:
// vech, K(m,n) and the round trip D^+ D vech(A) = vech(A) for a complex symmetric A.
TEST(ComplexDtypes, MatrixCalculusMapsMoveComplexElements) {
    using C = std::complex<double>;
    const int64_t n = 3, half = n * (n + 1) / 2;
    std::vector<C> a(n * n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j <= i; ++j)
            a[size_t(i + j * n)] = a[size_t(j + i * n)] = C(double(i + 1), double(j - 5));
    std::vector<C> vech(half), vec(n * n), back(half), kvec(n * n);
    ASSERT_EQ(fl_vech(FL_COMPLEX128, n, FL_COL_MAJOR, a.data(), n, vech.data()), FL_OK)
        << fl_last_error();
    EXPECT_EQ(vech[1], a[1]);
    EXPECT_EQ(vech[3], a[size_t(1 + n)]);
    ASSERT_EQ(fl_duplication_apply(FL_COMPLEX128, n, 0, FL_NO_TRANS, 1, FL_COL_MAJOR, vech.data(),
                                   half, FL_COL_MAJOR, vec.data(), n * n),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(vec, a);
    ASSERT_EQ(fl_duplication_apply(FL_COMPLEX128, n, 1, FL_NO_TRANS, 1, FL_COL_MAJOR, vec.data(),
                                   n * n, FL_COL_MAJOR, back.data(), half),
              FL_OK);
    EXPECT_EQ(back, vech);
    // K(n,n) vec(A) = vec(A^T) = vec(A) for this symmetric A; a non-symmetric one changes.
    a[1] = C(0, 9);
    ASSERT_EQ(fl_commutation_apply(FL_COMPLEX128, n, n, 1, FL_COL_MAJOR, a.data(), n * n,
                                   FL_COL_MAJOR, kvec.data(), n * n),
              FL_OK);
    EXPECT_EQ(kvec[size_t(n)], C(0, 9));
    EXPECT_EQ(kvec[1], a[size_t(n)]);
}

// The C++ wrapper with std::complex: the 2-by-2 case of complex_c_test.c, whose answers are
// known in closed form.
TEST(ComplexDtypes, CppWrapperTakesStdComplex) {
    using C = std::complex<double>;
    const std::vector<C> a = {C(0, 2), C(1, 0), C(0, 0), C(1, 1)};
    const std::vector<C> b = {C(0, -2), C(2, 1)};
    const fastlinalg::factor lu(FL_FACTOR_LU, fastlinalg::row_major(a.data(), 2, 2));
    EXPECT_EQ(lu.dtype(), FL_COMPLEX128);
    const fastlinalg::matrix<C> x = lu.solve(fastlinalg::col_major(b.data(), 2, 1), FL_CONJ_TRANS);
    EXPECT_LT(std::abs(x(0, 0) - C(1, 0)), 1e-15);
    EXPECT_LT(std::abs(x(1, 0) - C(0, 1)), 1e-15);
    const fastlinalg::logdet_complex_result d = lu.logdet_complex();
    EXPECT_LT(std::abs(d.phase - C(-1, 1) / std::sqrt(2.0)), 1e-15);
    EXPECT_NEAR(d.logabsdet, std::log(std::sqrt(8.0)), 1e-15);
    EXPECT_THROW(lu.logdet(), fastlinalg::error);
}

}  // namespace
