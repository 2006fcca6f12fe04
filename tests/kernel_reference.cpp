#include "kernel_reference.hpp"

#include <cmath>

namespace fltest {

fl_status make_kernel(KernelPtr &out, const KernelSpec &s) {
    fl_kernel *k = nullptr;
    const fl_status status =
        fl_kernel_create(&k, s.kind, s.metric, s.dim, static_cast<int64_t>(s.params.size()),
                         s.params.data(), s.sigma_f, s.noise);
    out.reset(k);
    return status;
}

KernelSpec random_spec(fl_kernel_kind kind, fl_metric metric, int64_t dim, uint64_t seed,
                       double sigma_f, double noise) {
    KernelSpec s{kind, metric, dim, {}, sigma_f, noise};
    const auto values = [&](int64_t count, long double lo, long double hi, uint64_t salt) {
        const Ref r = random_ref(count, 1, seed * 7919 + salt, lo, hi);
        for (long double v : r.v) s.params.push_back(static_cast<double>(v));
    };
    switch (metric) {
        case FL_METRIC_ISOTROPIC:
            values(1, 0.5L, 2.0L, 1);
            break;
        case FL_METRIC_ARD:
            values(dim, 0.5L, 2.0L, 2);
            break;
        case FL_METRIC_LOWRANK_DIAG:
            values(2 * dim, -0.6L, 0.6L, 3);  // Lambda, dim-by-2
            values(dim, 0.3L, 1.0L, 4);       // psi
            break;
        case FL_METRIC_FULL: {
            const Ref a = spd_ref(dim, seed * 13 + 5);
            for (long double v : a.v) s.params.push_back(static_cast<double>(v) / 2);
            break;
        }
    }
    return s;
}

const char *kind_name(fl_kernel_kind k) {
    switch (k) {
        case FL_KERNEL_SQUARED_DISTANCE:
            return "squared_distance";
        case FL_KERNEL_GAUSSIAN:
            return "gaussian";
        case FL_KERNEL_MATERN12:
            return "matern12";
        case FL_KERNEL_MATERN32:
            return "matern32";
        case FL_KERNEL_MATERN52:
            return "matern52";
    }
    return "?";
}

const char *metric_name(fl_metric m) {
    switch (m) {
        case FL_METRIC_ISOTROPIC:
            return "isotropic";
        case FL_METRIC_ARD:
            return "ard";
        case FL_METRIC_LOWRANK_DIAG:
            return "lowrank_diag";
        case FL_METRIC_FULL:
            return "full";
    }
    return "?";
}

Ref metric_matrix(const KernelSpec &s) {
    const int64_t d = s.dim;
    Ref m(d, d);
    switch (s.metric) {
        case FL_METRIC_ISOTROPIC:
        case FL_METRIC_ARD:
            for (int64_t a = 0; a < d; ++a) {
                const long double l = s.params[s.metric == FL_METRIC_ARD ? a : 0];
                m(a, a) = 1.0L / (l * l);
            }
            break;
        case FL_METRIC_LOWRANK_DIAG: {
            const int64_t q = static_cast<int64_t>(s.params.size()) / d - 1;
            for (int64_t a = 0; a < d; ++a)
                for (int64_t b = 0; b < d; ++b) {
                    long double v = 0;
                    for (int64_t k = 0; k < q; ++k)
                        v += static_cast<long double>(s.params[a + k * d]) * s.params[b + k * d];
                    if (a == b)
                        v += static_cast<long double>(s.params[d * q + a]) * s.params[d * q + a];
                    m(a, b) = v;
                }
            break;
        }
        case FL_METRIC_FULL:
            for (int64_t a = 0; a < d; ++a)
                for (int64_t b = 0; b < d; ++b) m(a, b) = s.params[a + b * d];
            break;
    }
    return m;
}

Ref upper_cholesky(const Ref &m) {
    const int64_t n = m.rows;
    Ref u(n, n);
    for (int64_t j = 0; j < n; ++j) {
        long double diag = m(j, j);
        for (int64_t k = 0; k < j; ++k) diag -= u(k, j) * u(k, j);
        u(j, j) = std::sqrt(diag);
        for (int64_t i = j + 1; i < n; ++i) {
            long double v = m(j, i);
            for (int64_t k = 0; k < j; ++k) v -= u(k, j) * u(k, i);
            u(j, i) = v / u(j, j);
        }
    }
    return u;
}

long double kappa_ref(fl_kernel_kind kind, long double r2) {
    const long double r = std::sqrt(r2);
    switch (kind) {
        case FL_KERNEL_SQUARED_DISTANCE:
            return r2;
        case FL_KERNEL_GAUSSIAN:
            return std::exp(-r2 / 2);
        case FL_KERNEL_MATERN12:
            return std::exp(-r);
        case FL_KERNEL_MATERN32: {
            const long double s = std::sqrt(3.0L) * r;
            return (1 + s) * std::exp(-s);
        }
        case FL_KERNEL_MATERN52: {
            const long double s = std::sqrt(5.0L) * r;
            return (1 + s + s * s / 3) * std::exp(-s);
        }
    }
    return 0;
}

namespace {

long double squared_distance(const Ref &m, const Ref &x1, int64_t i, const Ref &x2, int64_t j) {
    long double r2 = 0;
    for (int64_t a = 0; a < m.rows; ++a)
        for (int64_t b = 0; b < m.rows; ++b)
            r2 += (x1(i, a) - x2(j, a)) * m(a, b) * (x1(i, b) - x2(j, b));
    return r2 < 0 ? 0 : r2;
}

}  // namespace

Ref kernel_ref(const KernelSpec &s, const Ref &x1, const Ref &x2, bool symmetric) {
    const Ref m = metric_matrix(s);
    Ref k(x1.rows, x2.rows);
    const long double sf2 = static_cast<long double>(s.sigma_f) * s.sigma_f;
    for (int64_t i = 0; i < x1.rows; ++i)
        for (int64_t j = 0; j < x2.rows; ++j) {
            k(i, j) = sf2 * kappa_ref(s.kind, squared_distance(m, x1, i, x2, j));
            if (symmetric && i == j) k(i, j) += s.noise;
        }
    return k;
}

Ref kernel_bound(const KernelSpec &s, const Ref &x1, const Ref &x2, const Ref &k_ref, double u) {
    // |d(r^2)| <= E = (5 D + 8) u (|z~_i| + |z~_j|)^2 with z~ = |U| |x - c|, c the mean of
    // X1's rows; then |dK| <= sigma_f^2 L E (sqrt(E) for Matern 1/2) + 8 u |K|.
    const Ref uf = upper_cholesky(metric_matrix(s));
    const int64_t d = s.dim;
    std::vector<long double> c(static_cast<size_t>(d), 0.0L);
    for (int64_t i = 0; i < x1.rows; ++i)
        for (int64_t a = 0; a < d; ++a) c[a] += x1(i, a) / static_cast<long double>(x1.rows);
    const auto size = [&](const Ref &x, int64_t i) {
        long double s2 = 0;
        for (int64_t a = 0; a < d; ++a) {
            long double z = 0;
            for (int64_t b = a; b < d; ++b) z += std::fabs(uf(a, b)) * std::fabs(x(i, b) - c[b]);
            s2 += z * z;
        }
        return std::sqrt(s2);
    };
    long double lipschitz = 1.0L;
    if (s.kind == FL_KERNEL_GAUSSIAN) lipschitz = 0.5L;
    if (s.kind == FL_KERNEL_MATERN32) lipschitz = 1.5L;
    if (s.kind == FL_KERNEL_MATERN52) lipschitz = 5.0L / 6.0L;
    const long double sf2 = static_cast<long double>(s.sigma_f) * s.sigma_f;
    std::vector<long double> size1, size2;
    for (int64_t i = 0; i < x1.rows; ++i) size1.push_back(size(x1, i));
    for (int64_t j = 0; j < x2.rows; ++j) size2.push_back(size(x2, j));
    Ref bound(k_ref.rows, k_ref.cols);
    for (int64_t i = 0; i < x1.rows; ++i)
        for (int64_t j = 0; j < x2.rows; ++j) {
            const long double spread = size1[i] + size2[j];
            const long double e = (5.0L * d + 8) * u * spread * spread;
            const long double dk = s.kind == FL_KERNEL_MATERN12 ? std::sqrt(e) : lipschitz * e;
            bound(i, j) = sf2 * dk + 8 * u * std::fabs(k_ref(i, j)) + 1e-300L;
        }
    return bound;
}

}  // namespace fltest
