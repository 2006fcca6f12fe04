// Validation of what callers pass through the C ABI, and its translation into the core's
// types. Each check throws fl::Error with a message that names the argument and its value
// ("lda = 3 is smaller than cols = 5 (row-major a)"), which guarded() turns into a status.
#pragma once

#include <cstdint>

#include "core/types.hpp"
#include "fastlinalg/fastlinalg.h"

namespace fl::capi {

Dtype to_dtype(fl_dtype dtype, const char *name);
Layout to_layout(fl_layout layout, const char *name);
// FL_CONJ_TRANS is Transpose::conj for a complex dtype and Transpose::yes for a real one.
Transpose to_transpose(fl_transpose trans, const char *name, Dtype dtype);
Triangle to_triangle(int64_t value, const char *name);

std::size_t element_size(Dtype dtype);

// The bytes from a validated matrix's first element to one past its last (0 if empty).
uintptr_t extent_bytes(const MatrixRef &m, Dtype dtype);

void require_not_null(const void *pointer, const char *name);
void require_non_negative(int64_t value, const char *name);

// The names a matrix argument goes by in messages: the matrix, its leading dimension,
// and its two sizes ("a", "lda", "rows", "cols").
struct MatrixNames {
    const char *matrix;
    const char *ld;
    const char *rows;
    const char *cols;
};

// Checks one matrix argument completely: layout, sizes (non-negative, within LAPACK's
// 32-bit integers, addressable without int64 overflow), leading dimension, and a pointer
// that may be NULL only for an empty matrix.
MatrixRef matrix_arg(const MatrixNames &names, Dtype dtype, fl_layout layout, int64_t rows,
                     int64_t cols, const void *data, int64_t ld);

// x may be b exactly (same memory, layout and ld, and square: in place), or lie apart
// from it.
void require_in_place_or_disjoint(const MatrixRef &b, const MatrixRef &x, Dtype dtype);

// An output that must share no memory with an input; the message names both ("out and y
// overlap").
void require_disjoint(const MatrixRef &in, const char *in_name, const MatrixRef &out, const char *out_name,
                      Dtype dtype);

// count outputs shaped like x0, the l-th at x0.data + l * stride elements: they must lie
// apart from each other (|stride| at least x0's extent) and from b, and the last must be
// addressable.
void require_stacked_outputs(const MatrixRef &b, const MatrixRef &x0, int64_t count, int64_t stride,
                             Dtype dtype);

}  // namespace fl::capi
