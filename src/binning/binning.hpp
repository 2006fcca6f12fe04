// Binning: which bin each value falls in (digitize), how many values or how much weight
// each bin holds (bincount), and the indices of each bin gathered together (group_by_bin),
// so that per-bin work touches only its own points. docs/rolled_and_binning.md.
#pragma once

#include <cstdint>

#include "core/types.hpp"

namespace fl::binning {

// bins[i] = numpy.digitize(x[i], edges, right). Throws Error(non_finite) for a NaN in x or
// edges and Error(invalid_argument) for edges that are not monotone, naming the index.
template <class T>
void digitize(index_t n, const T *x, index_t nedges, const T *edges, bool right, int64_t *bins);

[[noreturn]] void bad_label(index_t i, int64_t label, index_t nbins);

// labels[i], checked to lie in [0, nbins): else Error(invalid_argument) naming it and i.
// Every function below checks its labels this way as it reads them, and writes its
// outputs only once all of them have passed.
inline int64_t checked_label(const int64_t *labels, index_t i, index_t nbins) {
    const int64_t label = labels[i];
    if (static_cast<uint64_t>(label) >= static_cast<uint64_t>(nbins)) bad_label(i, label, nbins);
    return label;
}

// counts[b] = #{i : labels[i] = b}.
void bincount(index_t n, const int64_t *labels, index_t nbins, int64_t *counts);

// sums[b] = the sum of weights[i] over labels[i] = b, accumulated in double.
template <class T>
void bincount_weighted(index_t n, const int64_t *labels, const T *weights, index_t nbins, T *sums);

// A stable counting sort of the indices by label: perm[offsets[b] .. offsets[b+1]) are the
// i with labels[i] = b in increasing order; offsets has nbins + 1 entries.
void group_by_bin(index_t n, const int64_t *labels, index_t nbins, int64_t *offsets, int64_t *perm);

}  // namespace fl::binning
