// The direct definition of the kernels, in long double, for the kernel tests: M built from
// the parameters, r^2 = (x - y)^T M (x - y) summed entry by entry, kappa from expl/sqrtl,
// no BLAS and no transform. Plus the error bound docs/kernels.md documents.
#ifndef FASTLINALG_TESTS_KERNEL_REFERENCE_HPP
#define FASTLINALG_TESTS_KERNEL_REFERENCE_HPP

#include <vector>

#include "test_support.hpp"

namespace fltest {

using KernelPtr = HandlePtr<fl_kernel, fl_kernel_destroy>;

// What fl_kernel_create takes.
struct KernelSpec {
    fl_kernel_kind kind;
    fl_metric metric;
    int64_t dim;
    std::vector<double> params;
    double sigma_f;
    double noise;
};

inline constexpr fl_kernel_kind kKernelKinds[] = {FL_KERNEL_SQUARED_DISTANCE, FL_KERNEL_GAUSSIAN,
                                                  FL_KERNEL_MATERN12, FL_KERNEL_MATERN32,
                                                  FL_KERNEL_MATERN52};
inline constexpr fl_metric kMetrics[] = {FL_METRIC_ISOTROPIC, FL_METRIC_ARD, FL_METRIC_LOWRANK_DIAG,
                                         FL_METRIC_FULL};

fl_status make_kernel(KernelPtr &out, const KernelSpec &s);
// Random parameters of each metric (length-scales in [0.5, 2], Lambda with q = 2 columns,
// psi in [0.3, 1], FULL an SPD matrix).
KernelSpec random_spec(fl_kernel_kind kind, fl_metric metric, int64_t dim, uint64_t seed,
                       double sigma_f = 1.3, double noise = 0.25);
const char *kind_name(fl_kernel_kind k);
const char *metric_name(fl_metric m);

// M (dim-by-dim) from the parameters, and U upper triangular with M = U^T U.
Ref metric_matrix(const KernelSpec &s);
Ref upper_cholesky(const Ref &m);

long double kappa_ref(fl_kernel_kind kind, long double r2);

// K_ref for the rows of X1 and X2 (X2 = X1 and noise on the diagonal when symmetric).
Ref kernel_ref(const KernelSpec &s, const Ref &x1, const Ref &x2, bool symmetric);

// The documented bound on |K - K_ref| for each element (docs/kernels.md, "Accuracy"), with
// u the unit roundoff of the dtype.
Ref kernel_bound(const KernelSpec &s, const Ref &x1, const Ref &x2, const Ref &k_ref, double u);

}  // namespace fltest

#endif
