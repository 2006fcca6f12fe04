// Parts of LU and Cholesky factors (fl_factor_get_part / fl_factor_get_indices): L, U,
// the row permutation and LAPACK's packed lu + pivots, checked by reconstruction residuals
// ||P^T A - L U|| / (||A|| n eps) in both layouts and dtypes; LDL^T's L, D and permutation
// (||P A P^T - L D L^T||); FL_OPT_ALLOW_SINGULAR; bad input.
#include <algorithm>
#include <cmath>
#include <vector>

#include "constructed_matrices.hpp"
#include "error_expect.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(LuParts);
FLTEST_TYPED_SUITE(CholeskyParts);
FLTEST_TYPED_SUITE(SingularLu);
FLTEST_TYPED_SUITE(LdltParts);

template <class T>
Ref get_part(const fl_factor *f, fl_factor_part part, fl_layout layout) {
    int64_t rows = -1, cols = -1;
    EXPECT_EQ(fl_factor_part_shape(f, part, &rows, &cols), FL_OK) << fl_last_error();
    Matrix<T> out(rows, cols, layout, /*pad=*/2);
    const Matrix<T> before = out;
    EXPECT_EQ(fl_factor_get_part(f, part, Dtype<T>::value, layout, out.data(), out.ld()), FL_OK)
        << fl_last_error();
    EXPECT_TRUE(out.padding_equal(before)) << "padding written";
    return out.to_ref();
}

std::vector<int64_t> get_indices(const fl_factor *f, fl_factor_part part) {
    int64_t rows = -1, cols = -1;
    EXPECT_EQ(fl_factor_part_shape(f, part, &rows, &cols), FL_OK) << fl_last_error();
    EXPECT_EQ(cols, 1);
    std::vector<int64_t> out(static_cast<size_t>(rows), -7);
    EXPECT_EQ(fl_factor_get_indices(f, part, out.data(), rows), FL_OK) << fl_last_error();
    return out;
}

// Whether p holds each of 0..n-1 exactly once.
bool is_permutation_of(std::vector<int64_t> p, int64_t n) {
    if (static_cast<int64_t>(p.size()) != n) return false;
    std::sort(p.begin(), p.end());
    for (int64_t i = 0; i < n; ++i)
        if (p[size_t(i)] != i) return false;
    return true;
}

// ||X - Y||_1 / (||A||_1 n eps), the LAPACK-style reconstruction residual.
template <class T>
double scaled_difference(const Ref &x, const Ref &y, const Ref &a) {
    return ratio(norm1(subtract(x, y)), norm1(a) * std::max<int64_t>(a.rows, 1) * eps<T>());
}

// Checks L, U, the permutation, the packed form and the pivots of LU(a) in every layout.
template <class T>
void check_lu_parts(const Ref &exact, const fl_options *options = nullptr) {
    const Ref a = rounded<T>(exact);
    const int64_t n = a.rows;
    for (fl_layout al : kLayouts) {
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, al), options), FL_OK)
            << fl_last_error();
        const std::vector<int64_t> perm = get_indices(f.get(), FL_PART_ROW_PERMUTATION);
        const std::vector<int64_t> piv = get_indices(f.get(), FL_PART_PIVOTS);
        ASSERT_EQ(static_cast<int64_t>(perm.size()), n);
        ASSERT_EQ(static_cast<int64_t>(piv.size()), n);
        // p is a permutation, and replaying the 1-based pivots on 0..n-1 gives it.
        ASSERT_TRUE(pivots_give_permutation(piv, perm));
        Ref pa(n, n);  // P^T A: row i is row perm[i] of A
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < n; ++j) pa(i, j) = a(perm[size_t(i)], j);
        for (fl_layout pl : kLayouts) {
            SCOPED_TRACE(std::string("A ") + layout_name(al) + ", parts " + layout_name(pl));
            const Ref l = get_part<T>(f.get(), FL_PART_LOWER, pl);
            const Ref u = get_part<T>(f.get(), FL_PART_UPPER, pl);
            const Ref packed = get_part<T>(f.get(), FL_PART_LU_PACKED, pl);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    if (i < j) {
                        EXPECT_EQ(l(i, j), 0.0L);
                    }
                    if (i == j) {
                        EXPECT_EQ(l(i, j), 1.0L);
                    }
                    if (i > j) {
                        EXPECT_EQ(u(i, j), 0.0L);
                        EXPECT_LE(std::fabs(static_cast<double>(l(i, j))),
                                  1.0);  // partial pivoting
                    }
                    EXPECT_EQ(packed(i, j), i > j ? l(i, j) : u(i, j));  // getrf's in-place form
                }
            EXPECT_LT(scaled_difference<T>(multiply(l, u), pa, a), 30.0);
        }
    }
}

TYPED_TEST(LuParts, Empty) { check_lu_parts<TypeParam>(Ref(0, 0)); }

TYPED_TEST(LuParts, OneByOne) {
    Ref a(1, 1);
    a(0, 0) = -2.5L;
    check_lu_parts<TypeParam>(a);
}

TYPED_TEST(LuParts, Random) {
    for (int64_t n : {2, 7, 60}) check_lu_parts<TypeParam>(random_ref(n, n, 40 + uint64_t(n)));
}

TYPED_TEST(LuParts, IllConditionedHilbert) { check_lu_parts<TypeParam>(hilbert_ref(9)); }

// The factorization is of A, in either layout: the same parts from both, to rounding
// (both are getrf of the same column-major copy of A).
TYPED_TEST(LuParts, BothLayoutsFactorTheSameA) {
    using T = TypeParam;
    const Ref a = rounded<T>(random_ref(12, 12, 3));
    FactorPtr row, col;
    ASSERT_EQ(make_factor(row, FL_FACTOR_LU, Matrix<T>::from_ref(a, FL_ROW_MAJOR)), FL_OK);
    ASSERT_EQ(make_factor(col, FL_FACTOR_LU, Matrix<T>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    EXPECT_EQ(get_indices(row.get(), FL_PART_PIVOTS), get_indices(col.get(), FL_PART_PIVOTS));
    const Ref r = get_part<T>(row.get(), FL_PART_LU_PACKED, FL_COL_MAJOR);
    const Ref c = get_part<T>(col.get(), FL_PART_LU_PACKED, FL_COL_MAJOR);
    EXPECT_EQ(r.v, c.v);
}

// The pivot an error names is U[k, k] of A, whichever layout A came in: column 3 of A is
// zero, so getrf of A stops at U[3, 3] (of A^T it would stop elsewhere).
TYPED_TEST(LuParts, SingularErrorNamesThePivotOfA) {
    using T = TypeParam;
    Ref a = random_ref(5, 5, 8);
    for (int64_t i = 0; i < 5; ++i) a(i, 2) = 0.0L;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, l)), FL_ERR_SINGULAR,
                     "fl_factor_create", "U[3, 3]");
    }
}

// FL_OPT_OVERWRITE_A on a row-major A: the factor transposes A where it lies, so the
// factorization is still that of A (the same pivots and packed lu as a column-major copy's).
TYPED_TEST(LuParts, OverwrittenRowMajorAIsFactoredAsA) {
    using T = TypeParam;
    const Ref a = rounded<T>(random_ref(9, 9, 12));
    OptionsPtr o = make_options(1, FL_LOWER);
    ASSERT_EQ(fl_options_set_int(o.get(), FL_OPT_OVERWRITE_A, 1), FL_OK);
    Matrix<T> mine = Matrix<T>::from_ref(a, FL_ROW_MAJOR);
    FactorPtr over, copy;
    ASSERT_EQ(make_factor(over, FL_FACTOR_LU, mine, o.get()), FL_OK) << fl_last_error();
    ASSERT_EQ(make_factor(copy, FL_FACTOR_LU, Matrix<T>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    int64_t overwrites = -1;
    ASSERT_EQ(fl_factor_get_info(over.get(), FL_INFO_OVERWRITES_A, &overwrites), FL_OK);
    EXPECT_EQ(overwrites, 1);
    EXPECT_EQ(get_indices(over.get(), FL_PART_PIVOTS), get_indices(copy.get(), FL_PART_PIVOTS));
    EXPECT_EQ(get_part<T>(over.get(), FL_PART_LU_PACKED, FL_ROW_MAJOR).v,
              get_part<T>(copy.get(), FL_PART_LU_PACKED, FL_ROW_MAJOR).v);
}

// A saved LU comes back with the same parts; a singular one (FL_OPT_ALLOW_SINGULAR) still
// refuses solves naming its zero pivot.
TYPED_TEST(LuParts, SurviveSaveAndLoad) {
    using T = TypeParam;
    Ref a = random_ref(6, 6, 13);
    for (int64_t i = 0; i < 6; ++i) a(i, 4) = 0.0L;  // U[5, 5] is exactly zero
    OptionsPtr o = make_options(1, FL_LOWER);
    ASSERT_EQ(fl_options_set_int(o.get(), FL_OPT_ALLOW_SINGULAR, 1), FL_OK);
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, l), o.get()), FL_OK);
        int64_t size = 0;
        ASSERT_EQ(fl_factor_serialized_size(f.get(), &size), FL_OK) << fl_last_error();
        std::vector<unsigned char> bytes(static_cast<size_t>(size));
        ASSERT_EQ(fl_factor_serialize(f.get(), bytes.data(), size), FL_OK) << fl_last_error();
        fl_factor *raw = nullptr;
        ASSERT_EQ(fl_factor_deserialize(&raw, bytes.data(), size), FL_OK) << fl_last_error();
        FactorPtr g(raw);
        EXPECT_EQ(get_indices(g.get(), FL_PART_ROW_PERMUTATION),
                  get_indices(f.get(), FL_PART_ROW_PERMUTATION));
        EXPECT_EQ(get_part<T>(g.get(), FL_PART_LU_PACKED, l).v,
                  get_part<T>(f.get(), FL_PART_LU_PACKED, l).v);
        Matrix<T> b(6, 1, l), x(6, 1, l);
        EXPECT_ERROR(solve<T>(g.get(), FL_NO_TRANS, b, x), FL_ERR_SINGULAR, "fl_factor_solve",
                     "U[5, 5]");
    }
}

template <class T>
void check_cholesky_parts(const Ref &exact) {
    const Ref a = rounded<T>(exact);
    for (fl_layout al : kLayouts)
        for (fl_triangle tri : kTriangles) {
            OptionsPtr opts = make_options(1, tri);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(a, al), opts.get()),
                      FL_OK)
                << fl_last_error();
            for (fl_layout pl : kLayouts) {
                SCOPED_TRACE(std::string("A ") + layout_name(al) + " " + triangle_name(tri) +
                             ", parts " + layout_name(pl));
                const Ref l = get_part<T>(f.get(), FL_PART_LOWER, pl);
                const Ref u = get_part<T>(f.get(), FL_PART_UPPER, pl);
                EXPECT_EQ(u.v, transpose(l).v);
                for (int64_t i = 0; i < a.rows; ++i)
                    for (int64_t j = i + 1; j < a.rows; ++j) {
                        EXPECT_EQ(l(i, j), 0.0L);
                    }
                for (int64_t i = 0; i < a.rows; ++i) EXPECT_GT(l(i, i), 0.0L);
                EXPECT_LT(scaled_difference<T>(multiply(l, u), a, a), 30.0);
            }
        }
}

TYPED_TEST(CholeskyParts, EmptyOneByOneAndRandom) {
    check_cholesky_parts<TypeParam>(Ref(0, 0));
    Ref one(1, 1);
    one(0, 0) = 4.0L;
    check_cholesky_parts<TypeParam>(one);
    check_cholesky_parts<TypeParam>(spd_ref(40, 5));
}

TYPED_TEST(CholeskyParts, IllConditionedHilbert) {
    check_cholesky_parts<TypeParam>(hilbert_ref(6));
}

// The factor of an updated Cholesky (always a stored L) has the same parts as a fresh one.
TYPED_TEST(CholeskyParts, AfterRankUpdate) {
    using T = TypeParam;
    const Ref a = rounded<T>(spd_ref(10, 6));
    const Ref v = rounded<T>(random_ref(10, 2, 7));
    FactorPtr f, g;
    ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(a, FL_ROW_MAJOR),
                          make_options(1, FL_UPPER).get()),
              FL_OK);
    const Matrix<T> vm = Matrix<T>::from_ref(v, FL_COL_MAJOR);
    fl_factor *raw = nullptr;
    ASSERT_EQ(fl_factor_rank_update(&raw, f.get(), +1, Dtype<T>::value, 2, FL_COL_MAJOR, vm.data(),
                                    vm.ld()),
              FL_OK)
        << fl_last_error();
    g.reset(raw);
    const Ref updated = [&] {
        Ref r = a;
        const Ref vvt = multiply(v, transpose(v));
        for (size_t k = 0; k < r.v.size(); ++k) r.v[k] += vvt.v[k];
        return r;
    }();
    const Ref l = get_part<T>(g.get(), FL_PART_LOWER, FL_ROW_MAJOR);
    EXPECT_LT(scaled_difference<T>(multiply(l, transpose(l)), updated, updated), 30.0);
}

OptionsPtr allow_singular() {
    OptionsPtr o = make_options(1, FL_LOWER);
    EXPECT_EQ(fl_options_set_int(o.get(), FL_OPT_ALLOW_SINGULAR, 1), FL_OK) << fl_last_error();
    return o;
}

// Rank 2 of 4: rows 3 and 4 are sums of the first two.
Ref rank_deficient() {
    Ref a = random_ref(4, 4, 9);
    for (int64_t j = 0; j < 4; ++j) {
        a(2, j) = a(0, j) + a(1, j);
        a(3, j) = a(0, j) - a(1, j);
    }
    return a;
}

TYPED_TEST(SingularLu, KeptUnderTheOption) {
    using T = TypeParam;
    Ref a(3, 3);  // exactly singular, zero pivot at U[3, 3] of A in both layouts
    a(0, 0) = 2;
    a(0, 1) = 1;
    a(1, 1) = 3;
    a(2, 0) = 4;
    a(2, 1) = 2;
    OptionsPtr opts = allow_singular();
    check_lu_parts<T>(a, opts.get());
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, l), opts.get()), FL_OK)
            << fl_last_error();
        double sign = 5, logabs = 5, rc = 5;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK) << fl_last_error();
        EXPECT_EQ(sign, 0.0);
        EXPECT_EQ(logabs, -INFINITY);
        ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK) << fl_last_error();
        EXPECT_EQ(rc, 0.0);
        Matrix<T> b(3, 1, l), x(3, 1, l), inv(3, 3, l);
        EXPECT_ERROR(solve<T>(f.get(), FL_NO_TRANS, b, x), FL_ERR_SINGULAR, "fl_factor_solve",
                     "U[3, 3]");
        EXPECT_ERROR(solve<T>(f.get(), FL_TRANS, b, x), FL_ERR_SINGULAR, "fl_factor_solve",
                     "U[3, 3]");
        EXPECT_ERROR(fl_factor_inverse(f.get(), Dtype<T>::value, l, inv.data(), inv.ld()),
                     FL_ERR_SINGULAR, "fl_factor_inverse", "U[3, 3]");
        // The default stays an error.
        FactorPtr g;
        EXPECT_ERROR(make_factor(g, FL_FACTOR_LU, Matrix<T>::from_ref(a, l)), FL_ERR_SINGULAR,
                     "fl_factor_create", "U[3, 3]");
    }
    check_lu_parts<T>(rank_deficient(), opts.get());
    check_lu_parts<T>(Ref(5, 5), opts.get());  // all zeros: L = I, U = 0
}

// A nonsingular matrix is unaffected by the option.
TYPED_TEST(SingularLu, NonsingularUnaffected) {
    using T = TypeParam;
    const Ref a = rounded<T>(random_ref(6, 6, 10));
    FactorPtr f;
    ASSERT_EQ(
        make_factor(f, FL_FACTOR_LU, Matrix<T>::from_ref(a, FL_ROW_MAJOR), allow_singular().get()),
        FL_OK);
    double sign = 0, logabs = 0;
    ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabs), FL_OK);
    const LogDet want = ref_logdet(a);
    EXPECT_EQ(sign, want.sign);
    EXPECT_NEAR(logabs, static_cast<double>(want.logabs), logdet_tol<T>());
}

// P A P^T = L D L^T for LDL^T(a) read from the lower triangle, P A P^T = U D U^T from the
// upper one (scipy.linalg.ldl's lower=False), in either layout (both stored triangles of
// sytrf): L unit lower (U unit upper) triangular, D symmetric with 1-by-1 and 2-by-2 blocks,
// p a permutation; the other form's triangular factor is refused.
template <class T>
void check_ldlt_parts(const Ref &exact) {
    const Ref a = rounded<T>(exact);
    const int64_t n = a.rows;
    for (fl_layout al : kLayouts)
        for (fl_triangle tri : kTriangles) {
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_LDLT, one_triangle<T>(a, tri, al, 1),
                                  make_options(1, tri).get()),
                      FL_OK)
                << fl_last_error();
            const std::vector<int64_t> p = get_indices(f.get(), FL_PART_ROW_PERMUTATION);
            ASSERT_TRUE(is_permutation_of(p, n));
            Ref pap(n, n);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < n; ++j) pap(i, j) = a(p[size_t(i)], p[size_t(j)]);
            for (fl_layout pl : kLayouts) {
                SCOPED_TRACE(std::string("A ") + layout_name(al) + " " + triangle_name(tri) +
                             ", parts " + layout_name(pl));
                const bool lower = tri == FL_LOWER;
                const Ref l = get_part<T>(f.get(), lower ? FL_PART_LOWER : FL_PART_UPPER, pl);
                const Ref d = get_part<T>(f.get(), FL_PART_BLOCK_DIAGONAL, pl);
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < n; ++j) {
                        if (lower ? i <= j : i >= j) {
                            EXPECT_EQ(l(i, j), i == j ? 1.0L : 0.0L);
                        }
                        EXPECT_EQ(d(i, j), d(j, i));
                        if (i > j + 1) {
                            EXPECT_EQ(d(i, j), 0.0L);
                        }
                    }
                for (int64_t i = 0; i + 1 < n; ++i)  // a 2-by-2 block couples no more rows
                    if (d(i + 1, i) != 0.0L) {
                        EXPECT_EQ(lower ? l(i + 1, i) : l(i, i + 1), 0.0L);
                        if (i + 2 < n) {
                            EXPECT_EQ(d(i + 2, i + 1), 0.0L);
                        }
                    }
                EXPECT_LT(scaled_difference<T>(multiply(multiply(l, d), transpose(l)), pap, a),
                          30.0);
            }
            int64_t rows = 0, cols = 0;
            EXPECT_ERROR(
                fl_factor_part_shape(f.get(), tri == FL_LOWER ? FL_PART_UPPER : FL_PART_LOWER,
                                     &rows, &cols),
                FL_ERR_UNSUPPORTED, "fl_factor_part_shape",
                tri == FL_LOWER ? "FL_PART_LOWER" : "FL_PART_UPPER");
        }
}

TYPED_TEST(LdltParts, EmptyAndOneByOne) {
    check_ldlt_parts<TypeParam>(Ref(0, 0));
    Ref a(1, 1);
    a(0, 0) = -3.0L;
    check_ldlt_parts<TypeParam>(a);
}

TYPED_TEST(LdltParts, Indefinite) {
    for (int64_t n : {2, 5, 17, 70})
        check_ldlt_parts<TypeParam>(random_symmetric(n, 60 + uint64_t(n)));
}

// A zero diagonal leaves Bunch-Kaufman no 1-by-1 pivot to take: 2-by-2 blocks throughout.
TYPED_TEST(LdltParts, TwoByTwoBlocks) {
    for (int64_t n : {2, 6, 41}) {
        Ref a = random_symmetric(n, 80 + uint64_t(n));
        for (int64_t i = 0; i < n; ++i) a(i, i) = 0.0L;
        check_ldlt_parts<TypeParam>(a);
    }
}

TYPED_TEST(LdltParts, IllConditionedHilbert) { check_ldlt_parts<TypeParam>(hilbert_ref(9)); }

// QR's raw form: the reflectors and tau rebuild Q = H_1 ... H_n (H_j = I - tau_j v_j v_j^T,
// formed here in long double), and Q [R; 0] is A; R is the reflectors' upper triangle.
template <class T>
void check_qr_raw(const Ref &exact) {
    const Ref a = rounded<T>(exact);
    const int64_t m = a.rows, n = a.cols;
    for (fl_layout al : kLayouts) {
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, al)), FL_OK)
            << fl_last_error();
        for (fl_layout pl : kLayouts) {
            SCOPED_TRACE(std::string("A ") + layout_name(al) + ", parts " + layout_name(pl));
            const Ref v = get_part<T>(f.get(), FL_PART_REFLECTORS, pl);
            const Ref tau = get_part<T>(f.get(), FL_PART_TAU, pl);
            const Ref r = get_part<T>(f.get(), FL_PART_R, pl);
            ASSERT_EQ(tau.rows, n);
            Ref qr(m, n);  // Q [R; 0], applying H_n first
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    EXPECT_EQ(r(i, j), i <= j ? v(i, j) : 0.0L);
                    qr(i, j) = r(i, j);
                }
            for (int64_t k = n - 1; k >= 0; --k)
                for (int64_t j = 0; j < n; ++j) {
                    long double dot = qr(k, j);  // v_k^T x, v_k = [0..0, 1, v(k+1:m, k)]
                    for (int64_t i = k + 1; i < m; ++i) dot += v(i, k) * qr(i, j);
                    qr(k, j) -= tau(k, 0) * dot;
                    for (int64_t i = k + 1; i < m; ++i) qr(i, j) -= tau(k, 0) * dot * v(i, k);
                }
            EXPECT_LT(scaled_difference<T>(qr, a, a), 30.0);
        }
    }
}

TYPED_TEST(LuParts, QrRawFormRebuildsA) {
    check_qr_raw<TypeParam>(Ref(0, 0));
    check_qr_raw<TypeParam>(random_ref(1, 1, 5));
    check_qr_raw<TypeParam>(random_ref(9, 9, 6));
    check_qr_raw<TypeParam>(random_ref(40, 13, 7));
    check_qr_raw<TypeParam>(hilbert_ref(8));
}

// COD's pivoted QR: R is upper trapezoidal with non-increasing |R_ii|, p a permutation,
// and Q [R; 0] (Q applied by fl_factor_apply_q) is A[:, p], also when the rank is deficient
// and R's leading rows are rebuilt from T and Z.
template <class T>
void check_cod_parts(const Ref &exact) {
    const Ref a = rounded<T>(exact);
    const int64_t m = a.rows, n = a.cols, k = std::min(m, n);
    for (fl_layout al : kLayouts) {
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(a, al)), FL_OK)
            << fl_last_error();
        const std::vector<int64_t> p = get_indices(f.get(), FL_PART_COLUMN_PERMUTATION);
        ASSERT_TRUE(is_permutation_of(p, n));
        Ref ap(m, n);
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j) ap(i, j) = a(i, p[size_t(j)]);
        for (fl_layout pl : kLayouts) {
            SCOPED_TRACE(std::string("A ") + layout_name(al) + ", parts " + layout_name(pl));
            const Ref r = get_part<T>(f.get(), FL_PART_R, pl);
            ASSERT_EQ(r.rows, k);
            Ref padded(m, n);  // [R; 0]
            for (int64_t i = 0; i < k; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    if (j < i) {
                        EXPECT_EQ(r(i, j), 0.0L);
                    }
                    padded(i, j) = r(i, j);
                }
            Matrix<T> c = Matrix<T>::from_ref(padded, pl);
            ASSERT_EQ(
                fl_factor_apply_q(f.get(), FL_NO_TRANS, Dtype<T>::value, n, pl, c.data(), c.ld()),
                FL_OK)
                << fl_last_error();
            EXPECT_LT(scaled_difference<T>(c.to_ref(), ap, a), 30.0);
        }
    }
}

TYPED_TEST(LuParts, CodPivotedQrRebuildsA) {
    check_cod_parts<TypeParam>(Ref(0, 0));
    check_cod_parts<TypeParam>(random_ref(1, 1, 21));
    check_cod_parts<TypeParam>(random_ref(30, 9, 22));
    check_cod_parts<TypeParam>(random_ref(6, 10, 23));
    check_cod_parts<TypeParam>(rank_deficient());
    check_cod_parts<TypeParam>(Ref(3, 5));  // rank 0
}

// A mixed-precision LU gives the float64 factor's parts (falling back for them), and an
// RFP Cholesky unpacks its L and U = L^T from the packed triangle.
TEST(PartsOfStoredVariants, MixedPrecisionLuAndRfpCholesky) {
    const Ref a = random_ref(20, 20, 31);
    const Ref spd = spd_ref(20, 32);
    OptionsPtr mixed = make_options(1, FL_LOWER);
    ASSERT_EQ(fl_options_set_int(mixed.get(), FL_OPT_PRECISION, FL_PRECISION_MIXED), FL_OK);
    for (fl_layout al : kLayouts)
        for (fl_triangle tri : kTriangles) {
            SCOPED_TRACE(std::string(layout_name(al)) + " " + triangle_name(tri));
            FactorPtr lu, native, rfp;
            ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, Matrix<double>::from_ref(a, al), mixed.get()),
                      FL_OK);
            ASSERT_EQ(make_factor(native, FL_FACTOR_LU, Matrix<double>::from_ref(a, al)), FL_OK);
            EXPECT_EQ(get_part<double>(lu.get(), FL_PART_LU_PACKED, al).v,
                      get_part<double>(native.get(), FL_PART_LU_PACKED, al).v);
            EXPECT_EQ(get_indices(lu.get(), FL_PART_PIVOTS),
                      get_indices(native.get(), FL_PART_PIVOTS));
            OptionsPtr packed = make_options(1, tri);
            ASSERT_EQ(fl_options_set_int(packed.get(), FL_OPT_STORAGE, FL_STORAGE_RFP), FL_OK);
            ASSERT_EQ(make_factor(rfp, FL_FACTOR_CHOLESKY, Matrix<double>::from_ref(spd, al),
                                  packed.get()),
                      FL_OK);
            const Ref l = get_part<double>(rfp.get(), FL_PART_LOWER, al);
            EXPECT_EQ(get_part<double>(rfp.get(), FL_PART_UPPER, al).v, transpose(l).v);
            EXPECT_LT(scaled_difference<double>(multiply(l, transpose(l)), spd, spd), 30.0);
        }
}

TEST(PartsErrors, BadInput) {
    const Ref a = spd_ref(3, 1);
    FactorPtr lu, chol, svd;
    ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    ASSERT_EQ(make_factor(chol, FL_FACTOR_CHOLESKY, Matrix<double>::from_ref(a, FL_COL_MAJOR)),
              FL_OK);
    ASSERT_EQ(make_factor(svd, FL_FACTOR_SVD, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    int64_t idx[3], rows, cols;
    double out[9];
    float outf[9];
    EXPECT_ERROR(fl_factor_get_indices(nullptr, FL_PART_PIVOTS, idx, 3), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_get_indices", "factor");
    EXPECT_ERROR(fl_factor_get_indices(lu.get(), FL_PART_PIVOTS, nullptr, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_indices", "out");
    EXPECT_ERROR(fl_factor_get_indices(lu.get(), FL_PART_PIVOTS, idx, 2), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_get_indices", "count = 2", "3");
    EXPECT_ERROR(fl_factor_get_indices(lu.get(), FL_PART_LOWER, idx, 3), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_get_indices", "part = 8", "fl_factor_get_part");
    EXPECT_ERROR(fl_factor_get_indices(lu.get(), static_cast<fl_factor_part>(99), idx, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_indices", "part = 99");
    EXPECT_ERROR(fl_factor_get_indices(chol.get(), FL_PART_ROW_PERMUTATION, idx, 3),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_indices", "Cholesky", "row permutation");
    EXPECT_ERROR(fl_factor_get_part(lu.get(), FL_PART_PIVOTS, FL_FLOAT64, FL_COL_MAJOR, out, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "part = 12",
                 "fl_factor_get_indices");
    EXPECT_ERROR(fl_factor_get_part(lu.get(), FL_PART_LOWER, FL_FLOAT32, FL_COL_MAJOR, outf, 3),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part");
    EXPECT_ERROR(fl_factor_get_part(lu.get(), FL_PART_UPPER, FL_FLOAT64, FL_COL_MAJOR, out, 2),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld");
    EXPECT_ERROR(
        fl_factor_get_part(lu.get(), FL_PART_LU_PACKED, FL_FLOAT64, FL_COL_MAJOR, nullptr, 3),
        FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "out");
    EXPECT_ERROR(
        fl_factor_get_part(chol.get(), FL_PART_LU_PACKED, FL_FLOAT64, FL_COL_MAJOR, out, 3),
        FL_ERR_UNSUPPORTED, "fl_factor_get_part", "packed LU");
    EXPECT_ERROR(fl_factor_part_shape(svd.get(), FL_PART_LOWER, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "SVD", "lower triangular");
    EXPECT_ERROR(fl_factor_part_shape(lu.get(), FL_PART_Q, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "LU", "Q");
    // The parts of LDL^T, QR and COD: each refused by the kinds without it, an index part
    // refused as a matrix.
    EXPECT_ERROR(fl_factor_part_shape(lu.get(), FL_PART_BLOCK_DIAGONAL, &rows, &cols),
                 FL_ERR_UNSUPPORTED, "fl_factor_part_shape", "LU", "block diagonal");
    EXPECT_ERROR(
        fl_factor_get_part(chol.get(), FL_PART_REFLECTORS, FL_FLOAT64, FL_COL_MAJOR, out, 3),
        FL_ERR_UNSUPPORTED, "fl_factor_get_part", "Cholesky", "Householder");
    EXPECT_ERROR(fl_factor_get_part(svd.get(), FL_PART_TAU, FL_FLOAT64, FL_COL_MAJOR, out, 3),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "SVD", "tau");
    EXPECT_ERROR(fl_factor_get_indices(lu.get(), FL_PART_COLUMN_PERMUTATION, idx, 3),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_indices", "LU", "column permutation");
    FactorPtr ldlt, cod;
    ASSERT_EQ(make_factor(ldlt, FL_FACTOR_LDLT, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    ASSERT_EQ(make_factor(cod, FL_FACTOR_COD, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    EXPECT_ERROR(fl_factor_part_shape(ldlt.get(), FL_PART_UPPER, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "LDL^T", "lower triangle", "FL_PART_LOWER");
    EXPECT_ERROR(fl_factor_get_indices(ldlt.get(), FL_PART_PIVOTS, idx, 3), FL_ERR_UNSUPPORTED,
                 "fl_factor_get_indices", "LDL^T", "pivots");
    EXPECT_ERROR(fl_factor_get_indices(ldlt.get(), FL_PART_ROW_PERMUTATION, idx, 2),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_indices", "count = 2", "3");
    EXPECT_ERROR(
        fl_factor_get_part(ldlt.get(), FL_PART_BLOCK_DIAGONAL, FL_FLOAT64, FL_ROW_MAJOR, out, 2),
        FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld");
    EXPECT_ERROR(
        fl_factor_get_part(cod.get(), FL_PART_COLUMN_PERMUTATION, FL_FLOAT64, FL_COL_MAJOR, out, 3),
        FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "part = 16", "fl_factor_get_indices");
    EXPECT_ERROR(fl_factor_get_part(cod.get(), FL_PART_R, FL_FLOAT32, FL_COL_MAJOR, outf, 3),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_get_part");
    EXPECT_ERROR(fl_factor_part_shape(cod.get(), FL_PART_TAU, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "COD", "tau");
    // The option's values and type.
    OptionsPtr o = make_options(1, FL_LOWER);
    int64_t v = -1;
    double d = 0;
    EXPECT_ERROR(fl_options_get_int(o.get(), FL_OPT_ALLOW_SINGULAR, &v), FL_OK, "");
    EXPECT_EQ(v, 0);
    EXPECT_ERROR(fl_options_set_int(o.get(), FL_OPT_ALLOW_SINGULAR, 2), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_set_int", "FL_OPT_ALLOW_SINGULAR", "2");
    EXPECT_ERROR(fl_options_set_real(o.get(), FL_OPT_ALLOW_SINGULAR, 1.0), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_set_real", "FL_OPT_ALLOW_SINGULAR", "fl_options_set_int");
    EXPECT_ERROR(fl_options_get_real(o.get(), FL_OPT_ALLOW_SINGULAR, &d), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_get_real", "FL_OPT_ALLOW_SINGULAR");
}

}  // namespace
}  // namespace fltest
