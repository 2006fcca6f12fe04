// Uninitialised memory for `count` elements that may be large: a factor's storage, a
// product's scratch. From pool::pooled_bytes up it comes from the memory pool
// (core/memory_pool.hpp), so a loop that creates and destroys factors of one size reuses
// memory already faulted in; below that, from operator new.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

#include "core/memory_pool.hpp"

namespace fl {

template <class T>
class LargeBuffer {
    static_assert(std::is_trivially_destructible_v<T> && alignof(T) <= alignof(std::max_align_t),
                  "a LargeBuffer holds plain numbers");

public:
    LargeBuffer() = default;
    explicit LargeBuffer(std::size_t count) : bytes_(count * sizeof(T)) {
        if (count == 0) return;
        if (bytes_ < pool::pooled_bytes) {
            data_ = static_cast<T *>(::operator new(bytes_));
            return;
        }
        const pool::Block block = pool::take(bytes_);
        data_ = static_cast<T *>(block.data);
        bytes_ = block.bytes;
    }
    ~LargeBuffer() { free(); }
    LargeBuffer(LargeBuffer &&other) noexcept
        : data_(std::exchange(other.data_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}
    LargeBuffer &operator=(LargeBuffer &&other) noexcept {
        if (this != &other) {
            free();
            data_ = std::exchange(other.data_, nullptr);
            bytes_ = std::exchange(other.bytes_, 0);
        }
        return *this;
    }
    LargeBuffer(const LargeBuffer &) = delete;
    LargeBuffer &operator=(const LargeBuffer &) = delete;

    T *get() const { return data_; }
    explicit operator bool() const { return data_ != nullptr; }

private:
    void free() {
        if (data_ == nullptr) return;
        if (bytes_ < pool::pooled_bytes)
            ::operator delete(data_);
        else
            pool::give({data_, bytes_});
        data_ = nullptr;
    }

    T *data_ = nullptr;
    std::size_t bytes_ = 0;  // of the block holding data_, which may exceed what was asked for
};

}  // namespace fl
