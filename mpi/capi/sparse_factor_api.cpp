// fl_mpi_sparse_factor_*: MUMPS factorizations of sparse matrices.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "fastlinalg/fastlinalg_mpi.h"
#include "mpi/capi/collective.hpp"
#include "mpi/capi/mpi_arguments.hpp"
#include "mpi/capi/mpi_handles.hpp"

using fl::Error;
using fl::ErrorCode;
namespace mpi = fl::mpi;
using fl::capi::require_non_negative;
using fl::capi::require_not_null;

namespace {

mpi::SparseKind sparse_kind(fl_mpi_sparse_kind kind) {
    switch (kind) {
        case FL_MPI_SPARSE_GENERAL:
            return mpi::SparseKind::general;
        case FL_MPI_SPARSE_SPD:
            return mpi::SparseKind::spd;
        case FL_MPI_SPARSE_SYMMETRIC:
            return mpi::SparseKind::symmetric;
    }
    throw Error(ErrorCode::invalid_argument,
                "kind = " + std::to_string(kind) +
                    " is not an fl_mpi_sparse_kind (GENERAL = 1, SPD = 2, SYMMETRIC = 3)");
}

void require_values(int64_t count, const void *values) {
    if (count > 0) require_not_null(values, "values");
}

void require_triplets(int64_t n, int64_t count, const int64_t *rows, const int64_t *cols,
                      const void *values) {
    require_non_negative(count, "count");
    if (count == 0) return;
    require_not_null(rows, "rows");
    require_not_null(cols, "cols");
    require_values(count, values);
    for (int64_t k = 0; k < count; ++k)
        if (rows[k] < 0 || rows[k] >= n || cols[k] < 0 || cols[k] >= n)
            throw Error(ErrorCode::invalid_argument,
                        "triplet " + std::to_string(k) + " at (" + std::to_string(rows[k]) + ", " +
                            std::to_string(cols[k]) + ") lies outside the " + std::to_string(n) +
                            "x" + std::to_string(n) + " matrix");
}

MPI_Comm comm_of(const fl_mpi_sparse_factor *factor) { return factor->factor->context().comm(); }

}  // namespace

extern "C" {

FL_API fl_status fl_mpi_sparse_factor_create(fl_mpi_sparse_factor **factor,
                                             const fl_mpi_context *context, fl_mpi_sparse_kind kind,
                                             int64_t n, int distributed, int64_t count,
                                             const int64_t *rows, const int64_t *cols,
                                             fl_dtype dtype, const void *values) {
    static const char *const fn = "fl_mpi_sparse_factor_create";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    *factor = nullptr;
    if (fl_status s = mpi::capi::require_handle(context, fn, "context")) return s;
    const mpi::Context &ctx = *context->context;
    mpi::SparseKind sparse = mpi::SparseKind::general;
    if (fl_status s = mpi::capi::collective(ctx.comm(), fn, [&] {
            sparse = sparse_kind(kind);
            mpi::capi::require_float64(dtype, "dtype");
            require_non_negative(n, "n");
            if (n > INT32_MAX)
                throw Error(ErrorCode::too_large,
                            "n = " + std::to_string(n) + " exceeds MUMPS's 32-bit indices");
            if (distributed != 0 && distributed != 1)
                throw Error(ErrorCode::invalid_argument,
                            "distributed = " + std::to_string(distributed) + " is neither 0 nor 1");
            if (distributed || ctx.rank() == 0) require_triplets(n, count, rows, cols, values);
        }))
        return s;
    std::unique_ptr<mpi::MumpsFactor> made;
    fl_status s = mpi::capi::collective(ctx.comm(), fn, [&] {
        mpi::capi::require_same_on_every_rank(ctx.comm(), {kind, n, distributed},
                                              "kinds, orders or distributed flags");
        const bool reads = distributed || ctx.rank() == 0;
        made = std::make_unique<mpi::MumpsFactor>(
            ctx, sparse, n, distributed == 1,
            mpi::SparseEntries{reads ? count : 0, rows, cols, static_cast<const double *>(values)});
    });
    if (s == FL_OK) *factor = new fl_mpi_sparse_factor{std::move(made)};
    return s;
}

FL_API void fl_mpi_sparse_factor_destroy(fl_mpi_sparse_factor *factor) { delete factor; }

FL_API fl_status fl_mpi_sparse_factor_refactor(fl_mpi_sparse_factor *factor, fl_dtype dtype,
                                               const void *values) {
    static const char *const fn = "fl_mpi_sparse_factor_refactor";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    mpi::MumpsFactor &f = *factor->factor;
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            mpi::capi::require_float64(dtype, "dtype");
            if (f.holds_entries()) require_values(f.entry_count(), values);
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn,
                                 [&] { f.refactor(static_cast<const double *>(values)); });
}

FL_API fl_status fl_mpi_sparse_factor_solve(const fl_mpi_sparse_factor *factor, fl_dtype dtype,
                                            int64_t nrhs, fl_layout layout, const void *b,
                                            int64_t ldb, void *x, int64_t ldx) {
    static const char *const fn = "fl_mpi_sparse_factor_solve";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    mpi::MumpsFactor &f = *factor->factor;
    const int64_t n = f.order();
    const bool root = f.context().rank() == 0;
    mpi::FullMatrix in{nullptr, 0, 0}, out{nullptr, 0, 0};
    std::vector<double> rhs;
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            mpi::capi::require_float64(dtype, "dtype");
            require_non_negative(nrhs, "nrhs");
            if (!root) return;
            in = mpi::capi::full_matrix_arg({"b", "ldb", "n", "nrhs"}, layout, n, nrhs, b, ldb);
            out = mpi::capi::full_matrix_arg({"x", "ldx", "n", "nrhs"}, layout, n, nrhs, x, ldx);
            rhs.resize(static_cast<size_t>(n * nrhs));  // MUMPS wants them column-major, n apart
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] {
        mpi::capi::require_same_on_every_rank(comm_of(factor), {nrhs},
                                              "numbers of right-hand sides");
        for (int64_t j = 0; root && j < nrhs; ++j)
            for (int64_t i = 0; i < n; ++i) rhs[i + j * n] = in.at(i, j);
        f.solve(nrhs, rhs.data());
        for (int64_t j = 0; root && j < nrhs; ++j)
            for (int64_t i = 0; i < n; ++i) out.at(i, j) = rhs[i + j * n];
    });
}

FL_API fl_status fl_mpi_sparse_factor_logdet(const fl_mpi_sparse_factor *factor, double *sign,
                                             double *logabsdet) {
    return fl::capi::guarded("fl_mpi_sparse_factor_logdet", [&] {
        require_not_null(factor, "factor");
        const mpi::LogDet result = factor->factor->logdet();
        if (sign) *sign = result.sign;
        if (logabsdet) *logabsdet = result.logabs;
    });
}

FL_API fl_status fl_mpi_sparse_factor_inertia(const fl_mpi_sparse_factor *factor, int64_t *positive,
                                              int64_t *negative, int64_t *zero) {
    return fl::capi::guarded("fl_mpi_sparse_factor_inertia", [&] {
        require_not_null(factor, "factor");
        const mpi::MumpsFactor &f = *factor->factor;
        if (f.kind() == mpi::SparseKind::general)
            throw Error(ErrorCode::unsupported,
                        "the inertia needs a symmetric kind (SPD or SYMMETRIC)");
        const int64_t negatives = f.negative_pivots();
        if (positive) *positive = f.order() - negatives;
        if (negative) *negative = negatives;
        if (zero) *zero = 0;
    });
}

}  // extern "C"
