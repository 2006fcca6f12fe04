// The residual check of solve_many, in its own translation unit: fastlinalg.hpp included by
// two files of one program must link (everything in it is inline).
#ifndef SOLVE_MANY_RESIDUAL_HPP
#define SOLVE_MANY_RESIDUAL_HPP

#include <fastlinalg/fastlinalg.hpp>

// max|A X - B| / (max|A| max|X| n eps), LAPACK's scaled solve residual taken elementwise.
double scaled_residual(const fastlinalg::matrix<double> &a, const fastlinalg::matrix<double> &x,
                       const fastlinalg::matrix<double> &b);

#endif
