#include "bench_data.h"

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

namespace flbench {
namespace {

// Column-major rows-by-cols uniform [0, 1), reproducible from the seed.
template <typename T> std::vector<T> random_col_major(int64_t rows, int64_t cols, uint64_t seed) {
    std::mt19937_64 gen(seed);
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    std::vector<T> m(static_cast<size_t>(rows * cols));
    for (auto &v : m) v = static_cast<T>(dist(gen));
    return m;
}

template <typename T> std::vector<T> transposed(const std::vector<T> &m, int64_t rows, int64_t cols) {
    std::vector<T> t(m.size());
    for (int64_t j = 0; j < cols; ++j)
        for (int64_t i = 0; i < rows; ++i) t[static_cast<size_t>(i * cols + j)] = m[static_cast<size_t>(i + j * rows)];
    return t;
}

using Key = std::tuple<int, int64_t, int64_t, bool>;
template <typename T> std::map<Key, std::vector<T>> &cache() {
    static std::map<Key, std::vector<T>> c;
    return c;
}

} // namespace

template <typename T> const std::vector<T> &general_matrix(int64_t n, bool row_major) {
    auto &c = cache<T>();
    Key key{0, n, n, row_major};
    auto it = c.find(key);
    if (it != c.end()) return it->second;
    std::vector<T> m = random_col_major<T>(n, n, 1000 + static_cast<uint64_t>(n));
    if (row_major) m = transposed(m, n, n);
    return c.emplace(key, std::move(m)).first->second;
}

template <typename T> const std::vector<T> &spd_matrix(int64_t n) {
    auto &c = cache<T>();
    Key key{1, n, n, false};
    auto it = c.find(key);
    if (it != c.end()) return it->second;
    std::vector<T> m = random_col_major<T>(n, n, 2000 + static_cast<uint64_t>(n));
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < j; ++i) {
            T s = (m[static_cast<size_t>(i + j * n)] + m[static_cast<size_t>(j + i * n)]) / 2;
            m[static_cast<size_t>(i + j * n)] = s;
            m[static_cast<size_t>(j + i * n)] = s;
        }
    for (int64_t i = 0; i < n; ++i) m[static_cast<size_t>(i + i * n)] += static_cast<T>(n);
    return c.emplace(key, std::move(m)).first->second;
}

template <typename T> const std::vector<T> &rhs_matrix(int64_t n, int64_t nrhs, bool row_major) {
    auto &c = cache<T>();
    Key key{2, n, nrhs, row_major};
    auto it = c.find(key);
    if (it != c.end()) return it->second;
    std::vector<T> m = random_col_major<T>(n, nrhs, 3000 + static_cast<uint64_t>(n * 7 + nrhs));
    if (row_major) m = transposed(m, n, nrhs);
    return c.emplace(key, std::move(m)).first->second;
}

const std::vector<double> &rect_matrix(int64_t rows, int64_t cols, int64_t rank) {
    auto &c = cache<double>();
    Key key{3, rows, cols * 100000 + rank, false};
    auto it = c.find(key);
    if (it != c.end()) return it->second;
    const uint64_t seed = 4000 + static_cast<uint64_t>(rows * 31 + cols * 7 + rank);
    std::vector<double> m;
    if (rank >= std::min(rows, cols)) {
        m = random_col_major<double>(rows, cols, seed);
    } else {
        const std::vector<double> x = random_col_major<double>(rows, rank, seed);
        const std::vector<double> y = random_col_major<double>(rank, cols, seed + 1);
        m.assign(static_cast<size_t>(rows * cols), 0.0);
        for (int64_t j = 0; j < cols; ++j)
            for (int64_t l = 0; l < rank; ++l) {
                const double ylj = y[static_cast<size_t>(l + j * rank)];
                for (int64_t i = 0; i < rows; ++i)
                    m[static_cast<size_t>(i + j * rows)] += x[static_cast<size_t>(i + l * rows)] * ylj;
            }
    }
    return c.emplace(key, std::move(m)).first->second;
}

const std::vector<double> &sym_matrix(int64_t n) {
    auto &c = cache<double>();
    Key key{4, n, n, false};
    auto it = c.find(key);
    if (it != c.end()) return it->second;
    std::vector<double> m = random_col_major<double>(n, n, 5000 + static_cast<uint64_t>(n));
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < j; ++i) {
            double s = (m[static_cast<size_t>(i + j * n)] + m[static_cast<size_t>(j + i * n)]) / 2;
            m[static_cast<size_t>(i + j * n)] = s;
            m[static_cast<size_t>(j + i * n)] = s;
        }
    return c.emplace(key, std::move(m)).first->second;
}

template const std::vector<double> &general_matrix<double>(int64_t, bool);
template const std::vector<float> &general_matrix<float>(int64_t, bool);
template const std::vector<double> &spd_matrix<double>(int64_t);
template const std::vector<float> &spd_matrix<float>(int64_t);
template const std::vector<double> &rhs_matrix<double>(int64_t, int64_t, bool);
template const std::vector<float> &rhs_matrix<float>(int64_t, int64_t, bool);

} // namespace flbench
