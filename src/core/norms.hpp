// Matrix 1- and infinity-norms accumulated column by column, so that they can ride along
// with the one copy a factorization makes of A (SquareFactor's constructor), and written
// to vectorise. The same pass is the NaN/Inf check: a sum of absolute values is finite
// exactly when every term is (or, rarely, the sum overflowed, and then a precise scan
// finds nothing wrong).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/moduli.hpp"
#include "core/types.hpp"

namespace fl {

// |x|, the modulus for a complex x, as LAPACK's norms take it. std::abs of a complex number
// is hypot, whose guard against overflow costs more than the factorization's whole copy of
// A; sqrt(re^2 + im^2) is accurate enough for a norm, and hypot is kept for the rare element
// whose square over- or underflows (or is NaN).
template <class T>
real_t<T> magnitude(const T &x) {
    if constexpr (is_complex_v<T>) {
        using R = real_t<T>;
        const R s = x.real() * x.real() + x.imag() * x.imag();
        if (s >= std::numeric_limits<R>::min() && s <= std::numeric_limits<R>::max()) return std::sqrt(s);
        return std::abs(x);
    } else {
        return std::fabs(x);
    }
}

// Sum of |x[0..count)|. Eight independent partial sums let the compiler use vector
// registers without reassociating one long chain of additions.
template <class T>
real_t<T> abs_sum(const T *x, index_t count) {
    if constexpr (is_complex_v<T>) return complex_abs_sum(x, count);
    constexpr int lanes = 8;
    if (count < lanes) {  // a small matrix's column: the sum below, its partial sums all 0
        real_t<T> sum = 0;
        for (index_t i = 0; i < count; ++i) sum += magnitude(x[i]);
        return sum;
    }
    real_t<T> partial[lanes] = {};
    index_t i = 0;
    for (; i + lanes <= count; i += lanes)
        for (int k = 0; k < lanes; ++k) partial[k] += magnitude(x[i + k]);
    real_t<T> sum = 0;
    for (; i < count; ++i) sum += magnitude(x[i]);
    for (int k = 0; k < lanes; ++k) sum += partial[k];
    return sum;
}

// Which norm a ColumnNorm accumulates. The symmetric ones read one stored triangle and
// count each off-diagonal element in its own column and, mirrored, in its row's column.
enum class NormOf { none, one, inf, symmetric_lower, symmetric_upper };

// The largest of a norm's column (or row) sums; NaN when a sum is NaN, which
// std::max_element would pass over, and the NaN/Inf check that rests on the norm with it.
inline double largest_sum(const std::vector<double> &sums) {
    double norm = 0;
    for (double v : sums) {
        if (std::isnan(v)) return v;
        norm = std::max(norm, v);
    }
    return norm;
}

inline NormOf symmetric_one(Triangle stored) {
    return stored == Triangle::lower ? NormOf::symmetric_lower : NormOf::symmetric_upper;
}

template <class T> class ColumnNorm {
public:
    ColumnNorm(NormOf what, index_t rows)
        : what_(what), sums_(what == NormOf::none || what == NormOf::one ? 0 : static_cast<size_t>(rows)) {}

    // Adds column j (rows long) of the matrix.
    void add(index_t j, const T *column, index_t rows) {
        switch (what_) {
        case NormOf::none: return;
        case NormOf::one: keep_largest(largest_, abs_sum(column, rows)); return;
        case NormOf::inf: add_abs(column, 0, rows); return;
        case NormOf::symmetric_lower:  // rows j.. are stored
            sums_[static_cast<size_t>(j)] += diagonal_and_mirrored(column, j, j, rows);
            return;
        case NormOf::symmetric_upper:  // rows ..j are stored
            sums_[static_cast<size_t>(j)] += diagonal_and_mirrored(column, j, 0, j + 1);
            return;
        }
    }

    double value() const {
        double norm = largest_;
        for (const real_t<T> s : sums_) keep_largest(norm, s);
        return norm;
    }

private:
    // NaN sticks: once norm is NaN, no comparison replaces it.
    static void keep_largest(double &norm, double s) {
        if (s > norm || s != s) norm = s;
    }
    void add_abs(const T *column, index_t first, index_t end) {
        if constexpr (is_complex_v<T>) {
            add_moduli(column, first, end, -1);
        } else {
            for (index_t i = first; i < end; ++i) sums_[static_cast<size_t>(i)] += std::fabs(column[i]);
        }
    }
    // Column j's stored part, rows [first, end) (j among them): returns the sum of their |a|
    // and adds each off-diagonal one to its row's sum, the mirrored element's column.
    real_t<T> diagonal_and_mirrored(const T *column, index_t j, index_t first, index_t end) {
        if constexpr (is_complex_v<T>) {
            return add_moduli(column, first, end, j);
        } else {
            const real_t<T> total = abs_sum(column + first, end - first);
            add_abs(column, first, j);
            add_abs(column, j + 1, end);
            return total;
        }
    }
    // A complex column's moduli, taken once in a vector loop: each added to its row's sum
    // (but row `skip`'s), and their total returned.
    real_t<T> add_moduli(const T *column, index_t first, index_t end, index_t skip) {
        moduli_.resize(sums_.size());
        const real_t<T> total = complex_moduli(column + first, end - first, moduli_.data());
        for (index_t i = first; i < end; ++i)
            if (i != skip) sums_[static_cast<size_t>(i)] += moduli_[static_cast<size_t>(i - first)];
        return total;
    }

    NormOf what_;
    std::vector<real_t<T>> sums_;  // per column (symmetric) or per row (inf) sums of |a|
    std::vector<real_t<T>> moduli_;  // a complex column's |a|, for add_abs
    double largest_ = 0;
};

// The norm `what` of a whole column-major view.
template <class T> double norm_of(NormOf what, const ColMajorView<const T> &a) {
    ColumnNorm<T> norm(what, a.rows);
    for (index_t j = 0; j < a.cols; ++j) norm.add(j, a.column(j), a.rows);
    return norm.value();
}

}  // namespace fl
