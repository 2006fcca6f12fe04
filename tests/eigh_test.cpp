// EIGH, A = V diag(w) V^T (syevd), through the public C API: eigenpairs of matrices built
// with known eigenvalues (A = Q diag(d) Q^T), the parts in both layouts, FL_OPT_TRIANGLE,
// pseudo-inverse solves and inverse against the formula from the construction, rank and
// inertia with FL_OPT_RTOL / FL_OPT_ATOL, logdet and the exact rcond, shifted solves
// against LU factors of A + lambda I, and the errors of the new functions.
#include "error_expect.hpp"
#include "constructed_matrices.hpp"
#include "solve_check.hpp"

#include <sstream>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(Eigh);

template <class T>
FactorPtr eigh_of(const Matrix<T> &a, const fl_options *options = nullptr) {
    FactorPtr f;
    EXPECT_EQ(make_factor(f, FL_FACTOR_EIGH, a, options), FL_OK) << fl_last_error();
    return f;
}

// A part copied out in `layout` with padded ld; the padding must stay untouched.
template <class T>
Ref get_part(const fl_factor *f, fl_factor_part part, fl_layout layout, int64_t pad) {
    int64_t rows = -1, cols = -1;
    EXPECT_EQ(fl_factor_part_shape(f, part, &rows, &cols), FL_OK) << fl_last_error();
    Matrix<T> out(rows, cols, layout, pad, T(-777));
    out.fill(std::numeric_limits<T>::quiet_NaN());
    const Matrix<T> before = out;
    EXPECT_EQ(fl_factor_get_part(f, part, Dtype<T>::value, layout, out.data(), out.ld()), FL_OK) << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before)) << "the padding of the part was written";
    const Ref r = out.to_ref();
    EXPECT_TRUE(all_finite(r)) << "an element of the part was not written";
    return r;
}

// ---- Eigenpairs -----------------------------------------------------------------------------

// ||A V - V diag(w)||_1 / (||A||_1 n eps) and ||V^T V - I||_1 / (n eps) below the threshold,
// w ascending, and w equal to the sorted `want` up to the perturbation of rounding A to T.
template <class T>
void expect_eigenpairs(const fl_factor *f, const Ref &a, std::vector<long double> want) {
    const int64_t n = a.rows;
    int64_t rows = -1, cols = -1;
    ASSERT_EQ(fl_factor_part_shape(f, FL_PART_EIGENVALUES, &rows, &cols), FL_OK);
    EXPECT_EQ(rows, n);
    EXPECT_EQ(cols, 1);
    ASSERT_EQ(fl_factor_part_shape(f, FL_PART_EIGENVECTORS, &rows, &cols), FL_OK);
    EXPECT_EQ(rows, n);
    EXPECT_EQ(cols, n);
    const Ref w = get_part<T>(f, FL_PART_EIGENVALUES, FL_COL_MAJOR, 2);
    const Ref v = get_part<T>(f, FL_PART_EIGENVECTORS, FL_COL_MAJOR, 3);
    // The other layouts hold the same numbers.
    EXPECT_EQ(get_part<T>(f, FL_PART_EIGENVALUES, FL_ROW_MAJOR, 1).v, w.v);
    EXPECT_EQ(get_part<T>(f, FL_PART_EIGENVECTORS, FL_ROW_MAJOR, 2).v, v.v);
    if (n == 0) return;

    std::sort(want.begin(), want.end());
    long double largest = 0;
    for (long double d : want) largest = std::max(largest, std::fabs(d));
    for (int64_t i = 0; i < n; ++i) {
        if (i > 0) {
            EXPECT_LE(w(i - 1, 0), w(i, 0)) << "eigenvalues not ascending at " << i;
        }
        EXPECT_NEAR(static_cast<double>(w(i, 0)), static_cast<double>(want[static_cast<size_t>(i)]),
                    kResidualThreshold * double(n) * eps<T>() * static_cast<double>(largest))
            << "eigenvalue " << i;
    }
    Ref av = multiply(a, v);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) av(i, j) -= v(i, j) * w(j, 0);
    EXPECT_LT(static_cast<double>(norm1(av) / (norm1(a) * n)) / eps<T>(), kResidualThreshold);
    Ref vtv = multiply(transpose(v), v);
    for (int64_t i = 0; i < n; ++i) vtv(i, i) -= 1.0L;
    EXPECT_LT(static_cast<double>(norm1(vtv) / n) / eps<T>(), kResidualThreshold);
}

TYPED_TEST(Eigh, EigenpairsOfKnownSpectra) {
    using T = TypeParam;
    for (int64_t n : {1, 2, 5, 40, 150}) {
        const std::vector<long double> d = signed_spectrum(n / 2 + 1, n - n / 2 - 1, 0.1L, 5.0L, 200 + n);
        const Ref a = with_eigenvalues(d, 300 + n);
        for (fl_triangle tri : kTriangles)
            for (fl_layout l : kLayouts) {
                SCOPED_TRACE("n=" + std::to_string(n) + " " + triangle_name(tri) + " " + layout_name(l));
                OptionsPtr opts = make_options(1, tri);
                const Matrix<T> m = one_triangle<T>(a, tri, l, 2);
                const Matrix<T> before = m;
                FactorPtr f = eigh_of(m, opts.get());
                ASSERT_NE(f, nullptr);
                EXPECT_TRUE(m.bitwise_equal(before)) << "A was modified";
                EXPECT_EQ(fl_factor_get_kind(f.get()), FL_FACTOR_EIGH);
                EXPECT_EQ(fl_factor_rows(f.get()), n);
                EXPECT_EQ(fl_factor_cols(f.get()), n);
                expect_eigenpairs<T>(f.get(), symmetric_from(m, tri), d);
            }
    }
}

// Repeated eigenvalues (an orthonormal basis of each eigenspace must still come out), and a
// random symmetric matrix above the serial cut-off, whose eigenvalues we only bound.
TYPED_TEST(Eigh, EigenpairsRepeatedAndLarge) {
    using T = TypeParam;
    std::vector<long double> d(30, 2.0L);
    for (size_t i = 0; i < 10; ++i) d[i] = -1.0L;
    const Matrix<T> m = Matrix<T>::from_ref(with_eigenvalues(d, 210), FL_ROW_MAJOR);
    FactorPtr f = eigh_of(m);
    ASSERT_NE(f, nullptr);
    expect_eigenpairs<T>(f.get(), m.to_ref(), d);

    const Matrix<T> big = Matrix<T>::from_ref(random_symmetric(420, 211), FL_COL_MAJOR, 1);
    FactorPtr g = eigh_of(big);
    ASSERT_NE(g, nullptr);
    const Ref v = get_part<T>(g.get(), FL_PART_EIGENVECTORS, FL_COL_MAJOR, 0);
    const Ref w = get_part<T>(g.get(), FL_PART_EIGENVALUES, FL_COL_MAJOR, 0);
    const Ref a = big.to_ref();
    Ref av = multiply(a, v);
    for (int64_t j = 0; j < a.rows; ++j)
        for (int64_t i = 0; i < a.rows; ++i) av(i, j) -= v(i, j) * w(j, 0);
    EXPECT_LT(static_cast<double>(norm1(av) / (norm1(a) * a.rows)) / eps<T>(), kResidualThreshold);
}

// ---- Solves (A nonsingular: the pseudo-inverse is the inverse) ------------------------------

TYPED_TEST(Eigh, SolveEmptyAndOneByOne) {
    check_solves<TypeParam>(FL_FACTOR_EIGH, Ref(0, 0));
    Ref a(1, 1);
    a(0, 0) = -2.5L;
    check_solves<TypeParam>(FL_FACTOR_EIGH, a);
}

TYPED_TEST(Eigh, SolveIndefinite) {
    check_solves<TypeParam>(FL_FACTOR_EIGH, with_eigenvalues(signed_spectrum(3, 4, 0.5L, 3.0L, 220), 221));
    check_solves<TypeParam>(FL_FACTOR_EIGH, with_eigenvalues(signed_spectrum(30, 20, 0.5L, 3.0L, 222), 223));
    check_solves<TypeParam>(FL_FACTOR_EIGH, random_symmetric(60, 224), {1, 9});
    check_solves<TypeParam>(FL_FACTOR_EIGH, random_symmetric(20, 225), {150});
}

TYPED_TEST(Eigh, SolveOtherTriangleIsNeverRead) {
    using T = TypeParam;
    const Ref s = with_eigenvalues(signed_spectrum(12, 13, 0.5L, 2.0L, 226), 227);
    for (int64_t check : {1, 0})
        for (fl_triangle tri : kTriangles)
            for (fl_layout l : kLayouts) {
                SCOPED_TRACE(std::string(triangle_name(tri)) + " " + layout_name(l) + " check " + std::to_string(check));
                FactorPtr f;
                ASSERT_NO_FATAL_FAILURE(
                    check_one_triangle_solves<T>(f, FL_FACTOR_EIGH, s, tri, l, check, 1, {1, 4}, 228));
            }
}

// ---- Rank, inertia, logdet, rcond -----------------------------------------------------------

struct Expected {
    int64_t rank, positive, negative, zero;
};

template <class T>
void expect_rank_inertia(const fl_factor *f, Expected want) {
    int64_t rank = -1, pos = -1, neg = -1, zero = -1;
    ASSERT_EQ(fl_factor_rank(f, &rank), FL_OK) << fl_last_error();
    ASSERT_EQ(fl_factor_inertia(f, &pos, &neg, &zero), FL_OK) << fl_last_error();
    EXPECT_EQ(rank, want.rank);
    EXPECT_EQ(pos, want.positive);
    EXPECT_EQ(neg, want.negative);
    EXPECT_EQ(zero, want.zero);
}

// Eigenvalues 5, 4, -3, 0.01, -0.02 and 25 zeros: after rounding A to T the zeros are
// noise of order n eps, which the default tolerance n eps max|w| removes.
std::vector<long double> low_rank_spectrum() {
    std::vector<long double> d(30, 0.0L);
    d[3] = 5, d[11] = 4, d[17] = -3, d[20] = 0.01L, d[25] = -0.02L;
    return d;
}

TYPED_TEST(Eigh, RankAndInertiaWithTolerances) {
    using T = TypeParam;
    const Ref a = with_eigenvalues(low_rank_spectrum(), 230);
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        const Matrix<T> m = Matrix<T>::from_ref(a, l);
        FactorPtr f = eigh_of(m);
        ASSERT_NE(f, nullptr);
        expect_rank_inertia<T>(f.get(), {5, 3, 2, 25});
        fl_options *raw = nullptr;
        ASSERT_EQ(fl_options_create(&raw), FL_OK);
        OptionsPtr opts(raw);
        ASSERT_EQ(fl_options_set_real(raw, FL_OPT_RTOL, 0.1), FL_OK); // threshold 0.5: 5, 4, -3 remain
        FactorPtr g = eigh_of(m, raw);
        expect_rank_inertia<T>(g.get(), {3, 2, 1, 27});
        ASSERT_EQ(fl_options_set_real(raw, FL_OPT_ATOL, 3.5), FL_OK); // max(3.5, 0.5): 5 and 4 remain
        FactorPtr h = eigh_of(m, raw);
        expect_rank_inertia<T>(h.get(), {2, 2, 0, 28});
        int64_t pos = -1;
        EXPECT_EQ(fl_factor_inertia(h.get(), &pos, nullptr, nullptr), FL_OK);
        EXPECT_EQ(pos, 2);
    }
}

TYPED_TEST(Eigh, LogdetAndRcondOfKnownSpectra) {
    using T = TypeParam;
    const double tol = std::is_same_v<T, float> ? 2e-3 : 1e-9;
    for (int64_t negative : {0, 1, 6, 31}) {
        const std::vector<long double> d = signed_spectrum(31 - negative, negative, 0.5L, 3.0L, 240 + negative);
        long double log = 0, lo = 1e30L, hi = 0;
        for (long double v : d) {
            log += std::log(std::fabs(v));
            lo = std::min(lo, std::fabs(v));
            hi = std::max(hi, std::fabs(v));
        }
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(negative) + " negative, " + layout_name(l));
            FactorPtr f = eigh_of(Matrix<T>::from_ref(with_eigenvalues(d, 250 + negative), l));
            ASSERT_NE(f, nullptr);
            double sign = 0, logabs = 0, rcond = -1;
            ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
            EXPECT_EQ(sign, negative % 2 ? -1.0 : 1.0);
            EXPECT_NEAR(logabs, static_cast<double>(log), tol);
            ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK) << fl_last_error();
            EXPECT_NEAR(rcond, static_cast<double>(lo / hi), 100.0 * 31 * eps<T>());
            expect_rank_inertia<T>(f.get(), {31, 31 - negative, negative, 0});
        }
    }
}

// Exact eigenvalues: a diagonal with an exact zero, the zero matrix, and the empty matrix.
TYPED_TEST(Eigh, SingularAndEmpty) {
    using T = TypeParam;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        Ref d(3, 3);
        d(0, 0) = 2, d(2, 2) = -1;
        FactorPtr f = eigh_of(Matrix<T>::from_ref(d, l, 1));
        ASSERT_NE(f, nullptr);
        double sign = 7, logabs = 7, rcond = -1;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK);
        EXPECT_EQ(sign, 0.0);
        EXPECT_EQ(logabs, -std::numeric_limits<double>::infinity());
        ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK);
        EXPECT_EQ(rcond, 0.0);
        expect_rank_inertia<T>(f.get(), {2, 1, 1, 1});
        const Ref w = get_part<T>(f.get(), FL_PART_EIGENVALUES, l, 0);
        EXPECT_EQ(w(0, 0), -1.0L);
        EXPECT_EQ(w(1, 0), 0.0L);
        EXPECT_EQ(w(2, 0), 2.0L);

        FactorPtr z = eigh_of(Matrix<T>(4, 4, l));
        ASSERT_EQ(fl_factor_rcond(z.get(), &rcond), FL_OK);
        EXPECT_EQ(rcond, 0.0);
        expect_rank_inertia<T>(z.get(), {0, 0, 0, 4});

        FactorPtr e = eigh_of(Matrix<T>(0, 0, l));
        ASSERT_NE(e, nullptr);
        ASSERT_EQ(fl_factor_logdet(e.get(), &sign, &logabs), FL_OK);
        EXPECT_EQ(sign, 1.0);
        EXPECT_EQ(logabs, 0.0);
        ASSERT_EQ(fl_factor_rcond(e.get(), &rcond), FL_OK);
        EXPECT_EQ(rcond, 1.0);
        expect_rank_inertia<T>(e.get(), {0, 0, 0, 0});
        int64_t rows = -1, cols = -1;
        ASSERT_EQ(fl_factor_part_shape(e.get(), FL_PART_EIGENVALUES, &rows, &cols), FL_OK);
        EXPECT_EQ(rows, 0);
        EXPECT_EQ(cols, 1);
        EXPECT_EQ(fl_factor_get_part(e.get(), FL_PART_EIGENVECTORS, Dtype<T>::value, l, nullptr, 1), FL_OK)
            << fl_last_error();
        EXPECT_EQ(fl_factor_inverse(e.get(), Dtype<T>::value, l, nullptr, 1), FL_OK) << fl_last_error();
        const double shift = 1;
        const int64_t ld = l == FL_ROW_MAJOR ? 3 : 1; // 0-by-3
        EXPECT_EQ(fl_factor_solve_shifted(e.get(), Dtype<T>::value, 1, &shift, 3, l, nullptr, ld, l, nullptr, ld, 0),
                  FL_OK)
            << fl_last_error();
    }
}

// ---- Pseudo-inverse -------------------------------------------------------------------------

// ||got - want||_1 / (||want||_1 n eps): the eigenvalues kept are at least 0.01 and at most
// 5 in magnitude, so the pseudo-inverse is well defined to about 500 eps.
double relative_error(const Ref &got, const Ref &want, double eps_t) {
    Ref diff = got;
    for (size_t k = 0; k < diff.v.size(); ++k) diff.v[k] -= want.v[k];
    return static_cast<double>(norm1(diff) / norm1(want)) / (double(got.rows) * eps_t);
}

TYPED_TEST(Eigh, PseudoInverseSolveAndInverse) {
    using T = TypeParam;
    const std::vector<long double> d = low_rank_spectrum();
    const Ref q = random_orthogonal(30, 260);
    const Ref a = q_diag_qt(q, d);
    std::vector<long double> inv_d(d.size(), 0.0L);
    for (size_t i = 0; i < d.size(); ++i) inv_d[i] = d[i] != 0 ? 1.0L / d[i] : 0.0L;
    const Ref pinv = q_diag_qt(q, inv_d); // A^+ from the construction, no SVD
    const double limit = 500.0 * kResidualThreshold;
    for (fl_layout al : kLayouts) {
        FactorPtr f = eigh_of(Matrix<T>::from_ref(a, al, 2));
        ASSERT_NE(f, nullptr);
        for (fl_layout bl : kLayouts)
            for (fl_layout xl : kLayouts)
                for (int64_t nrhs : {1, 6}) {
                    SCOPED_TRACE(std::string("A ") + layout_name(al) + " B " + layout_name(bl) + " X " +
                                 layout_name(xl) + " nrhs " + std::to_string(nrhs));
                    const Matrix<T> b = Matrix<T>::from_ref(random_ref(30, nrhs, 261 + nrhs), bl, 1);
                    Matrix<T> x(30, nrhs, xl, 2, T(-777));
                    const Matrix<T> x_before = x;
                    ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
                    EXPECT_TRUE(x.padding_equal(x_before));
                    EXPECT_LT(relative_error(x.to_ref(), multiply(pinv, b.to_ref()), eps<T>()), limit);
                    // In place gives the same.
                    Matrix<T> y = b;
                    ASSERT_EQ(fl_factor_solve(f.get(), FL_TRANS, Dtype<T>::value, nrhs, bl, y.data(), y.ld(), bl,
                                              y.data(), y.ld()),
                              FL_OK)
                        << fl_last_error();
                    EXPECT_LT(relative_error(y.to_ref(), multiply(pinv, b.to_ref()), eps<T>()), limit);
                }
        for (fl_layout il : kLayouts) {
            SCOPED_TRACE(std::string("inverse, A ") + layout_name(al) + " inv " + layout_name(il));
            Ref r;
            ASSERT_NO_FATAL_FAILURE(checked_inverse<T>(f.get(), 30, 30, il, 3, r));
            EXPECT_LT(relative_error(r, pinv, eps<T>()), limit);
            for (int64_t i = 0; i < 30; ++i)
                for (int64_t j = 0; j < i; ++j) ASSERT_EQ(r(i, j), r(j, i)) << "not symmetric at " << i << ", " << j;
        }
    }
}

// A nonsingular: the inverse residual as for LU.
TYPED_TEST(Eigh, InverseOfNonsingular) {
    using T = TypeParam;
    const Ref a = with_eigenvalues(signed_spectrum(20, 20, 0.5L, 2.0L, 270), 271);
    for (fl_layout al : kLayouts)
        for (fl_layout il : kLayouts) {
            SCOPED_TRACE(std::string("A ") + layout_name(al) + " inv " + layout_name(il));
            const Matrix<T> m = Matrix<T>::from_ref(a, al);
            FactorPtr f = eigh_of(m);
            Ref inv;
            ASSERT_NO_FATAL_FAILURE(checked_inverse<T>(f.get(), 40, 40, il, 1, inv));
            EXPECT_LT(inverse_residual(m.to_ref(), inv, eps<T>()), kResidualThreshold);
        }
}

// ---- Shifted solves ---------------------------------------------------------------------------

// X_0 .. X_{count-1} stacked in one buffer, x_stride elements apart (negative: x points at
// the last block and the blocks run backwards), each n-by-nrhs with its own padded ld.
template <class T>
struct Stacked {
    int64_t n, nrhs, count, ld, stride;
    fl_layout layout;
    std::vector<T> buffer;
    int64_t base = 0; // index of X_0 in buffer

    Stacked(int64_t n_, int64_t nrhs_, int64_t count_, fl_layout layout_, int64_t ld_pad, int64_t gap, bool backwards)
        : n(n_), nrhs(nrhs_), count(count_), layout(layout_) {
        ld = std::max<int64_t>(1, layout == FL_COL_MAJOR ? n : nrhs) + ld_pad;
        const int64_t extent = layout == FL_COL_MAJOR ? ld * (nrhs - 1) + n : ld * (n - 1) + nrhs;
        stride = extent + gap;
        buffer.assign(static_cast<size_t>(stride * count), T(-777));
        if (backwards) {
            base = stride * (count - 1);
            stride = -stride;
        }
    }
    size_t index(int64_t l, int64_t i, int64_t j) const {
        return static_cast<size_t>(base + l * stride + (layout == FL_COL_MAJOR ? i + j * ld : i * ld + j));
    }
    T *x() { return buffer.data() + base; }
    Ref block(int64_t l) const {
        Ref r(n, nrhs);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < nrhs; ++j) r(i, j) = static_cast<long double>(buffer[index(l, i, j)]);
        return r;
    }
    // Every element outside the blocks still holds the sentinel.
    bool untouched_outside() const {
        std::vector<bool> inside(buffer.size(), false);
        for (int64_t l = 0; l < count; ++l)
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < nrhs; ++j) inside[index(l, i, j)] = true;
        for (size_t k = 0; k < buffer.size(); ++k)
            if (!inside[k] && buffer[k] != T(-777)) return false;
        return true;
    }
};

// (A + lambda I) X = B: its residual, and X against an LU factor of A + lambda I.
TYPED_TEST(Eigh, SolveShiftedMatchesLuOfShiftedMatrix) {
    using T = TypeParam;
    const int64_t n = 40;
    const Ref a = with_eigenvalues(signed_spectrum(22, 18, 1.0L, 2.0L, 280), 281);
    const double shifts[] = {0.25, -0.5, 5.0}; // |w + shift| >= 0.5 for every eigenvalue
    int combo = 0;
    for (fl_layout al : kLayouts) {
        const Matrix<T> am = Matrix<T>::from_ref(a, al, 1);
        FactorPtr f = eigh_of(am);
        ASSERT_NE(f, nullptr);
        for (fl_layout bl : kLayouts)
            for (fl_layout xl : kLayouts)
                for (int64_t nrhs : {1, 5}) {
                    ++combo;
                    const int64_t gap = combo % 2 ? 0 : 7, ld_pad = combo % 3 ? 2 : 0;
                    const bool backwards = combo % 4 == 0;
                    std::ostringstream what;
                    what << "A " << layout_name(al) << " B " << layout_name(bl) << " X " << layout_name(xl)
                         << " nrhs " << nrhs << " gap " << gap << " ldpad " << ld_pad << (backwards ? " backwards" : "");
                    SCOPED_TRACE(what.str());
                    const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, nrhs, 282 + combo), bl, 1);
                    const Matrix<T> b_before = b;
                    Stacked<T> x(n, nrhs, 3, xl, ld_pad, gap, backwards);
                    ASSERT_EQ(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 3, shifts, nrhs, bl, b.data(), b.ld(),
                                                      xl, x.x(), x.ld, x.stride),
                              FL_OK)
                        << fl_last_error();
                    EXPECT_TRUE(b.bitwise_equal(b_before)) << "B was modified";
                    EXPECT_TRUE(x.untouched_outside()) << "an element outside the X_l was written";
                    for (int64_t l = 0; l < 3; ++l) {
                        SCOPED_TRACE("shift " + std::to_string(shifts[l]));
                        Ref shifted = am.to_ref();
                        for (int64_t i = 0; i < n; ++i) shifted(i, i) += static_cast<long double>(shifts[l]);
                        const Ref got = x.block(l);
                        EXPECT_LT(solve_residual(shifted, FL_NO_TRANS, got, b.to_ref(), eps<T>()), kResidualThreshold);
                        // The same system through LU.
                        const Matrix<T> sm = Matrix<T>::from_ref(shifted, FL_COL_MAJOR);
                        FactorPtr lu;
                        ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, sm), FL_OK) << fl_last_error();
                        Matrix<T> want(n, nrhs, FL_COL_MAJOR);
                        ASSERT_EQ(solve(lu.get(), FL_NO_TRANS, b, want), FL_OK) << fl_last_error();
                        // cond(A + shift I) <= 7 / 0.5.
                        EXPECT_LT(relative_error(got, want.to_ref(), eps<T>()), 14.0 * kResidualThreshold);
                    }
                }
    }
}

TYPED_TEST(Eigh, SolveShiftedNothingToDo) {
    using T = TypeParam;
    FactorPtr f = eigh_of(Matrix<T>::from_ref(random_symmetric(6, 290), FL_COL_MAJOR));
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(6, 2, 291), FL_COL_MAJOR);
    Matrix<T> x(6, 2, FL_COL_MAJOR, 0, T(-777));
    x.fill(T(-777));
    const Matrix<T> before = x;
    const double shift = 1;
    EXPECT_EQ(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 0, nullptr, 2, FL_COL_MAJOR, b.data(), b.ld(),
                                      FL_COL_MAJOR, x.data(), x.ld(), 0),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 1, &shift, 0, FL_COL_MAJOR, b.data(), b.ld(),
                                      FL_COL_MAJOR, x.data(), x.ld(), 0),
              FL_OK)
        << fl_last_error();
    EXPECT_TRUE(x.bitwise_equal(before));
}

// A shift that cancels an eigenvalue exactly: FL_ERR_SINGULAR naming both, nothing written.
TYPED_TEST(Eigh, SolveShiftedSingularShift) {
    using T = TypeParam;
    Ref d(3, 3);
    d(0, 0) = 1, d(1, 1) = 2, d(2, 2) = 3;
    FactorPtr f = eigh_of(Matrix<T>::from_ref(d, FL_ROW_MAJOR));
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(3, 2, 292), FL_COL_MAJOR);
    Stacked<T> x(3, 2, 3, FL_COL_MAJOR, 0, 0, false);
    const double shifts[] = {0.5, -2.0, 1.0};
    EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 3, shifts, 2, FL_COL_MAJOR, b.data(), b.ld(),
                                         FL_COL_MAJOR, x.x(), x.ld, x.stride),
                 FL_ERR_SINGULAR, "fl_factor_solve_shifted", "shifts[1]", "-2", "eigenvalue 2");
    for (const T v : x.buffer) EXPECT_EQ(v, T(-777)) << "an output was written";
}

// ---- Errors ---------------------------------------------------------------------------------

TYPED_TEST(Eigh, KindsWithoutTheNewQueries) {
    using T = TypeParam;
    FactorPtr lu;
    ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, Matrix<T>::from_ref(random_ref(4, 4, 300), FL_COL_MAJOR)), FL_OK);
    int64_t rank = -1, pos = -1, rows = -1, cols = -1;
    EXPECT_ERROR(fl_factor_rank(lu.get(), &rank), FL_ERR_UNSUPPORTED, "fl_factor_rank", "LU");
    EXPECT_ERROR(fl_factor_inertia(lu.get(), &pos, nullptr, nullptr), FL_ERR_UNSUPPORTED, "fl_factor_inertia");
    EXPECT_ERROR(fl_factor_part_shape(lu.get(), FL_PART_EIGENVECTORS, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "eigenvectors");
    Matrix<T> out(4, 4, FL_COL_MAJOR);
    EXPECT_ERROR(fl_factor_get_part(lu.get(), FL_PART_EIGENVECTORS, Dtype<T>::value, FL_COL_MAJOR, out.data(), out.ld()),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "eigenvectors");
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(4, 2, 301), FL_COL_MAJOR);
    Matrix<T> x(4, 2, FL_COL_MAJOR);
    const double shift = 1;
    EXPECT_ERROR(fl_factor_solve_shifted(lu.get(), Dtype<T>::value, 1, &shift, 2, FL_COL_MAJOR, b.data(), b.ld(),
                                         FL_COL_MAJOR, x.data(), x.ld(), 8),
                 FL_ERR_UNSUPPORTED, "fl_factor_solve_shifted");

    // EIGH has no SVD or QR parts.
    FactorPtr f = eigh_of(Matrix<T>::from_ref(random_symmetric(4, 302), FL_COL_MAJOR));
    EXPECT_ERROR(fl_factor_part_shape(f.get(), FL_PART_U, &rows, &cols), FL_ERR_UNSUPPORTED, "fl_factor_part_shape");
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_R, Dtype<T>::value, FL_COL_MAJOR, out.data(), out.ld()),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part");
}

TYPED_TEST(Eigh, BadArguments) {
    using T = TypeParam;
    const int64_t n = 5;
    FactorPtr f = eigh_of(Matrix<T>::from_ref(random_symmetric(n, 310), FL_COL_MAJOR));
    ASSERT_NE(f, nullptr);
    std::vector<T> out(64);
    // Leading dimensions too small for the part's shape.
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_EIGENVECTORS, Dtype<T>::value, FL_COL_MAJOR, out.data(), n - 1),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld");
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_EIGENVALUES, Dtype<T>::value, FL_COL_MAJOR, out.data(), n - 1),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld");
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_EIGENVALUES, Dtype<T>::value, FL_ROW_MAJOR, out.data(), 0),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld");
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_EIGENVALUES, Dtype<T>::value, FL_COL_MAJOR, nullptr, n),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part");
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_EIGENVALUES, Dtype<T>::other, FL_COL_MAJOR, out.data(), n),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part");

    // Non-square A.
    FactorPtr g;
    EXPECT_ERROR(make_factor(g, FL_FACTOR_EIGH, Matrix<T>(4, 3, FL_ROW_MAJOR)), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_create", "square");
    EXPECT_EQ(g, nullptr);
    // NaN in the triangle read.
    Matrix<T> bad = Matrix<T>::from_ref(random_symmetric(4, 311), FL_COL_MAJOR);
    bad(3, 0) = std::numeric_limits<T>::quiet_NaN();
    EXPECT_ERROR(make_factor(g, FL_FACTOR_EIGH, bad), FL_ERR_NON_FINITE, "fl_factor_create", "a[3, 0]");

    // Outputs of a shifted solve that overlap each other or B.
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 2, 312), FL_COL_MAJOR);
    std::vector<T> x(static_cast<size_t>(4 * n * 2));
    const double shifts[] = {1, 2, 3};
    for (int64_t stride : {int64_t{0}, int64_t{2 * n - 1}, -(2 * n - 1)}) {
        SCOPED_TRACE("x_stride " + std::to_string(stride));
        T *x0 = stride < 0 ? x.data() + 3 * n * 2 : x.data();
        EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 3, shifts, 2, FL_COL_MAJOR, b.data(), n,
                                             FL_COL_MAJOR, x0, n, stride),
                     FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "x_stride");
    }
    Matrix<T> bx = b; // X_1 would be B itself
    EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 2, shifts, 2, FL_COL_MAJOR, bx.data(), n,
                                         FL_COL_MAJOR, bx.data() - 2 * n, n, 2 * n),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "overlaps b");
    EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, 2, nullptr, 2, FL_COL_MAJOR, b.data(), n,
                                         FL_COL_MAJOR, x.data(), n, 2 * n),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "shifts");
    EXPECT_ERROR(fl_factor_solve_shifted(f.get(), Dtype<T>::value, -1, shifts, 2, FL_COL_MAJOR, b.data(), n,
                                         FL_COL_MAJOR, x.data(), n, 2 * n),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "nshifts");
}

} // namespace
} // namespace fltest
