#include "capi/arguments.hpp"
#include "capi/array_args.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/typed.hpp"

namespace fl::capi {
namespace {

constexpr int64_t lapack_int_max = std::numeric_limits<int32_t>::max();

[[noreturn]] void invalid(const std::string &message) {
    throw Error(ErrorCode::invalid_argument, message);
}

std::string named(const char *name, int64_t value) {
    return std::string(name) + " = " + std::to_string(value);
}

const char *layout_word(Layout layout) {
    return layout == Layout::row_major ? "row-major" : "column-major";
}

}  // namespace

uintptr_t extent_bytes(const MatrixRef &m, Dtype dtype) {
    const int64_t lines = m.stored_cols(), line_length = m.stored_rows();
    if (lines == 0 || line_length == 0) return 0;
    return static_cast<uintptr_t>((lines - 1) * m.ld + line_length) * element_size(dtype);
}

Dtype to_dtype(fl_dtype dtype, const char *name) {
    if (dtype == FL_FLOAT32) return Dtype::float32;
    if (dtype == FL_FLOAT64) return Dtype::float64;
    if (dtype == FL_COMPLEX64) return Dtype::complex64;
    if (dtype == FL_COMPLEX128) return Dtype::complex128;
    invalid(
        named(name, dtype) +
        " is not a dtype (FL_FLOAT32 = 1, FL_FLOAT64 = 2, FL_COMPLEX64 = 3 or FL_COMPLEX128 = 4)");
}

Layout to_layout(fl_layout layout, const char *name) {
    if (layout == FL_ROW_MAJOR) return Layout::row_major;
    if (layout == FL_COL_MAJOR) return Layout::col_major;
    invalid(named(name, layout) + " is not a layout (FL_ROW_MAJOR = 1 or FL_COL_MAJOR = 2)");
}

Transpose to_transpose(fl_transpose trans, const char *name, Dtype dtype) {
    if (trans == FL_NO_TRANS) return Transpose::no;
    if (trans == FL_TRANS) return Transpose::yes;
    // A^H is A^T for a real A, so the core's real code never sees Transpose::conj.
    if (trans == FL_CONJ_TRANS)
        return typed(dtype, [](auto t) {
            return is_complex_v<decltype(t)> ? Transpose::conj : Transpose::yes;
        });
    invalid(named(name, trans) +
            " is not a transpose flag (FL_NO_TRANS = 1, FL_TRANS = 2 or FL_CONJ_TRANS = 3)");
}

Triangle to_triangle(int64_t value, const char *name) {
    if (value == FL_LOWER) return Triangle::lower;
    if (value == FL_UPPER) return Triangle::upper;
    invalid(named(name, value) + " is not a triangle (FL_LOWER = 1 or FL_UPPER = 2)");
}

std::size_t element_size(Dtype dtype) {
    return typed(dtype, [](auto t) { return sizeof(t); });
}

void require_not_null(const void *pointer, const char *name) {
    if (pointer == nullptr) invalid(std::string(name) + " is NULL");
}

void require_non_negative(int64_t value, const char *name) {
    if (value < 0) invalid(named(name, value) + " is negative");
}

MatrixRef matrix_arg(const MatrixNames &names, Dtype dtype, fl_layout layout, int64_t rows,
                     int64_t cols, const void *data, int64_t ld) {
    // Most calls pass in a few comparisons: sizes up to 2^29 cannot span 2^63 bytes. The
    // rest take the full checks below, which also say what is wrong.
    constexpr int64_t plainly_addressable = int64_t{1} << 29;
    const int64_t line = layout == FL_ROW_MAJOR ? cols : rows;
    if ((layout == FL_ROW_MAJOR || layout == FL_COL_MAJOR) && rows >= 0 && cols >= 0 &&
        rows <= plainly_addressable && cols <= plainly_addressable && ld <= plainly_addressable &&
        ld >= std::max<int64_t>(1, line) && (data != nullptr || rows == 0 || cols == 0))
        return MatrixRef{layout == FL_ROW_MAJOR ? Layout::row_major : Layout::col_major, rows, cols,
                         ld, const_cast<void *>(data)};
    // Every call checks matrices here: the argument's name is spelt out only for a bad layout.
    const Layout lay = layout == FL_ROW_MAJOR || layout == FL_COL_MAJOR
                           ? to_layout(layout, names.matrix)
                           : to_layout(layout, (std::string(names.matrix) + "'s layout").c_str());
    require_non_negative(rows, names.rows);
    require_non_negative(cols, names.cols);
    for (auto [value, name] : {std::pair{rows, names.rows}, {cols, names.cols}, {ld, names.ld}})
        if (value > lapack_int_max)
            throw Error(ErrorCode::too_large, named(name, value) +
                                                  " exceeds 2147483647, the largest size LAPACK's "
                                                  "32-bit integers can hold");

    const bool row_major = lay == Layout::row_major;
    const int64_t line_length = row_major ? cols : rows;
    if (ld < std::max<int64_t>(1, line_length))
        invalid(named(names.ld, ld) + (ld < 1 ? " is smaller than 1" : " is smaller than ") +
                (ld < 1 ? "" : named(row_major ? names.cols : names.rows, line_length)) + " (" +
                layout_word(lay) + " " + names.matrix + ")");

    const int64_t lines = row_major ? rows : cols;
    if (lines > 0 && line_length > 0) {
        // (lines - 1) * ld + line_length elements must be addressable in bytes.
        const int64_t limit = std::numeric_limits<int64_t>::max() / static_cast<int64_t>(element_size(dtype));
        if ((lines - 1) > (limit - line_length) / ld)
            throw Error(ErrorCode::too_large, std::string(names.matrix) + " spans more than 2^63 bytes (" +
                                                  named(names.rows, rows) + ", " +
                                                  named(names.cols, cols) + ", " + named(names.ld, ld) + ")");
        if (data == nullptr)
            invalid(std::string(names.matrix) + " is NULL but has " + std::to_string(rows) + " x " +
                    std::to_string(cols) + " elements");
    }
    return MatrixRef{lay, rows, cols, ld, const_cast<void *>(data)};
}

void require_in_place_or_disjoint(const MatrixRef &b, const MatrixRef &x, Dtype dtype) {
    const auto b_begin = reinterpret_cast<uintptr_t>(b.data);
    const auto x_begin = reinterpret_cast<uintptr_t>(x.data);
    const uintptr_t b_end = b_begin + extent_bytes(b, dtype), x_end = x_begin + extent_bytes(x, dtype);
    if (b_begin == b_end || x_begin == x_end) return;  // an empty matrix overlaps nothing
    if (b_begin == x_begin) {
        if (b.rows != x.rows)
            invalid("x == b (in place) needs B and X of one shape, but B has " +
                    std::to_string(b.rows) + " rows and X " + std::to_string(x.rows));
        if (b.layout != x.layout || b.ld != x.ld)
            invalid("x == b (in place) needs the same layout and leading dimension, but ldb = " +
                    std::to_string(b.ld) + " (" + layout_word(b.layout) + "), ldx = " +
                    std::to_string(x.ld) + " (" + layout_word(x.layout) + ")");
        return;
    }
    if (b_begin < x_end && x_begin < b_end)
        invalid("b and x overlap without being the same matrix: pass x == b to solve in place, "
                "or separate buffers");
}

void require_disjoint(const MatrixRef &in, const char *in_name, const MatrixRef &out, const char *out_name,
                      Dtype dtype) {
    require_disjoint(out.data, static_cast<int64_t>(extent_bytes(out, dtype)), out_name, in.data,
                     static_cast<int64_t>(extent_bytes(in, dtype)), in_name);
}

void require_stacked_outputs(const MatrixRef &b, const MatrixRef &x0, int64_t count, int64_t stride,
                             Dtype dtype) {
    if (count == 0) return;
    if (stride == std::numeric_limits<int64_t>::min())
        throw Error(ErrorCode::too_large, "x_stride = " + std::to_string(stride) + " is out of range");
    const uintptr_t extent = extent_bytes(x0, dtype);
    if (extent == 0) return;
    const auto elements = static_cast<int64_t>(extent / element_size(dtype));
    if (count > 1 && (stride < elements && -stride < elements))
        invalid("x_stride = " + std::to_string(stride) + " would overlap consecutive outputs of " +
                std::to_string(elements) + " elements each");
    // The last output must be addressable: (count - 1) * |stride| + extent fits int64 bytes.
    const int64_t limit = std::numeric_limits<int64_t>::max() / static_cast<int64_t>(element_size(dtype));
    const int64_t magnitude = stride < 0 ? -stride : stride;
    if (count > 1 && magnitude > (limit - elements) / (count - 1))
        throw Error(ErrorCode::too_large, "x_stride = " + std::to_string(stride) + " with nshifts = " +
                                              std::to_string(count) + " spans more than 2^63 bytes");
    for (int64_t l = 0; l < count; ++l) {
        MatrixRef xl = x0;
        xl.data = static_cast<char *>(x0.data) + l * stride * static_cast<int64_t>(element_size(dtype));
        const auto b_begin = reinterpret_cast<uintptr_t>(b.data);
        const auto x_begin = reinterpret_cast<uintptr_t>(xl.data);
        const uintptr_t b_end = b_begin + extent_bytes(b, dtype), x_end = x_begin + extent;
        if (b_begin < b_end && b_begin < x_end && x_begin < b_end)
            invalid("output " + std::to_string(l) + " (x + " + std::to_string(l) +
                    " * x_stride) overlaps b");
    }
}

}  // namespace fl::capi
