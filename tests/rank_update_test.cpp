// fl_factor_rank_update: Cholesky update (A + V V^T) and downdate (A - V V^T).
//
// Every updated factor is judged against the matrix it should factor, formed here in long
// double: LAPACK-style scaled residuals of its solves and inverse, its logdet against a
// reference, and its solves, logdet and rcond against a fresh Cholesky factor of that
// matrix. Both dtypes, both layouts of A and V, both FL_OPT_TRIANGLE values (the other
// triangle NaN), padded leading dimensions, n = 0, 1, 50 and k = 0, 1, 5.
#include "error_expect.hpp"
#include "constructed_matrices.hpp"
#include "solve_check.hpp"

#include <sstream>

namespace fltest {
namespace {

constexpr const char *kUpdate = "fl_factor_rank_update";
FLTEST_TYPED_SUITE(RankUpdate);

// A + sign V V^T in long double.
Ref add_outer(const Ref &a, const Ref &v, int sign) {
    Ref r = a;
    for (int64_t i = 0; i < a.rows; ++i)
        for (int64_t j = 0; j < a.cols; ++j) {
            long double s = 0;
            for (int64_t l = 0; l < v.cols; ++l) s += v(i, l) * v(j, l);
            r(i, j) += sign * s;
        }
    return r;
}

Ref scaled(Ref r, long double factor) {
    for (auto &x : r.v) x *= factor;
    return r;
}

template <class T>
fl_status rank_update(FactorPtr &out, const fl_factor *f, int sign, const Matrix<T> &v) {
    // Anything but NULL beforehand, to see that the call always overwrites it.
    fl_factor *const sentinel = reinterpret_cast<fl_factor *>(&out);
    fl_factor *u = sentinel;
    const fl_status s =
        fl_factor_rank_update(&u, f, sign, Matrix<T>::dtype(), v.cols(), v.layout(), v.data(), v.ld());
    if (u == sentinel) {
        ADD_FAILURE() << "*updated was left as it was";
        u = nullptr;
    }
    out.reset(u);
    return s;
}

template <class T>
Matrix<T> solve_with(const fl_factor *f, const Matrix<T> &b) {
    Matrix<T> x(b.rows(), b.cols(), FL_COL_MAJOR);
    EXPECT_EQ(solve(f, FL_NO_TRANS, b, x), FL_OK) << fl_last_error();
    return x;
}

// Checks that `updated` factors `target` (long double, exactly what the T inputs describe):
// solves and inverse by scaled residual, logdet against the reference, and solves, logdet
// and rcond against a fresh factor of `target`.
template <class T>
void check_factors(const fl_factor *updated, const Ref &target, uint64_t seed) {
    const int64_t n = target.rows;
    ASSERT_NE(updated, nullptr);
    EXPECT_EQ(fl_factor_get_kind(updated), FL_FACTOR_CHOLESKY);
    EXPECT_EQ(fl_factor_get_dtype(updated), Matrix<T>::dtype());
    EXPECT_EQ(fl_factor_rows(updated), n);
    EXPECT_EQ(fl_factor_cols(updated), n);
    check_solves_with<T>(updated, target, {1, 4}, seed);

    Matrix<T> inv(n, n, FL_ROW_MAJOR, 1);
    ASSERT_EQ(fl_factor_inverse(updated, Matrix<T>::dtype(), inv.layout(), inv.data(), inv.ld()), FL_OK)
        << fl_last_error();
    EXPECT_LT(inverse_residual(target, inv.to_ref(), eps<T>()), kResidualThreshold);

    FactorPtr fresh;
    ASSERT_EQ(make_factor(fresh, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(target, FL_COL_MAJOR)), FL_OK)
        << fl_last_error();

    double sign = 0, logabs = 0, fresh_sign = 0, fresh_logabs = 0;
    ASSERT_EQ(fl_factor_logdet(updated, &sign, &logabs), FL_OK) << fl_last_error();
    ASSERT_EQ(fl_factor_logdet(fresh.get(), &fresh_sign, &fresh_logabs), FL_OK);
    EXPECT_EQ(sign, 1.0);
    const double logdet_tol = 10.0 * double(std::max<int64_t>(n, 1)) * eps<T>() * std::max(1.0, std::fabs(fresh_logabs));
    EXPECT_NEAR(logabs, fresh_logabs, logdet_tol);
    EXPECT_NEAR(logabs, static_cast<double>(ref_logdet(target).logabs), logdet_tol);

    double rcond = 0, fresh_rcond = 0;
    ASSERT_EQ(fl_factor_rcond(updated, &rcond), FL_OK) << fl_last_error();
    ASSERT_EQ(fl_factor_rcond(fresh.get(), &fresh_rcond), FL_OK);
    EXPECT_GT(rcond, 0.0);
    EXPECT_LE(rcond, 1.0);
    // The updated factor estimates ||A||_1 (a lower bound, exact for most matrices), the
    // fresh one computes it: both are estimates of the same number.
    EXPECT_LE(rcond, 3.0 * fresh_rcond);
    EXPECT_GE(rcond, fresh_rcond / 3.0);

    // Forward error between the two factors' solutions: within cond(A) n eps.
    const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 3, seed + 99), FL_ROW_MAJOR);
    const Matrix<T> x = solve_with<T>(updated, b), x_fresh = solve_with<T>(fresh.get(), b);
    double diff = 0, size = 0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < 3; ++j) {
            diff = std::max(diff, std::fabs(double(x(i, j)) - double(x_fresh(i, j))));
            size = std::max(size, std::fabs(double(x_fresh(i, j))));
        }
    EXPECT_LE(diff, kResidualThreshold * double(std::max<int64_t>(n, 1)) * eps<T>() / fresh_rcond * size);
}

// Update and downdate across orders, ranks, both layouts of A and V and both triangles.
TYPED_TEST(RankUpdate, MatchesFreshFactorization) {
    using T = TypeParam;
    uint64_t seed = 100;
    for (int64_t n : {0, 1, 50})
        for (int64_t k : {0, 1, 5})
            for (fl_triangle tri : kTriangles)
                for (fl_layout al : kLayouts)
                    for (fl_layout vl : kLayouts) {
                        ++seed;
                        std::ostringstream what;
                        what << "n=" << n << " k=" << k << " " << (tri == FL_LOWER ? "lower" : "upper") << " A "
                             << layout_name(al) << " V " << layout_name(vl);
                        SCOPED_TRACE(what.str());
                        const Ref a = rounded<T>(spd_ref(n, seed));
                        const Ref v = rounded<T>(random_ref(n, k, seed + 7));
                        OptionsPtr opts = make_options(1, tri);
                        ASSERT_NE(opts, nullptr);
                        const Matrix<T> am = one_triangle<T>(a, tri, al, 2);
                        const Matrix<T> vm = Matrix<T>::from_ref(v, vl, seed % 2 ? 0 : 3);
                        const Matrix<T> vm_before = vm;
                        FactorPtr f;
                        ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, am, opts.get()), FL_OK) << fl_last_error();
                        const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, 2, seed + 3), FL_COL_MAJOR);
                        const Matrix<T> x_before = solve_with<T>(f.get(), b);

                        // Update: A + V V^T.
                        FactorPtr up;
                        EXPECT_ERROR(rank_update<T>(up, f.get(), +1, vm), FL_OK, kUpdate);
                        EXPECT_TRUE(vm.bitwise_equal(vm_before)) << "V was modified";
                        const Ref plus = add_outer(a, v, +1);
                        {
                            SCOPED_TRACE("update");
                            check_factors<T>(up.get(), plus, seed);
                        }

                        // Downdate of the updated factor by the same V: back to A.
                        FactorPtr back;
                        EXPECT_ERROR(rank_update<T>(back, up.get(), -1, vm), FL_OK, kUpdate);
                        {
                            SCOPED_TRACE("downdate back to A");
                            check_factors<T>(back.get(), a, seed + 1);
                        }

                        // A downdate that keeps A positive definite: A's eigenvalues are
                        // >= 1 and ||W W^T||_2 <= ||W||_F^2 <= n k / 400 < 1.
                        const Ref w = rounded<T>(scaled(random_ref(n, k, seed + 11), 0.05L));
                        FactorPtr down;
                        EXPECT_ERROR(rank_update<T>(down, f.get(), -1, Matrix<T>::from_ref(w, vl, 1)), FL_OK,
                                     kUpdate);
                        {
                            SCOPED_TRACE("downdate");
                            check_factors<T>(down.get(), add_outer(a, w, -1), seed + 2);
                        }

                        // The old handle is untouched: the same solution, bit for bit.
                        EXPECT_TRUE(solve_with<T>(f.get(), b).bitwise_equal(x_before));
                    }
}

// Updates of updates: each builds on the last, and the factor never leaves its matrix.
TYPED_TEST(RankUpdate, ChainedUpdates) {
    using T = TypeParam;
    const int64_t n = 40;
    Ref target = rounded<T>(spd_ref(n, 7));
    for (fl_layout al : kLayouts) {
        SCOPED_TRACE(layout_name(al));
        FactorPtr f;
        ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(target, al)), FL_OK);
        Ref current = target;
        for (int step = 0; step < 6; ++step) {
            SCOPED_TRACE("step " + std::to_string(step));
            const int sign = step % 3 == 2 ? -1 : +1;
            const Ref v = rounded<T>(scaled(random_ref(n, 2, 50 + uint64_t(step)), sign > 0 ? 0.5L : 0.1L));
            FactorPtr next;
            ASSERT_EQ(rank_update<T>(next, f.get(), sign, Matrix<T>::from_ref(v, FL_ROW_MAJOR)), FL_OK)
                << fl_last_error();
            current = add_outer(current, v, sign);
            f = std::move(next);
        }
        check_factors<T>(f.get(), current, 60);
    }
}

// A sparse V: zero entries of V skip their rotations, which must not change the answer.
TYPED_TEST(RankUpdate, SparseColumns) {
    using T = TypeParam;
    const int64_t n = 30;
    const Ref a = rounded<T>(spd_ref(n, 8));
    Ref v(n, 3);
    v(4, 0) = 1.5L;
    v(20, 1) = -0.75L;
    v(29, 2) = 2.0L;
    v(0, 2) = 0.25L;
    FactorPtr f, up;
    ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(a, FL_ROW_MAJOR)), FL_OK);
    ASSERT_EQ(rank_update<T>(up, f.get(), +1, Matrix<T>::from_ref(v, FL_COL_MAJOR)), FL_OK) << fl_last_error();
    check_factors<T>(up.get(), add_outer(a, v, +1), 70);
}

// A downdate that makes the matrix indefinite (or singular) is refused, naming the column
// of V and the row where the hyperbolic rotation ceased to exist.
TYPED_TEST(RankUpdate, DowndateLosingDefinitenessFails) {
    using T = TypeParam;
    const int64_t n = 50;
    const Ref a = identity_ref(n);
    Ref v(n, 3);
    v(0, 0) = 0.5L;  // 1 - 0.25 > 0
    v(3, 1) = 0.5L;  // fine too
    v(10, 2) = 1.5L; // 1 - 2.25 < 0 at row 11
    for (fl_triangle tri : kTriangles)
        for (fl_layout al : kLayouts)
            for (fl_layout vl : kLayouts) {
                SCOPED_TRACE(std::string(tri == FL_LOWER ? "lower" : "upper") + " A " + layout_name(al) + " V " +
                             layout_name(vl));
                OptionsPtr opts = make_options(1, tri);
                FactorPtr f, down;
                ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(a, al), opts.get()), FL_OK);
                EXPECT_ERROR(rank_update<T>(down, f.get(), -1, Matrix<T>::from_ref(v, vl, 1)),
                             FL_ERR_NOT_POSITIVE_DEFINITE, kUpdate, "column 3", "row 11", "positive definite");
                EXPECT_EQ(down, nullptr);

                // Exactly singular: 1 - 1 = 0 is not positive either.
                Ref e(n, 1);
                e(7, 0) = 1.0L;
                EXPECT_ERROR(rank_update<T>(down, f.get(), -1, Matrix<T>::from_ref(e, vl)),
                             FL_ERR_NOT_POSITIVE_DEFINITE, kUpdate, "column 1", "row 8");
                EXPECT_EQ(down, nullptr);

                // The same V as an update is fine, and the old factor still works.
                EXPECT_ERROR(rank_update<T>(down, f.get(), +1, Matrix<T>::from_ref(v, vl)), FL_OK, kUpdate);
                check_factors<T>(down.get(), add_outer(a, v, +1), 80);
                check_solves_with<T>(f.get(), a, {2}, 81);
            }
}

// A 1-by-1 downdate to exactly the edge and just inside it.
TYPED_TEST(RankUpdate, OneByOneEdges) {
    using T = TypeParam;
    Ref a(1, 1);
    a(0, 0) = 4.0L;
    FactorPtr f, out;
    ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(a, FL_ROW_MAJOR)), FL_OK);
    Ref v(1, 1);
    v(0, 0) = 2.0L; // 4 - 4 = 0
    EXPECT_ERROR(rank_update<T>(out, f.get(), -1, Matrix<T>::from_ref(v, FL_COL_MAJOR)),
                 FL_ERR_NOT_POSITIVE_DEFINITE, kUpdate, "row 1");
    EXPECT_EQ(out, nullptr);
    v(0, 0) = -1.5L; // 4 - 2.25 = 1.75
    ASSERT_EQ(rank_update<T>(out, f.get(), -1, Matrix<T>::from_ref(v, FL_COL_MAJOR)), FL_OK) << fl_last_error();
    double sign = 0, logabs = 0;
    ASSERT_EQ(fl_factor_logdet(out.get(), &sign, &logabs), FL_OK);
    EXPECT_EQ(sign, 1.0);
    EXPECT_NEAR(logabs, std::log(1.75), 4 * eps<T>());
    double rcond = 0;
    ASSERT_EQ(fl_factor_rcond(out.get(), &rcond), FL_OK);
    EXPECT_NEAR(rcond, 1.0, 4 * eps<T>());
}

TYPED_TEST(RankUpdate, EmptyFactor) {
    using T = TypeParam;
    FactorPtr f, out;
    ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>(0, 0, FL_COL_MAJOR)), FL_OK);
    for (int sign : {+1, -1})
        for (int64_t k : {0, 4}) {
            fl_factor *u = nullptr;
            EXPECT_ERROR(fl_factor_rank_update(&u, f.get(), sign, Matrix<T>::dtype(), k, FL_ROW_MAJOR, nullptr,
                                               std::max<int64_t>(k, 1)),
                         FL_OK, kUpdate);
            out.reset(u);
            ASSERT_NE(out, nullptr);
            EXPECT_EQ(fl_factor_rows(out.get()), 0);
            double sign_out = 0, logabs = 1, rcond = 0;
            EXPECT_EQ(fl_factor_logdet(out.get(), &sign_out, &logabs), FL_OK);
            EXPECT_EQ(sign_out, 1.0);
            EXPECT_EQ(logabs, 0.0);
            EXPECT_EQ(fl_factor_rcond(out.get(), &rcond), FL_OK);
            EXPECT_EQ(rcond, 1.0);
        }
}

TYPED_TEST(RankUpdate, NonFiniteV) {
    using T = TypeParam;
    const int64_t n = 6;
    FactorPtr f, out;
    ASSERT_EQ(make_factor(f, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(spd_ref(n, 9), FL_COL_MAJOR)), FL_OK);
    for (fl_layout vl : kLayouts) {
        Matrix<T> v = Matrix<T>::from_ref(random_ref(n, 2, 10), vl);
        v(4, 1) = std::numeric_limits<T>::quiet_NaN();
        EXPECT_ERROR(rank_update<T>(out, f.get(), +1, v), FL_ERR_NON_FINITE, kUpdate, "v[4, 1]", "nan");
        EXPECT_EQ(out, nullptr);
        v(4, 1) = -std::numeric_limits<T>::infinity();
        EXPECT_ERROR(rank_update<T>(out, f.get(), -1, v), FL_ERR_NON_FINITE, kUpdate, "v[4, 1]", "-inf");
        EXPECT_EQ(out, nullptr);
    }
}

// Arguments: sign, the factor's kind, dtype, shape of V.
TYPED_TEST(RankUpdate, BadRequests) {
    using T = TypeParam;
    const int64_t n = 5;
    const Ref a = spd_ref(n, 12);
    const Matrix<T> v = Matrix<T>::from_ref(random_ref(n, 2, 13), FL_COL_MAJOR);
    FactorPtr chol, lu, out;
    ASSERT_EQ(make_factor(chol, FL_FACTOR_CHOLESKY, Matrix<T>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    ASSERT_EQ(make_factor(lu, FL_FACTOR_LU, Matrix<T>::from_ref(a, FL_COL_MAJOR)), FL_OK);

    for (int sign : {0, 2, -2}) {
        EXPECT_ERROR(rank_update<T>(out, chol.get(), sign, v), FL_ERR_INVALID_ARGUMENT, kUpdate, "sign");
        EXPECT_EQ(out, nullptr);
    }
    EXPECT_ERROR(rank_update<T>(out, lu.get(), +1, v), FL_ERR_UNSUPPORTED, kUpdate, "LU", "rank update");
    EXPECT_EQ(out, nullptr);

    // V of the other dtype.
    fl_factor *u = nullptr;
    const std::vector<double> other(static_cast<size_t>(n * 2), 0.5);
    EXPECT_ERROR(fl_factor_rank_update(&u, chol.get(), +1, Dtype<T>::other, 2, FL_COL_MAJOR, other.data(), n),
                 FL_ERR_DTYPE_MISMATCH, kUpdate, "dtype");
    EXPECT_EQ(u, nullptr);
    // Negative k, ld too small, NULL V, NULL handle, NULL output.
    EXPECT_ERROR(fl_factor_rank_update(&u, chol.get(), +1, Matrix<T>::dtype(), -1, FL_COL_MAJOR, v.data(), n),
                 FL_ERR_INVALID_ARGUMENT, kUpdate, "k");
    EXPECT_ERROR(fl_factor_rank_update(&u, chol.get(), +1, Matrix<T>::dtype(), 2, FL_COL_MAJOR, v.data(), n - 1),
                 FL_ERR_INVALID_ARGUMENT, kUpdate, "ldv");
    EXPECT_ERROR(fl_factor_rank_update(&u, chol.get(), +1, Matrix<T>::dtype(), 2, FL_COL_MAJOR, nullptr, n),
                 FL_ERR_INVALID_ARGUMENT, kUpdate, "v");
    EXPECT_ERROR(fl_factor_rank_update(&u, nullptr, +1, Matrix<T>::dtype(), 2, FL_COL_MAJOR, v.data(), n),
                 FL_ERR_INVALID_ARGUMENT, kUpdate, "factor");
    EXPECT_EQ(u, nullptr);
    EXPECT_ERROR(fl_factor_rank_update(nullptr, chol.get(), +1, Matrix<T>::dtype(), 2, FL_COL_MAJOR, v.data(), n),
                 FL_ERR_INVALID_ARGUMENT, kUpdate, "updated");
}

} // namespace
} // namespace fltest
