// Bad arguments for every function that takes any: each gives its status, a message that
// names the function and the argument, and no output (NULL handles on failure).
#include "error_expect.hpp"

namespace fltest {
namespace {

// A pointer that is never dereferenced: calls that must fail before touching memory get it.
void *fake_pointer(uintptr_t where) { return reinterpret_cast<void *>(where); }
fl_factor *const kGarbage = reinterpret_cast<fl_factor *>(uintptr_t{0x10});
constexpr int64_t kBeyondInt32 = int64_t{1} << 31;
constexpr int64_t kInt64Max = INT64_MAX;
// Ints that name no enumerator. Every fl_* enum has int as its fixed type in C++ (the
// header's FL_ENUM_TYPE), so any int is a valid value to pass, as it is from C;
// c_api_test.c checks the same from C.
constexpr int kBadEnumValues[] = {0, 9, -1, 1000};

class Errors : public ::testing::Test {
protected:
    void SetUp() override {
        a_ = Matrix<double>::from_ref(random_ref(3, 3, 1), FL_COL_MAJOR);
        ASSERT_EQ(make_factor(lu_, FL_FACTOR_LU, a_), FL_OK);
        b_.assign(64, 1.0);
        x_.assign(64, 0.0);
    }
    // fl_factor_create on our 3x3 double buffer with one argument changed.
    fl_status create(fl_factor_kind kind, fl_dtype dtype, fl_layout layout, int64_t rows, int64_t cols,
                     const void *a, int64_t lda) {
        fl_factor *f = kGarbage;
        const fl_status s = fl_factor_create(&f, kind, dtype, layout, rows, cols, a, lda, nullptr);
        if (s != FL_OK) {
            EXPECT_EQ(f, nullptr) << "*factor must be NULL on failure";
        } else {
            fl_factor_destroy(f);
        }
        return s;
    }
    fl_status solve_with(fl_transpose tr, fl_dtype dt, int64_t nrhs, fl_layout bl, const void *b, int64_t ldb,
                         fl_layout xl, void *x, int64_t ldx) {
        return fl_factor_solve(lu_.get(), tr, dt, nrhs, bl, b, ldb, xl, x, ldx);
    }
    Matrix<double> a_;
    FactorPtr lu_;
    std::vector<double> b_, x_;
};

const char *kCreate = "fl_factor_create";
const char *kSolve = "fl_factor_solve";
const char *kInverse = "fl_factor_inverse";

TEST_F(Errors, CreateNullOutPointer) {
    EXPECT_ERROR(fl_factor_create(nullptr, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, 3, 3, a_.data(), 3, nullptr),
                 FL_ERR_INVALID_ARGUMENT, kCreate, "factor");
}

TEST_F(Errors, CreateBadEnums) {
    const void *a = a_.data();
    for (int bad : kBadEnumValues) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(create(fl_factor_kind(bad), FL_FLOAT64, FL_COL_MAJOR, 3, 3, a, 3), FL_ERR_INVALID_ARGUMENT,
                     kCreate, "kind");
        EXPECT_ERROR(create(FL_FACTOR_LU, fl_dtype(bad), FL_COL_MAJOR, 3, 3, a, 3), FL_ERR_INVALID_ARGUMENT, kCreate,
                     "dtype");
        EXPECT_ERROR(create(FL_FACTOR_LU, FL_FLOAT64, fl_layout(bad), 3, 3, a, 3), FL_ERR_INVALID_ARGUMENT, kCreate,
                     "layout");
    }
}

TEST_F(Errors, CreateBadSizes) {
    const void *a = a_.data();
    for (fl_factor_kind k : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY})
        for (fl_layout l : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
            SCOPED_TRACE(std::string(layout_name(l)) + (k == FL_FACTOR_LU ? " LU" : " Cholesky"));
            EXPECT_ERROR(create(k, FL_FLOAT64, l, -1, 3, a, 3), FL_ERR_INVALID_ARGUMENT, kCreate, "rows", "-1");
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 3, -1, a, 3), FL_ERR_INVALID_ARGUMENT, kCreate, "cols", "-1");
            EXPECT_ERROR(create(k, FL_FLOAT64, l, -3, -3, a, 3), FL_ERR_INVALID_ARGUMENT, kCreate);
            // Not square (both fit the 3x3 buffer with lda = 3): Cholesky refuses, LU factors
            // a rectangular A (rectangular_lu_test.cpp).
            const fl_status not_square = k == FL_FACTOR_LU ? FL_OK : FL_ERR_INVALID_ARGUMENT;
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 3, 2, a, 3), not_square, kCreate);
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 2, 3, a, 3), not_square, kCreate);
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 0, 3, a, 3), not_square, kCreate);
            // NULL A with elements; NULL is fine for 0x0.
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 3, 3, nullptr, 3), FL_ERR_INVALID_ARGUMENT, kCreate);
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 0, 0, nullptr, 1), FL_OK, kCreate);
            // Leading dimension too small for the layout, and ld >= 1 always.
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 3, 3, a, 2), FL_ERR_INVALID_ARGUMENT, kCreate, "lda", "2");
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 3, 3, a, 0), FL_ERR_INVALID_ARGUMENT, kCreate, "lda");
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 3, 3, a, -3), FL_ERR_INVALID_ARGUMENT, kCreate, "lda");
            EXPECT_ERROR(create(k, FL_FLOAT64, l, 0, 0, nullptr, 0), FL_ERR_INVALID_ARGUMENT, kCreate, "lda");
        }
}

// Row-major: lda is checked against cols; column-major: against rows. 3x3 cannot tell the
// two apart, so use a 2x2 matrix stored in a 2x4 / 4x2 buffer (lda = 4 is fine both ways)
// and lda = 1 (too small both ways).
TEST_F(Errors, CreateLdaPerLayout) {
    std::vector<double> buf = {4, 1, 0, 0, 1, 3, 0, 0};
    for (fl_layout l : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
        EXPECT_ERROR(create(FL_FACTOR_LU, FL_FLOAT64, l, 2, 2, buf.data(), 4), FL_OK, kCreate);
        EXPECT_ERROR(create(FL_FACTOR_LU, FL_FLOAT64, l, 2, 2, buf.data(), 1), FL_ERR_INVALID_ARGUMENT, kCreate,
                     "lda");
    }
}

// Beyond LAPACK's 32-bit integers, or beyond int64 products: reported before any allocation
// or read (the pointer is never dereferenced).
TEST_F(Errors, CreateTooLarge) {
    const void *fake = fake_pointer(0x1000);
    for (fl_factor_kind k : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY})
        for (fl_dtype dt : {FL_FLOAT32, FL_FLOAT64})
            for (fl_layout l : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
                SCOPED_TRACE(std::string(layout_name(l)) + (dt == FL_FLOAT32 ? " f32" : " f64") +
                             (k == FL_FACTOR_LU ? " LU" : " Cholesky"));
                EXPECT_ERROR(create(k, dt, l, kBeyondInt32, kBeyondInt32, fake, kBeyondInt32), FL_ERR_TOO_LARGE,
                             kCreate);
                const int64_t big = int64_t{1} << 32; // big * big overflows int64
                EXPECT_ERROR(create(k, dt, l, big, big, fake, big), FL_ERR_TOO_LARGE, kCreate);
                EXPECT_ERROR(create(k, dt, l, kInt64Max, kInt64Max, fake, kInt64Max), FL_ERR_TOO_LARGE, kCreate);
                // A small matrix whose extent (cols - 1) * lda overflows.
                EXPECT_ERROR(create(k, dt, l, 3, 3, fake, kInt64Max / 2 + 1), FL_ERR_TOO_LARGE, kCreate);
            }
}

TEST_F(Errors, SolveNullFactor) {
    EXPECT_ERROR(fl_factor_solve(nullptr, FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                 x_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "factor");
}

TEST_F(Errors, SolveBadEnums) {
    for (int bad : kBadEnumValues) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(solve_with(fl_transpose(bad), FL_FLOAT64, 2, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR, x_.data(), 3),
                     FL_ERR_INVALID_ARGUMENT, kSolve, "trans");
        EXPECT_ERROR(solve_with(FL_NO_TRANS, fl_dtype(bad), 2, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR, x_.data(), 3),
                     FL_ERR_INVALID_ARGUMENT, kSolve, "dtype");
        EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, fl_layout(bad), b_.data(), 3, FL_COL_MAJOR, x_.data(), 3),
                     FL_ERR_INVALID_ARGUMENT, kSolve, "layout");
        EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b_.data(), 3, fl_layout(bad), x_.data(), 3),
                     FL_ERR_INVALID_ARGUMENT, kSolve, "layout");
    }
}

TEST_F(Errors, SolveDtypeMismatch) {
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT32, 2, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR, x_.data(), 3),
                 FL_ERR_DTYPE_MISMATCH, kSolve, "dtype");
    FactorPtr f32;
    ASSERT_EQ(make_factor(f32, FL_FACTOR_CHOLESKY, Matrix<float>::from_ref(spd_ref(3, 2), FL_ROW_MAJOR)), FL_OK);
    EXPECT_ERROR(fl_factor_solve(f32.get(), FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                 x_.data(), 3),
                 FL_ERR_DTYPE_MISMATCH, kSolve, "dtype");
}

TEST_F(Errors, SolveBadSizesAndPointers) {
    double *b = b_.data(), *x = x_.data();
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, -1, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, x, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "nrhs", "-1");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, nullptr, 3, FL_COL_MAJOR, x, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, nullptr, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    // No right-hand sides: NULL is fine.
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 0, FL_COL_MAJOR, nullptr, 3, FL_COL_MAJOR, nullptr, 3), FL_OK,
                 kSolve);
    EXPECT_ERROR(solve_with(FL_TRANS, FL_FLOAT64, 0, FL_ROW_MAJOR, nullptr, 1, FL_ROW_MAJOR, nullptr, 1), FL_OK,
                 kSolve);
    // Column-major: ld >= n = 3. Row-major: ld >= nrhs = 2 (so 2 is fine there). ld >= 1.
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 2, FL_COL_MAJOR, x, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldb", "2");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, x, 2),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldx", "2");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_ROW_MAJOR, b, 2, FL_ROW_MAJOR, x, 2), FL_OK, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_ROW_MAJOR, b, 1, FL_ROW_MAJOR, x, 2),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldb");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_ROW_MAJOR, b, 2, FL_ROW_MAJOR, x, 1),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldx");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 0, FL_ROW_MAJOR, nullptr, 0, FL_ROW_MAJOR, nullptr, 1),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldb");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 0, FL_ROW_MAJOR, nullptr, 1, FL_ROW_MAJOR, nullptr, 0),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldx");
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, -3, FL_COL_MAJOR, x, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve, "ldb");
}

TEST_F(Errors, SolveTooLarge) {
    const void *b = fake_pointer(0x1000);
    void *x = fake_pointer(uintptr_t{1} << 46); // far from b: no overlap to report instead
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, kBeyondInt32, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, x, 3),
                 FL_ERR_TOO_LARGE, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, kBeyondInt32, FL_ROW_MAJOR, b, kBeyondInt32, FL_ROW_MAJOR, x,
                            kBeyondInt32),
                 FL_ERR_TOO_LARGE, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 3, FL_COL_MAJOR, b, kInt64Max / 2 + 1, FL_COL_MAJOR, x, 3),
                 FL_ERR_TOO_LARGE, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, kInt64Max, FL_ROW_MAJOR, b, kInt64Max, FL_ROW_MAJOR, x,
                            kInt64Max),
                 FL_ERR_TOO_LARGE, kSolve);
}

// In place means x == b with the same layout and ld; every other overlap is rejected.
TEST_F(Errors, SolveOverlap) {
    double *b = b_.data();
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, b + 1, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b + 3, 3, FL_COL_MAJOR, b, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, b, 4),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 3, FL_COL_MAJOR, b, 3, FL_ROW_MAJOR, b, 3),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_ROW_MAJOR, b, 2, FL_ROW_MAJOR, b + 5, 2),
                 FL_ERR_INVALID_ARGUMENT, kSolve);
    // Exactly in place, and adjacent but disjoint, are fine.
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, b, 3), FL_OK, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b, 3, FL_COL_MAJOR, b + 6, 3), FL_OK, kSolve);
    EXPECT_ERROR(solve_with(FL_NO_TRANS, FL_FLOAT64, 2, FL_ROW_MAJOR, b + 6, 2, FL_ROW_MAJOR, b, 2), FL_OK, kSolve);
}

TEST_F(Errors, LogdetAndRcond) {
    double sign = 0, logabs = 0, rcond = 0;
    EXPECT_ERROR(fl_factor_logdet(nullptr, &sign, &logabs), FL_ERR_INVALID_ARGUMENT, "fl_factor_logdet", "factor");
    EXPECT_ERROR(fl_factor_rcond(nullptr, &rcond), FL_ERR_INVALID_ARGUMENT, "fl_factor_rcond", "factor");
    EXPECT_ERROR(fl_factor_rcond(lu_.get(), nullptr), FL_ERR_INVALID_ARGUMENT, "fl_factor_rcond", "rcond");
    EXPECT_ERROR(fl_factor_logdet(lu_.get(), nullptr, nullptr), FL_OK, "fl_factor_logdet");
}

TEST_F(Errors, Inverse) {
    double *inv = x_.data();
    EXPECT_ERROR(fl_factor_inverse(nullptr, FL_FLOAT64, FL_COL_MAJOR, inv, 3), FL_ERR_INVALID_ARGUMENT, kInverse,
                 "factor");
    EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT32, FL_COL_MAJOR, inv, 3), FL_ERR_DTYPE_MISMATCH, kInverse,
                 "dtype");
    for (int bad : kBadEnumValues) {
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), fl_dtype(bad), FL_COL_MAJOR, inv, 3), FL_ERR_INVALID_ARGUMENT,
                     kInverse, "dtype");
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT64, fl_layout(bad), inv, 3), FL_ERR_INVALID_ARGUMENT,
                     kInverse, "layout");
    }
    for (fl_layout l : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT64, l, nullptr, 3), FL_ERR_INVALID_ARGUMENT, kInverse);
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT64, l, inv, 2), FL_ERR_INVALID_ARGUMENT, kInverse, "ld",
                     "2");
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT64, l, inv, 0), FL_ERR_INVALID_ARGUMENT, kInverse, "ld");
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT64, l, fake_pointer(0x1000), kInt64Max / 2 + 1),
                     FL_ERR_TOO_LARGE, kInverse);
        EXPECT_ERROR(fl_factor_inverse(lu_.get(), FL_FLOAT64, l, inv, 5), FL_OK, kInverse);
    }
    FactorPtr empty;
    ASSERT_EQ(make_factor(empty, FL_FACTOR_LU, Matrix<double>(0, 0, FL_ROW_MAJOR)), FL_OK);
    EXPECT_ERROR(fl_factor_inverse(empty.get(), FL_FLOAT64, FL_ROW_MAJOR, nullptr, 0), FL_ERR_INVALID_ARGUMENT,
                 kInverse, "ld");
}

TEST_F(Errors, GettersOnNull) {
    EXPECT_EQ(static_cast<int>(fl_factor_get_kind(nullptr)), 0);
    EXPECT_STRNE(fl_last_error(), "");
    EXPECT_EQ(static_cast<int>(fl_factor_get_dtype(nullptr)), 0);
    EXPECT_STRNE(fl_last_error(), "");
    EXPECT_EQ(fl_factor_rows(nullptr), 0);
    EXPECT_STRNE(fl_last_error(), "");
    EXPECT_EQ(fl_factor_cols(nullptr), 0);
    EXPECT_STRNE(fl_last_error(), "");
}

TEST(ErrorsDestroy, NullIsANoOp) {
    fl_factor_destroy(nullptr);
    fl_options_destroy(nullptr);
    SUCCEED();
}

TEST(ErrorsOptions, NullHandles) {
    int64_t v = 0;
    EXPECT_ERROR(fl_options_create(nullptr), FL_ERR_INVALID_ARGUMENT, "fl_options_create");
    EXPECT_ERROR(fl_options_set_int(nullptr, FL_OPT_CHECK_FINITE, 1), FL_ERR_INVALID_ARGUMENT, "fl_options_set_int");
    EXPECT_ERROR(fl_options_get_int(nullptr, FL_OPT_CHECK_FINITE, &v), FL_ERR_INVALID_ARGUMENT, "fl_options_get_int");
    OptionsPtr o = make_options(1, FL_LOWER);
    ASSERT_NE(o, nullptr);
    EXPECT_ERROR(fl_options_get_int(o.get(), FL_OPT_CHECK_FINITE, nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_options_get_int", "value");
}

TEST(ErrorsOptions, DefaultsAndValidValues) {
    fl_options *raw = nullptr;
    ASSERT_EQ(fl_options_create(&raw), FL_OK);
    OptionsPtr o(raw);
    int64_t v = -5;
    EXPECT_EQ(fl_options_get_int(o.get(), FL_OPT_CHECK_FINITE, &v), FL_OK);
    EXPECT_EQ(v, 1);
    EXPECT_EQ(fl_options_get_int(o.get(), FL_OPT_TRIANGLE, &v), FL_OK);
    EXPECT_EQ(v, FL_LOWER);
    for (int64_t ok : {0, 1}) {
        EXPECT_EQ(fl_options_set_int(o.get(), FL_OPT_CHECK_FINITE, ok), FL_OK);
        EXPECT_EQ(fl_options_get_int(o.get(), FL_OPT_CHECK_FINITE, &v), FL_OK);
        EXPECT_EQ(v, ok);
    }
    for (int64_t ok : {FL_UPPER, FL_LOWER}) {
        EXPECT_EQ(fl_options_set_int(o.get(), FL_OPT_TRIANGLE, ok), FL_OK);
        EXPECT_EQ(fl_options_get_int(o.get(), FL_OPT_TRIANGLE, &v), FL_OK);
        EXPECT_EQ(v, ok);
    }
}

TEST(ErrorsOptions, BadOptionOrValueLeavesHandleUnchanged) {
    OptionsPtr o = make_options(0, FL_UPPER);
    ASSERT_NE(o, nullptr);
    int64_t v = 0;
    for (int bad : kBadEnumValues) {
        EXPECT_ERROR(fl_options_set_int(o.get(), fl_option(bad), 1), FL_ERR_INVALID_ARGUMENT, "fl_options_set_int",
                     "option");
        EXPECT_ERROR(fl_options_get_int(o.get(), fl_option(bad), &v), FL_ERR_INVALID_ARGUMENT, "fl_options_get_int",
                     "option");
    }
    for (int64_t bad : {int64_t{-1}, int64_t{2}, int64_t{100}, kInt64Max}) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(fl_options_set_int(o.get(), FL_OPT_CHECK_FINITE, bad), FL_ERR_INVALID_ARGUMENT,
                     "fl_options_set_int", std::to_string(bad).c_str());
        EXPECT_EQ(fl_options_get_int(o.get(), FL_OPT_CHECK_FINITE, &v), FL_OK);
        EXPECT_EQ(v, 0);
    }
    for (int64_t bad : {int64_t{0}, int64_t{3}, int64_t{-1}, kInt64Max}) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(fl_options_set_int(o.get(), FL_OPT_TRIANGLE, bad), FL_ERR_INVALID_ARGUMENT, "fl_options_set_int",
                     std::to_string(bad).c_str());
        EXPECT_EQ(fl_options_get_int(o.get(), FL_OPT_TRIANGLE, &v), FL_OK);
        EXPECT_EQ(v, FL_UPPER);
    }
}

} // namespace
} // namespace fltest
