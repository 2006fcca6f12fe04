// fl_vecb, fl_vech, fl_commutation_*, fl_duplication_*: seed 001's matrix-calculus toolkit
// (src/blocks/).
#include <algorithm>
#include <limits>
#include <string>

#include "blocks/matrix_calculus.hpp"
#include "capi/block_arguments.hpp"
#include "capi/errors.hpp"
#include "core/error.hpp"

using namespace fl::capi;

namespace {

constexpr MatrixNames kX{"x", "ldx", "x's rows", "ncols"};
constexpr MatrixNames kOut{"out", "ldout", "out's rows", "out's cols"};

// A size whose square (or product with another) must stay within LAPACK's integers.
int64_t checked_product(int64_t a, int64_t b, const char *what) {
    require_non_negative(a, what);
    require_non_negative(b, what);
    if (a != 0 && b > std::numeric_limits<int32_t>::max() / a)
        throw fl::Error(fl::ErrorCode::too_large, std::string(what) + " = " + std::to_string(a) +
                                                      " * " + std::to_string(b) +
                                                      " exceeds LAPACK's 32-bit integers");
    return a * b;
}

bool to_flag(int value, const char *name) {
    if (value != 0 && value != 1)
        throw fl::Error(fl::ErrorCode::invalid_argument,
                        std::string(name) + " = " + std::to_string(value) + " is not 0 or 1");
    return value == 1;
}

}  // namespace

extern "C" {

FL_API fl_status fl_vecb(fl_dtype dtype, int64_t rows, int64_t cols, int64_t n1, int64_t n2,
                         fl_layout x_layout, const void *x, int64_t ldx, fl_layout out_layout,
                         void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef rx =
            matrix_arg({"x", "ldx", "rows", "cols"}, t, x_layout, rows, cols, x, ldx);
        const int64_t l1 = block_count(rows, "rows", n1, "n1"),
                      l2 = block_count(cols, "cols", n2, "n2");
        const fl::MatrixRef ro =
            output_arg(kOut, t, out_layout, checked_product(l1, l2, "l1 l2"),
                       checked_product(n1, n2, "n1 n2"), out, ldout, {{&rx, "x"}});
        fl::blocks::vecb(t, rx, n1, n2, ro);
    });
}

FL_API fl_status fl_vech(fl_dtype dtype, int64_t n, fl_layout x_layout, const void *x, int64_t ldx,
                         void *out) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef rx = matrix_arg({"x", "ldx", "n", "n"}, t, x_layout, n, n, x, ldx);
        const int64_t half = n * (n + 1) / 2;
        const fl::MatrixRef ro = output_arg({"out", "1", "n (n + 1) / 2", "1"}, t, FL_COL_MAJOR,
                                            half, 1, out, std::max<int64_t>(half, 1), {{&rx, "x"}});
        fl::blocks::vech(t, rx, ro.data);
    });
}

FL_API fl_status fl_commutation_apply(fl_dtype dtype, int64_t m, int64_t n, int64_t ncols,
                                      fl_layout x_layout, const void *x, int64_t ldx,
                                      fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const int64_t mn = checked_product(m, n, "m n");
        const fl::MatrixRef rx = matrix_arg(kX, t, x_layout, mn, ncols, x, ldx);
        const fl::MatrixRef ro =
            output_arg(kOut, t, out_layout, mn, ncols, out, ldout, {{&rx, "x"}});
        fl::blocks::commutation_apply(t, m, n, rx, ro);
    });
}

FL_API fl_status fl_commutation_matrix(fl_dtype dtype, int64_t m, int64_t n, fl_layout out_layout,
                                       void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const int64_t mn = checked_product(m, n, "m n");
        const fl::MatrixRef ro = output_arg(kOut, t, out_layout, mn, mn, out, ldout, {});
        fl::blocks::commutation_matrix(t, m, n, ro);
    });
}

FL_API fl_status fl_duplication_apply(fl_dtype dtype, int64_t n, int pinv, fl_transpose trans,
                                      int64_t ncols, fl_layout x_layout, const void *x, int64_t ldx,
                                      fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const bool p = to_flag(pinv, "pinv");
        // D is real: D^H is D^T for every dtype.
        const bool tr = to_transpose(trans, "trans", t) != fl::Transpose::no;
        const int64_t square = checked_product(n, n, "n n"), half = n * (n + 1) / 2;
        // D and D^+T map vech-sized rows to vec-sized ones; D^T and D^+ the other way.
        const bool expand = p == tr;
        const fl::MatrixRef rx = matrix_arg(kX, t, x_layout, expand ? half : square, ncols, x, ldx);
        const fl::MatrixRef ro = output_arg(kOut, t, out_layout, expand ? square : half, ncols, out,
                                            ldout, {{&rx, "x"}});
        using Op = fl::blocks::DuplicationOp;
        const Op op = p ? (tr ? Op::pinv_transposed : Op::pinv) : (tr ? Op::d_transposed : Op::d);
        fl::blocks::duplication_apply(t, n, op, rx, ro);
    });
}

FL_API fl_status fl_duplication_matrix(fl_dtype dtype, int64_t n, int pinv, fl_layout out_layout,
                                       void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const bool p = to_flag(pinv, "pinv");
        const int64_t square = checked_product(n, n, "n n"), half = n * (n + 1) / 2;
        const fl::MatrixRef ro =
            output_arg(kOut, t, out_layout, p ? half : square, p ? square : half, out, ldout, {});
        fl::blocks::duplication_matrix(t, n, p, ro);
    });
}

}  // extern "C"
