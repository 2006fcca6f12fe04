// fl_factor_*: creating factor handles and asking them for solves and what they know.
#include <string>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/factor_access.hpp"
#include "capi/factor_enums.hpp"
#include "capi/handles.hpp"
#include "dense/factor_kind_table.hpp"

using namespace fl::capi;

namespace {

// Getters return 0 for a NULL handle and say why in fl_last_error().
const fl::Factor *for_getter(const fl_factor *factor, const char *function) {
    if (factor == nullptr) {
        fail(function, FL_ERR_INVALID_ARGUMENT, "factor is NULL");
        return nullptr;
    }
    return factor->impl.get();
}

// kind is one fl_factor_create makes (not a sparse kind), and a rows-by-cols A suits it.
void require_dense_kind(fl_factor_kind kind, fl::FactorKind k, int64_t rows, int64_t cols) {
    const fl::FactorKindRow &row = fl::factor_kind_row(k);
    if (row.make_dense == nullptr)
        throw fl::Error(fl::ErrorCode::invalid_argument,
                        "kind = " + std::to_string(kind) + " (" + row.name +
                            ") factors an fl_sparse: use fl_factor_create_sparse");
    fl::require_shape(k, rows, cols);
}

fl_status make_handle(fl_factor **out, std::unique_ptr<fl::Factor> made) {
    *out = new fl_factor{std::move(made)};
    return FL_OK;
}

}  // namespace

extern "C" {

FL_API fl_status fl_factor_create(fl_factor **factor, fl_factor_kind kind, fl_dtype dtype,
                                  fl_layout layout, int64_t rows, int64_t cols, const void *a,
                                  int64_t lda, const fl_options *options) {
    if (factor != nullptr) *factor = nullptr;
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        const bool automatic = kind == FL_FACTOR_AUTO;
        const fl::FactorKind k = automatic ? fl::FactorKind::lu : to_kind(kind);
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef m = matrix_arg({"a", "lda", "rows", "cols"}, t, layout, rows, cols, a, lda);
        if (!automatic) require_dense_kind(kind, k, rows, cols);
        const fl::FactorOptions defaults;
        const fl::FactorOptions &o = options != nullptr ? options->values : defaults;
        make_handle(factor, automatic ? fl::make_automatic_factor(t, m, o) : fl::make_factor(k, t, m, o));
    });
}

FL_API void fl_factor_destroy(fl_factor *factor) { delete factor; }

FL_API fl_factor_kind fl_factor_get_kind(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? static_cast<fl_factor_kind>(0) : to_public(f->kind());
}

FL_API fl_dtype fl_factor_get_dtype(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? static_cast<fl_dtype>(0) : to_public(f->dtype());
}

FL_API int64_t fl_factor_rows(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? 0 : f->rows();
}

FL_API int64_t fl_factor_cols(const fl_factor *factor) {
    const fl::Factor *f = for_getter(factor, __func__);
    return f == nullptr ? 0 : f->cols();
}

FL_API fl_status fl_factor_solve(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                 int64_t nrhs, fl_layout b_layout, const void *b, int64_t ldb,
                                 fl_layout x_layout, void *x, int64_t ldx) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        const fl::Transpose op = to_transpose(trans, "trans");
        require_non_negative(nrhs, "nrhs");
        // B has the rows of op(A), X its columns.
        const int64_t b_rows = op == fl::Transpose::no ? f.rows() : f.cols();
        const int64_t x_rows = op == fl::Transpose::no ? f.cols() : f.rows();
        const fl::MatrixRef bm =
            matrix_arg({"b", "ldb", "rows of op(A)", "nrhs"}, f.dtype(), b_layout, b_rows, nrhs, b, ldb);
        const fl::MatrixRef xm =
            matrix_arg({"x", "ldx", "cols of op(A)", "nrhs"}, f.dtype(), x_layout, x_rows, nrhs, x, ldx);
        require_in_place_or_disjoint(bm, xm, f.dtype());
        f.solve(op, bm, xm);
    });
}

FL_API fl_status fl_factor_logdet(const fl_factor *factor, double *sign, double *logabsdet) {
    return guarded(__func__, [&] {
        const fl::LogDet d = factor_of(factor).logdet();
        if (sign != nullptr) *sign = d.sign;
        if (logabsdet != nullptr) *logabsdet = d.logabsdet;
    });
}

FL_API fl_status fl_factor_rcond(const fl_factor *factor, double *rcond) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        require_not_null(rcond, "rcond");
        *rcond = f.rcond();
    });
}

FL_API fl_status fl_factor_inverse(const fl_factor *factor, fl_dtype dtype, fl_layout layout,
                                   void *inv, int64_t ld) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        f.inverse(matrix_arg({"inv", "ld", "cols of A", "rows of A"}, f.dtype(), layout, f.cols(),
                             f.rows(), inv, ld));
    });
}

FL_API fl_status fl_factor_rank(const fl_factor *factor, int64_t *rank) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        require_not_null(rank, "rank");
        *rank = f.rank();
    });
}

FL_API fl_status fl_factor_inertia(const fl_factor *factor, int64_t *positive, int64_t *negative,
                                   int64_t *zero) {
    return guarded(__func__, [&] {
        const fl::Inertia i = factor_of(factor).inertia();
        if (positive != nullptr) *positive = i.positive;
        if (negative != nullptr) *negative = i.negative;
        if (zero != nullptr) *zero = i.zero;
    });
}

FL_API fl_status fl_factor_part_shape(const fl_factor *factor, fl_factor_part part, int64_t *rows,
                                      int64_t *cols) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        const fl::Part p = to_part(part);
        require_not_null(rows, "rows");
        require_not_null(cols, "cols");
        const auto [r, c] = f.part_shape(p);
        *rows = r;
        *cols = c;
    });
}

FL_API fl_status fl_factor_get_part(const fl_factor *factor, fl_factor_part part, fl_dtype dtype,
                                    fl_layout layout, void *out, int64_t ld) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        const fl::Part p = to_part(part);
        if (fl::is_index_part(p))
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "part = " + std::to_string(part) +
                                " is a list of indices: read it with fl_factor_get_indices");
        const auto [r, c] = f.part_shape(p);
        f.get_part(p, matrix_arg({"out", "ld", "rows of the part", "cols of the part"}, f.dtype(),
                                 layout, r, c, out, ld));
    });
}

FL_API fl_status fl_factor_get_indices(const fl_factor *factor, fl_factor_part part, int64_t *out,
                                       int64_t count) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        const fl::Part p = to_part(part);
        if (!fl::is_index_part(p))
            throw fl::Error(
                fl::ErrorCode::invalid_argument,
                "part = " + std::to_string(part) + " is a matrix: read it with fl_factor_get_part");
        const int64_t n = f.part_shape(p).first;
        if (count != n)
            throw fl::Error(fl::ErrorCode::invalid_argument, "count = " + std::to_string(count) +
                                                                 " but the part has " +
                                                                 std::to_string(n) + " indices");
        if (n > 0) require_not_null(out, "out");
        f.get_indices(p, out);
    });
}

FL_API fl_status fl_factor_apply_q(const fl_factor *factor, fl_transpose trans, fl_dtype dtype,
                                   int64_t ncols, fl_layout layout, void *c, int64_t ldc) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        const fl::Transpose op = to_transpose(trans, "trans");
        require_non_negative(ncols, "ncols");
        f.apply_q(op, matrix_arg({"c", "ldc", "rows of A", "ncols"}, f.dtype(), layout, f.rows(), ncols,
                                 c, ldc));
    });
}

FL_API fl_status fl_factor_residual_norms(const fl_factor *factor, fl_dtype dtype, int64_t nrhs,
                                          fl_layout b_layout, const void *b, int64_t ldb,
                                          void *norms) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        require_non_negative(nrhs, "nrhs");
        const fl::MatrixRef bm =
            matrix_arg({"b", "ldb", "rows of A", "nrhs"}, f.dtype(), b_layout, f.rows(), nrhs, b, ldb);
        if (nrhs > 0) require_not_null(norms, "norms");
        f.residual_norms(bm, norms);
    });
}

FL_API fl_status fl_factor_solve_shifted(const fl_factor *factor, fl_dtype dtype, int64_t nshifts,
                                         const double *shifts, int64_t nrhs, fl_layout b_layout,
                                         const void *b, int64_t ldb, fl_layout x_layout, void *x,
                                         int64_t ldx, int64_t x_stride) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor, dtype);
        require_non_negative(nshifts, "nshifts");
        require_non_negative(nrhs, "nrhs");
        if (nshifts > 0) require_not_null(shifts, "shifts");
        const int64_t n = f.rows();
        const fl::MatrixRef bm = matrix_arg({"b", "ldb", "n", "nrhs"}, f.dtype(), b_layout, n, nrhs, b, ldb);
        const fl::MatrixRef x0 = matrix_arg({"x", "ldx", "n", "nrhs"}, f.dtype(), x_layout, n, nrhs, x, ldx);
        require_stacked_outputs(bm, x0, nshifts, x_stride, f.dtype());
        f.solve_shifted(shifts, nshifts, bm, x0, x_stride);
    });
}

FL_API fl_status fl_factor_rank_update(fl_factor **updated, const fl_factor *factor, int sign,
                                       fl_dtype dtype, int64_t k, fl_layout layout, const void *v,
                                       int64_t ldv) {
    if (updated != nullptr) *updated = nullptr;
    return guarded(__func__, [&] {
        require_not_null(updated, "updated");
        const fl::Factor &f = factor_of(factor, dtype);
        if (sign != 1 && sign != -1)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "sign = " + std::to_string(sign) + " is neither +1 (update) nor -1 (downdate)");
        require_non_negative(k, "k");
        const fl::MatrixRef vm = matrix_arg({"v", "ldv", "n", "k"}, f.dtype(), layout, f.rows(), k, v, ldv);
        make_handle(updated, f.rank_update(sign, vm));
    });
}

}  // extern "C"
