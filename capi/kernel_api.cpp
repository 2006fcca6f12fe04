// fl_kernel_*: kernel handles, kernel matrices and their hyperparameter gradients.
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "capi/arguments.hpp"
#include "capi/array_args.hpp"
#include "capi/errors.hpp"
#include "core/typed.hpp"
#include "gp/kernel.hpp"

struct fl_kernel {
    fl::kernels::Kernel impl;
};

using namespace fl::capi;

namespace {

[[noreturn]] void invalid(const std::string &message) {
    throw fl::Error(fl::ErrorCode::invalid_argument, message);
}

fl::kernels::KernelKind to_kernel_kind(fl_kernel_kind kind) {
    using K = fl::kernels::KernelKind;
    switch (kind) {
        case FL_KERNEL_SQUARED_DISTANCE:
            return K::squared_distance;
        case FL_KERNEL_GAUSSIAN:
            return K::gaussian;
        case FL_KERNEL_MATERN12:
            return K::matern12;
        case FL_KERNEL_MATERN32:
            return K::matern32;
        case FL_KERNEL_MATERN52:
            return K::matern52;
    }
    invalid("kind = " + std::to_string(kind) +
            " is not a kernel kind (FL_KERNEL_SQUARED_DISTANCE = 1 to FL_KERNEL_MATERN52 = 5)");
}

fl::kernels::MetricKind to_metric(fl_metric metric) {
    using M = fl::kernels::MetricKind;
    switch (metric) {
        case FL_METRIC_ISOTROPIC:
            return M::isotropic;
        case FL_METRIC_ARD:
            return M::ard;
        case FL_METRIC_LOWRANK_DIAG:
            return M::lowrank_diag;
        case FL_METRIC_FULL:
            return M::full;
    }
    invalid("metric = " + std::to_string(metric) +
            " is not a metric (FL_METRIC_ISOTROPIC = 1 to FL_METRIC_FULL = 4)");
}

void require_finite_scalar(double value, const char *name, bool zero_allowed) {
    if (!std::isfinite(value) || value < 0 || (value == 0 && !zero_allowed))
        invalid(std::string(name) + " = " + std::to_string(value) + " is not " +
                (zero_allowed ? "finite and >= 0" : "finite and > 0"));
}

const fl::kernels::Kernel &kernel_of(const fl_kernel *kernel) {
    require_not_null(kernel, "kernel");
    return kernel->impl;
}

// The point sets of a kernel call: X1, and X2 unless x2 is NULL (X2 = X1).
struct PointArgs {
    fl::Dtype dtype;
    fl::MatrixRef x1;
    fl::MatrixRef x2;
    bool same;
};

PointArgs point_args(const fl::kernels::Kernel &k, fl_dtype dtype, fl_layout x_layout, int64_t n1,
                     const void *x1, int64_t ldx1, int64_t n2, const void *x2, int64_t ldx2) {
    const fl::Dtype t = to_dtype(dtype, "dtype");
    // Kernels are real-only: a complex dtype is refused before sizes and overlaps, whose
    // byte counts would be those of an element type the call never takes.
    fl::typed_real(t, [](auto) {});
    PointArgs p{t,
                matrix_arg({"x1", "ldx1", "n1", "dim"}, t, x_layout, n1, k.dim(), x1, ldx1),
                {},
                x2 == nullptr};
    if (p.same) {
        require_non_negative(n2, "n2");
        if (n2 != n1)
            throw fl::Error(fl::ErrorCode::dimension_mismatch,
                            "x2 is NULL (X2 = X1) but n2 = " + std::to_string(n2) +
                                " differs from n1 = " + std::to_string(n1));
        p.x2 = p.x1;
    } else {
        p.x2 = matrix_arg({"x2", "ldx2", "n2", "dim"}, t, x_layout, n2, k.dim(), x2, ldx2);
    }
    return p;
}

}  // namespace

extern "C" {

FL_API fl_status fl_kernel_create(fl_kernel **kernel, fl_kernel_kind kind, fl_metric metric,
                                  int64_t dim, int64_t nparams, const double *params,
                                  double sigma_f, double noise) {
    if (kernel != nullptr) *kernel = nullptr;
    return guarded(__func__, [&] {
        require_not_null(kernel, "kernel");
        const fl::kernels::KernelKind k = to_kernel_kind(kind);
        const fl::kernels::MetricKind m = to_metric(metric);
        if (dim < 1) invalid("dim = " + std::to_string(dim) + " is smaller than 1");
        if (dim > std::numeric_limits<int32_t>::max())
            throw fl::Error(fl::ErrorCode::too_large,
                            "dim = " + std::to_string(dim) +
                                " exceeds 2147483647, the largest size LAPACK's "
                                "32-bit integers can hold");
        require_non_negative(nparams, "nparams");
        if (nparams > 0) require_not_null(params, "params");
        require_finite_scalar(sigma_f, "sigma_f", false);
        require_finite_scalar(noise, "noise", true);
        fl::kernels::Metric metric_of(m, dim, std::vector<double>(params, params + nparams));
        *kernel = new fl_kernel{fl::kernels::Kernel(k, std::move(metric_of), sigma_f, noise)};
    });
}

FL_API void fl_kernel_destroy(fl_kernel *kernel) { delete kernel; }

FL_API fl_status fl_kernel_matrix(const fl_kernel *kernel, fl_dtype dtype, fl_layout x_layout,
                                  int64_t n1, const void *x1, int64_t ldx1, int64_t n2,
                                  const void *x2, int64_t ldx2, fl_layout k_layout, void *k,
                                  int64_t ldk) {
    return guarded(__func__, [&] {
        const fl::kernels::Kernel &kern = kernel_of(kernel);
        const PointArgs p = point_args(kern, dtype, x_layout, n1, x1, ldx1, n2, x2, ldx2);
        const fl::MatrixRef km =
            matrix_arg({"k", "ldk", "n1", "n2"}, p.dtype, k_layout, n1, n2, k, ldk);
        require_disjoint(p.x1, "x1", km, "k", p.dtype);
        if (!p.same) require_disjoint(p.x2, "x2", km, "k", p.dtype);
        const fl::MatrixRef *second = p.same ? nullptr : &p.x2;
        fl::typed_real(p.dtype, [&](auto t) { kern.matrix<decltype(t)>(p.x1, second, km); });
    });
}

FL_API fl_status fl_kernel_gradient(const fl_kernel *kernel, fl_dtype dtype, fl_layout x_layout,
                                    int64_t n1, const void *x1, int64_t ldx1, int64_t n2,
                                    const void *x2, int64_t ldx2, fl_layout w_layout, const void *w,
                                    int64_t ldw, double *grad) {
    return guarded(__func__, [&] {
        const fl::kernels::Kernel &kern = kernel_of(kernel);
        const PointArgs p = point_args(kern, dtype, x_layout, n1, x1, ldx1, n2, x2, ldx2);
        const fl::MatrixRef wm =
            matrix_arg({"w", "ldw", "n1", "n2"}, p.dtype, w_layout, n1, n2, w, ldw);
        require_not_null(grad, "grad");
        // grad is 2 + nparams doubles, an output like any other: apart from every input.
        const auto grad_bytes = static_cast<int64_t>((2 + kern.nparams()) * sizeof(double));
        for (const auto &[in, name] : {std::pair{&wm, "w"}, {&p.x1, "x1"}, {&p.x2, "x2"}})
            require_disjoint(grad, grad_bytes, "grad", in->data,
                             static_cast<int64_t>(extent_bytes(*in, p.dtype)), name);
        const fl::MatrixRef *second = p.same ? nullptr : &p.x2;
        fl::typed_real(p.dtype,
                       [&](auto t) { kern.gradient<decltype(t)>(p.x1, second, wm, grad); });
    });
}

}  // extern "C"
