// The core's one run-time-to-compile-time element-type dispatch (src/core/typed.hpp, header
// only, so tested directly): each Dtype runs its body with its own element type, and a
// value outside the enumeration is refused with ErrorCode::internal, never run as another
// type. The C API cannot reach the refusal (it validates every fl_dtype first), hence this
// white-box test.
#include <gtest/gtest.h>

#include <complex>
#include <string>
#include <typeinfo>

#include "core/typed.hpp"

namespace {

// The name of the element type a dispatch ran its body with.
template <class Dispatch>
std::string element_type_of(Dispatch dispatch, fl::Dtype dtype) {
    return dispatch(dtype, [](auto t) { return std::string(typeid(t).name()); });
}

const auto typed = [](fl::Dtype d, auto body) { return fl::typed(d, body); };
const auto typed_real = [](fl::Dtype d, auto body) { return fl::typed_real(d, body); };

// The message of the fl::Error a dispatch of `dtype` throws, after checking its code.
template <class Dispatch>
std::string refusal(Dispatch dispatch, fl::Dtype dtype) {
    bool ran = false;
    try {
        dispatch(dtype, [&](auto) { ran = true; });
    } catch (const fl::Error &e) {
        EXPECT_EQ(e.code(), fl::ErrorCode::internal);
        EXPECT_FALSE(ran);
        return e.what();
    }
    ADD_FAILURE() << "no fl::Error for dtype value " << static_cast<int>(dtype);
    return "";
}

TEST(DtypeDispatch, EachDtypeRunsItsOwnElementType) {
    EXPECT_EQ(element_type_of(typed, fl::Dtype::float32), typeid(float).name());
    EXPECT_EQ(element_type_of(typed, fl::Dtype::float64), typeid(double).name());
    EXPECT_EQ(element_type_of(typed_real, fl::Dtype::float32), typeid(float).name());
    EXPECT_EQ(element_type_of(typed_real, fl::Dtype::float64), typeid(double).name());
    EXPECT_EQ(element_type_of(typed, fl::Dtype::complex64), typeid(std::complex<float>).name());
    EXPECT_EQ(element_type_of(typed, fl::Dtype::complex128), typeid(std::complex<double>).name());
}

TEST(DtypeDispatch, RealOnlyCodeRefusesTheComplexTypesAsUnsupported) {
    for (const fl::Dtype dtype : {fl::Dtype::complex64, fl::Dtype::complex128}) {
        bool ran = false;
        try {
            fl::typed_real(dtype, [&](auto) { ran = true; });
            ADD_FAILURE() << "no fl::Error";
        } catch (const fl::Error &e) {
            EXPECT_EQ(e.code(), fl::ErrorCode::unsupported);
            const std::string name = dtype == fl::Dtype::complex64 ? "complex64" : "complex128";
            EXPECT_NE(std::string(e.what()).find("dtype = " + name + ": this operation takes real "
                                                 "matrices only"),
                      std::string::npos)
                << e.what();
        }
        EXPECT_FALSE(ran);
    }
}

TEST(DtypeDispatch, ReturnsTheBodysValue) {
    EXPECT_EQ(fl::typed(fl::Dtype::float32, [](auto t) { return sizeof(t); }), sizeof(float));
    EXPECT_EQ(fl::typed_real(fl::Dtype::float64, [](auto t) { return sizeof(t); }), sizeof(double));
}

TEST(DtypeDispatch, UnknownDtypeIsRefusedNotRunAsDouble) {
    for (int value : {4, 5, -1, 1 << 20}) {
        const auto dtype = static_cast<fl::Dtype>(value);
        const std::string expected =
            "dtype value " + std::to_string(value) + " is not an element type of this library";
        EXPECT_EQ(refusal(typed, dtype), "fl::typed: " + expected);
        EXPECT_EQ(refusal(typed_real, dtype),
                  "fl::typed: " + expected);  // typed_real runs on typed
    }
}

}  // namespace
