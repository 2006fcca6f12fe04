// One routine that exercises fl_factor_solve for a given matrix across every combination the
// API allows: layout of A, B and X (independently), padded leading dimensions, both
// transposes, 0 / 1 / several right-hand sides, and in-place solves. Used by the LU and the
// Cholesky tests.
#ifndef FASTLINALG_TESTS_SOLVE_CHECK_HPP
#define FASTLINALG_TESTS_SOLVE_CHECK_HPP

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>

namespace fltest {

inline constexpr fl_layout kLayouts[] = {FL_ROW_MAJOR, FL_COL_MAJOR};
inline constexpr fl_transpose kTransposes[] = {FL_NO_TRANS, FL_TRANS};

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

} // namespace fltest

#endif
