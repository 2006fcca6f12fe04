// fl_mpi_sparse_factor_*: MUMPS factorizations of sparse matrices.
#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/typed.hpp"
#include "fastlinalg/fastlinalg_mpi.h"
#include "mpi/capi/collective.hpp"
#include "mpi/capi/mpi_arguments.hpp"
#include "mpi/capi/mpi_handles.hpp"
#include "mpi/src/mumps/compressed_entries.hpp"

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

// fl_sparse_format's outer dimension: true for rows (CSR), false for columns (CSC).
bool outer_is_row(fl_sparse_format format) {
    switch (format) {
        case FL_SPARSE_CSR:
            return true;
        case FL_SPARSE_CSC:
            return false;
    }
    throw Error(ErrorCode::invalid_argument,
                "format = " + std::to_string(format) +
                    " is neither FL_SPARSE_CSR (2) nor FL_SPARSE_CSC (1)");
}

// A block of outer indices [first, first + count) of an n-by-n matrix in compressed form.
void require_compressed(int64_t n, int64_t first, int64_t count, const int64_t *ptr,
                        const int64_t *idx, const void *values) {
    require_non_negative(first, "first");
    require_non_negative(count, "count");
    if (first > n - count)
        throw Error(ErrorCode::invalid_argument,
                    "first = " + std::to_string(first) + ", count = " + std::to_string(count) +
                        ": the block ends past the order n = " + std::to_string(n));
    require_not_null(ptr, "ptr");
    if (ptr[0] != 0)
        throw Error(ErrorCode::invalid_argument,
                    "ptr[0] = " + std::to_string(ptr[0]) + ": the offsets start at 0");
    for (int64_t i = 0; i < count; ++i)
        if (ptr[i + 1] < ptr[i])
            throw Error(ErrorCode::invalid_argument,
                        "ptr[" + std::to_string(i + 1) + "] = " + std::to_string(ptr[i + 1]) +
                            " is below ptr[" + std::to_string(i) + "] = " + std::to_string(ptr[i]) +
                            ": the offsets never decrease");
    const int64_t entries = ptr[count];
    if (entries == 0) return;
    require_not_null(idx, "idx");
    require_values(entries, values);
    for (int64_t k = 0; k < entries; ++k)
        if (idx[k] < 0 || idx[k] >= n)
            throw Error(ErrorCode::invalid_argument,
                        "idx[" + std::to_string(k) + "] = " + std::to_string(idx[k]) +
                            " lies outside [0, n = " + std::to_string(n) + ")");
}

MPI_Comm comm_of(const fl_mpi_sparse_factor *factor) { return factor->factor->context().comm(); }

// What both creators share: the kind, dtype, order and distributed flag checked on every
// rank, this rank's entries checked and returned by local_entries() where they are read,
// the arguments agreed between the ranks, and the MUMPS factor made.
template <class LocalEntries>
fl_status create_factor(const char *fn, fl_mpi_sparse_factor **factor,
                        const fl_mpi_context *context, fl_mpi_sparse_kind kind, int64_t n,
                        int distributed, fl_dtype dtype, LocalEntries local_entries) {
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    *factor = nullptr;
    if (fl_status s = mpi::capi::require_handle(context, fn, "context")) return s;
    const mpi::Context &ctx = *context->context;
    mpi::SparseKind sparse = mpi::SparseKind::general;
    fl::Dtype element = fl::Dtype::float64;
    mpi::SparseEntries entries{0, nullptr, nullptr, nullptr};
    if (fl_status s = mpi::capi::collective(ctx.comm(), fn, [&] {
            sparse = sparse_kind(kind);
            element = mpi::capi::real_dtype(dtype, "dtype");
            require_non_negative(n, "n");
            if (n > INT32_MAX)
                throw Error(ErrorCode::too_large,
                            "n = " + std::to_string(n) + " exceeds MUMPS's 32-bit indices");
            if (distributed != 0 && distributed != 1)
                throw Error(ErrorCode::invalid_argument,
                            "distributed = " + std::to_string(distributed) + " is neither 0 nor 1");
            if (distributed || ctx.rank() == 0) entries = local_entries();
        }))
        return s;
    std::unique_ptr<mpi::MumpsFactor> made;
    fl_status s = mpi::capi::collective(ctx.comm(), fn, [&] {
        mpi::capi::require_same_on_every_rank(ctx.comm(), {kind, dtype, n, distributed},
                                              "kinds, dtypes, orders or distributed flags");
        made = mpi::MumpsFactor::make(ctx, element, sparse, n, distributed == 1, entries);
    });
    if (s == FL_OK) *factor = new fl_mpi_sparse_factor{std::move(made)};
    return s;
}

}  // namespace

extern "C" {

FL_API fl_status fl_mpi_sparse_factor_create(fl_mpi_sparse_factor **factor,
                                             const fl_mpi_context *context, fl_mpi_sparse_kind kind,
                                             int64_t n, int distributed, int64_t count,
                                             const int64_t *rows, const int64_t *cols,
                                             fl_dtype dtype, const void *values) {
    return create_factor("fl_mpi_sparse_factor_create", factor, context, kind, n, distributed,
                         dtype, [&] {
                             require_triplets(n, count, rows, cols, values);
                             return mpi::SparseEntries{count, rows, cols, values};
                         });
}

FL_API fl_status fl_mpi_sparse_factor_create_compressed(
    fl_mpi_sparse_factor **factor, const fl_mpi_context *context, fl_mpi_sparse_kind kind,
    int64_t n, int distributed, fl_sparse_format format, int64_t first, int64_t count,
    const int64_t *ptr, const int64_t *idx, fl_dtype dtype, const void *values) {
    mpi::Coordinates expanded;
    return create_factor("fl_mpi_sparse_factor_create_compressed", factor, context, kind, n,
                         distributed, dtype, [&] {
                             const bool by_rows = outer_is_row(format);
                             require_compressed(n, first, count, ptr, idx, values);
                             expanded = mpi::expand_compressed(by_rows, first, count, ptr, idx);
                             return mpi::SparseEntries{static_cast<int64_t>(expanded.rows.size()),
                                                       expanded.rows.data(), expanded.cols.data(),
                                                       values};
                         });
}

FL_API void fl_mpi_sparse_factor_destroy(fl_mpi_sparse_factor *factor) { delete factor; }

FL_API fl_status fl_mpi_sparse_factor_refactor(fl_mpi_sparse_factor *factor, fl_dtype dtype,
                                               const void *values) {
    static const char *const fn = "fl_mpi_sparse_factor_refactor";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    mpi::MumpsFactor &f = *factor->factor;
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            mpi::capi::require_dtype(dtype, "dtype", f.dtype(), "the factor");
            if (f.holds_entries()) require_values(f.entry_count(), values);
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] { f.refactor(values); });
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
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            mpi::capi::require_dtype(dtype, "dtype", f.dtype(), "the factor");
            require_non_negative(nrhs, "nrhs");
            if (!root) return;
            in = mpi::capi::full_matrix_arg({"b", "ldb", "n", "nrhs"}, f.dtype(), layout, n, nrhs,
                                            b, ldb);
            out = mpi::capi::full_matrix_arg({"x", "ldx", "n", "nrhs"}, f.dtype(), layout, n, nrhs,
                                             x, ldx);
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] {
        mpi::capi::require_same_on_every_rank(comm_of(factor), {nrhs},
                                              "numbers of right-hand sides");
        fl::typed_real(f.dtype(), [&](auto t) {
            using T = decltype(t);
            // MUMPS wants them column-major, n apart, on rank 0.
            std::vector<T> rhs(root ? static_cast<size_t>(n * nrhs) : 0);
            for (int64_t j = 0; root && j < nrhs; ++j)
                for (int64_t i = 0; i < n; ++i) rhs[i + j * n] = in.at<T>(i, j);
            f.solve(nrhs, rhs.data());
            for (int64_t j = 0; root && j < nrhs; ++j)
                for (int64_t i = 0; i < n; ++i) out.at<T>(i, j) = rhs[i + j * n];
        });
    });
}

FL_API fl_status fl_mpi_sparse_factor_solve_distributed(const fl_mpi_sparse_factor *factor,
                                                        fl_dtype dtype, int64_t nrhs, int64_t count,
                                                        const int64_t *rows, fl_layout layout,
                                                        const void *b, int64_t ldb, void *x,
                                                        int64_t ldx) {
    static const char *const fn = "fl_mpi_sparse_factor_solve_distributed";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    mpi::MumpsFactor &f = *factor->factor;
    const int64_t n = f.order();
    mpi::FullMatrix in{nullptr, 0, 0}, out{nullptr, 0, 0};
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            mpi::capi::require_dtype(dtype, "dtype", f.dtype(), "the factor");
            require_non_negative(nrhs, "nrhs");
            require_non_negative(count, "count");
            if (count > n)
                throw Error(ErrorCode::invalid_argument, "count = " + std::to_string(count) +
                                                             " exceeds n = " + std::to_string(n));
            if (count > 0) require_not_null(rows, "rows");
            for (int64_t k = 0; k < count; ++k)
                if (rows[k] < 0 || rows[k] >= n)
                    throw Error(ErrorCode::invalid_argument,
                                "rows[" + std::to_string(k) + "] = " + std::to_string(rows[k]) +
                                    " lies outside [0, n = " + std::to_string(n) + ")");
            in = mpi::capi::full_matrix_arg({"b", "ldb", "count", "nrhs"}, f.dtype(), layout, count,
                                            nrhs, b, ldb);
            out = mpi::capi::full_matrix_arg({"x", "ldx", "count", "nrhs"}, f.dtype(), layout,
                                             count, nrhs, x, ldx);
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] {
        mpi::capi::require_same_on_every_rank(comm_of(factor), {nrhs},
                                              "numbers of right-hand sides");
        const mpi::RowOwners owners(comm_of(factor), n, count, rows);
        fl::typed_real(f.dtype(), [&](auto t) {
            using T = decltype(t);
            // MUMPS wants this rank's rows column-major, max(1, count) apart.
            const int64_t ld = std::max<int64_t>(1, count);
            std::vector<T> rhs(static_cast<size_t>(ld * nrhs));
            for (int64_t j = 0; j < nrhs; ++j)
                for (int64_t i = 0; i < count; ++i) rhs[i + j * ld] = in.at<T>(i, j);
            f.solve_distributed(nrhs, count, rows, rhs.data(), owners);
            for (int64_t j = 0; j < nrhs; ++j)
                for (int64_t i = 0; i < count; ++i) out.at<T>(i, j) = rhs[i + j * ld];
        });
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
