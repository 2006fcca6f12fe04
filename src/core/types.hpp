// Vocabulary shared by every layer of the core: sizes, element types, layouts and the
// type-erased matrix reference that carries a caller's buffer into the maths.
#pragma once

#include <cstdint>

namespace fl {

using index_t = std::int64_t;

enum class Dtype { float32, float64 };
enum class Layout { row_major, col_major };
enum class Transpose { no, yes };
enum class Triangle { lower, upper };

inline Transpose toggled(Transpose t) { return t == Transpose::no ? Transpose::yes : Transpose::no; }
inline Triangle flipped(Triangle t) { return t == Triangle::lower ? Triangle::upper : Triangle::lower; }

template <class T> constexpr Dtype dtype_of();
template <> constexpr Dtype dtype_of<float>() { return Dtype::float32; }
template <> constexpr Dtype dtype_of<double>() { return Dtype::float64; }

// A caller's rows-by-cols matrix as it lies in memory. The C layer has validated it (ld,
// sizes, pointer) and checked that its element type is the one the receiver expects.
struct MatrixRef {
    Layout layout;
    index_t rows;
    index_t cols;
    index_t ld;
    void *data;

    // The same memory read as a column-major matrix: a row-major r-by-c matrix is the
    // column-major c-by-r transpose, with the same leading dimension.
    index_t stored_rows() const { return layout == Layout::col_major ? rows : cols; }
    index_t stored_cols() const { return layout == Layout::col_major ? cols : rows; }
};

// A typed column-major view: the form every LAPACK call takes.
template <class T> struct ColMajorView {
    T *data;
    index_t rows;
    index_t cols;
    index_t ld;

    T &operator()(index_t i, index_t j) const { return data[i + j * ld]; }
    T *column(index_t j) const { return data + j * ld; }
};

// The column-major view of a caller's matrix: for a row-major one, its transpose.
template <class T> ColMajorView<T> stored_view(const MatrixRef &m) {
    return {static_cast<T *>(m.data), m.stored_rows(), m.stored_cols(), m.ld};
}

}  // namespace fl
