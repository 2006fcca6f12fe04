#include "binning/binning.hpp"

namespace fl::binning {

// Counting sort: count each bin, turn the counts into starts (offsets), then place the
// indices in increasing i, each at its bin's next free slot, which keeps them in order
// within a bin. Two passes over the labels (the first, bincount, checks them), one over
// the bins.
void group_by_bin(index_t n, const int64_t *labels, index_t nbins, int64_t *offsets,
                  int64_t *perm) {
    bincount(n, labels, nbins, offsets + 1);
    offsets[0] = 0;
    for (index_t b = 0; b < nbins; ++b) offsets[b + 1] += offsets[b];
    // offsets[b] now serves as bin b's next free slot; it ends at the start of bin b + 1,
    // so shifting back by one bin restores the starts.
    for (index_t i = 0; i < n; ++i) perm[offsets[labels[i]]++] = i;
    for (index_t b = nbins; b > 0; --b) offsets[b] = offsets[b - 1];
    offsets[0] = 0;
}

}  // namespace fl::binning
