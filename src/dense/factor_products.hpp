// What the products with A^-1 share: the default routes (factor_products.cpp) and the
// kinds' own (cholesky_products.cpp, eigh_products.cpp).
#pragma once

#include <algorithm>
#include <vector>

#include "core/large_buffer.hpp"
#include "core/types.hpp"

namespace fl::products {

// A matrix of our own, rows-by-cols in the given layout with the tightest leading
// dimension, left uninitialised (in a LargeBuffer: it may be n-by-n).
template <class T>
class Scratch {
public:
    Scratch(Layout layout, index_t rows, index_t cols)
        : data_(static_cast<size_t>(std::max<index_t>(rows * cols, 1))),
          ref_{layout, rows, cols, std::max<index_t>(1, layout == Layout::col_major ? rows : cols),
               data_.get()} {}

    const MatrixRef &ref() const { return ref_; }
    ColMajorView<T> stored() const { return stored_view<T>(ref_); }

private:
    LargeBuffer<T> data_;
    MatrixRef ref_;
};

// The same memory read as the transposed matrix: the transpose of a row-major matrix is
// column-major, with the same leading dimension.
inline MatrixRef transposed(const MatrixRef &m) {
    return {m.layout == Layout::row_major ? Layout::col_major : Layout::row_major, m.cols, m.rows,
            m.ld, m.data};
}

// acc[j] = sum_i a(i, j) b(i, j), in double, for two matrices of one shape and one layout
// (each walked along its contiguous direction).
template <class T>
std::vector<double> column_dots(const MatrixRef &a, const MatrixRef &b) {
    const ColMajorView<T> s = stored_view<T>(a), t = stored_view<T>(b);
    std::vector<double> acc(static_cast<size_t>(a.cols), 0.0);
    if (a.layout == Layout::col_major) {
        for (index_t j = 0; j < s.cols; ++j) {
            double sum = 0;
            for (index_t i = 0; i < s.rows; ++i) sum += double(s(i, j)) * double(t(i, j));
            acc[static_cast<size_t>(j)] = sum;
        }
    } else {  // stored as the transposes: column j of a is row j of s
        for (index_t i = 0; i < s.cols; ++i)
            for (index_t j = 0; j < s.rows; ++j)
                acc[static_cast<size_t>(j)] += double(s(j, i)) * double(t(j, i));
    }
    return acc;
}

// out[i] = values[i], rounded to T.
template <class T>
void write_values(const std::vector<double> &values, void *out) {
    std::transform(values.begin(), values.end(), static_cast<T *>(out),
                   [](double v) { return static_cast<T>(v); });
}

}  // namespace fl::products
