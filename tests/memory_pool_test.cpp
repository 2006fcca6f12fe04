// The memory pool (src/core/memory_pool.cpp compiled in) and the complex moduli
// (src/core/moduli.cpp): what a released block becomes, the limits, and that every
// modulus sum matches std::abs's, overflow, underflow and NaN included.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

#include "core/memory_pool.hpp"
#include "core/moduli.hpp"

namespace {

using fl::pool::Block;
constexpr std::size_t MiB = std::size_t(1) << 20;

// Each test runs in its own process (gtest_discover_tests), so the limit read once from
// the environment is the one the test sets before its first request.
void retain_mb(const char *mb) { setenv("FASTLINALG_RETAIN_MB", mb, 1); }

TEST(MemoryPool, AReleasedBlockServesTheNextRequestOfAboutItsSize) {
    retain_mb("64");
    const Block a = fl::pool::take(3 * MiB);
    ASSERT_NE(a.data, nullptr);
    EXPECT_GE(a.bytes, 3 * MiB);
    std::memset(a.data, 1, a.bytes);  // all of it is writable
    fl::pool::give(a);
    const Block again = fl::pool::take(2 * MiB);  // at most twice as large: taken
    EXPECT_EQ(again.data, a.data);
    EXPECT_EQ(again.bytes, a.bytes);
    fl::pool::give(again);
    const Block small = fl::pool::take(1 * MiB);  // under half its size: a block of its own
    EXPECT_NE(small.data, a.data);
    fl::pool::give(small);
    EXPECT_EQ(fl::pool::release_all(), a.bytes + small.bytes);
    EXPECT_EQ(fl::pool::release_all(), 0u);
}

TEST(MemoryPool, TheSmallestLargeEnoughBlockIsTaken) {
    retain_mb("64");
    const Block big = fl::pool::take(8 * MiB), mid = fl::pool::take(5 * MiB);
    fl::pool::give(big);
    fl::pool::give(mid);
    const Block b = fl::pool::take(4 * MiB);
    EXPECT_EQ(b.data, mid.data);
    fl::pool::give(b);
    fl::pool::release_all();
}

TEST(MemoryPool, NothingBeyondTheLimitIsKept) {
    retain_mb("4");
    const Block over = fl::pool::take(5 * MiB);
    fl::pool::give(over);  // above the whole limit: unmapped at once
    EXPECT_EQ(fl::pool::release_all(), 0u);
    // Two of 3 MiB: the second pushes the first (kept longest) out.
    const Block first = fl::pool::take(3 * MiB), second = fl::pool::take(3 * MiB);
    fl::pool::give(first);
    fl::pool::give(second);
    EXPECT_EQ(fl::pool::release_all(), second.bytes);
}

TEST(MemoryPool, AtMostPoolSlotsBlocksAreKept) {
    retain_mb("1024");
    std::vector<Block> blocks;
    for (int i = 0; i < fl::pool::pool_slots + 3; ++i) blocks.push_back(fl::pool::take(MiB));
    for (const Block &b : blocks) fl::pool::give(b);
    EXPECT_EQ(fl::pool::release_all(), std::size_t(fl::pool::pool_slots) * blocks[0].bytes);
}

TEST(MemoryPool, ZeroTurnsItOff) {
    retain_mb("0");
    EXPECT_EQ(fl::pool::retained_limit(), 0u);
    fl::pool::give(fl::pool::take(MiB));
    EXPECT_EQ(fl::pool::release_all(), 0u);
}

TEST(MemoryPool, ANonNumberKeepsTheDefault) {
    retain_mb("lots");
    EXPECT_EQ(fl::pool::retained_limit(), 256 * MiB);
}

// Many threads taking and giving blocks of mixed sizes: every block taken is whole and
// exclusively its taker's (each writes and checks its own pattern), under TSan too.
TEST(MemoryPool, ManyThreadsTakeAndGive) {
    retain_mb("16");
    std::vector<std::thread> threads;
    std::vector<int> bad(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([t, &bad] {
            for (int round = 0; round < 200; ++round) {
                const std::size_t bytes = (std::size_t(64) << 10) * std::size_t(1 + (round + t) % 5);
                const Block b = fl::pool::take(bytes);
                auto *p = static_cast<unsigned char *>(b.data);
                std::memset(p, t + 1, bytes);
                for (std::size_t i = 0; i < bytes; i += 4093)
                    if (p[i] != t + 1) ++bad[static_cast<std::size_t>(t)];
                fl::pool::give(b);
            }
        });
    for (std::thread &th : threads) th.join();
    for (int b : bad) EXPECT_EQ(b, 0);
    fl::pool::release_all();
}

template <class R>
void expect_moduli_match_std_abs(const std::vector<std::complex<R>> &x) {
    std::vector<R> out(x.size());
    const R sum = fl::complex_moduli(x.data(), static_cast<fl::index_t>(x.size()), out.data());
    const R sum_only = fl::complex_abs_sum(x.data(), static_cast<fl::index_t>(x.size()));
    R reference = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const R m = std::abs(x[i]);
        reference += m;
        if (std::isnan(m))
            EXPECT_TRUE(std::isnan(out[i])) << i;
        else if (std::isinf(m))
            EXPECT_EQ(out[i], m) << i;
        else
            EXPECT_NEAR(out[i], m, 4 * std::numeric_limits<R>::epsilon() * m) << i;
    }
    if (std::isnan(reference)) {
        EXPECT_TRUE(std::isnan(sum));
        EXPECT_TRUE(std::isnan(sum_only));
    } else if (std::isinf(reference)) {
        EXPECT_EQ(sum, reference);
        EXPECT_EQ(sum_only, reference);
    } else {
        const R tolerance = 64 * std::numeric_limits<R>::epsilon() * reference;
        EXPECT_NEAR(sum, reference, tolerance);
        EXPECT_NEAR(sum_only, reference, tolerance);
    }
}

template <class R>
void moduli_cases() {
    using C = std::complex<R>;
    const R big = std::numeric_limits<R>::max() / 4, tiny = std::numeric_limits<R>::min() * 8;
    for (int count : {0, 1, 7, 8, 9, 33}) {
        std::vector<C> plain, zeros(static_cast<std::size_t>(count)), huge, small, mixed, nan;
        for (int i = 0; i < count; ++i) {
            plain.emplace_back(R(i) - R(3.5), R(0.25) * R(i));
            huge.emplace_back(big, -big / R(i + 1));  // squares overflow, moduli do not
            small.emplace_back(tiny * R(i + 1), tiny);  // squares underflow, moduli do not
            mixed.push_back(i % 3 == 0 ? C(tiny, 0) : C(R(i), R(-i)));
            nan.push_back(i == count / 2 ? C(std::numeric_limits<R>::quiet_NaN(), 1) : C(1, 1));
        }
        for (const auto *v : {&plain, &zeros, &huge, &small, &mixed, &nan}) expect_moduli_match_std_abs(*v);
    }
    expect_moduli_match_std_abs<R>({C(1, 2), C(std::numeric_limits<R>::infinity(), 0), C(3, 4)});
}

TEST(ComplexModuli, MatchStdAbsFloat) { moduli_cases<float>(); }
TEST(ComplexModuli, MatchStdAbsDouble) { moduli_cases<double>(); }

}  // namespace
