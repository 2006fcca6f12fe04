// fl_mpi_factor_*: ScaLAPACK factorizations of distributed matrices.
#include <algorithm>
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

namespace {

mpi::DenseKind dense_kind(fl_factor_kind kind) {
    switch (kind) {
        case FL_FACTOR_LU:
            return mpi::DenseKind::lu;
        case FL_FACTOR_CHOLESKY:
            return mpi::DenseKind::cholesky;
        case FL_FACTOR_QR:
            return mpi::DenseKind::qr;
        case FL_FACTOR_EIGH:
            return mpi::DenseKind::eigh;
        case FL_FACTOR_LDLT:
        case FL_FACTOR_COD:
        case FL_FACTOR_SVD:
        case FL_FACTOR_AUTO:
        case FL_FACTOR_SPARSE_CHOLESKY:
        case FL_FACTOR_SPARSE_LU:
        case FL_FACTOR_SPARSE_QR:
            throw Error(ErrorCode::unsupported,
                        "kind = " + std::to_string(kind) +
                            " has no distributed form: use FL_FACTOR_LU, _CHOLESKY, _QR or _EIGH");
    }
    throw Error(ErrorCode::invalid_argument,
                "kind = " + std::to_string(kind) + " is not an fl_factor_kind");
}

// The shape each kind takes, and the square blocks every ScaLAPACK kind here needs.
void require_factorable(mpi::DenseKind kind, const mpi::DistMatrix &a) {
    const std::string shape = std::to_string(a.rows()) + "x" + std::to_string(a.cols());
    if (kind == mpi::DenseKind::qr) {
        if (a.rows() < a.cols())
            throw Error(ErrorCode::invalid_argument, "a is " + shape + ": QR needs rows >= cols");
    } else if (a.rows() != a.cols()) {
        throw Error(ErrorCode::invalid_argument,
                    "a is " + shape + ": this kind needs a square matrix");
    }
    const mpi::Distribution &d = a.distribution();
    if (d.rows.block != d.cols.block)
        throw Error(ErrorCode::invalid_argument, "a's blocks are " + std::to_string(d.rows.block) +
                                                     "x" + std::to_string(d.cols.block) +
                                                     ": ScaLAPACK's factors need square blocks");
}

const mpi::DenseFactor &factor_of(const fl_mpi_factor *factor) { return *factor->factor; }
MPI_Comm comm_of(const fl_mpi_factor *factor) {
    return factor->factor->factored().context().comm();
}

}  // namespace

extern "C" {

FL_API fl_status fl_mpi_factor_create(fl_mpi_factor **factor, fl_factor_kind kind, fl_mpi_matrix *a,
                                      int consume) {
    static const char *const fn = "fl_mpi_factor_create";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    *factor = nullptr;
    if (fl_status s = mpi::capi::require_handle(a, fn, "a")) return s;
    const MPI_Comm comm = a->matrix->context().comm();
    mpi::DenseKind dense = mpi::DenseKind::lu;
    if (fl_status s = mpi::capi::collective(comm, fn, [&] {
            dense = dense_kind(kind);
            require_factorable(dense, mpi::capi::live_matrix(a, "a"));
            if (consume != 0 && consume != 1)
                throw Error(ErrorCode::invalid_argument,
                            "consume = " + std::to_string(consume) + " is neither 0 nor 1");
        }))
        return s;
    std::unique_ptr<mpi::DenseFactor> made;
    fl_status s = mpi::capi::collective(comm, fn, [&] {
        mpi::capi::require_same_on_every_rank(comm, {kind, consume}, "kinds or consume flags");
        made = mpi::DenseFactor::make(dense,
                                      consume ? a->matrix->take() : mpi::DistMatrix(*a->matrix));
    });
    if (s == FL_OK) *factor = new fl_mpi_factor{std::move(made)};
    return s;
}

FL_API void fl_mpi_factor_destroy(fl_mpi_factor *factor) { delete factor; }

FL_API fl_status fl_mpi_factor_solve(const fl_mpi_factor *factor, fl_transpose trans,
                                     const fl_mpi_matrix *b, fl_mpi_matrix *x) {
    static const char *const fn = "fl_mpi_factor_solve";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    const mpi::DenseFactor &f = factor_of(factor);
    bool transpose = false;
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            // Real (float64) matrices only: FL_CONJ_TRANS is FL_TRANS.
            transpose = fl::capi::to_transpose(trans, "trans", fl::Dtype::float64) != fl::Transpose::no;
            if (transpose && f.kind() == mpi::DenseKind::qr)
                throw Error(ErrorCode::unsupported,
                            "trans = FL_TRANS: a QR factor solves A X = B only");
            mpi::capi::require_solve_operands(f.factored(), mpi::capi::live_matrix(b, "b"),
                                              mpi::capi::live_matrix(x, "x"));
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] {
        mpi::capi::require_same_on_every_rank(comm_of(factor), {transpose, b->matrix->cols()},
                                              "trans or b's columns");
        mpi::solve_any_distribution(f, transpose && f.kind() == mpi::DenseKind::lu, *b->matrix,
                                    *x->matrix);
    });
}

FL_API fl_status fl_mpi_factor_logdet(const fl_mpi_factor *factor, double *sign,
                                      double *logabsdet) {
    static const char *const fn = "fl_mpi_factor_logdet";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] {
        const mpi::LogDet result = factor_of(factor).logdet();
        if (sign) *sign = result.sign;
        if (logabsdet) *logabsdet = result.logabs;
    });
}

FL_API fl_status fl_mpi_factor_rcond(const fl_mpi_factor *factor, double *rcond) {
    static const char *const fn = "fl_mpi_factor_rcond";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn,
                                            [&] { fl::capi::require_not_null(rcond, "rcond"); }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn, [&] { *rcond = factor_of(factor).rcond(); });
}

FL_API fl_status fl_mpi_factor_eigenvalues(const fl_mpi_factor *factor, fl_dtype dtype, void *w) {
    return fl::capi::guarded("fl_mpi_factor_eigenvalues", [&] {
        fl::capi::require_not_null(factor, "factor");
        mpi::capi::require_float64(dtype, "dtype");
        const std::vector<double> *values = factor_of(factor).eigenvalues();
        if (!values)
            throw Error(ErrorCode::unsupported, "only an FL_FACTOR_EIGH factor has eigenvalues");
        if (values->empty()) return;
        fl::capi::require_not_null(w, "w");
        std::copy(values->begin(), values->end(), static_cast<double *>(w));
    });
}

FL_API fl_status fl_mpi_factor_eigenvectors(const fl_mpi_factor *factor, fl_mpi_matrix *v) {
    static const char *const fn = "fl_mpi_factor_eigenvectors";
    if (fl_status s = mpi::capi::require_handle(factor, fn, "factor")) return s;
    const mpi::DistMatrix *vectors = factor_of(factor).eigenvectors();
    if (fl_status s = mpi::capi::collective(comm_of(factor), fn, [&] {
            if (!vectors)
                throw Error(ErrorCode::unsupported,
                            "only an FL_FACTOR_EIGH factor has eigenvectors");
            mpi::capi::require_solve_operands(*vectors, *vectors, mpi::capi::live_matrix(v, "v"));
        }))
        return s;
    return mpi::capi::collective(comm_of(factor), fn,
                                 [&] { mpi::copy_between_distributions(*vectors, *v->matrix); });
}

}  // extern "C"
