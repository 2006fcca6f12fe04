#include <string>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/handles.hpp"

using namespace fl::capi;

namespace {

fl::FactorKind to_kind(fl_factor_kind kind) {
    if (kind == FL_FACTOR_LU) return fl::FactorKind::lu;
    if (kind == FL_FACTOR_CHOLESKY) return fl::FactorKind::cholesky;
    throw fl::Error(fl::ErrorCode::invalid_argument,
                    "kind = " + std::to_string(kind) + " is not an fl_factor_kind");
}

fl_dtype to_public(fl::Dtype dtype) { return dtype == fl::Dtype::float32 ? FL_FLOAT32 : FL_FLOAT64; }

const char *dtype_name(fl::Dtype dtype) { return dtype == fl::Dtype::float32 ? "FL_FLOAT32" : "FL_FLOAT64"; }

// The factor behind a handle, after checking the handle and that `dtype` is its dtype.
const fl::Factor &factor_of(const fl_factor *factor, fl_dtype dtype) {
    require_not_null(factor, "factor");
    const fl::Dtype wanted = to_dtype(dtype, "dtype");
    if (wanted != factor->impl->dtype())
        throw fl::Error(fl::ErrorCode::dtype_mismatch,
                        std::string("dtype = ") + dtype_name(wanted) + " but the factor holds " +
                            dtype_name(factor->impl->dtype()));
    return *factor->impl;
}

// Getters return 0 for a NULL handle and say why in fl_last_error().
const fl::Factor *for_getter(const fl_factor *factor, const char *function) {
    if (factor == nullptr) {
        fail(function, FL_ERR_INVALID_ARGUMENT, "factor is NULL");
        return nullptr;
    }
    return factor->impl.get();
}

}  // namespace

extern "C" {

FL_API fl_status fl_factor_create(fl_factor **factor, fl_factor_kind kind, fl_dtype dtype,
                                  fl_layout layout, int64_t rows, int64_t cols, const void *a,
                                  int64_t lda, const fl_options *options) {
    if (factor != nullptr) *factor = nullptr;
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        const fl::FactorKind k = to_kind(kind);
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef m = matrix_arg({"a", "lda", "rows", "cols"}, t, layout, rows, cols, a, lda);
        if (rows != cols)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "a must be square for this kind, but rows = " + std::to_string(rows) +
                                ", cols = " + std::to_string(cols));
        const fl::FactorOptions defaults;
        auto made = fl::make_factor(k, t, m, options != nullptr ? options->values : defaults);
        *factor = new fl_factor{std::move(made)};
    });
}

FL_API void fl_factor_destroy(fl_factor *factor) { delete factor; }

FL_API fl_factor_kind fl_factor_get_kind(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    if (f == nullptr) return static_cast<fl_factor_kind>(0);
    return f->kind() == fl::FactorKind::lu ? FL_FACTOR_LU : FL_FACTOR_CHOLESKY;
}

FL_API fl_dtype fl_factor_get_dtype(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? static_cast<fl_dtype>(0) : to_public(f->dtype());
}

FL_API int64_t fl_factor_rows(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? 0 : f->order();
}

FL_API int64_t fl_factor_cols(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? 0 : f->order();
}

FL_API fl_status fl_factor_solve(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                 int64_t nrhs, fl_layout b_layout, const void *b, int64_t ldb,
                                 fl_layout x_layout, void *x, int64_t ldx) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        const fl::Transpose op = to_transpose(trans, "trans");
        require_non_negative(nrhs, "nrhs");
        const int64_t n = f.order();
        const fl::MatrixRef bm = matrix_arg({"b", "ldb", "n", "nrhs"}, f.dtype(), b_layout, n, nrhs, b, ldb);
        const fl::MatrixRef xm = matrix_arg({"x", "ldx", "n", "nrhs"}, f.dtype(), x_layout, n, nrhs, x, ldx);
        require_in_place_or_disjoint(bm, xm, f.dtype());
        f.solve(op, bm, xm);
    });
}

FL_API fl_status fl_factor_logdet(const fl_factor *factor, double *sign, double *logabsdet) {
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        const fl::LogDet d = factor->impl->logdet();
        if (sign != nullptr) *sign = d.sign;
        if (logabsdet != nullptr) *logabsdet = d.logabsdet;
    });
}

FL_API fl_status fl_factor_rcond(const fl_factor *factor, double *rcond) {
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        require_not_null(rcond, "rcond");
        *rcond = factor->impl->rcond();
    });
}

FL_API fl_status fl_factor_inverse(const fl_factor *factor, fl_dtype dtype, fl_layout layout,
                                   void *inv, int64_t ld) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        const int64_t n = f.order();
        f.inverse(matrix_arg({"inv", "ld", "n", "n"}, f.dtype(), layout, n, n, inv, ld));
    });
}

}  // extern "C"
