// The boundary where C++ errors become C status codes. Every extern "C" function runs its
// body through guarded(): nothing thrown inside ever crosses into the caller, and the
// thread-local message of fl_last_error() is set on failure and cleared on success.
#pragma once

#include <new>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "fastlinalg/fastlinalg.h"

namespace fl::capi {

fl_status to_status(ErrorCode code) noexcept;

// Records "function: message" as this thread's last error and returns status.
fl_status fail(const char *function, fl_status status, const char *message) noexcept;
void clear_last_error() noexcept;

template <class Body> fl_status guarded(const char *function, Body &&body) noexcept {
    try {
        body();
        clear_last_error();
        return FL_OK;
    } catch (const Error &e) {
        return fail(function, to_status(e.code()), e.what());
    } catch (const std::bad_alloc &) {
        return fail(function, FL_ERR_OUT_OF_MEMORY, "out of memory");
    } catch (const std::length_error &e) {
        // A container asked for more than it can ever hold: a size, not a bug. Sizes are
        // checked before allocating; this only keeps a missed one from reading as INTERNAL.
        return fail(function, FL_ERR_TOO_LARGE, e.what());
    } catch (const std::exception &e) {
        return fail(function, FL_ERR_INTERNAL, e.what());
    } catch (...) {
        return fail(function, FL_ERR_INTERNAL, "unknown exception");
    }
}

}  // namespace fl::capi
