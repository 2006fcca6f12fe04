// Validation of flat array arguments (a count and a pointer), for the C functions that take
// vectors and stacks of matrices rather than one matrix with a leading dimension.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace fl::capi {

// The product of non-negative sizes, or Error(too_large) naming `what` when it, times
// `element_bytes`, would not fit in int64 bytes.
int64_t checked_elements(std::initializer_list<int64_t> sizes, std::size_t element_bytes,
                         const char *what);

// `data` holds `count` elements: it may be NULL only when count is 0.
void require_array(const void *data, int64_t count, const char *name);

// Error(invalid_argument) when the byte ranges [a, a + a_bytes) and [b, b + b_bytes) share
// a byte (empty ranges share none).
void require_disjoint(const void *a, int64_t a_bytes, const char *a_name, const void *b,
                      int64_t b_bytes, const char *b_name);

}  // namespace fl::capi
