// Vocabulary shared by every layer of the core: sizes, element types, layouts and the
// type-erased matrix reference that carries a caller's buffer into the maths.
#pragma once

#include <complex>
#include <cstdint>
#include <type_traits>

namespace fl {

using index_t = std::int64_t;

// complex64 and complex128 are std::complex<float> and std::complex<double>: interleaved
// (re, im) pairs, the layout of C99's _Complex, numpy, Rust, Go and Julia.
enum class Dtype {
    float32,
    float64,
    complex64,
    complex128
};
enum class Layout { row_major, col_major };
// conj is the conjugate transpose A^H; the C layer hands it only to factors of a complex
// dtype (for a real one it is `yes`), so code for real types never sees it.
enum class Transpose {
    no,
    yes,
    conj
};
enum class Triangle { lower, upper };

inline Transpose toggled(Transpose t) { return t == Transpose::no ? Transpose::yes : Transpose::no; }
inline Triangle flipped(Triangle t) { return t == Triangle::lower ? Triangle::upper : Triangle::lower; }

template <class T> constexpr Dtype dtype_of();
template <> constexpr Dtype dtype_of<float>() { return Dtype::float32; }
template <> constexpr Dtype dtype_of<double>() { return Dtype::float64; }
template <>
constexpr Dtype dtype_of<std::complex<float>>() {
    return Dtype::complex64;
}
template <>
constexpr Dtype dtype_of<std::complex<double>>() {
    return Dtype::complex128;
}

// The real type of an element type's parts (float for std::complex<float>), and whether it
// is complex.
template <class T>
struct RealOf {
    using type = T;
};
template <class R>
struct RealOf<std::complex<R>> {
    using type = R;
};
template <class T>
using real_t = typename RealOf<T>::type;
template <class T>
constexpr bool is_complex_v = !std::is_same_v<T, real_t<T>>;

// conj(v), of v's own type (std::conj of a real number would be complex).
template <class T>
T conjugate(const T &v) {
    if constexpr (is_complex_v<T>)
        return std::conj(v);
    else
        return v;
}

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
