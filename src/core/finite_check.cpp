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

// NaN or Inf, either part of a complex number.
template <class T>
bool finite(const T &v) {
    return std::isfinite(v);
}
template <class R>
bool finite(const std::complex<R> &v) {
    return std::isfinite(v.real()) && std::isfinite(v.imag());
}

// How a non-finite value reads in the message.
template <class T>
const char *describe(const T &v) {
    return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}
template <class R>
const char *describe(const std::complex<R> &v) {
    return std::isnan(v.real()) || std::isnan(v.imag()) ? "nan"
                                                        : "inf (in its real or imaginary part)";
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
    // A complex element is two reals (interleaved), each checked.
    constexpr index_t parts = sizeof(T) / sizeof(real_t<T>);
    // A whole matrix without gaps (a row-major vector: n stored columns of one element)
    // passes in one run; only one with NaN or Inf is looked at column by column.
    if (!only && s.ld == s.rows &&
        !any_non_finite(reinterpret_cast<const real_t<T> *>(s.data), parts * s.rows * s.cols))
        return;

    for (index_t j = 0; j < s.cols; ++j) {
        index_t first = 0, last = s.rows;  // rows [first, last) of stored column j
        if (stored_only == Triangle::lower) first = std::min(j, s.rows);
        if (stored_only == Triangle::upper) last = std::min(j + 1, s.rows);
        if (!any_non_finite(reinterpret_cast<const real_t<T> *>(s.column(j) + first),
                            parts * (last - first)))
            continue;
        for (index_t i = first; i < last; ++i) {
            const T v = s(i, j);
            if (finite(v)) continue;
            const index_t row = m.layout == Layout::col_major ? i : j;
            const index_t col = m.layout == Layout::col_major ? j : i;
            throw Error(ErrorCode::non_finite,
                        std::string(name) + "[" + std::to_string(row) + ", " + std::to_string(col) +
                            "] is " + describe(v) +
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
template void require_finite<std::complex<float>>(const MatrixRef &, const char *,
                                                  std::optional<Triangle>, FiniteCheck);
template void require_finite<std::complex<double>>(const MatrixRef &, const char *,
                                                   std::optional<Triangle>, FiniteCheck);

}  // namespace fl
