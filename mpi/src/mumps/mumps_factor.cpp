#include "mpi/src/mumps/mumps_factor.hpp"

#include <dmumps_c.h>
#include <smumps_c.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <new>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/typed.hpp"

namespace fl::mpi {
namespace {

// The MUMPS instance type and entry point for element type T: the two C interfaces have
// the same fields, of T.
template <class T>
struct Mumps;

template <>
struct Mumps<double> {
    using Struc = DMUMPS_STRUC_C;
    static void call(Struc *id) { dmumps_c(id); }
};

template <>
struct Mumps<float> {
    using Struc = SMUMPS_STRUC_C;
    static void call(Struc *id) { smumps_c(id); }
};

// MUMPS's arrays are 1-based like its manual: ICNTL(k) is icntl[k - 1].
constexpr int icntl(int k) { return k - 1; }
constexpr int infog(int k) { return k - 1; }
constexpr int info(int k) { return k - 1; }
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
template <class Struc>
[[noreturn]] void throw_mumps_error(const Struc &id, SparseKind kind, const char *what) {
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

template <class T>
class TypedMumpsFactor final : public MumpsFactor {
public:
    TypedMumpsFactor(const Context &context, SparseKind kind, int64_t n, bool distributed,
                     SparseEntries entries);

    void refactor(const void *values) override;
    void solve(int64_t nrhs, void *rhs) override;
    void solve_distributed(int64_t nrhs, int64_t count, const int64_t *rows, void *rhs,
                           const RowOwners &owners) override;
    LogDet logdet() const override;
    int64_t negative_pivots() const override { return n_ == 0 ? 0 : instance_.id.infog[infog(12)]; }

private:
    using Struc = typename Mumps<T>::Struc;
    void run(int job, const char *what);
    void set_values(const void *values);

    bool factored_ = false;
    // The MUMPS instance, ended (JOB = -2, collective) however construction or life ends.
    struct Instance {
        Struc id{};
        bool live = false;
        ~Instance() {
            if (!live) return;
            id.job = -2;
            Mumps<T>::call(&id);
        }
    } instance_;
    Struc &id_ = instance_.id;
    // Which of the caller's entries MUMPS sees (one triangle when symmetric).
    std::vector<int64_t> kept_;
    std::vector<MUMPS_INT> irn_, jcn_;
    std::vector<T> a_;
};

template <class T>
TypedMumpsFactor<T>::TypedMumpsFactor(const Context &context, SparseKind kind, int64_t n,
                                      bool distributed, SparseEntries entries)
    : MumpsFactor(context, dtype_of<T>(), kind, n, distributed, entries.count) {
    if (n == 0) {  // nothing for MUMPS to do, and it rejects N = 0
        factored_ = true;
        return;
    }
    id_.job = -1;
    id_.par = 1;  // rank 0 works too
    id_.sym = mumps_symmetry(kind);
    id_.comm_fortran = static_cast<MUMPS_INT>(MPI_Comm_c2f(context.comm()));
    Mumps<T>::call(&id_);
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

template <class T>
void TypedMumpsFactor<T>::set_values(const void *values) {
    a_.resize(kept_.size());
    for (size_t k = 0; k < kept_.size(); ++k) a_[k] = static_cast<const T *>(values)[kept_[k]];
    (distributed_ ? id_.a_loc : id_.a) = a_.data();
}

template <class T>
void TypedMumpsFactor<T>::run(int job, const char *what) {
    factored_ = false;
    id_.job = job;
    Mumps<T>::call(&id_);
    if (id_.infog[infog(1)] < 0) throw_mumps_error(id_, kind_, what);
    // SYM = 1 trusts that A is positive definite; a negative pivot says it was not.
    if (kind_ == SparseKind::spd && id_.infog[infog(12)] > 0)
        throw Error(ErrorCode::not_positive_definite,
                    std::string(what) + ": " + std::to_string(id_.infog[infog(12)]) +
                        " negative pivots: A is not positive definite");
    factored_ = true;
}

template <class T>
void TypedMumpsFactor<T>::refactor(const void *values) {
    if (n_ == 0) return;
    if (holds_entries()) set_values(values);
    run(2, "refactorization");
}

template <class T>
void TypedMumpsFactor<T>::solve(int64_t nrhs, void *rhs) {
    if (!factored_)
        throw Error(ErrorCode::invalid_argument, "the factor's last refactorization failed");
    if (n_ == 0 || nrhs == 0) return;
    id_.icntl[icntl(20)] = 0;  // dense right-hand sides, centralised on rank 0
    id_.icntl[icntl(21)] = 0;  // centralised solution, overwriting them
    id_.nrhs = static_cast<MUMPS_INT>(nrhs);
    id_.lrhs = static_cast<MUMPS_INT>(n_);
    id_.rhs = static_cast<T *>(rhs);
    id_.job = 3;
    Mumps<T>::call(&id_);
    id_.rhs = nullptr;
    if (id_.infog[infog(1)] < 0) throw_mumps_error(id_, kind_, "solve");
}

// MUMPS reads each rank's rows of B where they are (ICNTL(20) = 10) and leaves each rank the
// rows of X that its part of the factor produced (ICNTL(21) = 1: INFO(23) of them, named in
// ISOL_LOC); owners then moves those to the ranks that hold the same rows of B.
template <class T>
void TypedMumpsFactor<T>::solve_distributed(int64_t nrhs, int64_t count, const int64_t *rows,
                                            void *rhs, const RowOwners &owners) {
    if (!factored_)
        throw Error(ErrorCode::invalid_argument, "the factor's last refactorization failed");
    if (n_ == 0 || nrhs == 0) return;
    T *b = static_cast<T *>(rhs);
    std::vector<MUMPS_INT> b_rows(static_cast<size_t>(std::max<int64_t>(1, count)));
    for (int64_t k = 0; k < count; ++k) b_rows[k] = static_cast<MUMPS_INT>(rows[k] + 1);
    const int64_t held = id_.info[info(23)];
    const int64_t held_ld = std::max<int64_t>(1, held);
    std::vector<T> solution(static_cast<size_t>(held_ld * nrhs));
    std::vector<MUMPS_INT> solution_rows(static_cast<size_t>(held_ld));
    id_.icntl[icntl(20)] = 10;
    id_.icntl[icntl(21)] = 1;
    id_.nrhs = static_cast<MUMPS_INT>(nrhs);
    id_.nloc_rhs = static_cast<MUMPS_INT>(count);
    id_.lrhs_loc = static_cast<MUMPS_INT>(std::max<int64_t>(1, count));
    id_.irhs_loc = b_rows.data();
    id_.rhs_loc = b;
    id_.lsol_loc = static_cast<MUMPS_INT>(held_ld);
    id_.sol_loc = solution.data();
    id_.isol_loc = solution_rows.data();
    id_.job = 3;
    Mumps<T>::call(&id_);
    id_.irhs_loc = nullptr;
    id_.rhs_loc = nullptr;
    id_.sol_loc = nullptr;
    id_.isol_loc = nullptr;
    if (id_.infog[infog(1)] < 0) throw_mumps_error(id_, kind_, "distributed solve");
    std::vector<int64_t> global(static_cast<size_t>(held));
    for (int64_t k = 0; k < held; ++k) global[k] = solution_rows[k] - 1;
    owners.send_to_owners(nrhs, held, global.data(), solution.data(), held_ld, b,
                          std::max<int64_t>(1, count));
}

// det(A) = RINFOG(12) * 2^INFOG(34) (ICNTL(33) = 1).
template <class T>
LogDet TypedMumpsFactor<T>::logdet() const {
    if (n_ == 0) return {1.0, 0.0};
    const double mantissa = instance_.id.rinfog[rinfog(12)];
    if (mantissa == 0) return {0.0, -INFINITY};
    return {mantissa < 0 ? -1.0 : 1.0,
            std::log(std::fabs(mantissa)) + instance_.id.infog[infog(34)] * std::log(2.0)};
}

}  // namespace

std::unique_ptr<MumpsFactor> MumpsFactor::make(const Context &context, Dtype dtype, SparseKind kind,
                                               int64_t n, bool distributed, SparseEntries entries) {
    return typed_real(dtype, [&](auto t) -> std::unique_ptr<MumpsFactor> {
        return std::make_unique<TypedMumpsFactor<decltype(t)>>(context, kind, n, distributed,
                                                               entries);
    });
}

}  // namespace fl::mpi
