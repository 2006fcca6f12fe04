// The one place a run-time Dtype becomes a compile-time element type.
#pragma once

#include "core/types.hpp"

namespace fl {

// Runs body(T()) with T the element type of dtype: body is a generic lambda that reads T as
// decltype of its argument.
template <class Body>
auto typed(Dtype dtype, Body &&body) {
    if (dtype == Dtype::float32) return body(float());
    return body(double());
}

}  // namespace fl
