// Turns a libFuzzer input into the arguments of fastlinalg calls: sizes, enum values (now and
// then an invalid one), leading dimensions (now and then too small) and matrix values drawn
// mostly from small integers, with NaN, Inf, denormals and huge values mixed in. Reading past
// the end gives zeros, so every input is a complete test case.
#pragma once

#include <fastlinalg/fastlinalg.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>

namespace flfuzz {

class FuzzInput {
public:
    FuzzInput(const uint8_t *data, size_t size) : data_(data), size_(size) {}

    uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    bool flag() { return byte() & 1; }
    bool exhausted() const { return pos_ >= size_; }

    // lo .. hi inclusive (hi - lo < 256).
    int64_t size_in(int64_t lo, int64_t hi) { return lo + byte() % (hi - lo + 1); }

    // One of `valid` almost always; 1 time in 32 a raw int that is most likely no
    // enumerator at all (C callers may pass any int). `*bad` is set when the value is none
    // of `valid`.
    template <class E>
    E choose(std::initializer_list<E> valid, bool *bad) {
        const uint8_t b = byte();
        if (b >= 248) {
            const int raw = static_cast<int>(b) - 250;  // -2 .. 5
            for (E e : valid)
                if (static_cast<int>(e) == raw) return e;
            *bad = true;
            return static_cast<E>(raw);
        }
        return valid.begin()[b % valid.size()];
    }

    // A real dtype (the harnesses size their buffers for float or double), or 1 time in 32 a
    // raw int that is not a dtype at all (`*bad` set). The complex codes are skipped: they
    // are valid dtypes that some functions take, with elements these buffers cannot hold.
    fl_dtype real_dtype(bool *bad) {
        const fl_dtype d = choose({FL_FLOAT32, FL_FLOAT64}, bad);
        if (d == FL_COMPLEX64 || d == FL_COMPLEX128) return static_cast<fl_dtype>(7);
        return d;
    }

    // A leading dimension for a matrix that needs at least `need`: need .. need + 3, or 1 time
    // in 64 need - 1 (too small; `*bad` is set).
    int64_t leading_dimension(int64_t need, bool *bad) {
        const uint8_t b = byte();
        if (b >= 252) {
            *bad = true;
            return need - 1;
        }
        return need + b % 4;
    }

    // A matrix element. `*tame` is cleared for values that are not small integers or halves,
    // so that accuracy checks can skip inputs where rounding, overflow or NaN decide the
    // result.
    double value(bool *tame) {
        const uint8_t b = byte();
        if (b < 208) return (static_cast<double>(b % 33) - 16.0) / (b < 104 ? 1.0 : 2.0);
        *tame = false;
        if (b < 232) {
            static const double specials[] = {
                std::numeric_limits<double>::quiet_NaN(),
                std::numeric_limits<double>::infinity(),
                -std::numeric_limits<double>::infinity(),
                std::numeric_limits<double>::denorm_min(),
                -DBL_MIN / 4,
                FLT_MIN / 8,  // denormal in float32
                DBL_MAX,
                -DBL_MAX / 3,
                FLT_MAX,
                1e300,
                1e-300,
                1e30,
                1e-30,
                1.0 + DBL_EPSILON,
                -0.0,
                1e8,
            };
            return specials[b % (sizeof specials / sizeof specials[0])];
        }
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = bits << 8 | byte();
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }

private:
    const uint8_t *data_;
    size_t size_;
    size_t pos_ = 0;
};

}  // namespace flfuzz
