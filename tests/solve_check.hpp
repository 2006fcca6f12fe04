// One routine that exercises fl_factor_solve for a given matrix across every combination the
// API allows: layout of A, B and X (independently), padded leading dimensions, both
// transposes, 0 / 1 / several right-hand sides, and in-place solves; and its variants for a
// matrix in one layout and for a symmetric matrix stored in one triangle (FL_OPT_TRIANGLE).
// Used by the tests of every square kind.
#ifndef FASTLINALG_TESTS_SOLVE_CHECK_HPP
#define FASTLINALG_TESTS_SOLVE_CHECK_HPP

#include "constructed_matrices.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>

namespace fltest {

// Solves with `f` (a factor of the stored matrix `a_stored`) for every B/X layout, both
// transposes and each nrhs, checking the scaled residual, that B is not modified, and that
// the padding of X is not written.
template <class T>
void check_solves_with(const fl_factor *f, const Ref &a_stored, std::initializer_list<int64_t> nrhs_list,
                       uint64_t seed) {
    const T sentinel = T(-777);
    const int64_t n = a_stored.rows;
    int combo = 0;
    for (int64_t nrhs : nrhs_list)
        for (fl_layout bl : kLayouts)
            for (fl_layout xl : kLayouts)
                for (fl_transpose tr : kTransposes) {
                    ++combo;
                    const int64_t bpad = combo % 2 ? 0 : 2, xpad = (combo / 2) % 2 ? 0 : 3;
                    std::ostringstream what;
                    what << "nrhs=" << nrhs << " B " << layout_name(bl) << " ldpad " << bpad << ", X "
                         << layout_name(xl) << " ldpad " << xpad << ", " << trans_name(tr);
                    SCOPED_TRACE(what.str());

                    const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, nrhs, seed + combo), bl, bpad);
                    const Matrix<T> b_before = b;
                    // X is written, never read: fill its elements with NaN, its padding with a sentinel.
                    Matrix<T> x(n, nrhs, xl, xpad, sentinel);
                    x.fill(std::numeric_limits<T>::quiet_NaN());
                    const Matrix<T> x_before = x;

                    ASSERT_EQ(solve(f, tr, b, x), FL_OK) << fl_last_error();
                    EXPECT_STREQ(fl_last_error(), "");
                    EXPECT_TRUE(b.bitwise_equal(b_before)) << "B was modified";
                    EXPECT_TRUE(x.padding_equal(x_before)) << "the padding of X was written";
                    const double r = solve_residual(a_stored, tr, x.to_ref(), b.to_ref(), eps<T>());
                    EXPECT_LT(r, kResidualThreshold);
                }

    // In place: x == b, same layout and leading dimension.
    for (int64_t nrhs : nrhs_list)
        for (fl_layout l : kLayouts)
            for (fl_transpose tr : kTransposes) {
                ++combo;
                std::ostringstream what;
                what << "in place, nrhs=" << nrhs << " " << layout_name(l) << ", " << trans_name(tr);
                SCOPED_TRACE(what.str());
                const Matrix<T> b = Matrix<T>::from_ref(random_ref(n, nrhs, seed + combo), l, 1);
                Matrix<T> x = b;
                ASSERT_EQ(fl_factor_solve(f, tr, Matrix<T>::dtype(), nrhs, l, x.data(), x.ld(), l, x.data(), x.ld()),
                          FL_OK)
                    << fl_last_error();
                EXPECT_TRUE(x.padding_equal(b));
                EXPECT_LT(solve_residual(a_stored, tr, x.to_ref(), b.to_ref(), eps<T>()), kResidualThreshold);
            }
}

// Factors `a` in both layouts (with and without padding, NaN in the padding) and runs
// check_solves_with on each factor. Also checks that A is only read and the getters.
template <class T>
void check_solves(fl_factor_kind kind, const Ref &a, std::initializer_list<int64_t> nrhs_list = {0, 1, 7},
                  uint64_t seed = 1, const fl_options *options = nullptr) {
    for (fl_layout al : kLayouts)
        for (int64_t apad : {0, 3}) {
            std::ostringstream what;
            what << "n=" << a.rows << " A " << layout_name(al) << " ldpad " << apad;
            SCOPED_TRACE(what.str());
            const Matrix<T> am = Matrix<T>::from_ref(a, al, apad);
            const Matrix<T> am_before = am;
            FactorPtr f;
            ASSERT_EQ(make_factor(f, kind, am, options), FL_OK) << fl_last_error();
            ASSERT_NE(f, nullptr);
            EXPECT_STREQ(fl_last_error(), "");
            EXPECT_TRUE(am.bitwise_equal(am_before)) << "A was modified";
            EXPECT_EQ(fl_factor_get_kind(f.get()), kind);
            EXPECT_EQ(fl_factor_get_dtype(f.get()), Matrix<T>::dtype());
            EXPECT_EQ(fl_factor_rows(f.get()), a.rows);
            EXPECT_EQ(fl_factor_cols(f.get()), a.cols);
            check_solves_with<T>(f.get(), am.to_ref(), nrhs_list, seed);
        }
}

// Factors `a` as stored in each layout (no padding) and runs check_solves_with on each
// factor: for matrices too large for check_solves' every combination.
template <class T>
void check_solves_each_layout(fl_factor_kind kind, const Ref &a, std::initializer_list<int64_t> nrhs_list,
                              uint64_t seed) {
    for (fl_layout l : kLayouts) {
        SCOPED_TRACE(layout_name(l));
        const Matrix<T> am = Matrix<T>::from_ref(a, l);
        FactorPtr f;
        ASSERT_EQ(make_factor(f, kind, am), FL_OK) << fl_last_error();
        check_solves_with<T>(f.get(), am.to_ref(), nrhs_list, seed);
    }
}

// FL_OPT_TRIANGLE: factors the symmetric `s` stored in triangle `tri` only (the other
// triangle NaN, the leading dimension padded by `pad`) with FL_OPT_CHECK_FINITE = `check`,
// checks that A is only read, and runs check_solves_with against the symmetric matrix that
// the triangle describes. `out` receives the factor for further checks. Call it inside
// ASSERT_NO_FATAL_FAILURE (the caller traces tri, layout and check).
template <class T>
void check_one_triangle_solves(FactorPtr &out, fl_factor_kind kind, const Ref &s, fl_triangle tri,
                               fl_layout layout, int64_t check, int64_t pad,
                               std::initializer_list<int64_t> nrhs_list, uint64_t seed) {
    OptionsPtr opts = make_options(check, tri);
    ASSERT_NE(opts, nullptr);
    const Matrix<T> m = one_triangle<T>(s, tri, layout, pad);
    const Matrix<T> m_before = m;
    ASSERT_EQ(make_factor(out, kind, m, opts.get()), FL_OK) << fl_last_error();
    ASSERT_NE(out, nullptr);
    EXPECT_TRUE(m.bitwise_equal(m_before)) << "A was modified";
    check_solves_with<T>(out.get(), symmetric_from(m, tri), nrhs_list, seed);
}

// fl_factor_inverse of f into a new rows-by-cols matrix in `layout` with `pad` extra elements
// in the leading dimension (its elements NaN, its padding a sentinel): checks that the call
// succeeds and clears the last error, that the padding is not written and that every element
// is. `out` receives the inverse. Call it inside ASSERT_NO_FATAL_FAILURE.
template <class T>
void checked_inverse(const fl_factor *f, int64_t rows, int64_t cols, fl_layout layout, int64_t pad, Ref &out) {
    Matrix<T> inv(rows, cols, layout, pad, T(-777));
    inv.fill(std::numeric_limits<T>::quiet_NaN());
    const Matrix<T> before = inv;
    ASSERT_EQ(fl_factor_inverse(f, Dtype<T>::value, layout, inv.data(), inv.ld()), FL_OK) << fl_last_error();
    EXPECT_STREQ(fl_last_error(), "");
    EXPECT_TRUE(inv.padding_equal(before)) << "the padding of inv was written";
    out = inv.to_ref();
    ASSERT_TRUE(all_finite(out)) << "an element of inv was not written";
}

} // namespace fltest

#endif
