#include <algorithm>
#include <string>
#include <vector>

#include "binning/binning.hpp"
#include "core/error.hpp"

namespace fl::binning {

void require_labels_in_range(index_t n, const int64_t *labels, index_t nbins) {
    for (index_t i = 0; i < n; ++i) {
        if (labels[i] >= 0 && labels[i] < nbins) continue;
        throw Error(ErrorCode::invalid_argument,
                    "labels[" + std::to_string(i) + "] = " + std::to_string(labels[i]) +
                        (labels[i] < 0 ? " is negative"
                                       : " is not below nbins = " + std::to_string(nbins)));
    }
}

void bincount(index_t n, const int64_t *labels, index_t nbins, int64_t *counts) {
    std::fill(counts, counts + nbins, 0);
    for (index_t i = 0; i < n; ++i) ++counts[labels[i]];
}

// Accumulated in double whatever T is, as numpy does (it returns float64 sums).
template <class T>
void bincount_weighted(index_t n, const int64_t *labels, const T *weights, index_t nbins, T *sums) {
    std::vector<double> acc(static_cast<std::size_t>(nbins), 0.0);
    for (index_t i = 0; i < n; ++i) acc[labels[i]] += double(weights[i]);
    std::transform(acc.begin(), acc.end(), sums, [](double v) { return static_cast<T>(v); });
}

template void bincount_weighted<float>(index_t, const int64_t *, const float *, index_t, float *);
template void bincount_weighted<double>(index_t, const int64_t *, const double *, index_t,
                                        double *);

}  // namespace fl::binning
