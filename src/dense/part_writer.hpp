// Writing a factor's part, given element by element, into a caller's matrix in its layout.
#pragma once

#include "core/types.hpp"

namespace fl {

// out(i, j) <- at(i, j) for the part's every (i, j), out being validated to the part's
// shape. The loops walk out's memory in order (for a row-major out, its stored view is the
// part's transpose).
template <class T, class At>
void write_part(const MatrixRef &out, At &&at) {
    const ColMajorView<T> o = stored_view<T>(out);
    const bool transposed = out.layout == Layout::row_major;
    for (index_t j = 0; j < o.cols; ++j)
        for (index_t i = 0; i < o.rows; ++i) o(i, j) = transposed ? at(j, i) : at(i, j);
}

}  // namespace fl
