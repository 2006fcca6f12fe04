// fl_digitize, fl_bincount, fl_bincount_weighted and fl_group_by_bin: hand cases whose
// answers numpy.digitize gives (ties, +-Inf, decreasing edges, right = 0 and 1), random
// inputs against direct loops (a linear count of edges, a per-bin comparison loop, a stable
// sort), empty inputs, and every argument error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "error_expect.hpp"
#include "test_support.hpp"

namespace {

using I64 = std::vector<int64_t>;

template <class T>
I64 digitize(const std::vector<T> &x, const std::vector<T> &edges, int right) {
    I64 bins(x.size(), -1);
    EXPECT_ERROR(fl_digitize(fltest::Dtype<T>::value, static_cast<int64_t>(x.size()), x.data(),
                             static_cast<int64_t>(edges.size()), edges.data(), right, bins.data()),
                 FL_OK, "");
    return bins;
}

FLTEST_TYPED_SUITE(Digitize);

// Each row: x, edges, numpy.digitize(x, edges), numpy.digitize(x, edges, right=True).
TYPED_TEST(Digitize, HandCasesAsNumpyGivesThem) {
    using T = TypeParam;
    const T inf = std::numeric_limits<T>::infinity();
    struct Case {
        std::vector<T> x, edges;
        I64 left, right;
    };
    const Case cases[] = {
        {{0.2f, 6.4f, 3.0f, 1.6f}, {0, 1, 2.5f, 4, 10}, {1, 4, 3, 2}, {1, 4, 3, 2}},
        // values on edges: right = 0 puts them in the bin they open, right = 1 the one they close
        {{1.2f, 10, 12.4f, 15.5f, 20, -1},
         {0, 5, 10, 15, 20},
         {1, 3, 3, 4, 5, 0},
         {1, 2, 3, 4, 4, 0}},
        // decreasing edges
        {{1.2f, 10, 12.4f, 15.5f, 20, -1},
         {20, 15, 10, 5, 0},
         {4, 2, 2, 1, 0, 5},
         {4, 3, 2, 1, 1, 5}},
        // ties among the edges, increasing and decreasing
        {{2, 1, 3, 0, 5}, {1, 2, 2, 3}, {3, 1, 4, 0, 4}, {1, 0, 3, 0, 4}},
        {{2, 1, 3, 0, 5}, {3, 2, 2, 1}, {1, 3, 0, 4, 0}, {3, 4, 1, 4, 0}},
        // infinite values and edges
        {{-inf, inf, 0, -5}, {-inf, 0, inf}, {1, 3, 2, 1}, {0, 2, 1, 1}},
        {{-inf, inf, 0}, {inf, 0, -inf}, {2, 0, 1}, {3, 1, 2}},
        // all edges equal counts as increasing; one edge; no edges
        {{1, 0, 2}, {1, 1, 1}, {3, 0, 3}, {0, 0, 3}},
        {{3, 7, 5}, {5}, {0, 1, 1}, {0, 1, 0}},
        {{1, 0}, {}, {0, 0}, {0, 0}},
    };
    for (const Case &c : cases) {
        EXPECT_EQ(digitize(c.x, c.edges, 0), c.left);
        EXPECT_EQ(digitize(c.x, c.edges, 1), c.right);
    }
}

// The definition, counted edge by edge: increasing edges give #{e <= x} (right: e < x),
// decreasing ones #{e > x} (right: e >= x).
template <class T>
int64_t count_edges(T x, const std::vector<T> &edges, bool up, int right) {
    int64_t count = 0;
    for (T e : edges) count += up ? (right ? e < x : e <= x) : (right ? e >= x : e > x);
    return count;
}

TYPED_TEST(Digitize, RandomValuesMatchALinearCount) {
    using T = TypeParam;
    std::mt19937_64 gen(3);
    std::uniform_int_distribution<int> small(-20, 20);  // many ties between x and edges
    for (bool up : {true, false})
        for (int nedges : {1, 2, 7, 64}) {
            std::vector<T> edges(static_cast<size_t>(nedges)), x(500);
            for (T &e : edges) e = static_cast<T>(small(gen)) / 2;
            std::sort(edges.begin(), edges.end());
            if (!up) std::reverse(edges.begin(), edges.end());
            if (!up && edges.front() == edges.back())
                continue;  // all equal: increasing, tested above
            for (T &v : x) v = static_cast<T>(small(gen)) / 2 + static_cast<T>(small(gen) % 2) / 4;
            for (int right : {0, 1}) {
                const I64 got = digitize(x, edges, right);
                for (size_t i = 0; i < x.size(); ++i)
                    ASSERT_EQ(got[i], count_edges(x[i], edges, up, right))
                        << "x = " << x[i] << " right = " << right;
            }
        }
}

TEST(DigitizeErrors, BadInputGetsAStatusNamingIt) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> x = {1, 2, nan, 4}, edges = {0, 1, 3, 2}, good = {0, 1, 2, 3},
                              nan_edge = {0, nan, 2};
    I64 bins(4);
    const char *f = "fl_digitize";
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), 4, edges.data(), 0, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "not monotone", "edges[3] = 2", "edges[2] = 3",
                 "increasing");
    const std::vector<double> down = {5, 4, 4, 6};
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), 4, down.data(), 1, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "edges[3] = 6", "decreasing");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), 3, nan_edge.data(), 0, bins.data()),
                 FL_ERR_NON_FINITE, f, "edges[1] is nan");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 4, x.data(), 4, good.data(), 0, bins.data()),
                 FL_ERR_NON_FINITE, f, "x[2] is nan");
    const std::vector<float> xf = {1, std::numeric_limits<float>::quiet_NaN()}, gf = {0, 1};
    EXPECT_ERROR(fl_digitize(FL_FLOAT32, 2, xf.data(), 2, gf.data(), 1, bins.data()),
                 FL_ERR_NON_FINITE, f, "x[1] is nan");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), 4, good.data(), 2, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "right = 2");
    EXPECT_ERROR(fl_digitize(static_cast<fl_dtype>(0), 2, x.data(), 4, good.data(), 0, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "dtype = 0");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, -1, x.data(), 4, good.data(), 0, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "n = -1");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), -4, good.data(), 0, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "nedges = -4");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, nullptr, 4, good.data(), 0, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "x is NULL");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), 4, nullptr, 0, bins.data()),
                 FL_ERR_INVALID_ARGUMENT, f, "edges is NULL");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 2, x.data(), 4, good.data(), 0, nullptr),
                 FL_ERR_INVALID_ARGUMENT, f, "bins is NULL");
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, INT64_MAX / 4, x.data(), 4, good.data(), 0, bins.data()),
                 FL_ERR_TOO_LARGE, f, "2^63");
    // Empty x with NULL pointers is fine.
    EXPECT_ERROR(fl_digitize(FL_FLOAT64, 0, nullptr, 0, nullptr, 0, nullptr), FL_OK, f);
}

// Labels 0 .. nbins-1 with some bins left empty.
I64 random_labels(size_t n, int64_t nbins, uint64_t seed) {
    std::mt19937_64 gen(seed);
    std::uniform_int_distribution<int64_t> pick(0, nbins - 1);
    I64 labels(n);
    for (int64_t &v : labels) {
        v = pick(gen);
        if (v % 5 == 3) v = 0;  // bins 3, 8, ... stay empty
    }
    return labels;
}

TEST(Bincount, MatchesThePerValueComparisonLoop) {
    const int64_t nbins = 23;
    const I64 labels = random_labels(1000, nbins, 5);
    I64 counts(nbins, -1);
    ASSERT_EQ(fl_bincount(1000, labels.data(), nbins, counts.data()), FL_OK);
    for (int64_t b = 0; b < nbins; ++b)  // the seed's np.sum(samples == r) for each r
        EXPECT_EQ(counts[static_cast<size_t>(b)], std::count(labels.begin(), labels.end(), b)) << b;
    // Many bins (counted in place after a first checking pass): the same answer, and a bad
    // label still leaves the counts untouched.
    const int64_t many = 5000;
    const I64 spread = random_labels(3000, many, 6);
    I64 wide(many, -1);
    ASSERT_EQ(fl_bincount(3000, spread.data(), many, wide.data()), FL_OK);
    for (int64_t b = 0; b < many; b += 7)
        EXPECT_EQ(wide[static_cast<size_t>(b)], std::count(spread.begin(), spread.end(), b)) << b;
    I64 bad = spread;
    bad[2999] = many;
    std::fill(wide.begin(), wide.end(), -1);
    EXPECT_ERROR(fl_bincount(3000, bad.data(), many, wide.data()), FL_ERR_INVALID_ARGUMENT,
                 "fl_bincount", "labels[2999] = 5000");
    EXPECT_EQ(wide, I64(many, -1));
    // Empty input: all zeros; nbins = 0: nothing written, NULL allowed.
    I64 zeros(4, -1);
    EXPECT_EQ(fl_bincount(0, nullptr, 4, zeros.data()), FL_OK);
    EXPECT_EQ(zeros, I64(4, 0));
    EXPECT_EQ(fl_bincount(0, nullptr, 0, nullptr), FL_OK);
}

FLTEST_TYPED_SUITE(BincountWeighted);

TYPED_TEST(BincountWeighted, SumsTheWeightsOfEachBin) {
    using T = TypeParam;
    const int64_t nbins = 11, n = 700;
    const I64 labels = random_labels(n, nbins, 9);
    std::mt19937_64 gen(4);
    std::uniform_real_distribution<double> u(-1, 1);
    std::vector<T> w(n);
    for (T &v : w) v = static_cast<T>(u(gen));
    std::vector<T> sums(nbins, T(-99));
    ASSERT_EQ(fl_bincount_weighted(n, labels.data(), fltest::Dtype<T>::value, w.data(), nbins,
                                   sums.data()),
              FL_OK);
    for (int64_t b = 0; b < nbins; ++b) {
        long double exact = 0, magnitude = 0;
        for (int64_t i = 0; i < n; ++i)
            if (labels[static_cast<size_t>(i)] == b)
                exact += w[static_cast<size_t>(i)],
                    magnitude += std::fabs(w[static_cast<size_t>(i)]);
        // Summed in double, then rounded once to T.
        const double tol = fltest::eps<T>() * static_cast<double>(std::fabs(exact)) +
                           1e-13 * static_cast<double>(magnitude);
        EXPECT_NEAR(static_cast<double>(sums[static_cast<size_t>(b)]), static_cast<double>(exact),
                    tol)
            << b;
    }
    // A NaN weight poisons its own bin only, as in numpy.
    w[0] = std::numeric_limits<T>::quiet_NaN();
    ASSERT_EQ(fl_bincount_weighted(n, labels.data(), fltest::Dtype<T>::value, w.data(), nbins,
                                   sums.data()),
              FL_OK);
    for (int64_t b = 0; b < nbins; ++b)
        EXPECT_EQ(std::isnan(sums[static_cast<size_t>(b)]), b == labels[0]) << b;
}

TEST(GroupByBin, IsAStableCountingSort) {
    for (int64_t nbins : {1, 2, 17}) {
        const int64_t n = 997;
        const I64 labels = random_labels(n, nbins, static_cast<uint64_t>(nbins));
        I64 offsets(static_cast<size_t>(nbins + 1), -1), perm(n, -1);
        ASSERT_EQ(fl_group_by_bin(n, labels.data(), nbins, offsets.data(), perm.data()), FL_OK);
        I64 expected(n);
        std::iota(expected.begin(), expected.end(), 0);
        std::stable_sort(expected.begin(), expected.end(), [&](int64_t p, int64_t q) {
            return labels[static_cast<size_t>(p)] < labels[static_cast<size_t>(q)];
        });
        EXPECT_EQ(perm, expected);
        EXPECT_EQ(offsets[0], 0);
        for (int64_t b = 0; b < nbins; ++b)
            EXPECT_EQ(offsets[static_cast<size_t>(b + 1)] - offsets[static_cast<size_t>(b)],
                      std::count(labels.begin(), labels.end(), b));
    }
    I64 offsets(3, -1);
    EXPECT_EQ(fl_group_by_bin(0, nullptr, 2, offsets.data(), nullptr), FL_OK);
    EXPECT_EQ(offsets, I64(3, 0));
    int64_t only = -1;
    EXPECT_EQ(fl_group_by_bin(0, nullptr, 0, &only, nullptr), FL_OK);
    EXPECT_EQ(only, 0);
}

TEST(LabelErrors, BadLabelsAndArgumentsGetAStatusNamingThem) {
    const I64 negative = {0, 2, -3, 1}, too_big = {0, 4, 1}, ok = {0, 1};
    I64 counts(4, 7), offsets(5, 7), perm(4, 7);
    std::vector<double> w(4, 1.0), sums(4, 7.0);
    const char *bc = "fl_bincount", *bw = "fl_bincount_weighted", *gb = "fl_group_by_bin";
    EXPECT_ERROR(fl_bincount(4, negative.data(), 4, counts.data()), FL_ERR_INVALID_ARGUMENT, bc,
                 "labels[2] = -3", "negative");
    EXPECT_EQ(counts, I64(4, 7)) << "nothing written on error";
    EXPECT_ERROR(fl_bincount(3, too_big.data(), 4, counts.data()), FL_ERR_INVALID_ARGUMENT, bc,
                 "labels[1] = 4", "nbins = 4");
    EXPECT_ERROR(fl_bincount_weighted(4, negative.data(), FL_FLOAT64, w.data(), 4, sums.data()),
                 FL_ERR_INVALID_ARGUMENT, bw, "labels[2] = -3");
    EXPECT_EQ(sums, std::vector<double>(4, 7.0));
    EXPECT_ERROR(fl_group_by_bin(3, too_big.data(), 4, offsets.data(), perm.data()),
                 FL_ERR_INVALID_ARGUMENT, gb, "labels[1] = 4");
    EXPECT_EQ(offsets, I64(5, 7));
    EXPECT_ERROR(fl_group_by_bin(2, ok.data(), 0, offsets.data(), perm.data()),
                 FL_ERR_INVALID_ARGUMENT, gb, "labels[0] = 0", "nbins = 0");
    for (int64_t n : {int64_t{-1}}) {
        EXPECT_ERROR(fl_bincount(n, ok.data(), 4, counts.data()), FL_ERR_INVALID_ARGUMENT, bc,
                     "n = -1");
        EXPECT_ERROR(fl_bincount_weighted(n, ok.data(), FL_FLOAT64, w.data(), 4, sums.data()),
                     FL_ERR_INVALID_ARGUMENT, bw, "n = -1");
        EXPECT_ERROR(fl_group_by_bin(n, ok.data(), 4, offsets.data(), perm.data()),
                     FL_ERR_INVALID_ARGUMENT, gb, "n = -1");
    }
    EXPECT_ERROR(fl_bincount(2, ok.data(), -2, counts.data()), FL_ERR_INVALID_ARGUMENT, bc,
                 "nbins = -2");
    EXPECT_ERROR(fl_bincount(2, nullptr, 4, counts.data()), FL_ERR_INVALID_ARGUMENT, bc,
                 "labels is NULL");
    EXPECT_ERROR(fl_bincount(2, ok.data(), 4, nullptr), FL_ERR_INVALID_ARGUMENT, bc,
                 "counts is NULL");
    EXPECT_ERROR(fl_bincount_weighted(2, ok.data(), FL_FLOAT64, nullptr, 4, sums.data()),
                 FL_ERR_INVALID_ARGUMENT, bw, "weights is NULL");
    EXPECT_ERROR(fl_bincount_weighted(2, ok.data(), FL_FLOAT64, w.data(), 4, nullptr),
                 FL_ERR_INVALID_ARGUMENT, bw, "sums is NULL");
    EXPECT_ERROR(
        fl_bincount_weighted(2, ok.data(), static_cast<fl_dtype>(5), w.data(), 4, sums.data()),
        FL_ERR_INVALID_ARGUMENT, bw, "dtype = 5");
    EXPECT_ERROR(fl_group_by_bin(2, ok.data(), 4, nullptr, perm.data()), FL_ERR_INVALID_ARGUMENT,
                 gb, "offsets is NULL");
    EXPECT_ERROR(fl_group_by_bin(2, ok.data(), 4, offsets.data(), nullptr), FL_ERR_INVALID_ARGUMENT,
                 gb, "perm is NULL");
    EXPECT_ERROR(fl_group_by_bin(0, nullptr, INT64_MAX, offsets.data(), perm.data()),
                 FL_ERR_TOO_LARGE, gb, "nbins = 9223372036854775807");
    EXPECT_ERROR(fl_bincount(INT64_MAX / 2, ok.data(), 4, counts.data()), FL_ERR_TOO_LARGE, bc,
                 "labels", "2^63");
}

}  // namespace
