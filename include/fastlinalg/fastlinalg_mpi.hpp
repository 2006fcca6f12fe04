// fastlinalg_mpi.hpp — a header-only C++17 wrapper over fastlinalg_mpi.h, in the manner of
// fastlinalg.hpp (whose error, matrix_view and matrix it uses): ownership and exceptions
// only; every method is one call of the C function of the same name.
//
//   - A failing status throws fastlinalg::error with fl_mpi_last_error()'s message, which
//     is the same on every rank of a collective call: every rank throws together.
//   - context, dist_matrix, dist_factor and sparse_factor own their handle (move-only).
//     Destroying a context or a sparse_factor is collective: let them go out of scope at
//     the same point of the program on every rank.
//
//   fastlinalg::mpi::context ctx(MPI_Comm_c2f(MPI_COMM_WORLD));
//   auto a = fastlinalg::mpi::dist_matrix::scatter(ctx, 0, fastlinalg::col_major(p, n, n));
//   auto lu = fastlinalg::mpi::dist_factor(FL_FACTOR_LU, a);
//   fastlinalg::mpi::dist_matrix x = lu.solve(b);
#ifndef FASTLINALG_MPI_HPP
#define FASTLINALG_MPI_HPP

#include <fastlinalg/fastlinalg_mpi.h>
#include <fastlinalg/fastlinalg.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace fastlinalg::mpi {

// Throws fastlinalg::error for any status but FL_OK, with fl_mpi_last_error()'s message.
inline void check(fl_status status) {
    if (status != FL_OK) throw error(status, fl_mpi_last_error());
}

// A communicator (its Fortran handle: MPI_Comm_c2f) and a process grid. Collective.
class context {
public:
    explicit context(std::int64_t comm, std::int64_t nprow = 0, std::int64_t npcol = 0) {
        fl_mpi_context *raw = nullptr;
        check(fl_mpi_context_create(&raw, comm, nprow, npcol));
        handle_.reset(raw);
    }
    // {nprow, npcol, myrow, mycol}
    std::array<std::int64_t, 4> grid() const {
        std::array<std::int64_t, 4> g{};
        check(fl_mpi_context_grid(handle_.get(), &g[0], &g[1], &g[2], &g[3]));
        return g;
    }
    const fl_mpi_context *get() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<fl_mpi_context, detail::deleter<fl_mpi_context, fl_mpi_context_destroy>>
        handle_;
};

// A float64 matrix in 2-D block-cyclic layout (fastlinalg_mpi.h states it exactly).
class dist_matrix {
public:
    // Zeros. Collective. Blocks of 0 choose the default.
    dist_matrix(const context &ctx, std::int64_t rows, std::int64_t cols, std::int64_t block = 0) {
        fl_mpi_matrix *raw = nullptr;
        check(fl_mpi_matrix_create(&raw, ctx.get(), FL_FLOAT64, rows, cols, block, block));
        handle_.reset(raw);
    }
    // a (read on root only; its shape must be given on every rank) scattered. Collective.
    static dist_matrix scatter(const context &ctx, int root, const matrix_view<double> &a,
                               std::int64_t block = 0) {
        dist_matrix m(ctx, a.rows, a.cols, block);
        check(fl_mpi_matrix_scatter(m.get(), root, FL_FLOAT64, a.layout, a.data, a.ld));
        return m;
    }
    // The whole matrix on root (empty elsewhere). Collective.
    matrix<double> gather(int root, int my_rank) const {
        const auto s = shape();
        matrix<double> out(my_rank == root ? s[0] : 0, my_rank == root ? s[1] : 0, FL_COL_MAJOR);
        check(fl_mpi_matrix_gather(get(), root, FL_FLOAT64, FL_COL_MAJOR, out.data(),
                                   packed_ld(FL_COL_MAJOR, s[0], s[1])));
        return out;
    }
    // {rows, cols, row_block, col_block, local_rows, local_cols}
    std::array<std::int64_t, 6> shape() const {
        std::array<std::int64_t, 6> s{};
        check(fl_mpi_matrix_shape(get(), &s[0], &s[1], &s[2], &s[3], &s[4], &s[5]));
        return s;
    }
    // This rank's piece, column-major. Local.
    matrix<double> get_local() const {
        const auto s = shape();
        matrix<double> piece(s[4], s[5], FL_COL_MAJOR);
        std::vector<double> &e = piece.elements();
        if (e.empty()) e.resize(1);  // a rank without rows still has ld = 1
        check(fl_mpi_matrix_get_local(get(), FL_FLOAT64, e.data(),
                                      packed_ld(FL_COL_MAJOR, s[4], s[5])));
        return piece;
    }
    void set_local(const matrix_view<double> &piece) {
        const auto s = shape();
        detail::expect_shape("fl_mpi_matrix_set_local", "piece", piece, s[4], s[5]);
        detail::expect_layout("fl_mpi_matrix_set_local", "piece", piece.layout, FL_COL_MAJOR);
        check(fl_mpi_matrix_set_local(get(), FL_FLOAT64, piece.data, piece.ld));
    }
    // A(rows[k], cols[k]) += values[k]. Collective.
    void add_entries(const std::vector<std::int64_t> &rows, const std::vector<std::int64_t> &cols,
                     const std::vector<double> &values) {
        detail::expect_size("fl_mpi_matrix_add_entries", "cols.size()",
                            static_cast<std::int64_t>(cols.size()),
                            static_cast<std::int64_t>(rows.size()));
        detail::expect_size("fl_mpi_matrix_add_entries", "values.size()",
                            static_cast<std::int64_t>(values.size()),
                            static_cast<std::int64_t>(rows.size()));
        check(fl_mpi_matrix_add_entries(get(), FL_FLOAT64, static_cast<std::int64_t>(values.size()),
                                        rows.data(), cols.data(), values.data()));
    }
    fl_mpi_matrix *get() const noexcept { return handle_.get(); }

private:
    std::unique_ptr<fl_mpi_matrix, detail::deleter<fl_mpi_matrix, fl_mpi_matrix_destroy>> handle_;
};

// A ScaLAPACK factor: FL_FACTOR_LU, _CHOLESKY, _QR or _EIGH. Collective to make.
class dist_factor {
public:
    dist_factor(fl_factor_kind kind, dist_matrix &a, bool consume = false) {
        fl_mpi_factor *raw = nullptr;
        check(fl_mpi_factor_create(&raw, kind, a.get(), consume ? 1 : 0));
        handle_.reset(raw);
        const auto s = a.shape();
        cols_ = s[1];
        block_ = s[2];
    }
    // X = A^-1 B into x (any blocking). Collective.
    void solve(const dist_matrix &b, dist_matrix &x, fl_transpose trans = FL_NO_TRANS) const {
        check(fl_mpi_factor_solve(get(), trans, b.get(), x.get()));
    }
    // X = A^-1 B, a new matrix on ctx in A's blocking. Collective.
    dist_matrix solve(const context &ctx, const dist_matrix &b,
                      fl_transpose trans = FL_NO_TRANS) const {
        dist_matrix x(ctx, cols_, b.shape()[1], block_);
        solve(b, x, trans);
        return x;
    }
    // {sign, log|det A|}. Collective.
    std::pair<double, double> logdet() const {
        double sign = 0, logabs = 0;
        check(fl_mpi_factor_logdet(get(), &sign, &logabs));
        return {sign, logabs};
    }
    double rcond() const {
        double r = 0;
        check(fl_mpi_factor_rcond(get(), &r));
        return r;
    }
    std::vector<double> eigenvalues() const {
        std::vector<double> w(static_cast<std::size_t>(cols_) + 1);
        check(fl_mpi_factor_eigenvalues(get(), FL_FLOAT64, w.data()));
        w.pop_back();
        return w;
    }
    void eigenvectors(dist_matrix &v) const { check(fl_mpi_factor_eigenvectors(get(), v.get())); }
    const fl_mpi_factor *get() const noexcept { return handle_.get(); }

private:
    std::int64_t cols_ = 0, block_ = 0;
    std::unique_ptr<fl_mpi_factor, detail::deleter<fl_mpi_factor, fl_mpi_factor_destroy>> handle_;
};

// A MUMPS factor of (row, col, value) triplets: on rank 0 (distributed = false) or each
// rank's share. Collective to make, refactor, solve and destroy.
class sparse_factor {
public:
    sparse_factor(const context &ctx, fl_mpi_sparse_kind kind, std::int64_t n, bool distributed,
                  const std::vector<std::int64_t> &rows, const std::vector<std::int64_t> &cols,
                  const std::vector<double> &values)
        : n_(n) {
        detail::expect_size("fl_mpi_sparse_factor_create", "cols.size()",
                            static_cast<std::int64_t>(cols.size()),
                            static_cast<std::int64_t>(rows.size()));
        detail::expect_size("fl_mpi_sparse_factor_create", "values.size()",
                            static_cast<std::int64_t>(values.size()),
                            static_cast<std::int64_t>(rows.size()));
        fl_mpi_sparse_factor *raw = nullptr;
        check(fl_mpi_sparse_factor_create(&raw, ctx.get(), kind, n, distributed ? 1 : 0,
                                          static_cast<std::int64_t>(values.size()), rows.data(),
                                          cols.data(), FL_FLOAT64, values.data()));
        handle_.reset(raw);
    }
    void refactor(const std::vector<double> &values) {
        check(fl_mpi_sparse_factor_refactor(handle_.get(), FL_FLOAT64, values.data()));
    }
    // X = A^-1 B with B (n-by-nrhs) read on rank 0 and X returned there; pass nrhs on every rank.
    matrix<double> solve(const matrix_view<double> &b, std::int64_t nrhs, bool root) const {
        if (root) detail::expect_shape("fl_mpi_sparse_factor_solve", "b", b, n_, nrhs);
        matrix<double> x(root ? n_ : 0, root ? nrhs : 0, b.layout);
        check(fl_mpi_sparse_factor_solve(handle_.get(), FL_FLOAT64, nrhs, b.layout, b.data, b.ld,
                                         x.data(), root ? x.ld() : b.ld));
        return x;
    }
    std::pair<double, double> logdet() const {
        double sign = 0, logabs = 0;
        check(fl_mpi_sparse_factor_logdet(handle_.get(), &sign, &logabs));
        return {sign, logabs};
    }
    // {positive, negative, zero}
    std::array<std::int64_t, 3> inertia() const {
        std::array<std::int64_t, 3> in{};
        check(fl_mpi_sparse_factor_inertia(handle_.get(), &in[0], &in[1], &in[2]));
        return in;
    }

private:
    std::int64_t n_;
    std::unique_ptr<fl_mpi_sparse_factor,
                    detail::deleter<fl_mpi_sparse_factor, fl_mpi_sparse_factor_destroy>>
        handle_;
};

}  // namespace fastlinalg::mpi

#endif  // FASTLINALG_MPI_HPP
