// The core's one error type. The maths throws fl::Error with a code and a message; the C
// ABI layer (capi/) catches it and turns it into an fl_status and fl_last_error(). The
// core itself knows nothing of the C ABI, so the codes are its own.
#pragma once

#include <stdexcept>
#include <string>

namespace fl {

enum class ErrorCode {
    invalid_argument,
    dimension_mismatch,
    dtype_mismatch,
    singular,
    not_positive_definite,
    non_finite,
    too_large,
    unsupported,
    no_convergence,  // an iterative LAPACK routine gave up (info > 0 from syevd, gesvd)
    internal,
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string &message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

}  // namespace fl
