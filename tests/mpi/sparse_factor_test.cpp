// MUMPS factors against single-process libfastlinalg (CHOLMOD, UMFPACK, dense LAPACK) and
// scaled residuals: SPD, symmetric indefinite and general matrices, entries on rank 0 or
// distributed by rows, many right-hand sides, refactorization, logdet, inertia, errors.
#include "mpi_test_support.hpp"
#include "sparse_support.hpp"

#include <type_traits>

namespace fltest::mpi {
namespace {

struct Triplets {
    std::vector<int64_t> rows, cols;
    std::vector<double> values;
    int64_t count() const { return static_cast<int64_t>(values.size()); }
};

// The nonzeros of a this rank passes: all of them on rank 0 (centralised), or the rows
// i with i % size == rank (distributed).
Triplets triplets_of(const Ref &a, bool distributed) {
    Triplets t;
    if (!distributed && rank() != 0) return t;
    for (int64_t j = 0; j < a.cols; ++j)
        for (int64_t i = 0; i < a.rows; ++i)
            if (a(i, j) != 0 && (!distributed || i % size() == rank())) {
                t.rows.push_back(i);
                t.cols.push_back(j);
                t.values.push_back(static_cast<double>(a(i, j)));
            }
    return t;
}

SparseFactorPtr sparse_factor(const fl_mpi_context *c, fl_mpi_sparse_kind kind, const Ref &a,
                              bool distributed, fl_status expected = FL_OK,
                              const std::string &message = "", fl_dtype dtype = FL_FLOAT64) {
    const Triplets t = triplets_of(a, distributed);
    const std::vector<float> single(t.values.begin(), t.values.end());
    fl_mpi_sparse_factor *f = nullptr;
    expect_agreed(fl_mpi_sparse_factor_create(&f, c, kind, a.rows, distributed, t.count(),
                                              t.rows.data(), t.cols.data(), dtype,
                                              dtype == FL_FLOAT32
                                                  ? static_cast<const void *>(single.data())
                                                  : static_cast<const void *>(t.values.data())),
                  expected, message);
    return SparseFactorPtr(f);
}

// X = A^-1 B on rank 0 in T, broadcast so that every rank checks it.
template <class T = double>
Ref sparse_solve(const fl_mpi_sparse_factor *f, const Ref &b, fl_layout layout) {
    const Matrix<T> bm = Matrix<T>::from_ref(b, layout);
    Matrix<T> x(b.rows, b.cols, layout);
    expect_agreed(fl_mpi_sparse_factor_solve(f, std::is_same_v<T, float> ? FL_FLOAT32 : FL_FLOAT64,
                                             b.cols, layout, bm.data(), bm.ld(), x.data(), x.ld()),
                  FL_OK);
    Ref xr = x.to_ref();
    std::vector<double> flat(xr.v.begin(), xr.v.end());
    MPI_Bcast(flat.data(), static_cast<int>(flat.size()), MPI_DOUBLE, 0, MPI_COMM_WORLD);
    std::copy(flat.begin(), flat.end(), xr.v.begin());
    return xr;
}

Ref symmetric_indefinite(int64_t m) {
    Ref a = laplacian_ref(m);
    for (int64_t i = 0; i < a.rows; ++i) a(i, i) -= 2.3L;  // shifts a third of the spectrum below 0
    return a;
}

Ref general(int64_t m) {
    Ref a = laplacian_ref(m);
    for (int64_t i = 0; i + 1 < a.rows; ++i)
        a(i, i + 1) += 0.7L;  // convection: no longer symmetric
    return a;
}

TEST(SparseFactor, EveryKindSolvesManyRightHandSidesLikeSingleProcess) {
    ContextPtr c = make_context();
    struct Kind {
        fl_mpi_sparse_kind kind;
        Ref a;
        fl_factor_kind reference;
    };
    const Kind kinds[] = {{FL_MPI_SPARSE_SPD, laplacian_ref(9), FL_FACTOR_SPARSE_CHOLESKY},
                          {FL_MPI_SPARSE_SYMMETRIC, symmetric_indefinite(8), FL_FACTOR_SPARSE_LU},
                          {FL_MPI_SPARSE_GENERAL, general(10), FL_FACTOR_SPARSE_LU}};
    for (const Kind &k : kinds)
        for (bool distributed : {false, true})
            for (fl_layout layout : kLayouts) {
                SparseFactorPtr f = sparse_factor(c.get(), k.kind, k.a, distributed);
                const Ref b = rounded<double>(random_ref(k.a.rows, 7, 31));
                const Ref x = sparse_solve(f.get(), b, layout);
                EXPECT_LT(solve_residual(k.a, FL_NO_TRANS, x, b, eps<double>()), kResidualThreshold)
                    << "kind " << k.kind << (distributed ? " distributed" : " centralised");
                // The same solve by single-process libfastlinalg (SuiteSparse).
                SparsePtr s = make_sparse<double>(k.a);
                fl_factor *raw = nullptr;
                ASSERT_EQ(fl_factor_create_sparse(&raw, k.reference, s.get(), nullptr), FL_OK)
                    << fl_last_error();
                FactorPtr ref(raw);
                const Matrix<double> bm = Matrix<double>::from_ref(b, FL_COL_MAJOR);
                Matrix<double> xr(b.rows, b.cols, FL_COL_MAJOR);
                ASSERT_EQ(solve(ref.get(), FL_NO_TRANS, bm, xr), FL_OK);
                EXPECT_LT(relative_difference(x, xr.to_ref()), 1e-10);
                // log|det| and its sign against long double elimination.
                double sign = 0, logabs = 0;
                ASSERT_EQ(fl_mpi_sparse_factor_logdet(f.get(), &sign, &logabs), FL_OK)
                    << fl_mpi_last_error();
                const LogDet expected = ref_logdet(k.a);
                EXPECT_EQ(sign, expected.sign);
                EXPECT_NEAR(logabs, static_cast<double>(expected.logabs),
                            1e-9 * std::fabs(static_cast<double>(expected.logabs)));
            }
}

// float32 runs smumps: the same kinds, judged with float's epsilon, against single-process
// fastlinalg's float32 sparse factors.
TEST(SparseFactor, Float32FactorsRunSinglePrecisionMumps) {
    ContextPtr c = make_context();
    const std::pair<fl_mpi_sparse_kind, Ref> kinds[] = {
        {FL_MPI_SPARSE_SPD, laplacian_ref(9)},
        {FL_MPI_SPARSE_SYMMETRIC, symmetric_indefinite(8)},
        {FL_MPI_SPARSE_GENERAL, general(10)}};
    for (const auto &[kind, a] : kinds)
        for (bool distributed : {false, true}) {
            SparseFactorPtr f = sparse_factor(c.get(), kind, a, distributed, FL_OK, "", FL_FLOAT32);
            const Ref b = rounded<float>(random_ref(a.rows, 5, 37));
            const Ref x = sparse_solve<float>(f.get(), b, FL_ROW_MAJOR);
            EXPECT_LT(solve_residual(a, FL_NO_TRANS, x, b, eps<float>()), kResidualThreshold)
                << "kind " << kind << (distributed ? " distributed" : " centralised");
            EXPECT_LT(relative_difference(
                          x, reference_solve(FL_FACTOR_LU, a, b, FL_NO_TRANS, FL_FLOAT32)),
                      1e-3);
            double sign = 0, logabs = 0;
            ASSERT_EQ(fl_mpi_sparse_factor_logdet(f.get(), &sign, &logabs), FL_OK);
            const LogDet expected = ref_logdet(a);
            EXPECT_EQ(sign, expected.sign);
            EXPECT_NEAR(logabs, static_cast<double>(expected.logabs),
                        1e-4 * std::fabs(static_cast<double>(expected.logabs)));
            const Triplets t = triplets_of(a, distributed);
            std::vector<float> values(t.values.begin(), t.values.end());
            for (float &v : values) v *= 2;
            expect_agreed(fl_mpi_sparse_factor_refactor(f.get(), FL_FLOAT32, values.data()), FL_OK);
            Ref half = sparse_solve<float>(f.get(), b, FL_COL_MAJOR);
            for (auto &v : half.v) v *= 2;
            EXPECT_LT(relative_difference(half, x), 1e-4);
        }
    // A float32 factor takes float32 operands only.
    SparseFactorPtr f =
        sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(3), false, FL_OK, "", FL_FLOAT32);
    Matrix<double> b(9, 1, FL_COL_MAJOR), x(9, 1, FL_COL_MAJOR);
    expect_agreed(
        fl_mpi_sparse_factor_solve(f.get(), FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), 9, x.data(), 9),
        FL_ERR_DTYPE_MISMATCH, "dtype = FL_FLOAT64 but the factor holds FL_FLOAT32");
    expect_agreed(fl_mpi_sparse_factor_refactor(f.get(), FL_FLOAT64, b.data()),
                  FL_ERR_DTYPE_MISMATCH, "FL_FLOAT32");
}

// The nonzeros of a's outer indices [first, first + count) in compressed form: rows for
// CSR, columns for CSC.
struct Compressed {
    std::vector<int64_t> ptr{0}, idx;
    std::vector<double> values;
};

Compressed compressed_of(const Ref &a, fl_sparse_format format, int64_t first, int64_t count) {
    Compressed c;
    for (int64_t o = first; o < first + count; ++o) {
        for (int64_t i = 0; i < a.rows; ++i) {
            const long double v = format == FL_SPARSE_CSR ? a(o, i) : a(i, o);
            if (v == 0) continue;
            c.idx.push_back(i);
            c.values.push_back(static_cast<double>(v));
        }
        c.ptr.push_back(static_cast<int64_t>(c.idx.size()));
    }
    return c;
}

// This rank's block of outer indices: the whole matrix on rank 0 when centralised, else
// n / size of them each.
std::pair<int64_t, int64_t> block_of(int64_t n, bool distributed) {
    if (!distributed) return {0, rank() == 0 ? n : 0};
    const int64_t first = n * rank() / size();
    return {first, n * (rank() + 1) / size() - first};
}

TEST(SparseFactor, CompressedRowsOrColumnsOnRootOrInBlocks) {
    ContextPtr c = make_context();
    const std::pair<fl_mpi_sparse_kind, Ref> kinds[] = {{FL_MPI_SPARSE_SPD, laplacian_ref(7)},
                                                        {FL_MPI_SPARSE_GENERAL, general(8)}};
    for (const auto &[kind, a] : kinds)
        for (fl_sparse_format format : {FL_SPARSE_CSR, FL_SPARSE_CSC})
            for (bool distributed : {false, true}) {
                const auto [first, count] = block_of(a.rows, distributed);
                Compressed m = compressed_of(a, format, first, count);
                fl_mpi_sparse_factor *raw = nullptr;
                expect_agreed(fl_mpi_sparse_factor_create_compressed(
                                  &raw, c.get(), kind, a.rows, distributed, format, first, count,
                                  m.ptr.data(), m.idx.data(), FL_FLOAT64, m.values.data()),
                              FL_OK);
                SparseFactorPtr f(raw);
                const Ref b = rounded<double>(random_ref(a.rows, 3, 41));
                const Ref x = sparse_solve(f.get(), b, FL_COL_MAJOR);
                EXPECT_LT(solve_residual(a, FL_NO_TRANS, x, b, eps<double>()), kResidualThreshold)
                    << "format " << format << (distributed ? " distributed" : " centralised");
                SparseFactorPtr from_triplets = sparse_factor(c.get(), kind, a, distributed);
                EXPECT_LT(
                    relative_difference(x, sparse_solve(from_triplets.get(), b, FL_COL_MAJOR)),
                    1e-12);
                // New values come in the arrays' order.
                for (double &v : m.values) v *= 4;
                expect_agreed(fl_mpi_sparse_factor_refactor(f.get(), FL_FLOAT64, m.values.data()),
                              FL_OK);
                Ref quarter = sparse_solve(f.get(), b, FL_COL_MAJOR);
                for (auto &v : quarter.v) v *= 4;
                EXPECT_LT(relative_difference(quarter, x), 1e-12);
            }
}

TEST(SparseFactor, CompressedArraysAreCheckedNamingTheArgument) {
    ContextPtr c = make_context();
    const Ref a = laplacian_ref(3);
    Compressed m = compressed_of(a, FL_SPARSE_CSR, 0, 9);
    fl_mpi_sparse_factor *f = nullptr;
    const auto create = [&](fl_sparse_format format, int64_t first, int64_t count,
                            const int64_t *ptr, const int64_t *idx) {
        return fl_mpi_sparse_factor_create_compressed(&f, c.get(), FL_MPI_SPARSE_SPD, 9, 0, format,
                                                      first, count, ptr, idx, FL_FLOAT64,
                                                      m.values.data());
    };
    expect_agreed(create(static_cast<fl_sparse_format>(7), 0, 9, m.ptr.data(), m.idx.data()),
                  FL_ERR_INVALID_ARGUMENT, "format = 7");
    expect_agreed(create(FL_SPARSE_CSR, -1, 9, m.ptr.data(), m.idx.data()), FL_ERR_INVALID_ARGUMENT,
                  "first = -1");
    expect_agreed(create(FL_SPARSE_CSR, 2, 9, m.ptr.data(), m.idx.data()), FL_ERR_INVALID_ARGUMENT,
                  "first = 2, count = 9: the block ends past");
    expect_agreed(create(FL_SPARSE_CSR, 0, 9, nullptr, m.idx.data()), FL_ERR_INVALID_ARGUMENT,
                  "ptr is NULL");
    expect_agreed(create(FL_SPARSE_CSR, 0, 9, m.ptr.data(), nullptr), FL_ERR_INVALID_ARGUMENT,
                  "idx is NULL");
    std::vector<int64_t> shifted = m.ptr;
    shifted[0] = 1;
    expect_agreed(create(FL_SPARSE_CSR, 0, 9, shifted.data(), m.idx.data()),
                  FL_ERR_INVALID_ARGUMENT, "ptr[0] = 1");
    std::vector<int64_t> decreasing = m.ptr;
    decreasing[2] = decreasing[1] - 1;
    expect_agreed(create(FL_SPARSE_CSC, 0, 9, decreasing.data(), m.idx.data()),
                  FL_ERR_INVALID_ARGUMENT,
                  "ptr[2] = " + std::to_string(decreasing[2]) + " is below ptr[1]");
    std::vector<int64_t> outside = m.idx;
    outside[4] = 9;
    expect_agreed(create(FL_SPARSE_CSR, 0, 9, m.ptr.data(), outside.data()),
                  FL_ERR_INVALID_ARGUMENT, "idx[4] = 9 lies outside [0, n = 9)");
    EXPECT_EQ(f, nullptr);
    // Distributed: the last rank's bad index fails every rank, naming that rank.
    const auto [first, count] = block_of(9, true);
    Compressed mine = compressed_of(a, FL_SPARSE_CSR, first, count);
    if (rank() == size() - 1) mine.idx.back() = -3;
    expect_agreed(fl_mpi_sparse_factor_create_compressed(
                      &f, c.get(), FL_MPI_SPARSE_SPD, 9, 1, FL_SPARSE_CSR, first, count,
                      mine.ptr.data(), mine.idx.data(), FL_FLOAT64, mine.values.data()),
                  FL_ERR_INVALID_ARGUMENT,
                  "= -3 lies outside [0, n = 9) [rank " + std::to_string(size() - 1) + "]");
    EXPECT_EQ(f, nullptr);
    EXPECT_EQ(fl_mpi_sparse_factor_create_compressed(nullptr, c.get(), FL_MPI_SPARSE_SPD, 9, 0,
                                                     FL_SPARSE_CSR, 0, 9, m.ptr.data(),
                                                     m.idx.data(), FL_FLOAT64, m.values.data()),
              FL_ERR_INVALID_ARGUMENT);
}

// This rank's rows for a distributed solve: g with (7 g) % size == rank, in descending
// order (any split and any order must do).
std::vector<int64_t> scattered_rows(int64_t n) {
    std::vector<int64_t> rows;
    for (int64_t g = n - 1; g >= 0; --g)
        if ((7 * g) % size() == rank()) rows.push_back(g);
    return rows;
}

TEST(SparseFactor, DistributedRightHandSidesComeBackInTheirRows) {
    ContextPtr c = make_context();
    const Ref a = general(9);
    const int64_t n = a.rows;
    const Ref b = rounded<double>(random_ref(n, 3, 51));
    for (bool distributed : {false, true}) {
        SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, a, distributed);
        const Ref expected = sparse_solve(f.get(), b, FL_COL_MAJOR);
        const std::vector<int64_t> rows = scattered_rows(n);
        const int64_t count = static_cast<int64_t>(rows.size());
        for (fl_layout layout : kLayouts) {
            Ref mine(count, 3);
            for (int64_t k = 0; k < count; ++k)
                for (int64_t j = 0; j < 3; ++j) mine(k, j) = b(rows[k], j);
            Matrix<double> bm = Matrix<double>::from_ref(mine, layout);
            Matrix<double> xm(count, 3, layout);
            expect_agreed(fl_mpi_sparse_factor_solve_distributed(f.get(), FL_FLOAT64, 3, count,
                                                                 rows.data(), layout, bm.data(),
                                                                 bm.ld(), xm.data(), xm.ld()),
                          FL_OK);
            // In place too.
            expect_agreed(fl_mpi_sparse_factor_solve_distributed(f.get(), FL_FLOAT64, 3, count,
                                                                 rows.data(), layout, bm.data(),
                                                                 bm.ld(), bm.data(), bm.ld()),
                          FL_OK);
            Ref want(count, 3);
            for (int64_t k = 0; k < count; ++k)
                for (int64_t j = 0; j < 3; ++j) want(k, j) = expected(rows[k], j);
            EXPECT_LT(relative_difference(xm.to_ref(), want), 1e-12);
            EXPECT_LT(relative_difference(bm.to_ref(), want), 1e-12);
        }
    }
    // float32 (smumps) takes the same path.
    SparseFactorPtr single =
        sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(6), true, FL_OK, "", FL_FLOAT32);
    const std::vector<int64_t> rows = scattered_rows(36);
    std::vector<float> ones(rows.size(), 1.0f);
    const int64_t count = static_cast<int64_t>(rows.size()), ld = std::max<int64_t>(1, count);
    expect_agreed(
        fl_mpi_sparse_factor_solve_distributed(single.get(), FL_FLOAT32, 1, count, rows.data(),
                                               FL_COL_MAJOR, ones.data(), ld, ones.data(), ld),
        FL_OK);
    for (float v : ones) EXPECT_GT(v, 0.0f);  // the inverse Laplacian is positive
}

TEST(SparseFactor, DistributedRightHandSidesNeedEveryRowOnce) {
    ContextPtr c = make_context();
    SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(3), true);
    std::vector<int64_t> rows = scattered_rows(9);
    std::vector<double> b(9 * 3, 1.0), x(9 * 3, 0.0);
    const auto solve_rows = [&](const std::vector<int64_t> &r) {
        return fl_mpi_sparse_factor_solve_distributed(f.get(), FL_FLOAT64, 2,
                                                      static_cast<int64_t>(r.size()), r.data(),
                                                      FL_ROW_MAJOR, b.data(), 2, x.data(), 2);
    };
    std::vector<int64_t> outside = rows;
    if (rank() == 0) outside[0] = 9;
    expect_agreed(solve_rows(outside), FL_ERR_INVALID_ARGUMENT, "rows[0] = 9 lies outside");
    std::vector<int64_t> missing = rows;
    if (rank() == 0) missing.pop_back();
    expect_agreed(solve_rows(missing), FL_ERR_INVALID_ARGUMENT, "hold 8 rows of B together");
    std::vector<int64_t> twice = rows;
    if (rank() == 0) twice[0] = twice[1];
    expect_agreed(solve_rows(twice), FL_ERR_INVALID_ARGUMENT, "of B is on rank 0 and on rank 0");
    expect_agreed(fl_mpi_sparse_factor_solve_distributed(
                      f.get(), FL_FLOAT64, rank() == 0 ? 2 : 3, static_cast<int64_t>(rows.size()),
                      rows.data(), FL_ROW_MAJOR, b.data(), 3, x.data(), 3),
                  size() > 1 ? FL_ERR_DIMENSION_MISMATCH : FL_OK,
                  size() > 1 ? "numbers of right-hand sides" : "");
    expect_agreed(fl_mpi_sparse_factor_solve_distributed(
                      f.get(), FL_FLOAT32, 2, static_cast<int64_t>(rows.size()), rows.data(),
                      FL_ROW_MAJOR, b.data(), 2, x.data(), 2),
                  FL_ERR_DTYPE_MISMATCH, "FL_FLOAT32");
    expect_agreed(fl_mpi_sparse_factor_solve_distributed(f.get(), FL_FLOAT64, 2,
                                                         static_cast<int64_t>(rows.size()), nullptr,
                                                         FL_ROW_MAJOR, b.data(), 2, x.data(), 2),
                  FL_ERR_INVALID_ARGUMENT, "rows is NULL");
    EXPECT_EQ(fl_mpi_sparse_factor_solve_distributed(nullptr, FL_FLOAT64, 1, 0, nullptr,
                                                     FL_ROW_MAJOR, nullptr, 1, nullptr, 1),
              FL_ERR_INVALID_ARGUMENT);
}

TEST(SparseFactor, InertiaOfSymmetricKindsMatchesEigenvalues) {
    ContextPtr c = make_context();
    const Ref a = symmetric_indefinite(7);
    SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_SYMMETRIC, a, true);
    int64_t pos = -1, neg = -1, zero = -1;
    ASSERT_EQ(fl_mpi_sparse_factor_inertia(f.get(), &pos, &neg, &zero), FL_OK)
        << fl_mpi_last_error();
    FactorPtr eigh;
    ASSERT_EQ(make_factor(eigh, FL_FACTOR_EIGH, Matrix<double>::from_ref(a, FL_COL_MAJOR)), FL_OK);
    int64_t epos = 0, eneg = 0, ezero = 0;
    ASSERT_EQ(fl_factor_inertia(eigh.get(), &epos, &eneg, &ezero), FL_OK);
    EXPECT_EQ(pos, epos);
    EXPECT_EQ(neg, eneg);
    EXPECT_EQ(zero, ezero);
    EXPECT_GT(neg, 0);
    SparseFactorPtr spd = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(5), false);
    ASSERT_EQ(fl_mpi_sparse_factor_inertia(spd.get(), &pos, &neg, &zero), FL_OK);
    EXPECT_EQ(pos, 25);
    EXPECT_EQ(neg, 0);
    SparseFactorPtr gen = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, general(4), false);
    EXPECT_EQ(fl_mpi_sparse_factor_inertia(gen.get(), &pos, &neg, &zero), FL_ERR_UNSUPPORTED);
}

TEST(SparseFactor, RefactorReusesTheAnalysisForNewValues) {
    ContextPtr c = make_context();
    for (bool distributed : {false, true}) {
        const Ref a = general(9);
        SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, a, distributed);
        // New values on the same pattern: A2 = 3 A + I's diagonal part.
        Ref a2 = a;
        for (auto &v : a2.v) v *= 3;
        for (int64_t i = 0; i < a.rows; ++i) a2(i, i) += 1;
        const Triplets t2 = triplets_of(a2, distributed);
        expect_agreed(fl_mpi_sparse_factor_refactor(f.get(), FL_FLOAT64, t2.values.data()), FL_OK);
        const Ref b = rounded<double>(random_ref(a.rows, 3, 9));
        EXPECT_LT(solve_residual(a2, FL_NO_TRANS, sparse_solve(f.get(), b, FL_COL_MAJOR), b,
                                 eps<double>()),
                  kResidualThreshold);
    }
}

TEST(SparseFactor, EmptyAndOneByOne) {
    ContextPtr c = make_context();
    SparseFactorPtr empty = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, Ref(0, 0), false);
    double sign = 0, logabs = 1;
    ASSERT_EQ(fl_mpi_sparse_factor_logdet(empty.get(), &sign, &logabs), FL_OK);
    EXPECT_EQ(sign, 1);
    EXPECT_EQ(logabs, 0);
    expect_agreed(fl_mpi_sparse_factor_solve(empty.get(), FL_FLOAT64, 2, FL_COL_MAJOR, nullptr, 1,
                                             nullptr, 1),
                  FL_OK);
    Ref one(1, 1);
    one(0, 0) = -4;
    SparseFactorPtr f = sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, one, false);
    Ref b(1, 1);
    b(0, 0) = 2;
    EXPECT_EQ(sparse_solve(f.get(), b, FL_ROW_MAJOR)(0, 0), -0.5L);
}

TEST(SparseFactor, ErrorsAreTranslatedAndAgreed) {
    ContextPtr c = make_context();
    Ref singular = laplacian_ref(4);
    for (int64_t j = 0; j < singular.cols; ++j) singular(3, j) = singular(j, 3) = 0;
    singular(3, 3) = 0;
    sparse_factor(c.get(), FL_MPI_SPARSE_GENERAL, singular, false, FL_ERR_SINGULAR, "singular");
    sparse_factor(c.get(), FL_MPI_SPARSE_SPD, symmetric_indefinite(5), true,
                  FL_ERR_NOT_POSITIVE_DEFINITE, "not positive definite");
    const int64_t bad_row = 99, col = 0;
    const double value = 1;
    fl_mpi_sparse_factor *f = nullptr;
    expect_agreed(
        fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_GENERAL, 10, 1, rank() == 0 ? 1 : 0,
                                    &bad_row, &col, FL_FLOAT64, &value),
        FL_ERR_INVALID_ARGUMENT, "triplet 0 at (99, 0)");
    expect_agreed(fl_mpi_sparse_factor_create(&f, c.get(), static_cast<fl_mpi_sparse_kind>(0), 10,
                                              0, 0, nullptr, nullptr, FL_FLOAT64, nullptr),
                  FL_ERR_INVALID_ARGUMENT, "kind = 0");
    if (size() > 1) {
        expect_agreed(fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_SPD, 10 + rank(), 0, 0,
                                                  nullptr, nullptr, FL_FLOAT64, nullptr),
                      FL_ERR_DIMENSION_MISMATCH, "orders");
    }
    expect_agreed(fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_SPD, 4, 0, 0, nullptr,
                                              nullptr, FL_COMPLEX64, nullptr),
                  FL_ERR_UNSUPPORTED, "FL_COMPLEX64");
    if (size() > 1) {
        expect_agreed(
            fl_mpi_sparse_factor_create(&f, c.get(), FL_MPI_SPARSE_SPD, 4, 0, 0, nullptr, nullptr,
                                        rank() == 0 ? FL_FLOAT32 : FL_FLOAT64, nullptr),
            FL_ERR_DIMENSION_MISMATCH, "dtypes");
    }
    EXPECT_EQ(f, nullptr);
    SparseFactorPtr good = sparse_factor(c.get(), FL_MPI_SPARSE_SPD, laplacian_ref(3), false);
    Matrix<double> b(9, 2, FL_COL_MAJOR), x(9, 2, FL_COL_MAJOR);
    expect_agreed(fl_mpi_sparse_factor_solve(good.get(), FL_FLOAT64, 2, FL_COL_MAJOR, b.data(), 4,
                                             x.data(), 9),
                  FL_ERR_INVALID_ARGUMENT, "ldb = 4");
    expect_agreed(fl_mpi_sparse_factor_solve(good.get(), FL_FLOAT64, -1, FL_COL_MAJOR, b.data(), 9,
                                             x.data(), 9),
                  FL_ERR_INVALID_ARGUMENT, "nrhs = -1");
    expect_agreed(fl_mpi_sparse_factor_refactor(good.get(), FL_FLOAT64, nullptr),
                  FL_ERR_INVALID_ARGUMENT, "values is NULL");
    EXPECT_EQ(
        fl_mpi_sparse_factor_solve(nullptr, FL_FLOAT64, 1, FL_COL_MAJOR, b.data(), 9, x.data(), 9),
        FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_sparse_factor_logdet(nullptr, nullptr, nullptr), FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_sparse_factor_inertia(nullptr, nullptr, nullptr, nullptr),
              FL_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(fl_mpi_sparse_factor_refactor(nullptr, FL_FLOAT64, nullptr), FL_ERR_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace fltest::mpi
