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

// Throws Error(invalid_argument) naming the first label outside [0, nbins) and its index.
void require_labels_in_range(index_t n, const int64_t *labels, index_t nbins);

// The functions below take labels already checked by require_labels_in_range.

// counts[b] = #{i : labels[i] = b}.
void bincount(index_t n, const int64_t *labels, index_t nbins, int64_t *counts);

// sums[b] = the sum of weights[i] over labels[i] = b, accumulated in double.
template <class T>
void bincount_weighted(index_t n, const int64_t *labels, const T *weights, index_t nbins, T *sums);

// A stable counting sort of the indices by label: perm[offsets[b] .. offsets[b+1]) are the
// i with labels[i] = b in increasing order; offsets has nbins + 1 entries.
void group_by_bin(index_t n, const int64_t *labels, index_t nbins, int64_t *offsets, int64_t *perm);

}  // namespace fl::binning
