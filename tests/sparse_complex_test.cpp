// Complex sparse matrices (FL_COMPLEX64, FL_COMPLEX128): creation in every format and index
// type with duplicates summed, NaN/Inf in either part refused, products with A, A^T and A^H
// in every layout, sparse LU (UMFPACK zl) and Hermitian sparse Cholesky (CHOLMOD complex)
// solved with op(A) = A, A^T and A^H, judged by LAPACK's scaled residuals in long double
// complex; log-determinants with a complex phase against long double elimination, rcond
// against the exact condition number, inverses, refactorization; and every refusal (real and
// complex mixed, complex QR, complex rank updates).
#include <fastlinalg/fastlinalg.h>
#include <gtest/gtest.h>
#include <fastlinalg/fastlinalg.hpp>

#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"
#include "sparse_support.hpp"
#include "test_support.hpp"

namespace {

using namespace complextest;
using fltest::kResidualThreshold;

using fltest::Compressed;
using fltest::SparsePtr;

// The compressed arrays of a's nonzeros (rounded to C), with `duplicates` extra entries that
// split an existing value in two (the library must sum them back).
template <class C, class I = int64_t>
Compressed<I, C> compress(const ZRef &a, fl_sparse_format format = FL_SPARSE_CSC,
                          bool duplicates = false) {
    Compressed<I, C> c{format, a.rows, a.cols, {0}, {}, {}};
    const bool csc = format == FL_SPARSE_CSC;
    const int64_t outer = csc ? a.cols : a.rows, inner = csc ? a.rows : a.cols;
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = inner; i-- > 0;) {  // descending: the library sorts
            const Z v = csc ? a(i, o) : a(o, i);
            if (v == Z(0)) continue;
            if (duplicates && i % 2 == 0) {
                c.idx.push_back(static_cast<I>(i));
                c.values.push_back(C(v / 2.0L));
                c.idx.push_back(static_cast<I>(i));
                c.values.push_back(C(v - Z(C(v / 2.0L))));
            } else {
                c.idx.push_back(static_cast<I>(i));
                c.values.push_back(C(v));
            }
        }
        c.ptr.push_back(static_cast<I>(c.idx.size()));
    }
    return c;
}

template <class C, class I>
fl_status create_sparse(SparsePtr &out, const Compressed<I, C> &c) {
    fl_sparse *s = nullptr;
    const fl_status st = fl_sparse_create(
        &s, c.format, sizeof(I) == 4 ? FL_INDEX_INT32 : FL_INDEX_INT64, dtype_of<C>(), c.rows,
        c.cols, c.ptr.data(), c.idx.data(), c.values.empty() ? nullptr : c.values.data());
    out.reset(s);
    return st;
}

template <class C>
SparsePtr make_sparse(const ZRef &a) {
    SparsePtr s;
    EXPECT_EQ(create_sparse(s, compress<C>(a)), FL_OK) << fl_last_error();
    return s;
}

// A rows-by-cols matrix with about density * rows * cols complex entries in the unit box.
ZRef sparse_random(int64_t rows, int64_t cols, double density, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> u(-1, 1), pick(0, 1);
    ZRef a(rows, cols);
    for (Z &z : a.v)
        if (pick(gen) < density) z = Z(u(gen), u(gen));
    return a;
}

// A sparse general matrix with a dominant diagonal of varied phase: well conditioned.
ZRef sparse_general(int64_t n, unsigned seed) {
    ZRef a = sparse_random(n, n, 0.2, seed);
    for (int64_t i = 0; i < n; ++i) a(i, i) += std::polar(2.0L + i % 3, 0.7L * i);
    return a;
}

// S^H S + n I for a sparse S: sparse, Hermitian positive definite, complex off the diagonal.
ZRef sparse_hermitian_pd(int64_t n, unsigned seed) {
    const ZRef s = sparse_random(n, n, 2.0 / double(n), seed);
    ZRef a = product(op_of(s, FL_CONJ_TRANS), s);
    for (int64_t i = 0; i < n; ++i) a(i, i) += Z(n);
    return a;
}

// a with only the lower (or upper) triangle kept, as a sparse Cholesky reads it.
ZRef triangle_of(const ZRef &a, fl_triangle triangle) {
    ZRef t = a;
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j)
            if (triangle == FL_LOWER ? j > i : j < i) t(i, j) = 0;
    return t;
}

struct Factor {
    fl_factor *f = nullptr;
    ~Factor() { fl_factor_destroy(f); }
};

fl_status factor_sparse(Factor &h, fl_factor_kind kind, const fl_sparse *s,
                        fl_triangle triangle = FL_LOWER) {
    fl_options *o = nullptr;
    EXPECT_EQ(fl_options_create(&o), FL_OK);
    EXPECT_EQ(fl_options_set_int(o, FL_OPT_TRIANGLE, triangle), FL_OK);
    const fl_status st = fl_factor_create_sparse(&h.f, kind, s, o);
    fl_options_destroy(o);
    return st;
}

template <class C>
class ComplexSparse : public ::testing::Test {};
using ComplexTypes = ::testing::Types<std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(ComplexSparse, ComplexTypes);

// Y = op(A) X against the long double product, elementwise: |y - y_ref| within a few
// roundings of sum |a| |x| per term.
template <class C>
void check_product(const fl_sparse *s, const ZRef &a, unsigned seed) {
    for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS, FL_CONJ_TRANS})
        for (const fl_layout xl : fltest::kLayouts)
            for (const fl_layout yl : fltest::kLayouts) {
                SCOPED_TRACE("trans " + std::to_string(t) + ", x layout " + std::to_string(xl) +
                             ", y layout " + std::to_string(yl));
                const ZRef op = op_of(a, t);
                const int64_t k = 5;
                const CMatrix<C> x = CMatrix<C>::from(random_matrix(op.cols, k, seed++), xl);
                CMatrix<C> y(op.rows, k, yl);
                ASSERT_EQ(fl_sparse_multiply(s, t, dtype_of<C>(), k, xl, x.data.data(), x.ld, yl,
                                             y.data.data(), y.ld),
                          FL_OK)
                    << fl_last_error();
                const ZRef xr = x.ref(), want = product(op, xr);
                for (int64_t i = 0; i < op.rows; ++i)
                    for (int64_t j = 0; j < k; ++j) {
                        long double scale = 0;
                        for (int64_t c = 0; c < op.cols; ++c)
                            scale += std::abs(op(i, c)) * std::abs(xr(c, j));
                        EXPECT_LE(double(std::abs(Z(y(i, j)) - want(i, j))),
                                  8.0 * double(op.cols + 2) * eps<C>() * double(scale) + 1e-300)
                            << "y(" << i << ", " << j << ")";
                    }
                EXPECT_TRUE(std::isnan(y.data.back().real())) << "the padding was written";
            }
}

TYPED_TEST(ComplexSparse, ProductsInEveryFormatIndexTypeAndLayout) {
    using C = TypeParam;
    for (const auto &[rows, cols] : {std::pair<int64_t, int64_t>{7, 5}, {1, 1}, {30, 40}}) {
        const ZRef a = sparse_random(rows, cols, 0.3, unsigned(rows * cols));
        for (const fl_sparse_format fmt : {FL_SPARSE_CSC, FL_SPARSE_CSR}) {
            SCOPED_TRACE(std::to_string(rows) + " x " + std::to_string(cols) + ", format " +
                         std::to_string(fmt));
            SparsePtr s32, s64;
            ASSERT_EQ(create_sparse(s32, compress<C, int32_t>(a, fmt, true)), FL_OK)
                << fl_last_error();
            ASSERT_EQ(create_sparse(s64, compress<C, int64_t>(a, fmt)), FL_OK) << fl_last_error();
            check_product<C>(s32.get(), a, 10);
            check_product<C>(s64.get(), a, 20);
        }
    }
}

TYPED_TEST(ComplexSparse, ProductsWithADenseRowAndManyColumns) {
    // Rows of several entries (the gather-dots) and rows of about one (the flat loop), a
    // row-major Y wider than one block of columns.
    using C = TypeParam;
    ZRef a = sparse_random(50, 50, 0.01, 3);
    for (int64_t j = 0; j < 50; ++j) a(7, j) = Z(0.5L, -0.25L * j);
    const SparsePtr s = make_sparse<C>(a);
    for (const fl_layout yl : fltest::kLayouts) {
        const int64_t k = 300;
        const CMatrix<C> x = CMatrix<C>::from(random_matrix(50, k, 9), yl);
        CMatrix<C> y(50, k, yl);
        ASSERT_EQ(fl_sparse_multiply(s.get(), FL_CONJ_TRANS, dtype_of<C>(), k, yl, x.data.data(),
                                     x.ld, yl, y.data.data(), y.ld),
                  FL_OK)
            << fl_last_error();
        const ZRef want = product(op_of(a, FL_CONJ_TRANS), x.ref());
        for (int64_t i = 0; i < 50; ++i)
            for (int64_t j = 0; j < k; ++j)
                EXPECT_LT(double(std::abs(Z(y(i, j)) - want(i, j))), 200 * eps<C>());
    }
}

TYPED_TEST(ComplexSparse, SetValuesTakesEitherComplexPrecision) {
    using C = TypeParam;
    const ZRef a = sparse_random(6, 6, 0.5, 4);
    Compressed<int64_t, C> c = compress<C>(a);
    SparsePtr s;
    ASSERT_EQ(create_sparse(s, c), FL_OK) << fl_last_error();
    ZRef b = a;
    for (Z &z : b.v) z = Z(std::complex<float>(z * Z(0, 2)));  // new values, complex64 exactly
    const auto c64 = compress<std::complex<float>>(b);
    ASSERT_EQ(fl_sparse_set_values(s.get(), FL_COMPLEX64, c64.values.data()), FL_OK)
        << fl_last_error();
    check_product<C>(s.get(), b, 30);
    const auto c128 = compress<std::complex<double>>(a);
    ASSERT_EQ(fl_sparse_set_values(s.get(), FL_COMPLEX128, c128.values.data()), FL_OK)
        << fl_last_error();
    check_product<C>(s.get(), a, 40);
}

TYPED_TEST(ComplexSparse, NanOrInfInEitherPartAndMixedDtypesAreRefused) {
    using C = TypeParam;
    using R = typename C::value_type;
    const ZRef a = sparse_random(5, 5, 0.6, 5);
    Compressed<int64_t, C> c = compress<C>(a);
    ASSERT_GE(c.values.size(), 3u);
    c.values[2] = C(1, std::numeric_limits<R>::quiet_NaN());
    SparsePtr s;
    EXPECT_ERROR(create_sparse(s, c), FL_ERR_NON_FINITE, "fl_sparse_create",
                 "the imaginary part of values[2]", "nan");
    c.values[2] = C(-std::numeric_limits<R>::infinity(), 0);
    EXPECT_ERROR(create_sparse(s, c), FL_ERR_NON_FINITE, "fl_sparse_create",
                 "the real part of values[2]", "inf");
    EXPECT_EQ(s.get(), nullptr);

    s = make_sparse<C>(a);
    const std::vector<double> real(c.values.size(), 1.0);
    EXPECT_ERROR(fl_sparse_set_values(s.get(), FL_FLOAT64, real.data()), FL_ERR_DTYPE_MISMATCH,
                 "fl_sparse_set_values", "dtype", "FL_FLOAT64", "real and complex");
    const CMatrix<C> x = CMatrix<C>::from(random_matrix(5, 1, 6), FL_COL_MAJOR);
    CMatrix<C> y(5, 1, FL_COL_MAJOR);
    const fl_dtype other = dtype_of<C>() == FL_COMPLEX64 ? FL_COMPLEX128 : FL_COMPLEX64;
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, other, 1, FL_COL_MAJOR, x.data.data(),
                                    x.ld, FL_COL_MAJOR, y.data.data(), y.ld),
                 FL_ERR_DTYPE_MISMATCH, "fl_sparse_multiply", "dtype");

    // A real handle takes no complex values.
    const std::vector<double> ptr_vals{2.0};
    const int64_t ptr[] = {0, 1}, idx[] = {0};
    fl_sparse *raw = nullptr;
    ASSERT_EQ(fl_sparse_create(&raw, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 1, 1, ptr, idx,
                               ptr_vals.data()),
              FL_OK);
    SparsePtr real_handle(raw);
    const C z(1, 1);
    EXPECT_ERROR(fl_sparse_set_values(real_handle.get(), dtype_of<C>(), &z), FL_ERR_DTYPE_MISMATCH,
                 "fl_sparse_set_values", "dtype", "FL_FLOAT64");
}

// log|det| and the phase against long double elimination; rcond against 1 / (||A||_1
// ||A^-1||_1) with A^-1 the factor's inverse (checked to be one).
template <class C>
void check_queries(const fl_factor *f, const ZRef &a) {
    const int64_t n = a.rows;
    double re = 0, im = 0, logabs = 0;
    ASSERT_EQ(fl_factor_logdet_complex(f, &re, &im, &logabs), FL_OK) << fl_last_error();
    const Z det = reference_det(a);
    EXPECT_NEAR(logabs, double(std::log(std::abs(det))), 1e3 * n * eps<C>());
    const Z phase = det / std::abs(det);
    EXPECT_NEAR(re, double(phase.real()), 1e3 * n * eps<C>());
    EXPECT_NEAR(im, double(phase.imag()), 1e3 * n * eps<C>());
    double sign = 0, logabs_real = 0;
    EXPECT_ERROR(fl_factor_logdet(f, &sign, &logabs_real), FL_ERR_UNSUPPORTED, "fl_factor_logdet",
                 "fl_factor_logdet_complex");

    CMatrix<C> inv(n, n, FL_COL_MAJOR);
    ASSERT_EQ(fl_factor_inverse(f, dtype_of<C>(), FL_COL_MAJOR, inv.data.data(), inv.ld), FL_OK)
        << fl_last_error();
    ZRef eye(n, n);
    for (int64_t i = 0; i < n; ++i) eye(i, i) = 1;
    EXPECT_LT(scaled_residual(a, inv.ref(), eye, eps<C>()), kResidualThreshold);

    double rcond = 0;
    ASSERT_EQ(fl_factor_rcond(f, &rcond), FL_OK) << fl_last_error();
    const double exact = double(1.0L / (one_norm(a) * one_norm(inv.ref())));
    EXPECT_GE(rcond, exact * 0.999);  // the estimate of ||A^-1||_1 is a lower bound
    EXPECT_LE(rcond, exact * 10);
}

TYPED_TEST(ComplexSparse, LuSolvesEveryTransposeAndLayout) {
    using C = TypeParam;
    for (const int64_t n : {int64_t(1), int64_t(2), int64_t(9), int64_t(60)}) {
        SCOPED_TRACE("n " + std::to_string(n));
        const ZRef a = sparse_general(n, unsigned(n));
        const SparsePtr s = make_sparse<C>(a);
        Factor h;
        ASSERT_EQ(factor_sparse(h, FL_FACTOR_SPARSE_LU, s.get()), FL_OK) << fl_last_error();
        EXPECT_EQ(fl_factor_get_dtype(h.f), dtype_of<C>());
        // 1 and 3 right-hand sides go through umfpack_zl_wsolve; from 8 on, the extracted
        // factors are walked row by row, in blocks of 32.
        check_solves<C>(h.f, a, 100, {1, 3, 8, 45});
        check_queries<C>(h.f, a);
    }
}

TYPED_TEST(ComplexSparse, LuOfAnIllConditionedMatrix) {
    using C = TypeParam;
    const ZRef a = phased_hilbert(std::is_same_v<C, std::complex<float>> ? 6 : 10);
    const SparsePtr s = make_sparse<C>(a);
    Factor h;
    ASSERT_EQ(factor_sparse(h, FL_FACTOR_SPARSE_LU, s.get()), FL_OK) << fl_last_error();
    check_solves<C>(h.f, a, 200);
    double rcond = 0;
    ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
    EXPECT_LT(rcond, 1e-5);
    EXPECT_GT(rcond, 0);
}

TYPED_TEST(ComplexSparse, LuRefactorsWithNewValues) {
    using C = TypeParam;
    const ZRef a = sparse_general(25, 11);
    ZRef b = a;
    for (int64_t j = 0; j < b.cols; ++j)
        for (int64_t i = 0; i < b.rows; ++i) b(i, j) *= std::polar(1.0L + 0.1L * i, 0.3L * j);
    const SparsePtr s = make_sparse<C>(a);
    Factor h, h2;
    ASSERT_EQ(factor_sparse(h, FL_FACTOR_SPARSE_LU, s.get()), FL_OK) << fl_last_error();
    const auto values = compress<C>(b).values;
    ASSERT_EQ(fl_sparse_set_values(s.get(), dtype_of<C>(), values.data()), FL_OK);
    ASSERT_EQ(fl_factor_refactor(&h2.f, h.f, s.get()), FL_OK) << fl_last_error();
    check_solves<C>(h2.f, b, 300, {2, 10});
    check_queries<C>(h2.f, b);
    check_solves<C>(h.f, a, 400);  // the old factor is untouched
}

TYPED_TEST(ComplexSparse, LuOfASingularMatrixIsRefused) {
    using C = TypeParam;
    ZRef a = sparse_general(6, 12);
    for (int64_t i = 0; i < 6; ++i) a(i, 3) = 0;
    const SparsePtr s = make_sparse<C>(a);
    Factor h;
    EXPECT_ERROR(factor_sparse(h, FL_FACTOR_SPARSE_LU, s.get()), FL_ERR_SINGULAR,
                 "fl_factor_create_sparse", "singular");
    EXPECT_EQ(h.f, nullptr);
}

TYPED_TEST(ComplexSparse, CholeskyIsHermitianReadFromOneTriangle) {
    using C = TypeParam;
    for (const int64_t n : {int64_t(1), int64_t(8), int64_t(70)})
        for (const fl_triangle tri : fltest::kTriangles) {
            SCOPED_TRACE("n " + std::to_string(n) + ", triangle " + std::to_string(tri));
            const ZRef a = sparse_hermitian_pd(n, unsigned(n + 3));
            const SparsePtr s = make_sparse<C>(triangle_of(a, tri));
            Factor h;
            ASSERT_EQ(factor_sparse(h, FL_FACTOR_SPARSE_CHOLESKY, s.get(), tri), FL_OK)
                << fl_last_error();
            check_solves<C>(h.f, a, 500, {1, 3, 9});
            check_queries<C>(h.f, a);
            double re = 0, im = 1;
            ASSERT_EQ(fl_factor_logdet_complex(h.f, &re, &im, nullptr), FL_OK);
            EXPECT_EQ(re, 1.0);  // det(A) > 0 exactly
            EXPECT_EQ(im, 0.0);
        }
}

TYPED_TEST(ComplexSparse, CholeskyOfAnIllConditionedHermitianMatrix) {
    using C = TypeParam;
    const ZRef a = phased_hilbert(std::is_same_v<C, std::complex<float>> ? 5 : 10);
    const SparsePtr s = make_sparse<C>(triangle_of(a, FL_LOWER));
    Factor h;
    ASSERT_EQ(factor_sparse(h, FL_FACTOR_SPARSE_CHOLESKY, s.get()), FL_OK) << fl_last_error();
    check_solves<C>(h.f, a, 600);
}

TYPED_TEST(ComplexSparse, CholeskyRefactorsButHasNoRankUpdate) {
    using C = TypeParam;
    const ZRef a = sparse_hermitian_pd(30, 13);
    ZRef b = a;
    for (int64_t i = 0; i < b.rows; ++i) b(i, i) += Z(3);
    const SparsePtr s = make_sparse<C>(triangle_of(a, FL_LOWER));
    Factor h, h2, up;
    ASSERT_EQ(factor_sparse(h, FL_FACTOR_SPARSE_CHOLESKY, s.get()), FL_OK) << fl_last_error();
    const auto values = compress<C>(triangle_of(b, FL_LOWER)).values;
    ASSERT_EQ(fl_sparse_set_values(s.get(), dtype_of<C>(), values.data()), FL_OK);
    ASSERT_EQ(fl_factor_refactor(&h2.f, h.f, s.get()), FL_OK) << fl_last_error();
    check_solves<C>(h2.f, b, 700);
    check_queries<C>(h2.f, b);

    const SparsePtr v = make_sparse<C>(sparse_random(30, 2, 0.2, 14));
    EXPECT_ERROR(fl_factor_rank_update_sparse(&up.f, h.f, 1, v.get()), FL_ERR_UNSUPPORTED,
                 "fl_factor_rank_update_sparse", "complex", "real only");
    EXPECT_EQ(up.f, nullptr);
}

TYPED_TEST(ComplexSparse, CholeskyOfANonDefiniteMatrixIsRefused) {
    using C = TypeParam;
    ZRef a = sparse_hermitian_pd(10, 15);
    a(4, 4) = -Z(100);
    const SparsePtr s = make_sparse<C>(triangle_of(a, FL_LOWER));
    Factor h;
    EXPECT_ERROR(factor_sparse(h, FL_FACTOR_SPARSE_CHOLESKY, s.get()), FL_ERR_NOT_POSITIVE_DEFINITE,
                 "fl_factor_create_sparse", "positive definite");
}

TYPED_TEST(ComplexSparse, QrAndMixedSolvesAreRefused) {
    using C = TypeParam;
    const ZRef a = sparse_general(5, 16);
    const SparsePtr s = make_sparse<C>(a);
    Factor qr, lu;
    EXPECT_ERROR(factor_sparse(qr, FL_FACTOR_SPARSE_QR, s.get()), FL_ERR_UNSUPPORTED,
                 "fl_factor_create_sparse", "complex sparse QR");
    EXPECT_EQ(qr.f, nullptr);
    ASSERT_EQ(factor_sparse(lu, FL_FACTOR_SPARSE_LU, s.get()), FL_OK) << fl_last_error();
    // B of the other precision, or real.
    const std::vector<double> b(10, 1.0);
    std::vector<double> x(10, 0.0);
    EXPECT_ERROR(fl_factor_solve(lu.f, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), 5,
                                 FL_COL_MAJOR, x.data(), 5),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_solve", "dtype");
    const fl_dtype other = dtype_of<C>() == FL_COMPLEX64 ? FL_COMPLEX128 : FL_COMPLEX64;
    EXPECT_ERROR(fl_factor_solve(lu.f, FL_NO_TRANS, other, 1, FL_COL_MAJOR, b.data(), 5,
                                 FL_COL_MAJOR, x.data(), 5),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_solve", "dtype");
}

TYPED_TEST(ComplexSparse, EmptyMatrices) {
    using C = TypeParam;
    const ZRef a(0, 0);
    const SparsePtr s = make_sparse<C>(a);
    for (const fl_factor_kind kind : {FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_CHOLESKY}) {
        Factor h;
        ASSERT_EQ(factor_sparse(h, kind, s.get()), FL_OK) << fl_last_error();
        double re = 0, im = 1, logabs = 1, rcond = 0;
        ASSERT_EQ(fl_factor_logdet_complex(h.f, &re, &im, &logabs), FL_OK);
        EXPECT_EQ(re, 1.0);
        EXPECT_EQ(im, 0.0);
        EXPECT_EQ(logabs, 0.0);
        ASSERT_EQ(fl_factor_rcond(h.f, &rcond), FL_OK);
        EXPECT_EQ(rcond, 1.0);
    }
}

// The C++ wrapper passes std::complex element types through to the sparse entry points.
TEST(ComplexSparseCpp, WrapperTakesComplexMatricesAndVectors) {
    using C = std::complex<double>;
    const ZRef a = sparse_general(12, 21);
    const auto c = compress<C>(a);
    const fastlinalg::sparse_matrix s(FL_SPARSE_CSC, 12, 12, c.ptr, c.idx, c.values);
    EXPECT_EQ(s.dtype(), FL_COMPLEX128);
    fastlinalg::matrix<C> x(12, 2, FL_COL_MAJOR);
    for (int64_t i = 0; i < 12; ++i)
        for (int64_t j = 0; j < 2; ++j) x(i, j) = C(double(i) - 3, double(j) + 0.5);
    const fastlinalg::matrix<C> y = s.multiply(x, FL_CONJ_TRANS);
    const fastlinalg::factor f(FL_FACTOR_SPARSE_LU, s);
    const fastlinalg::matrix<C> back = f.solve(y, FL_CONJ_TRANS);
    for (int64_t i = 0; i < 12; ++i)
        for (int64_t j = 0; j < 2; ++j) EXPECT_LT(std::abs(back(i, j) - x(i, j)), 1e-12);
    const Z det = reference_det(a);
    const auto d = f.logdet_complex();
    EXPECT_NEAR(d.logabsdet, double(std::log(std::abs(det))), 1e-12);
    EXPECT_LT(std::abs(d.phase - std::complex<double>(det / std::abs(det))), 1e-12);
}

}  // namespace
