// fl_sparse_*: sparse matrix handles and their products; fl_factor_create_sparse and the
// factor operations only sparse kinds answer (refactor, sparse rank update).
#include <cstdint>
#include <string>

#include "capi/arguments.hpp"
#include "capi/array_args.hpp"
#include "capi/errors.hpp"
#include "capi/factor_enums.hpp"
#include "capi/handles.hpp"
#include "core/typed.hpp"
#include "dense/factor_kind_table.hpp"
#include "sparse/sparse_factor.hpp"

using namespace fl::capi;

namespace {

fl::SparseFormat to_format(fl_sparse_format format) {
    if (format == FL_SPARSE_CSC) return fl::SparseFormat::csc;
    if (format == FL_SPARSE_CSR) return fl::SparseFormat::csr;
    throw fl::Error(fl::ErrorCode::invalid_argument,
                    "format = " + std::to_string(format) +
                        " is not a sparse format (FL_SPARSE_CSC = 1 or FL_SPARSE_CSR = 2)");
}

fl::IndexType to_index_type(fl_index_type type) {
    if (type == FL_INDEX_INT32) return fl::IndexType::int32;
    if (type == FL_INDEX_INT64) return fl::IndexType::int64;
    throw fl::Error(fl::ErrorCode::invalid_argument,
                    "index_type = " + std::to_string(type) +
                        " is not an index type (FL_INDEX_INT32 = 1 or FL_INDEX_INT64 = 2)");
}

const fl::SparseMatrix &sparse_of(const fl_sparse *sparse, const char *name) {
    require_not_null(sparse, name);
    return sparse->impl;
}

void require_dtype(const fl::SparseMatrix &s, fl_dtype dtype) {
    const fl::Dtype wanted = to_dtype(dtype, "dtype");
    if (wanted != s.dtype())
        throw fl::Error(fl::ErrorCode::dtype_mismatch,
                        std::string("dtype = ") + dtype_name(wanted) +
                            " but the sparse matrix holds " + dtype_name(s.dtype()));
}

// kind is one fl_factor_create_sparse makes (not a dense kind).
void require_sparse_kind(fl::FactorKind kind) {
    const fl::FactorKindRow &row = fl::factor_kind_row(kind);
    if (row.make_sparse == nullptr)
        throw fl::Error(
            fl::ErrorCode::invalid_argument,
            std::string("kind ") + row.name +
                " is dense: use FL_FACTOR_SPARSE_CHOLESKY, _LU or _QR (or fl_factor_create)");
}

}  // namespace

extern "C" {

FL_API fl_status fl_sparse_create(fl_sparse **sparse, fl_sparse_format format,
                                  fl_index_type index_type, fl_dtype dtype, int64_t rows,
                                  int64_t cols, const void *ptr, const void *idx,
                                  const void *values) {
    if (sparse != nullptr) *sparse = nullptr;
    return guarded(__func__, [&] {
        require_not_null(sparse, "sparse");
        const fl::CompressedArrays a{to_format(format),
                                     to_index_type(index_type),
                                     to_dtype(dtype, "dtype"),
                                     rows,
                                     cols,
                                     ptr,
                                     idx,
                                     values};
        require_non_negative(rows, "rows");
        require_non_negative(cols, "cols");
        // Checked before anything is read or allocated. Every product and solve takes a dense
        // operand with rows or cols rows, which LAPACK's 32-bit sizes limit to 2^31 - 1, so a
        // larger sparse matrix could never be used (and its offsets alone would take
        // O(rows + cols) memory).
        for (const auto &[size, name] : {std::pair{rows, "rows"}, {cols, "cols"}})
            if (size > INT32_MAX)
                throw fl::Error(
                    fl::ErrorCode::too_large,
                    std::string(name) + " = " + std::to_string(size) +
                        " exceeds 2147483647, the largest size of the dense matrices it "
                        "multiplies and solves with (LAPACK's 32-bit integers)");
        require_not_null(ptr, "ptr");
        // idx and values may be NULL only when ptr says there are no entries.
        const int64_t outer = format == FL_SPARSE_CSC ? cols : rows;
        const int64_t nnz = index_type == FL_INDEX_INT32 ? static_cast<const int32_t *>(ptr)[outer]
                                                         : static_cast<const int64_t *>(ptr)[outer];
        // The canonical form holds a few index arrays of nnz entries each.
        if (nnz > 0)
            checked_elements(
                {nnz, 4}, sizeof(int64_t) + sizeof(double),
                ("the canonical copy of ptr[outer] = " + std::to_string(nnz) + " entries").c_str());
        if (nnz != 0) {
            require_not_null(idx, "idx");
            require_not_null(values, "values");
        }
        *sparse = new fl_sparse{fl::SparseMatrix(a)};
    });
}

FL_API void fl_sparse_destroy(fl_sparse *sparse) { delete sparse; }

FL_API fl_status fl_sparse_set_values(fl_sparse *sparse, fl_dtype dtype, const void *values) {
    return guarded(__func__, [&] {
        require_not_null(sparse, "sparse");
        const fl::Dtype t = to_dtype(dtype, "dtype");
        // Precision may change on the way in (widened or rounded); being complex may not.
        if ((fl::real_dtype(t) == t) != !sparse->impl.is_complex())
            throw fl::Error(fl::ErrorCode::dtype_mismatch,
                            std::string("dtype = ") + dtype_name(t) +
                                " but the sparse matrix holds " + dtype_name(sparse->impl.dtype()) +
                                " (values may change precision, not between real and complex)");
        if (sparse->impl.pattern()->input_nnz > 0) require_not_null(values, "values");
        sparse->impl.set_values(t, values);
    });
}

FL_API fl_status fl_sparse_shape(const fl_sparse *sparse, int64_t *rows, int64_t *cols,
                                 int64_t *nnz) {
    return guarded(__func__, [&] {
        const fl::SparseMatrix &s = sparse_of(sparse, "sparse");
        if (rows != nullptr) *rows = s.rows();
        if (cols != nullptr) *cols = s.cols();
        if (nnz != nullptr) *nnz = s.nnz();
    });
}

FL_API fl_status fl_sparse_multiply(const fl_sparse *sparse, fl_transpose trans, fl_dtype dtype,
                                    int64_t ncols, fl_layout x_layout, const void *x, int64_t ldx,
                                    fl_layout y_layout, void *y, int64_t ldy) {
    return guarded(__func__, [&] {
        const fl::SparseMatrix &s = sparse_of(sparse, "sparse");
        const fl::Transpose op = to_transpose(trans, "trans", s.dtype());
        require_dtype(s, dtype);
        require_non_negative(ncols, "ncols");
        const int64_t x_rows = op == fl::Transpose::no ? s.cols() : s.rows();
        const int64_t y_rows = op == fl::Transpose::no ? s.rows() : s.cols();
        const fl::MatrixRef xm = matrix_arg({"x", "ldx", "cols of op(A)", "ncols"}, s.dtype(),
                                            x_layout, x_rows, ncols, x, ldx);
        const fl::MatrixRef ym = matrix_arg({"y", "ldy", "rows of op(A)", "ncols"}, s.dtype(),
                                            y_layout, y_rows, ncols, y, ldy);
        require_disjoint(xm, "x", ym, "y", s.dtype());
        fl::typed(s.dtype(), [&](auto t) { s.multiply<decltype(t)>(op, xm, ym); });
    });
}

FL_API fl_status fl_factor_create_sparse(fl_factor **factor, fl_factor_kind kind,
                                         const fl_sparse *sparse, const fl_options *options) {
    if (factor != nullptr) *factor = nullptr;
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        if (kind == FL_FACTOR_AUTO)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "kind = FL_FACTOR_AUTO is dense only: name a sparse kind");
        const fl::FactorKind k = to_kind(kind);
        const fl::SparseMatrix &s = sparse_of(sparse, "sparse");
        require_sparse_kind(k);
        const fl::FactorOptions defaults;
        const fl::FactorOptions &o = options != nullptr ? options->values : defaults;
        *factor = new fl_factor{fl::make_sparse_factor(k, s, o), o.check_finite};
    });
}

FL_API fl_status fl_factor_refactor(fl_factor **refactored, const fl_factor *factor,
                                    const fl_sparse *sparse) {
    if (refactored != nullptr) *refactored = nullptr;
    return guarded(__func__, [&] {
        require_not_null(refactored, "refactored");
        require_not_null(factor, "factor");
        const fl::SparseMatrix &s = sparse_of(sparse, "sparse");
        *refactored = new fl_factor{factor->impl->refactor(s), factor->check_finite};
    });
}

FL_API fl_status fl_factor_rank_update_sparse(fl_factor **updated, const fl_factor *factor,
                                              int sign, const fl_sparse *v) {
    if (updated != nullptr) *updated = nullptr;
    return guarded(__func__, [&] {
        require_not_null(updated, "updated");
        require_not_null(factor, "factor");
        if (sign != 1 && sign != -1)
            throw fl::Error(
                fl::ErrorCode::invalid_argument,
                "sign = " + std::to_string(sign) + " is neither +1 (update) nor -1 (downdate)");
        const fl::SparseMatrix &vs = sparse_of(v, "v");
        *updated = new fl_factor{factor->impl->rank_update_sparse(sign, vs), factor->check_finite};
    });
}

}  // extern "C"
