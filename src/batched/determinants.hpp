// log|det| and the sign of one lane's matrix from its factored pack: the product of the
// diagonal, taken in one log when it neither overflows nor underflows, else term by term.
#pragma once

#include <cmath>
#include <limits>

#include "batched/lanes.hpp"
#include "batched/stack.hpp"
#include "dense/factor.hpp"

namespace fl::batched {

// LU (piv != nullptr: each row swap flips the sign) or the Cholesky factor L (piv ==
// nullptr: det = prod(l_kk)^2, always positive) in lane l of the n-by-n pack a.
template <class T>
LogDet lane_logdet(index_t n, const T *a, const T *piv, index_t l) {
    const index_t w = lanes<T>;
    double product = 1, sign = 1;
    for (index_t k = 0; k < n; ++k) {
        const double d = a[(k * n + k) * w + l];
        product *= d;
        if (piv != nullptr && static_cast<index_t>(piv[k * w + l]) != k) sign = -sign;
    }
    if (product == 0) return {0, -std::numeric_limits<double>::infinity()};
    if (product < 0) sign = -sign;
    const double exponent_factor = piv != nullptr ? 1 : 2;
    const double magnitude = std::fabs(product);
    if (magnitude > 1e-300 && magnitude < 1e300)
        return {sign, exponent_factor * std::log(magnitude)};
    double sum = 0;
    for (index_t k = 0; k < n; ++k)
        sum += std::log(std::fabs(static_cast<double>(a[(k * n + k) * w + l])));
    return {sign, exponent_factor * sum};
}

// The determinant reported for a matrix that was not factored: an exactly singular one has
// det = 0 (sign 0, logabsdet -inf, as numpy's slogdet); any other failure NaN.
inline LogDet failed_logdet(Outcome outcome) {
    if (outcome == Outcome::singular) return {0, -std::numeric_limits<double>::infinity()};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
}

}  // namespace fl::batched
