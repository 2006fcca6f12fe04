// Memory for large temporaries: the n-by-k scratch matrices of the products with A^-1.
//
// Why not new[]: after a block of a few megabytes is freed, glibc serves the next request of
// that size from its heap and hands the top of the heap back to the system once it exceeds
// twice that size. A loop of factor + product + destroy (seed 002's benchmark) then faults
// in every page of both 8 MB blocks again on every iteration: 6 ms of 33 at n = 1000 (see
// docs/benchmarks.md). Buffers from `mapped_bytes` up are mapped on their own instead,
// which keeps them out of the heap, with transparent huge pages requested, which makes the
// faults a handful instead of thousands.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace fl {

template <class T> class LargeBuffer {
public:
    static constexpr std::size_t mapped_bytes = std::size_t(4) << 20;

    explicit LargeBuffer(std::size_t count) : bytes_(count * sizeof(T)) {
        if (bytes_ < mapped_bytes) {
            data_ = new T[count];
            return;
        }
        void *p = mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
        madvise(p, bytes_, MADV_HUGEPAGE);  // a hint: without it the buffer works the same
#endif
        data_ = static_cast<T *>(p);
    }
    ~LargeBuffer() {
        if (bytes_ < mapped_bytes)
            delete[] data_;
        else
            munmap(data_, bytes_);
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
    std::size_t bytes_;
};

}  // namespace fl
