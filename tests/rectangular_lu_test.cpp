// Rectangular LU (issue 15 item 4): FL_FACTOR_LU of an m-by-n A with m != n is getrf's
// P A = L U, L m-by-k unit lower trapezoidal, U k-by-n upper trapezoidal, k = min(m, n), as
// scipy.linalg.lu gives it. Checked for float32, float64, complex64 and complex128, A and
// the parts in both layouts: the structure of every part, the pivots against the row
// permutation, and LAPACK's reconstruction residual ||P^T A - L U||_1 / (||A||_1 max(m, n)
// eps) < 30 in long double complex; empty, 1 x n, m x 1, rank-deficient and
// ill-conditioned A; save/load; and every call such a factor refuses.
#include <algorithm>
#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "complex_support.hpp"
#include "error_expect.hpp"

namespace {

using complextest::Handle;
using complextest::one_norm;
using complextest::product;
using complextest::Z;
using complextest::ZRef;
using fltest::kLayouts;
using fltest::kResidualThreshold;

template <class T>
constexpr bool is_complex = !std::is_floating_point_v<T>;

template <class T>
constexpr fl_dtype dtype_of() {
    if constexpr (std::is_same_v<T, float>) return FL_FLOAT32;
    if constexpr (std::is_same_v<T, double>) return FL_FLOAT64;
    if constexpr (std::is_same_v<T, std::complex<float>>) return FL_COMPLEX64;
    return FL_COMPLEX128;
}

template <class T>
Z to_z(T x) {
    if constexpr (is_complex<T>)
        return Z(x.real(), x.imag());
    else
        return Z(x);
}

template <class T>
T from_z(Z z) {
    if constexpr (is_complex<T>)
        return T(typename T::value_type(z.real()), typename T::value_type(z.imag()));
    else
        return T(z.real());
}

// The matrix the library sees: each element rounded to T (real types keep the real part).
template <class T>
ZRef rounded(const ZRef &a) {
    ZRef r = a;
    for (Z &z : r.v) z = to_z(from_z<T>(z));
    return r;
}

// A caller's matrix of T in either layout, one element of padding per line holding a
// sentinel that the library must neither read as data nor overwrite.
template <class T>
struct Caller {
    static constexpr double sentinel = -777.0;
    int64_t rows, cols, ld;
    fl_layout layout;
    std::vector<T> data;
    Caller(int64_t r, int64_t c, fl_layout l)
        : rows(r),
          cols(c),
          ld((l == FL_COL_MAJOR ? r : c) + 1),
          layout(l),
          data(size_t(ld * (l == FL_COL_MAJOR ? c : r)) + 1, T(sentinel)) {}
    size_t at(int64_t i, int64_t j) const {
        return size_t(layout == FL_COL_MAJOR ? i + j * ld : i * ld + j);
    }
    static Caller from(const ZRef &a, fl_layout l) {
        Caller m(a.rows, a.cols, l);
        for (int64_t i = 0; i < a.rows; ++i)
            for (int64_t j = 0; j < a.cols; ++j) m.data[m.at(i, j)] = from_z<T>(a(i, j));
        return m;
    }
    ZRef ref() const {
        ZRef r(rows, cols);
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j) r(i, j) = to_z(data[at(i, j)]);
        return r;
    }
    // Whether every element outside the matrix still holds the sentinel.
    bool padding_kept() const {
        size_t inside = 0;
        for (const T &x : data) inside += x != T(sentinel);
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j) inside -= data[at(i, j)] != T(sentinel);
        return inside == 0;
    }
};

template <class T>
fl_status create(Handle &h, const Caller<T> &a, const fl_options *options = nullptr) {
    return fl_factor_create(&h.f, FL_FACTOR_LU, dtype_of<T>(), a.layout, a.rows, a.cols,
                            a.data.data(), a.ld, options);
}

template <class T>
ZRef part(const fl_factor *f, fl_factor_part which, fl_layout layout, int64_t rows, int64_t cols) {
    int64_t r = -1, c = -1;
    EXPECT_EQ(fl_factor_part_shape(f, which, &r, &c), FL_OK) << fl_last_error();
    EXPECT_EQ(r, rows);
    EXPECT_EQ(c, cols);
    Caller<T> out(rows, cols, layout);
    EXPECT_EQ(fl_factor_get_part(f, which, dtype_of<T>(), layout, out.data.data(), out.ld), FL_OK)
        << fl_last_error();
    EXPECT_TRUE(out.padding_kept()) << "the padding was written";
    return out.ref();
}

std::vector<int64_t> indices(const fl_factor *f, fl_factor_part which, int64_t count) {
    int64_t r = -1, c = -1;
    EXPECT_EQ(fl_factor_part_shape(f, which, &r, &c), FL_OK) << fl_last_error();
    EXPECT_EQ(r, count);
    EXPECT_EQ(c, 1);
    std::vector<int64_t> out(size_t(count), -7);
    EXPECT_EQ(fl_factor_get_indices(f, which, out.data(), count), FL_OK) << fl_last_error();
    return out;
}

// Every part of LU(a), for A and the parts in both layouts; both layouts factor the same A
// (the same pivots and packed form, exactly).
template <class T>
void check_parts(const ZRef &exact, const fl_options *options = nullptr) {
    const ZRef a = rounded<T>(exact);
    const int64_t m = a.rows, n = a.cols, k = std::min(m, n);
    std::vector<std::vector<int64_t>> pivots_seen;
    std::vector<ZRef> packed_seen;
    for (fl_layout al : kLayouts) {
        SCOPED_TRACE(std::to_string(m) + " x " + std::to_string(n) + ", A " +
                     fltest::layout_name(al));
        Handle h;
        ASSERT_EQ(create(h, Caller<T>::from(a, al), options), FL_OK) << fl_last_error();
        EXPECT_EQ(fl_factor_get_kind(h.f), FL_FACTOR_LU);
        EXPECT_EQ(fl_factor_get_dtype(h.f), dtype_of<T>());
        EXPECT_EQ(fl_factor_rows(h.f), m);
        EXPECT_EQ(fl_factor_cols(h.f), n);
        const std::vector<int64_t> perm = indices(h.f, FL_PART_ROW_PERMUTATION, m);
        const std::vector<int64_t> piv = indices(h.f, FL_PART_PIVOTS, k);
        ASSERT_TRUE(fltest::pivots_give_permutation(piv, perm));  // getrf's replayed pivots
        ZRef pa(m, n);  // P^T A: row i is row perm[i] of A
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j) pa(i, j) = a(perm[size_t(i)], j);
        for (fl_layout pl : kLayouts) {
            SCOPED_TRACE(std::string("parts ") + fltest::layout_name(pl));
            const ZRef l = part<T>(h.f, FL_PART_LOWER, pl, m, k);
            const ZRef u = part<T>(h.f, FL_PART_UPPER, pl, k, n);
            const ZRef packed = part<T>(h.f, FL_PART_LU_PACKED, pl, m, n);
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    if (j < k && i <= j) {
                        EXPECT_EQ(l(i, j), Z(i == j ? 1 : 0));
                    }
                    if (j < k && i > j) {
                        EXPECT_LE(std::abs(l(i, j)), 1.5L);  // partial pivoting
                    }
                    if (i < k && i > j) {
                        EXPECT_EQ(u(i, j), Z(0));
                    }
                    EXPECT_EQ(packed(i, j), i > j ? l(i, j) : u(i, j));  // getrf's in-place form
                }
            EXPECT_LT(complextest::reconstruction<T>(product(l, u), pa, a), kResidualThreshold);
            if (pl == FL_COL_MAJOR) packed_seen.push_back(packed);
        }
        pivots_seen.push_back(piv);
    }
    EXPECT_EQ(pivots_seen[0], pivots_seen[1]);
    EXPECT_EQ(packed_seen[0].v, packed_seen[1].v);
}

template <class T>
class RectangularLu : public ::testing::Test {};
using AllTypes = ::testing::Types<float, double, std::complex<float>, std::complex<double>>;
TYPED_TEST_SUITE(RectangularLu, AllTypes);

// Real dtypes factor the real part of these (rounded<T> drops the imaginary one).
ZRef random_matrix(int64_t m, int64_t n, unsigned seed) {
    return complextest::random_matrix(m, n, seed);
}

TYPED_TEST(RectangularLu, TallAndWide) {
    for (const auto &[m, n] :
         std::vector<std::pair<int64_t, int64_t>>{{5, 3}, {3, 5}, {40, 25}, {25, 40}, {70, 2}})
        check_parts<TypeParam>(random_matrix(m, n, unsigned(m * 100 + n)));
}

TYPED_TEST(RectangularLu, OneRowOneColumnAndEmpty) {
    for (const auto &[m, n] : std::vector<std::pair<int64_t, int64_t>>{
             {1, 6}, {6, 1}, {1, 2}, {2, 1}, {0, 4}, {4, 0}, {0, 1}})
        check_parts<TypeParam>(random_matrix(m, n, unsigned(m * 10 + n + 1)));
}

// An exactly zero pivot is kept, with or without FL_OPT_ALLOW_SINGULAR (a rectangular
// factor has no solve it would spoil): a zero column, a repeated column, an all-zero A.
TYPED_TEST(RectangularLu, RankDeficientIsKept) {
    fl_options *allow = nullptr;
    ASSERT_EQ(fl_options_create(&allow), FL_OK);
    ASSERT_EQ(fl_options_set_int(allow, FL_OPT_ALLOW_SINGULAR, 1), FL_OK);
    for (const auto &[m, n] : std::vector<std::pair<int64_t, int64_t>>{{7, 4}, {4, 7}}) {
        ZRef a = random_matrix(m, n, unsigned(m + n));
        for (int64_t i = 0; i < m; ++i) a(i, 1) = 0;        // U[2, 2] is exactly zero
        for (int64_t i = 0; i < m; ++i) a(i, 3) = a(i, 2);  // a repeated column
        check_parts<TypeParam>(a);
        check_parts<TypeParam>(a, allow);
        Handle h;
        ASSERT_EQ(create(h, Caller<TypeParam>::from(rounded<TypeParam>(a), FL_ROW_MAJOR)), FL_OK);
        EXPECT_EQ(part<TypeParam>(h.f, FL_PART_UPPER, FL_COL_MAJOR, std::min(m, n), n)(1, 1), Z(0));
    }
    check_parts<TypeParam>(ZRef(3, 5));
    check_parts<TypeParam>(ZRef(5, 3));
    fl_options_destroy(allow);
}

// The first columns of the Hilbert matrix and their transpose: condition about 1e8 to
// 1e10, still within LAPACK's threshold because LU's backward error does not depend on it.
TYPED_TEST(RectangularLu, IllConditioned) {
    ZRef tall(12, 7), wide(7, 12);
    for (int64_t i = 0; i < 12; ++i)
        for (int64_t j = 0; j < 7; ++j) tall(i, j) = wide(j, i) = Z(1.0L / (i + j + 1));
    check_parts<TypeParam>(tall);
    check_parts<TypeParam>(wide);
}

// Every query that needs a square A names the rectangular LU; so do the options that only
// a square LU honours or refuses.
TYPED_TEST(RectangularLu, RefusesWhatNeedsASquareA) {
    using T = TypeParam;
    constexpr fl_dtype dt = dtype_of<T>();
    for (const auto &[m, n] : std::vector<std::pair<int64_t, int64_t>>{{3, 5}, {5, 3}}) {
        const std::string name =
            "a rectangular LU (" + std::to_string(m) + " x " + std::to_string(n) + ")";
        const std::string shape = std::to_string(m) + " x " + std::to_string(n);
        const Caller<T> a = Caller<T>::from(rounded<T>(random_matrix(m, n, 5)), FL_COL_MAJOR);
        Handle h;
        ASSERT_EQ(create(h, a), FL_OK) << fl_last_error();
        std::vector<T> b(size_t(m * n), T(1)), x(size_t(m * n), T(Caller<T>::sentinel));
        EXPECT_ERROR(fl_factor_solve(h.f, FL_NO_TRANS, dt, 1, FL_COL_MAJOR, b.data(), m,
                                     FL_COL_MAJOR, x.data(), n),
                     FL_ERR_UNSUPPORTED, "fl_factor_solve", name.c_str(), "solves");
        EXPECT_ERROR(fl_factor_solve(h.f, FL_TRANS, dt, 1, FL_ROW_MAJOR, b.data(), 1, FL_ROW_MAJOR,
                                     x.data(), 1),
                     FL_ERR_UNSUPPORTED, "fl_factor_solve", name.c_str());
        EXPECT_ERROR(fl_factor_inverse(h.f, dt, FL_COL_MAJOR, x.data(), n), FL_ERR_UNSUPPORTED,
                     "fl_factor_inverse", name.c_str(), "inverse");
        double value = -1, sign = -1, phase = -1;
        EXPECT_ERROR(fl_factor_rcond(h.f, &value), FL_ERR_UNSUPPORTED, "fl_factor_rcond",
                     name.c_str());
        EXPECT_ERROR(fl_factor_logdet_complex(h.f, &sign, &phase, &value), FL_ERR_UNSUPPORTED,
                     "fl_factor_logdet_complex", name.c_str(), "determinant");
        if constexpr (!is_complex<T>)
            EXPECT_ERROR(fl_factor_logdet(h.f, &sign, &value), FL_ERR_UNSUPPORTED,
                         "fl_factor_logdet", name.c_str(), "determinant");
        EXPECT_EQ(value, -1);
        EXPECT_EQ(sign, -1);
        EXPECT_EQ(phase, -1);
        for (const T &v : x) EXPECT_EQ(v, T(Caller<T>::sentinel));  // no output written
        EXPECT_ERROR(fl_factor_inverse_diagonal(h.f, dt, x.data()), FL_ERR_UNSUPPORTED,
                     "fl_factor_inverse_diagonal", "square", shape.c_str());
        int64_t rank = -1;
        EXPECT_ERROR(fl_factor_rank(h.f, &rank), FL_ERR_UNSUPPORTED, "fl_factor_rank", "LU");
        int64_t r = -1, c = -1;
        EXPECT_ERROR(fl_factor_part_shape(h.f, FL_PART_Q, &r, &c), FL_ERR_UNSUPPORTED,
                     "fl_factor_part_shape", "LU");
        // The permutation has m indices and the pivots k: asking for another count fails.
        std::vector<int64_t> idx(size_t(std::max(m, n) + 1), -7);
        EXPECT_ERROR(fl_factor_get_indices(h.f, FL_PART_ROW_PERMUTATION, idx.data(), m + 1),
                     FL_ERR_INVALID_ARGUMENT, "fl_factor_get_indices", "count");
        EXPECT_ERROR(fl_factor_get_indices(h.f, FL_PART_PIVOTS, idx.data(), std::max(m, n)),
                     FL_ERR_INVALID_ARGUMENT, "fl_factor_get_indices", "count");
        // A row-major U (k x n) needs ld >= n.
        EXPECT_ERROR(fl_factor_get_part(h.f, FL_PART_UPPER, dt, FL_ROW_MAJOR, x.data(), n - 1),
                     FL_ERR_INVALID_ARGUMENT, "fl_factor_get_part", "ld");
        for (int64_t v : idx) EXPECT_EQ(v, -7);
        // Batches exist to solve: a batch of rectangular LUs is refused at creation.
        fl_batch *batch = reinterpret_cast<fl_batch *>(uintptr_t{0x10});
        EXPECT_ERROR(fl_batch_create(&batch, FL_FACTOR_LU, dt, FL_COL_MAJOR, 1, m, n, a.data.data(),
                                     a.ld, a.ld * n, nullptr, nullptr),
                     FL_ERR_INVALID_ARGUMENT, "fl_batch_create", "square");
        EXPECT_EQ(batch, nullptr);
        // FL_PRECISION_MIXED refines solves, which this factor has none of.
        if constexpr (std::is_same_v<T, double>) {
            fl_options *o = nullptr;
            ASSERT_EQ(fl_options_create(&o), FL_OK);
            ASSERT_EQ(fl_options_set_int(o, FL_OPT_PRECISION, FL_PRECISION_MIXED), FL_OK);
            Handle mixed;
            EXPECT_ERROR(create(mixed, a, o), FL_ERR_UNSUPPORTED, "fl_factor_create", name.c_str(),
                         "FL_PRECISION_MIXED");
            EXPECT_EQ(mixed.f, nullptr);
            fl_options_destroy(o);
        }
    }
}

// FL_OPT_OVERWRITE_A is not honoured (a row-major rectangular A cannot be transposed where
// it lies): A is left as it was, and FL_INFO_OVERWRITES_A says 0.
TYPED_TEST(RectangularLu, OverwriteAIsNotHonoured) {
    using T = TypeParam;
    fl_options *o = nullptr;
    ASSERT_EQ(fl_options_create(&o), FL_OK);
    ASSERT_EQ(fl_options_set_int(o, FL_OPT_OVERWRITE_A, 1), FL_OK);
    for (fl_layout l : kLayouts) {
        const Caller<T> a = Caller<T>::from(rounded<T>(random_matrix(6, 4, 9)), l);
        const Caller<T> before = a;
        Handle h;
        ASSERT_EQ(create(h, a, o), FL_OK) << fl_last_error();
        int64_t overwrites = -1;
        ASSERT_EQ(fl_factor_get_info(h.f, FL_INFO_OVERWRITES_A, &overwrites), FL_OK);
        EXPECT_EQ(overwrites, 0);
        EXPECT_EQ(a.data, before.data);
    }
    fl_options_destroy(o);
}

// A saved rectangular LU (an LU record whose rows != cols) comes back with the same parts
// and the same refusals; a complex one has no serialized form yet, as for every kind.
TYPED_TEST(RectangularLu, SurvivesSaveAndLoad) {
    using T = TypeParam;
    for (const auto &[m, n] :
         std::vector<std::pair<int64_t, int64_t>>{{6, 4}, {4, 6}, {0, 3}, {3, 0}})
        for (fl_layout l : kLayouts) {
            SCOPED_TRACE(std::to_string(m) + " x " + std::to_string(n) + " " +
                         fltest::layout_name(l));
            ZRef a = random_matrix(m, n, 17);
            if (n > 1)
                for (int64_t i = 0; i < m; ++i) a(i, 0) = 0;  // a kept zero pivot
            Handle h;
            ASSERT_EQ(create(h, Caller<T>::from(rounded<T>(a), l)), FL_OK) << fl_last_error();
            int64_t size = -1;
            if constexpr (is_complex<T>) {
                EXPECT_ERROR(fl_factor_serialized_size(h.f, &size), FL_ERR_UNSUPPORTED,
                             "fl_factor_serialized_size", "complex");
                continue;
            }
            ASSERT_EQ(fl_factor_serialized_size(h.f, &size), FL_OK) << fl_last_error();
            std::vector<unsigned char> bytes(static_cast<size_t>(size));
            ASSERT_EQ(fl_factor_serialize(h.f, bytes.data(), size), FL_OK) << fl_last_error();
            Handle g;
            ASSERT_EQ(fl_factor_deserialize(&g.f, bytes.data(), size), FL_OK) << fl_last_error();
            EXPECT_EQ(fl_factor_rows(g.f), m);
            EXPECT_EQ(fl_factor_cols(g.f), n);
            const int64_t k = std::min(m, n);
            EXPECT_EQ(indices(g.f, FL_PART_PIVOTS, k), indices(h.f, FL_PART_PIVOTS, k));
            EXPECT_EQ(indices(g.f, FL_PART_ROW_PERMUTATION, m),
                      indices(h.f, FL_PART_ROW_PERMUTATION, m));
            EXPECT_EQ(part<T>(g.f, FL_PART_LU_PACKED, l, m, n).v,
                      part<T>(h.f, FL_PART_LU_PACKED, l, m, n).v);
            double r = -1;
            EXPECT_ERROR(fl_factor_rcond(g.f, &r), FL_ERR_UNSUPPORTED, "fl_factor_rcond",
                         "rectangular LU");
        }
}

}  // namespace
