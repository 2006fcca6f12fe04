// Binning from fuzzed input: fl_digitize (either dtype, edges increasing, decreasing, tied or
// not monotone, NaN/Inf among them and among the points, right = 0, 1 or invalid), fl_bincount,
// fl_bincount_weighted and fl_group_by_bin (labels in and out of range), each compared with
// the naive loop: exactly for the integer results, to the rounding of the sums for the weights.
#include "fuzz_checks.hpp"

#include <algorithm>

namespace flfuzz {
namespace {

// numpy.digitize by counting: for increasing edges the bin of x is the number of edges <= x
// (right = 0) or < x (right = 1); for decreasing ones, the number > x or >= x.
int64_t naive_bin(double x, const std::vector<double> &edges, bool increasing, int right) {
    int64_t count = 0;
    for (double e : edges) {
        if (increasing)
            count += right ? e < x : e <= x;
        else
            count += right ? e >= x : e > x;
    }
    return count;
}

void digitize(FuzzInput &in) {
    bool bad = false, tame = true;
    const fl_dtype dtype = in.real_dtype(&bad);
    const int64_t n = in.size_in(0, 8), nedges = in.size_in(0, 5);
    Mat x(dtype, FL_COL_MAJOR, n, 1), edges(dtype, FL_COL_MAJOR, nedges, 1);
    x.fill(in);
    std::vector<double> e;
    for (int64_t i = 0; i < nedges; ++i) e.push_back(in.value(&tame));
    switch (in.byte() % 4) {  // mostly monotone, as callers pass them
        case 0:
            std::sort(e.begin(), e.end());
            break;
        case 1:
            std::sort(e.begin(), e.end(), [](double p, double q) { return p > q; });
            break;
        default:
            break;
    }
    for (int64_t i = 0; i < nedges; ++i) edges.set(i, 0, e[i]);
    std::vector<double> ev, xv;  // the values as the library sees them (rounded to dtype)
    bool nan = false, increasing = true, decreasing = true;
    for (int64_t i = 0; i < nedges; ++i) ev.push_back(edges(i, 0));
    for (int64_t i = 0; i < n; ++i) xv.push_back(x(i, 0));
    for (double v : ev) nan = nan || std::isnan(v);
    for (double v : xv) nan = nan || std::isnan(v);
    for (int64_t i = 1; i < nedges; ++i) {
        increasing = increasing && ev[i - 1] <= ev[i];
        decreasing = decreasing && ev[i - 1] >= ev[i];
    }
    const uint8_t r = in.byte();
    const int right = r < 250 ? r % 2 : r - 252;  // -2 .. 3 now and then
    if (right != 0 && right != 1) bad = true;
    std::vector<int64_t> bins(n, -7);
    const Snapshot in_x(x), in_edges(edges), out(bins);
    const fl_status status = fl_digitize(dtype, n, x.data(), nedges, edges.data(), right,
                                         bins.empty() ? nullptr : bins.data());
    const bool must_fail = bad || nan || !(increasing || decreasing);
    const bool ok = check_status(status, "fl_digitize", must_fail);
    check_buffers("fl_digitize", ok, {&in_x, &in_edges}, {&out});
    if (!ok && !bad && !nan && status != FL_ERR_INVALID_ARGUMENT)
        finding("fl_digitize: edges that are not monotone gave %s", fl_status_string(status));
    if (!ok && !bad && nan && status != FL_ERR_NON_FINITE && (increasing || decreasing))
        finding("fl_digitize: NaN gave %s", fl_status_string(status));
    if (!ok && !must_fail) finding("fl_digitize failed on valid input: %s", fl_last_error());
    if (ok)
        for (int64_t i = 0; i < n; ++i)
            if (bins[i] != naive_bin(xv[i], ev, increasing, right))
                finding("fl_digitize: bins[%lld] = %lld, the naive loop gives %lld", (long long)i,
                        (long long)bins[i], (long long)naive_bin(xv[i], ev, increasing, right));
}

void counts(FuzzInput &in) {
    bool bad = false;
    const int64_t n = in.size_in(0, 8), nbins = in.size_in(0, 5);
    std::vector<int64_t> labels;
    for (int64_t i = 0; i < n; ++i) {
        const uint8_t b = in.byte();
        labels.push_back(b < 240 && nbins > 0 ? b % nbins : (b % 2 ? -1 : nbins));
        if (labels.back() < 0 || labels.back() >= nbins) bad = true;
    }
    const int64_t *lp = labels.empty() ? nullptr : labels.data();
    const Snapshot in_labels(labels);
    switch (in.byte() % 3) {
        case 0: {
            std::vector<int64_t> c(nbins, -7);
            const Snapshot out(c);
            const bool ok = check_status(fl_bincount(n, lp, nbins, c.empty() ? nullptr : c.data()),
                                         "fl_bincount", bad);
            check_buffers("fl_bincount", ok, {&in_labels}, {&out});
            if (!ok && !bad) finding("fl_bincount failed on valid labels: %s", fl_last_error());
            for (int64_t b = 0; ok && b < nbins; ++b)
                if (c[b] != std::count(labels.begin(), labels.end(), b))
                    finding("fl_bincount: counts[%lld] = %lld", (long long)b, (long long)c[b]);
            break;
        }
        case 1: {
            const fl_dtype dtype = in.real_dtype(&bad);
            Mat w(dtype, FL_COL_MAJOR, n, 1), sums(dtype, FL_COL_MAJOR, nbins, 1);
            w.fill(in);
            sums.poison();
            const Snapshot in_w(w), out(sums);
            const bool ok =
                check_status(fl_bincount_weighted(n, lp, dtype, w.data(), nbins, sums.data()),
                             "fl_bincount_weighted", bad);
            check_buffers("fl_bincount_weighted", ok, {&in_labels, &in_w}, {&out});
            if (!ok && !bad)
                finding("fl_bincount_weighted failed on valid labels: %s", fl_last_error());
            for (int64_t b = 0; ok && w.tame() && b < nbins; ++b) {
                double want = 0, scale = 0;
                for (int64_t i = 0; i < n; ++i)
                    if (labels[i] == b) want += w(i, 0), scale += std::fabs(w(i, 0));
                check_close("fl_bincount_weighted", "sums[b]", sums(b, 0), want, epsilon(dtype),
                            scale);
            }
            break;
        }
        default: {
            std::vector<int64_t> offsets(nbins + 1, -7), perm(n, -7);
            const Snapshot out_offsets(offsets), out_perm(perm);
            const bool ok = check_status(
                fl_group_by_bin(n, lp, nbins, offsets.data(), perm.empty() ? nullptr : perm.data()),
                "fl_group_by_bin", bad);
            check_buffers("fl_group_by_bin", ok, {&in_labels}, {&out_offsets, &out_perm});
            if (!ok && !bad) finding("fl_group_by_bin failed on valid labels: %s", fl_last_error());
            if (!ok) break;
            std::vector<int64_t> want(n);  // the stable sort by label
            for (int64_t i = 0; i < n; ++i) want[i] = i;
            std::stable_sort(want.begin(), want.end(),
                             [&](int64_t p, int64_t q) { return labels[p] < labels[q]; });
            if (perm != want) finding("fl_group_by_bin: perm is not the stable sort by label");
            for (int64_t b = 0; b <= nbins; ++b)
                if (offsets[b] !=
                    std::count_if(labels.begin(), labels.end(), [&](int64_t l) { return l < b; }))
                    finding("fl_group_by_bin: offsets[%lld] = %lld", (long long)b,
                            (long long)offsets[b]);
        }
    }
}

}  // namespace
}  // namespace flfuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    flfuzz::FuzzInput in(data, size);
    while (!in.exhausted()) {
        if (in.flag())
            flfuzz::digitize(in);
        else
            flfuzz::counts(in);
    }
    return 0;
}
