// fl_mpi_matrix_*: distributed dense matrices.
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "fastlinalg/fastlinalg_mpi.h"
#include "mpi/capi/collective.hpp"
#include "mpi/capi/mpi_arguments.hpp"
#include "mpi/capi/mpi_handles.hpp"
#include "mpi/src/redistribute.hpp"

using fl::Error;
using fl::ErrorCode;
namespace mpi = fl::mpi;
using fl::capi::require_non_negative;
using fl::capi::require_not_null;

namespace {

int block_arg(int64_t block, int64_t fallback, const char *name) {
    if (block == 0) return static_cast<int>(fallback);
    if (block < 0 || block > (1 << 20))
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " = " + std::to_string(block) +
                        " is not a block size (1 to 2^20, or 0 for the default)");
    return static_cast<int>(block);
}

// This rank's piece as the caller passes it: ld and pointer checked.
void require_local_arg(const mpi::DistMatrix &m, const void *local, int64_t ld) {
    const int64_t rows = m.distribution().local_rows(), cols = m.distribution().local_cols();
    if (ld < (rows > 0 ? rows : 1))
        throw Error(ErrorCode::invalid_argument,
                    "ld = " + std::to_string(ld) +
                        " is smaller than max(1, local_rows = " + std::to_string(rows) + ")");
    if (rows * cols > 0) require_not_null(local, "local");
}

void copy_columns(const double *from, int64_t from_ld, double *to, int64_t to_ld, int64_t rows,
                  int64_t cols) {
    for (int64_t j = 0; j < cols; ++j)
        std::memcpy(to + j * to_ld, from + j * from_ld, static_cast<size_t>(rows) * sizeof(double));
}

// Scatter and gather: the root checked on every rank and a on the root, then the move.
template <class Handle, class Move>
fl_status redistribution(const char *fn, Handle *matrix, int64_t root, fl_dtype dtype,
                         fl_layout layout, const void *a, int64_t lda, Move move) {
    if (fl_status s = mpi::capi::require_handle(matrix, fn, "matrix")) return s;
    const MPI_Comm comm = matrix->matrix->context().comm();
    mpi::FullMatrix full{nullptr, 0, 0};
    int r = 0;
    if (fl_status s = mpi::capi::collective(comm, fn, [&] {
            const mpi::DistMatrix &m = mpi::capi::live_matrix(matrix, "matrix");
            mpi::capi::require_float64(dtype, "dtype");
            r = mpi::capi::rank_arg(m.context(), root, "root");
            if (m.context().rank() == r)
                full = mpi::capi::full_matrix_arg({"a", "lda", "rows", "cols"}, layout, m.rows(),
                                                  m.cols(), a, lda);
        }))
        return s;
    return mpi::capi::collective(comm, fn, [&] {
        mpi::capi::require_same_on_every_rank(comm, {r}, "roots");
        move(*matrix->matrix, r, full);
    });
}

}  // namespace

extern "C" {

FL_API fl_status fl_mpi_matrix_create(fl_mpi_matrix **matrix, const fl_mpi_context *context,
                                      fl_dtype dtype, int64_t rows, int64_t cols, int64_t row_block,
                                      int64_t col_block) {
    static const char *const fn = "fl_mpi_matrix_create";
    if (fl_status s = mpi::capi::require_handle(matrix, fn, "matrix")) return s;
    *matrix = nullptr;
    if (fl_status s = mpi::capi::require_handle(context, fn, "context")) return s;
    const mpi::Context &ctx = *context->context;
    int mb = 0, nb = 0;
    if (fl_status s = mpi::capi::collective(ctx.comm(), fn, [&] {
            mpi::capi::require_float64(dtype, "dtype");
            require_non_negative(rows, "rows");
            require_non_negative(cols, "cols");
            const int fallback = mpi::default_block(rows, cols, ctx.grid());
            mb = block_arg(row_block, fallback, "row_block");
            nb = block_arg(col_block, fallback, "col_block");
        }))
        return s;
    std::unique_ptr<mpi::DistMatrix> made;
    fl_status s = mpi::capi::collective(ctx.comm(), fn, [&] {
        mpi::capi::require_same_on_every_rank(ctx.comm(), {rows, cols, mb, nb},
                                              "sizes (rows, cols, row_block, col_block)");
        made = std::make_unique<mpi::DistMatrix>(ctx, rows, cols, mb, nb);
    });
    if (s == FL_OK) *matrix = new fl_mpi_matrix{std::move(made)};
    return s;
}

FL_API void fl_mpi_matrix_destroy(fl_mpi_matrix *matrix) { delete matrix; }

FL_API fl_status fl_mpi_matrix_shape(const fl_mpi_matrix *matrix, int64_t *rows, int64_t *cols,
                                     int64_t *row_block, int64_t *col_block, int64_t *local_rows,
                                     int64_t *local_cols) {
    if (fl_status s = mpi::capi::require_handle(matrix, "fl_mpi_matrix_shape", "matrix")) return s;
    const mpi::Distribution &d = matrix->matrix->distribution();
    if (rows) *rows = d.rows.size;
    if (cols) *cols = d.cols.size;
    if (row_block) *row_block = d.rows.block;
    if (col_block) *col_block = d.cols.block;
    if (local_rows) *local_rows = d.local_rows();
    if (local_cols) *local_cols = d.local_cols();
    fl::capi::clear_last_error();
    return FL_OK;
}

FL_API fl_status fl_mpi_matrix_set_local(fl_mpi_matrix *matrix, fl_dtype dtype, const void *local,
                                         int64_t ld) {
    return fl::capi::guarded("fl_mpi_matrix_set_local", [&] {
        mpi::DistMatrix &m = mpi::capi::live_matrix(matrix, "matrix");
        mpi::capi::require_float64(dtype, "dtype");
        require_local_arg(m, local, ld);
        copy_columns(static_cast<const double *>(local), ld, m.data("matrix"), m.ld(),
                     m.distribution().local_rows(), m.distribution().local_cols());
    });
}

FL_API fl_status fl_mpi_matrix_get_local(const fl_mpi_matrix *matrix, fl_dtype dtype, void *local,
                                         int64_t ld) {
    return fl::capi::guarded("fl_mpi_matrix_get_local", [&] {
        const mpi::DistMatrix &m = mpi::capi::live_matrix(matrix, "matrix");
        mpi::capi::require_float64(dtype, "dtype");
        require_local_arg(m, local, ld);
        copy_columns(m.data("matrix"), m.ld(), static_cast<double *>(local), ld,
                     m.distribution().local_rows(), m.distribution().local_cols());
    });
}

FL_API fl_status fl_mpi_matrix_scatter(fl_mpi_matrix *matrix, int64_t root, fl_dtype dtype,
                                       fl_layout layout, const void *a, int64_t lda) {
    return redistribution("fl_mpi_matrix_scatter", matrix, root, dtype, layout, a, lda,
                          mpi::scatter);
}

FL_API fl_status fl_mpi_matrix_gather(const fl_mpi_matrix *matrix, int64_t root, fl_dtype dtype,
                                      fl_layout layout, void *a, int64_t lda) {
    return redistribution("fl_mpi_matrix_gather", matrix, root, dtype, layout, a, lda, mpi::gather);
}

FL_API fl_status fl_mpi_matrix_add_entries(fl_mpi_matrix *matrix, fl_dtype dtype, int64_t count,
                                           const int64_t *rows, const int64_t *cols,
                                           const void *values) {
    static const char *const fn = "fl_mpi_matrix_add_entries";
    if (fl_status s = mpi::capi::require_handle(matrix, fn, "matrix")) return s;
    mpi::DistMatrix &m = *matrix->matrix;
    if (fl_status s = mpi::capi::collective(m.context().comm(), fn, [&] {
            mpi::capi::live_matrix(matrix, "matrix");
            mpi::capi::require_float64(dtype, "dtype");
            require_non_negative(count, "count");
            if (count == 0) return;
            require_not_null(rows, "rows");
            require_not_null(cols, "cols");
            require_not_null(values, "values");
            for (int64_t k = 0; k < count; ++k)
                if (rows[k] < 0 || rows[k] >= m.rows() || cols[k] < 0 || cols[k] >= m.cols())
                    throw Error(ErrorCode::invalid_argument,
                                "entry " + std::to_string(k) + " at (" + std::to_string(rows[k]) +
                                    ", " + std::to_string(cols[k]) + ") lies outside the " +
                                    std::to_string(m.rows()) + "x" + std::to_string(m.cols()) +
                                    " matrix");
        }))
        return s;
    return mpi::capi::collective(m.context().comm(), fn, [&] {
        mpi::add_entries(m, count, rows, cols, static_cast<const double *>(values));
    });
}

}  // extern "C"
