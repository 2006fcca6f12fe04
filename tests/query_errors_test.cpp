// Bad arguments to the queries that only some kinds answer (rank, inertia, parts, Q,
// residual norms, shifted solves, rank updates) and to the real-valued options. Every
// kind-specific suite checks that its own kind answers; here an LU factor, which answers
// none of them, must say so with FL_ERR_UNSUPPORTED and name what it lacks.
#include "error_expect.hpp"

namespace fltest {
namespace {

class QueryErrors : public ::testing::Test {
protected:
    void SetUp() override {
        a_ = Matrix<double>::from_ref(random_ref(3, 3, 7), FL_COL_MAJOR);
        ASSERT_EQ(make_factor(lu_, FL_FACTOR_LU, a_), FL_OK);
        b_.assign(64, 1.0);
        x_.assign(64, 0.0);
    }
    Matrix<double> a_;
    FactorPtr lu_;
    std::vector<double> b_, x_;
};

TEST_F(QueryErrors, NullHandles) {
    int64_t i = 0;
    fl_factor *g = nullptr;
    EXPECT_ERROR(fl_factor_rank(nullptr, &i), FL_ERR_INVALID_ARGUMENT, "fl_factor_rank", "factor");
    EXPECT_ERROR(fl_factor_inertia(nullptr, &i, &i, &i), FL_ERR_INVALID_ARGUMENT, "fl_factor_inertia", "factor");
    EXPECT_ERROR(fl_factor_part_shape(nullptr, FL_PART_U, &i, &i), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_part_shape", "factor");
    EXPECT_ERROR(fl_factor_get_part(nullptr, FL_PART_U, FL_FLOAT64, FL_COL_MAJOR, x_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "factor");
    EXPECT_ERROR(fl_factor_apply_q(nullptr, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, x_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_apply_q", "factor");
    EXPECT_ERROR(fl_factor_residual_norms(nullptr, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3, x_.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_residual_norms", "factor");
    const double shift = 1.0;
    EXPECT_ERROR(fl_factor_solve_shifted(nullptr, FL_FLOAT64, 1, &shift, 1, FL_COL_MAJOR, b_.data(), 3,
                                         FL_COL_MAJOR, x_.data(), 3, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "factor");
    EXPECT_ERROR(fl_factor_rank_update(&g, nullptr, 1, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_rank_update", "factor");
    EXPECT_EQ(g, nullptr);
}

TEST_F(QueryErrors, NullOutputs) {
    int64_t i = 0;
    fl_factor *f = lu_.get();
    EXPECT_ERROR(fl_factor_rank(f, nullptr), FL_ERR_INVALID_ARGUMENT, "fl_factor_rank", "rank");
    EXPECT_ERROR(fl_factor_part_shape(f, FL_PART_U, nullptr, &i), FL_ERR_INVALID_ARGUMENT,
                 "fl_factor_part_shape", "rows");
    EXPECT_ERROR(fl_factor_rank_update(nullptr, f, 1, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_rank_update", "updated");
}

TEST_F(QueryErrors, LuAnswersNoneOfThem) {
    int64_t i = 0;
    fl_factor *f = lu_.get();
    fl_factor *g = nullptr;
    EXPECT_ERROR(fl_factor_rank(f, &i), FL_ERR_UNSUPPORTED, "fl_factor_rank", "LU", "rank");
    EXPECT_ERROR(fl_factor_inertia(f, &i, &i, &i), FL_ERR_UNSUPPORTED, "fl_factor_inertia", "LU", "inertia");
    EXPECT_ERROR(fl_factor_part_shape(f, FL_PART_SINGULAR_VALUES, &i, &i), FL_ERR_UNSUPPORTED,
                 "fl_factor_part_shape", "LU", "singular values");
    EXPECT_ERROR(fl_factor_get_part(f, FL_PART_EIGENVECTORS, FL_FLOAT64, FL_COL_MAJOR, x_.data(), 3),
                 FL_ERR_UNSUPPORTED, "fl_factor_get_part", "LU", "eigenvectors");
    EXPECT_ERROR(fl_factor_get_part(f, FL_PART_R, FL_FLOAT64, FL_COL_MAJOR, x_.data(), 3), FL_ERR_UNSUPPORTED,
                 "fl_factor_get_part", "R");
    EXPECT_ERROR(fl_factor_apply_q(f, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, x_.data(), 3), FL_ERR_UNSUPPORTED,
                 "fl_factor_apply_q", "Q");
    EXPECT_ERROR(fl_factor_residual_norms(f, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3, x_.data()),
                 FL_ERR_UNSUPPORTED, "fl_factor_residual_norms", "residuals");
    const double shift = 1.0;
    EXPECT_ERROR(fl_factor_solve_shifted(f, FL_FLOAT64, 1, &shift, 1, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                         x_.data(), 3, 3),
                 FL_ERR_UNSUPPORTED, "fl_factor_solve_shifted", "shifted");
    EXPECT_ERROR(fl_factor_rank_update(&g, f, 1, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3), FL_ERR_UNSUPPORTED,
                 "fl_factor_rank_update", "update");
    EXPECT_EQ(g, nullptr);
}

TEST_F(QueryErrors, ArgumentsAreCheckedBeforeTheKind) {
    int64_t i = 0;
    fl_factor *f = lu_.get();
    fl_factor *g = nullptr;
    for (int bad : {0, 100, -1, 1000}) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(fl_factor_part_shape(f, fl_factor_part(bad), &i, &i), FL_ERR_INVALID_ARGUMENT,
                     "fl_factor_part_shape", "part");
    }
    EXPECT_ERROR(fl_factor_get_part(f, FL_PART_U, FL_FLOAT32, FL_COL_MAJOR, x_.data(), 3), FL_ERR_DTYPE_MISMATCH,
                 "fl_factor_get_part", "dtype");
    EXPECT_ERROR(fl_factor_apply_q(f, FL_NO_TRANS, FL_FLOAT64, -1, FL_COL_MAJOR, x_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_apply_q", "ncols");
    EXPECT_ERROR(fl_factor_apply_q(f, fl_transpose(7), FL_FLOAT64, 1, FL_COL_MAJOR, x_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_apply_q", "trans");
    EXPECT_ERROR(fl_factor_residual_norms(f, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3, nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_residual_norms", "norms");
    EXPECT_ERROR(fl_factor_residual_norms(f, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 2, x_.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_residual_norms", "ldb");
    const double shifts[2] = {1.0, 2.0};
    EXPECT_ERROR(fl_factor_solve_shifted(f, FL_FLOAT64, 2, nullptr, 1, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                         x_.data(), 3, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "shifts");
    EXPECT_ERROR(fl_factor_solve_shifted(f, FL_FLOAT64, -1, shifts, 1, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                         x_.data(), 3, 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "nshifts");
    // Two 3x1 outputs one element apart would overlap.
    EXPECT_ERROR(fl_factor_solve_shifted(f, FL_FLOAT64, 2, shifts, 1, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                         x_.data(), 3, 1),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "x_stride");
    // The second output would land on b.
    EXPECT_ERROR(fl_factor_solve_shifted(f, FL_FLOAT64, 2, shifts, 1, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                         b_.data() + 8, 3, -8),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_solve_shifted", "overlaps b");
    EXPECT_ERROR(fl_factor_solve_shifted(f, FL_FLOAT64, 2, shifts, 1, FL_COL_MAJOR, b_.data(), 3, FL_COL_MAJOR,
                                         x_.data(), 3, INT64_MIN),
                 FL_ERR_TOO_LARGE, "fl_factor_solve_shifted", "x_stride");
    for (int sign : {0, 2, -2}) {
        EXPECT_ERROR(fl_factor_rank_update(&g, f, sign, FL_FLOAT64, 1, FL_COL_MAJOR, b_.data(), 3),
                     FL_ERR_INVALID_ARGUMENT, "fl_factor_rank_update", "sign");
    }
    EXPECT_ERROR(fl_factor_rank_update(&g, f, 1, FL_FLOAT64, -1, FL_COL_MAJOR, b_.data(), 3),
                 FL_ERR_INVALID_ARGUMENT, "fl_factor_rank_update", "k");
    EXPECT_EQ(g, nullptr);
}

TEST(RealOptions, DefaultsRangesAndTypes) {
    fl_options *o = nullptr;
    ASSERT_EQ(fl_options_create(&o), FL_OK);
    OptionsPtr owner(o);
    double v = 0;
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_RTOL, &v), FL_OK, "");
    EXPECT_EQ(v, -1.0);  // the default: max(rows, cols) * epsilon
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_ATOL, &v), FL_OK, "");
    EXPECT_EQ(v, 0.0);

    EXPECT_ERROR(fl_options_set_real(o, FL_OPT_RTOL, 1e-8), FL_OK, "");
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_RTOL, &v), FL_OK, "");
    EXPECT_EQ(v, 1e-8);
    EXPECT_ERROR(fl_options_set_real(o, FL_OPT_RTOL, -1), FL_OK, "");
    EXPECT_ERROR(fl_options_set_real(o, FL_OPT_ATOL, 0.5), FL_OK, "");

    for (double bad : {1.0, 2.0, -0.5, std::nan("")}) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(fl_options_set_real(o, FL_OPT_RTOL, bad), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real",
                     "FL_OPT_RTOL");
    }
    for (double bad : {-1e-3, std::nan(""), HUGE_VAL}) {
        SCOPED_TRACE(bad);
        EXPECT_ERROR(fl_options_set_real(o, FL_OPT_ATOL, bad), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real",
                     "FL_OPT_ATOL");
    }
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_ATOL, &v), FL_OK, "");
    EXPECT_EQ(v, 0.5);  // failed sets left it unchanged

    int64_t i = 0;
    EXPECT_ERROR(fl_options_set_real(o, FL_OPT_CHECK_FINITE, 1), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real",
                 "fl_options_set_int");
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_TRIANGLE, &v), FL_ERR_INVALID_ARGUMENT, "fl_options_get_real",
                 "fl_options_get_int");
    EXPECT_ERROR(fl_options_set_int(o, FL_OPT_RTOL, 0), FL_ERR_INVALID_ARGUMENT, "fl_options_set_int",
                 "fl_options_set_real");
    EXPECT_ERROR(fl_options_get_int(o, FL_OPT_ATOL, &i), FL_ERR_INVALID_ARGUMENT, "fl_options_get_int",
                 "fl_options_get_real");
    EXPECT_ERROR(fl_options_set_real(nullptr, FL_OPT_RTOL, 0), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real",
                 "options");
    EXPECT_ERROR(fl_options_get_real(o, FL_OPT_RTOL, nullptr), FL_ERR_INVALID_ARGUMENT, "fl_options_get_real",
                 "value");
    EXPECT_ERROR(fl_options_set_real(o, fl_option(99), 0), FL_ERR_INVALID_ARGUMENT, "fl_options_set_real", "option");
}

}  // namespace
}  // namespace fltest
