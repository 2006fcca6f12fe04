// fl_sparse: the canonical form (sorted, duplicates summed) seen through products,
// set_values, products in every layout against long double references, the seed's
// (I, J, N) case, empty matrices, and bad structure for every function.
#include "error_expect.hpp"
#include "sparse_support.hpp"

#include <cmath>

using namespace fltest;

namespace {

// max |Y - op(A) X| / (max_i sum_k |op(A)_ik| |X_kj| eps): the product's relative error per
// element, which rounding bounds by about the row length.
template <class T>
double product_error(const Ref &a, fl_transpose trans, const Matrix<T> &x, const Matrix<T> &y) {
    const Ref op = trans == FL_NO_TRANS ? a : transpose(a);
    double worst = 0;
    for (int64_t j = 0; j < x.cols(); ++j)
        for (int64_t i = 0; i < op.rows; ++i) {
            long double exact = 0, scale = 0;
            for (int64_t k = 0; k < op.cols; ++k) {
                exact += op(i, k) * static_cast<long double>(x(k, j));
                scale += std::fabs(op(i, k) * static_cast<long double>(x(k, j)));
            }
            const long double err = std::fabs(static_cast<long double>(y(i, j)) - exact);
            worst = std::max(worst, scale > 0 ? ratio(err, scale * eps<T>()) : double(err));
        }
    return worst;
}

template <class T>
fl_status multiply(const fl_sparse *s, fl_transpose trans, const Matrix<T> &x, Matrix<T> &y) {
    return fl_sparse_multiply(s, trans, Dtype<T>::value, x.cols(), x.layout(), x.data(), x.ld(),
                              y.layout(), y.data(), y.ld());
}

FLTEST_TYPED_SUITE(SparseProduct);

TYPED_TEST(SparseProduct, EveryFormatIndexTypeLayoutAndTranspose) {
    using T = TypeParam;
    const Ref a = sparse_random_ref(37, 23, 0.15, 7);
    for (fl_sparse_format format : {FL_SPARSE_CSC, FL_SPARSE_CSR})
        for (int wide : {0, 1}) {
            SparsePtr s =
                wide ? make_sparse<T, int64_t>(a, format) : make_sparse<T, int32_t>(a, format);
            ASSERT_TRUE(s);
            for (fl_transpose trans : kTransposes)
                for (fl_layout xl : kLayouts)
                    for (fl_layout yl : kLayouts)
                        for (int64_t k : {1, 5, 300}) {
                            SCOPED_TRACE(std::string(trans_name(trans)) + " x " + layout_name(xl) +
                                         " y " + layout_name(yl) + " k " + std::to_string(k));
                            const int64_t inner = trans == FL_NO_TRANS ? a.cols : a.rows;
                            const int64_t outer = trans == FL_NO_TRANS ? a.rows : a.cols;
                            const Matrix<T> x = Matrix<T>::from_ref(random_ref(inner, k, 3), xl, 2);
                            Matrix<T> y(outer, k, yl, 3);
                            ASSERT_EQ(multiply(s.get(), trans, x, y), FL_OK) << fl_last_error();
                            EXPECT_LT(product_error(a, trans, x, y), 4.0 * double(inner));
                            for (size_t e = 0; e < y.storage().size(); ++e)
                                if (y.is_padding(e)) {
                                    ASSERT_TRUE(std::isnan(y.storage()[e])) << "padding written";
                                }
                        }
        }
}

// Unsorted rows and repeated entries, CSC and CSR: the matrix is their sum.
TYPED_TEST(SparseProduct, DuplicatesAreSummedAndUnsortedIndicesSorted) {
    using T = TypeParam;
    // A = [[1, 0, 5], [2, 7, 0]] as CSC, column 0 given as rows (1, 0, 1) = (1.5, 1, 0.5).
    const std::vector<int32_t> ptr{0, 3, 4, 6};
    const std::vector<int32_t> idx{1, 0, 1, 1, 0, 0};
    const std::vector<T> val{T(1.5), 1, T(0.5), 7, 2, 3};
    fl_sparse *raw = nullptr;
    ASSERT_EQ(fl_sparse_create(&raw, FL_SPARSE_CSC, FL_INDEX_INT32, Dtype<T>::value, 2, 3,
                               ptr.data(), idx.data(), val.data()),
              FL_OK);
    SparsePtr s(raw);
    int64_t rows = 0, cols = 0, nnz = 0;
    ASSERT_EQ(fl_sparse_shape(s.get(), &rows, &cols, &nnz), FL_OK);
    EXPECT_EQ(rows, 2);
    EXPECT_EQ(cols, 3);
    EXPECT_EQ(nnz, 4);
    Ref eye(3, 3);
    for (int i = 0; i < 3; ++i) eye(i, i) = 1;
    const Matrix<T> x = Matrix<T>::from_ref(eye, FL_COL_MAJOR);
    Matrix<T> y(2, 3, FL_ROW_MAJOR);
    ASSERT_EQ(multiply(s.get(), FL_NO_TRANS, x, y), FL_OK);
    const T want[2][3] = {{1, 0, 5}, {2, 7, 0}};
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j) EXPECT_EQ(y(i, j), want[i][j]) << i << "," << j;

    // New values in the input's order, duplicates summed again: column 0 = (4, 2 + 1).
    const std::vector<double> fresh{2, 4, 1, -7, 2, 3};
    ASSERT_EQ(fl_sparse_set_values(s.get(), FL_FLOAT64, fresh.data()), FL_OK);
    ASSERT_EQ(multiply(s.get(), FL_NO_TRANS, x, y), FL_OK);
    EXPECT_EQ(y(0, 0), 4);
    EXPECT_EQ(y(1, 0), 3);
    EXPECT_EQ(y(1, 1), -7);
    EXPECT_EQ(y(0, 2), 5);
}

// The seed: W[i, j, :] = A V[i, j, :] for a row-major (I, J, N) V, as one column-major
// product with no reshaped copy. Densities 1/N and 3/N take the two column-major kernels
// (the flat loop below 2 entries per row, gather-dots above).
TYPED_TEST(SparseProduct, SeedLastAxisProduct) {
    for (double per_row : {1.0, 3.0}) {
        SCOPED_TRACE(per_row);
        using T = TypeParam;
        const int64_t I = 6, J = 9, N = 40, M = 31;
        const Ref a = sparse_random_ref(M, N, per_row / N, 11);
        SparsePtr s = make_sparse<T>(a, FL_SPARSE_CSR);
        const Ref vr = random_ref(N, I * J, 5);  // column (i J + j) is V[i, j, :]
        const Matrix<T> v = Matrix<T>::from_ref(vr, FL_COL_MAJOR);
        Matrix<T> w(M, I * J, FL_COL_MAJOR);
        ASSERT_EQ(fl_sparse_multiply(s.get(), FL_NO_TRANS, Dtype<T>::value, I * J, FL_COL_MAJOR,
                                     v.data(), N, FL_COL_MAJOR, w.data(), M),
                  FL_OK);
        EXPECT_LT(product_error(a, FL_NO_TRANS, v, w), 4.0 * N);
        // Element W[i, j, m] of the row-major output sits at (i J + j) M + m.
        const T *flat = w.data();
        long double exact = 0;
        for (int64_t n = 0; n < N; ++n)
            exact += a(3, n) * static_cast<long double>(v(n, 2 * J + 4));
        EXPECT_NEAR(double(flat[(2 * J + 4) * M + 3]), double(exact), 1e-5);
    }
}

TYPED_TEST(SparseProduct, EmptyShapesAndNoEntries) {
    using T = TypeParam;
    for (auto [r, c] : {std::pair<int64_t, int64_t>{0, 0}, {0, 4}, {4, 0}, {3, 5}}) {
        SCOPED_TRACE(std::to_string(r) + " x " + std::to_string(c));
        SparsePtr s = make_sparse<T>(Ref(r, c));  // no entries at all
        ASSERT_TRUE(s);
        Matrix<T> x = Matrix<T>::from_ref(random_ref(c, 2, 1), FL_ROW_MAJOR);
        Matrix<T> y(r, 2, FL_COL_MAJOR);
        y.fill(T(9));
        ASSERT_EQ(multiply(s.get(), FL_NO_TRANS, x, y), FL_OK) << fl_last_error();
        for (int64_t i = 0; i < r; ++i) EXPECT_EQ(y(i, 1), T(0));
        EXPECT_EQ(fl_sparse_multiply(s.get(), FL_NO_TRANS, Dtype<T>::value, 0, FL_COL_MAJOR,
                                     nullptr, std::max<int64_t>(c, 1), FL_COL_MAJOR, nullptr,
                                     std::max<int64_t>(r, 1)),
                  FL_OK);
    }
}

// Enough columns for the product to split across threads: same result as one thread.
TEST(SparseProduct, ThreadedProductMatchesSerial) {
    for (double density : {0.003, 0.02}) {
        const Ref a = sparse_random_ref(200, 150, density, 4);
        SparsePtr s = make_sparse<double>(a);
        const Matrix<double> x = Matrix<double>::from_ref(random_ref(150, 3000, 2), FL_COL_MAJOR);
        Matrix<double> y1(200, 3000, FL_COL_MAJOR), y2(200, 3000, FL_COL_MAJOR);
        const int threads = fl_get_num_threads();
        ASSERT_EQ(fl_set_num_threads(1), FL_OK);
        ASSERT_EQ(multiply(s.get(), FL_NO_TRANS, x, y1), FL_OK);
        ASSERT_EQ(fl_set_num_threads(4), FL_OK);
        ASSERT_EQ(multiply(s.get(), FL_NO_TRANS, x, y2), FL_OK);
        ASSERT_EQ(fl_set_num_threads(threads), FL_OK);
        EXPECT_TRUE(y1.bitwise_equal(y2));
    }
}

// ---- bad input -----------------------------------------------------------------------------

struct Arrays {
    std::vector<int64_t> ptr{0, 2, 3};
    std::vector<int64_t> idx{0, 2, 1};
    std::vector<double> val{1, 2, 3};
    fl_status create(fl_sparse **out, int64_t rows = 3, int64_t cols = 2) {
        return fl_sparse_create(out, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, rows, cols,
                                ptr.data(), idx.data(), val.data());
    }
};

TEST(SparseErrors, CreateNamesTheArgumentAndTheFirstBadEntry) {
    Arrays a;
    fl_sparse *s = reinterpret_cast<fl_sparse *>(uintptr_t{0x10});
    EXPECT_ERROR(fl_sparse_create(nullptr, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 3, 2,
                                  a.ptr.data(), a.idx.data(), a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "sparse is NULL");
    EXPECT_ERROR(fl_sparse_create(&s, static_cast<fl_sparse_format>(7), FL_INDEX_INT64, FL_FLOAT64,
                                  3, 2, a.ptr.data(), a.idx.data(), a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "format = 7");
    EXPECT_EQ(s, nullptr);
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, static_cast<fl_index_type>(0), FL_FLOAT64, 3,
                                  2, a.ptr.data(), a.idx.data(), a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "index_type = 0");
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, static_cast<fl_dtype>(5), 3, 2,
                                  a.ptr.data(), a.idx.data(), a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "dtype = 5");
    EXPECT_ERROR(a.create(&s, -1, 2), FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "rows = -1");
    EXPECT_ERROR(a.create(&s, 3, -2), FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "cols = -2");
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 3, 2, nullptr,
                                  a.idx.data(), a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "ptr is NULL");
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 3, 2, a.ptr.data(),
                                  nullptr, a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "idx is NULL");
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 3, 2, a.ptr.data(),
                                  a.idx.data(), nullptr),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "values is NULL");
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT32, FL_FLOAT64, int64_t{1} << 32,
                                  2, a.ptr.data(), a.idx.data(), a.val.data()),
                 FL_ERR_TOO_LARGE, "fl_sparse_create", "32-bit");

    Arrays first;
    first.ptr[0] = 1;
    EXPECT_ERROR(first.create(&s), FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "ptr[0] = 1");
    Arrays decreasing;
    decreasing.ptr = {0, 2, 1};
    EXPECT_ERROR(decreasing.create(&s), FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "ptr[2] = 1",
                 "ptr[1] = 2");
    Arrays range;
    range.idx[2] = 3;
    EXPECT_ERROR(range.create(&s), FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "idx[2] = 3",
                 "column 1", "[0, 3)");
    range.idx[2] = -1;
    EXPECT_ERROR(range.create(&s), FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "idx[2] = -1");
    Arrays nan;
    nan.val[1] = std::nan("");
    EXPECT_ERROR(nan.create(&s), FL_ERR_NON_FINITE, "fl_sparse_create", "values[1] is nan");
    nan.val[1] = INFINITY;
    EXPECT_ERROR(nan.create(&s), FL_ERR_NON_FINITE, "fl_sparse_create", "values[1] is inf");
    EXPECT_EQ(s, nullptr);
    // CSR names rows.
    Arrays csr;
    csr.idx[0] = 5;
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSR, FL_INDEX_INT64, FL_FLOAT64, 2, 3,
                                  csr.ptr.data(), csr.idx.data(), csr.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_create", "idx[0] = 5", "row 0");
    // No entries: idx and values may be NULL.
    const int64_t zero_ptr[3] = {0, 0, 0};
    EXPECT_ERROR(fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, 4, 2, zero_ptr,
                                  nullptr, nullptr),
                 FL_OK, "");
    fl_sparse_destroy(s);
    fl_sparse_destroy(nullptr);
}

TEST(SparseErrors, SetValuesShapeAndMultiply) {
    Arrays a;
    fl_sparse *raw = nullptr;
    ASSERT_EQ(a.create(&raw), FL_OK);
    SparsePtr s(raw);
    EXPECT_ERROR(fl_sparse_set_values(nullptr, FL_FLOAT64, a.val.data()), FL_ERR_INVALID_ARGUMENT,
                 "fl_sparse_set_values", "sparse is NULL");
    EXPECT_ERROR(fl_sparse_set_values(s.get(), FL_FLOAT64, nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_sparse_set_values", "values is NULL");
    EXPECT_ERROR(fl_sparse_set_values(s.get(), static_cast<fl_dtype>(9), a.val.data()),
                 FL_ERR_INVALID_ARGUMENT, "fl_sparse_set_values", "dtype = 9");
    const std::vector<double> bad{1, std::nan(""), 3};
    EXPECT_ERROR(fl_sparse_set_values(s.get(), FL_FLOAT64, bad.data()), FL_ERR_NON_FINITE,
                 "fl_sparse_set_values", "values[1] is nan");
    EXPECT_ERROR(fl_sparse_shape(nullptr, nullptr, nullptr, nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_sparse_shape", "sparse is NULL");
    EXPECT_ERROR(fl_sparse_shape(s.get(), nullptr, nullptr, nullptr), FL_OK, "");

    // The old values survived the failed set_values: A = [[1, 0], [0, 3], [2, 0]].
    Matrix<double> x(2, 1, FL_COL_MAJOR), y(3, 1, FL_COL_MAJOR);
    x(0, 0) = 1;
    x(1, 0) = 1;
    ASSERT_EQ(multiply(s.get(), FL_NO_TRANS, x, y), FL_OK);
    EXPECT_EQ(y(0, 0), 1);
    EXPECT_EQ(y(1, 0), 3);
    EXPECT_EQ(y(2, 0), 2);

    const char *f = "fl_sparse_multiply";
    double *xp = x.data(), *yp = y.data();
    EXPECT_ERROR(fl_sparse_multiply(nullptr, FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, xp, 2,
                                    FL_COL_MAJOR, yp, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "sparse is NULL");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), static_cast<fl_transpose>(4), FL_FLOAT64, 1,
                                    FL_COL_MAJOR, xp, 2, FL_COL_MAJOR, yp, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "trans = 4");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT32, 1, FL_COL_MAJOR, xp, 2,
                                    FL_COL_MAJOR, yp, 3),
                 FL_ERR_DTYPE_MISMATCH, f, "FL_FLOAT32");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, -1, FL_COL_MAJOR, xp, 2,
                                    FL_COL_MAJOR, yp, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "ncols = -1");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, xp, 1,
                                    FL_COL_MAJOR, yp, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "ldx = 1");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, xp, 2,
                                    FL_COL_MAJOR, yp, 2),
                 FL_ERR_INVALID_ARGUMENT, f, "ldy = 2");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, static_cast<fl_layout>(0),
                                    xp, 2, FL_COL_MAJOR, yp, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "x's layout");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, nullptr, 2,
                                    FL_COL_MAJOR, yp, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "x is NULL");
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR, xp, 2,
                                    FL_COL_MAJOR, nullptr, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "y is NULL");
    std::vector<double> shared(8, 1.0);
    EXPECT_ERROR(fl_sparse_multiply(s.get(), FL_NO_TRANS, FL_FLOAT64, 1, FL_COL_MAJOR,
                                    shared.data(), 2, FL_COL_MAJOR, shared.data() + 1, 3),
                 FL_ERR_INVALID_ARGUMENT, f, "overlap");
}

}  // namespace
