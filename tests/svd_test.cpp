// SVD (FL_FACTOR_SVD) through the public C API: the decomposition itself (reconstruction,
// orthogonality, singular values of matrices built with known ones), rank decisions and
// FL_OPT_RTOL/FL_OPT_ATOL, minimum-norm least-squares solves against the exactly known
// pseudo-inverse, the Penrose conditions of fl_factor_inverse, rcond, residual norms, empty
// and 1x1 shapes, every layout with padded leading dimensions, and the errors of misuse.
//
// Test matrices are built as A = Q1 diag(d) Q2^T with Q1, Q2 orthonormal (Gram-Schmidt in
// long double), so the singular values are d and A^+ = Q2 diag(1/d) Q1^T are known exactly.
#include "error_expect.hpp"
#include "constructed_matrices.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(Svd);

// ---- Reference constructions (long double) ---------------------------------------------------

// A = Q1 diag(d) Q2^T, m-by-n, with d (min(m, n) values, descending, >= 0) its singular values.
struct Constructed {
    Ref a;
    Ref pinv;                   // A^+ = Q2 diag(1/d_i, d_i > 0) Q1^T, n-by-m
    std::vector<long double> d; // the singular values
    long double cond = 1.0L;    // d_max / smallest nonzero d
};

Constructed construct(int64_t m, int64_t n, const std::vector<long double> &d, uint64_t seed) {
    const int64_t k = std::min(m, n);
    const Ref q1 = orthonormal_ref(m, k, seed), q2 = orthonormal_ref(n, k, seed + 1000);
    Ref q1d = q1, q2dinv = q2;
    long double smallest = 0.0L;
    for (int64_t j = 0; j < k; ++j) {
        const long double dj = d[static_cast<size_t>(j)];
        if (dj > 0.0L) smallest = dj;
        for (int64_t i = 0; i < m; ++i) q1d(i, j) *= dj;
        for (int64_t i = 0; i < n; ++i) q2dinv(i, j) = dj > 0.0L ? q2dinv(i, j) / dj : 0.0L;
    }
    Constructed c;
    c.a = multiply(q1d, transpose(q2));
    c.pinv = multiply(q2dinv, transpose(q1));
    c.d = d;
    c.cond = smallest > 0.0L ? d.front() / smallest : 1.0L;
    return c;
}

// k values from 1 down to `last`, evenly spaced in log, then `zeros` zeros (of k in all).
std::vector<long double> geometric(int64_t k, long double last, int64_t zeros = 0) {
    std::vector<long double> d(static_cast<size_t>(k), 0.0L);
    const int64_t nonzero = k - zeros;
    for (int64_t i = 0; i < nonzero; ++i)
        d[static_cast<size_t>(i)] =
            nonzero == 1 ? 1.0L : std::pow(last, static_cast<long double>(i) / static_cast<long double>(nonzero - 1));
    return d;
}

// ---- Reading a factor through the API ----------------------------------------------------

// A copy of one part of f, in the given layout and padding; the padding must stay untouched.
template <class T>
Matrix<T> part(const fl_factor *f, fl_factor_part p, fl_layout layout, int64_t pad = 0) {
    int64_t rows = -1, cols = -1;
    EXPECT_EQ(fl_factor_part_shape(f, p, &rows, &cols), FL_OK) << fl_last_error();
    const T sentinel = T(-555);
    Matrix<T> out(rows, cols, layout, pad, sentinel);
    out.fill(std::numeric_limits<T>::quiet_NaN());
    const Matrix<T> before = out;
    EXPECT_EQ(fl_factor_get_part(f, p, Dtype<T>::value, layout, out.data(), out.ld()), FL_OK) << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before)) << "get_part wrote into the padding";
    return out;
}

template <class T>
int64_t rank_of(const fl_factor *f) {
    int64_t r = -1;
    EXPECT_EQ(fl_factor_rank(f, &r), FL_OK) << fl_last_error();
    return r;
}

template <class T>
FactorPtr make_svd(const Ref &a, fl_layout layout, int64_t pad = 0, const fl_options *o = nullptr) {
    const Matrix<T> am = Matrix<T>::from_ref(a, layout, pad);
    const Matrix<T> before = am;
    FactorPtr f;
    EXPECT_EQ(make_factor(f, FL_FACTOR_SVD, am, o), FL_OK) << fl_last_error();
    EXPECT_TRUE(am.bitwise_equal(before)) << "A was modified";
    if (f) {
        EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_SVD);
        EXPECT_EQ(fl_factor_get_dtype(f.get()), Dtype<T>::value);
        EXPECT_EQ(fl_factor_rows(f.get()), a.rows);
        EXPECT_EQ(fl_factor_cols(f.get()), a.cols);
    }
    return f;
}

std::string shape_name(int64_t m, int64_t n) { return std::to_string(m) + "x" + std::to_string(n); }

// ---- The decomposition ---------------------------------------------------------------------

// ||A - U diag(s) V^T||_1 / (||A||_1 max(m,n) eps), ||U^T U - I||_1 and ||V^T V - I||_1 over
// (max(m,n) eps) below 30; s descending and >= 0; the parts in every layout with padding.
template <class T>
void check_decomposition(const Ref &a) {
    const int64_t m = a.rows, n = a.cols, k = std::min(m, n), big = std::max<int64_t>(std::max(m, n), 1);
    const Ref ar = rounded<T>(a);
    int combo = 0;
    for (fl_layout al : kLayouts)
        for (int64_t apad : {0, 3}) {
            SCOPED_TRACE(shape_name(m, n) + " A " + layout_name(al) + " ldpad " + std::to_string(apad));
            FactorPtr f = make_svd<T>(a, al, apad);
            ASSERT_TRUE(f);
            for (fl_layout pl : kLayouts) {
                SCOPED_TRACE(std::string("parts ") + layout_name(pl));
                ++combo;
                const Ref s = part<T>(f.get(), FL_PART_SINGULAR_VALUES, pl, combo % 2).to_ref();
                const Ref u = part<T>(f.get(), FL_PART_U, pl, combo % 2 ? 2 : 0).to_ref();
                const Ref vt = part<T>(f.get(), FL_PART_VT, pl, combo % 2 ? 0 : 1).to_ref();
                ASSERT_EQ(s.rows, k);
                ASSERT_EQ(s.cols, 1);
                ASSERT_EQ(u.rows, m);
                ASSERT_EQ(u.cols, k);
                ASSERT_EQ(vt.rows, k);
                ASSERT_EQ(vt.cols, n);
                for (int64_t i = 0; i < k; ++i) {
                    EXPECT_GE(s(i, 0), 0.0L);
                    if (i > 0) {
                        EXPECT_LE(s(i, 0), s(i - 1, 0));
                    }
                }
                Ref us = u;
                for (int64_t j = 0; j < k; ++j)
                    for (int64_t i = 0; i < m; ++i) us(i, j) *= s(j, 0);
                const Ref recon = multiply(us, vt);
                EXPECT_LT(ratio(norm1(subtract(ar, recon)), norm1(ar) * big * eps<T>()), kResidualThreshold);
                Ref utu = multiply(transpose(u), u), vvt = multiply(vt, transpose(vt));
                const Ref id = identity_ref(k);
                EXPECT_LT(ratio(norm1(subtract(utu, id)), big * eps<T>()), kResidualThreshold);
                EXPECT_LT(ratio(norm1(subtract(vvt, id)), big * eps<T>()), kResidualThreshold);
            }
        }
}

TYPED_TEST(Svd, DecompositionOfRandomMatrices) {
    const std::pair<int64_t, int64_t> shapes[] = {{60, 25}, {25, 60}, {40, 40}, {1, 1}, {1, 7}, {7, 1}, {2, 2}};
    uint64_t seed = 100;
    for (auto [m, n] : shapes) check_decomposition<TypeParam>(random_ref(m, n, ++seed));
}

// Badly scaled columns: the backward error still scales with ||A||.
TYPED_TEST(Svd, DecompositionOfBadlyScaledMatrix) {
    Ref a = random_ref(30, 20, 7);
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j) a(i, j) *= std::pow(10.0L, static_cast<long double>(j % 5) - 2.0L);
    check_decomposition<TypeParam>(a);
}

// Above the library's serial cut-offs: OpenBLAS runs threaded here.
TYPED_TEST(Svd, DecompositionLargeMultiThreadedPath) {
    const Ref a = random_ref(480, 420, 8);
    using T = TypeParam;
    FactorPtr f = make_svd<T>(a, FL_ROW_MAJOR);
    ASSERT_TRUE(f);
    const Ref s = part<T>(f.get(), FL_PART_SINGULAR_VALUES, FL_COL_MAJOR).to_ref();
    Ref u = part<T>(f.get(), FL_PART_U, FL_COL_MAJOR).to_ref();
    const Ref vt = part<T>(f.get(), FL_PART_VT, FL_ROW_MAJOR).to_ref();
    const Ref utu = multiply(transpose(u), u);
    EXPECT_LT(ratio(norm1(subtract(utu, identity_ref(420))), 480 * eps<T>()), kResidualThreshold);
    for (int64_t j = 0; j < 420; ++j)
        for (int64_t i = 0; i < 480; ++i) u(i, j) *= s(j, 0);
    const Ref ar = rounded<T>(a);
    EXPECT_LT(ratio(norm1(subtract(ar, multiply(u, vt))), norm1(ar) * 480 * eps<T>()), kResidualThreshold);
}

// The singular values of Q1 diag(d) Q2^T are d. Each is perturbed by about eps ||A|| =
// eps d_max (rounding A to T is itself such a perturbation), so the error is measured
// relative to d_max.
TYPED_TEST(Svd, SingularValuesOfConstructedMatrices) {
    using T = TypeParam;
    const std::pair<int64_t, int64_t> shapes[] = {{50, 20}, {20, 50}, {35, 35}, {3, 1}, {1, 3}};
    uint64_t seed = 200;
    for (auto [m, n] : shapes)
        for (fl_layout al : kLayouts) {
            SCOPED_TRACE(shape_name(m, n) + " " + layout_name(al));
            const int64_t k = std::min(m, n);
            const Constructed c = construct(m, n, geometric(k, 1e-3L), ++seed);
            FactorPtr f = make_svd<T>(c.a, al, 1);
            ASSERT_TRUE(f);
            const Ref s = part<T>(f.get(), FL_PART_SINGULAR_VALUES, al).to_ref();
            for (int64_t i = 0; i < k; ++i)
                EXPECT_LT(ratio(std::fabs(s(i, 0) - c.d[static_cast<size_t>(i)]), c.d.front() * eps<T>()),
                          kResidualThreshold)
                    << "s[" << i << "] = " << static_cast<double>(s(i, 0)) << ", want "
                    << static_cast<double>(c.d[static_cast<size_t>(i)]);
        }
}

TYPED_TEST(Svd, OneByOne) {
    using T = TypeParam;
    Ref a(1, 1);
    a(0, 0) = -3.0L;
    for (fl_layout l : kLayouts) {
        FactorPtr f = make_svd<T>(a, l, 2);
        ASSERT_TRUE(f);
        EXPECT_EQ(part<T>(f.get(), FL_PART_SINGULAR_VALUES, l)(0, 0), T(3));
        const T u = part<T>(f.get(), FL_PART_U, l)(0, 0), vt = part<T>(f.get(), FL_PART_VT, l)(0, 0);
        EXPECT_EQ(u * vt, T(-1));
        EXPECT_EQ(rank_of<T>(f.get()), 1);
        double rc = -1;
        ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
        EXPECT_EQ(rc, 1.0);
        for (fl_transpose tr : kTransposes) {
            Matrix<T> b(1, 2, l), x(1, 2, l);
            b(0, 0) = T(6);
            b(0, 1) = T(-1.5);
            ASSERT_EQ(solve(f.get(), tr, b, x), FL_OK) << fl_last_error();
            EXPECT_EQ(x(0, 0), T(-2));
            EXPECT_EQ(x(0, 1), T(0.5));
        }
    }
}

// 0x0, 0x5 and 5x0, with NULL data: every query answers, and solves whose X has elements
// write zeros (the pseudo-inverse of an empty matrix is the zero matrix of the other shape).
TYPED_TEST(Svd, EmptyMatrices) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    const std::pair<int64_t, int64_t> shapes[] = {{0, 0}, {0, 5}, {5, 0}};
    for (auto [m, n] : shapes)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(shape_name(m, n) + " " + layout_name(l));
            const int64_t lda = std::max<int64_t>(1, l == FL_COL_MAJOR ? m : n);
            fl_factor *raw = nullptr;
            ASSERT_EQ(fl_factor_create(&raw, FL_FACTOR_SVD, dt, l, m, n, nullptr, lda, nullptr), FL_OK)
                << fl_last_error();
            FactorPtr f(raw);
            EXPECT_EQ(rank_of<T>(f.get()), 0);
            double rc = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
            EXPECT_EQ(rc, 1.0);
            int64_t r = -1, c = -1;
            ASSERT_EQ(fl_factor_part_shape(f.get(), FL_PART_SINGULAR_VALUES, &r, &c), FL_OK);
            EXPECT_EQ(r, 0);
            EXPECT_EQ(c, 1);
            ASSERT_EQ(fl_factor_part_shape(f.get(), FL_PART_U, &r, &c), FL_OK);
            EXPECT_EQ(r, m);
            EXPECT_EQ(c, 0);
            ASSERT_EQ(fl_factor_part_shape(f.get(), FL_PART_VT, &r, &c), FL_OK);
            EXPECT_EQ(r, 0);
            EXPECT_EQ(c, n);
            EXPECT_EQ(part<T>(f.get(), FL_PART_U, l, 1).rows(), m);
            EXPECT_EQ(part<T>(f.get(), FL_PART_VT, l, 1).cols(), n);
            EXPECT_EQ(part<T>(f.get(), FL_PART_SINGULAR_VALUES, l).rows(), 0);

            for (fl_transpose tr : kTransposes) {
                const int64_t brows = tr == FL_NO_TRANS ? m : n, xrows = tr == FL_NO_TRANS ? n : m;
                Matrix<T> b = Matrix<T>::from_ref(random_ref(brows, 3, 5), l);
                Matrix<T> x(xrows, 3, l);
                x.fill(std::numeric_limits<T>::quiet_NaN());
                ASSERT_EQ(solve(f.get(), tr, b, x), FL_OK) << fl_last_error();
                for (int64_t i = 0; i < xrows; ++i)
                    for (int64_t j = 0; j < 3; ++j) EXPECT_EQ(x(i, j), T(0));
            }
            Matrix<T> inv(n, m, l);
            ASSERT_EQ(fl_factor_inverse(f.get(), dt, l, inv.data(), inv.ld()), FL_OK) << fl_last_error();
            // ||b - A x|| = ||b||: A has no columns (5x0) or b has no rows (0xn).
            Matrix<T> b = Matrix<T>::from_ref(random_ref(m, 2, 6), l);
            T norms[2] = {T(-1), T(-1)};
            ASSERT_EQ(fl_factor_residual_norms(f.get(), dt, 2, l, b.data(), b.ld(), norms), FL_OK) << fl_last_error();
            for (int64_t j = 0; j < 2; ++j)
                EXPECT_NEAR(static_cast<double>(norms[j]), static_cast<double>(column_norm2(b.to_ref(), j)),
                            10 * eps<T>());
        }
}

template <class T>
double solution_error(const Ref &x, const Ref &xref, const Ref &op_a, const Ref &b, long double kappa, int64_t big);

// ---- Rank and the tolerances ----------------------------------------------------------------

TYPED_TEST(Svd, RankOfConstructedLowRankMatrices) {
    using T = TypeParam;
    // The singular values 1, 0.5, 1e-2, 1e-4 and then exact zeros, which become noise of
    // order eps ||A|| once A is rounded to T: far below max(m, n) eps.
    const std::pair<int64_t, int64_t> shapes[] = {{40, 25}, {25, 40}, {30, 30}};
    uint64_t seed = 300;
    for (auto [m, n] : shapes) {
        const int64_t k = std::min(m, n);
        std::vector<long double> d(static_cast<size_t>(k), 0.0L);
        d[0] = 1.0L;
        d[1] = 0.5L;
        d[2] = 1e-2L;
        d[3] = 1e-4L;
        const Constructed c = construct(m, n, d, ++seed);
        struct Case {
            double rtol, atol;
            int64_t rank;
        };
        // rtol < 0 is the default, max(m, n) eps.
        const Case cases[] = {{-1, 0, 4},    {1e-3, 0, 3},  {0.02, 0, 2}, {0.6, 0, 1},
                              {-1, 0.75, 1}, {-1, 2.0, 0},  {0, 0.3, 2},  {0.4, 0.05, 2},
                              {1e-5, 0, 4},  {-1, 1e-3, 3}, {0.0099, 0, 3}, {0.0101, 0, 2}};
        for (fl_layout l : kLayouts)
            for (const Case &cs : cases) {
                std::ostringstream what;
                what << shape_name(m, n) << " " << layout_name(l) << " rtol " << cs.rtol << " atol " << cs.atol;
                SCOPED_TRACE(what.str());
                fl_options *raw = nullptr;
                ASSERT_EQ(fl_options_create(&raw), FL_OK);
                OptionsPtr o(raw);
                ASSERT_EQ(fl_options_set_real(raw, FL_OPT_RTOL, cs.rtol), FL_OK) << fl_last_error();
                ASSERT_EQ(fl_options_set_real(raw, FL_OPT_ATOL, cs.atol), FL_OK) << fl_last_error();
                FactorPtr f = make_svd<T>(c.a, l, 0, raw);
                ASSERT_TRUE(f);
                EXPECT_EQ(rank_of<T>(f.get()), cs.rank);
            }
        // NULL options are the defaults.
        FactorPtr f = make_svd<T>(c.a, FL_COL_MAJOR);
        EXPECT_EQ(rank_of<T>(f.get()), 4);
    }
}

// The rank decides the solve: truncating at rtol = 0.02 solves with the rank-2 part only.
TYPED_TEST(Svd, TruncatedRankChangesTheSolution) {
    using T = TypeParam;
    const int64_t m = 20, n = 12;
    const Constructed full = construct(m, n, {1.0L, 0.5L, 1e-2L, 1e-2L, 5e-3L, 1e-3L, 1e-3L, 1e-3L, 1e-3L, 1e-3L, 1e-3L, 1e-3L}, 31);
    // The same Q1, Q2 with everything below 0.02 dropped: its pseudo-inverse is the
    // truncated one.
    std::vector<long double> kept(12, 0.0L);
    kept[0] = 1.0L;
    kept[1] = 0.5L;
    const Constructed truncated = construct(m, n, kept, 31);
    fl_options *raw = nullptr;
    ASSERT_EQ(fl_options_create(&raw), FL_OK);
    OptionsPtr o(raw);
    ASSERT_EQ(fl_options_set_real(raw, FL_OPT_RTOL, 0.02), FL_OK);
    FactorPtr f = make_svd<T>(full.a, FL_ROW_MAJOR, 0, raw);
    ASSERT_TRUE(f);
    EXPECT_EQ(rank_of<T>(f.get()), 2);
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(m, 4, 32), FL_COL_MAJOR);
    Matrix<T> x(n, 4, FL_ROW_MAJOR);
    ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
    // Truncating A's SVD at rank 2 keeps exactly Q1's and Q2's first two columns, so the
    // answer is the rank-2 matrix's pseudo-inverse applied to B, with condition 2.
    const Ref xref = multiply(truncated.pinv, b.to_ref());
    EXPECT_LT(solution_error<T>(x.to_ref(), xref, truncated.a, b.to_ref(), 2.0L, m), kResidualThreshold);
}

// ---- Solves ------------------------------------------------------------------------------

struct SolveCase {
    int64_t m, n, zeros; // zeros: how many of the min(m, n) singular values are exactly 0
};

// Forward error of the minimum-norm least-squares solution, per column, against the
// perturbation bound eps (kappa ||x|| + kappa^2 ||r|| / ||A|| + kappa ||b|| / ||A||) with
// ||A|| = d_max = 1 and r = b - op(A) x the exact residual, scaled by max(m, n).
template <class T>
double solution_error(const Ref &x, const Ref &xref, const Ref &op_a, const Ref &b, long double kappa, int64_t big) {
    const Ref r = subtract(b, multiply(op_a, xref));
    double worst = 0;
    for (int64_t j = 0; j < x.cols; ++j) {
        long double err = 0.0L;
        for (int64_t i = 0; i < x.rows; ++i) err += (x(i, j) - xref(i, j)) * (x(i, j) - xref(i, j));
        const long double bound = static_cast<long double>(big) * eps<T>() *
                                  (kappa * column_norm2(xref, j) + kappa * kappa * column_norm2(r, j) +
                                   kappa * column_norm2(b, j));
        worst = std::max(worst, ratio(std::sqrt(err), bound));
    }
    return worst;
}

template <class T>
void check_minimum_norm_solves(const SolveCase &sc, uint64_t seed) {
    const int64_t k = std::min(sc.m, sc.n), big = std::max(sc.m, sc.n);
    const Constructed c = construct(sc.m, sc.n, geometric(k, 0.1L, sc.zeros), seed);
    const Ref pinv_t = transpose(c.pinv), a_t = transpose(c.a);
    int combo = 0;
    for (fl_layout al : kLayouts) {
        FactorPtr f = make_svd<T>(c.a, al, al == FL_COL_MAJOR ? 2 : 0);
        ASSERT_TRUE(f);
        EXPECT_EQ(rank_of<T>(f.get()), k - sc.zeros);
        for (int64_t nrhs : {1, 13, 90})
            for (fl_layout bl : kLayouts)
                for (fl_layout xl : kLayouts)
                    for (fl_transpose tr : kTransposes) {
                        ++combo;
                        const int64_t bpad = combo % 2 ? 0 : 2, xpad = (combo / 2) % 2 ? 0 : 3;
                        std::ostringstream what;
                        what << shape_name(sc.m, sc.n) << " rank " << k - sc.zeros << " A " << layout_name(al)
                             << ", nrhs " << nrhs << ", B " << layout_name(bl) << " pad " << bpad << ", X "
                             << layout_name(xl) << " pad " << xpad << ", " << trans_name(tr);
                        SCOPED_TRACE(what.str());
                        const int64_t brows = tr == FL_NO_TRANS ? sc.m : sc.n, xrows = tr == FL_NO_TRANS ? sc.n : sc.m;
                        const Matrix<T> b = Matrix<T>::from_ref(random_ref(brows, nrhs, seed + combo), bl, bpad);
                        const Matrix<T> b_before = b;
                        Matrix<T> x(xrows, nrhs, xl, xpad, T(-777));
                        x.fill(std::numeric_limits<T>::quiet_NaN());
                        const Matrix<T> x_before = x;
                        ASSERT_EQ(solve(f.get(), tr, b, x), FL_OK) << fl_last_error();
                        EXPECT_TRUE(b.bitwise_equal(b_before)) << "B was modified";
                        EXPECT_TRUE(x.padding_equal(x_before)) << "the padding of X was written";
                        const Ref bref = b.to_ref();
                        const Ref xref = multiply(tr == FL_NO_TRANS ? c.pinv : pinv_t, bref);
                        EXPECT_LT(solution_error<T>(x.to_ref(), xref, tr == FL_NO_TRANS ? c.a : a_t, bref, c.cond, big),
                                  kResidualThreshold);
                    }
    }
}

TYPED_TEST(Svd, MinimumNormSolveFullRankTall) { check_minimum_norm_solves<TypeParam>({50, 20, 0}, 400); }
TYPED_TEST(Svd, MinimumNormSolveFullRankWide) { check_minimum_norm_solves<TypeParam>({20, 50, 0}, 410); }
TYPED_TEST(Svd, MinimumNormSolveSquare) { check_minimum_norm_solves<TypeParam>({30, 30, 0}, 420); }
TYPED_TEST(Svd, MinimumNormSolveRankDeficientTall) { check_minimum_norm_solves<TypeParam>({45, 30, 18}, 430); }
TYPED_TEST(Svd, MinimumNormSolveRankDeficientWide) { check_minimum_norm_solves<TypeParam>({24, 40, 14}, 440); }
TYPED_TEST(Svd, MinimumNormSolveRankDeficientSquare) { check_minimum_norm_solves<TypeParam>({25, 25, 5}, 450); }

// Square A: x == b solves in place (same layout and ld).
TYPED_TEST(Svd, SolveInPlaceSquare) {
    using T = TypeParam;
    const Constructed c = construct(16, 16, geometric(16, 0.1L, 3), 460);
    for (fl_layout l : kLayouts)
        for (fl_transpose tr : kTransposes) {
            SCOPED_TRACE(std::string(layout_name(l)) + " " + trans_name(tr));
            FactorPtr f = make_svd<T>(c.a, l);
            ASSERT_TRUE(f);
            const Matrix<T> b = Matrix<T>::from_ref(random_ref(16, 5, 461), l, 1);
            Matrix<T> x = b;
            ASSERT_EQ(fl_factor_solve(f.get(), tr, Dtype<T>::value, 5, l, x.data(), x.ld(), l, x.data(), x.ld()), FL_OK)
                << fl_last_error();
            EXPECT_TRUE(x.padding_equal(b));
            const Ref xref = multiply(tr == FL_NO_TRANS ? c.pinv : transpose(c.pinv), b.to_ref());
            EXPECT_LT(solution_error<T>(x.to_ref(), xref, tr == FL_NO_TRANS ? c.a : transpose(c.a), b.to_ref(), c.cond, 16),
                      kResidualThreshold);
        }
}

// The zero matrix: rank 0, rcond 0, A^+ = 0, every solve 0, residual = ||b||.
TYPED_TEST(Svd, ZeroMatrix) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    const Ref a(6, 4);
    for (fl_layout l : kLayouts) {
        FactorPtr f = make_svd<T>(a, l);
        ASSERT_TRUE(f);
        EXPECT_EQ(rank_of<T>(f.get()), 0);
        double rc = -1;
        ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
        EXPECT_EQ(rc, 0.0);
        Matrix<T> inv(4, 6, l, 1);
        inv.fill(std::numeric_limits<T>::quiet_NaN());
        ASSERT_EQ(fl_factor_inverse(f.get(), dt, l, inv.data(), inv.ld()), FL_OK);
        EXPECT_EQ(norm1(inv.to_ref()), 0.0L);
        const Matrix<T> b = Matrix<T>::from_ref(random_ref(6, 3, 9), l);
        Matrix<T> x(4, 3, l);
        x.fill(std::numeric_limits<T>::quiet_NaN());
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
        EXPECT_EQ(norm1(x.to_ref()), 0.0L);
        T norms[3];
        ASSERT_EQ(fl_factor_residual_norms(f.get(), dt, 3, l, b.data(), b.ld(), norms), FL_OK);
        for (int64_t j = 0; j < 3; ++j)
            EXPECT_NEAR(static_cast<double>(norms[j]), static_cast<double>(column_norm2(b.to_ref(), j)),
                        10 * eps<T>());
    }
}

// ---- The pseudo-inverse ----------------------------------------------------------------------

// The four Penrose conditions, each scaled by the norms of its terms (as LAPACK scales an
// inverse residual), and the distance to the exactly known A^+.
template <class T>
void check_pseudo_inverse(const SolveCase &sc, uint64_t seed) {
    const int64_t k = std::min(sc.m, sc.n), big = std::max(sc.m, sc.n);
    const Constructed c = construct(sc.m, sc.n, geometric(k, 0.1L, sc.zeros), seed);
    const Ref a = rounded<T>(c.a);
    const long double na = norm1(a);
    for (fl_layout al : kLayouts)
        for (fl_layout il : kLayouts) {
            SCOPED_TRACE(shape_name(sc.m, sc.n) + " rank " + std::to_string(k - sc.zeros) + " A " +
                         layout_name(al) + ", inverse " + layout_name(il));
            FactorPtr f = make_svd<T>(c.a, al, 1);
            ASSERT_TRUE(f);
            Matrix<T> inv(sc.n, sc.m, il, 2, T(-777));
            inv.fill(std::numeric_limits<T>::quiet_NaN());
            const Matrix<T> before = inv;
            ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, il, inv.data(), inv.ld()), FL_OK) << fl_last_error();
            EXPECT_TRUE(inv.padding_equal(before)) << "the padding of inv was written";
            const Ref x = inv.to_ref();
            const long double nx = norm1(x), e = eps<T>() * static_cast<long double>(big);
            const Ref ax = multiply(a, x), xa = multiply(x, a);
            EXPECT_LT(ratio(norm1(subtract(multiply(ax, a), a)), na * nx * na * e), kResidualThreshold) << "A X A = A";
            EXPECT_LT(ratio(norm1(subtract(multiply(xa, x), x)), nx * na * nx * e), kResidualThreshold) << "X A X = X";
            EXPECT_LT(ratio(norm1(subtract(ax, transpose(ax))), na * nx * e), kResidualThreshold) << "(A X)^T = A X";
            EXPECT_LT(ratio(norm1(subtract(xa, transpose(xa))), na * nx * e), kResidualThreshold) << "(X A)^T = X A";
            // A^+ moves by about kappa^2 eps ||A^+|| under a perturbation of relative size eps.
            EXPECT_LT(ratio(norm1(subtract(x, c.pinv)), norm1(c.pinv) * c.cond * c.cond * e), kResidualThreshold)
                << "X = A^+";
        }
}

TYPED_TEST(Svd, PseudoInversePenroseConditions) {
    const SolveCase cases[] = {{30, 18, 0}, {18, 30, 0}, {22, 22, 0}, {30, 18, 7}, {18, 30, 9}, {22, 22, 4}, {1, 1, 0}};
    uint64_t seed = 500;
    for (const SolveCase &sc : cases) check_pseudo_inverse<TypeParam>(sc, ++seed);
}

// ---- rcond -----------------------------------------------------------------------------------

TYPED_TEST(Svd, RcondIsExactlySminOverSmax) {
    using T = TypeParam;
    const std::pair<int64_t, int64_t> shapes[] = {{30, 12}, {12, 30}, {20, 20}};
    uint64_t seed = 600;
    for (auto [m, n] : shapes)
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(shape_name(m, n) + " " + layout_name(l));
            const int64_t k = std::min(m, n);
            const Constructed c = construct(m, n, geometric(k, 1e-2L), ++seed);
            FactorPtr f = make_svd<T>(c.a, l);
            ASSERT_TRUE(f);
            double rc = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK) << fl_last_error();
            const Matrix<T> s = part<T>(f.get(), FL_PART_SINGULAR_VALUES, FL_COL_MAJOR);
            EXPECT_EQ(rc, static_cast<double>(s(k - 1, 0)) / static_cast<double>(s(0, 0)));
            // s_min carries an absolute error of about eps s_max.
            EXPECT_NEAR(rc, 1e-2, kResidualThreshold * eps<T>());
        }
}

// Exactly rank-deficient matrices whose smallest singular value comes out exactly 0 (a
// diagonal matrix with a zero, a matrix with a zero row and column): rcond is 0.
TYPED_TEST(Svd, RcondOfExactlySingularMatrices) {
    using T = TypeParam;
    Ref diag(3, 3);
    diag(0, 0) = 2.0L;
    diag(2, 2) = -1.0L;
    Ref zero_row_col = random_ref(4, 4, 61);
    for (int64_t i = 0; i < 4; ++i) zero_row_col(i, 2) = zero_row_col(2, i) = 0.0L;
    for (const Ref &a : {diag, zero_row_col})
        for (fl_layout l : kLayouts) {
            FactorPtr f = make_svd<T>(a, l);
            ASSERT_TRUE(f);
            const Matrix<T> s = part<T>(f.get(), FL_PART_SINGULAR_VALUES, l);
            double rc = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
            EXPECT_EQ(rc, static_cast<double>(s(a.rows - 1, 0)) / static_cast<double>(s(0, 0)));
            EXPECT_LT(rc, 10 * eps<T>());
            EXPECT_EQ(rank_of<T>(f.get()), a.rows - 1);
        }
}

// ---- Residual norms ---------------------------------------------------------------------------

// fl_factor_residual_norms against ||b - A x|| computed directly (long double) from the
// library's own solution x, for random B and for B = A Y (zero residual: the result must be
// tiny, not the cancellation noise of sqrt(||b||^2 - ||U^T b||^2)).
template <class T>
void check_residual_norms(const SolveCase &sc, uint64_t seed) {
    const int64_t k = std::min(sc.m, sc.n), big = std::max(sc.m, sc.n), nrhs = 11;
    const Constructed c = construct(sc.m, sc.n, geometric(k, 0.1L, sc.zeros), seed);
    const Ref a = rounded<T>(c.a);
    const Ref consistent = multiply(c.a, random_ref(sc.n, nrhs, seed + 1));
    int combo = 0;
    for (fl_layout al : kLayouts) {
        FactorPtr f = make_svd<T>(c.a, al);
        ASSERT_TRUE(f);
        for (fl_layout bl : kLayouts)
            for (bool in_range : {false, true}) {
                ++combo;
                SCOPED_TRACE(shape_name(sc.m, sc.n) + " rank " + std::to_string(k - sc.zeros) + " A " +
                             layout_name(al) + " B " + layout_name(bl) + (in_range ? " B = A Y" : " B random"));
                const Matrix<T> b =
                    Matrix<T>::from_ref(in_range ? consistent : random_ref(sc.m, nrhs, seed + combo), bl, combo % 3);
                const Matrix<T> b_before = b;
                std::vector<T> norms(nrhs, T(-1));
                ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, nrhs, bl, b.data(), b.ld(), norms.data()),
                          FL_OK)
                    << fl_last_error();
                EXPECT_TRUE(b.bitwise_equal(b_before)) << "B was modified";
                Matrix<T> x(sc.n, nrhs, FL_COL_MAJOR);
                ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
                const Ref bref = b.to_ref(), xref = x.to_ref();
                const Ref r = subtract(bref, multiply(a, xref));
                for (int64_t j = 0; j < nrhs; ++j) {
                    const long double direct = column_norm2(r, j), bn = column_norm2(bref, j);
                    const long double scale =
                        static_cast<long double>(big) * eps<T>() * (bn + norm1(a) * column_norm2(xref, j));
                    EXPECT_GE(norms[static_cast<size_t>(j)], T(0));
                    EXPECT_LT(ratio(std::fabs(norms[static_cast<size_t>(j)] - direct), scale), kResidualThreshold)
                        << "column " << j << ": " << static_cast<double>(norms[static_cast<size_t>(j)]) << " vs direct "
                        << static_cast<double>(direct);
                    if (in_range) {
                        EXPECT_LT(ratio(norms[static_cast<size_t>(j)], static_cast<long double>(big) * eps<T>() * bn),
                                  kResidualThreshold);
                    }
                }
            }
    }
}

TYPED_TEST(Svd, ResidualNormsTall) { check_residual_norms<TypeParam>({40, 15, 0}, 700); }
TYPED_TEST(Svd, ResidualNormsRankDeficient) { check_residual_norms<TypeParam>({40, 25, 10}, 710); }
TYPED_TEST(Svd, ResidualNormsWide) { check_residual_norms<TypeParam>({15, 40, 0}, 720); }
TYPED_TEST(Svd, ResidualNormsWideRankDeficient) { check_residual_norms<TypeParam>({20, 35, 6}, 730); }

// ---- Threads ---------------------------------------------------------------------------------

// Queries are const: many threads solving with one handle get the single-threaded answer.
TYPED_TEST(Svd, ConcurrentQueriesOnOneHandle) {
    using T = TypeParam;
    const Constructed c = construct(60, 35, geometric(35, 0.1L, 5), 800);
    FactorPtr f = make_svd<T>(c.a, FL_ROW_MAJOR);
    ASSERT_TRUE(f);
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(60, 7, 801), FL_ROW_MAJOR);
    Matrix<T> expected(35, 7, FL_COL_MAJOR);
    ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, expected), FL_OK);
    std::vector<int> ok(8, 0);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < ok.size(); ++t)
        threads.emplace_back([&, t] {
            bool good = true;
            for (int rep = 0; rep < 20; ++rep) {
                Matrix<T> x(35, 7, FL_COL_MAJOR);
                Matrix<T> inv(35, 60, FL_ROW_MAJOR);
                std::vector<T> norms(7);
                good = good && solve(f.get(), FL_NO_TRANS, b, x) == FL_OK && x.bitwise_equal(expected);
                good = good && fl_factor_inverse(f.get(), Dtype<T>::value, FL_ROW_MAJOR, inv.data(), inv.ld()) == FL_OK;
                good = good && fl_factor_residual_norms(f.get(), Dtype<T>::value, 7, b.layout(), b.data(), b.ld(),
                                                        norms.data()) == FL_OK;
            }
            ok[t] = good ? 1 : 0;
        });
    for (auto &th : threads) th.join();
    for (size_t t = 0; t < ok.size(); ++t) EXPECT_EQ(ok[t], 1) << "thread " << t;
}

// ---- Misuse ----------------------------------------------------------------------------------

TYPED_TEST(Svd, Errors) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value, other = Dtype<T>::other;
    const Matrix<T> a = Matrix<T>::from_ref(random_ref(6, 4, 900), FL_COL_MAJOR);
    FactorPtr svd;
    ASSERT_EQ(make_factor(svd, FL_FACTOR_SVD, a), FL_OK) << fl_last_error();
    const Matrix<T> sq = Matrix<T>::from_ref(diag_dominant_ref(4, 901, 8.0L), FL_COL_MAJOR);
    FactorPtr lu;
    ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, sq), FL_OK) << fl_last_error();

    Matrix<T> out(6, 4, FL_COL_MAJOR);
    int64_t r = 0, c = 0;
    EXPECT_ERROR(fl_factor_get_part(lu.get(), FL_PART_U, dt, FL_COL_MAJOR, out.data(), out.ld()), FL_ERR_UNSUPPORTED,
                 "fl_factor_get_part", "LU", "U");
    EXPECT_ERROR(fl_factor_part_shape(lu.get(), FL_PART_SINGULAR_VALUES, &r, &c), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "singular values");
    EXPECT_ERROR(fl_factor_get_part(svd.get(), FL_PART_U, other, FL_COL_MAJOR, out.data(), out.ld()),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part", "dtype");
    // U is 6-by-4: a column-major ld of 5 is too small, and so is a row-major ld of 3.
    EXPECT_ERROR(fl_factor_get_part(svd.get(), FL_PART_U, dt, FL_COL_MAJOR, out.data(), 5), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_get_part", "ld");
    EXPECT_ERROR(fl_factor_get_part(svd.get(), FL_PART_U, dt, FL_ROW_MAJOR, out.data(), 3), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_get_part", "ld");
    Matrix<T> inv(4, 6, FL_ROW_MAJOR);
    EXPECT_ERROR(fl_factor_inverse(svd.get(), dt, FL_ROW_MAJOR, inv.data(), 5), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_inverse", "ld");
    EXPECT_ERROR(fl_factor_inverse(svd.get(), other, FL_ROW_MAJOR, inv.data(), inv.ld()), FL_ERR_DTYPE_MISMATCH,
                 "fl_factor_inverse", "dtype");
    double sign = 0, logabs = 0;
    EXPECT_ERROR(fl_factor_logdet(svd.get(), &sign, &logabs), FL_ERR_UNSUPPORTED, "fl_factor_logdet", "SVD");
    int64_t p = 0, n = 0, z = 0;
    EXPECT_ERROR(fl_factor_inertia(svd.get(), &p, &n, &z), FL_ERR_UNSUPPORTED, "fl_factor_inertia", "SVD");
    EXPECT_ERROR(fl_factor_part_shape(svd.get(), FL_PART_Q, &r, &c), FL_ERR_UNSUPPORTED, "fl_factor_part_shape",
                 "SVD");
    EXPECT_ERROR(fl_factor_part_shape(svd.get(), FL_PART_EIGENVALUES, &r, &c), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "SVD");
    EXPECT_ERROR(fl_factor_get_part(svd.get(), FL_PART_R, dt, FL_COL_MAJOR, out.data(), out.ld()),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "SVD");
    Matrix<T> cm(6, 2, FL_COL_MAJOR);
    EXPECT_ERROR(fl_factor_apply_q(svd.get(), FL_NO_TRANS, dt, 2, FL_COL_MAJOR, cm.data(), cm.ld()),
                 FL_ERR_UNSUPPORTED, "fl_factor_apply_q", "SVD");
    // Solves: the wrong dtype, and B with the rows of A^T where A's are expected (ld too small).
    Matrix<T> b(6, 2, FL_COL_MAJOR), x(4, 2, FL_COL_MAJOR);
    EXPECT_ERROR(fl_factor_solve(svd.get(), FL_NO_TRANS, other, 2, FL_COL_MAJOR, b.data(), b.ld(), FL_COL_MAJOR,
                                 x.data(), x.ld()),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_solve", "dtype");
    EXPECT_ERROR(fl_factor_solve(svd.get(), FL_NO_TRANS, dt, 2, FL_COL_MAJOR, b.data(), 4, FL_COL_MAJOR, x.data(),
                                 x.ld()),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "ldb");
    std::vector<T> norms(2);
    EXPECT_ERROR(fl_factor_residual_norms(svd.get(), other, 2, FL_COL_MAJOR, b.data(), b.ld(), norms.data()),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_residual_norms", "dtype");
    // And the well-formed calls succeed afterwards.
    int64_t rows = 0, cols = 0;
    EXPECT_ERROR(fl_factor_part_shape(svd.get(), FL_PART_VT, &rows, &cols), FL_OK, "");
    EXPECT_EQ(rows, 4);
    EXPECT_EQ(cols, 4);
}

// NaN/Inf in A: rejected with the element named, in the caller's (row, col).
TYPED_TEST(Svd, NonFiniteInput) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        Matrix<T> a = Matrix<T>::from_ref(random_ref(5, 7, 950), l);
        a(3, 6) = std::numeric_limits<T>::infinity();
        FactorPtr f;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_SVD, a), FL_ERR_NON_FINITE, "fl_factor_create", "a[3, 6]", "inf");
        EXPECT_EQ(f, nullptr);
        a(3, 6) = std::numeric_limits<T>::quiet_NaN();
        EXPECT_ERROR(make_factor(f, FL_FACTOR_SVD, a), FL_ERR_NON_FINITE, "fl_factor_create", "a[3, 6]", "nan");
    }
}

} // namespace
} // namespace fltest
