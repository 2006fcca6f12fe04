// fl_batch_*: factored batches of small matrices (src/batched/batch.hpp).
#include <memory>
#include <string>
#include <vector>

#include "batched/batch.hpp"
#include "capi/errors.hpp"
#include "capi/factor_enums.hpp"
#include "capi/handles.hpp"
#include "capi/stack_arguments.hpp"
#include "dense/factor_kind_table.hpp"

struct fl_batch {
    std::unique_ptr<const fl::batched::Batch> impl;
};

using namespace fl::capi;
using fl::batched::Batch;
using fl::batched::Outcome;
using fl::batched::Stack;

namespace {

const Batch &batch_of(const fl_batch *batch) {
    require_not_null(batch, "batch");
    return *batch->impl;
}

// The same, after checking that `dtype` is the batch's.
const Batch &batch_of(const fl_batch *batch, fl_dtype dtype) {
    const Batch &b = batch_of(batch);
    const fl::Dtype wanted = to_dtype(dtype, "dtype");
    if (wanted != b.dtype())
        throw fl::Error(fl::ErrorCode::dtype_mismatch,
                        std::string("dtype = ") + dtype_name(wanted) + " but the batch holds " +
                            dtype_name(b.dtype()));
    return b;
}

// A stack of count output matrices of the given shape, apart from each other.
Stack outputs(const Batch &b, const char *name, const char *ld_name, fl_layout layout, int64_t rows,
              int64_t cols, void *data, int64_t ld, int64_t stride) {
    return output_stack_arg({name, ld_name, "rows", "cols"}, "stride", b.dtype(), layout, b.count(),
                            rows, cols, data, ld, stride);
}

void require_array_of(const void *p, int64_t count, const char *name) {
    if (p == nullptr && count > 0)
        throw fl::Error(fl::ErrorCode::invalid_argument, std::string(name) + " is NULL");
}

}  // namespace

extern "C" {

FL_API fl_status fl_batch_create(fl_batch **batch, fl_factor_kind kind, fl_dtype dtype,
                                 fl_layout layout, int64_t count, int64_t rows, int64_t cols,
                                 const void *a, int64_t lda, int64_t stride_a,
                                 const fl_options *options, int32_t *info) {
    if (batch != nullptr) *batch = nullptr;
    return guarded(__func__, [&] {
        require_not_null(batch, "batch");
        const fl::FactorKind k = to_kind(kind);
        if (k != fl::FactorKind::lu && k != fl::FactorKind::cholesky && k != fl::FactorKind::ldlt &&
            k != fl::FactorKind::qr && k != fl::FactorKind::eigh)
            throw fl::Error(fl::ErrorCode::unsupported,
                            std::string("kind = ") + fl::kind_name(k) +
                                " has no batched form (LU, Cholesky, LDL^T, QR, EIGH)");
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const Stack as = stack_arg({"a", "lda", "rows", "cols"}, "stride_a", t, layout, count, rows,
                                   cols, a, lda, stride_a);
        fl::require_solvable_shape(k, rows, cols);
        require_info(info, count);
        const fl::FactorOptions defaults;
        const fl::FactorOptions &o = options != nullptr ? options->values : defaults;
        std::vector<Outcome> outcomes(static_cast<size_t>(count), Outcome::ok);
        auto made = fl::batched::make_batch(k, t, count, as, o, outcomes.data());
        *batch = new fl_batch{std::move(made)};
        write_info(outcomes, info);
    });
}

FL_API void fl_batch_destroy(fl_batch *batch) { delete batch; }

FL_API fl_status fl_batch_describe(const fl_batch *batch, fl_factor_kind *kind, fl_dtype *dtype,
                                   int64_t *count, int64_t *rows, int64_t *cols) {
    return guarded(__func__, [&] {
        const Batch &b = batch_of(batch);
        if (kind != nullptr) *kind = to_public(b.kind());
        if (dtype != nullptr) *dtype = to_public(b.dtype());
        if (count != nullptr) *count = b.count();
        if (rows != nullptr) *rows = b.rows();
        if (cols != nullptr) *cols = b.cols();
    });
}

FL_API fl_status fl_batch_solve(const fl_batch *batch, fl_dtype dtype, int64_t nrhs,
                                fl_layout layout, const void *b, int64_t ldb, int64_t stride_b,
                                void *x, int64_t ldx, int64_t stride_x) {
    return guarded(__func__, [&] {
        const Batch &f = batch_of(batch, dtype);
        const Stack bs = stack_arg({"b", "ldb", "rows", "nrhs"}, "stride_b", f.dtype(), layout,
                                   f.count(), f.rows(), nrhs, b, ldb, stride_b);
        const Stack xs = output_stack_arg({"x", "ldx", "cols", "nrhs"}, "stride_x", f.dtype(),
                                          layout, f.count(), f.cols(), nrhs, x, ldx, stride_x);
        require_stacks_apart(bs, "b", xs, "x", f.count(), f.dtype(), f.rows() == f.cols());
        f.solve(bs, xs);
    });
}

FL_API fl_status fl_batch_logdet(const fl_batch *batch, double *sign, double *logabsdet) {
    return guarded(__func__, [&] { batch_of(batch).logdet(sign, logabsdet); });
}

FL_API fl_status fl_batch_rcond(const fl_batch *batch, double *rcond) {
    return guarded(__func__, [&] {
        const Batch &b = batch_of(batch);
        require_array_of(rcond, b.count(), "rcond");
        b.rcond(rcond);
    });
}

FL_API fl_status fl_batch_inverse(const fl_batch *batch, fl_dtype dtype, fl_layout layout,
                                  void *inv, int64_t ld, int64_t stride) {
    return guarded(__func__, [&] {
        const Batch &b = batch_of(batch, dtype);
        b.inverse(outputs(b, "inv", "ld", layout, b.cols(), b.rows(), inv, ld, stride));
    });
}

FL_API fl_status fl_batch_get_part(const fl_batch *batch, fl_factor_part part, fl_dtype dtype,
                                   fl_layout layout, void *out, int64_t ld, int64_t stride) {
    return guarded(__func__, [&] {
        const Batch &b = batch_of(batch, dtype);
        const fl::Part p = to_part(part);
        const auto [rows, cols] = b.part_shape(p);
        b.get_part(p, outputs(b, "out", "ld", layout, rows, cols, out, ld, stride));
    });
}

}  // extern "C"
