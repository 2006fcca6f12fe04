// Bad arguments to fl_stack_* and fl_batch_*: each gives its status, names the function,
// the argument and the value, and writes no output and no info entry.
#include "error_expect.hpp"
#include "stack_support.hpp"

#include <gtest/gtest.h>

namespace fltest {
namespace {

struct Fixture {
    double a[2][9], b[2][6], x[2][6];
    int32_t info[2] = {-7, -7};
    Fixture() {
        for (int l = 0; l < 2; ++l)
            for (int e = 0; e < 9; ++e) a[l][e] = e % 4 == 0 ? 4 : 1;
        for (auto &m : b)
            for (double &e : m) e = 1;
        for (auto &m : x)
            for (double &e : m) e = -3;
    }
    bool untouched() const {
        for (const auto &m : x)
            for (double e : m)
                if (e != -3) return false;
        return info[0] == -7 && info[1] == -7;
    }
    fl_status solve(fl_dtype dtype, fl_layout layout, int64_t count, int64_t n, int64_t lda,
                    int64_t stride_a, int64_t stride_x, const void *xp = nullptr,
                    int32_t *inf = nullptr, bool use_default_info = true) {
        return fl_stack_solve(dtype, layout, count, n, a, lda, stride_a, 2, b, 2, 6,
                              const_cast<void *>(xp != nullptr ? xp : static_cast<const void *>(x)),
                              2, stride_x, use_default_info ? info : inf);
    }
};

TEST(StackErrors, SolveRejectsEachBadArgument) {
    {
        Fixture f;
        EXPECT_ERROR(f.solve(static_cast<fl_dtype>(9), FL_ROW_MAJOR, 2, 3, 3, 9, 6),
                     FL_ERR_INVALID_ARGUMENT, "fl_stack_solve", "dtype = 9");
        EXPECT_TRUE(f.untouched());
    }
    {
        Fixture f;
        EXPECT_ERROR(f.solve(FL_FLOAT64, static_cast<fl_layout>(0), 2, 3, 3, 9, 6),
                     FL_ERR_INVALID_ARGUMENT, "fl_stack_solve", "layout");
        EXPECT_TRUE(f.untouched());
    }
    {
        Fixture f;
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, -1, 3, 3, 9, 6), FL_ERR_INVALID_ARGUMENT,
                     "fl_stack_solve", "count = -1");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, -2, 3, 9, 6), FL_ERR_INVALID_ARGUMENT,
                     "fl_stack_solve", "n = -2");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 2, 9, 6), FL_ERR_INVALID_ARGUMENT,
                     "fl_stack_solve", "lda = 2");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, -9, 6), FL_ERR_INVALID_ARGUMENT,
                     "fl_stack_solve", "stride_a = -9");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, 9, 5), FL_ERR_INVALID_ARGUMENT,
                     "fl_stack_solve", "stride_x = 5", "overlap");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, 9, 6, f.a), FL_ERR_INVALID_ARGUMENT,
                     "fl_stack_solve", "x and a overlap");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, 9, 6, &f.b[0][1]),
                     FL_ERR_INVALID_ARGUMENT, "fl_stack_solve", "x and b overlap");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, 9, 6, nullptr, nullptr, false),
                     FL_ERR_INVALID_ARGUMENT, "fl_stack_solve", "info is NULL", "count = 2");
        EXPECT_ERROR(f.solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, int64_t{1} << 62, 6),
                     FL_ERR_TOO_LARGE, "fl_stack_solve", "stride_a");
        EXPECT_TRUE(f.untouched());
        // In place needs the same stride.
        EXPECT_ERROR(fl_stack_solve(FL_FLOAT64, FL_ROW_MAJOR, 1, 3, f.a, 3, 9, 2, f.x, 2, 6, f.x, 2,
                                    7, f.info),
                     FL_ERR_INVALID_ARGUMENT, "fl_stack_solve", "in place");
        EXPECT_ERROR(fl_stack_solve(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, nullptr, 3, 9, 2, f.b, 2, 6,
                                    f.x, 2, 6, f.info),
                     FL_ERR_INVALID_ARGUMENT, "fl_stack_solve", "a is NULL");
        EXPECT_TRUE(f.untouched());
    }
}

TEST(StackErrors, OtherStackCallsRejectBadArguments) {
    Fixture f;
    double out[2][9];
    double sign[2], logabs[2];
    EXPECT_ERROR(fl_stack_inverse(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, out, 3, 8, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_inverse", "stride_inv = 8");
    EXPECT_ERROR(
        fl_stack_inverse(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, &f.a[1][0], 3, 9, f.info),
        FL_ERR_INVALID_ARGUMENT, "fl_stack_inverse", "inv and a overlap");
    EXPECT_ERROR(fl_stack_slogdet(FL_FLOAT32, FL_COL_MAJOR, 2, 3, f.a, 3, 9, sign, logabs, nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_slogdet", "info is NULL");
    EXPECT_ERROR(fl_stack_cholesky(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9,
                                   static_cast<fl_triangle>(3), out, 3, 9, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_cholesky", "triangle = 3");
    EXPECT_ERROR(
        fl_stack_cholesky(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, FL_LOWER, out, 2, 9, f.info),
        FL_ERR_INVALID_ARGUMENT, "fl_stack_cholesky", "ldl = 2");
    EXPECT_ERROR(fl_stack_cholesky_solve(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, FL_UPPER, -1,
                                         f.b, 3, 6, f.x, 3, 6, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_cholesky_solve", "nrhs = -1");
    EXPECT_ERROR(fl_stack_eigh(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, FL_LOWER, out, 2, nullptr,
                               3, 9, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_eigh", "stride_w = 2");
    double wv[40];
    EXPECT_ERROR(fl_stack_eigh(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, FL_LOWER, wv, 3, wv + 1,
                               3, 9, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_eigh", "v and w overlap");
    EXPECT_ERROR(fl_stack_eigh(FL_FLOAT64, FL_COL_MAJOR, 2, 3, f.a, 3, 9, FL_LOWER, nullptr, 3,
                               nullptr, 3, 9, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_stack_eigh", "w is NULL");
    EXPECT_TRUE(f.untouched());
}

}  // namespace
}  // namespace fltest

namespace fltest {
namespace {

TEST(BatchErrors, EveryBatchCallRejectsBadArguments) {
    Fixture f;
    fl_batch *b = reinterpret_cast<fl_batch *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_batch_create(&b, FL_FACTOR_SVD, FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, f.a, 3, 9,
                                 nullptr, f.info),
                 FL_ERR_UNSUPPORTED, "fl_batch_create", "kind");
    EXPECT_EQ(b, nullptr);
    EXPECT_ERROR(fl_batch_create(&b, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 2, f.a, 3, 9,
                                 nullptr, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_create", "square");
    EXPECT_ERROR(fl_batch_create(&b, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, f.a, 3, 9,
                                 nullptr, nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_create", "info is NULL");
    EXPECT_ERROR(fl_batch_create(nullptr, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, f.a, 3,
                                 9, nullptr, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_create", "batch is NULL");
    EXPECT_ERROR(fl_batch_create(&b, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, f.a, 3, -1,
                                 nullptr, f.info),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_create", "stride_a = -1");
    EXPECT_TRUE(f.untouched());
    ASSERT_EQ(fl_batch_create(&b, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 3, f.a, 3, 9,
                              nullptr, f.info),
              FL_OK);
    const HandlePtr<fl_batch, fl_batch_destroy> owned(b);
    f.info[0] = f.info[1] = -7;
    EXPECT_ERROR(fl_batch_solve(b, FL_FLOAT32, 2, FL_ROW_MAJOR, f.b, 2, 6, f.x, 2, 6),
                 FL_ERR_DTYPE_MISMATCH, "fl_batch_solve", "dtype = FL_FLOAT32");
    EXPECT_ERROR(fl_batch_solve(b, FL_FLOAT64, 2, FL_ROW_MAJOR, f.b, 2, 6, f.x, 2, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_solve", "stride_x = 3");
    EXPECT_ERROR(fl_batch_solve(b, FL_FLOAT64, 2, FL_ROW_MAJOR, f.b, 2, 6, &f.b[0][2], 2, 6),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_solve", "x and b overlap");
    EXPECT_ERROR(fl_batch_solve(nullptr, FL_FLOAT64, 2, FL_ROW_MAJOR, f.b, 2, 6, f.x, 2, 6),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_solve", "batch is NULL");
    EXPECT_ERROR(fl_batch_inverse(b, FL_FLOAT64, FL_ROW_MAJOR, f.x, 2, 9), FL_ERR_INVALID_ARGUMENT,
                 "fl_batch_inverse", "ld = 2");
    EXPECT_ERROR(fl_batch_get_part(b, FL_PART_EIGENVALUES, FL_FLOAT64, FL_ROW_MAJOR, f.x, 1, 3),
                 FL_ERR_UNSUPPORTED, "fl_batch_get_part", "part");
    EXPECT_ERROR(
        fl_batch_get_part(b, static_cast<fl_factor_part>(99), FL_FLOAT64, FL_ROW_MAJOR, f.x, 1, 3),
        FL_ERR_INVALID_ARGUMENT, "fl_batch_get_part", "99");
    EXPECT_ERROR(fl_batch_rcond(b, nullptr), FL_ERR_INVALID_ARGUMENT, "fl_batch_rcond",
                 "rcond is NULL");
    EXPECT_ERROR(fl_batch_logdet(nullptr, nullptr, nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_batch_logdet", "batch");
    EXPECT_ERROR(fl_batch_describe(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_batch_describe", "batch is NULL");
    EXPECT_TRUE(f.untouched());
    fl_batch_destroy(nullptr);
}

}  // namespace
}  // namespace fltest
