// Argument checks shared by the fl_mpi_* entry points, on top of capi/arguments.hpp's.
// Each throws fl::Error naming the argument and its value.
#pragma once

#include <cstdint>

#include "capi/arguments.hpp"
#include "fastlinalg/fastlinalg_mpi.h"
#include "mpi/src/dist_matrix.hpp"
#include "mpi/src/redistribute.hpp"

namespace fl::mpi::capi {

// FL_FLOAT64, the one dtype of this component so far (FL_FLOAT32 is unsupported).
void require_float64(fl_dtype dtype, const char *name);

// A matrix whose values are still there (not consumed by fl_mpi_factor_create).
DistMatrix &live_matrix(fl_mpi_matrix *matrix, const char *name);
const DistMatrix &live_matrix(const fl_mpi_matrix *matrix, const char *name);

// A rank of the context's communicator.
int rank_arg(const Context &context, int64_t root, const char *name);

// The root's full rows-by-cols matrix argument (layout, pointer, leading dimension).
FullMatrix full_matrix_arg(const fl::capi::MatrixNames &names, fl_layout layout, int64_t rows,
                           int64_t cols, const void *a, int64_t ld);

// b and x of a solve: on the factor's context, b A's rows-by-k, x A's cols-by-k; any blocks.
void require_solve_operands(const DistMatrix &a, const DistMatrix &b, const DistMatrix &x);

}  // namespace fl::mpi::capi
