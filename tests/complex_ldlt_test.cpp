// Complex LDL^T: P A P^T = L D L^H of a Hermitian A (hetrf, the default) and L D L^T of a
// complex symmetric A (sytrf, FL_OPT_COMPLEX_SYMMETRIC = 1), read from either triangle in
// either layout with the other triangle spoiled by NaN. Judged in long double complex,
// independently of the library: LAPACK's scaled residuals of solves with A, A^T and A^H,
// of inverses and of the parts (the lower form for a lower triangle read, the upper form
// for an upper one), log-determinants against Gaussian elimination, inertia, rcond, and the
// refusals (singular D, the option's bad values and kinds, the other form's part).
#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using namespace complextest;
using fltest::kResidualThreshold;

template <class C>
class ComplexLdlt : public ::testing::Test {};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(ComplexLdlt, ComplexTypes);

// (B + B^T) / 2 with a diagonal of modulus 2n and varied phase: complex symmetric (not
// Hermitian) and, by Gershgorin, well conditioned.
ZRef complex_symmetric(int64_t n, unsigned seed) {
    const ZRef b = random_matrix(n, n, seed);
    ZRef a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) a(i, j) = (b(i, j) + b(j, i)) / 2.0L;
    for (int64_t i = 0; i < n; ++i) a(i, i) = std::polar(2.0L * n, 0.7L * i);
    return a;
}

// D H D for the Hilbert matrix H and a diagonal of phases D: complex symmetric, with the
// Hilbert matrix's condition number.
ZRef phased_symmetric_hilbert(int64_t n) {
    ZRef a(n, n);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
            a(i, j) = std::polar(1.0L, 0.9L * i + 0.9L * j) / static_cast<long double>(i + j + 1);
    return a;
}

// The matrices of either kind: complex symmetric or Hermitian indefinite, well conditioned.
ZRef indefinite(bool symmetric, int64_t n, unsigned seed) {
    return symmetric ? complex_symmetric(n, seed) : hermitian_indefinite(n, seed);
}

// a with a zero diagonal: Bunch-Kaufman must pivot with 2-by-2 blocks.
ZRef without_diagonal(ZRef a) {
    for (int64_t i = 0; i < a.rows; ++i) a(i, i) = 0;
    return a;
}

struct Form {
    bool symmetric;  // FL_OPT_COMPLEX_SYMMETRIC
    fl_triangle triangle;
    bool allow_singular = false;  // FL_OPT_ALLOW_SINGULAR
};

template <class C>
fl_status create_ldlt(Handle &h, const CMatrix<C> &a, Form form) {
    fl_options *o = nullptr;
    EXPECT_EQ(fl_options_create(&o), FL_OK);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_TRIANGLE, form.triangle), FL_OK);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_COMPLEX_SYMMETRIC, form.symmetric ? 1 : 0), FL_OK);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_ALLOW_SINGULAR, form.allow_singular ? 1 : 0), FL_OK);
    const fl_status s = fl_factor_create(&h.f, FL_FACTOR_LDLT, dtype_of<C>(), a.layout, a.rows,
                                         a.cols, a.rows ? a.data.data() : nullptr, a.ld, o);
    fl_options_destroy(o);
    return s;
}

// Calls check(handle, a, form, layout) for the factor of a from each triangle in each
// layout, the other triangle spoiled by NaN.
template <class C, class Check>
void for_each_factor(const ZRef &a, bool symmetric, Check check, bool allow_singular = false) {
    for (const fl_layout al : fltest::kLayouts)
        for (const fl_triangle tri : fltest::kTriangles) {
            SCOPED_TRACE("n " + std::to_string(a.rows) + ", a layout " + std::to_string(al) +
                         ", triangle " + std::to_string(tri) +
                         (symmetric ? ", symmetric" : ", Hermitian"));
            Handle h;
            ASSERT_EQ(
                create_ldlt<C>(h, one_triangle<C>(a, al, tri), {symmetric, tri, allow_singular}),
                FL_OK)
                << fl_last_error();
            check(h.f, al, tri);
        }
}

TYPED_TEST(ComplexLdlt, SolvesEveryTransposeAndLayout) {
    for (const bool symmetric : {false, true})
        for (const int64_t n : {int64_t(1), int64_t(2), int64_t(7), int64_t(40)})
            for (const ZRef &a : {indefinite(symmetric, n, unsigned(n)),
                                  without_diagonal(indefinite(symmetric, n, unsigned(n + 1)))})
                if (n > 1 || a(0, 0) != Z(0))
                    for_each_factor<TypeParam>(a, symmetric,
                                               [&](const fl_factor *f, fl_layout, fl_triangle) {
                                                   check_solves<TypeParam>(f, a, 700);
                                               });
}

TYPED_TEST(ComplexLdlt, IllConditionedMatrices) {
    const int64_t n = std::is_same_v<TypeParam, std::complex<float>> ? 5 : 10;
    for (const bool symmetric : {false, true}) {
        const ZRef a = symmetric ? phased_symmetric_hilbert(n) : phased_hilbert(n);
        for_each_factor<TypeParam>(a, symmetric, [&](const fl_factor *f, fl_layout, fl_triangle) {
            check_solves<TypeParam>(f, a, 900);
            double rcond = 0;
            ASSERT_EQ(fl_factor_rcond(f, &rcond), FL_OK) << fl_last_error();
            EXPECT_LT(rcond, 1e-4);
            EXPECT_GT(rcond, 0);
        });
    }
}

// Many right-hand sides take the blocked solve (sytrs2/hetrs2 on a copy of the factor).
TYPED_TEST(ComplexLdlt, ManyRightHandSides) {
    using C = TypeParam;
    const int64_t n = 30, k = 70;
    for (const bool symmetric : {false, true}) {
        const ZRef a = indefinite(symmetric, n, 3);
        for_each_factor<C>(a, symmetric, [&](const fl_factor *f, fl_layout, fl_triangle) {
            for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS}) {
                const ZRef b = random_matrix(n, k, 4);
                const CMatrix<C> bm = CMatrix<C>::from(b, FL_COL_MAJOR);
                CMatrix<C> x(n, k, FL_COL_MAJOR);
                ASSERT_EQ(fl_factor_solve(f, t, dtype_of<C>(), k, FL_COL_MAJOR, bm.data.data(),
                                          bm.ld, FL_COL_MAJOR, x.data.data(), x.ld),
                          FL_OK);
                EXPECT_LT(scaled_residual(op_of(a, t), x.ref(), b, eps<C>()), kResidualThreshold);
            }
        });
    }
}

// P A P^T = T D T^op (op = H for a Hermitian A, T for a symmetric one) with T unit lower
// (lower triangle read) or unit upper (upper triangle read), D block diagonal with blocks of
// at most 2, Hermitian or symmetric; the part of the other form is refused.
template <class C>
void check_parts(const ZRef &a, bool symmetric, bool allow_singular = false) {
    const int64_t n = a.rows;
    for_each_factor<C>(
        a, symmetric,
        [&](const fl_factor *f, fl_layout, fl_triangle tri) {
            const bool lower = tri == FL_LOWER;
            for (const fl_layout pl : fltest::kLayouts) {
                SCOPED_TRACE("parts layout " + std::to_string(pl));
                const ZRef t = part_of<C>(f, lower ? FL_PART_LOWER : FL_PART_UPPER, pl);
                const ZRef d = part_of<C>(f, FL_PART_BLOCK_DIAGONAL, pl);
                std::vector<int64_t> p(size_t(n), -1);
                ASSERT_EQ(fl_factor_get_indices(f, FL_PART_ROW_PERMUTATION, p.data(), n), FL_OK);
                ZRef pap(n, n);
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < n; ++j) {
                        pap(i, j) = a(p[size_t(i)], p[size_t(j)]);
                        if (i == j) EXPECT_EQ(t(i, j), Z(1));
                        if (lower ? i < j : i > j) EXPECT_EQ(t(i, j), Z(0));
                        if (std::abs(i - j) > 1) EXPECT_EQ(d(i, j), Z(0));
                        const Z mirror = symmetric ? d(j, i) : std::conj(d(j, i));
                        EXPECT_EQ(d(i, j), mirror);
                    }
                for (int64_t i = 0; i + 2 < n; ++i)  // no two 2-by-2 blocks overlap
                    EXPECT_TRUE(d(i + 1, i) == Z(0) || d(i + 2, i + 1) == Z(0));
                const ZRef tdt =
                    product(product(t, d), op_of(t, symmetric ? FL_TRANS : FL_CONJ_TRANS));
                EXPECT_LT(reconstruction<C>(tdt, pap, a), kResidualThreshold);
            }
            int64_t rows = 0, cols = 0;
            EXPECT_ERROR(
                fl_factor_part_shape(f, lower ? FL_PART_UPPER : FL_PART_LOWER, &rows, &cols),
                FL_ERR_UNSUPPORTED, "fl_factor_part_shape",
                lower ? "FL_PART_LOWER" : "FL_PART_UPPER");
        },
        allow_singular);
}

TYPED_TEST(ComplexLdlt, PartsInTheFormOfTheTriangleRead) {
    for (const bool symmetric : {false, true})
        for (const int64_t n : {int64_t(0), int64_t(1), int64_t(6), int64_t(25)}) {
            check_parts<TypeParam>(indefinite(symmetric, n, unsigned(n + 5)), symmetric);
            if (n > 1)
                check_parts<TypeParam>(without_diagonal(indefinite(symmetric, n, unsigned(n + 7))),
                                       symmetric);
        }
}

TYPED_TEST(ComplexLdlt, InverseInBothLayouts) {
    using C = TypeParam;
    const int64_t n = 9;
    for (const bool symmetric : {false, true}) {
        const ZRef a = without_diagonal(indefinite(symmetric, n, 12));
        for_each_factor<C>(a, symmetric, [&](const fl_factor *f, fl_layout, fl_triangle) {
            for (const fl_layout ol : fltest::kLayouts) {
                CMatrix<C> inv(n, n, ol);
                ASSERT_EQ(fl_factor_inverse(f, dtype_of<C>(), ol, inv.data.data(), inv.ld), FL_OK)
                    << fl_last_error();
                // xGET03: ||A inv - I||_1 / (||A||_1 ||inv||_1 n eps)
                ZRef r = product(a, inv.ref());
                for (int64_t i = 0; i < n; ++i) r(i, i) -= 1;
                EXPECT_LT(double(one_norm(r) / (one_norm(a) * one_norm(inv.ref()) * n * eps<C>())),
                          kResidualThreshold);
            }
        });
    }
}

// A Hermitian A's determinant is real: phase +-1 exactly, and fl_factor_inertia answers; a
// complex symmetric one's has a complex phase, and it has no inertia.
TYPED_TEST(ComplexLdlt, LogdetAndInertia) {
    using C = TypeParam;
    const double tol = std::is_same_v<C, std::complex<float>> ? 1e-4 : 1e-12;
    for (const int64_t n : {int64_t(0), int64_t(1), int64_t(2), int64_t(9)})
        for (const bool symmetric : {false, true})
            for (const bool zero_diagonal : {false, true}) {
                if (zero_diagonal && n < 2) continue;
                const ZRef built = indefinite(symmetric, n, 13);
                const ZRef a = zero_diagonal ? without_diagonal(built) : built;
                for_each_factor<C>(a, symmetric, [&](const fl_factor *f, fl_layout, fl_triangle) {
                    double re = 0, im = 0, logabs = 0;
                    ASSERT_EQ(fl_factor_logdet_complex(f, &re, &im, &logabs), FL_OK)
                        << fl_last_error();
                    const Z det = n == 0 ? Z(1) : reference_det(a);
                    EXPECT_NEAR(re, double((det / std::abs(det)).real()), tol);
                    EXPECT_NEAR(im, double((det / std::abs(det)).imag()), tol);
                    EXPECT_NEAR(logabs, double(std::log(std::abs(det))),
                                tol * std::max<double>(1, n));
                    int64_t pos = -1, neg = -1, zero = -1;
                    if (symmetric) {
                        EXPECT_ERROR(fl_factor_inertia(f, &pos, &neg, &zero), FL_ERR_UNSUPPORTED,
                                     "fl_factor_inertia", "complex symmetric");
                        return;
                    }
                    EXPECT_TRUE(re == 1.0 || re == -1.0);
                    EXPECT_EQ(im, 0.0);
                    ASSERT_EQ(fl_factor_inertia(f, &pos, &neg, &zero), FL_OK) << fl_last_error();
                    EXPECT_EQ(pos + neg, n);
                    EXPECT_EQ(zero, 0);
                    // hermitian_indefinite's eigenvalues have the signs of its diagonal; with
                    // the diagonal zeroed, det's sign still says neg's parity.
                    if (!zero_diagonal) EXPECT_EQ(neg, n / 2);
                    EXPECT_EQ(neg % 2 == 1, re < 0);
                });
            }
}

TYPED_TEST(ComplexLdlt, SingularAndEmptyMatrices) {
    using C = TypeParam;
    for (const bool symmetric : {false, true}) {
        ZRef s = indefinite(symmetric, 5, 2);
        for (int64_t i = 0; i < 5; ++i) s(i, 3) = s(3, i) = 0;  // a zero row and column
        for (const fl_layout l : fltest::kLayouts) {
            Handle h;
            EXPECT_ERROR(create_ldlt<C>(h, CMatrix<C>::from(s, l), {symmetric, FL_LOWER}),
                         FL_ERR_SINGULAR, "fl_factor_create", "singular", "LDL^T");
            EXPECT_EQ(h.f, nullptr);
        }
        // FL_OPT_ALLOW_SINGULAR keeps the factor: parts as usual, det 0, rcond 0, the zero
        // pivot in the inertia, and solves and inverses refused naming it.
        check_parts<C>(s, symmetric, true);
        for_each_factor<C>(
            s, symmetric,
            [&](const fl_factor *f, fl_layout, fl_triangle) {
                double re = 1, im = 1, logabs = 0, rcond = 1;
                ASSERT_EQ(fl_factor_logdet_complex(f, &re, &im, &logabs), FL_OK);
                EXPECT_EQ(re, 0.0);
                EXPECT_EQ(im, 0.0);
                EXPECT_EQ(logabs, -std::numeric_limits<double>::infinity());
                ASSERT_EQ(fl_factor_rcond(f, &rcond), FL_OK);
                EXPECT_EQ(rcond, 0.0);
                int64_t pos = 0, neg = 0, zero = 0;
                if (!symmetric) {
                    ASSERT_EQ(fl_factor_inertia(f, &pos, &neg, &zero), FL_OK);
                    EXPECT_EQ(zero, 1);
                    EXPECT_EQ(pos + neg, 4);
                }
                const CMatrix<C> b = CMatrix<C>::from(random_matrix(5, 1, 3), FL_COL_MAJOR);
                CMatrix<C> x(5, 1, FL_COL_MAJOR), inv(5, 5, FL_ROW_MAJOR);
                EXPECT_ERROR(
                    fl_factor_solve(f, FL_NO_TRANS, dtype_of<C>(), 1, FL_COL_MAJOR, b.data.data(),
                                    b.ld, FL_COL_MAJOR, x.data.data(), x.ld),
                    FL_ERR_SINGULAR, "fl_factor_solve", "D[", "exactly zero");
                EXPECT_ERROR(
                    fl_factor_inverse(f, dtype_of<C>(), FL_ROW_MAJOR, inv.data.data(), inv.ld),
                    FL_ERR_SINGULAR, "fl_factor_inverse", "D[");
            },
            true);
        Handle e;
        ASSERT_EQ(create_ldlt<C>(e, CMatrix<C>(0, 0, FL_COL_MAJOR), {symmetric, FL_UPPER}), FL_OK)
            << fl_last_error();
        double rcond = 0;
        EXPECT_EQ(fl_factor_rcond(e.f, &rcond), FL_OK);
        EXPECT_EQ(rcond, 1.0);
        EXPECT_EQ(fl_factor_solve(e.f, FL_CONJ_TRANS, dtype_of<C>(), 2, FL_COL_MAJOR, nullptr, 1,
                                  FL_COL_MAJOR, nullptr, 1),
                  FL_OK);
    }
}

TYPED_TEST(ComplexLdlt, OptionRefusals) {
    using C = TypeParam;
    fl_options *o = nullptr;
    ASSERT_EQ(fl_options_create(&o), FL_OK);
    EXPECT_ERROR(fl_options_set_int(o, FL_OPT_COMPLEX_SYMMETRIC, 2), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_set_int", "FL_OPT_COMPLEX_SYMMETRIC", "2");
    EXPECT_ERROR(fl_options_set_real(o, FL_OPT_COMPLEX_SYMMETRIC, 1.0), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_set_real", "FL_OPT_COMPLEX_SYMMETRIC", "fl_options_set_int");
    double d = 0;
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_COMPLEX_SYMMETRIC, &d), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_get_real", "FL_OPT_COMPLEX_SYMMETRIC");
    int64_t v = -1;
    ASSERT_EQ(fl_options_get_int(o, FL_OPT_COMPLEX_SYMMETRIC, &v), FL_OK);
    EXPECT_EQ(v, 0);
    ASSERT_EQ(fl_options_set_int(o, FL_OPT_COMPLEX_SYMMETRIC, 1), FL_OK);
    ASSERT_EQ(fl_options_get_int(o, FL_OPT_COMPLEX_SYMMETRIC, &v), FL_OK);
    EXPECT_EQ(v, 1);
    // Only LDL^T reads it.
    const CMatrix<C> a = CMatrix<C>::from(hermitian_pd(3, 1), FL_COL_MAJOR);
    for (const fl_factor_kind kind :
         {FL_FACTOR_LU, FL_FACTOR_CHOLESKY, FL_FACTOR_EIGH, FL_FACTOR_AUTO}) {
        fl_factor *f = nullptr;
        EXPECT_ERROR(
            fl_factor_create(&f, kind, dtype_of<C>(), a.layout, 3, 3, a.data.data(), a.ld, o),
            FL_ERR_UNSUPPORTED, "fl_factor_create", "FL_OPT_COMPLEX_SYMMETRIC", "FL_FACTOR_LDLT");
        EXPECT_EQ(f, nullptr);
    }
    fl_options_destroy(o);
    // A complex factor has no serialized form yet.
    Handle h;
    ASSERT_EQ(create_ldlt<C>(h, a, {false, FL_LOWER}), FL_OK);
    int64_t size = 0;
    EXPECT_ERROR(fl_factor_serialized_size(h.f, &size), FL_ERR_UNSUPPORTED,
                 "fl_factor_serialized_size", "complex");
}

// A real A is both Hermitian and complex symmetric: the option changes nothing.
TEST(RealLdlt, ComplexSymmetricOptionGivesTheSameFactor) {
    const int64_t n = 6;
    std::vector<double> a(size_t(n * n));
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j <= i; ++j)
            a[size_t(i + j * n)] = a[size_t(j + i * n)] = i == j ? 0.0 : 1.0 / double(i + j + 1);
    double x[2][6];
    for (const int symmetric : {0, 1}) {
        fl_options *o = nullptr;
        ASSERT_EQ(fl_options_create(&o), FL_OK);
        ASSERT_EQ(fl_options_set_int(o, FL_OPT_COMPLEX_SYMMETRIC, symmetric), FL_OK);
        fl_factor *f = nullptr;
        ASSERT_EQ(
            fl_factor_create(&f, FL_FACTOR_LDLT, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, o),
            FL_OK)
            << fl_last_error();
        const double b[6] = {1, 2, 3, 4, 5, 6};
        ASSERT_EQ(fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b, n, FL_COL_MAJOR,
                                  x[symmetric], n),
                  FL_OK);
        fl_factor_destroy(f);
        fl_options_destroy(o);
    }
    for (int i = 0; i < n; ++i) EXPECT_EQ(x[0][i], x[1][i]);
}

}  // namespace
