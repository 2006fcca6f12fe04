#include "residual.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

double scaled_residual(const fastlinalg::matrix<double> &a, const fastlinalg::matrix<double> &x,
                       const fastlinalg::matrix<double> &b) {
    double worst = 0, amax = 0, xmax = 0;
    for (std::int64_t i = 0; i < b.rows(); ++i)
        for (std::int64_t j = 0; j < b.cols(); ++j) {
            long double s = -static_cast<long double>(b(i, j));
            for (std::int64_t p = 0; p < a.cols(); ++p)
                s += static_cast<long double>(a(i, p)) * x(p, j);
            worst = std::max(worst, static_cast<double>(std::fabs(s)));
        }
    for (double v : a.elements()) amax = std::max(amax, std::fabs(v));
    for (double v : x.elements()) xmax = std::max(xmax, std::fabs(v));
    const double scale =
        amax * xmax * static_cast<double>(a.rows()) * std::numeric_limits<double>::epsilon();
    return scale > 0 ? worst / scale : worst;
}
