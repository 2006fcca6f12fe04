// Memory for large temporaries: the n-by-k scratch matrices of the products with A^-1.
//
// Why not new[]: after a block above glibc's mmap threshold (128 KiB at first) is freed,
// glibc serves the next request of that size from its heap and hands the top of the heap
// back to the system once it exceeds twice that size. A loop of factor + product + destroy
// (seed 002's benchmark) then faults in every page of the factor and of the scratch again
// on every iteration: 6 ms of 33 at n = 1000, 0.15 ms of 0.69 at n = 200
// (docs/benchmarks.md). So blocks from `mapped_bytes` up are mapped on their own, outside
// the heap (transparent huge pages requested from 4 MiB), and each thread keeps the largest
// block it released, up to `cached_bytes_max`, for its next request: a product called in a
// loop reuses memory that is already mapped, and the heap is left to the factors.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace fl {

namespace detail {

struct Block {
    void *data = nullptr;
    std::size_t bytes = 0;
};

// One mapped block per thread, released when the thread ends.
struct CachedBlock : Block {
    ~CachedBlock() {
        if (data != nullptr) munmap(data, bytes);
    }
};
inline thread_local CachedBlock cached_block;

constexpr std::size_t mapped_bytes = std::size_t(64) << 10;
constexpr std::size_t huge_page_bytes = std::size_t(4) << 20;
constexpr std::size_t cached_bytes_max = std::size_t(64) << 20;

// A block of at least `bytes`: the cached one if it is large enough, else a new mapping.
inline Block map_block(std::size_t bytes) {
    CachedBlock &cache = cached_block;
    if (cache.data != nullptr && cache.bytes >= bytes) {
        const Block taken{cache.data, cache.bytes};
        cache.data = nullptr;
        return taken;
    }
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (bytes >= huge_page_bytes)
        madvise(p, bytes, MADV_HUGEPAGE);  // a hint: it works the same without
#endif
    return {p, bytes};
}

// Keeps the larger of the cached block and this one (within the cap), unmaps the other.
inline void unmap_block(void *data, std::size_t bytes) {
    CachedBlock &cache = cached_block;
    if (bytes <= cached_bytes_max && (cache.data == nullptr || cache.bytes < bytes)) {
        if (cache.data != nullptr) munmap(cache.data, cache.bytes);
        cache.data = data;
        cache.bytes = bytes;
        return;
    }
    munmap(data, bytes);
}

}  // namespace detail

template <class T>
class LargeBuffer {
public:
    explicit LargeBuffer(std::size_t count) : bytes_(count * sizeof(T)) {
        if (bytes_ < detail::mapped_bytes) {
            data_ = new T[count];
            return;
        }
        const detail::Block block = detail::map_block(bytes_);
        data_ = static_cast<T *>(block.data);
        bytes_ = block.bytes;
    }
    ~LargeBuffer() {
        if (bytes_ < detail::mapped_bytes)
            delete[] data_;
        else
            detail::unmap_block(data_, bytes_);
    }
    LargeBuffer(LargeBuffer &&other) noexcept : data_(other.data_), bytes_(other.bytes_) {
        other.data_ = nullptr;
        other.bytes_ = 0;
    }
    LargeBuffer(const LargeBuffer &) = delete;
    LargeBuffer &operator=(const LargeBuffer &) = delete;
    LargeBuffer &operator=(LargeBuffer &&) = delete;

    T *get() const { return data_; }

private:
    T *data_ = nullptr;
    std::size_t bytes_;  // of the block holding data_, which may exceed what was asked for
};

}  // namespace fl
