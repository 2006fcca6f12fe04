// Checking a failed call: its status, and that fl_last_error() names the function and the
// argument that was wrong.
#ifndef FASTLINALG_TESTS_ERROR_EXPECT_HPP
#define FASTLINALG_TESTS_ERROR_EXPECT_HPP

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>

namespace fltest {

// EXPECT_ERROR(call, FL_ERR_..., "fl_function", {"words", "the", "message", "must", "hold"})
inline void expect_error_impl(fl_status got, fl_status want, const char *function,
                              std::initializer_list<const char *> words, const char *expr) {
    SCOPED_TRACE(expr);
    const char *msg = fl_last_error();
    ASSERT_NE(msg, nullptr);
    EXPECT_EQ(got, want) << "message: \"" << msg << "\"";
    if (want == FL_OK) {
        EXPECT_STREQ(msg, "");
        return;
    }
    EXPECT_TRUE(contains(msg, function)) << "message \"" << msg << "\" does not name " << function;
    for (const char *w : words) EXPECT_TRUE(contains(msg, w)) << "message \"" << msg << "\" does not mention " << w;
}

// fl_factor_create with *factor set to a non-NULL value beforehand: on failure the library
// must leave NULL there; on success the factor is destroyed. Returns the status.
template <class T>
fl_status create_expecting_null(fl_factor_kind kind, const Matrix<T> &m, const fl_options *opts = nullptr) {
    fl_factor *f = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
    const fl_status s = fl_factor_create(&f, kind, Dtype<T>::value, m.layout(), m.rows(), m.cols(), m.data(), m.ld(),
                                         opts);
    if (s != FL_OK) {
        EXPECT_EQ(f, nullptr) << "*factor must be NULL on failure";
    } else {
        fl_factor_destroy(f);
    }
    return s;
}

#define EXPECT_ERROR(call, want, function, ...)                                                                       \
    ::fltest::expect_error_impl((call), (want), (function), {__VA_ARGS__}, #call)

} // namespace fltest

#endif
