// The persistent pool behind fastlinalg's parallel loops (src/core/thread_pool.cpp), tested
// directly: every item runs exactly once, participant numbers stay below the count asked
// for, the first exception comes back, and jobs started inside jobs or from many threads
// at once finish (a deadlock shows as the ctest timeout).
#include "core/thread_pool.hpp"

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

using fl::index_t;

TEST(ThreadPool, EveryItemOnceAndParticipantsInRange) {
    for (int participants : {1, 2, 3, 8}) {
        const index_t items = 1000;
        std::vector<std::atomic<int>> runs(items);
        std::atomic<int> out_of_range{0};
        fl::pool::run(items, participants, [&](int p, index_t i) {
            if (p < 0 || p >= participants) ++out_of_range;
            ++runs[static_cast<size_t>(i)];
        });
        EXPECT_EQ(out_of_range.load(), 0);
        for (index_t i = 0; i < items; ++i) ASSERT_EQ(runs[static_cast<size_t>(i)].load(), 1) << i;
    }
    EXPECT_GE(fl::pool::started_threads(), 1);  // it really grew
    EXPECT_LE(fl::pool::started_threads(), 7);  // never beyond the most asked for, minus the caller
}

TEST(ThreadPool, NoItemsAndOneItem) {
    int calls = 0;
    fl::pool::run(0, 4, [&](int, index_t) { ++calls; });
    EXPECT_EQ(calls, 0);
    fl::pool::run(1, 4, [&](int p, index_t i) { calls += 1 + p + int(i); });
    EXPECT_EQ(calls, 1);  // on the caller (participant 0)
}

TEST(ThreadPool, FirstExceptionIsRethrownAndThePoolStaysUsable) {
    EXPECT_THROW(fl::pool::run(100, 4,
                               [](int, index_t i) {
                                   if (i % 7 == 3) throw std::runtime_error("item failed");
                               }),
                 std::runtime_error);
    std::atomic<index_t> sum{0};
    fl::pool::run(100, 4, [&](int, index_t i) { sum += i; });
    EXPECT_EQ(sum.load(), 4950);
}

TEST(ThreadPool, NestedJobsFinish) {
    std::atomic<index_t> sum{0};
    fl::pool::run(16, 4, [&](int, index_t i) {
        fl::pool::run(16, 4, [&](int, index_t j) {
            fl::pool::run(4, 4, [&](int, index_t l) { sum += i * 64 + j * 4 + l; });
        });
    });
    EXPECT_EQ(sum.load(), 1024 * 1023 / 2);
}

TEST(ThreadPool, ManyCallersAtOnce) {
    std::vector<std::thread> callers;
    std::atomic<int> wrong{0};
    for (int c = 0; c < 16; ++c)
        callers.emplace_back([&, c] {
            for (int round = 0; round < 50; ++round) {
                std::atomic<index_t> sum{0};
                fl::pool::run(64 + c, 4, [&](int, index_t i) { sum += i; });
                const index_t n = 64 + c;
                if (sum.load() != n * (n - 1) / 2) ++wrong;
            }
        });
    for (std::thread &t : callers) t.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
