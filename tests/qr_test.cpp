// QR (geqrf): least-squares and minimum-norm solves in every layout combination, the
// parts Q and R, apply_q, residual norms, the pseudo-inverse, rcond, exact rank
// deficiency and bad input. Accuracy is judged by the scaled ratios of
// least_squares_check.hpp and LAPACK's xQRT01-style ||Q^T Q - I|| and ||A - Q R||.
#include "error_expect.hpp"
#include "least_squares_check.hpp"

#include <thread>

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(Qr);

TYPED_TEST(Qr, TallRandomLeastSquaresAndMinimumNorm) {
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(40, 15, 101), {1, 5}, 7);
}

TYPED_TEST(Qr, TallThinAndSingleColumn) {
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(300, 3, 102), {2}, 8);
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(50, 1, 103), {1, 3}, 9);
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(1, 1, 104), {1}, 10);
}

// Past the serial cut-offs (m n^2 > 400^3 for the factorization, m n nrhs > 2^18 for the
// solves), so the BLAS runs threaded.
TYPED_TEST(Qr, LargeEnoughToThread) {
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(1200, 240, 105), {12}, 11);
}

// A tall A keeps the explicit thin Q_1 (m >= 2 n) and solves with GEMMs; a less tall one
// applies the reflectors. Both sides of that line, and many b's, solve alike.
TYPED_TEST(Qr, BothSidesOfTheThinQLine) {
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(39, 20, 106), {1, 4}, 13);
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(40, 20, 107), {1, 4}, 14);
    check_least_squares<TypeParam>(FL_FACTOR_QR, full_rank_problem<TypeParam>(90, 12, 108), {37}, 15);
}

// A b in the range of A (b = A x) has a residual of rounding size, on both sides of the
// thin-Q line: the norms are O(eps ||b||), not sqrt(eps) (no cancellation of squares).
TYPED_TEST(Qr, ResidualNormsOfConsistentSystems) {
    using T = TypeParam;
    for (auto [m, n] : {std::pair<int64_t, int64_t>{39, 20}, {60, 9}}) {
        const Ref a = rounded<T>(random_ref(m, n, 27));
        const Ref b = multiply(a, rounded<T>(random_ref(n, 3, 28)));
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " " + layout_name(l));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, l)), FL_OK) << fl_last_error();
            const Matrix<T> bm = Matrix<T>::from_ref(rounded<T>(b), l, 1);
            std::vector<T> norms(3, T(-1));
            ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, 3, l, bm.data(), bm.ld(), norms.data()),
                      FL_OK)
                << fl_last_error();
            for (int64_t j = 0; j < 3; ++j) {
                EXPECT_GE(norms[size_t(j)], T(0));
                EXPECT_LT(ratio(norms[size_t(j)], column_norm2(b, j) * m * eps<T>()), kResidualThreshold);
            }
        }
    }
}

// A handle forms its thin Q_1 lazily, after a few reflector solves with one b (at this
// size, the ninth query: the three references below use the reflectors, and the threads
// race to form Q_1): every solve before and after, least squares and minimum norm, in either layout,
// and the residual norms, agree with the first solve's to rounding. Threads share one
// handle while Q_1 is formed.
TYPED_TEST(Qr, SolvesAgreeBeforeAndAfterThinQIsFormed) {
    using T = TypeParam;
    const int64_t m = 600, n = 150;
    const Ref a = rounded<T>(random_ref(m, n, 29));
    const Ref b = rounded<T>(random_ref(m, 1, 30));
    const Ref c = rounded<T>(random_ref(n, 1, 31));
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, l)), FL_OK) << fl_last_error();
        const Matrix<T> bm = Matrix<T>::from_ref(b, l, 1), cm = Matrix<T>::from_ref(c, l, 1);
        Matrix<T> x0(n, 1, l), y0(m, 1, l);
        T r0 = T(-1);
        ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, 1, l, bm.data(), bm.ld(), &r0), FL_OK);
        ASSERT_EQ(solve(f.get(), FL_NO_TRANS, bm, x0), FL_OK) << fl_last_error();
        ASSERT_EQ(solve(f.get(), FL_TRANS, cm, y0), FL_OK) << fl_last_error();
        const long double tol = 1000 * m * eps<T>();
        std::vector<std::thread> threads;
        std::vector<int> failures(4, 0);
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 8; ++i) {
                    Matrix<T> x(n, 1, l), y(m, 1, l);
                    T r = T(-1);
                    if (solve(f.get(), FL_NO_TRANS, bm, x) != FL_OK || solve(f.get(), FL_TRANS, cm, y) != FL_OK ||
                        fl_factor_residual_norms(f.get(), Dtype<T>::value, 1, l, bm.data(), bm.ld(), &r) != FL_OK)
                        ++failures[size_t(t)];
                    else if (norm1(subtract(x.to_ref(), x0.to_ref())) > tol * norm1(x0.to_ref()) ||
                             norm1(subtract(y.to_ref(), y0.to_ref())) > tol * norm1(y0.to_ref()) ||
                             std::fabs((long double)r - (long double)r0) > tol * r0)
                        ++failures[size_t(t)];
                }
            });
        for (std::thread &th : threads) th.join();
        for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[size_t(t)], 0) << "thread " << t;
    }
}

// A square A: QR solves exactly and agrees with LU.
TYPED_TEST(Qr, SquareAgreesWithLu) {
    using T = TypeParam;
    const int64_t n = 20;
    const Problem p = full_rank_problem<T>(n, n, 106);
    check_least_squares<T>(FL_FACTOR_QR, p, {3}, 12);
    const long double kappa = norm1(p.a) * norm1(reference_pinv(p));
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        const Matrix<T> am = Matrix<T>::from_ref(p.a, l, 1);
        FactorPtr qr, lu;
        ASSERT_EQ(make_factor(qr, FL_FACTOR_QR, am), FL_OK) << fl_last_error();
        ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, am), FL_OK) << fl_last_error();
        for (fl_transpose tr : kTransposes) {
            const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 4, 13), l);
            Matrix<T> xq(n, 4, l), xl(n, 4, l);
            ASSERT_EQ(solve(qr.get(), tr, b, xq), FL_OK) << fl_last_error();
            ASSERT_EQ(solve(lu.get(), tr, b, xl), FL_OK) << fl_last_error();
            const Ref d = subtract(xq.to_ref(), xl.to_ref());
            EXPECT_LT(ratio(norm1(d), norm1(xl.to_ref()) * kappa * n * eps<T>()), kResidualThreshold);
            // In place (x == b) is allowed for a square QR, as for the square kinds.
            Matrix<T> inplace = b;
            ASSERT_EQ(fl_factor_solve(qr.get(), tr, Dtype<T>::value, 4, l, inplace.data(), inplace.ld(), l,
                                      inplace.data(), inplace.ld()),
                      FL_OK)
                << fl_last_error();
            EXPECT_LT(ratio(norm1(subtract(inplace.to_ref(), xq.to_ref())), norm1(xq.to_ref()) * n * eps<T>()),
                      kResidualThreshold);
        }
    }
}

TYPED_TEST(Qr, EmptyMatrices) {
    using T = TypeParam;
    for (int64_t m : {0, 7})
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(m) + "x0 " + layout_name(l));
            const Matrix<T> a(m, 0, l);
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_QR, a), FL_OK) << fl_last_error();
            double rc = -1;
            ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
            EXPECT_EQ(rc, 1.0);
            const Matrix<T> b = Matrix<T>::from_ref(random_ref(m, 3, 14), l);
            Matrix<T> x0(0, 3, l);
            EXPECT_EQ(solve(f.get(), FL_NO_TRANS, b, x0), FL_OK) << fl_last_error();
            // A^T X = B with A^T 0-by-m: every X solves it, the least-norm one is 0.
            const Matrix<T> b0(0, 3, l);
            Matrix<T> x(m, 3, l);
            x.fill(T(5));
            EXPECT_EQ(solve(f.get(), FL_TRANS, b0, x), FL_OK) << fl_last_error();
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < 3; ++j) EXPECT_EQ(x(i, j), T(0));
            // Nothing is fitted: the residuals are the columns of B.
            std::vector<T> norms(3, T(-1));
            ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, 3, l, b.data(), b.ld(), norms.data()), FL_OK);
            for (int64_t j = 0; j < 3; ++j)
                EXPECT_NEAR(norms[size_t(j)], double(column_norm2(b.to_ref(), j)), 1e-5);
            int64_t rows = -1, cols = -1;
            ASSERT_EQ(fl_factor_part_shape(f.get(), FL_PART_Q, &rows, &cols), FL_OK);
            EXPECT_EQ(rows, m);
            EXPECT_EQ(cols, 0);
            Matrix<T> inv(0, m, l);
            EXPECT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, l, inv.data(), inv.ld()), FL_OK);
            Matrix<T> c = Matrix<T>::from_ref(random_ref(m, 2, 15), l);
            const Matrix<T> c_before = c;
            EXPECT_EQ(fl_factor_apply_q(f.get(), FL_NO_TRANS, Dtype<T>::value, 2, l, c.data(), c.ld()), FL_OK);
            EXPECT_TRUE(c.bitwise_equal(c_before)) << "Q of an m-by-0 A is the identity";
        }
}

// ||Q^T Q - I||_1 / (m eps) and ||A - Q R||_1 / (||A||_1 m eps), as LAPACK's xQRT01.
TYPED_TEST(Qr, PartsReproduceA) {
    using T = TypeParam;
    for (auto [m, n] : {std::pair<int64_t, int64_t>{30, 12}, {10, 10}, {9, 1}}) {
        const Ref a = rounded<T>(random_ref(m, n, 16 + uint64_t(m)));
        for (fl_layout al : kLayouts)
            for (fl_layout pl : kLayouts) {
                SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " A " + layout_name(al) + ", parts " +
                             layout_name(pl));
                FactorPtr f;
                ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, al, 2)), FL_OK) << fl_last_error();
                int64_t qr = 0, qc = 0, rr = 0, rc = 0;
                ASSERT_EQ(fl_factor_part_shape(f.get(), FL_PART_Q, &qr, &qc), FL_OK);
                ASSERT_EQ(fl_factor_part_shape(f.get(), FL_PART_R, &rr, &rc), FL_OK);
                EXPECT_EQ(qr, m);
                EXPECT_EQ(qc, n);
                EXPECT_EQ(rr, n);
                EXPECT_EQ(rc, n);
                Matrix<T> q(m, n, pl, 3, T(-777)), r(n, n, pl, 1, T(-777));
                const Matrix<T> q_before = q, r_before = r;
                ASSERT_EQ(fl_factor_get_part(f.get(), FL_PART_Q, Dtype<T>::value, pl, q.data(), q.ld()), FL_OK)
                    << fl_last_error();
                ASSERT_EQ(fl_factor_get_part(f.get(), FL_PART_R, Dtype<T>::value, pl, r.data(), r.ld()), FL_OK)
                    << fl_last_error();
                EXPECT_TRUE(q.padding_equal(q_before));
                EXPECT_TRUE(r.padding_equal(r_before));
                const Ref qref = q.to_ref(), rref = r.to_ref();
                for (int64_t i = 0; i < n; ++i)
                    for (int64_t j = 0; j < i; ++j) EXPECT_EQ(rref(i, j), 0.0L) << "R[" << i << ", " << j << "]";
                Ref qtq = multiply(transpose(qref), qref);
                for (int64_t i = 0; i < n; ++i) qtq(i, i) -= 1.0L;
                EXPECT_LT(ratio(norm1(qtq), m * eps<T>()), kResidualThreshold);
                EXPECT_LT(ratio(norm1(subtract(a, multiply(qref, rref))), norm1(a) * m * eps<T>()),
                          kResidualThreshold);
            }
    }
}

TYPED_TEST(Qr, ApplyQ) {
    using T = TypeParam;
    const int64_t m = 25, n = 8, k = 6;
    const Ref a = rounded<T>(random_ref(m, n, 17));
    for (fl_layout al : kLayouts)
        for (fl_layout cl : kLayouts) {
            SCOPED_TRACE(std::string("A ") + layout_name(al) + ", C " + layout_name(cl));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, al)), FL_OK) << fl_last_error();
            Matrix<T> thin(m, n, FL_COL_MAJOR);
            ASSERT_EQ(fl_factor_get_part(f.get(), FL_PART_Q, Dtype<T>::value, FL_COL_MAJOR, thin.data(), thin.ld()),
                      FL_OK);
            // Q [I_n; 0] is the thin Q; Q^T (thin Q) = [I_n; 0].
            Matrix<T> c = Matrix<T>::from_ref(Ref(m, n), cl, 2, T(-777));
            for (int64_t i = 0; i < n; ++i) c(i, i) = T(1);
            const Matrix<T> c_before = c;
            ASSERT_EQ(fl_factor_apply_q(f.get(), FL_NO_TRANS, Dtype<T>::value, n, cl, c.data(), c.ld()), FL_OK)
                << fl_last_error();
            EXPECT_TRUE(c.padding_equal(c_before));
            EXPECT_LT(ratio(norm1(subtract(c.to_ref(), thin.to_ref())), m * eps<T>()), kResidualThreshold);
            Matrix<T> back = thin.relayout(cl, 1);
            ASSERT_EQ(fl_factor_apply_q(f.get(), FL_TRANS, Dtype<T>::value, n, cl, back.data(), back.ld()), FL_OK);
            Ref e(m, n);
            for (int64_t i = 0; i < n; ++i) e(i, i) = 1.0L;
            EXPECT_LT(ratio(norm1(subtract(back.to_ref(), e)), m * eps<T>()), kResidualThreshold);

            // op(Q) is orthogonal: column norms are kept, and Q^T undoes Q.
            for (fl_transpose tr : kTransposes) {
                SCOPED_TRACE(trans_name(tr));
                const Ref cref = rounded<T>(random_ref(m, k, 18));
                Matrix<T> w = Matrix<T>::from_ref(cref, cl, 1);
                ASSERT_EQ(fl_factor_apply_q(f.get(), tr, Dtype<T>::value, k, cl, w.data(), w.ld()), FL_OK);
                const Ref wref = w.to_ref();
                for (int64_t j = 0; j < k; ++j)
                    EXPECT_LT(ratio(std::fabs(column_norm2(wref, j) - column_norm2(cref, j)),
                                     column_norm2(cref, j) * m * eps<T>()),
                              kResidualThreshold);
                const fl_transpose undo = tr == FL_NO_TRANS ? FL_TRANS : FL_NO_TRANS;
                ASSERT_EQ(fl_factor_apply_q(f.get(), undo, Dtype<T>::value, k, cl, w.data(), w.ld()), FL_OK);
                EXPECT_LT(ratio(norm1(subtract(w.to_ref(), cref)), norm1(cref) * m * eps<T>()), kResidualThreshold);
            }
        }
}

// The residual norms equal ||b_j - A x_j||_2 computed from the solve's X.
TYPED_TEST(Qr, ResidualNorms) {
    using T = TypeParam;
    for (auto [m, n] : {std::pair<int64_t, int64_t>{40, 10}, {12, 12}, {30, 1}}) {
        const Ref a = rounded<T>(random_ref(m, n, 19));
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(n) + " " + layout_name(l));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, l)), FL_OK) << fl_last_error();
            const Matrix<T> b = Matrix<T>::from_ref(rounded<T>(random_ref(m, 4, 20)), l, 2);
            Matrix<T> x(n, 4, FL_COL_MAJOR);
            ASSERT_EQ(solve(f.get(), FL_NO_TRANS, b, x), FL_OK);
            std::vector<T> norms(4, T(-1));
            ASSERT_EQ(fl_factor_residual_norms(f.get(), Dtype<T>::value, 4, l, b.data(), b.ld(), norms.data()), FL_OK)
                << fl_last_error();
            const Ref r = subtract(b.to_ref(), multiply(a, x.to_ref()));
            for (int64_t j = 0; j < 4; ++j) {
                const long double scale =
                    (norm1(a) * column_norm1(x.to_ref(), j) + column_norm1(b.to_ref(), j)) * m * eps<T>();
                EXPECT_LT(ratio(std::fabs(norms[size_t(j)] - column_norm2(r, j)), scale), kResidualThreshold);
                if (m == n) {
                    EXPECT_EQ(norms[size_t(j)], T(0));
                }
            }
        }
    }
}

// The pseudo-inverse R^-1 Q^T against the long double (A^T A)^-1 A^T, in both layouts.
TYPED_TEST(Qr, PseudoInverse) {
    using T = TypeParam;
    const Problem p = full_rank_problem<T>(18, 7, 21);
    const Ref pinv = reference_pinv(p);
    const long double kappa = norm1(p.a) * norm1(pinv);
    for (fl_layout al : kLayouts)
        for (fl_layout ol : kLayouts) {
            SCOPED_TRACE(std::string("A ") + layout_name(al) + ", inverse " + layout_name(ol));
            FactorPtr f;
            ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(p.a, al)), FL_OK);
            Matrix<T> inv(7, 18, ol, 2, T(-777));
            const Matrix<T> before = inv;
            ASSERT_EQ(fl_factor_inverse(f.get(), Dtype<T>::value, ol, inv.data(), inv.ld()), FL_OK) << fl_last_error();
            EXPECT_TRUE(inv.padding_equal(before));
            EXPECT_LT(ratio(norm1(subtract(inv.to_ref(), pinv)), norm1(pinv) * kappa * 18 * eps<T>()),
                      kResidualThreshold);
        }
}

// rcond is trcon's estimate for R: within a small factor of 1 / (||R||_1 ||R^-1||_1).
TYPED_TEST(Qr, RcondOfR) {
    using T = TypeParam;
    Ref a = random_ref(20, 6, 22);
    for (int64_t i = 0; i < 20; ++i) a(i, 5) *= 1e-3L;  // one weak column
    a = rounded<T>(a);
    FactorPtr f;
    ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(a, FL_ROW_MAJOR)), FL_OK);
    Matrix<T> r(6, 6, FL_COL_MAJOR);
    ASSERT_EQ(fl_factor_get_part(f.get(), FL_PART_R, Dtype<T>::value, FL_COL_MAJOR, r.data(), r.ld()), FL_OK);
    const long double exact = ref_rcond1(r.to_ref());
    double rc = -1;
    ASSERT_EQ(fl_factor_rcond(f.get(), &rc), FL_OK);
    EXPECT_GT(rc, double(exact) / 10);
    EXPECT_LT(rc, double(exact) * 10);
    EXPECT_LT(rc, 1e-2);
}

// R_jj exactly zero: columns that Householder transformations handle without rounding (unit
// vectors, a duplicate of one, a zero column). A generic duplicate column leaves R_jj at
// rounding level instead, which is not an exact zero: rcond is the test for that.
TYPED_TEST(Qr, ExactlyRankDeficientIsSingular) {
    using T = TypeParam;
    Ref dup(8, 5);
    for (int64_t j = 0; j < 4; ++j) dup(j, j) = static_cast<long double>(j + 2);
    for (int64_t i = 0; i < 8; ++i) dup(i, 4) = dup(i, 1);  // column 5 duplicates column 2
    Ref zero_col = random_ref(8, 5, 23);
    for (int64_t i = 0; i < 8; ++i) zero_col(i, 2) = 0.0L;
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        FactorPtr f;
        EXPECT_ERROR(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(dup, l)), FL_ERR_SINGULAR,
                     "fl_factor_create", "R[5, 5]", "COD");
        EXPECT_EQ(f, nullptr);
        EXPECT_ERROR(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(zero_col, l)), FL_ERR_SINGULAR,
                     "fl_factor_create", "R[3, 3]", "SVD");
        // COD takes the same matrices and finds their rank.
        ASSERT_EQ(make_factor(f, FL_FACTOR_COD, Matrix<T>::from_ref(dup, l)), FL_OK) << fl_last_error();
        int64_t rank = -1;
        ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
        EXPECT_EQ(rank, 4);
    }
}

TYPED_TEST(Qr, NonFiniteInput) {
    using T = TypeParam;
    Matrix<T> a = Matrix<T>::from_ref(random_ref(6, 4, 24), FL_ROW_MAJOR);
    a(3, 2) = std::numeric_limits<T>::quiet_NaN();
    FactorPtr f;
    EXPECT_ERROR(make_factor(f, FL_FACTOR_QR, a), FL_ERR_NON_FINITE, "fl_factor_create", "a[3, 2]", "nan");
    const OptionsPtr unchecked = make_options(0, FL_LOWER);
    EXPECT_EQ(make_factor(f, FL_FACTOR_QR, a, unchecked.get()), FL_OK) << fl_last_error();
}

TYPED_TEST(Qr, BadInput) {
    using T = TypeParam;
    FactorPtr f;
    // Wider than tall: not a QR shape (the C layer says so).
    EXPECT_ERROR(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(random_ref(3, 5, 25), FL_COL_MAJOR)),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_create", "rows >= cols", "COD");
    EXPECT_EQ(f, nullptr);

    ASSERT_EQ(make_factor(f, FL_FACTOR_QR, Matrix<T>::from_ref(random_ref(6, 4, 26), FL_COL_MAJOR)), FL_OK);
    // A B with the rows of op(A)^T: for A X = B, B needs 6 rows, so a column-major ldb of 4
    // cannot hold it; for A^T X = B, X needs 6 rows.
    std::vector<T> buf(64, T(1));
    EXPECT_ERROR(fl_factor_solve(f.get(), FL_NO_TRANS, Dtype<T>::value, 2, FL_COL_MAJOR, buf.data(), 4, FL_COL_MAJOR,
                                 buf.data() + 32, 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "ldb = 4", "6");
    EXPECT_ERROR(fl_factor_solve(f.get(), FL_TRANS, Dtype<T>::value, 2, FL_COL_MAJOR, buf.data(), 4, FL_COL_MAJOR,
                                 buf.data() + 32, 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve", "ldx = 4", "6");
    EXPECT_ERROR(fl_factor_solve(f.get(), FL_NO_TRANS, Dtype<T>::other, 2, FL_COL_MAJOR, buf.data(), 6,
                                 FL_COL_MAJOR, buf.data() + 32, 4),
                 FL_ERR_DTYPE_MISMATCH, "fl_factor_solve");

    int64_t rank = -1;
    EXPECT_ERROR(fl_factor_rank(f.get(), &rank), FL_ERR_UNSUPPORTED, "fl_factor_rank", "QR", "rank");
    double sign = 0, logabs = 0;
    EXPECT_ERROR(fl_factor_logdet(f.get(), &sign, &logabs), FL_ERR_UNSUPPORTED, "fl_factor_logdet", "QR");
    int64_t rows = 0, cols = 0;
    EXPECT_ERROR(fl_factor_part_shape(f.get(), FL_PART_SINGULAR_VALUES, &rows, &cols), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "singular values");
    EXPECT_ERROR(fl_factor_inertia(f.get(), nullptr, nullptr, nullptr), FL_ERR_UNSUPPORTED, "fl_factor_inertia");
    // A part into an out too small for it.
    EXPECT_ERROR(fl_factor_get_part(f.get(), FL_PART_Q, Dtype<T>::value, FL_COL_MAJOR, buf.data(), 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld = 4");
}

}  // namespace
}  // namespace fltest
