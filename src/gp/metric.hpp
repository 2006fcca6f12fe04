// The metric M of a stationary kernel, r^2 = (x - y)^T M (x - y), held as a map U with
// M = U^T U, so that r^2 = |U x - U y|^2: points are transformed once and distances are then
// Euclidean. The four parameterizations of fl_metric and the chain rule from the contraction
// S of the transformed differences back to each parameter live here (docs/kernels.md).
#pragma once

#include <vector>

#include "core/types.hpp"

namespace fl::kernels {

enum class MetricKind {
    isotropic,
    ard,
    lowrank_diag,
    full
};

class Metric {
public:
    // Checks params (count, finite, length-scales > 0, FULL symmetric) and factors M.
    // Throws invalid_argument naming the parameter, or not_positive_definite.
    Metric(MetricKind kind, index_t dim, std::vector<double> params);

    index_t dim() const { return dim_; }
    index_t nparams() const { return static_cast<index_t>(params_.size()); }

    // z = U (x - centre) for every row x of X (n-by-dim, in x's layout), written row-major
    // (point i at z[i * dim]). Throws non_finite naming the first NaN/Inf element of X.
    template <class T>
    void transform(const MatrixRef &x, const char *name, const std::vector<double> &centre,
                   T *z) const;

    // Given Sz = sum_ij G_ij (z_i - z_j)(z_i - z_j)^T (dim-by-dim, column-major, symmetric)
    // for transformed points z, writes sum_ij G_ij d(r_ij^2)/d(param) for every parameter,
    // in the order of params.
    void chain_rule(const std::vector<double> &sz, double *grad) const;

private:
    bool diagonal() const { return kind_ == MetricKind::isotropic || kind_ == MetricKind::ard; }
    // Sx = U^-1 Sz U^-T: the contraction of the untransformed differences.
    std::vector<double> untransformed(std::vector<double> s) const;

    MetricKind kind_;
    index_t dim_;
    std::vector<double> params_;
    std::vector<double> scale_;  // diagonal metrics: U = diag(scale_)
    std::vector<double> u_;      // others: the upper Cholesky factor of M, column-major
};

}  // namespace fl::kernels
