// fl_factor_*: creating factor handles and asking them for solves and what they know.
#include <algorithm>
#include <cmath>
#include <memory>
#include <new>
#include <string>

#include "capi/arguments.hpp"
#include "capi/array_args.hpp"
#include "capi/errors.hpp"
#include "capi/factor_access.hpp"
#include "capi/factor_enums.hpp"
#include "capi/handles.hpp"
#include "core/typed.hpp"
#include "dense/factor_kind_table.hpp"
#include "dense/lu_block.hpp"

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

fl_status make_handle(fl_factor **out, std::unique_ptr<fl::Factor> made, bool check_finite) {
    *out = new fl_factor{std::move(made), check_finite};
    return FL_OK;
}

// A small LU is made in the bytes after its handle, so that creating it allocates once
// (dense/lu_block.hpp); false, and nothing made, when a is not one (a rectangular LU is
// never small: it is made as any other factor).
bool make_handle_with_lu(fl_factor **out, fl::Dtype t, const fl::MatrixRef &a,
                         const fl::FactorOptions &o) {
    if (a.rows != a.cols) return false;
    const std::size_t bytes = fl::lu_block_bytes(t, a.rows, o);
    if (bytes == 0) return false;
    constexpr std::size_t head = fl::block_aligned(sizeof(fl_factor));
    struct Free {
        void operator()(void *p) const { ::operator delete(p); }
    };
    std::unique_ptr<void, Free> block(::operator new(head + bytes));  // freed if make_lu_in throws
    const fl::Factor *made = fl::make_lu_in(static_cast<char *>(block.get()) + head, t, a, o);
    *out = new (block.release()) fl_factor{{made, FactorDeleter(true)}, o.check_finite};
    return true;
}

// With FL_STORAGE_RFP_INPUT, a holds n(n+1)/2 elements in RFP, not a matrix with an lda.
fl::MatrixRef rfp_input_arg(fl::Dtype t, fl_layout layout, int64_t rows, int64_t cols,
                            const void *a) {
    to_layout(layout, "layout");
    if (rows != cols)
        throw fl::Error(fl::ErrorCode::invalid_argument,
                        "FL_STORAGE_RFP_INPUT takes a square A, not rows = " +
                            std::to_string(rows) + ", cols = " + std::to_string(cols));
    // Sizes checked as for an n-by-n matrix (int32 and byte extent), the pointer for n(n+1)/2.
    const fl::MatrixRef square =
        matrix_arg({"a", "n", "rows", "cols"}, t, FL_COL_MAJOR, rows, cols, a,
                   std::max<int64_t>(rows, 1));
    require_array(a, rows * (rows + 1) / 2, "a");
    return square;
}

// The combinations of FL_OPT_PRECISION, FL_OPT_STORAGE and FL_OPT_OVERWRITE_A a kind takes;
// adjusts o for the ones that must copy A.
void require_options_for(bool automatic, fl::FactorKind k, fl::Dtype t, fl::FactorOptions &o) {
    const char *kind = automatic ? "FL_FACTOR_AUTO" : fl::kind_name(k);
    if (o.precision == fl::Precision::mixed) {
        if (automatic || (k != fl::FactorKind::lu && k != fl::FactorKind::cholesky))
            throw fl::Error(
                fl::ErrorCode::unsupported,
                std::string("FL_OPT_PRECISION = FL_PRECISION_MIXED is for FL_FACTOR_LU and "
                            "FL_FACTOR_CHOLESKY, not ") +
                    kind);
        if (t != fl::Dtype::float64)
            throw fl::Error(
                fl::ErrorCode::invalid_argument,
                "FL_OPT_PRECISION = FL_PRECISION_MIXED needs dtype = FL_FLOAT64 (the factor is "
                "held in float32 and refined to float64), not FL_FLOAT32");
        if (o.storage != fl::Storage::full)
            throw fl::Error(
                fl::ErrorCode::unsupported,
                "FL_OPT_PRECISION = FL_PRECISION_MIXED needs FL_OPT_STORAGE = FL_STORAGE_FULL");
    }
    if (o.complex_symmetric && (automatic || k != fl::FactorKind::ldlt))
        throw fl::Error(fl::ErrorCode::unsupported,
                        std::string("FL_OPT_COMPLEX_SYMMETRIC = 1 (a complex symmetric A) is for "
                                    "FL_FACTOR_LDLT, not ") +
                            kind);
    if (o.storage != fl::Storage::full && (automatic || k != fl::FactorKind::cholesky))
        throw fl::Error(
            fl::ErrorCode::unsupported,
            std::string("FL_OPT_STORAGE (packed storage) is for FL_FACTOR_CHOLESKY, not ") + kind);
    // AUTO may try a second kind on the same A, so it always factors a copy; packing a full
    // A into RFP is a copy by nature.
    if (automatic || o.storage == fl::Storage::rfp) o.overwrite_a = false;
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
        fl::FactorOptions o = options != nullptr ? options->values : fl::FactorOptions{};
        const fl::MatrixRef m =
            o.storage == fl::Storage::rfp_input
                ? rfp_input_arg(t, layout, rows, cols, a)
                : matrix_arg({"a", "lda", "rows", "cols"}, t, layout, rows, cols, a, lda);
        if (!automatic) require_dense_kind(kind, k, rows, cols);
        require_options_for(automatic, k, t, o);
        if (k == fl::FactorKind::lu && !automatic && make_handle_with_lu(factor, t, m, o)) return;
        make_handle(factor,
                    automatic ? fl::make_automatic_factor(t, m, o) : fl::make_factor(k, t, m, o),
                    o.check_finite);
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
        const fl::Dtype t = f.dtype();  // (asked once: a solve of a small factor is short)
        const fl::Transpose op = to_transpose(trans, "trans", t);
        require_non_negative(nrhs, "nrhs");
        // B has the rows of op(A), X its columns.
        const int64_t b_rows = op == fl::Transpose::no ? f.rows() : f.cols();
        const int64_t x_rows = op == fl::Transpose::no ? f.cols() : f.rows();
        const fl::MatrixRef bm =
            matrix_arg({"b", "ldb", "rows of op(A)", "nrhs"}, t, b_layout, b_rows, nrhs, b, ldb);
        const fl::MatrixRef xm =
            matrix_arg({"x", "ldx", "cols of op(A)", "nrhs"}, t, x_layout, x_rows, nrhs, x, ldx);
        require_in_place_or_disjoint(bm, xm, t);
        require_finite_operand(factor, bm, "b");
        f.solve(op, bm, xm);
    });
}

FL_API fl_status fl_factor_get_info(const fl_factor *factor, fl_factor_info what, int64_t *value) {
    // The core's enums count from 0 in the public order.
    static_assert(FL_PRECISION_MIXED == static_cast<int>(fl::Precision::mixed));
    static_assert(FL_FALLBACK_QUERY == static_cast<int>(fl::Fallback::query));
    static_assert(FL_STORAGE_RFP_INPUT == static_cast<int>(fl::Storage::rfp_input));
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        require_not_null(value, "value");
        fl::Info info;
        switch (what) {
            case FL_INFO_PRECISION:
                info = fl::Info::precision;
                break;
            case FL_INFO_FALLBACK:
                info = fl::Info::fallback;
                break;
            case FL_INFO_REFINEMENT_STEPS:
                info = fl::Info::refinement_steps;
                break;
            case FL_INFO_OVERWRITES_A:
                info = fl::Info::overwrites_a;
                break;
            default:
                throw fl::Error(fl::ErrorCode::invalid_argument,
                                "what = " + std::to_string(what) + " is not an fl_factor_info");
        }
        *value = f.info(info);
    });
}

FL_API fl_status fl_factor_logdet(const fl_factor *factor, double *sign, double *logabsdet) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        if (fl::typed(f.dtype(), [](auto t) { return fl::is_complex_v<decltype(t)>; }))
            throw fl::Error(
                fl::ErrorCode::unsupported,
                std::string("the factor is ") + dtype_name(f.dtype()) +
                    ", whose determinant's sign is a complex phase: use fl_factor_logdet_complex");
        const fl::LogDet d = f.logdet();
        if (sign != nullptr) *sign = d.sign;
        if (logabsdet != nullptr) *logabsdet = d.logabsdet;
    });
}

FL_API fl_status fl_factor_logdet_complex(const fl_factor *factor, double *phase_re,
                                          double *phase_im, double *logabsdet) {
    return guarded(__func__, [&] {
        const fl::LogDet d = factor_of(factor).logdet();
        if (phase_re != nullptr) *phase_re = d.sign;
        if (phase_im != nullptr) *phase_im = d.phase_im;
        if (logabsdet != nullptr) *logabsdet = d.logabsdet;
    });
}

FL_API fl_status fl_factor_rcond(const fl_factor *factor, double *rcond) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        require_not_null(rcond, "rcond");
        *rcond = fl::rcond_in_range(f.rcond());
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
        const fl::Factor &f = factor_of(factor);
        const fl::Part p = to_part(part);
        if (fl::is_index_part(p))
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "part = " + std::to_string(part) +
                                " is a list of indices: read it with fl_factor_get_indices");
        // A real-valued part of a complex factor is written in the real dtype of its precision.
        const fl::Dtype written = fl::part_dtype(f.dtype(), p);
        if (written == f.dtype()) factor_of(factor, dtype);
        // (part_shape first names a part the kind lacks, whatever dtype it was asked in.)
        const auto [r, c] = f.part_shape(p);
        if (to_dtype(dtype, "dtype") != written)
            throw fl::Error(fl::ErrorCode::dtype_mismatch,
                            std::string("dtype = ") + dtype_name(to_dtype(dtype, "dtype")) +
                                " but this part of a " + dtype_name(f.dtype()) +
                                " factor is real, written as " + dtype_name(written));
        f.get_part(p, matrix_arg({"out", "ld", "rows of the part", "cols of the part"}, written,
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
        const fl::Transpose op = to_transpose(trans, "trans", f.dtype());
        require_non_negative(ncols, "ncols");
        const fl::MatrixRef cm = matrix_arg({"c", "ldc", "rows of A", "ncols"}, f.dtype(), layout,
                                            f.rows(), ncols, c, ldc);
        require_finite_operand(factor, cm, "c");
        f.apply_q(op, cm);
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
        // Norms are real: a complex factor's are written in the real dtype of its precision.
        const fl::MatrixRef nm =
            matrix_arg({"norms", "its length", "nrhs", "1"}, fl::real_dtype(f.dtype()),
                       FL_COL_MAJOR, nrhs, 1, norms, std::max<int64_t>(nrhs, 1));
        require_disjoint(bm, "b", nm, "norms", f.dtype());
        require_finite_operand(factor, bm, "b");
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
        for (int64_t l = 0; l < nshifts; ++l)
            if (!std::isfinite(shifts[l]))
                throw fl::Error(fl::ErrorCode::non_finite,
                                "shifts[" + std::to_string(l) + "] is " +
                                    (std::isnan(shifts[l]) ? "nan" : "infinite") +
                                    ": every shift must be a finite number");
        require_finite_operand(factor, bm, "b");
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
        make_handle(updated, f.rank_update(sign, vm), factor->check_finite);
    });
}

}  // extern "C"
