// Complex Hermitian EIGH (heevd): A = V diag(w) V^H with real eigenvalues w, written as
// float32/float64 (fl_factor_get_part's dtype for FL_PART_EIGENVALUES of a complex factor),
// and a unitary V. Judged in long double complex, independently of the library: LAPACK's
// xHET21 residuals ||A V - V W||_1 / (||A||_1 n eps) and ||V^H V - I||_1 / (n eps), the
// scaled residuals of solves with A, A^T and A^H and of shifted solves, in both layouts,
// from either triangle with the other one spoiled by NaN; logdet against Gaussian
// elimination, rank and inertia, and the refusals.
#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>
#include <fastlinalg/fastlinalg.hpp>

#include <complex>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using namespace complextest;
using fltest::kResidualThreshold;

// The eigenvalues (as the real dtype) and eigenvectors of the factor, in the layout given.
template <class C>
void parts(const fl_factor *f, int64_t n, fl_layout layout, std::vector<Real<C>> &w,
           CMatrix<C> &v) {
    int64_t rows = -1, cols = -1;
    ASSERT_EQ(fl_factor_part_shape(f, FL_PART_EIGENVALUES, &rows, &cols), FL_OK);
    EXPECT_EQ(rows, n);
    EXPECT_EQ(cols, 1);
    w.assign(size_t(n), Real<C>(-7));
    ASSERT_EQ(fl_factor_get_part(f, FL_PART_EIGENVALUES, real_dtype<C>(), FL_COL_MAJOR, w.data(),
                                 std::max<int64_t>(n, 1)),
              FL_OK)
        << fl_last_error();
    v = CMatrix<C>(n, n, layout);
    ASSERT_EQ(
        fl_factor_get_part(f, FL_PART_EIGENVECTORS, dtype_of<C>(), layout, v.data.data(), v.ld),
        FL_OK)
        << fl_last_error();
    EXPECT_TRUE(std::isnan(v.data.back().real())) << "the padding was written";
}

// xHET21's two ratios for A = V diag(w) V^H, and ascending w.
template <class C>
void check_decomposition(const fl_factor *f, const ZRef &a, fl_layout layout) {
    const int64_t n = a.rows;
    std::vector<Real<C>> w;
    CMatrix<C> vm(0, 0, layout);
    parts<C>(f, n, layout, w, vm);
    const ZRef v = vm.ref();
    ZRef av = product(a, v), unitary = product(op_of(v, FL_CONJ_TRANS), v);
    for (int64_t j = 0; j < n; ++j) {
        if (j > 0) {
            EXPECT_LE(w[size_t(j - 1)], w[size_t(j)]) << "eigenvalues not ascending";
        }
        for (int64_t i = 0; i < n; ++i)
            av(i, j) -= v(i, j) * static_cast<long double>(w[size_t(j)]);
        unitary(j, j) -= 1;
    }
    const long double scale = n * eps<C>();
    EXPECT_LT(double(one_norm(av) / (std::max(one_norm(a), 1e-300L) * scale)), kResidualThreshold);
    EXPECT_LT(double(one_norm(unitary) / scale), kResidualThreshold);
}

template <class C>
class ComplexEigh : public ::testing::Test {};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(ComplexEigh, ComplexTypes);

// Every solve and the decomposition itself, from either triangle (the other one NaN) in
// either layout.
template <class C>
void check_eigh(const ZRef &a, unsigned seed) {
    for (const fl_layout al : fltest::kLayouts)
        for (const fl_triangle tri : fltest::kTriangles) {
            SCOPED_TRACE("n " + std::to_string(a.rows) + ", a layout " + std::to_string(al) +
                         ", triangle " + std::to_string(tri));
            Handle h;
            ASSERT_EQ(create(h, FL_FACTOR_EIGH, one_triangle<C>(a, al, tri), tri), FL_OK)
                << fl_last_error();
            EXPECT_EQ(fl_factor_get_dtype(h.f), dtype_of<C>());
            check_solves<C>(h.f, a, seed);
            for (const fl_layout vl : fltest::kLayouts) check_decomposition<C>(h.f, a, vl);
        }
}

TYPED_TEST(ComplexEigh, IndefiniteHermitianReadFromOneTriangle) {
    for (const int64_t n : {int64_t(1), int64_t(2), int64_t(7), int64_t(40)})
        check_eigh<TypeParam>(hermitian_indefinite(n, unsigned(n + 3)), 600);
}

TYPED_TEST(ComplexEigh, IllConditionedHermitian) {
    check_eigh<TypeParam>(phased_hilbert(std::is_same_v<TypeParam, std::complex<float>> ? 5 : 10),
                          700);
}

TYPED_TEST(ComplexEigh, InverseLogdetRankAndInertia) {
    using C = TypeParam;
    const int64_t n = 9;
    const ZRef a = hermitian_indefinite(n, 21);
    const double tol = std::is_same_v<C, std::complex<float>> ? 1e-4 : 1e-12;
    for (const fl_layout al : fltest::kLayouts) {
        Handle h;
        ASSERT_EQ(create(h, FL_FACTOR_EIGH, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
        for (const fl_layout ol : fltest::kLayouts) {
            SCOPED_TRACE("a layout " + std::to_string(al) + ", out layout " + std::to_string(ol));
            CMatrix<C> inv(n, n, ol);
            ASSERT_EQ(fl_factor_inverse(h.f, dtype_of<C>(), ol, inv.data.data(), inv.ld), FL_OK)
                << fl_last_error();
            ZRef r = product(a, inv.ref());
            for (int64_t i = 0; i < n; ++i) r(i, i) -= 1;
            EXPECT_LT(double(one_norm(r) / (one_norm(a) * one_norm(inv.ref()) * n * eps<C>())),
                      kResidualThreshold);
        }
        double re = 0, im = 1, logabs = 0;
        ASSERT_EQ(fl_factor_logdet_complex(h.f, &re, &im, &logabs), FL_OK) << fl_last_error();
        const Z det = reference_det(a);
        EXPECT_NEAR(re, double(det.real() / std::abs(det)), tol);
        EXPECT_EQ(im, 0.0);  // the determinant of a Hermitian matrix is real
        EXPECT_NEAR(logabs, double(std::log(std::abs(det))), tol * n);
        int64_t rank = -1, pos = -1, neg = -1, zero = -1;
        ASSERT_EQ(fl_factor_rank(h.f, &rank), FL_OK);
        EXPECT_EQ(rank, n);
        ASSERT_EQ(fl_factor_inertia(h.f, &pos, &neg, &zero), FL_OK);
        EXPECT_EQ(pos, 5);  // diagonal +2n at the 5 even indices, -2n at the 4 odd ones
        EXPECT_EQ(neg, 4);
        EXPECT_EQ(zero, 0);
        double rcond = 0;
        ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
        EXPECT_GT(rcond, 0.1);
        EXPECT_LE(rcond, 1.0);
    }
}

// A rank-2 Hermitian matrix u u^H - v v^H: rank 2, inertia (1, 1, n - 2), and the solve is
// the minimum-norm least-squares one, X = A^+ B: A X = P B with P the projection onto range(A).
TYPED_TEST(ComplexEigh, RankDeficientSolvesWithThePseudoInverse) {
    using C = TypeParam;
    const int64_t n = 6;
    const ZRef uv = random_matrix(n, 2, 31);
    ZRef a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            a(i, j) = uv(i, 0) * std::conj(uv(j, 0)) - uv(i, 1) * std::conj(uv(j, 1));
    for (const fl_layout al : fltest::kLayouts) {
        Handle h;
        ASSERT_EQ(create(h, FL_FACTOR_EIGH, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
        int64_t rank = -1, pos = -1, neg = -1, zero = -1;
        ASSERT_EQ(fl_factor_rank(h.f, &rank), FL_OK);
        EXPECT_EQ(rank, 2);
        ASSERT_EQ(fl_factor_inertia(h.f, &pos, &neg, &zero), FL_OK);
        EXPECT_EQ(pos, 1);
        EXPECT_EQ(neg, 1);
        EXPECT_EQ(zero, n - 2);
        // B = A Y lies in range(A), so A X = B exactly up to rounding.
        const ZRef b = product(a, random_matrix(n, 2, 32));
        const CMatrix<C> bm = CMatrix<C>::from(b, al);
        CMatrix<C> x(n, 2, al);
        ASSERT_EQ(fl_factor_solve(h.f, FL_NO_TRANS, dtype_of<C>(), 2, al, bm.data.data(), bm.ld, al,
                                  x.data.data(), x.ld),
                  FL_OK);
        EXPECT_LT(scaled_residual(a, x.ref(), b, eps<C>()), kResidualThreshold);
        // X = A^+ B lies in range(A) too: the minimum-norm solution has no null-space part.
        double rcond = 1;
        ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
        EXPECT_LT(rcond, 1e-5);
    }
}

// (A + s I) X = B for real shifts s, the ridge path, in both layouts of B and X.
TYPED_TEST(ComplexEigh, ShiftedSolves) {
    using C = TypeParam;
    const int64_t n = 12, k = 3;
    const ZRef a = hermitian_indefinite(n, 41);
    const double shifts[] = {0.0, 0.5, -3.25, 100.0};
    const int64_t ns = 4;
    for (const fl_layout al : fltest::kLayouts)
        for (const fl_layout bl : fltest::kLayouts) {
            SCOPED_TRACE("a layout " + std::to_string(al) + ", b/x layout " + std::to_string(bl));
            Handle h;
            ASSERT_EQ(create(h, FL_FACTOR_EIGH, CMatrix<C>::from(a, al)), FL_OK) << fl_last_error();
            const ZRef b = random_matrix(n, k, 42);
            const CMatrix<C> bm = CMatrix<C>::from(b, bl);
            CMatrix<C> x0(n, k, bl);
            const int64_t stride = int64_t(x0.data.size());
            std::vector<C> xs(size_t(stride * ns));
            ASSERT_EQ(fl_factor_solve_shifted(h.f, dtype_of<C>(), ns, shifts, k, bl, bm.data.data(),
                                              bm.ld, bl, xs.data(), x0.ld, stride),
                      FL_OK)
                << fl_last_error();
            for (int64_t l = 0; l < ns; ++l) {
                ZRef shifted = a;
                for (int64_t i = 0; i < n; ++i) shifted(i, i) += shifts[l];
                CMatrix<C> xl = x0;
                std::copy(xs.begin() + l * stride, xs.begin() + (l + 1) * stride, xl.data.begin());
                EXPECT_LT(scaled_residual(shifted, xl.ref(), b, eps<C>()), kResidualThreshold)
                    << "shift " << l;
            }
        }
}

// The Hermitian-definite pencil (hegvd), itypes 1-3, both matrices from either triangle
// (the other one NaN) in either layout: xSGT01's ratio ||A V - B V W||_1 / ((||A||_1 +
// ||B||_1 max|w|) ||V||_1 n eps) in its itype's form, V^H B V = I (itypes 1, 2), real
// eigenvalues, solves with A, and det A from logdet_complex (a real phase).
TYPED_TEST(ComplexEigh, GeneralizedHermitianPencil) {
    using C = TypeParam;
    const double tol = std::is_same_v<C, std::complex<float>> ? 1e-3 : 1e-10;
    for (const int64_t n : {int64_t(1), int64_t(5), int64_t(20)}) {
        const ZRef a = hermitian_indefinite(n, unsigned(n + 50)),
                   b = hermitian_pd(n, unsigned(n + 51));
        for (const int itype : {1, 2, 3})
            for (const fl_layout al : fltest::kLayouts)
                for (const fl_triangle tri : fltest::kTriangles) {
                    SCOPED_TRACE("n " + std::to_string(n) + ", itype " + std::to_string(itype) +
                                 ", layout " + std::to_string(al) + ", triangle " +
                                 std::to_string(tri));
                    const CMatrix<C> am = one_triangle<C>(a, al, tri),
                                     bm = one_triangle<C>(b, al, tri);
                    fl_options *o = nullptr;
                    ASSERT_EQ(fl_options_create(&o), FL_OK);
                    ASSERT_EQ(fl_options_set_int(o, FL_OPT_TRIANGLE, tri), FL_OK);
                    Handle h;
                    const fl_status status = fl_factor_create_generalized_eigh(
                        &h.f, itype, dtype_of<C>(), al, n, am.data.data(), am.ld, bm.data.data(),
                        bm.ld, o);
                    fl_options_destroy(o);
                    ASSERT_EQ(status, FL_OK) << fl_last_error();
                    std::vector<Real<C>> w;
                    CMatrix<C> vm(0, 0, al);
                    parts<C>(h.f, n, al, w, vm);
                    const ZRef v = vm.ref();
                    // r = A V - B V W (1), A B V - V W (2), B A V - V W (3)
                    ZRef lhs = itype == 1   ? product(a, v)
                               : itype == 2 ? product(a, product(b, v))
                                            : product(b, product(a, v));
                    const ZRef scaled = itype == 1 ? product(b, v) : v;
                    long double wmax = 0;
                    for (int64_t j = 0; j < n; ++j) {
                        wmax = std::max(wmax, std::abs(static_cast<long double>(w[size_t(j)])));
                        for (int64_t i = 0; i < n; ++i)
                            lhs(i, j) -= scaled(i, j) * static_cast<long double>(w[size_t(j)]);
                    }
                    const long double norm_op =
                        itype == 1 ? one_norm(a) + one_norm(b) * wmax
                                   : one_norm(itype == 2 ? product(a, b) : product(b, a)) + wmax;
                    EXPECT_LT(double(one_norm(lhs) / (norm_op * one_norm(v) * n * eps<C>())),
                              kResidualThreshold);
                    if (itype != 3) {
                        ZRef vbv = product(op_of(v, FL_CONJ_TRANS), product(b, v));
                        for (int64_t i = 0; i < n; ++i) vbv(i, i) -= 1;
                        EXPECT_LT(double(one_norm(vbv) /
                                         (one_norm(b) * one_norm(v) * one_norm(v) * n * eps<C>())),
                                  kResidualThreshold);
                    }
                    check_solves<C>(h.f, a, 900);
                    double re = 0, im = 1, logabs = 0;
                    ASSERT_EQ(fl_factor_logdet_complex(h.f, &re, &im, &logabs), FL_OK)
                        << fl_last_error();
                    const Z det = reference_det(a);
                    EXPECT_EQ(im, 0.0);
                    EXPECT_NEAR(re, double((det / std::abs(det)).real()), tol);
                    EXPECT_NEAR(logabs, double(std::log(std::abs(det))), tol * n);
                }
    }
}

TYPED_TEST(ComplexEigh, EmptyAndRefusals) {
    using C = TypeParam;
    Handle empty;
    ASSERT_EQ(create(empty, FL_FACTOR_EIGH, CMatrix<C>(0, 0, FL_COL_MAJOR)), FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_factor_solve(empty.f, FL_CONJ_TRANS, dtype_of<C>(), 2, FL_COL_MAJOR, nullptr, 1,
                              FL_COL_MAJOR, nullptr, 1),
              FL_OK)
        << fl_last_error();
    double re = 0, im = 1, logabs = 1;
    ASSERT_EQ(fl_factor_logdet_complex(empty.f, &re, &im, &logabs), FL_OK);
    EXPECT_EQ(re, 1.0);
    EXPECT_EQ(im, 0.0);
    EXPECT_EQ(logabs, 0.0);

    const int64_t n = 4;
    Handle h;
    ASSERT_EQ(create(h, FL_FACTOR_EIGH, CMatrix<C>::from(hermitian_indefinite(n, 5), FL_ROW_MAJOR)),
              FL_OK);
    // The eigenvalues are real: asking for them as the complex dtype is refused, naming the real
    // one.
    std::vector<C> wc(n, C(-7, -7));
    EXPECT_ERROR(
        fl_factor_get_part(h.f, FL_PART_EIGENVALUES, dtype_of<C>(), FL_COL_MAJOR, wc.data(), n),
        FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part", "dtype = FL_COMPLEX", "real",
        real_dtype<C>() == FL_FLOAT32 ? "FL_FLOAT32" : "FL_FLOAT64");
    EXPECT_EQ(wc[0], C(-7, -7));
    // The eigenvectors are complex: a real dtype is refused.
    std::vector<Real<C>> vr(n * n, Real<C>(-7));
    EXPECT_ERROR(
        fl_factor_get_part(h.f, FL_PART_EIGENVECTORS, real_dtype<C>(), FL_COL_MAJOR, vr.data(), n),
        FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part", "dtype");
    EXPECT_EQ(vr[0], Real<C>(-7));
    // A part EIGH has not.
    EXPECT_ERROR(fl_factor_get_part(h.f, FL_PART_U, dtype_of<C>(), FL_COL_MAJOR, wc.data(), n),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part");
    // A shift that cancels an eigenvalue: the 1-by-1 [3].
    Handle one;
    ZRef three(1, 1);
    three(0, 0) = 3;
    ASSERT_EQ(create(one, FL_FACTOR_EIGH, CMatrix<C>::from(three, FL_COL_MAJOR)), FL_OK);
    const double shift = -3;
    C b1(1, 1), x1(5, 5);
    EXPECT_ERROR(fl_factor_solve_shifted(one.f, dtype_of<C>(), 1, &shift, 1, FL_COL_MAJOR, &b1, 1,
                                         FL_COL_MAJOR, &x1, 1, 1),
                 FL_ERR_SINGULAR, "fl_factor_solve_shifted", "shifts[0] = -3");
    EXPECT_EQ(x1, C(5, 5));
    // Products with A^+ stay real only; the determinant's sign goes through logdet_complex.
    C out[1];
    EXPECT_ERROR(fl_factor_quadratic_form(h.f, dtype_of<C>(), 1, FL_COL_MAJOR, wc.data(), n,
                                          FL_COL_MAJOR, out, 1),
                 FL_ERR_UNSUPPORTED, "fl_factor_quadratic_form");
    double sign = 0;
    EXPECT_ERROR(fl_factor_logdet(h.f, &sign, &logabs), FL_ERR_UNSUPPORTED, "fl_factor_logdet",
                 "fl_factor_logdet_complex");
    // NaN in the triangle read.
    CMatrix<C> nan = CMatrix<C>::from(hermitian_indefinite(n, 6), FL_COL_MAJOR);
    nan(3, 1) = C(0, std::numeric_limits<Real<C>>::quiet_NaN());
    Handle bad;
    EXPECT_ERROR(create(bad, FL_FACTOR_EIGH, nan), FL_ERR_NON_FINITE, "fl_factor_create",
                 "a[3, 1] is nan");
    EXPECT_EQ(bad.f, nullptr);
}

// The C++ wrapper: A = [2 i; -i 2] has eigenvalues 1 and 3 with eigenvectors (1, i) / sqrt 2
// and (1, -i) / sqrt 2 (each up to a phase); the eigenvalues are read as double.
TEST(ComplexEighCpp, WrapperReadsRealEigenvalues) {
    using C = std::complex<double>;
    const std::vector<C> a = {C(2, 0), C(0, 1), C(0, -1), C(2, 0)};
    const fastlinalg::factor f(FL_FACTOR_EIGH, fastlinalg::row_major(a.data(), 2, 2));
    EXPECT_EQ(f.dtype(), FL_COMPLEX128);
    const fastlinalg::matrix<double> w = f.part<double>(FL_PART_EIGENVALUES);
    EXPECT_NEAR(w(0, 0), 1.0, 1e-14);
    EXPECT_NEAR(w(1, 0), 3.0, 1e-14);
    const fastlinalg::matrix<C> v = f.part<C>(FL_PART_EIGENVECTORS);
    // v(1, 0) / v(0, 0) = i whatever phase heevd chose for the column.
    EXPECT_LT(std::abs(v(1, 0) / v(0, 0) - C(0, 1)), 1e-14);
    EXPECT_LT(std::abs(v(1, 1) / v(0, 1) - C(0, -1)), 1e-14);
    EXPECT_NEAR(std::norm(v(0, 0)) + std::norm(v(1, 0)), 1.0, 1e-14);
    EXPECT_THROW(f.part<C>(FL_PART_EIGENVALUES), fastlinalg::error);
    // A x = b for x = (1, i): b = (2 + i i, -i + 2 i) = (1, i).
    const std::vector<C> b = {C(1, 0), C(0, 1)};
    const fastlinalg::matrix<C> x = f.solve(fastlinalg::col_major(b.data(), 2, 1));
    EXPECT_LT(std::abs(x(0, 0) - C(1, 0)), 1e-14);
    EXPECT_LT(std::abs(x(1, 0) - C(0, 1)), 1e-14);
}

}  // namespace
