// A matrix as the C ABI sees it (dtype, layout, rows, cols, ld, pointer) backed by a buffer of
// exactly the size those arguments address, so that AddressSanitizer catches any access
// outside it, plus what the checks need: element access, a snapshot of the bytes, and whether
// every value is tame (see FuzzInput::value).
#pragma once

#include "fuzz_input.hpp"

#include <algorithm>
#include <vector>

namespace flfuzz {

// Elements a (rows x cols, ld) matrix addresses in `layout`; an invalid layout or ld is sized
// for the larger reading, so that the harness can still read every element and a library that
// wrongly accepts it stays inside.
inline int64_t addressed(fl_layout layout, int64_t rows, int64_t cols, int64_t ld) {
    if (rows <= 0 || cols <= 0) return 0;
    ld = std::max<int64_t>(ld, 1);  // an invalid ld of 0 still gets every element a place
    const int64_t row_major = (rows - 1) * ld + cols, col_major = (cols - 1) * ld + rows;
    if (layout == FL_ROW_MAJOR) return row_major;
    if (layout == FL_COL_MAJOR) return col_major;
    return std::max(row_major, col_major);
}

inline int64_t offset(fl_layout layout, int64_t ld, int64_t i, int64_t j) {
    return layout == FL_ROW_MAJOR ? i * ld + j : i + j * ld;
}

inline double epsilon(fl_dtype dtype) { return dtype == FL_FLOAT32 ? FLT_EPSILON : DBL_EPSILON; }

class Mat {
public:
    Mat() = default;
    // Reads its layout and leading dimension from `in`; `bad` is set when either is invalid.
    Mat(FuzzInput &in, fl_dtype dtype, int64_t rows, int64_t cols, bool *bad)
        : dtype_(dtype), rows_(rows), cols_(cols) {
        layout_ = in.choose({FL_ROW_MAJOR, FL_COL_MAJOR}, bad);
        ld_ =
            in.leading_dimension(std::max<int64_t>(1, layout_ == FL_ROW_MAJOR ? cols : rows), bad);
        resize();
    }
    // A valid matrix in a given layout with the smallest leading dimension.
    Mat(fl_dtype dtype, fl_layout layout, int64_t rows, int64_t cols)
        : dtype_(dtype), layout_(layout), rows_(rows), cols_(cols) {
        ld_ = std::max<int64_t>(1, layout == FL_ROW_MAJOR ? cols : rows);
        resize();
    }

    // Fills every addressed element (padding too) from the input.
    Mat &fill(FuzzInput &in) {
        for (int64_t e = 0; e < count_; ++e) store(e, in.value(&tame_));
        return *this;
    }
    // Fills every addressed element with a pattern no computation produces by chance.
    Mat &poison() {
        std::fill(bytes_.begin(), bytes_.end(), static_cast<unsigned char>(0xA5));
        return *this;
    }

    fl_dtype dtype() const { return dtype_; }
    fl_layout layout() const { return layout_; }
    int64_t rows() const { return rows_; }
    int64_t cols() const { return cols_; }
    int64_t ld() const { return ld_; }
    bool tame() const { return tame_; }
    void *data() { return bytes_.empty() ? nullptr : bytes_.data(); }
    const void *data() const { return bytes_.empty() ? nullptr : bytes_.data(); }

    double operator()(int64_t i, int64_t j) const { return load(offset(layout_, ld_, i, j)); }
    void set(int64_t i, int64_t j, double v) { store(offset(layout_, ld_, i, j), v); }
    bool finite() const {
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j)
                if (!std::isfinite((*this)(i, j))) return false;
        return true;
    }
    const std::vector<unsigned char> &bytes() const { return bytes_; }

private:
    size_t width() const { return dtype_ == FL_FLOAT32 ? sizeof(float) : sizeof(double); }
    void resize() {
        count_ = addressed(layout_, rows_, cols_, ld_);
        bytes_.assign(static_cast<size_t>(count_) * width(), 0);
    }
    double load(int64_t e) const {
        if (dtype_ == FL_FLOAT32) {
            float v;
            std::memcpy(&v, bytes_.data() + e * sizeof v, sizeof v);
            return v;
        }
        double v;
        std::memcpy(&v, bytes_.data() + e * sizeof v, sizeof v);
        return v;
    }
    void store(int64_t e, double v) {
        if (dtype_ == FL_FLOAT32) {
            const float f = static_cast<float>(v);
            std::memcpy(bytes_.data() + e * sizeof f, &f, sizeof f);
        } else {
            std::memcpy(bytes_.data() + e * sizeof v, &v, sizeof v);
        }
    }

    fl_dtype dtype_ = FL_FLOAT64;
    fl_layout layout_ = FL_COL_MAJOR;
    int64_t rows_ = 0, cols_ = 0, ld_ = 1, count_ = 0;
    bool tame_ = true;
    std::vector<unsigned char> bytes_;
};

}  // namespace flfuzz
