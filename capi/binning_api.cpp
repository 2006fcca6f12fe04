// fl_digitize, fl_bincount, fl_bincount_weighted, fl_group_by_bin: argument checks, then the
// maths of src/binning/.
#include <cstdint>
#include <string>

#include "binning/binning.hpp"
#include "capi/arguments.hpp"
#include "capi/array_args.hpp"
#include "capi/errors.hpp"
#include "core/typed.hpp"

using namespace fl::capi;

namespace {

// The checks every label-taking function shares: the sizes, and n labels that are there.
void require_labels(int64_t n, const int64_t *labels, int64_t nbins) {
    require_non_negative(n, "n");
    require_non_negative(nbins, "nbins");
    checked_elements({n}, sizeof(int64_t), "labels");
    require_array(labels, n, "labels");
}

}  // namespace

extern "C" {

FL_API fl_status fl_digitize(fl_dtype dtype, int64_t n, const void *x, int64_t nedges,
                             const void *edges, int right, int64_t *bins) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        require_non_negative(n, "n");
        require_non_negative(nedges, "nedges");
        if (right != 0 && right != 1)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "right = " + std::to_string(right) + " is not 0 or 1");
        checked_elements({n}, sizeof(int64_t), "x and bins (n elements)");
        checked_elements({nedges}, element_size(t), "edges (nedges elements)");
        require_array(x, n, "x");
        require_array(edges, nedges, "edges");
        require_array(bins, n, "bins");
        const auto bin_bytes = static_cast<int64_t>(n * sizeof(int64_t));
        require_disjoint(bins, bin_bytes, "bins", x, static_cast<int64_t>(n * element_size(t)),
                         "x");
        require_disjoint(bins, bin_bytes, "bins", edges,
                         static_cast<int64_t>(nedges * element_size(t)), "edges");
        fl::typed_real(t, [&](auto e) {
            using T = decltype(e);
            fl::binning::digitize(n, static_cast<const T *>(x), nedges, static_cast<const T *>(edges),
                                  right == 1, bins);
        });
    });
}

FL_API fl_status fl_bincount(int64_t n, const int64_t *labels, int64_t nbins, int64_t *counts) {
    return guarded(__func__, [&] {
        require_labels(n, labels, nbins);
        checked_elements({nbins}, sizeof(int64_t), "counts (nbins elements)");
        require_array(counts, nbins, "counts");
        require_disjoint(counts, static_cast<int64_t>(nbins * sizeof(int64_t)), "counts", labels,
                         static_cast<int64_t>(n * sizeof(int64_t)), "labels");
        fl::binning::bincount(n, labels, nbins, counts);
    });
}

FL_API fl_status fl_bincount_weighted(int64_t n, const int64_t *labels, fl_dtype dtype,
                                      const void *weights, int64_t nbins, void *sums) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        require_labels(n, labels, nbins);
        checked_elements({nbins}, sizeof(double), "sums (nbins elements)");
        require_array(weights, n, "weights");
        require_array(sums, nbins, "sums");
        const auto sum_bytes = static_cast<int64_t>(nbins * element_size(t));
        require_disjoint(sums, sum_bytes, "sums", weights,
                         static_cast<int64_t>(n * element_size(t)), "weights");
        require_disjoint(sums, sum_bytes, "sums", labels, static_cast<int64_t>(n * sizeof(int64_t)),
                         "labels");
        fl::typed_real(t, [&](auto e) {
            using T = decltype(e);
            fl::binning::bincount_weighted(n, labels, static_cast<const T *>(weights), nbins,
                                           static_cast<T *>(sums));
        });
    });
}

FL_API fl_status fl_group_by_bin(int64_t n, const int64_t *labels, int64_t nbins, int64_t *offsets,
                                 int64_t *perm) {
    return guarded(__func__, [&] {
        require_labels(n, labels, nbins);
        if (nbins == INT64_MAX)
            throw fl::Error(fl::ErrorCode::too_large, "nbins = " + std::to_string(nbins) +
                                                          " leaves no room for nbins + 1 offsets");
        checked_elements({nbins + 1}, sizeof(int64_t), "offsets (nbins + 1 elements)");
        require_array(offsets, nbins + 1, "offsets");
        require_array(perm, n, "perm");
        const auto label_bytes = static_cast<int64_t>(n * sizeof(int64_t));
        const auto offset_bytes = static_cast<int64_t>((nbins + 1) * sizeof(int64_t));
        require_disjoint(perm, label_bytes, "perm", offsets, offset_bytes, "offsets");
        require_disjoint(perm, label_bytes, "perm", labels, label_bytes, "labels");
        require_disjoint(offsets, offset_bytes, "offsets", labels, label_bytes, "labels");
        fl::binning::group_by_bin(n, labels, nbins, offsets, perm);
    });
}

}  // extern "C"
