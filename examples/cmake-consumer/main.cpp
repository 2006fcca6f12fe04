// Cholesky-factors a symmetric positive definite matrix with fastlinalg, solves A x = b,
// and checks the residual. Exits 0 when ||A x - b||_inf is tiny, 1 otherwise.
#include <fastlinalg/fastlinalg.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

namespace {

// Owns a factor handle: fl_factor_destroy runs on every path out of main.
struct FactorDeleter {
    void operator()(fl_factor *f) const { fl_factor_destroy(f); }
};
using Factor = std::unique_ptr<fl_factor, FactorDeleter>;

bool ok(fl_status status, const char *what) {
    if (status == FL_OK) return true;
    std::fprintf(stderr, "%s failed: %s: %s\n", what, fl_status_string(status), fl_last_error());
    return false;
}

}  // namespace

int main() {
    constexpr int n = 5;
    // A = tridiag(-1, 4, -1) + 1/(i+j+1) (a Hilbert term): symmetric, diagonally dominant, SPD.
    std::vector<double> a(n * n), b(n), x(n);
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            double v = 1.0 / (i + j + 1);
            if (i == j) v += 4.0;
            if (std::abs(i - j) == 1) v -= 1.0;
            a[i * n + j] = v;
        }
        b[i] = i + 1.0;
    }

    std::printf("fastlinalg %s (header %d.%d.%d)\n", fl_version(), FL_VERSION_MAJOR,
                FL_VERSION_MINOR, FL_VERSION_PATCH);
    if (fl_version_number() / 10000 != FL_VERSION_MAJOR) {
        std::fprintf(stderr, "header/library major version mismatch\n");
        return 1;
    }

    fl_factor *raw = nullptr;
    if (!ok(fl_factor_create(&raw, FL_FACTOR_CHOLESKY, FL_FLOAT64, FL_ROW_MAJOR, n, n, a.data(), n,
                             nullptr),
            "fl_factor_create"))
        return 1;
    Factor chol(raw);

    double sign = 0, logabsdet = 0, rcond = 0;
    if (!ok(fl_factor_solve(chol.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_ROW_MAJOR, b.data(), 1,
                            FL_ROW_MAJOR, x.data(), 1),
            "fl_factor_solve") ||
        !ok(fl_factor_logdet(chol.get(), &sign, &logabsdet), "fl_factor_logdet") ||
        !ok(fl_factor_rcond(chol.get(), &rcond), "fl_factor_rcond"))
        return 1;

    double residual = 0;
    for (int i = 0; i < n; ++i) {
        double r = -b[i];
        for (int j = 0; j < n; ++j) r += a[i * n + j] * x[j];
        residual = std::fmax(residual, std::fabs(r));
        std::printf("x[%d] = %.12f\n", i, x[i]);
    }
    std::printf("log det(A) = %.6f (sign %+.0f), rcond = %.4f, ||Ax - b||_inf = %.3g\n", logabsdet,
                sign, rcond, residual);

    const bool good = residual < 1e-12 && sign == 1.0 && rcond > 0.0 && rcond <= 1.0;
    std::printf("%s\n", good ? "OK" : "FAILED: residual or determinant out of range");
    return good ? EXIT_SUCCESS : EXIT_FAILURE;
}
