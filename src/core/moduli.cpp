#include "core/moduli.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fl {

namespace {

// sqrt(re^2 + im^2) for every element, with eight partial sums so that the loop is a vector
// loop (this file is compiled with -fno-math-errno: sqrt is then one instruction). Beside it,
// the smallest square of a nonzero element: below the smallest normal number, some square
// underflowed and its root lost digits or vanished. A square that overflowed (or a NaN)
// makes the sum infinite (or NaN). Either way every modulus is taken again by std::abs,
// which guards against both (hypot); a sum that overflowed with every square finite is
// infinite that way too.
template <class R, bool Store>
R moduli_of(const std::complex<R> *x, index_t count, R *out) {
    const R *p = reinterpret_cast<const R *>(x);
    constexpr int lanes = 8;
    constexpr R largest = std::numeric_limits<R>::max();
    R sums[lanes] = {}, lows[lanes];
    for (R &low : lows) low = largest;
    const auto modulus = [&](index_t i, R &sum, R &low) {
        const R re = p[2 * i], im = p[2 * i + 1];
        const R square = re * re + im * im;
        const R m = std::sqrt(square);
        if constexpr (Store) out[i] = m;
        sum += m;
        low = std::min(low, re != 0 || im != 0 ? square : largest);
    };
    index_t i = 0;
    for (; i + lanes <= count; i += lanes)
        for (int k = 0; k < lanes; ++k) modulus(i + k, sums[k], lows[k]);
    R sum = 0, low = largest;
    for (; i < count; ++i) modulus(i, sum, low);
    for (int k = 0; k < lanes; ++k) {
        sum += sums[k];
        low = std::min(low, lows[k]);
    }
    if (std::isfinite(sum) && low >= std::numeric_limits<R>::min()) return sum;
    sum = 0;
    for (i = 0; i < count; ++i) {
        const R m = std::abs(x[i]);
        if constexpr (Store) out[i] = m;
        sum += m;
    }
    return sum;
}

}  // namespace

template <class R>
R complex_abs_sum(const std::complex<R> *x, index_t count) {
    return moduli_of<R, false>(x, count, nullptr);
}

template <class R>
R complex_moduli(const std::complex<R> *x, index_t count, R *out) {
    return moduli_of<R, true>(x, count, out);
}

template float complex_abs_sum(const std::complex<float> *, index_t);
template double complex_abs_sum(const std::complex<double> *, index_t);
template float complex_moduli(const std::complex<float> *, index_t, float *);
template double complex_moduli(const std::complex<double> *, index_t, double *);

}  // namespace fl
