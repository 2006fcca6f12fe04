#include "gp/metric.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "lapack/lapack.hpp"

namespace fl::kernels {
namespace {

[[noreturn]] void invalid(const std::string &message) {
    throw Error(ErrorCode::invalid_argument, message);
}

std::string number(double v) {
    std::ostringstream s;
    s.precision(17);
    s << v;
    return s.str();
}

std::string param(index_t k, double v) {
    return "params[" + std::to_string(k) + "] = " + number(v);
}

const char *metric_name(MetricKind kind) {
    switch (kind) {
        case MetricKind::isotropic:
            return "FL_METRIC_ISOTROPIC";
        case MetricKind::ard:
            return "FL_METRIC_ARD";
        case MetricKind::lowrank_diag:
            return "FL_METRIC_LOWRANK_DIAG";
        case MetricKind::full:
            break;
    }
    return "FL_METRIC_FULL";
}

// The number of params each metric takes, or why nparams cannot fit.
void require_count(MetricKind kind, index_t dim, index_t nparams) {
    const std::string got = "nparams = " + std::to_string(nparams) + " does not fit " +
                            metric_name(kind) + " with dim = " + std::to_string(dim);
    switch (kind) {
        case MetricKind::isotropic:
            if (nparams != 1) invalid(got + " (it takes 1 length-scale)");
            return;
        case MetricKind::ard:
            if (nparams != dim) invalid(got + " (it takes dim length-scales)");
            return;
        case MetricKind::lowrank_diag:
            if (nparams < 2 * dim || nparams % dim != 0)
                invalid(got + " (it takes dim*q values of Lambda and dim of psi, q >= 1)");
            return;
        case MetricKind::full:
            if (nparams != dim * dim)  // dim fits 32 bits, so dim * dim fits 64
                invalid(got + " (it takes the dim*dim entries of M)");
            return;
    }
}

}  // namespace

Metric::Metric(MetricKind kind, index_t dim, std::vector<double> params)
    : kind_(kind), dim_(dim), params_(std::move(params)) {
    require_count(kind, dim, nparams());
    for (index_t k = 0; k < nparams(); ++k)
        if (!std::isfinite(params_[k])) invalid(param(k, params_[k]) + " is not finite");

    if (diagonal()) {
        scale_.resize(static_cast<size_t>(dim));
        for (index_t d = 0; d < dim; ++d) {
            const double l = params_[kind == MetricKind::ard ? d : 0];
            if (!(l > 0))
                invalid(param(kind == MetricKind::ard ? d : 0, l) +
                        " is not a positive length-scale");
            scale_[d] = 1.0 / l;
        }
        return;
    }

    // M, column-major, then its upper Cholesky factor in place.
    u_.assign(static_cast<size_t>(dim * dim), 0.0);
    const auto at = [dim](index_t a, index_t b) { return static_cast<size_t>(a + b * dim); };
    if (kind == MetricKind::full) {
        for (index_t b = 0; b < dim; ++b)
            for (index_t a = 0; a <= b; ++a) {
                const double upper = params_[at(a, b)], lower = params_[at(b, a)];
                // M enters only through (x - y)^T M (x - y), which sees its symmetric part;
                // a clearly asymmetric M is a mistake (a transposed or wrong array).
                if (std::abs(upper - lower) > 1e-12 * (std::abs(upper) + std::abs(lower)))
                    invalid("params (M, column-major) is not symmetric: M[" + std::to_string(a) +
                            ", " + std::to_string(b) + "] = " + number(upper) + " but M[" +
                            std::to_string(b) + ", " + std::to_string(a) + "] = " + number(lower));
                u_[at(a, b)] = 0.5 * (upper + lower);
            }
    } else {
        const index_t q = nparams() / dim - 1;
        const double *lambda = params_.data(), *psi = params_.data() + dim * q;
        for (index_t b = 0; b < dim; ++b)
            for (index_t a = 0; a <= b; ++a) {
                double m = a == b ? psi[a] * psi[a] : 0.0;
                for (index_t k = 0; k < q; ++k) m += lambda[a + k * dim] * lambda[b + k * dim];
                u_[at(a, b)] = m;
            }
    }
    const lapack_int info = lapack::potrf<double>(Triangle::upper, dim, u_.data(), dim);
    if (info > 0)
        throw Error(ErrorCode::not_positive_definite,
                    std::string("the metric M of ") + metric_name(kind) +
                        " is not positive definite (its leading minor of order " +
                        std::to_string(info) + " is not)");
    if (info < 0)
        throw Error(ErrorCode::internal, "potrf rejected argument " + std::to_string(-info));
}

template <class T>
void Metric::transform(const MatrixRef &x, const char *name, const std::vector<double> &centre,
                       T *z) const {
    const ColMajorView<const T> s{static_cast<const T *>(x.data), x.stored_rows(), x.stored_cols(),
                                  x.ld};
    const bool rows_are_points = x.layout == Layout::row_major;
    // Every point is checked before any is transformed: a NaN anywhere makes the centre NaN,
    // and it is the NaN that must be named, not the first point it spoils.
    for (index_t i = 0; i < x.rows; ++i)
        for (index_t d = 0; d < dim_; ++d) {
            const double e = rows_are_points ? s(d, i) : s(i, d);
            if (!std::isfinite(e))
                throw Error(ErrorCode::non_finite, std::string(name) + "[" + std::to_string(i) +
                                                       ", " + std::to_string(d) +
                                                       "] = " + number(e) + " is not finite");
        }
    std::vector<double> v(static_cast<size_t>(dim_));
    for (index_t i = 0; i < x.rows; ++i) {
        for (index_t d = 0; d < dim_; ++d) v[d] = (rows_are_points ? s(d, i) : s(i, d)) - centre[d];
        T *zi = z + i * dim_;
        if (diagonal()) {
            for (index_t d = 0; d < dim_; ++d) zi[d] = static_cast<T>(v[d] * scale_[d]);
        } else {
            for (index_t a = 0; a < dim_; ++a) {  // z = U v, U upper triangular
                double sum = 0;
                for (index_t b = a; b < dim_; ++b) sum += u_[a + b * dim_] * v[b];
                zi[a] = static_cast<T>(sum);
            }
        }
        // A finite point can still leave T's range once centred and scaled (huge coordinates
        // against short length-scales); its distances would then be inf - inf = NaN.
        for (index_t d = 0; d < dim_; ++d)
            if (!std::isfinite(static_cast<double>(zi[d])))
                throw Error(ErrorCode::non_finite,
                            std::string(name) + "[" + std::to_string(i) +
                                ", :] overflows when transformed: U (x - c) is not finite in this "
                                "dtype (rescale the points or the length-scales)");
    }
}

std::vector<double> Metric::untransformed(std::vector<double> s) const {
    // x - y = U^-1 (z_i - z_j), so Sx = U^-1 Sz U^-T: two triangular solves.
    lapack::trsm<double>(lapack::Side::left, Triangle::upper, Transpose::no, false, dim_, dim_,
                         u_.data(), dim_, s.data(), dim_);
    lapack::trsm_right<double>(Triangle::upper, Transpose::yes, false, dim_, dim_, u_.data(), dim_,
                               s.data(), dim_);
    return s;
}

void Metric::chain_rule(const std::vector<double> &sz, double *grad) const {
    const auto at = [this](index_t a, index_t b) { return static_cast<size_t>(a + b * dim_); };
    switch (kind_) {
        case MetricKind::isotropic: {
            // r^2 = |x - y|^2 / l^2, d(r^2)/dl = -2 r^2 / l.
            double trace = 0;
            for (index_t d = 0; d < dim_; ++d) trace += sz[at(d, d)];
            grad[0] = -2.0 * trace / params_[0];
            return;
        }
        case MetricKind::ard:
            // r^2 = sum_d (x_d - y_d)^2 / l_d^2, d(r^2)/dl_d = -2 (z_d differences)^2 / l_d.
            for (index_t d = 0; d < dim_; ++d) grad[d] = -2.0 * sz[at(d, d)] / params_[d];
            return;
        case MetricKind::full: {
            // d(r^2)/dM_ab = (x - y)_a (x - y)_b: the gradient is Sx itself.
            const std::vector<double> sx = untransformed(sz);
            for (index_t b = 0; b < dim_; ++b)
                for (index_t a = 0; a < dim_; ++a)
                    grad[at(a, b)] = 0.5 * (sx[at(a, b)] + sx[at(b, a)]);
            return;
        }
        case MetricKind::lowrank_diag: {
            // r^2 = |Lambda^T (x - y)|^2 + sum_a psi_a^2 (x - y)_a^2:
            // d/dLambda = 2 Sx Lambda, d/dpsi_a = 2 psi_a Sx_aa.
            const std::vector<double> sx = untransformed(sz);
            const index_t q = nparams() / dim_ - 1;
            const double *lambda = params_.data(), *psi = lambda + dim_ * q;
            for (index_t k = 0; k < q; ++k)
                for (index_t a = 0; a < dim_; ++a) {
                    double sum = 0;
                    for (index_t b = 0; b < dim_; ++b)
                        sum += 0.5 * (sx[at(a, b)] + sx[at(b, a)]) * lambda[b + k * dim_];
                    grad[a + k * dim_] = 2.0 * sum;
                }
            for (index_t a = 0; a < dim_; ++a) grad[dim_ * q + a] = 2.0 * psi[a] * sx[at(a, a)];
            return;
        }
    }
}

template void Metric::transform<float>(const MatrixRef &, const char *, const std::vector<double> &,
                                       float *) const;
template void Metric::transform<double>(const MatrixRef &, const char *,
                                        const std::vector<double> &, double *) const;

}  // namespace fl::kernels
