// The parts of getrf's output, shared by the square LU (lu_factor.hpp) and the rectangular
// one (rectangular_lu_factor.hpp). For an m-by-n A and k = min(m, n), P A = L U with L
// m-by-k unit lower trapezoidal and U k-by-n upper trapezoidal: getrf leaves both in one
// m-by-n matrix (the packed form) and k 1-based row interchanges.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "dense/factor.hpp"
#include "lapack/lapack.hpp"

namespace fl::lu_parts {

// The shape of LU's part `part` for an m-by-n A; none for a part LU does not have.
std::optional<std::pair<index_t, index_t>> shape(Part part, index_t m, index_t n);

// Writes the matrix part `part` of getrf's output lu (m-by-n) into out, validated to the
// part's shape; false (nothing written) for a part that is not one of LU's matrices.
template <class T>
bool write(Part part, const ColMajorView<const T> &lu, const MatrixRef &out);

// Writes the index part `part` (m row indices, or the pivots) of an m-row A from getrf's
// pivots; false (nothing written) for a part that is not one of LU's index parts.
bool write_indices(Part part, const lapack_int *pivots, index_t k, index_t m, std::int64_t *out);

}  // namespace fl::lu_parts
