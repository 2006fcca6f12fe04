// The factor behind a public handle, for the extern "C" functions that take one.
#pragma once

#include <string>

#include "capi/arguments.hpp"
#include "capi/factor_enums.hpp"
#include "capi/handles.hpp"

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

}  // namespace fl::capi
