#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>

#include "binning/binning.hpp"
#include "core/error.hpp"

namespace fl::binning {
namespace {

template <class T>
std::string value_text(T v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

[[noreturn]] void nan_at(const char *name, index_t i) {
    throw Error(ErrorCode::non_finite, std::string(name) + "[" + std::to_string(i) + "] is nan");
}

// Whether the edges increase (true) or decrease, as numpy decides it: the first two
// different edges set the direction (all equal counts as increasing), and every later
// pair must follow it, ties allowed.
template <class T>
bool increasing_edges(index_t nedges, const T *edges) {
    for (index_t i = 0; i < nedges; ++i)
        if (std::isnan(edges[i])) nan_at("edges", i);
    index_t first = 1;
    while (first < nedges && edges[first] == edges[first - 1]) ++first;
    const bool up = first >= nedges || edges[first - 1] < edges[first];
    for (index_t i = first; i < nedges; ++i) {
        if (up ? edges[i] >= edges[i - 1] : edges[i] <= edges[i - 1]) continue;
        throw Error(ErrorCode::invalid_argument,
                    "edges are not monotone: edges[" + std::to_string(i) +
                        "] = " + value_text(edges[i]) + " after edges[" + std::to_string(i - 1) +
                        "] = " + value_text(edges[i - 1]) + " in " +
                        (up ? "increasing" : "decreasing") + " edges");
    }
    return up;
}

// bins[i] = the number of edges e with before(e, x[i]): a prefix of the edges, found by
// binary search.
template <class T, class Before>
void count_before(index_t n, const T *x, index_t nedges, const T *edges, Before before,
                  int64_t *bins) {
    for (index_t i = 0; i < n; ++i) {
        const T v = x[i];
        const T *end =
            std::partition_point(edges, edges + nedges, [&](const T &e) { return before(e, v); });
        bins[i] = end - edges;
    }
}

}  // namespace

// numpy.digitize counts edges: increasing edges with right = 0 give #{e <= x} (so
// edges[b-1] <= x < edges[b]), right = 1 #{e < x}; decreasing edges give #{e > x} and
// #{e >= x}. Each counted set is a prefix of the edges.
template <class T>
void digitize(index_t n, const T *x, index_t nedges, const T *edges, bool right, int64_t *bins) {
    const bool up = increasing_edges(nedges, edges);
    // Every x is checked before the first bin is written: a failed call writes nothing.
    for (index_t i = 0; i < n; ++i)
        if (std::isnan(x[i])) nan_at("x", i);
    if (up && !right) count_before(n, x, nedges, edges, std::less_equal<T>(), bins);
    if (up && right) count_before(n, x, nedges, edges, std::less<T>(), bins);
    if (!up && !right) count_before(n, x, nedges, edges, std::greater<T>(), bins);
    if (!up && right) count_before(n, x, nedges, edges, std::greater_equal<T>(), bins);
}

template void digitize<float>(index_t, const float *, index_t, const float *, bool, int64_t *);
template void digitize<double>(index_t, const double *, index_t, const double *, bool, int64_t *);

}  // namespace fl::binning
