// Shared helpers for the fastlinalg test suite: a layout-aware matrix holder, seeded test
// matrices, and reference computations done in long double, independently of the library
// (no BLAS, no LAPACK), so that a bug underneath cannot hide itself.
//
// Accuracy is judged the way LAPACK's own test suite judges it (xGET02, xGET03, xPOT02):
//
//   solve:    max_j ||b_j - op(A) x_j||_1 / (||op(A)||_1 ||x_j||_1 n eps)
//   inverse:  ||A inv - I||_1 / (||A||_1 ||inv||_1 n eps)
//
// with eps = std::numeric_limits<T>::epsilon() of the dtype under test, and each ratio must
// stay below kResidualThreshold.
#ifndef FASTLINALG_TESTS_TEST_SUPPORT_HPP
#define FASTLINALG_TESTS_TEST_SUPPORT_HPP

#include <fastlinalg/fastlinalg.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace fltest {

// Both dtypes: every typed test suite runs over them.
using RealTypes = ::testing::Types<float, double>;

// Declares the typed test suite `name` (TYPED_TEST(name, ...)), run for float and double.
#define FLTEST_TYPED_SUITE(name)                                                                                      \
    template <class T>                                                                                               \
    class name : public ::testing::Test {};                                                                          \
    TYPED_TEST_SUITE(name, ::fltest::RealTypes)

// The one threshold for every scaled residual in the suite (LAPACK's test suite uses 30).
inline constexpr double kResidualThreshold = 30.0;

template <class T>
struct Dtype;
template <>
struct Dtype<float> {
    static constexpr fl_dtype value = FL_FLOAT32;
    static constexpr fl_dtype other = FL_FLOAT64;
};
template <>
struct Dtype<double> {
    static constexpr fl_dtype value = FL_FLOAT64;
    static constexpr fl_dtype other = FL_FLOAT32;
};

template <class T>
constexpr double eps() {
    return static_cast<double>(std::numeric_limits<T>::epsilon());
}

// Tolerance on log|det| for a matrix whose determinant is not badly conditioned.
template <class T>
double logdet_tol() {
    return std::is_same_v<T, float> ? 2e-3 : 1e-9;
}

// What the tests loop over.
inline constexpr fl_layout kLayouts[] = {FL_ROW_MAJOR, FL_COL_MAJOR};
inline constexpr fl_transpose kTransposes[] = {FL_NO_TRANS, FL_TRANS};
inline constexpr fl_triangle kTriangles[] = {FL_LOWER, FL_UPPER};

// A column-major long double matrix: the currency of every reference computation.
struct Ref {
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<long double> v;

    Ref() = default;
    Ref(int64_t r, int64_t c) : rows(r), cols(c), v(static_cast<size_t>(r * c), 0.0L) {}
    long double &operator()(int64_t i, int64_t j) { return v[static_cast<size_t>(i + j * rows)]; }
    long double operator()(int64_t i, int64_t j) const { return v[static_cast<size_t>(i + j * rows)]; }
};

// A rows-by-cols matrix of T in either layout, with `pad` extra elements in the leading
// dimension. Padding holds `padding_value` (NaN by default: the library must never read it)
// and tests check that the library never writes it either.
template <class T>
class Matrix {
public:
    Matrix() = default;
    Matrix(int64_t rows, int64_t cols, fl_layout layout, int64_t pad = 0,
           T padding_value = std::numeric_limits<T>::quiet_NaN())
        : rows_(rows), cols_(cols), layout_(layout) {
        ld_ = std::max<int64_t>(1, layout == FL_COL_MAJOR ? rows : cols) + pad;
        const int64_t outer = layout == FL_COL_MAJOR ? cols : rows;
        data_.assign(static_cast<size_t>(ld_ * outer), padding_value);
        for (int64_t i = 0; i < rows; ++i)
            for (int64_t j = 0; j < cols; ++j) (*this)(i, j) = T(0);
    }

    int64_t rows() const { return rows_; }
    int64_t cols() const { return cols_; }
    int64_t ld() const { return ld_; }
    fl_layout layout() const { return layout_; }
    static constexpr fl_dtype dtype() { return Dtype<T>::value; }

    size_t index(int64_t i, int64_t j) const {
        return static_cast<size_t>(layout_ == FL_COL_MAJOR ? i + j * ld_ : i * ld_ + j);
    }
    T &operator()(int64_t i, int64_t j) { return data_[index(i, j)]; }
    T operator()(int64_t i, int64_t j) const { return data_[index(i, j)]; }

    // NULL when there is no storage at all (allowed by the API for empty matrices).
    T *data() { return data_.empty() ? nullptr : data_.data(); }
    const T *data() const { return data_.empty() ? nullptr : data_.data(); }
    std::vector<T> &storage() { return data_; }
    const std::vector<T> &storage() const { return data_; }

    // Whether storage element k is padding (not one of the rows x cols elements).
    bool is_padding(size_t k) const {
        const int64_t inner = static_cast<int64_t>(k) % ld_;
        return inner >= (layout_ == FL_COL_MAJOR ? rows_ : cols_);
    }

    void fill(T value) {
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j) (*this)(i, j) = value;
    }

    Ref to_ref() const {
        Ref r(rows_, cols_);
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j) r(i, j) = static_cast<long double>((*this)(i, j));
        return r;
    }

    static Matrix from_ref(const Ref &r, fl_layout layout, int64_t pad = 0,
                           T padding_value = std::numeric_limits<T>::quiet_NaN()) {
        Matrix m(r.rows, r.cols, layout, pad, padding_value);
        for (int64_t i = 0; i < r.rows; ++i)
            for (int64_t j = 0; j < r.cols; ++j) m(i, j) = static_cast<T>(r(i, j));
        return m;
    }

    // The same logical matrix in another layout / padding.
    Matrix relayout(fl_layout layout, int64_t pad = 0) const {
        Matrix m(rows_, cols_, layout, pad);
        for (int64_t i = 0; i < rows_; ++i)
            for (int64_t j = 0; j < cols_; ++j) m(i, j) = (*this)(i, j);
        return m;
    }

    // Bitwise equality of the whole storage (elements and padding, NaNs included).
    bool bitwise_equal(const Matrix &other) const {
        return data_.size() == other.data_.size() &&
               (data_.empty() || std::memcmp(data_.data(), other.data_.data(), data_.size() * sizeof(T)) == 0);
    }
    // Bitwise equality of the padding only.
    bool padding_equal(const Matrix &other) const {
        if (data_.size() != other.data_.size()) return false;
        for (size_t k = 0; k < data_.size(); ++k)
            if (is_padding(k) && std::memcmp(&data_[k], &other.data_[k], sizeof(T)) != 0) return false;
        return true;
    }

private:
    int64_t rows_ = 0, cols_ = 0, ld_ = 1;
    fl_layout layout_ = FL_COL_MAJOR;
    std::vector<T> data_;
};

// RAII for the library's handles: a unique_ptr that releases with the handle's fl_*_destroy.
template <class Handle, void (*Destroy)(Handle *)>
struct HandleDeleter {
    void operator()(Handle *h) const { Destroy(h); }
};
template <class Handle, void (*Destroy)(Handle *)>
using HandlePtr = std::unique_ptr<Handle, HandleDeleter<Handle, Destroy>>;
using FactorPtr = HandlePtr<fl_factor, fl_factor_destroy>;
using OptionsPtr = HandlePtr<fl_options, fl_options_destroy>;

template <class T>
fl_status make_factor(FactorPtr &out, fl_factor_kind kind, const Matrix<T> &a, const fl_options *options = nullptr) {
    fl_factor *f = nullptr;
    const fl_status s = fl_factor_create(&f, kind, Matrix<T>::dtype(), a.layout(), a.rows(), a.cols(), a.data(),
                                         a.ld(), options);
    out.reset(f);
    return s;
}

template <class T>
fl_status solve(const fl_factor *f, fl_transpose trans, const Matrix<T> &b, Matrix<T> &x) {
    return fl_factor_solve(f, trans, Matrix<T>::dtype(), b.cols(), b.layout(), b.data(), b.ld(), x.layout(),
                           x.data(), x.ld());
}

OptionsPtr make_options(int64_t check_finite, int64_t triangle);

// ---- Test matrices (seeded, reproducible) --------------------------------------------------
Ref random_ref(int64_t rows, int64_t cols, uint64_t seed, long double lo = -1.0L, long double hi = 1.0L);
Ref hilbert_ref(int64_t n);
Ref identity_ref(int64_t n);
// Symmetric positive definite, well conditioned: M M^T / n + I with M random.
Ref spd_ref(int64_t n, uint64_t seed);
// Random with a dominant diagonal (diag_value on the diagonal plus noise in [-1, 1]).
Ref diag_dominant_ref(int64_t n, uint64_t seed, long double diag_value, long double noise = 1.0L);

// The long double matrix that a T matrix holds after rounding: what the library sees.
template <class T>
Ref rounded(const Ref &r) {
    return Matrix<T>::from_ref(r, FL_COL_MAJOR).to_ref();
}

// ---- Reference linear algebra in long double -----------------------------------------------
Ref transpose(const Ref &a);
Ref subtract(const Ref &a, const Ref &b);
long double column_norm1(const Ref &a, int64_t j);
long double column_norm2(const Ref &a, int64_t j);
// num / den, 0 for 0 / 0, infinite for NaN or x / 0.
double ratio(long double num, long double den);
Ref multiply(const Ref &a, const Ref &b);
long double norm1(const Ref &a);    // max column sum
long double norm_inf(const Ref &a); // max row sum

// LAPACK-style scaled residual of a solve (see the top of this file). 0 when n or nrhs is 0.
double solve_residual(const Ref &a, fl_transpose trans, const Ref &x, const Ref &b, double eps);
// ||A inv - I||_1 / (||A||_1 ||inv||_1 n eps).
double inverse_residual(const Ref &a, const Ref &inv, double eps);

struct LogDet {
    double sign = 1.0;
    long double logabs = 0.0L;
    bool singular = false;
};
// Gaussian elimination with partial pivoting in long double.
LogDet ref_logdet(const Ref &a);
// Gauss-Jordan with partial pivoting in long double; false if singular.
bool ref_inverse(const Ref &a, Ref &inv);
// 1 / (||A||_1 ||A^-1||_1) from an explicit long double inverse.
long double ref_rcond1(const Ref &a);
long double ref_rcond_inf(const Ref &a);

// ---- Naming, for SCOPED_TRACE --------------------------------------------------------------
const char *layout_name(fl_layout l);
const char *trans_name(fl_transpose t);
const char *triangle_name(fl_triangle t);
bool contains(const char *haystack, const std::string &needle);
bool all_finite(const Ref &a);

// Whether getrf's 1-based pivots (row i swapped with row piv[i], i = 1, 2, ... in turn, each
// at or below i) replayed on rows 0..m-1 give the 0-based row permutation perm of LU's parts
// (m = perm.size() rows; piv has min(m, n) entries).
bool pivots_give_permutation(const std::vector<int64_t> &piv, const std::vector<int64_t> &perm);

} // namespace fltest

#endif
