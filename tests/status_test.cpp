// The functions that describe the library rather than compute: status names, the
// thread-local last error, the version, and the BLAS run-time controls.
#include "error_expect.hpp"

#include <cstdio>
#include <set>
#include <thread>

namespace fltest {
namespace {

TEST(Status, EveryCodeHasItsOwnName) {
    std::set<std::string> names;
    for (int s = FL_OK; s <= FL_ERR_NO_CONVERGENCE; ++s) {
        const char *name = fl_status_string(static_cast<fl_status>(s));
        ASSERT_NE(name, nullptr) << s;
        EXPECT_STRNE(name, "") << s;
        EXPECT_STRNE(name, "unknown status") << s;
        names.insert(name);
    }
    EXPECT_EQ(names.size(), static_cast<size_t>(FL_ERR_NO_CONVERGENCE + 1)) << "two codes share a name";
}

TEST(Status, UnknownValues) {
    // fl_status holds 0..15 in C++ (see errors_test.cpp); c_api_test.c tries -1 and 1000.
    for (int s : {12, 13, 15}) {
        const char *name = fl_status_string(static_cast<fl_status>(s));
        ASSERT_NE(name, nullptr);
        EXPECT_STREQ(name, "unknown status") << s;
    }
}

TEST(Status, CodesAreTheAbi) {
    EXPECT_EQ(FL_OK, 0);
    EXPECT_EQ(FL_ERR_INVALID_ARGUMENT, 1);
    EXPECT_EQ(FL_ERR_DIMENSION_MISMATCH, 2);
    EXPECT_EQ(FL_ERR_DTYPE_MISMATCH, 3);
    EXPECT_EQ(FL_ERR_SINGULAR, 4);
    EXPECT_EQ(FL_ERR_NOT_POSITIVE_DEFINITE, 5);
    EXPECT_EQ(FL_ERR_NON_FINITE, 6);
    EXPECT_EQ(FL_ERR_TOO_LARGE, 7);
    EXPECT_EQ(FL_ERR_OUT_OF_MEMORY, 8);
    EXPECT_EQ(FL_ERR_UNSUPPORTED, 9);
    EXPECT_EQ(FL_ERR_INTERNAL, 10);
    EXPECT_EQ(FL_ERR_NO_CONVERGENCE, 11);
}

TEST(LastError, EmptyAfterSuccessAndNamesTheArgumentAfterFailure) {
    ASSERT_NE(fl_last_error(), nullptr);
    std::vector<double> a = {2, 0, 0, 0, 3, 0, 0, 0, 4};
    fl_factor *f = nullptr;
    ASSERT_EQ(fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 3, 3, a.data(), 1, nullptr),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(fl_last_error(), "fl_factor_create")) << fl_last_error();
    EXPECT_TRUE(contains(fl_last_error(), "lda")) << fl_last_error();
    EXPECT_TRUE(contains(fl_last_error(), "1")) << fl_last_error();
    ASSERT_EQ(fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 3, 3, a.data(), 3, nullptr), FL_OK);
    EXPECT_STREQ(fl_last_error(), "");
    double rcond = 0;
    EXPECT_EQ(fl_factor_rcond(f, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_STRNE(fl_last_error(), "");
    EXPECT_EQ(fl_factor_rcond(f, &rcond), FL_OK);
    EXPECT_STREQ(fl_last_error(), "");
    fl_factor_destroy(f);
}

// Every status-returning call resets it on success, including the small ones.
TEST(LastError, ClearedBySuccessfulCallsOfEveryFamily) {
    fl_options *o = nullptr;
    auto fail = [] { ASSERT_EQ(fl_options_create(nullptr), FL_ERR_INVALID_ARGUMENT); };
    fail();
    ASSERT_EQ(fl_options_create(&o), FL_OK);
    EXPECT_STREQ(fl_last_error(), "");
    fail();
    ASSERT_EQ(fl_options_set_int(o, FL_OPT_CHECK_FINITE, 0), FL_OK);
    EXPECT_STREQ(fl_last_error(), "");
    fail();
    int64_t v = 0;
    ASSERT_EQ(fl_options_get_int(o, FL_OPT_CHECK_FINITE, &v), FL_OK);
    EXPECT_STREQ(fl_last_error(), "");
    fl_options_destroy(o);
    fail();
    ASSERT_EQ(fl_set_num_threads(fl_get_num_threads()), FL_OK);
    EXPECT_STREQ(fl_last_error(), "");
}

// Each thread has its own message.
TEST(LastError, IsThreadLocal) {
    ASSERT_EQ(fl_options_create(nullptr), FL_ERR_INVALID_ARGUMENT);
    const std::string mine = fl_last_error();
    ASSERT_FALSE(mine.empty());

    std::string other_before, other_after_success, other_after_failure;
    std::thread t([&] {
        other_before = fl_last_error(); // nothing called on this thread yet
        fl_options *o = nullptr;
        if (fl_options_create(&o) == FL_OK) fl_options_destroy(o);
        other_after_success = fl_last_error();
        fl_factor_rcond(nullptr, nullptr);
        other_after_failure = fl_last_error();
    });
    t.join();
    EXPECT_EQ(other_before, "");
    EXPECT_EQ(other_after_success, "");
    EXPECT_TRUE(contains(other_after_failure.c_str(), "fl_factor_rcond")) << other_after_failure;
    // This thread's message is untouched by the other thread's calls.
    EXPECT_EQ(std::string(fl_last_error()), mine);
}

TEST(Version, MatchesTheHeader) {
    char want[64];
    std::snprintf(want, sizeof want, "%d.%d.%d", FL_VERSION_MAJOR, FL_VERSION_MINOR, FL_VERSION_PATCH);
    ASSERT_NE(fl_version(), nullptr);
    EXPECT_STREQ(fl_version(), want);
    EXPECT_EQ(fl_version_number(), FL_VERSION_NUMBER);
    EXPECT_EQ(FL_VERSION_NUMBER, FL_VERSION_MAJOR * 10000 + FL_VERSION_MINOR * 100 + FL_VERSION_PATCH);
}

TEST(Runtime, BlasDescriptions) {
    ASSERT_NE(fl_blas_info(), nullptr);
    ASSERT_NE(fl_blas_core(), nullptr);
    EXPECT_STRNE(fl_blas_info(), "");
    EXPECT_STRNE(fl_blas_core(), "");
}

TEST(Runtime, NumThreads) {
    const int before = fl_get_num_threads();
    EXPECT_GE(before, 1);
    for (int bad : {0, -1, INT32_MIN}) {
        EXPECT_ERROR(fl_set_num_threads(bad), FL_ERR_INVALID_ARGUMENT, "fl_set_num_threads", "num_threads");
        EXPECT_EQ(fl_get_num_threads(), before);
    }
    EXPECT_EQ(fl_set_num_threads(1), FL_OK);
    EXPECT_EQ(fl_get_num_threads(), 1);
    EXPECT_EQ(fl_set_num_threads(before), FL_OK);
    EXPECT_EQ(fl_get_num_threads(), before);
}

} // namespace
} // namespace fltest
