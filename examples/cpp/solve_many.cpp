// solve_many.cpp: factor a matrix once with the C++ wrapper, solve for many right-hand sides in
// one call, and check the residual. Exits 0 when the scaled residual is small, 1 otherwise.
#include "residual.hpp"

#include <fastlinalg/fastlinalg.hpp>

#include <cstdio>
#include <cstdlib>
#include <vector>

int main() {
    const std::int64_t n = 200, k = 50;
    // A = tridiag(-1, 4, -1) + 1 / (i + j + 1): diagonally dominant, symmetric positive definite.
    fastlinalg::matrix<double> a(n, n), b(n, k);
    for (std::int64_t i = 0; i < n; ++i) {
        for (std::int64_t j = 0; j < n; ++j)
            a(i, j) = 1.0 / static_cast<double>(i + j + 1) + (i == j ? 4.0 : 0.0) -
                      (i - j == 1 || j - i == 1 ? 1.0 : 0.0);
        for (std::int64_t j = 0; j < k; ++j)
            b(i, j) = static_cast<double>((i * 7 + j * 3) % 11) - 5.0;
    }

    try {
        std::printf("fastlinalg %s on %s (%s)\n", fastlinalg::version().c_str(),
                    fastlinalg::blas_core().c_str(), fastlinalg::blas_info().c_str());
        const fastlinalg::factor chol(FL_FACTOR_CHOLESKY, a);  // once
        const fastlinalg::matrix<double> x = chol.solve(b);    // all k right-hand sides at once
        const auto det = chol.logdet();
        const double residual = scaled_residual(a, x, b);
        std::printf("n = %lld, k = %lld: log det(A) = %.6f, rcond = %.4f\n",
                    static_cast<long long>(n), static_cast<long long>(k), det.logabsdet,
                    chol.rcond());
        std::printf("scaled residual max|AX - B| / (max|A| max|X| n eps) = %.3g\n", residual);

        // Errors are exceptions carrying the status and the library's message.
        try {
            const std::vector<double> wide(6, 1.0);
            fastlinalg::factor bad(FL_FACTOR_CHOLESKY, fastlinalg::row_major(wide.data(), 2, 3));
            std::printf("FAILED: a 2-by-3 Cholesky was accepted\n");
            return EXIT_FAILURE;
        } catch (const fastlinalg::error &e) {
            std::printf("expected error: %s: %s\n", fastlinalg::status_string(e.status()).c_str(),
                        e.what());
        }

        const bool good = residual < 30.0;
        std::printf("%s\n", good ? "OK" : "FAILED: residual too large");
        return good ? EXIT_SUCCESS : EXIT_FAILURE;
    } catch (const fastlinalg::error &e) {
        std::fprintf(stderr, "error: %s: %s\n", fastlinalg::status_string(e.status()).c_str(),
                     e.what());
        return EXIT_FAILURE;
    }
}
