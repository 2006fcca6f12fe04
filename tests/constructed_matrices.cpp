#include "constructed_matrices.hpp"

#include <cmath>

namespace fltest {

Ref orthonormal_ref(int64_t rows, int64_t cols, uint64_t seed) {
    Ref q = random_ref(rows, cols, seed);
    for (int pass = 0; pass < 2; ++pass)
        for (int64_t j = 0; j < cols; ++j) {
            for (int64_t p = 0; p < j; ++p) {
                long double dot = 0.0L;
                for (int64_t i = 0; i < rows; ++i) dot += q(i, p) * q(i, j);
                for (int64_t i = 0; i < rows; ++i) q(i, j) -= dot * q(i, p);
            }
            long double norm = 0.0L;
            for (int64_t i = 0; i < rows; ++i) norm += q(i, j) * q(i, j);
            norm = std::sqrt(norm);
            for (int64_t i = 0; i < rows; ++i) q(i, j) /= norm;
        }
    return q;
}

Ref random_orthogonal(int64_t n, uint64_t seed) { return orthonormal_ref(n, n, seed); }

Ref q_diag_qt(const Ref &q, const std::vector<long double> &d) {
    const int64_t n = q.rows;
    Ref a(n, n);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = j; i < n; ++i) {
            long double s = 0;
            for (int64_t k = 0; k < n; ++k) s += q(i, k) * d[static_cast<size_t>(k)] * q(j, k);
            a(i, j) = a(j, i) = s;
        }
    return a;
}

Ref with_eigenvalues(const std::vector<long double> &d, uint64_t seed) {
    return q_diag_qt(random_orthogonal(static_cast<int64_t>(d.size()), seed), d);
}

std::vector<long double> signed_spectrum(int64_t positive, int64_t negative, long double lo, long double hi,
                                         uint64_t seed) {
    const Ref r = random_ref(positive + negative, 1, seed, lo, hi);
    std::vector<long double> d(r.v.begin(), r.v.end());
    for (int64_t i = positive; i < positive + negative; ++i) d[static_cast<size_t>(i)] = -d[static_cast<size_t>(i)];
    return d;
}

Ref random_symmetric(int64_t n, uint64_t seed) {
    Ref a = random_ref(n, n, seed);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < i; ++j) a(i, j) = a(j, i) = (a(i, j) + a(j, i)) / 2.0L;
    return a;
}

} // namespace fltest
