// Translations between the public factor enums and the core's, and the shape each kind
// of factorization accepts.
#pragma once

#include <cstdint>

#include "dense/factor.hpp"
#include "fastlinalg/fastlinalg.h"

namespace fl::capi {

FactorKind to_kind(fl_factor_kind kind);  // FL_FACTOR_AUTO is not a kind: the caller resolves it
fl_factor_kind to_public(FactorKind kind);
fl_dtype to_public(Dtype dtype);
const char *dtype_name(Dtype dtype);
Part to_part(fl_factor_part part);

// Throws invalid_argument when a rows-by-cols A does not suit `kind` (square for LU,
// Cholesky, LDL^T and EIGH; rows >= cols for QR).
void require_shape_for(FactorKind kind, int64_t rows, int64_t cols);

}  // namespace fl::capi
