// fl_factor_* products with A^-1 (quadratic and bilinear forms, sandwich, trace, diagonal,
// Mahalanobis norms): argument checks, then the factor's own route (dense/factor_products.cpp).
#include <algorithm>
#include <cstdint>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/factor_access.hpp"

using namespace fl::capi;

namespace {

// The factor behind the handle, of dtype `dtype` and with a square A.
const fl::Factor &square_factor_of(const fl_factor *factor, fl_dtype dtype) {
    const fl::Factor &f = factor_of(factor, dtype);
    fl::require_square_for_products(f);
    return f;
}

// Y of a product: n-by-cols, named y/ldy (or w/ldw) in messages.
fl::MatrixRef input_arg(const MatrixNames &names, const fl::Factor &f, fl_layout layout,
                        int64_t cols, const void *data, int64_t ld) {
    return matrix_arg(names, f.dtype(), layout, f.rows(), cols, data, ld);
}

}  // namespace

extern "C" {

FL_API fl_status fl_factor_quadratic_form(const fl_factor *factor, fl_dtype dtype, int64_t k,
                                          fl_layout y_layout, const void *y, int64_t ldy,
                                          fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Factor &f = square_factor_of(factor, dtype);
        require_non_negative(k, "k");
        const fl::MatrixRef ym = input_arg({"y", "ldy", "n", "k"}, f, y_layout, k, y, ldy);
        const fl::MatrixRef om =
            matrix_arg({"out", "ldout", "k", "k"}, f.dtype(), out_layout, k, k, out, ldout);
        require_disjoint(ym, "y", om, "out", f.dtype());
        require_finite_operand(factor, ym, "y");
        f.quadratic_form(ym, om);
    });
}

FL_API fl_status fl_factor_bilinear_form(const fl_factor *factor, fl_dtype dtype, int64_t k,
                                         fl_layout y_layout, const void *y, int64_t ldy, int64_t p,
                                         fl_layout w_layout, const void *w, int64_t ldw,
                                         fl_layout out_layout, void *out, int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Factor &f = square_factor_of(factor, dtype);
        require_non_negative(k, "k");
        require_non_negative(p, "p");
        const fl::MatrixRef ym = input_arg({"y", "ldy", "n", "k"}, f, y_layout, k, y, ldy);
        const fl::MatrixRef wm = input_arg({"w", "ldw", "n", "p"}, f, w_layout, p, w, ldw);
        const fl::MatrixRef om =
            matrix_arg({"out", "ldout", "k", "p"}, f.dtype(), out_layout, k, p, out, ldout);
        require_disjoint(ym, "y", om, "out", f.dtype());
        require_disjoint(wm, "w", om, "out", f.dtype());
        require_finite_operand(factor, ym, "y");
        require_finite_operand(factor, wm, "w");
        f.bilinear_form(ym, wm, om);
    });
}

FL_API fl_status fl_factor_sandwich(const fl_factor *factor, fl_dtype dtype, fl_layout y_layout,
                                    const void *y, int64_t ldy, fl_layout out_layout, void *out,
                                    int64_t ldout) {
    return guarded(__func__, [&] {
        const fl::Factor &f = square_factor_of(factor, dtype);
        const fl::MatrixRef ym = input_arg({"y", "ldy", "n", "n"}, f, y_layout, f.rows(), y, ldy);
        const fl::MatrixRef om = matrix_arg({"out", "ldout", "n", "n"}, f.dtype(), out_layout,
                                            f.rows(), f.rows(), out, ldout);
        require_disjoint(ym, "y", om, "out", f.dtype());
        require_finite_operand(factor, ym, "y");
        f.sandwich(ym, om);
    });
}

FL_API fl_status fl_factor_trace_solve(const fl_factor *factor, fl_dtype dtype, fl_layout y_layout,
                                       const void *y, int64_t ldy, double *trace) {
    return guarded(__func__, [&] {
        const fl::Factor &f = square_factor_of(factor, dtype);
        const fl::MatrixRef ym = input_arg({"y", "ldy", "n", "n"}, f, y_layout, f.rows(), y, ldy);
        require_not_null(trace, "trace");
        require_finite_operand(factor, ym, "y");
        *trace = f.trace_solve(ym);
    });
}

FL_API fl_status fl_factor_inverse_diagonal(const fl_factor *factor, fl_dtype dtype, void *diag) {
    return guarded(__func__, [&] {
        const fl::Factor &f = square_factor_of(factor, dtype);
        f.inverse_diagonal(vector_arg("diag", "n", f, f.rows(), diag).data);
    });
}

FL_API fl_status fl_factor_mahalanobis(const fl_factor *factor, fl_dtype dtype, int64_t k,
                                       fl_layout y_layout, const void *y, int64_t ldy, void *out) {
    return guarded(__func__, [&] {
        const fl::Factor &f = square_factor_of(factor, dtype);
        require_non_negative(k, "k");
        const fl::MatrixRef ym = input_arg({"y", "ldy", "n", "k"}, f, y_layout, k, y, ldy);
        const fl::MatrixRef om = vector_arg("out", "k", f, k, out);
        require_disjoint(ym, "y", om, "out", f.dtype());
        require_finite_operand(factor, ym, "y");
        f.mahalanobis(ym, om.data);
    });
}

}  // extern "C"
