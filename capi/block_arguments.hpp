// Checks shared by the block sums and the matrix-calculus toolkit (seed 001): block sizes
// that tile their matrices, block counts that agree, outputs apart from every input.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>

#include "capi/arguments.hpp"

namespace fl::capi {

// rows / n, after checking that the block size n is at least 1, fits LAPACK's integers and
// divides rows ("n1 = 3 does not divide m1 = 8").
int64_t block_count(int64_t rows, const char *rows_name, int64_t n, const char *n_name);

// Two block counts of one sum must agree (FL_ERR_DIMENSION_MISMATCH naming both).
void require_same_count(int64_t l1, const char *what1, int64_t l2, const char *what2);

// The output matrix: checked like any matrix argument, then required to lie apart from each
// of the named inputs.
MatrixRef output_arg(const MatrixNames &names, Dtype dtype, fl_layout layout, int64_t rows,
                     int64_t cols, void *data, int64_t ld,
                     std::initializer_list<std::pair<const MatrixRef *, const char *>> inputs);

}  // namespace fl::capi
