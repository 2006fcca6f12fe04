// vecb, vech and the commutation and duplication matrices against their definitions: each
// is a reshape or an index map, so results must be exact (D^+ up to its halves, which are
// exact too). Applied forms are checked against products with the materialised matrices,
// and those against the defining identities K vec(A) = vec(A^T), D vech(S) = vec(S),
// D^+ vec(S) = vech(S), D^+ D = I.
#include "error_expect.hpp"

namespace fltest {
namespace {

FLTEST_TYPED_SUITE(MatrixCalculus);

#define FLTEST_M(x) (x).layout(), (x).data(), (x).ld()

// vec(A) as an (rows cols)-by-1 Ref.
Ref vec_of(const Ref &a) {
    Ref v(a.rows * a.cols, 1);
    for (int64_t j = 0; j < a.cols; ++j)
        for (int64_t i = 0; i < a.rows; ++i) v(i + j * a.rows, 0) = a(i, j);
    return v;
}

Ref vech_of(const Ref &a) {
    Ref v(a.rows * (a.rows + 1) / 2, 1);
    int64_t h = 0;
    for (int64_t j = 0; j < a.cols; ++j)
        for (int64_t i = j; i < a.rows; ++i) v(h++, 0) = a(i, j);
    return v;
}

template <class T>
void expect_equal(const Matrix<T> &got, const Ref &want) {
    ASSERT_EQ(got.rows(), want.rows);
    ASSERT_EQ(got.cols(), want.cols);
    for (int64_t i = 0; i < want.rows; ++i)
        for (int64_t j = 0; j < want.cols; ++j)
            ASSERT_EQ(static_cast<long double>(got(i, j)), want(i, j))
                << "(" << i << ", " << j << ")";
}

TYPED_TEST(MatrixCalculus, VecbEveryBlockShape) {
    using T = TypeParam;
    struct Case {
        int64_t rows, cols, n1, n2;
    };
    for (const Case c : {Case{6, 8, 2, 4}, Case{6, 8, 6, 8}, Case{6, 8, 1, 1}, Case{6, 8, 3, 8},
                         Case{0, 4, 2, 2}, Case{1, 1, 1, 1}, Case{5, 3, 5, 1}})
        for (fl_layout xl : kLayouts)
            for (fl_layout ol : kLayouts) {
                SCOPED_TRACE(std::to_string(c.rows) + "x" + std::to_string(c.cols) + " blocks " +
                             std::to_string(c.n1) + "x" + std::to_string(c.n2) + " " +
                             layout_name(xl) + " -> " + layout_name(ol));
                const Ref x = rounded<T>(random_ref(c.rows, c.cols, 1));
                const int64_t l1 = c.rows / c.n1, l2 = c.cols / c.n2;
                Ref want(l1 * l2, c.n1 * c.n2);
                for (int64_t i = 0; i < l1; ++i)
                    for (int64_t j = 0; j < l2; ++j)
                        for (int64_t r = 0; r < c.n2; ++r)
                            for (int64_t p = 0; p < c.n1; ++p)
                                want(i * l2 + j, p + r * c.n1) = x(i * c.n1 + p, j * c.n2 + r);
                const Matrix<T> m = Matrix<T>::from_ref(x, xl, 1);
                Matrix<T> out(want.rows, want.cols, ol, 2);
                const Matrix<T> before = out;
                ASSERT_EQ(fl_vecb(Dtype<T>::value, c.rows, c.cols, c.n1, c.n2, FLTEST_M(m),
                                  FLTEST_M(out)),
                          FL_OK)
                    << fl_last_error();
                expect_equal(out, want);
                EXPECT_TRUE(out.padding_equal(before));
            }
}

TYPED_TEST(MatrixCalculus, VecbOfOneBlockIsVec) {
    using T = TypeParam;
    const Ref x = rounded<T>(random_ref(5, 3, 2));
    const Matrix<T> m = Matrix<T>::from_ref(x, FL_ROW_MAJOR);
    Matrix<T> out(15, 1, FL_COL_MAJOR);  // the 1-by-15 row, ld 1... read as the 15-vector
    ASSERT_EQ(fl_vecb(Dtype<T>::value, 5, 3, 5, 3, FLTEST_M(m), FL_ROW_MAJOR, out.data(), 15),
              FL_OK);
    expect_equal(out, vec_of(x));
}

TYPED_TEST(MatrixCalculus, VechReadsTheLowerTriangleOnly) {
    using T = TypeParam;
    for (int64_t n : {0, 1, 2, 5})
        for (fl_layout l : kLayouts) {
            const Ref x = rounded<T>(random_ref(n, n, 3));
            Matrix<T> m = Matrix<T>::from_ref(x, l, 1);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = i + 1; j < n; ++j) m(i, j) = std::numeric_limits<T>::quiet_NaN();
            Matrix<T> out(n * (n + 1) / 2, 1, FL_COL_MAJOR);
            ASSERT_EQ(fl_vech(Dtype<T>::value, n, FLTEST_M(m), out.data()), FL_OK)
                << fl_last_error();
            expect_equal(out, vech_of(x));
        }
}

TYPED_TEST(MatrixCalculus, CommutationMatrixMapsVecToVecOfTranspose) {
    using T = TypeParam;
    for (auto [m, n] : {std::pair<int64_t, int64_t>{3, 2}, {1, 4}, {4, 4}, {0, 3}, {1, 1}})
        for (fl_layout l : kLayouts) {
            Matrix<T> k(m * n, m * n, l, 1);
            ASSERT_EQ(fl_commutation_matrix(Dtype<T>::value, m, n, FLTEST_M(k)), FL_OK)
                << fl_last_error();
            const Ref a = rounded<T>(random_ref(m, n, 4));
            expect_equal(Matrix<T>::from_ref(multiply(k.to_ref(), vec_of(a)), FL_COL_MAJOR),
                         vec_of(transpose(a)));
        }
}

TYPED_TEST(MatrixCalculus, CommutationApplyIsTheProductWithK) {
    using T = TypeParam;
    for (auto [m, n] : {std::pair<int64_t, int64_t>{3, 2}, {2, 5}, {1, 3}, {0, 2}})
        for (int64_t ncols : {1, 4, 0})
            for (fl_layout xl : kLayouts)
                for (fl_layout ol : kLayouts) {
                    Matrix<T> k(m * n, m * n, FL_COL_MAJOR);
                    ASSERT_EQ(fl_commutation_matrix(Dtype<T>::value, m, n, FLTEST_M(k)), FL_OK);
                    const Ref x = rounded<T>(random_ref(m * n, ncols, 5));
                    const Matrix<T> xm = Matrix<T>::from_ref(x, xl, 1);
                    Matrix<T> out(m * n, ncols, ol, 1);
                    const Matrix<T> before = out;
                    ASSERT_EQ(fl_commutation_apply(Dtype<T>::value, m, n, ncols, FLTEST_M(xm),
                                                   FLTEST_M(out)),
                              FL_OK)
                        << fl_last_error();
                    expect_equal(out, multiply(k.to_ref(), x));
                    EXPECT_TRUE(out.padding_equal(before));
                }
}

TYPED_TEST(MatrixCalculus, DuplicationMatrixAndItsPseudoInverse) {
    using T = TypeParam;
    for (int64_t n : {0, 1, 2, 4})
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE("n " + std::to_string(n) + " " + layout_name(l));
            const int64_t half = n * (n + 1) / 2;
            Matrix<T> d(n * n, half, l, 1), p(half, n * n, l, 1);
            ASSERT_EQ(fl_duplication_matrix(Dtype<T>::value, n, 0, FLTEST_M(d)), FL_OK)
                << fl_last_error();
            ASSERT_EQ(fl_duplication_matrix(Dtype<T>::value, n, 1, FLTEST_M(p)), FL_OK)
                << fl_last_error();
            Ref s = rounded<T>(random_ref(n, n, 6));
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < i; ++j) s(j, i) = s(i, j);
            expect_equal(Matrix<T>::from_ref(multiply(d.to_ref(), vech_of(s)), FL_COL_MAJOR),
                         vec_of(s));
            expect_equal(Matrix<T>::from_ref(multiply(p.to_ref(), vec_of(s)), FL_COL_MAJOR),
                         vech_of(s));
            expect_equal(Matrix<T>::from_ref(multiply(p.to_ref(), d.to_ref()), FL_COL_MAJOR),
                         identity_ref(half));
            // D^+ = (D^T D)^-1 D^T: D^T D is diagonal, so D^T D D^+ = D^T.
            const Ref dt = transpose(d.to_ref());
            expect_equal(
                Matrix<T>::from_ref(multiply(multiply(dt, d.to_ref()), p.to_ref()), FL_COL_MAJOR),
                dt);
        }
}

TYPED_TEST(MatrixCalculus, DuplicationApplyIsTheProductWithEachOperator) {
    using T = TypeParam;
    for (int64_t n : {0, 1, 3})
        for (int pinv : {0, 1})
            for (fl_transpose tr : kTransposes)
                for (fl_layout xl : kLayouts)
                    for (fl_layout ol : kLayouts) {
                        SCOPED_TRACE("n " + std::to_string(n) + " pinv " + std::to_string(pinv) +
                                     " " + trans_name(tr) + " " + layout_name(xl) + " -> " +
                                     layout_name(ol));
                        const int64_t half = n * (n + 1) / 2;
                        Matrix<T> mat(pinv ? half : n * n, pinv ? n * n : half, FL_COL_MAJOR);
                        ASSERT_EQ(fl_duplication_matrix(Dtype<T>::value, n, pinv, FLTEST_M(mat)),
                                  FL_OK);
                        const Ref op = tr == FL_TRANS ? transpose(mat.to_ref()) : mat.to_ref();
                        const Ref x = rounded<T>(random_ref(op.cols, 3, 7));
                        const Matrix<T> xm = Matrix<T>::from_ref(x, xl, 2);
                        Matrix<T> out(op.rows, 3, ol, 1);
                        ASSERT_EQ(fl_duplication_apply(Dtype<T>::value, n, pinv, tr, 3,
                                                       FLTEST_M(xm), FLTEST_M(out)),
                                  FL_OK)
                            << fl_last_error();
                        expect_equal(out, rounded<T>(multiply(op, x)));
                    }
}

// ---- Bad arguments -----------------------------------------------------------------------

TEST(MatrixCalculusErrors, EveryFunction) {
    std::vector<double> x(64, 1.0), out(64, 0.0);
    const fl_layout C = FL_COL_MAJOR;
    EXPECT_ERROR(fl_vecb(FL_FLOAT64, 6, 8, 4, 2, C, x.data(), 6, C, out.data(), 8),
                 FL_ERR_INVALID_ARGUMENT, "fl_vecb", "n1 = 4", "rows = 6");
    EXPECT_ERROR(fl_vecb(FL_FLOAT64, 6, 8, 2, 0, C, x.data(), 6, C, out.data(), 8),
                 FL_ERR_INVALID_ARGUMENT, "fl_vecb", "n2 = 0");
    EXPECT_ERROR(fl_vecb(FL_FLOAT64, 6, 8, 2, 2, C, x.data(), 5, C, out.data(), 12),
                 FL_ERR_INVALID_ARGUMENT, "fl_vecb", "ldx = 5");
    EXPECT_ERROR(fl_vecb(FL_FLOAT64, 2, 2, 1, 1, C, x.data(), 2, C, x.data() + 2, 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_vecb", "out and x overlap");
    EXPECT_ERROR(fl_vech(FL_FLOAT64, -1, C, x.data(), 1, out.data()), FL_ERR_INVALID_ARGUMENT,
                 "fl_vech", "n = -1");
    EXPECT_ERROR(fl_vech(FL_FLOAT64, 3, C, x.data(), 3, nullptr), FL_ERR_INVALID_ARGUMENT,
                 "fl_vech", "out is NULL");
    EXPECT_ERROR(fl_vech(fl_dtype(5), 3, C, x.data(), 3, out.data()), FL_ERR_INVALID_ARGUMENT,
                 "fl_vech", "dtype");
    EXPECT_ERROR(fl_commutation_apply(FL_FLOAT64, 2, -3, 1, C, x.data(), 6, C, out.data(), 6),
                 FL_ERR_INVALID_ARGUMENT, "fl_commutation_apply", "m n");
    EXPECT_ERROR(fl_commutation_apply(FL_FLOAT64, 2, 3, 2, C, x.data(), 5, C, out.data(), 6),
                 FL_ERR_INVALID_ARGUMENT, "fl_commutation_apply", "ldx = 5");
    EXPECT_ERROR(
        fl_commutation_apply(FL_FLOAT64, 2, 3, 2, fl_layout(0), x.data(), 6, C, out.data(), 6),
        FL_ERR_INVALID_ARGUMENT, "fl_commutation_apply", "x's layout = 0");
    EXPECT_ERROR(fl_commutation_apply(FL_FLOAT64, 2, 3, 2, C, x.data(), 6, C, x.data() + 6, 6),
                 FL_ERR_INVALID_ARGUMENT, "fl_commutation_apply", "out and x overlap");
    EXPECT_ERROR(fl_commutation_matrix(FL_FLOAT64, 1 << 16, 1 << 16, C, out.data(), 1),
                 FL_ERR_TOO_LARGE, "fl_commutation_matrix", "m n");
    EXPECT_ERROR(fl_commutation_matrix(FL_FLOAT64, 2, 3, C, nullptr, 6), FL_ERR_INVALID_ARGUMENT,
                 "fl_commutation_matrix", "out is NULL");
    EXPECT_ERROR(
        fl_duplication_apply(FL_FLOAT64, 3, 2, FL_NO_TRANS, 1, C, x.data(), 6, C, out.data(), 9),
        FL_ERR_INVALID_ARGUMENT, "fl_duplication_apply", "pinv = 2");
    EXPECT_ERROR(fl_duplication_apply(FL_FLOAT64, 3, 0, fl_transpose(0), 1, C, x.data(), 6, C,
                                      out.data(), 9),
                 FL_ERR_INVALID_ARGUMENT, "fl_duplication_apply", "trans = 0");
    // D(3) X needs X with n(n+1)/2 = 6 rows: ldx = 5 is too small.
    EXPECT_ERROR(
        fl_duplication_apply(FL_FLOAT64, 3, 0, FL_NO_TRANS, 2, C, x.data(), 5, C, out.data(), 9),
        FL_ERR_INVALID_ARGUMENT, "fl_duplication_apply", "ldx = 5");
    EXPECT_ERROR(
        fl_duplication_apply(FL_FLOAT64, 3, 1, FL_NO_TRANS, 2, C, x.data(), 9, C, out.data(), 5),
        FL_ERR_INVALID_ARGUMENT, "fl_duplication_apply", "ldout = 5");
    EXPECT_ERROR(fl_duplication_matrix(FL_FLOAT64, -2, 0, C, out.data(), 4),
                 FL_ERR_INVALID_ARGUMENT, "fl_duplication_matrix", "n n");
    EXPECT_ERROR(fl_duplication_matrix(FL_FLOAT64, 3, -1, C, out.data(), 9),
                 FL_ERR_INVALID_ARGUMENT, "fl_duplication_matrix", "pinv = -1");
    EXPECT_ERROR(fl_duplication_matrix(FL_FLOAT64, 3, 0, C, out.data(), 8), FL_ERR_INVALID_ARGUMENT,
                 "fl_duplication_matrix", "ldout = 8");
}

}  // namespace
}  // namespace fltest
