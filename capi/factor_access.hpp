// The factor behind a public handle, for the extern "C" functions that take one.
#pragma once

#include <algorithm>
#include <string>

#include "capi/arguments.hpp"
#include "capi/factor_enums.hpp"
#include "capi/handles.hpp"
#include "core/finite_check.hpp"
#include "core/typed.hpp"

namespace fl::capi {

inline const Factor &factor_of(const fl_factor *factor) {
    require_not_null(factor, "factor");
    return *factor->impl;
}

// The same, after checking that `dtype` is the factor's.
inline const Factor &factor_of(const fl_factor *factor, fl_dtype dtype) {
    const Factor &f = factor_of(factor);
    const Dtype wanted = to_dtype(dtype, "dtype");
    if (wanted != f.dtype())
        throw Error(ErrorCode::dtype_mismatch, std::string("dtype = ") + dtype_name(wanted) +
                                                   " but the factor holds " +
                                                   dtype_name(f.dtype()));
    return f;
}

// An output of `count` values of the factor's dtype, as the one column it is.
inline MatrixRef vector_arg(const char *name, const char *count_name, const Factor &f,
                            int64_t count, void *data) {
    return matrix_arg({name, "its length", count_name, "1"}, f.dtype(), FL_COL_MAJOR, count, 1,
                      data, std::max<int64_t>(count, 1));
}

// NaN/Inf in a matrix the factor is applied to (B of a solve, Y or W of a product) is
// FL_ERR_NON_FINITE naming the element, when the factor was made with FL_OPT_CHECK_FINITE
// on: O(size of m), against the O(n size of m) of the solve or product itself.
inline void require_finite_operand(const fl_factor *factor, const MatrixRef &m, const char *name) {
    if (!factor->check_finite) return;
    typed(factor->impl->dtype(), [&](auto t) { require_finite<decltype(t)>(m, name); });
}

}  // namespace fl::capi
