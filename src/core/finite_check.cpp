#include "core/finite_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/error.hpp"

namespace fl {
namespace {

// The bit pattern test compiles to a vectorised loop, where std::isfinite in a loop does
// not: a value is NaN or Inf exactly when its exponent bits are all ones.
template <class T> struct Bits;
template <> struct Bits<float> {
    using type = std::uint32_t;
    static constexpr type exponent = 0x7f800000u;
};
template <> struct Bits<double> {
    using type = std::uint64_t;
    static constexpr type exponent = 0x7ff0000000000000ull;
};

template <class T> bool any_non_finite(const T *x, index_t count) {
    using U = typename Bits<T>::type;
    bool found = false;
    for (index_t i = 0; i < count; ++i) {
        U bits;
        std::memcpy(&bits, x + i, sizeof bits);
        found |= (bits & Bits<T>::exponent) == Bits<T>::exponent;
    }
    return found;
}

}  // namespace

template <class T>
void require_finite(const MatrixRef &m, const char *name, std::optional<Triangle> only) {
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
                            "] is " + (std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf") +
                            " (pass FL_OPT_CHECK_FINITE = 0 to skip this check)");
        }
    }
}

template void require_finite<float>(const MatrixRef &, const char *, std::optional<Triangle>);
template void require_finite<double>(const MatrixRef &, const char *, std::optional<Triangle>);

}  // namespace fl
