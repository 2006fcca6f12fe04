// What a factor writes to be rebuilt in another process, and reads back: a flat sequence of
// native fixed-width values and arrays, whose lengths follow from the factor's shape (which
// the container around it, format.cpp, holds). A kind's save() and its restoring
// constructor walk the same fields in the same order, each in the kind's own file under
// dense/saved/.
//
// StateWriter without a buffer only counts, so the size a caller must provide is found by
// running the same save() once; with a buffer it copies. StateReader checks every read
// against the bytes left before it allocates, and every value against its range, so a
// crafted payload (one that passed the checksum) can only give Error(invalid_argument),
// never an out-of-bounds access or a huge allocation.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "core/large_buffer.hpp"

#include "core/error.hpp"
#include "core/types.hpp"

namespace fl {

class StateWriter {
public:
    explicit StateWriter(unsigned char *buffer = nullptr) : buffer_(buffer) {}

    template <class V>
    void value(V v) {
        array(&v, 1);
    }
    template <class V>
    void array(const V *p, index_t count) {
        static_assert(std::is_trivially_copyable<V>::value, "only plain values are saved");
        const size_t bytes = static_cast<size_t>(count) * sizeof(V);
        if (buffer_ != nullptr && bytes > 0) std::memcpy(buffer_ + size_, p, bytes);
        size_ += static_cast<index_t>(bytes);
    }
    template <class V>
    void vector(const std::vector<V> &v) {
        array(v.data(), static_cast<index_t>(v.size()));
    }
    void flag(bool b) { value<std::uint8_t>(b ? 1 : 0); }

    // The bytes written (or counted) so far.
    index_t size() const { return size_; }

private:
    unsigned char *buffer_;
    index_t size_ = 0;
};

class StateReader {
public:
    // `data` holds `size` payload bytes of a factor whose A was rows-by-cols.
    StateReader(const unsigned char *data, index_t size, index_t rows, index_t cols)
        : data_(data), size_(size), rows_(rows), cols_(cols) {}

    index_t rows() const { return rows_; }
    index_t cols() const { return cols_; }

    template <class V>
    V value(const char *what) {
        V v;
        read(&v, 1, what);
        return v;
    }
    bool flag(const char *what) {
        const auto b = value<std::uint8_t>(what);
        if (b > 1) corrupted(std::string(what) + " is " + std::to_string(b) + ", not 0 or 1");
        return b == 1;
    }
    // A byte of `count` one-bit flags (bit 0 first); a higher bit set is corrupted.
    std::uint8_t flags(const char *what, int count) {
        const auto b = value<std::uint8_t>(what);
        if (b >> count)
            corrupted(std::string(what) + " is " + std::to_string(b) + ", not below " +
                      std::to_string(1 << count));
        return b;
    }
    // An int64 in [low, high].
    index_t index(const char *what, index_t low, index_t high) {
        const auto v = value<std::int64_t>(what);
        if (v < low || v > high)
            corrupted(std::string(what) + " = " + std::to_string(v) + " is outside [" +
                      std::to_string(low) + ", " + std::to_string(high) + "]");
        return v;
    }
    template <class V>
    std::vector<V> vector(index_t count, const char *what) {
        require_left(count, sizeof(V), what);
        std::vector<V> v(static_cast<size_t>(count));
        read(v.data(), count, what);
        return v;
    }
    // An array of count values in a block of max(capacity, count, 1) elements, as the
    // kinds allocate theirs.
    template <class V>
    LargeBuffer<V> array(index_t count, const char *what, index_t capacity = 0) {
        require_left(count, sizeof(V), what);
        LargeBuffer<V> p(static_cast<size_t>(std::max<index_t>({count, capacity, 1})));
        read(p.get(), count, what);
        return p;
    }
    // LAPACK's 1-based pivot indices, each with low <= |p| <= high and p != 0.
    template <class Int>
    std::vector<Int> pivots(index_t count, index_t high, const char *what) {
        std::vector<Int> p = vector<Int>(count, what);
        for (size_t i = 0; i < p.size(); ++i)
            if (p[i] == 0 || p[i] > high || -index_t(p[i]) > high)
                corrupted(std::string(what) + "[" + std::to_string(i) +
                          "] = " + std::to_string(p[i]) + " is not a pivot of an order-" +
                          std::to_string(high) + " matrix");
        return p;
    }
    // Reads count values into p.
    template <class V>
    void into(V *p, index_t count, const char *what) {
        read(p, count, what);
    }
    // Every byte must have been read: a payload longer than its kind's fields is corrupted.
    void finish() const {
        if (offset_ != size_)
            corrupted(std::to_string(size_ - offset_) + " bytes are left over after the factor");
    }

    // Refuses a payload with fewer than count values of `element` bytes left: called before
    // a kind allocates what it reads with into(), so that a forged header (sizes up to
    // LAPACK's limits over a few bytes of payload) cannot make it allocate gigabytes.
    void require_left(index_t count, size_t element, const char *what) const {
        if (count < 0 || count > (size_ - offset_) / static_cast<index_t>(element))
            corrupted(std::string(what) + " (" + std::to_string(count) + " values of " +
                      std::to_string(element) + " bytes) run past the payload's " +
                      std::to_string(size_) + " bytes");
    }

    [[noreturn]] static void corrupted(const std::string &what) {
        throw Error(ErrorCode::invalid_argument, "the serialized factor is inconsistent: " + what);
    }

private:
    template <class V>
    void read(V *p, index_t count, const char *what) {
        static_assert(std::is_trivially_copyable<V>::value, "only plain values are restored");
        require_left(count, sizeof(V), what);
        const size_t bytes = static_cast<size_t>(count) * sizeof(V);
        if (bytes > 0) std::memcpy(p, data_ + offset_, bytes);
        offset_ += static_cast<index_t>(bytes);
    }

    const unsigned char *data_;
    index_t size_;
    index_t offset_ = 0;
    index_t rows_;
    index_t cols_;
};

}  // namespace fl

// The explicit instantiations of a kind's restoring constructor and save() for both dtypes,
// at the end of its state file.
#define FL_SAVED_STATE_OF(Kind)                                   \
    template fl::Kind<float>::Kind(fl::StateReader &);            \
    template fl::Kind<double>::Kind(fl::StateReader &);           \
    template void fl::Kind<float>::save(fl::StateWriter &) const; \
    template void fl::Kind<double>::save(fl::StateWriter &) const

// The kinds that also take complex matrices (LU, Cholesky, LDL^T) need save() for them too, for
// their vtables; it refuses (SquareFactor::save_square), as the format has no complex dtype yet.
#define FL_SAVED_STATE_OF_COMPLEX_READY(Kind)                                   \
    FL_SAVED_STATE_OF(Kind);                                                    \
    template void fl::Kind<std::complex<float>>::save(fl::StateWriter &) const; \
    template void fl::Kind<std::complex<double>>::save(fl::StateWriter &) const
