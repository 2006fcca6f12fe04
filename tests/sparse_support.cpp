#include "sparse_support.hpp"

#include <cmath>
#include <random>
#include <utility>

namespace fltest {

Ref sparse_random_ref(int64_t rows, int64_t cols, double density, uint64_t seed) {
    std::mt19937_64 gen(seed);
    std::uniform_real_distribution<double> keep(0.0, 1.0), value(-1.0, 1.0);
    Ref a(rows, cols);
    for (int64_t j = 0; j < cols; ++j)
        for (int64_t i = 0; i < rows; ++i)
            if (keep(gen) < density) a(i, j) = value(gen);
    return a;
}

Ref laplacian_ref(int64_t m) {
    const int64_t n = m * m;
    Ref a(n, n);
    for (int64_t x = 0; x < m; ++x)
        for (int64_t y = 0; y < m; ++y) {
            const int64_t k = x * m + y;
            a(k, k) = 4;
            if (x > 0) a(k, k - m) = a(k - m, k) = -1;
            if (y > 0) a(k, k - 1) = a(k - 1, k) = -1;
        }
    return a;
}

Compressed<int64_t, double> laplacian_csc(int64_t m) {
    const int64_t n = m * m;
    Compressed<int64_t, double> c{FL_SPARSE_CSC, n, n, {0}, {}, {}};
    for (int64_t k = 0; k < n; ++k) {  // column k: rows k -+ m, k -+ 1 and k, in order
        const int64_t x = k / m, y = k % m;
        const std::pair<bool, int64_t> rows[] = {
            {x > 0, k - m}, {y > 0, k - 1}, {true, k}, {y < m - 1, k + 1}, {x < m - 1, k + m}};
        for (auto [present, r] : rows)
            if (present) {
                c.idx.push_back(r);
                c.values.push_back(r == k ? 4.0 : -1.0);
            }
        c.ptr.push_back(static_cast<int64_t>(c.idx.size()));
    }
    return c;
}

double sparse_solve_residual(const Compressed<int64_t, double> &a, const Matrix<double> &x,
                             const Matrix<double> &b) {
    long double anorm = 0;
    for (int64_t j = 0; j < a.cols; ++j) {
        long double sum = 0;
        for (int64_t k = a.ptr[j]; k < a.ptr[j + 1]; ++k)
            sum += std::fabs(static_cast<long double>(a.values[k]));
        anorm = std::max(anorm, sum);
    }
    double worst = 0;
    std::vector<long double> r(static_cast<size_t>(a.rows));
    for (int64_t c = 0; c < x.cols(); ++c) {
        long double xnorm = 0;
        for (int64_t i = 0; i < a.rows; ++i) r[i] = b(i, c);
        for (int64_t j = 0; j < a.cols; ++j) {
            xnorm += std::fabs(static_cast<long double>(x(j, c)));
            for (int64_t k = a.ptr[j]; k < a.ptr[j + 1]; ++k)
                r[a.idx[k]] -= static_cast<long double>(a.values[k]) * x(j, c);
        }
        long double rnorm = 0;
        for (long double v : r) rnorm += std::fabs(v);
        worst = std::max(worst, ratio(rnorm, anorm * xnorm * a.rows * eps<double>()));
    }
    return worst;
}

Ref sparse_spd_ref(int64_t n, double density, uint64_t seed) {
    const Ref s = sparse_random_ref(n, n, density, seed);
    Ref a = multiply(s, transpose(s));
    for (int64_t i = 0; i < n; ++i) a(i, i) += static_cast<long double>(n) * density + 1.0L;
    return a;
}

}  // namespace fltest
