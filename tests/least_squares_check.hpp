// Checks for the least-squares kinds (QR, COD): test matrices with a known factorization
// A = U V^T (U m-by-r, V n-by-r, both of full column rank r), whose pseudo-inverse
// A^+ = V (V^T V)^-1 (U^T U)^-1 U^T, row space range(V) and column space range(U) the
// tests know in long double without the library.
//
// A minimum-norm least-squares solution X of op(A) X = B is judged three ways:
//   normal equations  max_j ||op(A)^T (b_j - op(A) x_j)||_1
//                           / (||A||_1 (||A||_1 ||x_j||_1 + ||b_j||_1) max(m, n) eps)
//                     (xQRT17's idea; the ||b_j|| term covers the residual's share of
//                     the backward error, and dropped tiny singular values)
//   forward error     ||x_j - x*_j||_1 / (max(m, n) eps (kappa ||x*_j||_1 + kappa^2 ||r*_j||_1 / ||A||_1))
//                     with x* = op(A)^+ b_j, r* its residual, kappa = ||A||_1 ||A^+||_1:
//                     the least-squares perturbation bound
//   minimum norm      ||x_j - P x_j||_1 / (||x_j||_1 kappa max(m, n) eps), P the projector
//                     onto the row space of op(A): the part of X in the null space
// and each must stay below kResidualThreshold.
#ifndef FASTLINALG_TESTS_LEAST_SQUARES_CHECK_HPP
#define FASTLINALG_TESTS_LEAST_SQUARES_CHECK_HPP

#include "solve_check.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>

namespace fltest {

struct Problem {
    Ref a;  // what is factored (already representable in the dtype under test)
    Ref u;  // a = u v^T (exactly, or up to the rounding of a to the dtype)
    Ref v;
};

// A random (full-rank) m-by-n matrix, written as A = A I (m >= n) or I A (m < n).
template <class T>
Problem full_rank_problem(int64_t m, int64_t n, uint64_t seed) {
    Problem p;
    p.a = rounded<T>(random_ref(m, n, seed));
    if (m >= n) {
        p.u = p.a;
        p.v = identity_ref(n);
    } else {
        p.u = identity_ref(m);
        p.v = transpose(p.a);
    }
    return p;
}

// A = U_r V_r^T with random U_r, V_r: rank r exactly, before rounding to T.
template <class T>
Problem low_rank_problem(int64_t m, int64_t n, int64_t r, uint64_t seed) {
    Problem p;
    p.u = random_ref(m, r, seed);
    p.v = random_ref(n, r, seed + 1000);
    p.a = rounded<T>(multiply(p.u, transpose(p.v)));
    return p;
}

inline Ref inverse_of(const Ref &a) {
    Ref inv;
    if (!ref_inverse(a, inv)) ADD_FAILURE() << "reference inverse of a singular matrix";
    return inv;
}

// A^+ = V (V^T V)^-1 (U^T U)^-1 U^T, n-by-m.
inline Ref reference_pinv(const Problem &p) {
    const Ref vg = multiply(p.v, inverse_of(multiply(transpose(p.v), p.v)));
    const Ref ug = multiply(inverse_of(multiply(transpose(p.u), p.u)), transpose(p.u));
    return multiply(vg, ug);
}

inline double dims(const Ref &op) { return static_cast<double>(std::max<int64_t>({op.rows, op.cols, 1})); }

// The normal-equation ratio (top of this file) for op(A) = op.
inline double normal_equation_residual(const Ref &op, const Ref &x, const Ref &b, double eps) {
    const Ref r = subtract(b, multiply(op, x));
    const Ref g = multiply(transpose(op), r);
    const long double anorm = norm1(op);
    double worst = 0;
    for (int64_t j = 0; j < x.cols; ++j)
        worst = std::max(worst, ratio(column_norm1(g, j), anorm * (anorm * column_norm1(x, j) + column_norm1(b, j)) *
                                                              dims(op) * eps));
    return worst;
}

// The forward-error ratio against the reference solution xref = op^+ b.
inline double forward_error(const Ref &op, const Ref &x, const Ref &xref, const Ref &b, long double kappa,
                            double eps) {
    const Ref rref = subtract(b, multiply(op, xref));
    const Ref d = subtract(x, xref);
    const long double anorm = norm1(op);
    double worst = 0;
    for (int64_t j = 0; j < x.cols; ++j) {
        const long double bound =
            kappa * column_norm1(xref, j) + (anorm > 0 ? kappa * kappa * column_norm1(rref, j) / anorm : 0.0L);
        worst = std::max(worst, ratio(column_norm1(d, j), bound * dims(op) * eps));
    }
    return worst;
}

// The null-space ratio: how much of X lies outside range(W), for W of full column rank
// and gram_inv = (W^T W)^-1 (X - W gram_inv W^T X is that part).
inline double outside_range(const Ref &x, const Ref &w, const Ref &gram_inv, long double kappa, double eps) {
    const Ref d = subtract(x, multiply(w, multiply(gram_inv, multiply(transpose(w), x))));
    double worst = 0;
    for (int64_t j = 0; j < x.cols; ++j)
        worst = std::max(worst, ratio(column_norm1(d, j), column_norm1(x, j) * std::max(kappa, 1.0L) *
                                                               static_cast<long double>(std::max(x.rows, w.cols)) * eps));
    return worst;
}

// Factors p.a in both layouts (padded and not) and solves with every layout of B and X,
// both transposes (when `transposes`), and each nrhs; B alternates between consistent
// (B = op(A) Y) and random. Every solution must pass the three checks above.
template <class T>
void check_least_squares(fl_factor_kind kind, const Problem &p, std::initializer_list<int64_t> nrhs_list,
                         uint64_t seed, const fl_options *options = nullptr, bool transposes = true) {
    const Ref pinv = reference_pinv(p);
    const long double kappa = norm1(p.a) * norm1(pinv);
    const Ref u_gram_inv = inverse_of(multiply(transpose(p.u), p.u));
    const Ref v_gram_inv = inverse_of(multiply(transpose(p.v), p.v));
    for (fl_layout al : kLayouts)
        for (int64_t apad : {0, 3}) {
            std::ostringstream what;
            what << p.a.rows << "x" << p.a.cols << " A " << layout_name(al) << " ldpad " << apad;
            SCOPED_TRACE(what.str());
            const Matrix<T> am = Matrix<T>::from_ref(p.a, al, apad);
            const Matrix<T> am_before = am;
            FactorPtr f;
            ASSERT_EQ(make_factor(f, kind, am, options), FL_OK) << fl_last_error();
            EXPECT_TRUE(am.bitwise_equal(am_before)) << "A was modified";
            EXPECT_EQ(fl_factor_get_kind(f.get()), kind);
            EXPECT_EQ(fl_factor_rows(f.get()), p.a.rows);
            EXPECT_EQ(fl_factor_cols(f.get()), p.a.cols);
            int combo = 0;
            for (int64_t nrhs : nrhs_list)
                for (fl_layout bl : kLayouts)
                    for (fl_layout xl : kLayouts)
                        for (fl_transpose tr : kTransposes) {
                            if (tr == FL_TRANS && !transposes) continue;
                            ++combo;
                            const bool consistent = combo % 2 == 0;
                            const int64_t bpad = combo % 3 == 0 ? 0 : 2, xpad = combo % 4 < 2 ? 0 : 1;
                            std::ostringstream how;
                            how << "nrhs=" << nrhs << " B " << layout_name(bl) << " pad " << bpad << ", X "
                                << layout_name(xl) << " pad " << xpad << ", " << trans_name(tr)
                                << (consistent ? ", consistent" : ", random") << " B";
                            SCOPED_TRACE(how.str());
                            const bool no = tr == FL_NO_TRANS;
                            const Ref op = no ? p.a : transpose(p.a);
                            const Ref op_pinv = no ? pinv : transpose(pinv);
                            const Ref bref = consistent ? rounded<T>(multiply(op, random_ref(op.cols, nrhs, seed + combo)))
                                                        : rounded<T>(random_ref(op.rows, nrhs, seed + combo));
                            const Matrix<T> b = Matrix<T>::from_ref(bref, bl, bpad);
                            const Matrix<T> b_before = b;
                            Matrix<T> x(op.cols, nrhs, xl, xpad, T(-777));
                            x.fill(std::numeric_limits<T>::quiet_NaN());  // written, never read
                            const Matrix<T> x_before = x;
                            ASSERT_EQ(solve(f.get(), tr, b, x), FL_OK) << fl_last_error();
                            EXPECT_TRUE(b.bitwise_equal(b_before)) << "B was modified";
                            EXPECT_TRUE(x.padding_equal(x_before)) << "the padding of X was written";
                            const Ref xr = x.to_ref();
                            const Ref xstar = multiply(op_pinv, bref);
                            EXPECT_LT(normal_equation_residual(op, xr, bref, eps<T>()), kResidualThreshold);
                            EXPECT_LT(forward_error(op, xr, xstar, bref, kappa, eps<T>()), kResidualThreshold);
                            EXPECT_LT(outside_range(xr, no ? p.v : p.u, no ? v_gram_inv : u_gram_inv, kappa, eps<T>()),
                                      kResidualThreshold);
                        }
        }
}

}  // namespace fltest

#endif
