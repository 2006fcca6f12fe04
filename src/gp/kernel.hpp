// A stationary kernel sigma_f^2 kappa(r) + noise delta_ij, with r^2 = (x - y)^T M (x - y):
// what an fl_kernel handle holds. Immutable once built.
#pragma once

#include "core/types.hpp"
#include "gp/kernel_functions.hpp"
#include "gp/metric.hpp"

namespace fl::kernels {

class Kernel {
public:
    Kernel(KernelKind kind, Metric metric, double sigma_f, double noise)
        : kind_(kind), metric_(std::move(metric)), sigma_f_(sigma_f), noise_(noise) {}

    index_t dim() const { return metric_.dim(); }
    index_t nparams() const { return metric_.nparams(); }

    // K (n1-by-n2) for the rows of X1 and X2; x2 == nullptr means X2 = X1 (symmetric:
    // one half computed and mirrored, the diagonal exactly sigma_f^2 kappa(0) + noise).
    // The callers have checked shapes and that K overlaps neither input.
    template <class T>
    void matrix(const MatrixRef &x1, const MatrixRef *x2, const MatrixRef &k) const;

    // grad[0] = sum_ij W_ij dK_ij/dsigma_f, grad[1] the same for noise, grad[2 + p] for
    // the metric's p-th parameter.
    template <class T>
    void gradient(const MatrixRef &x1, const MatrixRef *x2, const MatrixRef &w, double *grad) const;

private:
    KernelKind kind_;
    Metric metric_;
    double sigma_f_;
    double noise_;
};

}  // namespace fl::kernels
