// Sums of the moduli |z| = sqrt(re^2 + im^2) of complex numbers, as the 1- and infinity-norms
// of complex matrices need them (core/norms.hpp). std::abs of a complex number is hypot,
// whose guard against overflow does not vectorise and cost more than a factorization's whole
// copy of A (a third of the overhead of a complex Cholesky over raw zpotrf at n = 1000); these
// take the plain formula in vector registers and fall back to std::abs only for a run that
// holds a square that over- or underflowed (or NaN).
#pragma once

#include <complex>

#include "core/types.hpp"

namespace fl {

// The sum of |x[i]| for i < count.
template <class R>
R complex_abs_sum(const std::complex<R> *x, index_t count);

// out[i] <- |x[i]| for i < count; returns their sum.
template <class R>
R complex_moduli(const std::complex<R> *x, index_t count, R *out);

}  // namespace fl
