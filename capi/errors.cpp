#include "capi/errors.hpp"

#include <cstdio>

namespace fl::capi {
namespace {

// Fixed-size so that recording an error can never fail or allocate.
thread_local char last_error[512] = "";

}  // namespace

fl_status to_status(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::invalid_argument: return FL_ERR_INVALID_ARGUMENT;
    case ErrorCode::dimension_mismatch: return FL_ERR_DIMENSION_MISMATCH;
    case ErrorCode::dtype_mismatch: return FL_ERR_DTYPE_MISMATCH;
    case ErrorCode::singular: return FL_ERR_SINGULAR;
    case ErrorCode::not_positive_definite: return FL_ERR_NOT_POSITIVE_DEFINITE;
    case ErrorCode::non_finite: return FL_ERR_NON_FINITE;
    case ErrorCode::too_large: return FL_ERR_TOO_LARGE;
    case ErrorCode::unsupported: return FL_ERR_UNSUPPORTED;
    case ErrorCode::no_convergence: return FL_ERR_NO_CONVERGENCE;
    case ErrorCode::internal: return FL_ERR_INTERNAL;
    }
    return FL_ERR_INTERNAL;
}

fl_status fail(const char *function, fl_status status, const char *message) noexcept {
    std::snprintf(last_error, sizeof last_error, "%s: %s", function, message);
    return status;
}

void clear_last_error() noexcept { last_error[0] = '\0'; }

}  // namespace fl::capi

extern "C" {

FL_API const char *fl_last_error(void) { return fl::capi::last_error; }

FL_API const char *fl_status_string(fl_status status) {
    switch (status) {
    case FL_OK: return "ok";
    case FL_ERR_INVALID_ARGUMENT: return "invalid argument";
    case FL_ERR_DIMENSION_MISMATCH: return "dimension mismatch";
    case FL_ERR_DTYPE_MISMATCH: return "dtype mismatch";
    case FL_ERR_SINGULAR: return "singular matrix";
    case FL_ERR_NOT_POSITIVE_DEFINITE: return "matrix not positive definite";
    case FL_ERR_NON_FINITE: return "non-finite input";
    case FL_ERR_TOO_LARGE: return "size too large";
    case FL_ERR_OUT_OF_MEMORY: return "out of memory";
    case FL_ERR_UNSUPPORTED: return "unsupported";
    case FL_ERR_INTERNAL: return "internal error";
    case FL_ERR_NO_CONVERGENCE: return "no convergence";
    }
    return "unknown status";
}

}  // extern "C"
