// Validation of stack arguments (count matrices at a fixed stride) for fl_batch_* and
// fl_stack_*, and the per-matrix info array they fill.
#pragma once

#include <cstdint>
#include <vector>

#include "batched/stack.hpp"
#include "capi/arguments.hpp"

namespace fl::capi {

// One stack argument: the first matrix checked as matrix_arg does (NULL allowed when count
// is 0), stride >= 0, and all count matrices addressable.
batched::Stack stack_arg(const MatrixNames &names, const char *stride_name, Dtype dtype,
                         fl_layout layout, int64_t count, int64_t rows, int64_t cols,
                         const void *data, int64_t ld, int64_t stride);

// An output stack: besides stack_arg's checks, consecutive outputs may not overlap.
batched::Stack output_stack_arg(const MatrixNames &names, const char *stride_name, Dtype dtype,
                                fl_layout layout, int64_t count, int64_t rows, int64_t cols,
                                void *data, int64_t ld, int64_t stride);

// out may share no byte with the span of in, unless `in_place_allowed` and out is in
// exactly (same pointer, layout, ld and stride).
void require_stacks_apart(const batched::Stack &in, const char *in_name, const batched::Stack &out,
                          const char *out_name, int64_t count, Dtype dtype,
                          bool in_place_allowed = false);

// info must hold count entries: NULL only when count is 0.
void require_info(const int32_t *info, int64_t count);

// Per-matrix outcomes as fl_status values.
void write_info(const std::vector<batched::Outcome> &outcomes, int32_t *info);

}  // namespace fl::capi
