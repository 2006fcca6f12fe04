#include "sparse_support.hpp"

#include <random>

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

Ref sparse_spd_ref(int64_t n, double density, uint64_t seed) {
    const Ref s = sparse_random_ref(n, n, density, seed);
    Ref a = multiply(s, transpose(s));
    for (int64_t i = 0; i < n; ++i) a(i, i) += static_cast<long double>(n) * density + 1.0L;
    return a;
}

}  // namespace fltest
