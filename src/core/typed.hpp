// The one place a run-time Dtype becomes a compile-time element type. No other code in
// capi/ or src/ compares a Dtype with an enumerator: it calls one of the two dispatches
// below, so that adding an element type to fl::Dtype is a change here and nowhere else
// (docs/design.md, "Element types").
//
// - typed() is for code that takes every element type of the library. When a type joins
//   Dtype it joins the switch below, and every body that cannot take it stops compiling.
// - typed_real() is for code whose maths is real only (orderings, exp of distances,
//   SuiteSparse's real factorizations). It runs on typed(); a non-real element type never
//   reaches its body and is refused at run time with ErrorCode::unsupported.
//
// Both refuse a value outside the enumeration (a cast gone wrong: capi/ validates every
// public fl_dtype) with ErrorCode::internal instead of running it as some other type. The
// switch has no default, and the library builds with -Werror=switch: a new enumerator
// that is not handled here does not compile.
#pragma once

#include <complex>
#include <string>
#include <type_traits>

#include "core/error.hpp"
#include "core/types.hpp"

namespace fl {

// The refusal of a Dtype value the enumeration does not have, naming the dispatch.
[[noreturn]] inline void unknown_dtype(const char *dispatch, Dtype dtype) {
    throw Error(ErrorCode::internal, std::string(dispatch) + ": dtype value " +
                                         std::to_string(static_cast<int>(dtype)) +
                                         " is not an element type of this library");
}

// Runs body(T()) with T the element type of dtype: body is a generic lambda that reads T as
// decltype of its argument, and returns the same type for every T.
template <class Body>
auto typed(Dtype dtype, Body &&body) {
    switch (dtype) {
        case Dtype::float32:
            return body(float());
        case Dtype::float64:
            return body(double());
        case Dtype::complex64:
            return body(std::complex<float>());
        case Dtype::complex128:
            return body(std::complex<double>());
    }
    unknown_dtype("fl::typed", dtype);
}

// The real type of dtype's precision: float32 for complex64, float64 for complex128, a
// real dtype itself. (Eigenvalues, singular values and norms of complex matrices are real.)
inline Dtype real_dtype(Dtype dtype) {
    return typed(dtype, [](auto t) { return dtype_of<real_t<decltype(t)>>(); });
}

// typed() for real-only code: body is instantiated for the real element types only.
template <class Body>
auto typed_real(Dtype dtype, Body &&body) {
    using Result = decltype(body(double()));
    return typed(dtype, [&](auto t) -> Result {
        if constexpr (std::is_floating_point_v<decltype(t)>)
            return body(t);
        else
            throw Error(ErrorCode::unsupported,
                        std::string("dtype = ") +
                            (std::is_same_v<decltype(t), std::complex<float>> ? "complex64"
                                                                               : "complex128") +
                            ": this operation takes real matrices only (float32 or float64)");
    });
}

}  // namespace fl
