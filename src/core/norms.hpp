// Matrix norms written to vectorise, for the one pass over A that every LU factorization
// makes anyway: it also serves as the NaN/Inf check, since a sum of absolute values is
// finite exactly when every term is (or, rarely, the sum overflowed).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/types.hpp"

namespace fl {

// Sum of |x[0..count)|. Eight independent partial sums let the compiler use vector
// registers without reassociating one long chain of additions.
template <class T> T abs_sum(const T *x, index_t count) {
    constexpr int lanes = 8;
    T partial[lanes] = {};
    index_t i = 0;
    for (; i + lanes <= count; i += lanes)
        for (int k = 0; k < lanes; ++k) partial[k] += std::fabs(x[i + k]);
    T sum = 0;
    for (; i < count; ++i) sum += std::fabs(x[i]);
    for (int k = 0; k < lanes; ++k) sum += partial[k];
    return sum;
}

// ||a||_1: the largest column sum of |a|.
template <class T> double one_norm(const ColMajorView<const T> &a) {
    double norm = 0;
    for (index_t j = 0; j < a.cols; ++j) {
        const double s = abs_sum(a.column(j), a.rows);
        if (s > norm || s != s) norm = s;  // NaN sticks: norm != norm stops every later update
    }
    return norm;
}

// ||a||_inf: the largest row sum of |a|, accumulated column by column.
template <class T> double inf_norm(const ColMajorView<const T> &a) {
    std::vector<T> row_sums(static_cast<size_t>(a.rows), T(0));
    for (index_t j = 0; j < a.cols; ++j) {
        const T *column = a.column(j);
        for (index_t i = 0; i < a.rows; ++i) row_sums[static_cast<size_t>(i)] += std::fabs(column[i]);
    }
    double norm = 0;
    for (const T s : row_sums)
        if (s > norm || s != s) norm = s;
    return norm;
}

// ||a||_1 of a symmetric matrix of which only triangle t of the view is stored. An
// off-diagonal element a(i, j) counts in column j and, mirrored, in column i.
template <class T> double symmetric_one_norm(const ColMajorView<const T> &a, Triangle t) {
    std::vector<T> column_sums(static_cast<size_t>(a.cols), T(0));
    for (index_t j = 0; j < a.cols; ++j) {
        const T *column = a.column(j);
        const index_t first = t == Triangle::lower ? j : 0;  // rows [first, last] are stored
        const index_t last = t == Triangle::lower ? a.rows - 1 : j;
        column_sums[static_cast<size_t>(j)] += abs_sum(column + first, last - first + 1);
        const index_t mirrored_first = t == Triangle::lower ? j + 1 : 0;
        const index_t mirrored_end = t == Triangle::lower ? a.rows : j;
        for (index_t i = mirrored_first; i < mirrored_end; ++i)
            column_sums[static_cast<size_t>(i)] += std::fabs(column[i]);
    }
    double norm = 0;
    for (const T s : column_sums)
        if (s > norm || s != s) norm = s;
    return norm;
}

}  // namespace fl
