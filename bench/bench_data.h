// Test matrices for the benchmarks, made once per (kind, size, type) and cached.
#pragma once

#include <cstdint>
#include <vector>

namespace flbench {

// Square n-by-n general matrix with entries uniform in [0, 1), like the seed's
// np.random.rand(n, n): column-major when row_major is false, else its row-major copy
// (the same matrix, laid out the other way).
template <typename T> const std::vector<T> &general_matrix(int64_t n, bool row_major);

// Symmetric positive definite n-by-n matrix: the symmetric part of a [0, 1) random
// matrix plus n on the diagonal (strictly diagonally dominant). Both triangles are
// filled, so it reads the same in either layout.
template <typename T> const std::vector<T> &spd_matrix(int64_t n);

// n-by-nrhs right-hand sides, uniform in [0, 1), column-major (ld = n) or row-major
// (ld = nrhs). The same values in both layouts.
template <typename T> const std::vector<T> &rhs_matrix(int64_t n, int64_t nrhs, bool row_major);

} // namespace flbench

namespace flbench {

// rows-by-cols column-major (ld = rows) with entries uniform in [0, 1) when rank is
// rows or cols (full rank, almost surely); for a smaller rank, the product of a
// rows-by-rank and a rank-by-cols uniform [0, 1) matrix: rank exactly `rank` in exact
// arithmetic, with rank - 1 singular values well away from zero.
const std::vector<double> &rect_matrix(int64_t rows, int64_t cols, int64_t rank);

// Symmetric indefinite n-by-n: the symmetric part of a [0, 1) random matrix, both
// triangles filled (for LDL^T and the symmetric eigensolver).
const std::vector<double> &sym_matrix(int64_t n);

} // namespace flbench
