// fastlinalg.hpp — a header-only C++17 wrapper over the C API of fastlinalg.h.
//
// It adds ownership and exceptions, nothing else: every function here is one call of the C
// function of the same name, and the maths, the argument checks and the error messages are
// the C library's. What the wrapper checks itself are only the sizes the C call cannot see
// (the rows of a B whose leading dimension is all the C function gets, the length of a
// std::vector), so that a wrong size is an exception rather than a read past an array.
//
//   - Every failing status becomes a fastlinalg::error, whose status() is the fl_status and
//     whose what() is fl_last_error()'s message naming the argument.
//   - factor, kernel, sparse_matrix and options own their handle (move-only; the destructor
//     calls the C destroy function). A moved-from object holds no handle; using it throws
//     FL_ERR_INVALID_ARGUMENT from the C library.
//   - matrix_view<T> (read) and matrix_span<T> (written) describe the caller's memory
//     without owning it: row_major(p, rows, cols[, ld]) and col_major(...) make them.
//     matrix<T> owns its elements (std::vector) and is what the convenience calls return.
//     T is float or double, or std::complex<float> / std::complex<double> for the kinds
//     that take complex matrices (LU, Cholesky, EIGH, QR, COD, SVD; see "Complex matrices" in
//     fastlinalg.h). A complex factor's real-valued parts are read with the real type:
//     part<double>(FL_PART_EIGENVALUES) of a std::complex<double> EIGH factor.
//
//   auto lu = fastlinalg::factor(FL_FACTOR_LU, fastlinalg::row_major(a.data(), n, n));
//   fastlinalg::matrix<double> x = lu.solve(fastlinalg::row_major(b.data(), n, k));
//
// Thread safety is the C library's: factor and kernel objects may be shared between threads
// for const use; sparse_matrix::set_values and options setters must not race with users of
// the same object.
#ifndef FASTLINALG_HPP
#define FASTLINALG_HPP

#include <fastlinalg/fastlinalg.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace fastlinalg {

// ---- errors --------------------------------------------------------------------------------

// A failed fastlinalg call: the status and the message the C library wrote for it.
class error : public std::runtime_error {
public:
    error(fl_status status, const std::string &message)
        : std::runtime_error(message), status_(status) {}
    fl_status status() const noexcept { return status_; }

private:
    fl_status status_;
};

// Throws fastlinalg::error for any status but FL_OK, with fl_last_error()'s message (or the
// status name, should the message be empty).
inline void check(fl_status status) {
    if (status == FL_OK) return;
    std::string message = fl_last_error();
    if (message.empty()) message = fl_status_string(status);
    throw error(status, message);
}

// ---- runtime information -----------------------------------------------------------------

inline std::string version() { return fl_version(); }
inline int version_number() { return fl_version_number(); }
inline std::string status_string(fl_status status) { return fl_status_string(status); }
inline std::string blas_info() { return fl_blas_info(); }
inline std::string blas_core() { return fl_blas_core(); }
inline int num_threads() { return fl_get_num_threads(); }
inline void set_num_threads(int n) { check(fl_set_num_threads(n)); }
// Hands back the memory the library keeps for reuse; returns the bytes released.
inline int64_t release_memory() { return fl_release_memory(); }

// ---- element types -----------------------------------------------------------------------

template <class T>
struct dtype_of;  // float, double and their std::complex have a dtype
template <>
struct dtype_of<float> {
    static constexpr fl_dtype value = FL_FLOAT32;
};
template <>
struct dtype_of<double> {
    static constexpr fl_dtype value = FL_FLOAT64;
};
template <>
struct dtype_of<std::complex<float>> {
    static constexpr fl_dtype value = FL_COMPLEX64;
};
template <>
struct dtype_of<std::complex<double>> {
    static constexpr fl_dtype value = FL_COMPLEX128;
};
template <class T>
inline constexpr fl_dtype dtype_v = dtype_of<T>::value;

template <class I>
struct index_type_of;  // sparse index arrays: int32_t or int64_t
template <>
struct index_type_of<std::int32_t> {
    static constexpr fl_index_type value = FL_INDEX_INT32;
};
template <>
struct index_type_of<std::int64_t> {
    static constexpr fl_index_type value = FL_INDEX_INT64;
};

// ---- matrices ------------------------------------------------------------------------------

// The smallest leading dimension of a rows-by-cols matrix; the C API wants ld >= 1 always.
inline std::int64_t packed_ld(fl_layout layout, std::int64_t rows, std::int64_t cols) {
    return std::max<std::int64_t>(layout == FL_COL_MAJOR ? rows : cols, 1);
}

// A read-only description of the caller's matrix; owns nothing.
template <class T>
struct matrix_view {
    using value_type = T;
    const T *data = nullptr;
    std::int64_t rows = 0, cols = 0;
    fl_layout layout = FL_ROW_MAJOR;
    std::int64_t ld = 1;
};

// A writable description of the caller's matrix; owns nothing. Reads as a view too.
template <class T>
struct matrix_span {
    static_assert(!std::is_const_v<T>, "a matrix_span is written: use matrix_view for const data");
    using value_type = T;
    T *data = nullptr;
    std::int64_t rows = 0, cols = 0;
    fl_layout layout = FL_ROW_MAJOR;
    std::int64_t ld = 1;
    operator matrix_view<T>() const { return {data, rows, cols, layout, ld}; }
};

template <class T>
matrix_view<T> row_major(const T *p, std::int64_t rows, std::int64_t cols, std::int64_t ld) {
    return {p, rows, cols, FL_ROW_MAJOR, ld};
}
template <class T>
matrix_view<T> row_major(const T *p, std::int64_t rows, std::int64_t cols) {
    return {p, rows, cols, FL_ROW_MAJOR, packed_ld(FL_ROW_MAJOR, rows, cols)};
}
template <class T>
matrix_span<T> row_major(T *p, std::int64_t rows, std::int64_t cols, std::int64_t ld) {
    return {p, rows, cols, FL_ROW_MAJOR, ld};
}
template <class T>
matrix_span<T> row_major(T *p, std::int64_t rows, std::int64_t cols) {
    return {p, rows, cols, FL_ROW_MAJOR, packed_ld(FL_ROW_MAJOR, rows, cols)};
}
template <class T>
matrix_view<T> col_major(const T *p, std::int64_t rows, std::int64_t cols, std::int64_t ld) {
    return {p, rows, cols, FL_COL_MAJOR, ld};
}
template <class T>
matrix_view<T> col_major(const T *p, std::int64_t rows, std::int64_t cols) {
    return {p, rows, cols, FL_COL_MAJOR, packed_ld(FL_COL_MAJOR, rows, cols)};
}
template <class T>
matrix_span<T> col_major(T *p, std::int64_t rows, std::int64_t cols, std::int64_t ld) {
    return {p, rows, cols, FL_COL_MAJOR, ld};
}
template <class T>
matrix_span<T> col_major(T *p, std::int64_t rows, std::int64_t cols) {
    return {p, rows, cols, FL_COL_MAJOR, packed_ld(FL_COL_MAJOR, rows, cols)};
}

// A dense matrix that owns its elements, packed (ld = rows or cols) in the given layout.
// Negative sizes give an empty matrix here; the C call it is made for then reports them.
template <class T>
class matrix {
public:
    using value_type = T;
    matrix() = default;
    matrix(std::int64_t rows, std::int64_t cols, fl_layout layout = FL_ROW_MAJOR)
        : rows_(rows),
          cols_(cols),
          layout_(layout),
          data_(static_cast<std::size_t>(std::max<std::int64_t>(rows, 0) *
                                         std::max<std::int64_t>(cols, 0))) {}

    std::int64_t rows() const noexcept { return rows_; }
    std::int64_t cols() const noexcept { return cols_; }
    fl_layout layout() const noexcept { return layout_; }
    std::int64_t ld() const noexcept { return packed_ld(layout_, rows_, cols_); }
    T *data() noexcept { return data_.data(); }
    const T *data() const noexcept { return data_.data(); }
    std::vector<T> &elements() noexcept { return data_; }
    const std::vector<T> &elements() const noexcept { return data_; }

    T &operator()(std::int64_t i, std::int64_t j) { return data_[offset(i, j)]; }
    const T &operator()(std::int64_t i, std::int64_t j) const { return data_[offset(i, j)]; }

    matrix_view<T> view() const { return {data(), rows_, cols_, layout_, ld()}; }
    matrix_span<T> span() { return {data(), rows_, cols_, layout_, ld()}; }
    operator matrix_view<T>() const { return view(); }

private:
    std::size_t offset(std::int64_t i, std::int64_t j) const {
        return static_cast<std::size_t>(layout_ == FL_COL_MAJOR ? i + j * ld() : i * ld() + j);
    }
    std::int64_t rows_ = 0, cols_ = 0;
    fl_layout layout_ = FL_ROW_MAJOR;
    std::vector<T> data_;
};

namespace detail {

// Whether op(A) has A's shape transposed: A^T and A^H (an invalid value is left for the C
// library to name).
inline bool transposes(fl_transpose trans) { return trans == FL_TRANS || trans == FL_CONJ_TRANS; }

// Whatever reads as a matrix (a view, a span, a matrix) as a view, so that each function
// below takes any of them.
template <class T>
matrix_view<T> as_view(matrix_view<T> v) {
    return v;
}
template <class T>
matrix_view<T> as_view(matrix_span<T> s) {
    return s;
}
template <class T>
matrix_view<T> as_view(const matrix<T> &m) {
    return m.view();
}
template <class M>
using elem_t = typename decltype(as_view(std::declval<const M &>()))::value_type;

// A size the C call does not receive (it trusts the caller's memory to have it) must be
// checked here: FL_ERR_DIMENSION_MISMATCH naming the function, the argument and both sizes.
inline void expect_size(const char *function, const char *what, std::int64_t got,
                        std::int64_t expected) {
    if (got == expected) return;
    throw error(FL_ERR_DIMENSION_MISMATCH, std::string(function) + ": " + what + " = " +
                                               std::to_string(got) + ", expected " +
                                               std::to_string(expected));
}
template <class T>
void expect_shape(const char *function, const char *name, const matrix_view<T> &m,
                  std::int64_t rows, std::int64_t cols) {
    expect_size(function, (std::string(name) + ".rows").c_str(), m.rows, rows);
    expect_size(function, (std::string(name) + ".cols").c_str(), m.cols, cols);
}
// Several matrices passed with one layout argument must share it.
inline void expect_layout(const char *function, const char *name, fl_layout got,
                          fl_layout expected) {
    if (got == expected) return;
    throw error(FL_ERR_INVALID_ARGUMENT,
                std::string(function) + ": " + name + " must have the layout of the first matrix");
}

template <class Handle, void (*destroy)(Handle *)>
struct deleter {
    void operator()(Handle *h) const noexcept { destroy(h); }
};

}  // namespace detail

// ---- options -------------------------------------------------------------------------------

// An fl_options handle holding every default until set.
class options {
public:
    options() {
        fl_options *raw = nullptr;
        check(fl_options_create(&raw));
        handle_.reset(raw);
    }
    options &set_int(fl_option option, std::int64_t value) {
        check(fl_options_set_int(handle_.get(), option, value));
        return *this;
    }
    options &set_real(fl_option option, double value) {
        check(fl_options_set_real(handle_.get(), option, value));
        return *this;
    }
    std::int64_t get_int(fl_option option) const {
        std::int64_t value = 0;
        check(fl_options_get_int(handle_.get(), option, &value));
        return value;
    }
    double get_real(fl_option option) const {
        double value = 0;
        check(fl_options_get_real(handle_.get(), option, &value));
        return value;
    }
    fl_options *get() noexcept { return handle_.get(); }
    const fl_options *get() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<fl_options, detail::deleter<fl_options, fl_options_destroy>> handle_;
};

// ---- sparse matrices -----------------------------------------------------------------------

struct sparse_shape {
    std::int64_t rows, cols, nnz;
};

// An fl_sparse: pattern fixed at creation, values replaceable.
class sparse_matrix {
public:
    // From compressed arrays (0-based; ptr has outer + 1 offsets, outer = cols for CSC and
    // rows for CSR; idx and values ptr[outer] entries each). The arrays are copied.
    template <class I, class T>
    sparse_matrix(fl_sparse_format format, std::int64_t rows, std::int64_t cols,
                  const std::vector<I> &ptr, const std::vector<I> &idx,
                  const std::vector<T> &values)
        : dtype_(dtype_v<T>), entries_(static_cast<std::int64_t>(values.size())) {
        const char *fn = "fastlinalg::sparse_matrix";
        const std::int64_t outer = format == FL_SPARSE_CSR ? rows : cols;
        if (outer >= 0 && (format == FL_SPARSE_CSC || format == FL_SPARSE_CSR)) {
            detail::expect_size(fn, "ptr.size()", static_cast<std::int64_t>(ptr.size()), outer + 1);
            detail::expect_size(fn, "idx.size()", static_cast<std::int64_t>(idx.size()),
                                static_cast<std::int64_t>(ptr.back()));
            detail::expect_size(fn, "values.size()", entries_,
                                static_cast<std::int64_t>(ptr.back()));
        }
        fl_sparse *raw = nullptr;
        check(fl_sparse_create(&raw, format, index_type_of<I>::value, dtype_v<T>, rows, cols,
                               ptr.data(), idx.data(), values.data()));
        handle_.reset(raw);
    }

    // New values for the same pattern, one per entry of the arrays it was made from.
    template <class T>
    void set_values(const std::vector<T> &values) {
        detail::expect_size("fastlinalg::sparse_matrix::set_values", "values.size()",
                            static_cast<std::int64_t>(values.size()), entries_);
        check(fl_sparse_set_values(handle_.get(), dtype_v<T>, values.data()));
    }

    sparse_shape shape() const {
        sparse_shape s{0, 0, 0};
        check(fl_sparse_shape(handle_.get(), &s.rows, &s.cols, &s.nnz));
        return s;
    }

    // y = op(A) x into the caller's y.
    template <class X, class T>
    void multiply(const X &x, matrix_span<T> y, fl_transpose trans = FL_NO_TRANS) const {
        const matrix_view<T> xv = detail::as_view(x);
        const sparse_shape s = shape();
        const char *fn = "fl_sparse_multiply";
        detail::expect_size(fn, "x.rows", xv.rows, detail::transposes(trans) ? s.rows : s.cols);
        detail::expect_shape<T>(fn, "y", y, detail::transposes(trans) ? s.cols : s.rows, xv.cols);
        check(fl_sparse_multiply(handle_.get(), trans, dtype_v<T>, xv.cols, xv.layout, xv.data,
                                 xv.ld, y.layout, y.data, y.ld));
    }
    // y = op(A) x, returned in x's layout.
    template <class X>
    matrix<detail::elem_t<X>> multiply(const X &x, fl_transpose trans = FL_NO_TRANS) const {
        const auto xv = detail::as_view(x);
        const sparse_shape s = shape();
        matrix<detail::elem_t<X>> y(detail::transposes(trans) ? s.cols : s.rows, xv.cols,
                                    xv.layout);
        multiply(xv, y.span(), trans);
        return y;
    }

    fl_dtype dtype() const noexcept { return dtype_; }
    fl_sparse *get() noexcept { return handle_.get(); }
    const fl_sparse *get() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<fl_sparse, detail::deleter<fl_sparse, fl_sparse_destroy>> handle_;
    fl_dtype dtype_;
    std::int64_t entries_;
};

// ---- factors -------------------------------------------------------------------------------

struct logdet_result {
    double sign;       // +1, -1, or 0 for a singular EIGH or LDL^T factor
    double logabsdet;  // det(A) = sign * exp(logabsdet)
};

struct logdet_complex_result {
    std::complex<double> phase;  // det(A) / |det(A)|: modulus 1 (a real sign for a real A)
    double logabsdet;            // det(A) = phase * exp(logabsdet)
};

struct inertia_result {
    std::int64_t positive, negative, zero;
};

// A factorization of one matrix: immutable, shareable between threads for const use.
class factor {
public:
    // Factors A (any kind, FL_FACTOR_AUTO included).
    template <class M>
    factor(fl_factor_kind kind, const M &a) : factor(kind, detail::as_view(a), nullptr) {}
    template <class M>
    factor(fl_factor_kind kind, const M &a, const options &opts)
        : factor(kind, detail::as_view(a), opts.get()) {}
    // Factors a sparse matrix with one of the sparse kinds.
    factor(fl_factor_kind kind, const sparse_matrix &a) : factor(kind, a, nullptr) {}
    factor(fl_factor_kind kind, const sparse_matrix &a, const options &opts)
        : factor(kind, a, opts.get()) {}
    // Takes ownership of a handle made by the C API.
    explicit factor(fl_factor *owned) noexcept : handle_(owned) {}
    // The generalized symmetric-definite eigenproblem (fl_factor_create_generalized_eigh):
    // itype 1 is A v = w B v, 2 is A B v = w v, 3 is B A v = w v; A and B square, of one
    // element type and one layout. The factor's kind is FL_FACTOR_EIGH; its queries are A's.
    template <class A, class B>
    static factor generalized_eigh(int itype, const A &a, const B &b,
                                   const options *opts = nullptr) {
        const char *fn = "fl_factor_create_generalized_eigh";
        const auto av = detail::as_view(a);
        const matrix_view<detail::elem_t<A>> bv = detail::as_view(b);
        detail::expect_shape(fn, "a", av, av.rows, av.rows);
        detail::expect_shape(fn, "b", bv, av.rows, av.rows);
        detail::expect_layout(fn, "b", bv.layout, av.layout);
        fl_factor *raw = nullptr;
        check(fl_factor_create_generalized_eigh(&raw, itype, dtype_v<detail::elem_t<A>>, av.layout,
                                                av.rows, av.data, av.ld, bv.data, bv.ld,
                                                opts != nullptr ? opts->get() : nullptr));
        return factor(raw);
    }

    fl_factor_kind kind() const { return fl_factor_get_kind(handle_.get()); }
    fl_dtype dtype() const { return fl_factor_get_dtype(handle_.get()); }
    std::int64_t rows() const { return fl_factor_rows(handle_.get()); }
    std::int64_t cols() const { return fl_factor_cols(handle_.get()); }

    // op(A) X = B into the caller's X (which may be B itself for square kinds).
    template <class B, class T>
    void solve(const B &b, matrix_span<T> x, fl_transpose trans = FL_NO_TRANS) const {
        const matrix_view<T> bv = detail::as_view(b);
        const char *fn = "fl_factor_solve";
        detail::expect_size(fn, "b.rows", bv.rows, op_rows(fn, trans));
        detail::expect_shape<T>(fn, "x", x, op_cols(fn, trans), bv.cols);
        check(fl_factor_solve(handle_.get(), trans, dtype_v<T>, bv.cols, bv.layout, bv.data, bv.ld,
                              x.layout, x.data, x.ld));
    }
    // op(A) X = B, X returned in B's layout.
    template <class B>
    matrix<detail::elem_t<B>> solve(const B &b, fl_transpose trans = FL_NO_TRANS) const {
        const auto bv = detail::as_view(b);
        matrix<detail::elem_t<B>> x(op_cols("fl_factor_solve", trans), bv.cols, bv.layout);
        solve(bv, x.span(), trans);
        return x;
    }

    logdet_result logdet() const {
        logdet_result r{0, 0};
        check(fl_factor_logdet(handle_.get(), &r.sign, &r.logabsdet));
        return r;
    }
    // Every dtype; the one answer for a complex factor, whose fl_factor_logdet refuses.
    logdet_complex_result logdet_complex() const {
        double re = 0, im = 0, logabsdet = 0;
        check(fl_factor_logdet_complex(handle_.get(), &re, &im, &logabsdet));
        return {{re, im}, logabsdet};
    }
    double rcond() const {
        double r = 0;
        check(fl_factor_rcond(handle_.get(), &r));
        return r;
    }
    std::int64_t rank() const {
        std::int64_t r = 0;
        check(fl_factor_rank(handle_.get(), &r));
        return r;
    }
    inertia_result inertia() const {
        inertia_result r{0, 0, 0};
        check(fl_factor_inertia(handle_.get(), &r.positive, &r.negative, &r.zero));
        return r;
    }

    // A^-1 (the pseudo-inverse for QR, COD, SVD, EIGH), cols-by-rows.
    template <class T>
    void inverse(matrix_span<T> out) const {
        detail::expect_shape<T>("fl_factor_inverse", "out", out,
                                op_cols("fl_factor_inverse", FL_NO_TRANS),
                                op_rows("fl_factor_inverse", FL_NO_TRANS));
        check(fl_factor_inverse(handle_.get(), dtype_v<T>, out.layout, out.data, out.ld));
    }
    template <class T>
    matrix<T> inverse(fl_layout layout = FL_ROW_MAJOR) const {
        matrix<T> out(cols(), rows(), layout);
        inverse(out.span());
        return out;
    }

    std::pair<std::int64_t, std::int64_t> part_shape(fl_factor_part part) const {
        std::int64_t r = 0, c = 0;
        check(fl_factor_part_shape(handle_.get(), part, &r, &c));
        return {r, c};
    }
    template <class T>
    matrix<T> part(fl_factor_part which, fl_layout layout = FL_ROW_MAJOR) const {
        const auto shape = part_shape(which);
        matrix<T> out(shape.first, shape.second, layout);
        check(fl_factor_get_part(handle_.get(), which, dtype_v<T>, layout, out.data(), out.ld()));
        return out;
    }
    // An index part (FL_PART_ROW_PERMUTATION, FL_PART_PIVOTS of an LU factor).
    std::vector<std::int64_t> indices(fl_factor_part which) const {
        std::vector<std::int64_t> out(static_cast<std::size_t>(part_shape(which).first));
        check(fl_factor_get_indices(handle_.get(), which, out.data(),
                                    static_cast<std::int64_t>(out.size())));
        return out;
    }

    // C <- op(Q) C in place (QR, COD), C m-by-ncols.
    template <class T>
    void apply_q(matrix_span<T> c, fl_transpose trans = FL_NO_TRANS) const {
        detail::expect_size("fl_factor_apply_q", "c.rows", c.rows,
                            op_rows("fl_factor_apply_q", FL_NO_TRANS));
        check(fl_factor_apply_q(handle_.get(), trans, dtype_v<T>, c.cols, c.layout, c.data, c.ld));
    }

    // ||b_j - A x_j|| for the least-squares solutions of the columns of B (QR, COD, SVD);
    // real (float or double) for a complex B.
    template <class B>
    std::vector<decltype(std::abs(detail::elem_t<B>()))> residual_norms(const B &b) const {
        const auto bv = detail::as_view(b);
        using T = detail::elem_t<B>;
        detail::expect_size("fl_factor_residual_norms", "b.rows", bv.rows,
                            op_rows("fl_factor_residual_norms", FL_NO_TRANS));
        std::vector<decltype(std::abs(T()))> norms(
            static_cast<std::size_t>(std::max<std::int64_t>(bv.cols, 0)));
        check(fl_factor_residual_norms(handle_.get(), dtype_v<T>, bv.cols, bv.layout, bv.data,
                                       bv.ld, norms.data()));
        return norms;
    }

    // EIGH: (A + shifts[l] I) X_l = B for every shift, X_l in B's layout.
    template <class B>
    std::vector<matrix<detail::elem_t<B>>> solve_shifted(const std::vector<double> &shifts,
                                                         const B &b) const {
        const auto bv = detail::as_view(b);
        using T = detail::elem_t<B>;
        detail::expect_size("fl_factor_solve_shifted", "b.rows", bv.rows,
                            op_rows("fl_factor_solve_shifted", FL_NO_TRANS));
        const matrix<T> shape(cols(), bv.cols, bv.layout);  // one X_l, for its size and ld
        const auto each = static_cast<std::int64_t>(shape.elements().size());
        std::vector<T> all(shape.elements().size() * shifts.size());
        check(fl_factor_solve_shifted(handle_.get(), dtype_v<T>,
                                      static_cast<std::int64_t>(shifts.size()), shifts.data(),
                                      bv.cols, bv.layout, bv.data, bv.ld, bv.layout, all.data(),
                                      shape.ld(), std::max<std::int64_t>(each, 1)));
        std::vector<matrix<T>> xs(shifts.size(), shape);
        for (std::size_t l = 0; l < shifts.size(); ++l)
            std::copy_n(all.begin() + static_cast<std::ptrdiff_t>(l) * each,
                        static_cast<std::size_t>(each), xs[l].data());
        return xs;
    }

    // Cholesky: a new factor of A + sign V V^T.
    template <class V>
    factor rank_update(int sign, const V &v) const {
        const auto vv = detail::as_view(v);
        detail::expect_size("fl_factor_rank_update", "v.rows", vv.rows,
                            op_rows("fl_factor_rank_update", FL_NO_TRANS));
        fl_factor *raw = nullptr;
        check(fl_factor_rank_update(&raw, handle_.get(), sign, dtype_v<detail::elem_t<V>>, vv.cols,
                                    vv.layout, vv.data, vv.ld));
        return factor(raw);
    }
    // Sparse Cholesky: a new factor of A + sign V V^T for a sparse V.
    factor rank_update(int sign, const sparse_matrix &v) const {
        fl_factor *raw = nullptr;
        check(fl_factor_rank_update_sparse(&raw, handle_.get(), sign, v.get()));
        return factor(raw);
    }
    // Sparse kinds: a new factor of the same pattern with a's values.
    factor refactor(const sparse_matrix &a) const {
        fl_factor *raw = nullptr;
        check(fl_factor_refactor(&raw, handle_.get(), a.get()));
        return factor(raw);
    }

    // ---- products with A^-1 (A square, n-by-n); results in Y's layout ----

    // Y^T A^-1 Y, k-by-k.
    template <class Y>
    matrix<detail::elem_t<Y>> quadratic_form(const Y &y) const {
        const auto yv = checked_y("fl_factor_quadratic_form", y);
        matrix<detail::elem_t<Y>> out(yv.cols, yv.cols, yv.layout);
        check(fl_factor_quadratic_form(handle_.get(), dtype_v<detail::elem_t<Y>>, yv.cols,
                                       yv.layout, yv.data, yv.ld, out.layout(), out.data(),
                                       out.ld()));
        return out;
    }
    // Y^T A^-1 W, k-by-p.
    template <class Y, class W>
    matrix<detail::elem_t<Y>> bilinear_form(const Y &y, const W &w) const {
        const auto yv = checked_y("fl_factor_bilinear_form", y);
        const matrix_view<detail::elem_t<Y>> wv = checked_y("fl_factor_bilinear_form", w);
        matrix<detail::elem_t<Y>> out(yv.cols, wv.cols, yv.layout);
        check(fl_factor_bilinear_form(handle_.get(), dtype_v<detail::elem_t<Y>>, yv.cols, yv.layout,
                                      yv.data, yv.ld, wv.cols, wv.layout, wv.data, wv.ld,
                                      out.layout(), out.data(), out.ld()));
        return out;
    }
    // A^-1 Y A^-1 for an n-by-n Y.
    template <class Y>
    matrix<detail::elem_t<Y>> sandwich(const Y &y) const {
        const auto yv = checked_square_y("fl_factor_sandwich", y);
        matrix<detail::elem_t<Y>> out(yv.rows, yv.rows, yv.layout);
        check(fl_factor_sandwich(handle_.get(), dtype_v<detail::elem_t<Y>>, yv.layout, yv.data,
                                 yv.ld, out.layout(), out.data(), out.ld()));
        return out;
    }
    // trace(A^-1 Y) for an n-by-n Y.
    template <class Y>
    double trace_solve(const Y &y) const {
        const auto yv = checked_square_y("fl_factor_trace_solve", y);
        double trace = 0;
        check(fl_factor_trace_solve(handle_.get(), dtype_v<detail::elem_t<Y>>, yv.layout, yv.data,
                                    yv.ld, &trace));
        return trace;
    }
    // diag(A^-1), n values.
    template <class T>
    std::vector<T> inverse_diagonal() const {
        std::vector<T> diag(static_cast<std::size_t>(std::max<std::int64_t>(rows(), 0)));
        check(fl_factor_inverse_diagonal(handle_.get(), dtype_v<T>, diag.data()));
        return diag;
    }
    // y_j^T A^-1 y_j for the k columns of Y.
    template <class Y>
    std::vector<detail::elem_t<Y>> mahalanobis(const Y &y) const {
        const auto yv = checked_y("fl_factor_mahalanobis", y);
        std::vector<detail::elem_t<Y>> out(
            static_cast<std::size_t>(std::max<std::int64_t>(yv.cols, 0)));
        check(fl_factor_mahalanobis(handle_.get(), dtype_v<detail::elem_t<Y>>, yv.cols, yv.layout,
                                    yv.data, yv.ld, out.data()));
        return out;
    }

    // ---- saving and loading (fl_factor_serialize, fl_factor_deserialize) ----

    // The factor's serialized bytes, to rebuild it in another process.
    std::vector<unsigned char> serialize() const {
        std::int64_t size = 0;
        check(fl_factor_serialized_size(handle_.get(), &size));
        std::vector<unsigned char> bytes(static_cast<std::size_t>(size));
        check(fl_factor_serialize(handle_.get(), bytes.data(), size));
        return bytes;
    }
    // A factor rebuilt from what serialize() (or fl_factor_serialize) wrote.
    static factor deserialize(const void *data, std::size_t size) {
        fl_factor *raw = nullptr;
        check(fl_factor_deserialize(&raw, data, static_cast<std::int64_t>(size)));
        return factor(raw);
    }
    static factor deserialize(const std::vector<unsigned char> &bytes) {
        return deserialize(bytes.data(), bytes.size());
    }
    // serialize() into a file, and back. A file that cannot be opened, written or read
    // throws fastlinalg::error with FL_ERR_INVALID_ARGUMENT naming the path.
    void save(const std::string &path) const {
        const std::vector<unsigned char> bytes = serialize();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out.flush())
            throw error(FL_ERR_INVALID_ARGUMENT, "fastlinalg::factor::save: cannot write " + path);
    }
    static factor load(const std::string &path) {
        std::ifstream in(path, std::ios::binary);
        std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                         std::istreambuf_iterator<char>());
        if (!in.is_open() || in.bad())
            throw error(FL_ERR_INVALID_ARGUMENT, "fastlinalg::factor::load: cannot read " + path);
        return deserialize(bytes);
    }

    fl_factor *get() noexcept { return handle_.get(); }
    const fl_factor *get() const noexcept { return handle_.get(); }
    fl_factor *release() noexcept { return handle_.release(); }

private:
    template <class T>
    factor(fl_factor_kind kind, matrix_view<T> a, const fl_options *opts) {
        fl_factor *raw = nullptr;
        check(
            fl_factor_create(&raw, kind, dtype_v<T>, a.layout, a.rows, a.cols, a.data, a.ld, opts));
        handle_.reset(raw);
    }
    factor(fl_factor_kind kind, const sparse_matrix &a, const fl_options *opts) {
        fl_factor *raw = nullptr;
        check(fl_factor_create_sparse(&raw, kind, a.get(), opts));
        handle_.reset(raw);
    }
    // The sizes the wrapper checks against: B has op(A)'s rows, X op(A)'s columns. A
    // moved-from factor has none, and says so rather than reporting a size mismatch.
    std::int64_t op_rows(const char *fn, fl_transpose trans) const {
        require_handle(fn);
        return detail::transposes(trans) ? cols() : rows();
    }
    std::int64_t op_cols(const char *fn, fl_transpose trans) const {
        require_handle(fn);
        return detail::transposes(trans) ? rows() : cols();
    }
    void require_handle(const char *fn) const {
        if (!handle_)
            throw error(FL_ERR_INVALID_ARGUMENT,
                        std::string(fn) + ": factor is NULL (a moved-from fastlinalg::factor)");
    }
    template <class Y>
    matrix_view<detail::elem_t<Y>> checked_y(const char *fn, const Y &y) const {
        const auto yv = detail::as_view(y);
        detail::expect_size(fn, "y.rows", yv.rows, op_rows(fn, FL_NO_TRANS));
        return yv;
    }
    template <class Y>
    matrix_view<detail::elem_t<Y>> checked_square_y(const char *fn, const Y &y) const {
        const auto yv = detail::as_view(y);
        const std::int64_t n = op_rows(fn, FL_NO_TRANS);
        detail::expect_shape(fn, "y", yv, n, n);
        return yv;
    }

    std::unique_ptr<fl_factor, detail::deleter<fl_factor, fl_factor_destroy>> handle_;
};

// ---- batches of small matrices -------------------------------------------------------------

// count matrices of one shape at a fixed element stride (numpy's (count, m, n) stacks), as
// the C header's "Batches of small matrices" section describes. The pointers are the
// caller's: the sizes that the C calls check (ld, stride, overlap) are checked there.
template <class T>
struct stack_ref {
    fl_layout layout;
    std::int64_t count, rows, cols;
    T *data;
    std::int64_t ld, stride;
};

// A factored batch (fl_batch): LU, Cholesky, LDL^T, QR or EIGH of every matrix of a stack.
// One bad matrix does not throw: info()[l] is its fl_status and its results are NaN.
class batch {
public:
    template <class T>
    batch(fl_factor_kind kind, const stack_ref<const T> &a, const options *opts = nullptr)
        : info_(static_cast<std::size_t>(a.count)) {
        fl_batch *raw = nullptr;
        check(fl_batch_create(&raw, kind, dtype_v<T>, a.layout, a.count, a.rows, a.cols, a.data,
                              a.ld, a.stride, opts != nullptr ? opts->get() : nullptr,
                              info_.data()));
        handle_.reset(raw);
    }

    // fl_status of each matrix when it was factored (FL_OK = 0).
    const std::vector<std::int32_t> &info() const { return info_; }
    std::int64_t count() const { return static_cast<std::int64_t>(info_.size()); }

    // X_l = A_l^-1 B_l (QR: least squares) for every l; x may be b (square kinds).
    template <class T>
    void solve(std::int64_t nrhs, const stack_ref<const T> &b, const stack_ref<T> &x) const {
        check(fl_batch_solve(handle_.get(), dtype_v<T>, nrhs, b.layout, b.data, b.ld, b.stride,
                             x.data, x.ld, x.stride));
    }
    std::vector<logdet_result> logdet() const {
        std::vector<double> sign(info_.size()), logabsdet(info_.size());
        check(fl_batch_logdet(handle_.get(), sign.data(), logabsdet.data()));
        std::vector<logdet_result> out(info_.size());
        for (std::size_t l = 0; l < out.size(); ++l) out[l] = {sign[l], logabsdet[l]};
        return out;
    }
    std::vector<double> rcond() const {
        std::vector<double> out(info_.size());
        check(fl_batch_rcond(handle_.get(), out.data()));
        return out;
    }
    template <class T>
    void inverse(const stack_ref<T> &inv) const {
        check(fl_batch_inverse(handle_.get(), dtype_v<T>, inv.layout, inv.data, inv.ld, inv.stride));
    }
    template <class T>
    void get_part(fl_factor_part part, const stack_ref<T> &out) const {
        check(fl_batch_get_part(handle_.get(), part, dtype_v<T>, out.layout, out.data, out.ld,
                                out.stride));
    }

private:
    std::vector<std::int32_t> info_;
    std::unique_ptr<fl_batch, detail::deleter<fl_batch, fl_batch_destroy>> handle_;
};

// ---- kernels -------------------------------------------------------------------------------

// A stationary kernel sigma_f^2 kappa(r) plus noise; immutable, shareable between threads.
class kernel {
public:
    kernel(fl_kernel_kind kind, fl_metric metric, std::int64_t dim,
           const std::vector<double> &params, double sigma_f, double noise = 0.0)
        : dim_(dim), nparams_(static_cast<std::int64_t>(params.size())) {
        fl_kernel *raw = nullptr;
        check(fl_kernel_create(&raw, kind, metric, dim, nparams_, params.data(), sigma_f, noise));
        handle_.reset(raw);
    }

    // K(X1, X1): symmetric, noise on the diagonal. Points are the rows of X1 (n1-by-dim).
    template <class X>
    ::fastlinalg::matrix<detail::elem_t<X>> matrix(const X &x1) const {
        const auto v = points("fl_kernel_matrix", x1);
        ::fastlinalg::matrix<detail::elem_t<X>> k(v.rows, v.rows, v.layout);
        check(fl_kernel_matrix(handle_.get(), dtype_v<detail::elem_t<X>>, v.layout, v.rows, v.data,
                               v.ld, v.rows, nullptr, 1, k.layout(), k.data(), k.ld()));
        return k;
    }
    // K(X1, X2): no noise. X2 in X1's layout.
    template <class X1, class X2>
    ::fastlinalg::matrix<detail::elem_t<X1>> matrix(const X1 &x1, const X2 &x2) const {
        const auto v1 = points("fl_kernel_matrix", x1);
        const matrix_view<detail::elem_t<X1>> v2 = points("fl_kernel_matrix", x2);
        detail::expect_layout("fl_kernel_matrix", "x2", v2.layout, v1.layout);
        ::fastlinalg::matrix<detail::elem_t<X1>> k(v1.rows, v2.rows, v1.layout);
        check(fl_kernel_matrix(handle_.get(), dtype_v<detail::elem_t<X1>>, v1.layout, v1.rows,
                               v1.data, v1.ld, v2.rows, v2.data, v2.ld, k.layout(), k.data(),
                               k.ld()));
        return k;
    }

    // sum_ij W_ij dK_ij/dtheta: d/dsigma_f, d/dnoise, then d/dparams (2 + nparams values).
    template <class X, class W>
    std::vector<double> gradient(const X &x1, const W &w) const {
        const auto v = points("fl_kernel_gradient", x1);
        const matrix_view<detail::elem_t<X>> wv = detail::as_view(w);
        detail::expect_shape("fl_kernel_gradient", "w", wv, v.rows, v.rows);
        std::vector<double> grad(static_cast<std::size_t>(2 + nparams_));
        check(fl_kernel_gradient(handle_.get(), dtype_v<detail::elem_t<X>>, v.layout, v.rows,
                                 v.data, v.ld, v.rows, nullptr, 1, wv.layout, wv.data, wv.ld,
                                 grad.data()));
        return grad;
    }
    template <class X1, class X2, class W>
    std::vector<double> gradient(const X1 &x1, const X2 &x2, const W &w) const {
        const auto v1 = points("fl_kernel_gradient", x1);
        const matrix_view<detail::elem_t<X1>> v2 = points("fl_kernel_gradient", x2);
        const matrix_view<detail::elem_t<X1>> wv = detail::as_view(w);
        detail::expect_layout("fl_kernel_gradient", "x2", v2.layout, v1.layout);
        detail::expect_shape("fl_kernel_gradient", "w", wv, v1.rows, v2.rows);
        std::vector<double> grad(static_cast<std::size_t>(2 + nparams_));
        check(fl_kernel_gradient(handle_.get(), dtype_v<detail::elem_t<X1>>, v1.layout, v1.rows,
                                 v1.data, v1.ld, v2.rows, v2.data, v2.ld, wv.layout, wv.data, wv.ld,
                                 grad.data()));
        return grad;
    }

    std::int64_t dim() const noexcept { return dim_; }
    std::int64_t nparams() const noexcept { return nparams_; }
    const fl_kernel *get() const noexcept { return handle_.get(); }

private:
    template <class X>
    matrix_view<detail::elem_t<X>> points(const char *fn, const X &x) const {
        const auto v = detail::as_view(x);
        detail::expect_size(fn, "points' cols (dim)", v.cols, dim_);
        return v;
    }
    std::unique_ptr<fl_kernel, detail::deleter<fl_kernel, fl_kernel_destroy>> handle_;
    std::int64_t dim_, nparams_;
};

// ---- rolled products -----------------------------------------------------------------------

// out[i, j] = A[i] B[(i + j) mod d] for packed stacks a (d m-by-n), b (d n-by-l) and out
// (d k m-by-l), every matrix in `layout`. Sizes the C call takes as given: a holds d m n, b
// d n l and out d k m l elements.
template <class T>
void rolled_matmul(fl_layout layout, std::int64_t d, std::int64_t k, std::int64_t m, std::int64_t n,
                   std::int64_t l, const T *a, const T *b, T *out) {
    check(fl_rolled_matmul(dtype_v<T>, layout, d, k, m, n, l, a, b, out));
}
// The same from std::vectors, returning out.
template <class T>
std::vector<T> rolled_matmul(fl_layout layout, std::int64_t d, std::int64_t k, std::int64_t m,
                             std::int64_t n, std::int64_t l, const std::vector<T> &a,
                             const std::vector<T> &b) {
    const char *fn = "fl_rolled_matmul";
    detail::expect_size(fn, "a.size()", static_cast<std::int64_t>(a.size()), d * m * n);
    detail::expect_size(fn, "b.size()", static_cast<std::int64_t>(b.size()), d * n * l);
    std::vector<T> out(static_cast<std::size_t>(std::max<std::int64_t>(d * k * m * l, 0)));
    rolled_matmul(layout, d, k, m, n, l, a.data(), b.data(), out.data());
    return out;
}

// ---- binning -------------------------------------------------------------------------------

template <class T>
std::vector<std::int64_t> digitize(const std::vector<T> &x, const std::vector<T> &edges,
                                   bool right = false) {
    std::vector<std::int64_t> bins(x.size());
    check(fl_digitize(dtype_v<T>, static_cast<std::int64_t>(x.size()), x.data(),
                      static_cast<std::int64_t>(edges.size()), edges.data(), right ? 1 : 0,
                      bins.data()));
    return bins;
}

inline std::vector<std::int64_t> bincount(const std::vector<std::int64_t> &labels,
                                          std::int64_t nbins) {
    std::vector<std::int64_t> counts(static_cast<std::size_t>(std::max<std::int64_t>(nbins, 0)));
    check(
        fl_bincount(static_cast<std::int64_t>(labels.size()), labels.data(), nbins, counts.data()));
    return counts;
}

template <class T>
std::vector<T> bincount_weighted(const std::vector<std::int64_t> &labels,
                                 const std::vector<T> &weights, std::int64_t nbins) {
    detail::expect_size("fl_bincount_weighted", "weights.size()",
                        static_cast<std::int64_t>(weights.size()),
                        static_cast<std::int64_t>(labels.size()));
    std::vector<T> sums(static_cast<std::size_t>(std::max<std::int64_t>(nbins, 0)));
    check(fl_bincount_weighted(static_cast<std::int64_t>(labels.size()), labels.data(), dtype_v<T>,
                               weights.data(), nbins, sums.data()));
    return sums;
}

// perm[offsets[b] .. offsets[b+1]) are the indices with label b, in increasing order.
struct bin_groups {
    std::vector<std::int64_t> offsets, perm;
};

inline bin_groups group_by_bin(const std::vector<std::int64_t> &labels, std::int64_t nbins) {
    bin_groups g{
        std::vector<std::int64_t>(static_cast<std::size_t>(std::max<std::int64_t>(nbins, 0) + 1)),
        std::vector<std::int64_t>(labels.size())};
    check(fl_group_by_bin(static_cast<std::int64_t>(labels.size()), labels.data(), nbins,
                          g.offsets.data(), g.perm.data()));
    return g;
}

// ---- block-partitioned sums (results in A's layout) ------------------------------------------

namespace detail {
// How many blocks of n rows a matrix of m rows holds, when n divides m; anything else is left
// to the C call to report, and only sizes the result (0).
inline std::int64_t blocks(std::int64_t m, std::int64_t n) {
    return n > 0 && m >= 0 && m % n == 0 ? m / n : 0;
}
}  // namespace detail

// sum_i A_i B_i^T, n1-by-n2 (B has A's columns).
template <class A, class B>
matrix<detail::elem_t<A>> block_sum_abt(const A &a, const B &b, std::int64_t n1, std::int64_t n2) {
    const auto av = detail::as_view(a);
    const matrix_view<detail::elem_t<A>> bv = detail::as_view(b);
    detail::expect_size("fl_block_sum_abt", "b.cols", bv.cols, av.cols);
    matrix<detail::elem_t<A>> out(n1, n2, av.layout);
    check(fl_block_sum_abt(dtype_v<detail::elem_t<A>>, av.rows, bv.rows, av.cols, n1, n2, av.layout,
                           av.data, av.ld, bv.layout, bv.data, bv.ld, out.layout(), out.data(),
                           out.ld()));
    return out;
}

// sum_i A_i C B_i^T, n1-by-n2; C is A.cols-by-B.cols.
template <class A, class C, class B>
matrix<detail::elem_t<A>> block_sum_acbt(const A &a, const C &c, const B &b, std::int64_t n1,
                                         std::int64_t n2) {
    const auto av = detail::as_view(a);
    const matrix_view<detail::elem_t<A>> cv = detail::as_view(c), bv = detail::as_view(b);
    detail::expect_shape("fl_block_sum_acbt", "c", cv, av.cols, bv.cols);
    matrix<detail::elem_t<A>> out(n1, n2, av.layout);
    check(fl_block_sum_acbt(dtype_v<detail::elem_t<A>>, av.rows, bv.rows, av.cols, bv.cols, n1, n2,
                            av.layout, av.data, av.ld, cv.layout, cv.data, cv.ld, bv.layout,
                            bv.data, bv.ld, out.layout(), out.data(), out.ld()));
    return out;
}

// sum_i (A_i - B_i C)(A_i - B_i C)^T, n-by-n; B has A's rows, C is B.cols-by-A.cols.
template <class A, class B, class C>
matrix<detail::elem_t<A>> block_sum_residual(const A &a, const B &b, const C &c, std::int64_t n) {
    const auto av = detail::as_view(a);
    const matrix_view<detail::elem_t<A>> bv = detail::as_view(b), cv = detail::as_view(c);
    detail::expect_size("fl_block_sum_residual", "b.rows", bv.rows, av.rows);
    detail::expect_shape("fl_block_sum_residual", "c", cv, bv.cols, av.cols);
    matrix<detail::elem_t<A>> out(n, n, av.layout);
    check(fl_block_sum_residual(dtype_v<detail::elem_t<A>>, av.rows, av.cols, bv.cols, n, av.layout,
                                av.data, av.ld, bv.layout, bv.data, bv.ld, cv.layout, cv.data,
                                cv.ld, out.layout(), out.data(), out.ld()));
    return out;
}

// sum_i A_i (x) B_i, (n1 n2)-by-(A.cols B.cols).
template <class A, class B>
matrix<detail::elem_t<A>> block_sum_kron(const A &a, const B &b, std::int64_t n1, std::int64_t n2) {
    const auto av = detail::as_view(a);
    const matrix_view<detail::elem_t<A>> bv = detail::as_view(b);
    matrix<detail::elem_t<A>> out(n1 * n2, av.cols * bv.cols, av.layout);
    check(fl_block_sum_kron(dtype_v<detail::elem_t<A>>, av.rows, bv.rows, av.cols, bv.cols, n1, n2,
                            av.layout, av.data, av.ld, bv.layout, bv.data, bv.ld, out.layout(),
                            out.data(), out.ld()));
    return out;
}

// sum_j sum_i A_i B_j^T (x) C_i D_j^T, n1^2-by-n2^2: A, C share rows; B, D share rows; A, B
// share columns (k1); C, D share columns (k2).
template <class A, class B, class C, class D>
matrix<detail::elem_t<A>> block_sum_kron_abt_cdt(const A &a, const B &b, const C &c, const D &d,
                                                 std::int64_t n1, std::int64_t n2) {
    const auto av = detail::as_view(a);
    using T = detail::elem_t<A>;
    const matrix_view<T> bv = detail::as_view(b), cv = detail::as_view(c), dv = detail::as_view(d);
    const char *fn = "fl_block_sum_kron_abt_cdt";
    detail::expect_size(fn, "b.cols", bv.cols, av.cols);
    detail::expect_size(fn, "c.rows", cv.rows, av.rows);
    detail::expect_shape(fn, "d", dv, bv.rows, cv.cols);
    matrix<T> out(n1 * n1, n2 * n2, av.layout);
    check(fl_block_sum_kron_abt_cdt(dtype_v<T>, av.rows, bv.rows, av.cols, cv.cols, n1, n2,
                                    av.layout, av.data, av.ld, bv.layout, bv.data, bv.ld, cv.layout,
                                    cv.data, cv.ld, dv.layout, dv.data, dv.ld, out.layout(),
                                    out.data(), out.ld()));
    return out;
}

// sum_i sum_j A_ij (x) B_i C_j^T, n1^2-by-n2^2: A m1-by-m2, B m1-by-k, C m2-by-k.
template <class A, class B, class C>
matrix<detail::elem_t<A>> block_sum_kron_grid(const A &a, const B &b, const C &c, std::int64_t n1,
                                              std::int64_t n2) {
    const auto av = detail::as_view(a);
    using T = detail::elem_t<A>;
    const matrix_view<T> bv = detail::as_view(b), cv = detail::as_view(c);
    const char *fn = "fl_block_sum_kron_grid";
    detail::expect_size(fn, "b.rows", bv.rows, av.rows);
    detail::expect_shape(fn, "c", cv, av.cols, bv.cols);
    matrix<T> out(n1 * n1, n2 * n2, av.layout);
    check(fl_block_sum_kron_grid(dtype_v<T>, av.rows, av.cols, bv.cols, n1, n2, av.layout, av.data,
                                 av.ld, bv.layout, bv.data, bv.ld, cv.layout, cv.data, cv.ld,
                                 out.layout(), out.data(), out.ld()));
    return out;
}

// ---- matrix calculus (results in X's layout, or the one given) -------------------------------

// vecb(X): row i l2 + j is vec(X_ij)^T for the n1-by-n2 blocks X_ij.
template <class X>
matrix<detail::elem_t<X>> vecb(const X &x, std::int64_t n1, std::int64_t n2) {
    const auto xv = detail::as_view(x);
    matrix<detail::elem_t<X>> out(detail::blocks(xv.rows, n1) * detail::blocks(xv.cols, n2),
                                  n1 * n2, xv.layout);
    check(fl_vecb(dtype_v<detail::elem_t<X>>, xv.rows, xv.cols, n1, n2, xv.layout, xv.data, xv.ld,
                  out.layout(), out.data(), out.ld()));
    return out;
}

// vech(X) of a square X: its lower triangle, column by column.
template <class X>
std::vector<detail::elem_t<X>> vech(const X &x) {
    const auto xv = detail::as_view(x);
    detail::expect_size("fl_vech", "x.cols", xv.cols, xv.rows);
    const std::int64_t n = std::max<std::int64_t>(xv.rows, 0);
    std::vector<detail::elem_t<X>> out(static_cast<std::size_t>(n * (n + 1) / 2));
    check(fl_vech(dtype_v<detail::elem_t<X>>, xv.rows, xv.layout, xv.data, xv.ld, out.data()));
    return out;
}

// K(m,n) X for X (m n)-by-ncols.
template <class X>
matrix<detail::elem_t<X>> commutation_apply(std::int64_t m, std::int64_t n, const X &x) {
    const auto xv = detail::as_view(x);
    detail::expect_size("fl_commutation_apply", "x.rows", xv.rows, m * n);
    matrix<detail::elem_t<X>> out(xv.rows, xv.cols, xv.layout);
    check(fl_commutation_apply(dtype_v<detail::elem_t<X>>, m, n, xv.cols, xv.layout, xv.data, xv.ld,
                               out.layout(), out.data(), out.ld()));
    return out;
}

// K(m,n) itself, (m n)-by-(m n).
template <class T>
matrix<T> commutation_matrix(std::int64_t m, std::int64_t n, fl_layout layout = FL_ROW_MAJOR) {
    matrix<T> out(m * n, m * n, layout);
    check(fl_commutation_matrix(dtype_v<T>, m, n, layout, out.data(), out.ld()));
    return out;
}

namespace detail {
// D(n) is n^2-by-n(n+1)/2; its pseudo-inverse the other way round.
inline std::pair<std::int64_t, std::int64_t> duplication_shape(std::int64_t n, bool pinv) {
    const std::int64_t full = n * n, half = n * (n + 1) / 2;
    return pinv ? std::make_pair(half, full) : std::make_pair(full, half);
}
}  // namespace detail

// op(M) X with M = D(n) (pinv false) or D(n)^+ (pinv true).
template <class X>
matrix<detail::elem_t<X>> duplication_apply(std::int64_t n, bool pinv, const X &x,
                                            fl_transpose trans = FL_NO_TRANS) {
    const auto xv = detail::as_view(x);
    auto shape = detail::duplication_shape(n, pinv);
    if (detail::transposes(trans)) std::swap(shape.first, shape.second);
    detail::expect_size("fl_duplication_apply", "x.rows", xv.rows, shape.second);
    matrix<detail::elem_t<X>> out(shape.first, xv.cols, xv.layout);
    check(fl_duplication_apply(dtype_v<detail::elem_t<X>>, n, pinv ? 1 : 0, trans, xv.cols,
                               xv.layout, xv.data, xv.ld, out.layout(), out.data(), out.ld()));
    return out;
}

// D(n) or D(n)^+ itself.
template <class T>
matrix<T> duplication_matrix(std::int64_t n, bool pinv, fl_layout layout = FL_ROW_MAJOR) {
    const auto shape = detail::duplication_shape(n, pinv);
    matrix<T> out(shape.first, shape.second, layout);
    check(fl_duplication_matrix(dtype_v<T>, n, pinv ? 1 : 0, layout, out.data(), out.ld()));
    return out;
}

}  // namespace fastlinalg

#endif  // FASTLINALG_HPP
