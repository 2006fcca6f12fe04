// LAPACK's rectangular full packed (RFP) storage of one triangle of a symmetric n-by-n
// matrix in n(n+1)/2 elements, TRANSR = 'N' (the form pftrf/pftrs/pftri take): where each
// element of the stored triangle lies. The layout is that of LAPACK's dtrttf: for n even the
// array is (n+1)-by-(n/2), for n odd n-by-((n+1)/2), both column-major; one trapezoid of the
// triangle is stored as it is and the remaining small triangle, transposed, fills the
// space beside it.
#pragma once

#include "core/types.hpp"

namespace fl::rfp {

inline index_t size(index_t n) { return n * (n + 1) / 2; }

// The offset of element (i, j) of the stored triangle (i >= j for lower, i <= j for upper).
inline index_t index(Triangle t, index_t n, index_t i, index_t j) {
    const bool even = n % 2 == 0;
    const index_t ld = even ? n + 1 : n;
    if (t == Triangle::lower) {
        // Columns [0, first) of the lower trapezoid are stored as they are (shifted down one
        // row when n is even); the triangle of the columns from `first` on, transposed,
        // above and beside them.
        const index_t first = even ? n / 2 : (n + 1) / 2;
        if (j < first) return (even ? i + 1 : i) + j * ld;
        return (j - first) + (i - (even ? first : n / 2)) * ld;
    }
    // Upper: columns [first, n) stored as they are; the leading triangle, transposed, below.
    const index_t first = n / 2;
    if (j >= first) return i + (j - first) * ld;
    return (first + 1 + j) + i * ld;
}

}  // namespace fl::rfp
