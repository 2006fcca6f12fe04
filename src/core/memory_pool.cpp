#include "core/memory_pool.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

// Under AddressSanitizer a block is plain operator new memory of exactly the size asked
// for, so that an overrun of a factor's storage is still caught; the pool works the same.
#if defined(__SANITIZE_ADDRESS__)
#define FL_POOL_FROM_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FL_POOL_FROM_HEAP 1
#endif
#endif

namespace fl::pool {

namespace {

constexpr std::size_t huge_page_bytes = std::size_t(4) << 20;
constexpr std::size_t default_retained_mb = 256;

struct Kept {
    Block block;
    std::uint64_t since = 0;  // when it was given back, to find the one kept longest
};

struct Pool {
    std::mutex mutex;
    std::array<Kept, pool_slots> kept{};  // an empty slot has block.data == nullptr
    std::size_t bytes = 0;                // kept in all
    std::uint64_t clock = 0;
};

// Never destroyed: a factor destroyed during static destruction still finds it.
Pool &the_pool() {
    static Pool *pool = new Pool;
    return *pool;
}

Block map(std::size_t bytes) {
#ifdef FL_POOL_FROM_HEAP
    return {::operator new(bytes), bytes};
#else
    const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    bytes = (bytes + page - 1) / page * page;
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (bytes >= huge_page_bytes) madvise(p, bytes, MADV_HUGEPAGE);  // a hint
#endif
    return {p, bytes};
#endif
}

void unmap(const Block &b) {
#ifdef FL_POOL_FROM_HEAP
    ::operator delete(b.data);
#else
    munmap(b.data, b.bytes);
#endif
}

}  // namespace

std::size_t retained_limit() {
    static const std::size_t limit = [] {
        const char *text = std::getenv("FASTLINALG_RETAIN_MB");
        if (text == nullptr || *text == '\0') return default_retained_mb << 20;
        char *end = nullptr;
        const unsigned long long mb = std::strtoull(text, &end, 10);
        // Not a number: the default, rather than a pool the user did not ask to change.
        if (*end != '\0' || text[0] == '-') return default_retained_mb << 20;
        return static_cast<std::size_t>(mb) << 20;
    }();
    return limit;
}

Block take(std::size_t bytes) {
    Pool &pool = the_pool();
    {
        std::lock_guard<std::mutex> lock(pool.mutex);
        Kept *best = nullptr;
        for (Kept &k : pool.kept) {
            const std::size_t size = k.block.bytes;
            if (k.block.data == nullptr || size < bytes || size / 2 > bytes) continue;
            if (best == nullptr || size < best->block.bytes) best = &k;
        }
        if (best != nullptr) {
            const Block b = best->block;
            best->block = Block{};
            pool.bytes -= b.bytes;
            return b;
        }
    }
    return map(bytes);
}

void give(Block block) {
    if (block.data == nullptr) return;
    const std::size_t limit = retained_limit();
    if (block.bytes > limit) {
        unmap(block);
        return;
    }
    Pool &pool = the_pool();
    std::array<Block, pool_slots> evicted{};
    int evictions = 0;
    {
        std::lock_guard<std::mutex> lock(pool.mutex);
        // Room for it: a free slot and `limit` bytes, made by dropping the blocks kept longest.
        for (;;) {
            Kept *free_slot = nullptr, *oldest = nullptr;
            for (Kept &k : pool.kept) {
                if (k.block.data == nullptr)
                    free_slot = &k;
                else if (oldest == nullptr || k.since < oldest->since)
                    oldest = &k;
            }
            if (free_slot != nullptr && pool.bytes + block.bytes <= limit) {
                free_slot->block = block;
                free_slot->since = ++pool.clock;
                pool.bytes += block.bytes;
                break;
            }
            evicted[evictions++] = oldest->block;  // oldest exists: the pool is not empty
            pool.bytes -= oldest->block.bytes;
            oldest->block = Block{};
        }
    }
    for (int i = 0; i < evictions; ++i) unmap(evicted[i]);  // outside the lock: munmap is slow
}

std::size_t release_all() {
    Pool &pool = the_pool();
    std::array<Block, pool_slots> kept{};
    {
        std::lock_guard<std::mutex> lock(pool.mutex);
        for (int i = 0; i < pool_slots; ++i) {
            kept[i] = pool.kept[i].block;
            pool.kept[i].block = Block{};
        }
        pool.bytes = 0;
    }
    std::size_t released = 0;
    for (const Block &b : kept)
        if (b.data != nullptr) {
            released += b.bytes;
            unmap(b);
        }
    return released;
}

}  // namespace fl::pool
