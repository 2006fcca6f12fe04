// log|det| and the sign of one lane's matrix from its factored pack: the product of the
// diagonal, taken in one log when it neither overflows nor underflows, else term by term.
#pragma once

#include <cmath>
#include <limits>

#include "batched/lanes.hpp"
#include "batched/pack_kernels.hpp"
#include "batched/stack.hpp"
#include "dense/factor.hpp"

namespace fl::batched {

// The product of the diagonal of lane l of the n-by-n pack a, and the sign of LU's row swaps
// (piv != nullptr: each swap flips it; the Cholesky factor L has none).
struct LaneProduct {
    double product, sign;
};
template <class T>
LaneProduct lane_product(index_t n, const T *a, const T *piv, index_t l) {
    const index_t w = lanes<T>;
    LaneProduct p{1, 1};
    for (index_t k = 0; k < n; ++k) {
        p.product *= a[(k * n + k) * w + l];
        if (piv != nullptr && static_cast<index_t>(piv[k * w + l]) != k) p.sign = -p.sign;
    }
    return p;
}

// Whether log |product| can be taken in one log (neither overflowed nor underflowed).
inline bool in_log_range(double product) {
    const double magnitude = std::fabs(product);
    return magnitude > 1e-300 && magnitude < 1e300;
}

// LogDet of lane l from its product and `log_magnitude` = log |p.product| (used only when
// in_log_range): det = product for LU, product^2 for Cholesky (piv == nullptr); outside
// the range, term by term.
template <class T>
LogDet lane_logdet_from(index_t n, const T *a, const T *piv, index_t l, LaneProduct p,
                        double log_magnitude) {
    if (p.product == 0) return {0, -std::numeric_limits<double>::infinity()};
    const double sign = p.product < 0 ? -p.sign : p.sign;
    const double exponent_factor = piv != nullptr ? 1 : 2;
    if (in_log_range(p.product)) return {sign, exponent_factor * log_magnitude};
    double sum = 0;
    for (index_t k = 0; k < n; ++k)
        sum += std::log(std::fabs(static_cast<double>(a[(k * n + k) * lanes<T> + l])));
    return {sign, exponent_factor * sum};
}

// LU (piv != nullptr) or the Cholesky factor L (piv == nullptr) in lane l of the n-by-n
// pack a: log|det| and its sign.
template <class T>
LogDet lane_logdet(index_t n, const T *a, const T *piv, index_t l) {
    const LaneProduct p = lane_product(n, a, piv, l);
    return lane_logdet_from(n, a, piv, l, p, std::log(std::fabs(p.product)));
}

// lane_logdet of every lane of the pack, its logs taken 8 lanes per vector (w is 8 or 16).
template <class T>
void pack_logdets(index_t n, const T *a, const T *piv, LogDet *out) {
    constexpr index_t w = lanes<T>;
    LaneProduct p[w];
    alignas(64) double logs[w];
    for (index_t l = 0; l < w; ++l) {
        p[l] = lane_product(n, a, piv, l);
        logs[l] = in_log_range(p[l].product) ? std::fabs(p[l].product) : 1;
    }
    pack_kernels<T>().logs(w, logs);
    for (index_t l = 0; l < w; ++l) out[l] = lane_logdet_from(n, a, piv, l, p[l], logs[l]);
}

// The determinant reported for a matrix that was not factored: an exactly singular one has
// det = 0 (sign 0, logabsdet -inf, as numpy's slogdet); any other failure NaN.
inline LogDet failed_logdet(Outcome outcome) {
    if (outcome == Outcome::singular) return {0, -std::numeric_limits<double>::infinity()};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
}

}  // namespace fl::batched
