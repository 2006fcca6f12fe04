#include "mpi/src/mumps/mumps_factor.hpp"

#include <climits>
#include <cmath>
#include <new>
#include <string>

#include "core/error.hpp"

namespace fl::mpi {
namespace {

// MUMPS's arrays are 1-based like its manual: ICNTL(k) is icntl[k - 1].
constexpr int icntl(int k) { return k - 1; }
constexpr int infog(int k) { return k - 1; }
constexpr int rinfog(int k) { return k - 1; }

int mumps_symmetry(SparseKind kind) {
    switch (kind) {
        case SparseKind::general:
            return 0;
        case SparseKind::spd:
            return 1;
        case SparseKind::symmetric:
            return 2;
    }
    return 0;
}

// INFOG(1) < 0 as an fl::Error (or bad_alloc for MUMPS's out-of-memory codes), naming
// INFOG(1) and INFOG(2) as the MUMPS manual lists them.
[[noreturn]] void throw_mumps_error(const DMUMPS_STRUC_C &id, SparseKind kind, const char *what) {
    const int code = id.infog[infog(1)], detail = id.infog[infog(2)];
    const std::string where = std::string(what) + ": MUMPS INFOG(1) = " + std::to_string(code) +
                              ", INFOG(2) = " + std::to_string(detail);
    switch (code) {
        case -10:
            if (kind == SparseKind::spd)
                throw Error(ErrorCode::not_positive_definite,
                            where + ": A is not positive definite (or singular)");
            throw Error(ErrorCode::singular, where + ": A is numerically singular");
        case -6:
            throw Error(ErrorCode::singular, where + ": A is structurally singular");
        case -5:
        case -7:
        case -9:
        case -13:
        case -19:
            throw std::bad_alloc();
        default:
            throw Error(ErrorCode::internal, where);
    }
}

}  // namespace

MumpsFactor::MumpsFactor(const Context &context, SparseKind kind, int64_t n, bool distributed,
                         SparseEntries entries)
    : context_(&context), kind_(kind), n_(n), distributed_(distributed), count_(entries.count) {
    if (n == 0) {  // nothing for MUMPS to do, and it rejects N = 0
        factored_ = true;
        return;
    }
    id_.job = -1;
    id_.par = 1;  // rank 0 works too
    id_.sym = mumps_symmetry(kind);
    id_.comm_fortran = static_cast<MUMPS_INT>(MPI_Comm_c2f(context.comm()));
    dmumps_c(&id_);
    instance_.live = id_.infog[infog(1)] >= 0;
    if (!instance_.live) throw_mumps_error(id_, kind_, "initialisation");
    id_.icntl[icntl(1)] =
        -1;  // no error, diagnostic, global or statistics output: we return statuses
    id_.icntl[icntl(2)] = -1;
    id_.icntl[icntl(3)] = -1;
    id_.icntl[icntl(4)] = 0;
    id_.icntl[icntl(33)] = 1;  // compute the determinant with the factors
    id_.icntl[icntl(18)] = distributed ? 3 : 0;
    id_.n = static_cast<MUMPS_INT>(n);

    if (holds_entries()) {
        for (int64_t k = 0; k < entries.count; ++k)
            if (kind == SparseKind::general || entries.rows[k] >= entries.cols[k])
                kept_.push_back(k);
        irn_.resize(kept_.size());
        jcn_.resize(kept_.size());
        for (size_t k = 0; k < kept_.size(); ++k) {
            irn_[k] = static_cast<MUMPS_INT>(entries.rows[kept_[k]] + 1);
            jcn_[k] = static_cast<MUMPS_INT>(entries.cols[kept_[k]] + 1);
        }
        if (distributed) {
            id_.nnz_loc = static_cast<MUMPS_INT8>(kept_.size());
            id_.irn_loc = irn_.data();
            id_.jcn_loc = jcn_.data();
        } else {
            id_.nnz = static_cast<MUMPS_INT8>(kept_.size());
            id_.irn = irn_.data();
            id_.jcn = jcn_.data();
        }
    }
    set_values(entries.values);
    run(4, "analysis and factorization");
}

MumpsFactor::Instance::~Instance() {
    if (!live) return;
    id.job = -2;
    dmumps_c(&id);
}

void MumpsFactor::set_values(const double *values) {
    a_.resize(kept_.size());
    for (size_t k = 0; k < kept_.size(); ++k) a_[k] = values[kept_[k]];
    (distributed_ ? id_.a_loc : id_.a) = a_.data();
}

void MumpsFactor::run(int job, const char *what) {
    factored_ = false;
    id_.job = job;
    dmumps_c(&id_);
    if (id_.infog[infog(1)] < 0) throw_mumps_error(id_, kind_, what);
    // SYM = 1 trusts that A is positive definite; a negative pivot says it was not.
    if (kind_ == SparseKind::spd && id_.infog[infog(12)] > 0)
        throw Error(ErrorCode::not_positive_definite,
                    std::string(what) + ": " + std::to_string(id_.infog[infog(12)]) +
                        " negative pivots: A is not positive definite");
    factored_ = true;
}

void MumpsFactor::refactor(const double *values) {
    if (n_ == 0) return;
    if (holds_entries()) set_values(values);
    run(2, "refactorization");
}

void MumpsFactor::solve(int64_t nrhs, double *rhs) {
    if (!factored_)
        throw Error(ErrorCode::invalid_argument, "the factor's last refactorization failed");
    if (n_ == 0 || nrhs == 0) return;
    id_.icntl[icntl(20)] = 0;  // dense right-hand sides, centralised on rank 0
    id_.icntl[icntl(21)] = 0;  // centralised solution, overwriting them
    id_.nrhs = static_cast<MUMPS_INT>(nrhs);
    id_.lrhs = static_cast<MUMPS_INT>(n_);
    id_.rhs = rhs;
    id_.job = 3;
    dmumps_c(&id_);
    id_.rhs = nullptr;
    if (id_.infog[infog(1)] < 0) throw_mumps_error(id_, kind_, "solve");
}

// det(A) = RINFOG(12) * 2^INFOG(34) (ICNTL(33) = 1).
LogDet MumpsFactor::logdet() const {
    if (n_ == 0) return {1.0, 0.0};
    const double mantissa = id_.rinfog[rinfog(12)];
    if (mantissa == 0) return {0.0, -INFINITY};
    return {mantissa < 0 ? -1.0 : 1.0,
            std::log(std::fabs(mantissa)) + id_.infog[infog(34)] * std::log(2.0)};
}

}  // namespace fl::mpi
