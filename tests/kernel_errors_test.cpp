// Bad arguments to fl_kernel_*: each gets its status and a message naming the function, the
// argument and the value, and nothing is written or leaked.
#include <cmath>
#include <limits>

#include "error_expect.hpp"
#include "kernel_reference.hpp"

namespace fltest {
namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

fl_status create(fl_kernel_kind kind, fl_metric metric, int64_t dim,
                 const std::vector<double> &params, double sigma_f = 1.0, double noise = 0.0) {
    fl_kernel *k = reinterpret_cast<fl_kernel *>(uintptr_t{0x10});
    const fl_status s = fl_kernel_create(&k, kind, metric, dim, static_cast<int64_t>(params.size()),
                                         params.empty() ? nullptr : params.data(), sigma_f, noise);
    if (s != FL_OK) {
        EXPECT_EQ(k, nullptr) << "*kernel must be NULL on failure";
    } else {
        fl_kernel_destroy(k);
    }
    return s;
}

TEST(KernelCreateErrors, Arguments) {
    const char *fn = "fl_kernel_create";
    const std::vector<double> ard{1.0, 2.0};
    EXPECT_ERROR(
        fl_kernel_create(nullptr, FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, 2, ard.data(), 1, 0),
        FL_ERR_INVALID_ARGUMENT, fn, "kernel is NULL");
    EXPECT_ERROR(create(static_cast<fl_kernel_kind>(0), FL_METRIC_ARD, 2, ard),
                 FL_ERR_INVALID_ARGUMENT, fn, "kind = 0");
    EXPECT_ERROR(create(static_cast<fl_kernel_kind>(6), FL_METRIC_ARD, 2, ard),
                 FL_ERR_INVALID_ARGUMENT, fn, "kind = 6");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, static_cast<fl_metric>(5), 2, ard),
                 FL_ERR_INVALID_ARGUMENT, fn, "metric = 5");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 0, {}), FL_ERR_INVALID_ARGUMENT, fn,
                 "dim = 0");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, -3, ard), FL_ERR_INVALID_ARGUMENT, fn,
                 "dim = -3");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, int64_t{1} << 40, ard), FL_ERR_TOO_LARGE,
                 fn, "dim");
    EXPECT_ERROR(
        fl_kernel_create(nullptr, FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, -1, ard.data(), 1, 0),
        FL_ERR_INVALID_ARGUMENT, fn);
    fl_kernel *k = nullptr;
    EXPECT_ERROR(fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, -1, ard.data(), 1, 0),
                 FL_ERR_INVALID_ARGUMENT, fn, "nparams = -1");
    EXPECT_ERROR(fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, 2, nullptr, 1, 0),
                 FL_ERR_INVALID_ARGUMENT, fn, "params is NULL");
    EXPECT_EQ(k, nullptr);
    // nparams that do not fit the metric
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 3, ard), FL_ERR_INVALID_ARGUMENT, fn,
                 "nparams = 2", "FL_METRIC_ARD");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 3, ard), FL_ERR_INVALID_ARGUMENT,
                 fn, "nparams = 2", "FL_METRIC_ISOTROPIC");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, 2, ard),
                 FL_ERR_INVALID_ARGUMENT, fn, "nparams = 2", "q >= 1");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, 2, {1, 2, 3, 4, 5}),
                 FL_ERR_INVALID_ARGUMENT, fn, "nparams = 5");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_FULL, 2, {1, 0, 1}), FL_ERR_INVALID_ARGUMENT,
                 fn, "nparams = 3", "FL_METRIC_FULL");
    // parameter values
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, {1.0, 0.0}), FL_ERR_INVALID_ARGUMENT,
                 fn, "params[1] = 0", "length-scale");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 2, {-1.0}),
                 FL_ERR_INVALID_ARGUMENT, fn, "params[0] = -1");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, {1.0, kNan}), FL_ERR_INVALID_ARGUMENT,
                 fn, "params[1] = nan", "not finite");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, 2, {1, 1, kInf, 1}),
                 FL_ERR_INVALID_ARGUMENT, fn, "params[2] = inf");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, ard, 0.0), FL_ERR_INVALID_ARGUMENT,
                 fn, "sigma_f");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, ard, kNan), FL_ERR_INVALID_ARGUMENT,
                 fn, "sigma_f");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, ard, 1.0, -0.5),
                 FL_ERR_INVALID_ARGUMENT, fn, "noise");
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, ard, 1.0, kInf),
                 FL_ERR_INVALID_ARGUMENT, fn, "noise");
    EXPECT_EQ(create(FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, ard, 1.0, 0.0), FL_OK);
    fl_kernel_destroy(nullptr);
}

TEST(KernelCreateErrors, MetricNotPositiveDefinite) {
    const char *fn = "fl_kernel_create";
    // Eigenvalues 3 and -1.
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_FULL, 2, {1, 2, 2, 1}),
                 FL_ERR_NOT_POSITIVE_DEFINITE, fn, "not positive definite", "order 2");
    EXPECT_ERROR(create(FL_KERNEL_MATERN32, FL_METRIC_FULL, 2, {-1, 0, 0, 1}),
                 FL_ERR_NOT_POSITIVE_DEFINITE, fn, "order 1");
    // Lambda Lambda^T of rank 1 and psi = 0: singular.
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_LOWRANK_DIAG, 2, {1, 1, 0, 0}),
                 FL_ERR_NOT_POSITIVE_DEFINITE, fn, "FL_METRIC_LOWRANK_DIAG");
    // An M that is not symmetric is a mistake, not a metric.
    EXPECT_ERROR(create(FL_KERNEL_GAUSSIAN, FL_METRIC_FULL, 2, {2, 0.5, 0.25, 2}),
                 FL_ERR_INVALID_ARGUMENT, fn, "not symmetric", "M[0, 1] = 0.25", "M[1, 0] = 0.5");
}

// A valid kernel (dim 2) and valid arrays, so that each case breaks exactly one thing.
class KernelCallErrors : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(make_kernel(kernel, {FL_KERNEL_GAUSSIAN, FL_METRIC_ARD, 2, {1, 2}, 1, 0.1}),
                  FL_OK);
    }
    fl_status matrix(fl_dtype dtype, fl_layout xl, int64_t n1, const void *x1, int64_t ldx1,
                     int64_t n2, const void *x2, int64_t ldx2, fl_layout kl, void *k, int64_t ldk,
                     const fl_kernel *handle = nullptr) {
        return fl_kernel_matrix(handle != nullptr ? handle : kernel.get(), dtype, xl, n1, x1, ldx1,
                                n2, x2, ldx2, kl, k, ldk);
    }
    KernelPtr kernel;
    double x[8] = {0, 1, 2, 3, 4, 5, 6, 7};  // 4 points, row-major
    double y[6] = {1, 1, 2, 2, 3, 3};        // 3 points
    double k[16] = {};
    double w[16] = {};
    double grad[4] = {};
};

TEST_F(KernelCallErrors, Matrix) {
    const char *fn = "fl_kernel_matrix";
    EXPECT_ERROR(
        fl_kernel_matrix(nullptr, FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
        FL_ERR_INVALID_ARGUMENT, fn, "kernel is NULL");
    EXPECT_ERROR(
        matrix(static_cast<fl_dtype>(7), FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
        FL_ERR_INVALID_ARGUMENT, fn, "dtype = 7");
    EXPECT_ERROR(
        matrix(FL_FLOAT64, static_cast<fl_layout>(9), 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
        FL_ERR_INVALID_ARGUMENT, fn, "x1's layout = 9");
    EXPECT_ERROR(
        matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, static_cast<fl_layout>(0), k, 3),
        FL_ERR_INVALID_ARGUMENT, fn, "k's layout = 0");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, -4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "n1 = -4");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, -3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "n2 = -3");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 1, 3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldx1 = 1", "dim = 2");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_COL_MAJOR, 4, x, 3, 3, y, 3, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldx1 = 3", "n1 = 4");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 1, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldx2 = 1");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldk = 2", "n2 = 3");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_COL_MAJOR, 4, x, 4, 3, y, 3, FL_COL_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldk = 3", "n1 = 4");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, nullptr, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "x1 is NULL");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, nullptr, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "k is NULL");
    // x2 = NULL means X2 = X1: n2 must be n1.
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, nullptr, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_DIMENSION_MISMATCH, fn, "n2 = 3", "n1 = 4");
    // K may not overlap the points.
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, x, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "k and x1 overlap");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 2, k + 4, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_INVALID_ARGUMENT, fn, "k and x1 overlap");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 2, x, 2, 2, k, 2, FL_ROW_MAJOR, k + 2, 2),
                 FL_ERR_INVALID_ARGUMENT, fn, "k and x2 overlap");
    // NaN and Inf in the points, named by (point, coordinate).
    x[5] = kNan;
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_NON_FINITE, fn, "x1[2, 1] = nan");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 4, nullptr, 2, FL_ROW_MAJOR, k, 4),
                 FL_ERR_NON_FINITE, fn, "x1[2, 1]");
    x[5] = 5;
    y[2] = -kInf;
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3),
                 FL_ERR_NON_FINITE, fn, "x2[1, 0] = -inf");
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_COL_MAJOR, 3, y, 3, 4, x, 4, FL_ROW_MAJOR, k, 4),
                 FL_ERR_NON_FINITE, fn, "x1[2, 0]");
    y[2] = 2;
    EXPECT_ERROR(matrix(FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2, FL_ROW_MAJOR, k, 3), FL_OK, fn);
}

TEST_F(KernelCallErrors, Gradient) {
    const char *fn = "fl_kernel_gradient";
    const auto gradient = [&](fl_dtype dtype, int64_t n1, const void *x1, int64_t n2,
                              const void *x2, fl_layout wl, const void *wp, int64_t ldw,
                              double *g) {
        return fl_kernel_gradient(kernel.get(), dtype, FL_ROW_MAJOR, n1, x1, 2, n2, x2, 2, wl, wp,
                                  ldw, g);
    };
    EXPECT_ERROR(fl_kernel_gradient(nullptr, FL_FLOAT64, FL_ROW_MAJOR, 4, x, 2, 3, y, 2,
                                    FL_ROW_MAJOR, w, 3, grad),
                 FL_ERR_INVALID_ARGUMENT, fn, "kernel is NULL");
    EXPECT_ERROR(gradient(static_cast<fl_dtype>(5), 4, x, 3, y, FL_ROW_MAJOR, w, 3, grad),
                 FL_ERR_INVALID_ARGUMENT, fn, "dtype = 5");
    EXPECT_ERROR(gradient(FL_COMPLEX128, 4, x, 3, y, FL_ROW_MAJOR, w, 3, grad), FL_ERR_UNSUPPORTED,
                 fn, "takes real matrices only");
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, static_cast<fl_layout>(4), w, 3, grad),
                 FL_ERR_INVALID_ARGUMENT, fn, "w's layout = 4");
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, FL_ROW_MAJOR, w, 2, grad),
                 FL_ERR_INVALID_ARGUMENT, fn, "ldw = 2");
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, FL_ROW_MAJOR, nullptr, 3, grad),
                 FL_ERR_INVALID_ARGUMENT, fn, "w is NULL");
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, FL_ROW_MAJOR, w, 3, nullptr),
                 FL_ERR_INVALID_ARGUMENT, fn, "grad is NULL");
    EXPECT_ERROR(gradient(FL_FLOAT64, -1, x, 3, y, FL_ROW_MAJOR, w, 3, grad),
                 FL_ERR_INVALID_ARGUMENT, fn, "n1 = -1");
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, nullptr, FL_ROW_MAJOR, w, 3, grad),
                 FL_ERR_DIMENSION_MISMATCH, fn, "n2 = 3");
    w[7] = kNan;
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, FL_ROW_MAJOR, w, 3, grad), FL_ERR_NON_FINITE, fn,
                 "w[2, 1] is nan");
    w[7] = 0;
    x[0] = kInf;
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, FL_ROW_MAJOR, w, 3, grad), FL_ERR_NON_FINITE, fn,
                 "x1[0, 0] = inf");
    x[0] = 0;
    EXPECT_ERROR(gradient(FL_FLOAT64, 4, x, 3, y, FL_ROW_MAJOR, w, 3, grad), FL_OK, fn);
}

}  // namespace
}  // namespace fltest
