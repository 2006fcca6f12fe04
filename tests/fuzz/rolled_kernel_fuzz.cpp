// Rolled pairwise products and kernel matrices from fuzzed input.
//  - fl_rolled_matmul: stacks of d <= 3 matrices up to 3-by-3, k from 0 to d (and d + 1),
//    both layouts, compared with the loop out[i, j] = A[i] B[(i + j) mod d].
//  - fl_kernel_create / fl_kernel_matrix / fl_kernel_gradient: every kind and metric, params
//    from the input (bad ones included), points with NaN/Inf. K with X2 = NULL must be exactly
//    symmetric with the exact diagonal sigma_f^2 kappa(0) + noise, every value in the kernel's
//    range; the squared distances and the Gaussian with the isotropic and ARD metrics are
//    compared with the definition to the header's error bound; the gradient's d/dsigma_f and
//    d/dnoise are compared with sums over K and W.
#include "fuzz_checks.hpp"
#include "fuzz_reference.hpp"

namespace flfuzz {
namespace {

void rolled(FuzzInput &in) {
    bool bad = false;
    const fl_dtype dtype = in.real_dtype(&bad);
    const fl_layout layout = in.choose({FL_ROW_MAJOR, FL_COL_MAJOR}, &bad);
    const int64_t d = in.size_in(0, 3), m = in.size_in(0, 3), n = in.size_in(0, 3),
                  l = in.size_in(0, 3);
    const int64_t k = in.size_in(0, d + 1);
    if (d > 0 && k > d) bad = true;
    const int64_t kk = d == 0 ? 0 : std::min(k, d);
    Mat a(dtype, FL_COL_MAJOR, d * m * n, 1), b(dtype, FL_COL_MAJOR, d * n * l, 1),
        out(dtype, FL_COL_MAJOR, d * kk * m * l, 1);
    a.fill(in);
    b.fill(in);
    out.poison();
    // Element (r, c) of the rows-by-cols matrix `index` of a packed stack.
    const auto at = [&](const Mat &s, int64_t index, int64_t rows, int64_t cols, int64_t r,
                        int64_t c) {
        return s(index * rows * cols + (layout == FL_ROW_MAJOR ? r * cols + c : r + c * rows), 0);
    };
    const Snapshot in_a(a), in_b(b), out_s(out);
    const bool ok =
        check_status(fl_rolled_matmul(dtype, layout, d, k, m, n, l, a.data(), b.data(), out.data()),
                     "fl_rolled_matmul", bad);
    check_buffers("fl_rolled_matmul", ok, {&in_a, &in_b}, {&out_s});
    if (!ok || !a.tame() || !b.tame()) return;
    for (int64_t i = 0; i < d; ++i)
        for (int64_t j = 0; j < kk; ++j)
            for (int64_t r = 0; r < m; ++r)
                for (int64_t c = 0; c < l; ++c) {
                    Real want = 0, scale = 0;
                    for (int64_t p = 0; p < n; ++p) {
                        const Real t = static_cast<Real>(at(a, i, m, n, r, p)) *
                                       at(b, (i + j) % d, n, l, p, c);
                        want += t;
                        scale += std::fabs(t);
                    }
                    check_close("fl_rolled_matmul", "out[i, j](r, c)",
                                at(out, i * kk + j, m, l, r, c), static_cast<double>(want),
                                4 * (n + 1) * epsilon(dtype), static_cast<double>(scale));
                }
}

struct Kernel {
    fl_kernel_kind kind = FL_KERNEL_GAUSSIAN;
    fl_metric metric = FL_METRIC_ISOTROPIC;
    int64_t dim = 1;
    std::vector<double> params;
    double sigma_f = 1, noise = 0;
    bool tame = true;  // parameters, sigma_f and noise all tame (FuzzInput::value)
    fl_kernel *handle = nullptr;

    ~Kernel() { fl_kernel_destroy(handle); }

    // kappa(0): 0 for the squared distance, 1 for the others.
    double kappa0() const { return kind == FL_KERNEL_SQUARED_DISTANCE ? 0 : 1; }
    bool scaled_diagonal() const {
        return metric == FL_METRIC_ISOTROPIC || metric == FL_METRIC_ARD;
    }
    double length_scale(int64_t dd) const {
        return metric == FL_METRIC_ISOTROPIC ? params[0] : params[dd];
    }
};

bool create(FuzzInput &in, Kernel &k) {
    bool bad = false;
    bool &tame = k.tame;
    k.kind = in.choose({FL_KERNEL_SQUARED_DISTANCE, FL_KERNEL_GAUSSIAN, FL_KERNEL_MATERN12,
                        FL_KERNEL_MATERN32, FL_KERNEL_MATERN52},
                       &bad);
    k.metric = in.choose(
        {FL_METRIC_ISOTROPIC, FL_METRIC_ARD, FL_METRIC_LOWRANK_DIAG, FL_METRIC_FULL}, &bad);
    k.dim = in.size_in(0, 3);
    if (k.dim < 1) bad = true;
    const int64_t q = in.size_in(1, 2);
    int64_t nparams = k.metric == FL_METRIC_ISOTROPIC ? 1
                      : k.metric == FL_METRIC_ARD     ? k.dim
                      : k.metric == FL_METRIC_FULL    ? k.dim * k.dim
                                                      : k.dim * q + k.dim;
    if (in.byte() >= 250) {
        nparams += 1;
        if (k.metric != FL_METRIC_LOWRANK_DIAG) bad = true;  // (dim*q + dim) + 1 may fit another q
    }
    for (int64_t p = 0; p < nparams; ++p) {
        double v = in.value(&tame) / 4;
        if (k.scaled_diagonal()) v = std::fabs(v);  // mostly valid length-scales, 0 now and then
        k.params.push_back(v);
        if (!std::isfinite(v) || (k.scaled_diagonal() && !(v > 0))) bad = true;
    }
    if (k.metric == FL_METRIC_FULL && k.dim >= 1 && nparams == k.dim * k.dim && in.byte() < 224)
        for (int64_t i = 0; i < k.dim; ++i)  // mostly symmetric, as M must be
            for (int64_t j = 0; j < i; ++j) k.params[j + i * k.dim] = k.params[i + j * k.dim];
    k.sigma_f = std::fabs(in.value(&tame)) / 4;
    k.noise = in.value(&tame) / 16;
    if (!(k.sigma_f > 0) || !std::isfinite(k.sigma_f) || !(k.noise >= 0) || !std::isfinite(k.noise))
        bad = true;
    int sentinel = 0;
    k.handle = reinterpret_cast<fl_kernel *>(&sentinel);
    const bool ok = check_status(
        fl_kernel_create(&k.handle, k.kind, k.metric, k.dim, nparams,
                         k.params.empty() ? nullptr : k.params.data(), k.sigma_f, k.noise),
        "fl_kernel_create", bad);
    if (!ok && k.handle != nullptr) finding("fl_kernel_create failed but *kernel is not NULL");
    if (!ok) k.handle = nullptr;
    return ok;
}

// The header's bound for the isotropic and ARD metrics: sigma_f^2 L E + 8 u |K| with
// E = (5 dim + 8) u (|z~_i| + |z~_j|)^2, z~ = |x - c| / l, L the Lipschitz constant of kappa
// in r^2 (1 for the squared distance, 1/2 for the Gaussian).
void compare_with_definition(const Kernel &k, const Mat &x1, const Mat &x2, const Mat &kmat,
                             bool same) {
    const int64_t n1 = x1.rows(), n2 = kmat.cols();
    std::vector<Real> c(k.dim, 0);
    for (int64_t i = 0; i < n1; ++i)
        for (int64_t dd = 0; dd < k.dim; ++dd) c[dd] += x1(i, dd) / static_cast<Real>(n1);
    const double u = epsilon(x1.dtype());
    const Real lipschitz = k.kind == FL_KERNEL_SQUARED_DISTANCE ? 1 : 0.5L;
    for (int64_t i = 0; i < n1; ++i)
        for (int64_t j = 0; j < n2; ++j) {
            Real r2 = 0, zi = 0, zj = 0;
            for (int64_t dd = 0; dd < k.dim; ++dd) {
                const Real l = k.length_scale(dd);
                const Real xi = x1(i, dd), xj = same ? x1(j, dd) : x2(j, dd);
                r2 += (xi - xj) * (xi - xj) / (l * l);
                zi += (xi - c[dd]) * (xi - c[dd]) / (l * l);
                zj += (xj - c[dd]) * (xj - c[dd]) / (l * l);
            }
            const Real kappa = k.kind == FL_KERNEL_SQUARED_DISTANCE ? r2 : std::exp(-r2 / 2);
            Real want = static_cast<Real>(k.sigma_f) * k.sigma_f * kappa;
            if (same && i == j) want += k.noise;
            const Real e = (5 * k.dim + 8) * u * std::pow(std::sqrt(zi) + std::sqrt(zj), 2);
            const Real bound =
                2 * (k.sigma_f * k.sigma_f * lipschitz * e + 8 * u * std::fabs(want)) + 1e-300L;
            check_close("fl_kernel_matrix", "K[i, j]", kmat(i, j), static_cast<double>(want), 1,
                        static_cast<double>(bound));
        }
}

void kernel(FuzzInput &in) {
    Kernel k;
    if (!create(in, k)) return;
    bool bad = false;  // an invalid argument of both calls
    const fl_dtype dtype = in.real_dtype(&bad);
    const int64_t n1 = in.size_in(0, 4);
    const bool same = in.flag();  // x2 = NULL: X2 = X1
    const int64_t n2 = same ? (in.byte() < 250 ? n1 : n1 + 1) : in.size_in(0, 4);
    if (same && n2 != n1) bad = true;
    Mat x1(in, dtype, n1, k.dim, &bad), x2;
    x1.fill(in);
    if (!same) {
        x2 = Mat(dtype, x1.layout(), n2, k.dim);
        x2.fill(in);
    }
    const bool finite = x1.finite() && (same || x2.finite());
    const bool tame = k.tame && x1.tame() && (same || x2.tame());
    // NULL means X2 = X1, so an empty distinct X2 still needs a pointer.
    static const double no_points = 0;
    const void *x2p = same ? nullptr : (x2.data() != nullptr ? x2.data() : &no_points);
    bool k_bad = bad;  // K's layout or ld: only for fl_kernel_matrix
    Mat km(in, dtype, n1, n2, &k_bad);
    km.poison();
    const Snapshot in_x1(x1), in_x2(x2), out(km);
    const fl_status status =
        fl_kernel_matrix(k.handle, dtype, x1.layout(), n1, x1.data(), x1.ld(), n2, x2p,
                         same ? 1 : x2.ld(), km.layout(), km.data(), km.ld());
    const bool ok = check_status(status, "fl_kernel_matrix", k_bad || !finite);
    check_buffers("fl_kernel_matrix", ok, {&in_x1, &in_x2}, {&out});
    if (!ok && !k_bad && !finite && status != FL_ERR_NON_FINITE)
        finding("fl_kernel_matrix: NaN/Inf in the points gave %s", fl_status_string(status));
    const double largest = dtype == FL_FLOAT32 ? FLT_MAX : DBL_MAX;
    // Below the dtype's smallest normal number only an absolute error of that size is
    // promised (a float32 K of sigma_f = 1e-155 is 0).
    const double smallest = dtype == FL_FLOAT32 ? FLT_MIN : DBL_MIN;
    if (ok && same)
        for (int64_t i = 0; i < n1; ++i) {
            const double diag = static_cast<double>(k.sigma_f * k.sigma_f * k.kappa0() + k.noise);
            if (diag < largest)  // else it overflows dtype
                check_close("fl_kernel_matrix", "K[i, i]", km(i, i), diag, 1,
                            2 * epsilon(dtype) * std::fabs(diag) + smallest);
            for (int64_t j = 0; j < i; ++j)
                if (!(km(i, j) == km(j, i)) && !(std::isnan(km(i, j)) && std::isnan(km(j, i))))
                    finding("fl_kernel_matrix: K is not exactly symmetric at (%lld, %lld)",
                            (long long)i, (long long)j);
        }
    const double top = k.sigma_f * k.sigma_f * (1 + 4 * epsilon(dtype)) + k.noise;
    if (ok && k.kind != FL_KERNEL_SQUARED_DISTANCE && top < largest)
        for (int64_t i = 0; i < n1; ++i)
            for (int64_t j = 0; j < n2; ++j) {
                const double top = k.sigma_f * k.sigma_f * (1 + 4 * epsilon(dtype)) +
                                   (same && i == j ? k.noise : 0);
                if (!(km(i, j) >= 0 && km(i, j) <= top * (1 + 4 * epsilon(dtype))))
                    finding("fl_kernel_matrix: K[%lld, %lld] = %g outside [0, sigma_f^2 + noise]",
                            (long long)i, (long long)j, km(i, j));
            }
    if (ok && tame && k.scaled_diagonal() && k.kind <= FL_KERNEL_GAUSSIAN)
        compare_with_definition(k, x1, x2, km, same);

    // The gradient with a W from the input.
    Mat w(in, dtype, n1, n2, &bad);
    w.fill(in);
    std::vector<double> grad(2 + k.params.size(), -7.25);
    const Snapshot in_w(w), out_grad(grad);
    const fl_status gs =
        fl_kernel_gradient(k.handle, dtype, x1.layout(), n1, x1.data(), x1.ld(), n2, x2p,
                           same ? 1 : x2.ld(), w.layout(), w.data(), w.ld(), grad.data());
    const bool gok = check_status(gs, "fl_kernel_gradient", bad || !finite || !w.finite());
    check_buffers("fl_kernel_gradient", gok, {&in_x1, &in_x2, &in_w}, {&out_grad});
    if (!gok || !ok || !tame || !w.tame()) return;
    // d/dsigma_f = sum W_ij 2 (K_ij - noise [i = j, symmetric]) / sigma_f; d/dnoise = trace W.
    Real dsigma = 0, scale = 0, trace = 0, trace_scale = 0;
    for (int64_t i = 0; i < n1; ++i)
        for (int64_t j = 0; j < n2; ++j) {
            const Real kij = km(i, j) - (same && i == j ? k.noise : 0);
            dsigma += w(i, j) * 2 * kij / k.sigma_f;
            // |K_ij| plus what K_ij may have lost to underflow in dtype
            const double tiny = (dtype == FL_FLOAT32 ? FLT_MIN : DBL_MIN) / epsilon(dtype);
            scale += std::fabs(w(i, j)) * 2 * (std::fabs(km(i, j)) + k.sigma_f * k.sigma_f * tiny) /
                     k.sigma_f;
            if (same && i == j) trace += w(i, j), trace_scale += std::fabs(w(i, j));
        }
    check_close("fl_kernel_gradient", "d/dsigma_f", grad[0], static_cast<double>(dsigma),
                64 * (n1 * n2 + k.dim + 1) * epsilon(dtype), static_cast<double>(scale) + 1e-300);
    check_close("fl_kernel_gradient", "d/dnoise", grad[1], static_cast<double>(trace),
                4 * (n1 + 1) * DBL_EPSILON, static_cast<double>(trace_scale));
}

}  // namespace
}  // namespace flfuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    flfuzz::FuzzInput in(data, size);
    if (in.flag())
        flfuzz::rolled(in);
    else
        flfuzz::kernel(in);
    return 0;
}
