// The header's promise that a failed call leaves its outputs untouched (issue 13, item 7),
// checked for every public function that writes through a pointer: each row of the table
// poisons the outputs with a sentinel byte pattern, makes the call fail (as late as the
// function allows: a NaN found after validation, a singular shift, a bad label at the end),
// and checks the expected status and that every sentinel byte survived. Functions that make
// a handle set it to NULL on failure instead, as documented.
#include <fastlinalg/fastlinalg.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace fltest;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr unsigned char kSentinel = 0xA5;

// Buffers whose every byte is watched, owned here so they outlive the call: poisoned ones
// are filled with the sentinel, kept ones (inputs that are outputs too, like apply_q's C)
// hold given contents, and intact() says whether any byte of either changed.
class Watched {
public:
    template <class T>
    T *poisoned(size_t count) {
        return reinterpret_cast<T *>(add(std::vector<unsigned char>(count * sizeof(T), kSentinel)));
    }
    template <class T>
    T *kept(const std::vector<T> &contents) {
        const auto *bytes = reinterpret_cast<const unsigned char *>(contents.data());
        return reinterpret_cast<T *>(
            add(std::vector<unsigned char>(bytes, bytes + contents.size() * sizeof(T))));
    }
    bool intact() const {
        for (const Block &b : blocks_)
            if (std::memcmp(b.memory.get(), b.expected.data(), b.expected.size()) != 0)
                return false;
        return true;
    }

private:
    struct Block {
        std::unique_ptr<double[]> memory;  // double-aligned for every element type
        std::vector<unsigned char> expected;
    };
    void *add(std::vector<unsigned char> expected) {
        Block b{std::unique_ptr<double[]>(new double[expected.size() / sizeof(double) + 1]),
                std::move(expected)};
        std::memcpy(b.memory.get(), b.expected.data(), b.expected.size());
        blocks_.push_back(std::move(b));
        return blocks_.back().memory.get();
    }
    std::vector<Block> blocks_;
};

struct Case {
    const char *function;
    fl_status expected;
    std::function<fl_status(Watched &)> call;
};

// ---- fixtures the calls share -----------------------------------------------------------------

const int64_t n = 4;

// A symmetric positive definite 4-by-4 (column-major), and a vector of n ones with a NaN last.
std::vector<double> spd() {
    std::vector<double> a(n * n, 0.5);
    for (int64_t i = 0; i < n; ++i) a[static_cast<size_t>(i + i * n)] = 4.0 + double(i);
    return a;
}
std::vector<double> nan_last(size_t count) {
    std::vector<double> v(count, 1.0);
    v.back() = kNaN;
    return v;
}

FactorPtr dense(fl_factor_kind kind, int64_t rows = n, int64_t cols = n) {
    std::vector<double> a = spd();
    if (rows != n || cols != n) {
        a.assign(static_cast<size_t>(rows * cols), 0.0);
        for (int64_t i = 0; i < std::min(rows, cols); ++i)
            a[static_cast<size_t>(i + i * rows)] = 1.0 + double(i);
    }
    fl_factor *f = nullptr;
    EXPECT_EQ(
        fl_factor_create(&f, kind, FL_FLOAT64, FL_COL_MAJOR, rows, cols, a.data(), rows, nullptr),
        FL_OK);
    return FactorPtr(f);
}

using SparsePtr = HandlePtr<fl_sparse, fl_sparse_destroy>;
using KernelPtr = HandlePtr<fl_kernel, fl_kernel_destroy>;

// The tridiagonal 4-by-4 [2 -1; -1 2 -1; ...] (s.p.d.), CSC.
const int64_t tri_ptr[5] = {0, 2, 5, 8, 10};
const int64_t tri_idx[10] = {0, 1, 0, 1, 2, 1, 2, 3, 2, 3};
const double tri_val[10] = {2, -1, -1, 2, -1, -1, 2, -1, -1, 2};

SparsePtr tridiagonal() {
    fl_sparse *s = nullptr;
    EXPECT_EQ(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n, tri_ptr,
                               tri_idx, tri_val),
              FL_OK);
    return SparsePtr(s);
}

KernelPtr gaussian() {
    fl_kernel *k = nullptr;
    const double ell = 0.8;
    EXPECT_EQ(fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 2, 1, &ell, 1.0, 0.1),
              FL_OK);
    return KernelPtr(k);
}

// A handle-making call: *out is set to a non-NULL value first and must be NULL after.
template <class Handle>
fl_status expect_null(const std::function<fl_status(Handle **)> &make) {
    Handle *h = reinterpret_cast<Handle *>(uintptr_t{0x10});
    const fl_status s = make(&h);
    EXPECT_EQ(h, nullptr) << "the handle must be NULL on failure";
    return s;
}

// ---- the table --------------------------------------------------------------------------------

std::vector<Case> cases() {
    std::vector<Case> t;
    const auto add = [&](const char *f, fl_status s, std::function<fl_status(Watched &)> call) {
        t.push_back({f, s, std::move(call)});
    };

    // Options.
    add("fl_options_create", FL_ERR_INVALID_ARGUMENT,
        [](Watched &) { return fl_options_create(nullptr); });
    add("fl_options_get_int", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        fl_options *o = nullptr;
        fl_options_create(&o);
        const OptionsPtr p(o);
        return fl_options_get_int(o, FL_OPT_RTOL, w.poisoned<int64_t>(1));  // a real option
    });
    add("fl_options_get_real", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        fl_options *o = nullptr;
        fl_options_create(&o);
        const OptionsPtr p(o);
        return fl_options_get_real(o, FL_OPT_TRIANGLE, w.poisoned<double>(1));  // an integer option
    });

    add("fl_options_set_int", FL_ERR_INVALID_ARGUMENT, [](Watched &) {
        fl_options *o = nullptr;
        fl_options_create(&o);
        const OptionsPtr p(o);
        fl_options_set_int(o, FL_OPT_TRIANGLE, 7);
        int64_t value = 0;
        EXPECT_EQ(fl_options_get_int(o, FL_OPT_TRIANGLE, &value), FL_OK);
        EXPECT_EQ(value, FL_LOWER);                        // the handle is the output: unchanged
        return fl_options_set_int(o, FL_OPT_TRIANGLE, 7);  // again, for the table's message check
    });
    add("fl_options_set_real", FL_ERR_INVALID_ARGUMENT, [](Watched &) {
        fl_options *o = nullptr;
        fl_options_create(&o);
        const OptionsPtr p(o);
        fl_options_set_real(o, FL_OPT_ATOL, -1.0);
        double value = 1;
        EXPECT_EQ(fl_options_get_real(o, FL_OPT_ATOL, &value), FL_OK);
        EXPECT_EQ(value, 0.0);
        return fl_options_set_real(o, FL_OPT_ATOL, -1.0);
    });

    // Factors: creation, solves and queries.
    add("fl_factor_create", FL_ERR_NON_FINITE, [](Watched &) {
        std::vector<double> a = spd();
        a.back() = kNaN;
        return expect_null<fl_factor>([&](fl_factor **f) {
            return fl_factor_create(f, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n,
                                    nullptr);
        });
    });
    add("fl_factor_create_generalized_eigh", FL_ERR_NOT_POSITIVE_DEFINITE, [](Watched &) {
        const std::vector<double> a = spd();
        std::vector<double> b = spd();
        b.back() = -1.0;  // B's last leading minor: found inside sygvd, after the copies
        return expect_null<fl_factor>([&](fl_factor **f) {
            return fl_factor_create_generalized_eigh(f, 1, FL_FLOAT64, FL_COL_MAJOR, n, a.data(), n,
                                                     b.data(), n, nullptr);
        });
    });
    add("fl_factor_solve", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        const std::vector<double> b = nan_last(n * 2);
        return fl_factor_solve(f.get(), FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, b.data(), n,
                               FL_COL_MAJOR, w.poisoned<double>(n * 2), n);
    });
    add("fl_factor_solve (in place)", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_CHOLESKY);
        double *b = w.kept(nan_last(n * 3));
        return fl_factor_solve(f.get(), FL_NO_TRANS, FL_FLOAT64, 3, FL_ROW_MAJOR, b, 3,
                               FL_ROW_MAJOR, b, 3);
    });
    add("fl_factor_logdet", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_QR);
        return fl_factor_logdet(f.get(), w.poisoned<double>(1), w.poisoned<double>(1));
    });
    add("fl_factor_rcond", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const SparsePtr s = tridiagonal();
        fl_factor *f = nullptr;
        EXPECT_EQ(fl_factor_create_sparse(&f, FL_FACTOR_SPARSE_QR, s.get(), nullptr), FL_OK);
        const FactorPtr p(f);
        return fl_factor_rcond(f, w.poisoned<double>(1));
    });
    add("fl_factor_inverse", FL_ERR_DTYPE_MISMATCH, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        return fl_factor_inverse(f.get(), FL_FLOAT32, FL_COL_MAJOR, w.poisoned<double>(n * n), n);
    });
    add("fl_factor_rank", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        return fl_factor_rank(f.get(), w.poisoned<int64_t>(1));
    });
    add("fl_factor_inertia", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_QR);
        return fl_factor_inertia(f.get(), w.poisoned<int64_t>(1), w.poisoned<int64_t>(1),
                                 w.poisoned<int64_t>(1));
    });
    add("fl_factor_part_shape", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        return fl_factor_part_shape(f.get(), FL_PART_U, w.poisoned<int64_t>(1),
                                    w.poisoned<int64_t>(1));
    });
    add("fl_factor_get_part", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_SVD);
        return fl_factor_get_part(f.get(), FL_PART_U, FL_FLOAT64, FL_COL_MAJOR,
                                  w.poisoned<double>(n * n), n - 1);
    });
    add("fl_factor_get_indices", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        return fl_factor_get_indices(f.get(), FL_PART_PIVOTS, w.poisoned<int64_t>(n - 1), n - 1);
    });
    add("fl_factor_apply_q", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_QR);
        return fl_factor_apply_q(f.get(), FL_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR,
                                 w.kept(nan_last(n * 2)), n);
    });
    add("fl_factor_residual_norms", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_QR, 6, 3);
        const std::vector<double> b = nan_last(6 * 2);
        return fl_factor_residual_norms(f.get(), FL_FLOAT64, 2, FL_COL_MAJOR, b.data(), 6,
                                        w.poisoned<double>(2));
    });
    add("fl_factor_solve_shifted (singular shift)", FL_ERR_SINGULAR, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_EIGH, 3, 3);  // eigenvalues 1, 2, 3
        const double shifts[3] = {0.5, -2.0, 1.0};
        const std::vector<double> b(3, 1.0);
        return fl_factor_solve_shifted(f.get(), FL_FLOAT64, 3, shifts, 1, FL_COL_MAJOR, b.data(), 3,
                                       FL_COL_MAJOR, w.poisoned<double>(9), 3, 3);
    });
    add("fl_factor_solve_shifted (NaN in b)", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_EIGH);
        const double shifts[2] = {0.5, 1.0};
        const std::vector<double> b = nan_last(n);
        return fl_factor_solve_shifted(f.get(), FL_FLOAT64, 2, shifts, 1, FL_COL_MAJOR, b.data(), n,
                                       FL_COL_MAJOR, w.poisoned<double>(2 * n), n, n);
    });
    add("fl_factor_rank_update", FL_ERR_NOT_POSITIVE_DEFINITE, [](Watched &) {
        const FactorPtr f = dense(FL_FACTOR_CHOLESKY);
        const std::vector<double> v(n, 3.0);  // A - v v^T is indefinite
        return expect_null<fl_factor>([&](fl_factor **g) {
            return fl_factor_rank_update(g, f.get(), -1, FL_FLOAT64, 1, FL_COL_MAJOR, v.data(), n);
        });
    });

    // Products with A^-1.
    add("fl_factor_quadratic_form", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_CHOLESKY);
        const std::vector<double> y = nan_last(n * 2);
        return fl_factor_quadratic_form(f.get(), FL_FLOAT64, 2, FL_COL_MAJOR, y.data(), n,
                                        FL_COL_MAJOR, w.poisoned<double>(4), 2);
    });
    add("fl_factor_bilinear_form", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        const std::vector<double> y(n, 1.0), wm = nan_last(n * 2);
        return fl_factor_bilinear_form(f.get(), FL_FLOAT64, 1, FL_COL_MAJOR, y.data(), n, 2,
                                       FL_COL_MAJOR, wm.data(), n, FL_COL_MAJOR,
                                       w.poisoned<double>(2), 1);
    });
    add("fl_factor_sandwich", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_EIGH);
        const std::vector<double> y = nan_last(n * n);
        return fl_factor_sandwich(f.get(), FL_FLOAT64, FL_COL_MAJOR, y.data(), n, FL_COL_MAJOR,
                                  w.poisoned<double>(n * n), n);
    });
    add("fl_factor_trace_solve", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LDLT);
        const std::vector<double> y = nan_last(n * n);
        return fl_factor_trace_solve(f.get(), FL_FLOAT64, FL_COL_MAJOR, y.data(), n,
                                     w.poisoned<double>(1));
    });
    add("fl_factor_inverse_diagonal", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_QR, 6, 3);
        return fl_factor_inverse_diagonal(f.get(), FL_FLOAT64, w.poisoned<double>(6));
    });
    add("fl_factor_mahalanobis", FL_ERR_NON_FINITE, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_CHOLESKY);
        const std::vector<double> y = nan_last(n * 3);
        return fl_factor_mahalanobis(f.get(), FL_FLOAT64, 3, FL_COL_MAJOR, y.data(), n,
                                     w.poisoned<double>(3));
    });

    // Kernels.
    add("fl_kernel_create", FL_ERR_INVALID_ARGUMENT, [](Watched &) {
        const double ell = -1.0;
        return expect_null<fl_kernel>([&](fl_kernel **k) {
            return fl_kernel_create(k, FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 2, 1, &ell, 1.0,
                                    0.0);
        });
    });
    add("fl_kernel_matrix", FL_ERR_NON_FINITE, [](Watched &w) {
        const KernelPtr k = gaussian();
        const std::vector<double> x1(3 * 2, 0.5),
            x2 = nan_last(4 * 2);  // the NaN in the last point
        return fl_kernel_matrix(k.get(), FL_FLOAT64, FL_ROW_MAJOR, 3, x1.data(), 2, 4, x2.data(), 2,
                                FL_ROW_MAJOR, w.poisoned<double>(12), 4);
    });
    add("fl_kernel_gradient", FL_ERR_NON_FINITE, [](Watched &w) {
        const KernelPtr k = gaussian();
        const std::vector<double> x(3 * 2, 0.25), wm = nan_last(9);
        return fl_kernel_gradient(k.get(), FL_FLOAT64, FL_ROW_MAJOR, 3, x.data(), 2, 3, nullptr, 2,
                                  FL_ROW_MAJOR, wm.data(), 3, w.poisoned<double>(3));
    });

    // Rolled products and binning.
    add("fl_rolled_matmul", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const std::vector<double> a(2 * 4, 1.0), b(2 * 4, 1.0);
        return fl_rolled_matmul(FL_FLOAT64, FL_ROW_MAJOR, 2, 3, 2, 2, 2, a.data(), b.data(),
                                w.poisoned<double>(24));
    });
    add("fl_digitize", FL_ERR_NON_FINITE, [](Watched &w) {  // the case: NaN at x[5]
        const std::vector<double> x = {0.1, 0.5, 1.5, 2.5, 0.7, kNaN, 0.2}, edges = {0.0, 1.0, 2.0};
        return fl_digitize(FL_FLOAT64, 7, x.data(), 3, edges.data(), 0, w.poisoned<int64_t>(7));
    });
    add("fl_bincount", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const std::vector<int64_t> labels = {0, 1, 2, 1, 5};
        return fl_bincount(5, labels.data(), 3, w.poisoned<int64_t>(3));
    });
    add("fl_bincount_weighted", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const std::vector<int64_t> labels = {0, 1, 2, 1, -1};
        const std::vector<float> weights(5, 1.0f);
        return fl_bincount_weighted(5, labels.data(), FL_FLOAT32, weights.data(), 3,
                                    w.poisoned<float>(3));
    });
    add("fl_group_by_bin", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const std::vector<int64_t> labels = {0, 1, 2, 1, 3};
        return fl_group_by_bin(5, labels.data(), 3, w.poisoned<int64_t>(4), w.poisoned<int64_t>(5));
    });

    // Sparse matrices and factors.
    add("fl_sparse_create", FL_ERR_NON_FINITE, [](Watched &) {
        double values[10];
        std::copy(tri_val, tri_val + 10, values);
        values[9] = kNaN;
        return expect_null<fl_sparse>([&](fl_sparse **s) {
            return fl_sparse_create(s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n, tri_ptr,
                                    tri_idx, values);
        });
    });
    add("fl_sparse_set_values", FL_ERR_NON_FINITE, [](Watched &w) {
        const SparsePtr s = tridiagonal();
        double values[10];
        std::fill_n(values, 10, 3.0);
        values[9] = kNaN;
        fl_sparse_set_values(s.get(), FL_FLOAT64, values);
        // The handle's values are its output: A times ones is still (1, 0, 0, 1).
        const std::vector<double> x(n, 1.0);
        std::vector<double> y(n, 0.0);
        EXPECT_EQ(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, x.data(), n,
                                     FL_COL_MAJOR, y.data(), n),
                  FL_OK);
        EXPECT_EQ(y, (std::vector<double>{1, 0, 0, 1}));
        (void)w;
        return fl_sparse_set_values(s.get(), FL_FLOAT64, values);
    });
    add("fl_sparse_shape", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        return fl_sparse_shape(nullptr, w.poisoned<int64_t>(1), w.poisoned<int64_t>(1),
                               w.poisoned<int64_t>(1));
    });
    add("fl_sparse_multiply", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const SparsePtr s = tridiagonal();
        const std::vector<double> x(n * 2, 1.0);
        return fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 2, FL_COL_MAJOR, x.data(), n,
                                  FL_COL_MAJOR, w.poisoned<double>(n * 2), n - 1);
    });
    add("fl_factor_create_sparse", FL_ERR_NOT_POSITIVE_DEFINITE, [](Watched &) {
        double values[10];
        std::copy(tri_val, tri_val + 10, values);
        values[9] = -2.0;  // the last pivot is negative
        fl_sparse *raw = nullptr;
        EXPECT_EQ(fl_sparse_create(&raw, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n, tri_ptr,
                                   tri_idx, values),
                  FL_OK);
        const SparsePtr s(raw);
        return expect_null<fl_factor>([&](fl_factor **f) {
            return fl_factor_create_sparse(f, FL_FACTOR_SPARSE_CHOLESKY, s.get(), nullptr);
        });
    });
    add("fl_factor_refactor", FL_ERR_INVALID_ARGUMENT, [](Watched &) {
        const SparsePtr s = tridiagonal();
        fl_factor *raw = nullptr;
        EXPECT_EQ(fl_factor_create_sparse(&raw, FL_FACTOR_SPARSE_LU, s.get(), nullptr), FL_OK);
        const FactorPtr f(raw);
        const int64_t diag_ptr[5] = {0, 1, 2, 3, 4}, diag_idx[4] = {0, 1, 2, 3};
        const double ones[4] = {1, 1, 1, 1};
        fl_sparse *other = nullptr;
        EXPECT_EQ(fl_sparse_create(&other, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n,
                                   diag_ptr, diag_idx, ones),
                  FL_OK);
        const SparsePtr o(other);
        return expect_null<fl_factor>(
            [&](fl_factor **g) { return fl_factor_refactor(g, f.get(), o.get()); });
    });
    add("fl_factor_rank_update_sparse", FL_ERR_NOT_POSITIVE_DEFINITE, [](Watched &) {
        const SparsePtr s = tridiagonal();
        fl_factor *raw = nullptr;
        EXPECT_EQ(fl_factor_create_sparse(&raw, FL_FACTOR_SPARSE_CHOLESKY, s.get(), nullptr),
                  FL_OK);
        const FactorPtr f(raw);
        const int64_t v_ptr[2] = {0, 4}, v_idx[4] = {0, 1, 2, 3};
        const double v_val[4] = {3, 3, 3, 3};  // A - v v^T is indefinite
        fl_sparse *v = nullptr;
        EXPECT_EQ(fl_sparse_create(&v, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, 1, v_ptr,
                                   v_idx, v_val),
                  FL_OK);
        const SparsePtr vp(v);
        return expect_null<fl_factor>(
            [&](fl_factor **g) { return fl_factor_rank_update_sparse(g, f.get(), -1, vp.get()); });
    });

    // Block sums and the matrix-calculus maps: a block size that does not divide, or an ld
    // too small for out.
    const std::vector<double> m8(8 * 8, 1.0);
    add("fl_block_sum_abt", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_block_sum_abt(FL_FLOAT64, 8, 8, 2, 3, 2, FL_ROW_MAJOR, m8.data(), 2, FL_ROW_MAJOR,
                                m8.data(), 2, FL_ROW_MAJOR, w.poisoned<double>(6), 2);
    });
    add("fl_block_sum_acbt", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_block_sum_acbt(FL_FLOAT64, 8, 8, 2, 2, 2, 3, FL_ROW_MAJOR, m8.data(), 2,
                                 FL_ROW_MAJOR, m8.data(), 2, FL_ROW_MAJOR, m8.data(), 2,
                                 FL_ROW_MAJOR, w.poisoned<double>(6), 3);
    });
    add("fl_block_sum_residual", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_block_sum_residual(FL_FLOAT64, 8, 2, 2, 3, FL_ROW_MAJOR, m8.data(), 2,
                                     FL_ROW_MAJOR, m8.data(), 2, FL_ROW_MAJOR, m8.data(), 2,
                                     FL_ROW_MAJOR, w.poisoned<double>(9), 3);
    });
    add("fl_block_sum_kron", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_block_sum_kron(FL_FLOAT64, 8, 8, 2, 2, 2, 2, FL_ROW_MAJOR, m8.data(), 2,
                                 FL_ROW_MAJOR, m8.data(), 2, FL_ROW_MAJOR, w.poisoned<double>(16),
                                 3);
    });
    add("fl_block_sum_kron_abt_cdt", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_block_sum_kron_abt_cdt(FL_FLOAT64, 8, 8, 1, 1, 2, 3, FL_ROW_MAJOR, m8.data(), 1,
                                         FL_ROW_MAJOR, m8.data(), 1, FL_ROW_MAJOR, m8.data(), 1,
                                         FL_ROW_MAJOR, m8.data(), 1, FL_ROW_MAJOR,
                                         w.poisoned<double>(36), 9);
    });
    add("fl_block_sum_kron_grid", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_block_sum_kron_grid(FL_FLOAT64, 8, 8, 2, 3, 2, FL_ROW_MAJOR, m8.data(), 8,
                                      FL_ROW_MAJOR, m8.data(), 2, FL_ROW_MAJOR, m8.data(), 2,
                                      FL_ROW_MAJOR, w.poisoned<double>(36), 4);
    });
    add("fl_vecb", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_vecb(FL_FLOAT64, 4, 4, 3, 2, FL_ROW_MAJOR, m8.data(), 4, FL_ROW_MAJOR,
                       w.poisoned<double>(16), 8);
    });
    add("fl_vech", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_vech(FL_FLOAT64, 4, FL_ROW_MAJOR, m8.data(), 3, w.poisoned<double>(10));
    });
    add("fl_commutation_apply", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_commutation_apply(FL_FLOAT64, 2, 3, 2, FL_ROW_MAJOR, m8.data(), 2, FL_ROW_MAJOR,
                                    w.poisoned<double>(12), 1);
    });
    add("fl_commutation_matrix", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        return fl_commutation_matrix(FL_FLOAT64, 2, 3, FL_ROW_MAJOR, w.poisoned<double>(36), 5);
    });
    add("fl_duplication_apply", FL_ERR_INVALID_ARGUMENT, [m8](Watched &w) {
        return fl_duplication_apply(FL_FLOAT64, 2, 2, FL_NO_TRANS, 1, FL_ROW_MAJOR, m8.data(), 1,
                                    FL_ROW_MAJOR, w.poisoned<double>(4), 1);  // pinv = 2
    });
    add("fl_duplication_matrix", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        return fl_duplication_matrix(FL_FLOAT64, 2, 0, FL_ROW_MAJOR, w.poisoned<double>(12), 2);
    });

    // Factors as bytes (save/load) and the properties of a factor.
    add("fl_factor_serialized_size", FL_ERR_INVALID_ARGUMENT,
        [](Watched &w) { return fl_factor_serialized_size(nullptr, w.poisoned<int64_t>(1)); });
    add("fl_factor_serialize", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        int64_t size = 0;
        EXPECT_EQ(fl_factor_serialized_size(f.get(), &size), FL_OK);
        return fl_factor_serialize(f.get(), w.poisoned<unsigned char>(size_t(size)), size - 1);
    });
    add("fl_factor_deserialize", FL_ERR_INVALID_ARGUMENT, [](Watched &) {
        const FactorPtr f = dense(FL_FACTOR_CHOLESKY);
        int64_t size = 0;
        EXPECT_EQ(fl_factor_serialized_size(f.get(), &size), FL_OK);
        std::vector<unsigned char> bytes(static_cast<size_t>(size));
        EXPECT_EQ(fl_factor_serialize(f.get(), bytes.data(), size), FL_OK);
        bytes[bytes.size() / 2] ^= 0x40;  // a corrupted payload: the checksum finds it
        return expect_null<fl_factor>([&](fl_factor **g) {
            return fl_factor_deserialize(g, bytes.data(), size);
        });
    });
    add("fl_factor_logdet_complex", FL_ERR_UNSUPPORTED, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_QR);  // QR knows no determinant
        return fl_factor_logdet_complex(f.get(), w.poisoned<double>(1), w.poisoned<double>(1),
                                        w.poisoned<double>(1));
    });
    add("fl_factor_get_info", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        const FactorPtr f = dense(FL_FACTOR_LU);
        return fl_factor_get_info(f.get(), static_cast<fl_factor_info>(999), w.poisoned<int64_t>(1));
    });

    // Stacks of small matrices: per-matrix failures are reported in info with FL_OK, so the
    // failing call here is an argument error (an output's leading dimension found too small
    // after every input was read); info is an output too and must stay untouched.
    const int64_t m = 2, count = 3;
    const auto stack_a = [] {
        std::vector<double> a(static_cast<size_t>(count * m * m), 0.0);
        for (int64_t l = 0; l < count; ++l)
            for (int64_t i = 0; i < m; ++i) a[static_cast<size_t>(l * m * m + i * m + i)] = 2.0;
        return a;
    };
    add("fl_stack_solve", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a(), b(static_cast<size_t>(count * m), 1.0);
        return fl_stack_solve(FL_FLOAT64, FL_COL_MAJOR, count, m, a.data(), m, m * m, 1, b.data(),
                              m, m, w.poisoned<double>(size_t(count * m)), m - 1, m,
                              w.poisoned<int32_t>(count));
    });
    add("fl_stack_inverse", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a();
        return fl_stack_inverse(FL_FLOAT64, FL_COL_MAJOR, count, m, a.data(), m, m * m,
                                w.poisoned<double>(size_t(count * m * m)), m - 1, m * m,
                                w.poisoned<int32_t>(count));
    });
    add("fl_stack_slogdet", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a();
        return fl_stack_slogdet(FL_FLOAT64, FL_COL_MAJOR, count, m, a.data(), m - 1, m * m,
                                w.poisoned<double>(count), w.poisoned<double>(count),
                                w.poisoned<int32_t>(count));
    });
    add("fl_stack_cholesky", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a();
        return fl_stack_cholesky(FL_FLOAT64, FL_COL_MAJOR, count, m, a.data(), m, m * m, FL_LOWER,
                                 w.poisoned<double>(size_t(count * m * m)), m - 1, m * m,
                                 w.poisoned<int32_t>(count));
    });
    add("fl_stack_cholesky_solve", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a(), b(static_cast<size_t>(count * m), 1.0);
        return fl_stack_cholesky_solve(FL_FLOAT64, FL_COL_MAJOR, count, m, a.data(), m, m * m,
                                       FL_LOWER, 1, b.data(), m, m,
                                       w.poisoned<double>(size_t(count * m)), m - 1, m,
                                       w.poisoned<int32_t>(count));
    });
    add("fl_stack_eigh", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a();
        return fl_stack_eigh(FL_FLOAT64, FL_COL_MAJOR, count, m, a.data(), m, m * m, FL_LOWER,
                             w.poisoned<double>(size_t(count * m)), m,
                             w.poisoned<double>(size_t(count * m * m)), m - 1, m * m,
                             w.poisoned<int32_t>(count));
    });

    // The batch handle.
    using BatchPtr = HandlePtr<fl_batch, fl_batch_destroy>;
    const auto batch = [=] {
        const std::vector<double> a = stack_a();
        std::vector<int32_t> info(static_cast<size_t>(count));
        fl_batch *b = nullptr;
        EXPECT_EQ(fl_batch_create(&b, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, count, m, m,
                                  a.data(), m, m * m, nullptr, info.data()),
                  FL_OK);
        return BatchPtr(b);
    };
    add("fl_batch_create", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const std::vector<double> a = stack_a();
        int32_t *info = w.poisoned<int32_t>(count);
        return expect_null<fl_batch>([&](fl_batch **b) {
            return fl_batch_create(b, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, count, m, m, a.data(),
                                   m - 1, m * m, nullptr, info);
        });
    });
    add("fl_batch_describe", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        return fl_batch_describe(nullptr, w.poisoned<fl_factor_kind>(1), w.poisoned<fl_dtype>(1),
                                 w.poisoned<int64_t>(1), w.poisoned<int64_t>(1),
                                 w.poisoned<int64_t>(1));
    });
    add("fl_batch_solve", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const BatchPtr bt = batch();
        const std::vector<double> b(static_cast<size_t>(count * m), 1.0);
        return fl_batch_solve(bt.get(), FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), m, m,
                              w.poisoned<double>(size_t(count * m)), m - 1, m);
    });
    add("fl_batch_logdet", FL_ERR_INVALID_ARGUMENT, [](Watched &w) {
        return fl_batch_logdet(nullptr, w.poisoned<double>(count), w.poisoned<double>(count));
    });
    add("fl_batch_rcond", FL_ERR_INVALID_ARGUMENT,
        [](Watched &w) { return fl_batch_rcond(nullptr, w.poisoned<double>(count)); });
    add("fl_batch_inverse", FL_ERR_INVALID_ARGUMENT, [=](Watched &w) {
        const BatchPtr bt = batch();
        return fl_batch_inverse(bt.get(), FL_FLOAT64, FL_COL_MAJOR,
                                w.poisoned<double>(size_t(count * m * m)), m - 1, m * m);
    });
    add("fl_batch_get_part", FL_ERR_UNSUPPORTED, [=](Watched &w) {
        const BatchPtr bt = batch();
        return fl_batch_get_part(bt.get(), FL_PART_EIGENVALUES, FL_FLOAT64, FL_COL_MAJOR,
                                 w.poisoned<double>(size_t(count * m)), m, m);
    });

    // The BLAS thread count: its output is the process-wide setting.
    add("fl_set_num_threads", FL_ERR_INVALID_ARGUMENT, [](Watched &) {
        const int before = fl_get_num_threads();
        const fl_status s = fl_set_num_threads(1 << 30);
        EXPECT_EQ(fl_get_num_threads(), before);
        return s;
    });
    return t;
}

}  // namespace

TEST(OutputsUntouchedOnFailure, EveryFunctionThatWritesAnOutput) {
    for (const Case &c : cases()) {
        SCOPED_TRACE(c.function);
        Watched w;
        const fl_status got = c.call(w);
        EXPECT_EQ(got, c.expected) << fl_last_error();
        EXPECT_NE(std::string(fl_last_error())
                      .find(std::string(c.function).substr(0, std::string(c.function).find(' '))),
                  std::string::npos)
            << fl_last_error();
        EXPECT_TRUE(w.intact()) << c.function << " wrote an output before failing";
    }
}

// Every exported function that writes through a pointer has a row (the names of the
// header's functions that write nothing, or only return a value, are listed here instead),
// so a new function cannot be added without deciding how it fails.
TEST(OutputsUntouchedOnFailure, TheTableCoversEveryWritingFunction) {
    std::vector<std::string> covered;
    for (const Case &c : cases())
        covered.push_back(std::string(c.function).substr(0, std::string(c.function).find(' ')));
    const char *writes_nothing[] = {
        "fl_version",         "fl_version_number", "fl_status_string",   "fl_last_error",
        "fl_options_destroy", "fl_factor_destroy", "fl_factor_get_kind", "fl_factor_get_dtype",
        "fl_factor_rows",     "fl_factor_cols",    "fl_kernel_destroy",  "fl_sparse_destroy",
        "fl_blas_info",       "fl_blas_core",      "fl_get_num_threads", "fl_batch_destroy",
        "fl_release_memory"};
    for (const char *name : writes_nothing) covered.push_back(name);
    // Every "FL_API type name(" declaration of the public header.
    std::ifstream header(FL_PUBLIC_HEADER);
    ASSERT_TRUE(header.good()) << FL_PUBLIC_HEADER;
    std::string line;
    int checked = 0;
    while (std::getline(header, line)) {
        const size_t api = line.find("FL_API "), paren = line.find('(');
        if (line.rfind("FL_API ", 0) != 0 || paren == std::string::npos || api == std::string::npos)
            continue;
        size_t begin = paren;
        while (begin > 0 && (std::isalnum(static_cast<unsigned char>(line[begin - 1])) ||
                             line[begin - 1] == '_'))
            --begin;
        const std::string name = line.substr(begin, paren - begin);
        ++checked;
        EXPECT_NE(std::find(covered.begin(), covered.end(), name), covered.end())
            << name << " is declared in the header but has no row in the outputs-untouched table";
    }
    EXPECT_GT(checked, 60);
}
