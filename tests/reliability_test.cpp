// Regression tests for the defects of issue 13 (items 2-6, 8-10, 12): inputs that once made
// the library hang, report FL_ERR_INTERNAL, return an rcond outside [0, 1], read memory it
// should not, or accept what it should refuse. Each test names the defect it pins down.
// (Item 7, outputs untouched on failure, has its own table in outputs_untouched_test.cpp.)
#include <fastlinalg/fastlinalg.h>

#include <gtest/gtest.h>

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <tuple>
#include <vector>

#include "error_expect.hpp"
#include "test_support.hpp"

using namespace fltest;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A column-major rows-by-cols matrix with entries in [-1, 1), from a fixed seed.
template <class T>
std::vector<T> seeded(int64_t rows, int64_t cols, uint64_t seed) {
    std::vector<T> a(static_cast<size_t>(rows * cols));
    uint64_t s = seed;
    for (T &v : a) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        v = static_cast<T>(double(s >> 11) / double(1ULL << 53) * 2.0 - 1.0);
    }
    return a;
}

OptionsPtr unchecked() { return make_options(0, FL_LOWER); }

fl_status create(FactorPtr &out, fl_factor_kind kind, fl_dtype dtype, int64_t rows, int64_t cols,
                 const void *a, const fl_options *options) {
    fl_factor *f = nullptr;
    const fl_status s = fl_factor_create(&f, kind, dtype, FL_COL_MAJOR, rows, cols, a,
                                         std::max<int64_t>(rows, 1), options);
    out.reset(f);
    return s;
}

const fl_factor_kind kAllDenseKinds[] = {FL_FACTOR_LU,   FL_FACTOR_CHOLESKY, FL_FACTOR_LDLT,
                                         FL_FACTOR_QR,   FL_FACTOR_COD,      FL_FACTOR_SVD,
                                         FL_FACTOR_EIGH, FL_FACTOR_AUTO};

}  // namespace

// ---- 2: iterative LAPACK routines never see NaN/Inf ------------------------------------------

FLTEST_TYPED_SUITE(NonFiniteUnchecked);

// sgesdd never returned on this matrix (23x24, one +Inf) and NaN came back as
// "gesdd rejected argument 5" (FL_ERR_INTERNAL). SVD and EIGH check anyway.
TYPED_TEST(NonFiniteUnchecked, SvdAndEighAlwaysRejectNonFinite) {
    using T = TypeParam;
    const OptionsPtr off = unchecked();
    for (const double bad : {kInf, -kInf, kNaN}) {
        for (const auto &[kind, rows, cols] : {std::tuple{FL_FACTOR_SVD, 23, 24},
                                               {FL_FACTOR_SVD, 24, 23},
                                               {FL_FACTOR_EIGH, 24, 24}}) {
            std::vector<T> a = seeded<T>(rows, cols, 7);
            a[static_cast<size_t>(5 + 3 * rows)] = static_cast<T>(bad);
            FactorPtr f;
            EXPECT_ERROR(create(f, kind, Dtype<T>::value, rows, cols, a.data(), off.get()),
                         FL_ERR_NON_FINITE, "fl_factor_create", "a[5, 3]");
        }
    }
}

// Every kind returns on non-finite input with the check off, and never says INTERNAL;
// whatever it returns, its queries answer too.
TYPED_TEST(NonFiniteUnchecked, EveryKindReturnsWithoutInternal) {
    using T = TypeParam;
    const OptionsPtr off = unchecked();
    for (const fl_factor_kind kind : kAllDenseKinds)
        for (const double bad : {kInf, kNaN}) {
            const int64_t n = 12;
            std::vector<T> a = seeded<T>(n, n, 3);
            for (int64_t i = 0; i < n; ++i) a[static_cast<size_t>(i + i * n)] += T(n);  // s.p.d.
            for (int64_t j = 0; j < n; ++j)
                for (int64_t i = 0; i < j; ++i)
                    a[static_cast<size_t>(i + j * n)] = a[static_cast<size_t>(j + i * n)];
            a[static_cast<size_t>(4 + 4 * n)] = static_cast<T>(bad);
            FactorPtr f;
            const fl_status s = create(f, kind, Dtype<T>::value, n, n, a.data(), off.get());
            SCOPED_TRACE(std::to_string(kind) + " " + fl_last_error());
            EXPECT_NE(s, FL_ERR_INTERNAL);
            if (s != FL_OK) continue;
            double rcond = -1;
            EXPECT_NE(fl_factor_rcond(f.get(), &rcond), FL_ERR_INTERNAL) << fl_last_error();
            if (rcond != -1) {
                EXPECT_GE(rcond, 0.0);
                EXPECT_LE(rcond, 1.0);
            }
        }
}

// ---- 3: sparse LU log-determinant from U's diagonal ------------------------------------------

namespace {

using SparsePtr = HandlePtr<fl_sparse, fl_sparse_destroy>;

struct Csc {
    int64_t n;
    std::vector<int64_t> ptr, idx;
    std::vector<double> values;
};

Csc dense_to_csc(int64_t n, const std::vector<double> &a) {
    Csc c{n, {0}, {}, {}};
    for (int64_t j = 0; j < n; ++j) {
        for (int64_t i = 0; i < n; ++i)
            if (a[static_cast<size_t>(i + j * n)] != 0) {
                c.idx.push_back(i);
                c.values.push_back(a[static_cast<size_t>(i + j * n)]);
            }
        c.ptr.push_back(static_cast<int64_t>(c.idx.size()));
    }
    return c;
}

fl_status make_sparse(SparsePtr &out, const Csc &c) {
    fl_sparse *s = nullptr;
    const fl_status status = fl_sparse_create(
        &s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, c.n, c.n, c.ptr.data(),
        c.idx.empty() ? nullptr : c.idx.data(), c.values.empty() ? nullptr : c.values.data());
    out.reset(s);
    return status;
}

fl_status sparse_factor(FactorPtr &out, fl_factor_kind kind, const fl_sparse *s) {
    fl_factor *f = nullptr;
    const fl_status status = fl_factor_create_sparse(&f, kind, s, nullptr);
    out.reset(f);
    return status;
}

}  // namespace

// A determinant far beyond double's range (each pivot 1e300, and the product of the row
// scalings with it) comes out of the diagonal's logs, with the permutations' signs.
TEST(SparseLuLogdet, MatchesDenseLuBeyondOverflow) {
    const int64_t n = 6;
    std::vector<double> a(static_cast<size_t>(n * n), 0.0);
    // A permuted, scaled diagonal plus a little coupling: det = -prod(d) * (1 + small).
    const int64_t perm[n] = {2, 0, 1, 5, 3, 4};
    for (int64_t j = 0; j < n; ++j)
        a[static_cast<size_t>(perm[j] + j * n)] = (j % 2 ? -1e300 : 3e299) * (j + 1);
    a[static_cast<size_t>(0 + 0 * n)] = 1e290;
    SparsePtr s;
    ASSERT_EQ(make_sparse(s, dense_to_csc(n, a)), FL_OK) << fl_last_error();
    FactorPtr sparse_lu, dense_lu;
    ASSERT_EQ(sparse_factor(sparse_lu, FL_FACTOR_SPARSE_LU, s.get()), FL_OK) << fl_last_error();
    ASSERT_EQ(create(dense_lu, FL_FACTOR_LU, FL_FLOAT64, n, n, a.data(), nullptr), FL_OK);
    double sign = 0, logabsdet = 0, want_sign = 0, want_log = 0;
    ASSERT_EQ(fl_factor_logdet(sparse_lu.get(), &sign, &logabsdet), FL_OK) << fl_last_error();
    ASSERT_EQ(fl_factor_logdet(dense_lu.get(), &want_sign, &want_log), FL_OK);
    EXPECT_EQ(sign, want_sign);
    EXPECT_NEAR(logabsdet, want_log, 1e-12 * std::fabs(want_log));
    EXPECT_GT(logabsdet, 1000.0);  // beyond what a double determinant could hold
}

// umfpack_dl_get_determinant never returned on diag(DBL_MAX, 1): its running product is
// normalised in a loop that an overflowed value never leaves.
TEST(SparseLuLogdet, PivotsAtTheOverflowThresholdReturn) {
    for (const double other : {1.0, -1e-308, 4.9e-324}) {
        const std::vector<double> a = {DBL_MAX, 0, 0, other};
        SparsePtr s;
        ASSERT_EQ(make_sparse(s, dense_to_csc(2, a)), FL_OK) << fl_last_error();
        FactorPtr f;
        ASSERT_EQ(sparse_factor(f, FL_FACTOR_SPARSE_LU, s.get()), FL_OK) << fl_last_error();
        double sign = 0, logabsdet = 0;
        ASSERT_EQ(fl_factor_logdet(f.get(), &sign, &logabsdet), FL_OK) << fl_last_error();
        EXPECT_EQ(sign, other < 0 ? -1.0 : 1.0);
        EXPECT_NEAR(logabsdet, std::log(DBL_MAX) + std::log(std::fabs(other)),
                    1e-12 * std::fabs(std::log(DBL_MAX)));
    }
}

// Random well-conditioned matrices: sign and log|det| agree with dense LU, so every
// permutation parity and the row scaling are accounted for.
TEST(SparseLuLogdet, MatchesDenseLuOnRandomMatrices) {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        const int64_t n = 3 + static_cast<int64_t>(seed % 9);
        std::vector<double> a = seeded<double>(n, n, seed);
        for (double &v : a)
            if (std::fabs(v) < 0.4) v = 0;  // sparse enough for UMFPACK to permute
        for (int64_t i = 0; i < n; ++i)
            a[static_cast<size_t>((i * 5 + 1) % n + i * n)] += 2.0 + double(i);
        SparsePtr s;
        ASSERT_EQ(make_sparse(s, dense_to_csc(n, a)), FL_OK) << fl_last_error();
        FactorPtr sparse_lu, dense_lu;
        ASSERT_EQ(create(dense_lu, FL_FACTOR_LU, FL_FLOAT64, n, n, a.data(), nullptr), FL_OK);
        if (sparse_factor(sparse_lu, FL_FACTOR_SPARSE_LU, s.get()) != FL_OK) continue;  // singular
        double sign = 0, logabsdet = 0, want_sign = 0, want_log = 0;
        ASSERT_EQ(fl_factor_logdet(sparse_lu.get(), &sign, &logabsdet), FL_OK) << fl_last_error();
        ASSERT_EQ(fl_factor_logdet(dense_lu.get(), &want_sign, &want_log), FL_OK);
        EXPECT_EQ(sign, want_sign) << "seed " << seed;
        EXPECT_NEAR(logabsdet, want_log, 1e-10 * (1 + std::fabs(want_log))) << "seed " << seed;
    }
}

// ---- 4: an n-by-n sparse matrix with no entries -----------------------------------------------

TEST(EmptySparse, CholeskyIsNotPositiveDefiniteAndQrHasRankZero) {
    for (const int64_t n : {1, 4}) {
        const Csc empty{n, std::vector<int64_t>(static_cast<size_t>(n + 1), 0), {}, {}};
        SparsePtr s;
        ASSERT_EQ(make_sparse(s, empty), FL_OK) << fl_last_error();
        FactorPtr f;
        EXPECT_ERROR(sparse_factor(f, FL_FACTOR_SPARSE_CHOLESKY, s.get()),
                     FL_ERR_NOT_POSITIVE_DEFINITE, "fl_factor_create_sparse", "column 0");
        EXPECT_ERROR(sparse_factor(f, FL_FACTOR_SPARSE_LU, s.get()), FL_ERR_SINGULAR,
                     "fl_factor_create_sparse");

        ASSERT_EQ(sparse_factor(f, FL_FACTOR_SPARSE_QR, s.get()), FL_OK) << fl_last_error();
        int64_t rank = -1;
        ASSERT_EQ(fl_factor_rank(f.get(), &rank), FL_OK);
        EXPECT_EQ(rank, 0);
        std::vector<double> b(static_cast<size_t>(n), 1.0), x(static_cast<size_t>(n), 7.0);
        for (const fl_transpose t : {FL_NO_TRANS, FL_TRANS}) {
            ASSERT_EQ(fl_factor_solve(f.get(), t, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), n,
                                      FL_COL_MAJOR, x.data(), n),
                      FL_OK)
                << fl_last_error();
            for (double v : x) EXPECT_EQ(v, 0.0);  // the minimum-norm solution for A = 0
        }
    }
}

// ---- 5: rcond in [0, 1] for every kind ---------------------------------------------------------

// gecon/sycon overflowed to +Inf on this matrix (true rcond about 1, but 1/||A^-1||_1
// exceeds DBL_MAX).
TEST(RcondRange, OverflowedEstimateIsInRange) {
    const double a[4] = {1.39e-309, DBL_MAX, DBL_MAX, 9.125};
    for (const fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_LDLT, FL_FACTOR_AUTO, FL_FACTOR_QR,
                                      FL_FACTOR_COD, FL_FACTOR_SVD, FL_FACTOR_EIGH}) {
        FactorPtr f;
        ASSERT_EQ(create(f, kind, FL_FLOAT64, 2, 2, a, nullptr), FL_OK)
            << kind << ": " << fl_last_error();
        double rcond = -1;
        ASSERT_EQ(fl_factor_rcond(f.get(), &rcond), FL_OK) << kind << ": " << fl_last_error();
        EXPECT_GE(rcond, 0.0) << kind;
        EXPECT_LE(rcond, 1.0) << kind;
    }
}

// ---- 6: legal empty matrices with NULL pointers (run under UBSan by the sanitizer stage) ----

FLTEST_TYPED_SUITE(EmptyWithNull);

TYPED_TEST(EmptyWithNull, FactorsOfEmptyShapes) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    const OptionsPtr off = unchecked();
    for (const fl_options *o :
         {static_cast<const fl_options *>(nullptr), static_cast<const fl_options *>(off.get())})
        for (const auto &[kind, rows, cols] : {std::tuple{FL_FACTOR_COD, 0, 5},
                                               {FL_FACTOR_COD, 5, 0},
                                               {FL_FACTOR_SVD, 0, 5},
                                               {FL_FACTOR_SVD, 5, 0},
                                               {FL_FACTOR_QR, 5, 0},
                                               {FL_FACTOR_AUTO, 0, 5},
                                               {FL_FACTOR_AUTO, 5, 0},
                                               {FL_FACTOR_LU, 0, 0}}) {
            FactorPtr f;
            fl_factor *raw = nullptr;
            // A row-major 5-by-0 matrix has ld >= 1 and no elements: NULL is legal.
            ASSERT_EQ(fl_factor_create(&raw, kind, dt, FL_ROW_MAJOR, rows, cols, nullptr,
                                       std::max(cols, 1), o),
                      FL_OK)
                << fl_last_error();
            f.reset(raw);
            ASSERT_EQ(fl_factor_create(&raw, kind, dt, FL_COL_MAJOR, rows, cols, nullptr,
                                       std::max(rows, 1), o),
                      FL_OK)
                << fl_last_error();
            f.reset(raw);
            // Solves with B of op(A)'s rows and no columns, and with empty A's.
            EXPECT_EQ(fl_factor_solve(f.get(), FL_NO_TRANS, dt, 0, FL_COL_MAJOR, nullptr,
                                      std::max(rows, 1), FL_COL_MAJOR, nullptr, std::max(cols, 1)),
                      FL_OK)
                << fl_last_error();
            std::vector<T> b(3 * 8, T(1)), x(3 * 8, T(2));
            EXPECT_EQ(fl_factor_solve(f.get(), FL_NO_TRANS, dt, 3, FL_COL_MAJOR,
                                      rows ? b.data() : nullptr, std::max(rows, 1), FL_COL_MAJOR,
                                      cols ? x.data() : nullptr, std::max(cols, 1)),
                      FL_OK)
                << fl_last_error();
            if (rows == cols) {
                EXPECT_EQ(fl_factor_quadratic_form(f.get(), dt, 0, FL_ROW_MAJOR, nullptr, 1,
                                                   FL_ROW_MAJOR, nullptr, 1),
                          FL_OK)
                    << fl_last_error();
            }
        }
}

TYPED_TEST(EmptyWithNull, BlockSumsAndMapsWithNoColumns) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    std::vector<T> out(64, T(5));
    // k1 = 0: A and B have rows but no columns, so they may be NULL; out = 0.
    ASSERT_EQ(fl_block_sum_kron_abt_cdt(
                  dt, 4, 6, 0, 1, 2, 3, FL_ROW_MAJOR, nullptr, 1, FL_ROW_MAJOR, nullptr, 1,
                  FL_ROW_MAJOR, std::vector<T>(4, T(1)).data(), 1, FL_ROW_MAJOR,
                  std::vector<T>(6, T(1)).data(), 1, FL_ROW_MAJOR, out.data(), 9),
              FL_OK)
        << fl_last_error();
    for (size_t i = 0; i < 4 * 9; ++i) EXPECT_EQ(out[i], T(0)) << i;
    for (const fl_layout lay : {FL_ROW_MAJOR, FL_COL_MAJOR}) {
        EXPECT_EQ(fl_block_sum_abt(dt, 4, 6, 0, 2, 3, lay, nullptr, lay == FL_ROW_MAJOR ? 1 : 4,
                                   lay, nullptr, lay == FL_ROW_MAJOR ? 1 : 6, lay, out.data(), 3),
                  FL_OK)
            << fl_last_error();
        EXPECT_EQ(
            fl_block_sum_kron(dt, 4, 6, 0, 2, 2, 3, lay, nullptr, lay == FL_ROW_MAJOR ? 1 : 4, lay,
                              std::vector<T>(12, T(1)).data(), lay == FL_ROW_MAJOR ? 2 : 6, lay,
                              nullptr, lay == FL_ROW_MAJOR ? 1 : 6),
            FL_OK)
            << fl_last_error();
        EXPECT_EQ(fl_vecb(dt, 0, 5, 1, 5, lay, nullptr, lay == FL_ROW_MAJOR ? 5 : 1, lay, nullptr,
                          lay == FL_ROW_MAJOR ? 5 : 1),
                  FL_OK)
            << fl_last_error();
        EXPECT_EQ(fl_commutation_apply(dt, 0, 5, 3, lay, nullptr, lay == FL_ROW_MAJOR ? 3 : 1, lay,
                                       nullptr, lay == FL_ROW_MAJOR ? 3 : 1),
                  FL_OK)
            << fl_last_error();
    }
    std::vector<T> x(5 * 3, T(1));
    EXPECT_EQ(fl_rolled_matmul(dt, FL_ROW_MAJOR, 3, 2, 0, 5, 4, nullptr,
                               std::vector<T>(60, T(1)).data(), nullptr),
              FL_OK)
        << fl_last_error();
}

TYPED_TEST(EmptyWithNull, KernelsAndSparseProducts) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    fl_kernel *k = nullptr;
    const double ell = 1.0;
    ASSERT_EQ(fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 3, 1, &ell, 1.0, 0.0),
              FL_OK);
    double grad[3] = {9, 9, 9};
    EXPECT_EQ(fl_kernel_matrix(k, dt, FL_ROW_MAJOR, 0, nullptr, 3, 0, nullptr, 3, FL_ROW_MAJOR,
                               nullptr, 1),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_kernel_matrix(k, dt, FL_COL_MAJOR, 0, nullptr, 1, 0, nullptr, 1, FL_COL_MAJOR,
                               nullptr, 1),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_kernel_gradient(k, dt, FL_COL_MAJOR, 0, nullptr, 1, 0, nullptr, 1, FL_COL_MAJOR,
                                 nullptr, 1, grad),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(grad[0], 0.0);
    fl_kernel_destroy(k);

    const int64_t ptr[6] = {0, 0, 0, 0, 0, 0};
    fl_sparse *s = nullptr;
    ASSERT_EQ(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, dt, 0, 5, ptr, nullptr, nullptr),
              FL_OK);
    std::vector<T> x(5 * 2, T(1));
    EXPECT_EQ(fl_sparse_multiply(s, FL_NO_TRANS, dt, 2, FL_COL_MAJOR, x.data(), 5, FL_COL_MAJOR,
                                 nullptr, 1),
              FL_OK)
        << fl_last_error();
    EXPECT_EQ(
        fl_sparse_multiply(s, FL_TRANS, dt, 2, FL_ROW_MAJOR, nullptr, 2, FL_ROW_MAJOR, x.data(), 2),
        FL_OK)
        << fl_last_error();
    for (T v : x) EXPECT_EQ(v, T(0));
    fl_sparse_destroy(s);
}

// ---- 8: size limits before allocation ---------------------------------------------------------

TEST(SizeLimits, HugeSparseShapesAreTooLargeBeforeAnyAllocation) {
    const int64_t ptr[2] = {0, 0};
    for (const int64_t rows : {INT64_MAX, int64_t(1) << 40, int64_t(INT32_MAX) + 1}) {
        fl_sparse *s = nullptr;
        EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, rows, 1, ptr,
                                      nullptr, nullptr),
                     FL_ERR_TOO_LARGE, "fl_sparse_create", "rows");
        EXPECT_EQ(s, nullptr);
        EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSR, FL_INDEX_INT64, FL_FLOAT64, 1, rows, ptr,
                                      nullptr, nullptr),
                     FL_ERR_TOO_LARGE, "fl_sparse_create", "cols");
    }
    // A legal shape with no entries is fine (O(rows + cols) memory, as documented).
    fl_sparse *s = nullptr;
    ASSERT_EQ(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 1 << 20, 1, ptr,
                               nullptr, nullptr),
              FL_OK)
        << fl_last_error();
    fl_sparse_destroy(s);
    // More entries than memory can address: ptr claims 2^61 entries.
    const int64_t huge[2] = {0, int64_t(1) << 61};
    const int64_t idx[1] = {0};
    const double val[1] = {1};
    EXPECT_ERROR(
        fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 1, 1, huge, idx, val),
        FL_ERR_TOO_LARGE, "fl_sparse_create", "entries");
}

// ---- 9: outputs that overlap inputs ------------------------------------------------------------

TEST(Overlaps, ResidualNormsGradientBincountGroupByBin) {
    std::vector<double> a = seeded<double>(6, 3, 11);
    FactorPtr qr;
    ASSERT_EQ(create(qr, FL_FACTOR_QR, FL_FLOAT64, 6, 3, a.data(), nullptr), FL_OK);
    std::vector<double> b = seeded<double>(6, 2, 12);
    EXPECT_ERROR(
        fl_factor_residual_norms(qr.get(), FL_FLOAT64, 2, FL_COL_MAJOR, b.data(), 6, b.data() + 3),
        FL_ERR_INVALID_ARGUMENT, "fl_factor_residual_norms", "norms", "b", "overlap");

    fl_kernel *k = nullptr;
    const double ell = 0.7;
    ASSERT_EQ(fl_kernel_create(&k, FL_KERNEL_GAUSSIAN, FL_METRIC_ISOTROPIC, 2, 1, &ell, 1.0, 0.1),
              FL_OK);
    std::vector<double> x = seeded<double>(4, 2, 13), w = seeded<double>(4, 4, 14);
    EXPECT_ERROR(fl_kernel_gradient(k, FL_FLOAT64, FL_ROW_MAJOR, 4, x.data(), 2, 4, nullptr, 2,
                                    FL_ROW_MAJOR, w.data(), 4, w.data() + 5),
                 FL_ERR_INVALID_ARGUMENT, "fl_kernel_gradient", "grad", "w", "overlap");
    EXPECT_ERROR(fl_kernel_gradient(k, FL_FLOAT64, FL_ROW_MAJOR, 4, x.data(), 2, 4, nullptr, 2,
                                    FL_ROW_MAJOR, w.data(), 4, x.data() + 1),
                 FL_ERR_INVALID_ARGUMENT, "fl_kernel_gradient", "grad", "x1", "overlap");
    fl_kernel_destroy(k);

    std::vector<int64_t> labels = {0, 1, 1, 2, 0, 1};
    std::vector<double> weights = {1, 2, 3, 4, 5, 6};
    EXPECT_ERROR(
        fl_bincount_weighted(6, labels.data(), FL_FLOAT64, weights.data(), 3, weights.data() + 2),
        FL_ERR_INVALID_ARGUMENT, "fl_bincount_weighted", "sums", "weights", "overlap");
    std::vector<int64_t> buffer(16, -1);
    EXPECT_ERROR(fl_group_by_bin(6, labels.data(), 3, buffer.data(), buffer.data() + 2),
                 FL_ERR_INVALID_ARGUMENT, "fl_group_by_bin", "perm", "offsets", "overlap");
    EXPECT_ERROR(fl_group_by_bin(6, labels.data(), 3, buffer.data(), labels.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_group_by_bin", "perm", "labels", "overlap");
    // Adjacent, not overlapping: fine.
    ASSERT_EQ(fl_group_by_bin(6, labels.data(), 3, buffer.data(), buffer.data() + 4), FL_OK)
        << fl_last_error();
    EXPECT_EQ(buffer[4], 0);
    EXPECT_EQ(buffer[5], 4);
}

// ---- 10: NaN/Inf in B, Y and W under FL_OPT_CHECK_FINITE ----------------------------------

FLTEST_TYPED_SUITE(NonFiniteRightHandSides);

TYPED_TEST(NonFiniteRightHandSides, EverySolveAndProductNamesTheElement) {
    using T = TypeParam;
    const fl_dtype dt = Dtype<T>::value;
    const int64_t n = 5;
    std::vector<T> a = seeded<T>(n, n, 21);
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i)
            a[static_cast<size_t>(i + j * n)] =
                i == j ? T(4) : a[static_cast<size_t>(std::min(i, j) + std::max(i, j) * n)] / 4;
    for (const fl_factor_kind kind : {FL_FACTOR_CHOLESKY, FL_FACTOR_EIGH, FL_FACTOR_QR}) {
        FactorPtr f;
        ASSERT_EQ(create(f, kind, dt, n, n, a.data(), nullptr), FL_OK);
        std::vector<T> b(static_cast<size_t>(n * 3), T(1)), x(b.size(), T(0)), out(9, T(0));
        b[static_cast<size_t>(2 + 1 * n)] = static_cast<T>(kNaN);  // b[2, 1], column-major
        EXPECT_ERROR(fl_factor_solve(f.get(), FL_NO_TRANS, dt, 3, FL_COL_MAJOR, b.data(), n,
                                     FL_COL_MAJOR, x.data(), n),
                     FL_ERR_NON_FINITE, "fl_factor_solve", "b[2, 1]", "nan");
        EXPECT_ERROR(fl_factor_quadratic_form(f.get(), dt, 3, FL_COL_MAJOR, b.data(), n,
                                              FL_COL_MAJOR, out.data(), 3),
                     FL_ERR_NON_FINITE, "fl_factor_quadratic_form", "y[2, 1]");
        EXPECT_ERROR(
            fl_factor_bilinear_form(f.get(), dt, 1, FL_COL_MAJOR, x.data(), n, 3, FL_COL_MAJOR,
                                    b.data(), n, FL_COL_MAJOR, out.data(), 1),
            FL_ERR_NON_FINITE, "fl_factor_bilinear_form", "w[2, 1]");
        EXPECT_ERROR(fl_factor_mahalanobis(f.get(), dt, 3, FL_COL_MAJOR, b.data(), n, out.data()),
                     FL_ERR_NON_FINITE, "fl_factor_mahalanobis", "y[2, 1]");
        std::vector<T> y(static_cast<size_t>(n * n), T(0));
        y[static_cast<size_t>(3 + 4 * n)] = static_cast<T>(-kInf);
        EXPECT_ERROR(
            fl_factor_sandwich(f.get(), dt, FL_COL_MAJOR, y.data(), n, FL_COL_MAJOR, x.data(), n),
            FL_ERR_NON_FINITE, "fl_factor_sandwich", "y[3, 4]", "-inf");
        double trace = 0;
        EXPECT_ERROR(fl_factor_trace_solve(f.get(), dt, FL_ROW_MAJOR, y.data(), n, &trace),
                     FL_ERR_NON_FINITE, "fl_factor_trace_solve", "y[4, 3]");
        if (kind == FL_FACTOR_EIGH) {
            const double shifts[2] = {0.5, 1.5};
            std::vector<T> xs(static_cast<size_t>(2 * n * 3));
            EXPECT_ERROR(fl_factor_solve_shifted(f.get(), dt, 2, shifts, 3, FL_COL_MAJOR, b.data(),
                                                 n, FL_COL_MAJOR, xs.data(), n, n * 3),
                         FL_ERR_NON_FINITE, "fl_factor_solve_shifted", "b[2, 1]");
        }
        if (kind == FL_FACTOR_QR) {
            EXPECT_ERROR(
                fl_factor_residual_norms(f.get(), dt, 3, FL_COL_MAJOR, b.data(), n, out.data()),
                FL_ERR_NON_FINITE, "fl_factor_residual_norms", "b[2, 1]");
            EXPECT_ERROR(fl_factor_apply_q(f.get(), FL_TRANS, dt, 3, FL_COL_MAJOR, b.data(), n),
                         FL_ERR_NON_FINITE, "fl_factor_apply_q", "c[2, 1]");
        }
    }
    // With the check off, they propagate as before.
    const OptionsPtr off = unchecked();
    FactorPtr f;
    ASSERT_EQ(create(f, FL_FACTOR_CHOLESKY, dt, n, n, a.data(), off.get()), FL_OK);
    std::vector<T> b(static_cast<size_t>(n), T(1)), x(b.size(), T(0));
    b[1] = static_cast<T>(kInf);
    ASSERT_EQ(fl_factor_solve(f.get(), FL_NO_TRANS, dt, 1, FL_COL_MAJOR, b.data(), n, FL_COL_MAJOR,
                              x.data(), n),
              FL_OK);
    EXPECT_FALSE(std::isfinite(x[1]));
}

// Sparse factors and factors derived from a checked one (update, refactor) check B too.
TEST(NonFiniteRightHandSides, SparseAndDerivedFactors) {
    const int64_t n = 3;
    const std::vector<double> a = {4, 1, 0, 1, 4, 1, 0, 1, 4};
    SparsePtr s;
    ASSERT_EQ(make_sparse(s, dense_to_csc(n, a)), FL_OK);
    std::vector<double> b = {1, kNaN, 1}, x(3);
    for (const fl_factor_kind kind :
         {FL_FACTOR_SPARSE_CHOLESKY, FL_FACTOR_SPARSE_LU, FL_FACTOR_SPARSE_QR}) {
        FactorPtr f;
        ASSERT_EQ(sparse_factor(f, kind, s.get()), FL_OK);
        EXPECT_ERROR(fl_factor_solve(f.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), n,
                                     FL_COL_MAJOR, x.data(), n),
                     FL_ERR_NON_FINITE, "fl_factor_solve", "b[1, 0]");
        fl_factor *g = nullptr;
        ASSERT_EQ(fl_factor_refactor(&g, f.get(), s.get()), FL_OK);
        FactorPtr refactored(g);
        EXPECT_ERROR(fl_factor_solve(refactored.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR,
                                     b.data(), n, FL_COL_MAJOR, x.data(), n),
                     FL_ERR_NON_FINITE, "fl_factor_solve", "b[1, 0]");
    }
    FactorPtr chol;
    ASSERT_EQ(create(chol, FL_FACTOR_CHOLESKY, FL_FLOAT64, n, n, a.data(), nullptr), FL_OK);
    const std::vector<double> v = {1, 0, 0};
    fl_factor *g = nullptr;
    ASSERT_EQ(fl_factor_rank_update(&g, chol.get(), 1, FL_FLOAT64, 1, FL_COL_MAJOR, v.data(), n),
              FL_OK);
    FactorPtr updated(g);
    EXPECT_ERROR(fl_factor_solve(updated.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(),
                                 n, FL_COL_MAJOR, x.data(), n),
                 FL_ERR_NON_FINITE, "fl_factor_solve", "b[1, 0]");
}

// ---- 12: thread count bound, NaN shifts, empty commutation matrices ----------------------------

TEST(SmallOnes, ThreadCountIsBoundedByTheBlas) {
    const int before = fl_get_num_threads();
    EXPECT_ERROR(fl_set_num_threads(INT_MAX), FL_ERR_INVALID_ARGUMENT, "fl_set_num_threads",
                 "2147483647", "MAX_THREADS");
    EXPECT_EQ(fl_get_num_threads(), before);
    EXPECT_EQ(fl_set_num_threads(before), FL_OK);
}

TEST(SmallOnes, NonFiniteShiftIsRejected) {
    const double a[4] = {2, 0, 0, 3};
    FactorPtr f;
    ASSERT_EQ(create(f, FL_FACTOR_EIGH, FL_FLOAT64, 2, 2, a, nullptr), FL_OK);
    const double b[2] = {1, 1};
    double x[6] = {7, 7, 7, 7, 7, 7};
    for (const double bad : {kNaN, kInf, -kInf}) {
        const double shifts[3] = {0.5, bad, 1.0};
        EXPECT_ERROR(fl_factor_solve_shifted(f.get(), FL_FLOAT64, 3, shifts, 1, FL_COL_MAJOR, b, 2,
                                             FL_COL_MAJOR, x, 2, 2),
                     FL_ERR_NON_FINITE, "fl_factor_solve_shifted", "shifts[1]");
        for (double v : x) EXPECT_EQ(v, 7.0);
    }
}

// m = 0 with the largest n (and the reverse) is an empty K: nothing to loop over.
TEST(SmallOnes, EmptyCommutationMatrix) {
    EXPECT_EQ(fl_commutation_matrix(FL_FLOAT64, 0, INT32_MAX, FL_ROW_MAJOR, nullptr, 1), FL_OK)
        << fl_last_error();
    EXPECT_EQ(fl_commutation_matrix(FL_FLOAT32, INT32_MAX, 0, FL_COL_MAJOR, nullptr, 1), FL_OK)
        << fl_last_error();
}
