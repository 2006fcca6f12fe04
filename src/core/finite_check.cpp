#include "core/finite_check.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace fl {
namespace {

// x * 0 is 0 for finite x and NaN for NaN or Inf, so one sum tells whether a whole
// column is finite. Eight partial sums vectorise; the exact element is then found only in
// the rare column that has one.
template <class T> bool any_non_finite(const T *x, index_t count) {
    constexpr int lanes = 8;
    T partial[lanes] = {};
    index_t i = 0;
    for (; i + lanes <= count; i += lanes)
        for (int k = 0; k < lanes; ++k) partial[k] += x[i + k] * T(0);
    T sum = 0;
    for (; i < count; ++i) sum += x[i] * T(0);
    for (int k = 0; k < lanes; ++k) sum += partial[k];
    return sum != sum;
}

}  // namespace

template <class T>
void require_finite(const MatrixRef &m, const char *name, std::optional<Triangle> only,
                    FiniteCheck check) {
    if (m.rows == 0 || m.cols == 0) return;  // its data may be NULL: no column to look at
    const ColMajorView<T> s = stored_view<T>(m);
    // The caller's triangle, seen in the stored (column-major) view.
    std::optional<Triangle> stored_only;
    if (only) stored_only = m.layout == Layout::col_major ? *only : flipped(*only);

    for (index_t j = 0; j < s.cols; ++j) {
        index_t first = 0, last = s.rows;  // rows [first, last) of stored column j
        if (stored_only == Triangle::lower) first = std::min(j, s.rows);
        if (stored_only == Triangle::upper) last = std::min(j + 1, s.rows);
        if (!any_non_finite(s.column(j) + first, last - first)) continue;
        for (index_t i = first; i < last; ++i) {
            const T v = s(i, j);
            if (std::isfinite(v)) continue;
            const index_t row = m.layout == Layout::col_major ? i : j;
            const index_t col = m.layout == Layout::col_major ? j : i;
            throw Error(ErrorCode::non_finite,
                        std::string(name) + "[" + std::to_string(row) + ", " + std::to_string(col) +
                            "] is " +
                            (std::isnan(v) ? "nan"
                             : v > 0       ? "inf"
                                           : "-inf") +
                            (check == FiniteCheck::optional
                                 ? " (pass FL_OPT_CHECK_FINITE = 0 to skip this check)"
                                 : " (checked whatever FL_OPT_CHECK_FINITE says: the iterative "
                                   "LAPACK routine behind this kind may not return on NaN/Inf)"));
        }
    }
}

template void require_finite<float>(const MatrixRef &, const char *, std::optional<Triangle>,
                                    FiniteCheck);
template void require_finite<double>(const MatrixRef &, const char *, std::optional<Triangle>,
                                     FiniteCheck);

}  // namespace fl
