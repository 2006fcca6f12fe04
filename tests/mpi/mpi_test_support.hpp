// Helpers for the libfastlinalg_mpi tests, which run under mpirun -np 1, 2 and 4. Every
// rank builds the same seeded test matrices (tests/test_support.hpp, long double), so every
// rank can check what it holds; answers are compared with single-process libfastlinalg
// and judged by LAPACK's scaled residuals.
#pragma once

#include <fastlinalg/fastlinalg_mpi.h>
#include <mpi.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace fltest::mpi {

using ContextPtr = HandlePtr<fl_mpi_context, fl_mpi_context_destroy>;
using DistPtr = HandlePtr<fl_mpi_matrix, fl_mpi_matrix_destroy>;
using DistFactorPtr = HandlePtr<fl_mpi_factor, fl_mpi_factor_destroy>;
using SparseFactorPtr = HandlePtr<fl_mpi_sparse_factor, fl_mpi_sparse_factor_destroy>;

int rank();
int size();
int64_t world();  // MPI_COMM_WORLD's Fortran handle

ContextPtr make_context(int64_t nprow = 0, int64_t npcol = 0);

// A distributed copy of r, scattered from `root` in the given layout.
DistPtr scatter(const fl_mpi_context *context, const Ref &r, int64_t block = 0, int root = 0,
                fl_layout layout = FL_COL_MAJOR);
DistPtr zeros(const fl_mpi_context *context, int64_t rows, int64_t cols, int64_t block = 0);
// A factor expected to succeed on every rank.
DistFactorPtr factor(fl_factor_kind kind, fl_mpi_matrix *a, int consume = 0);

// The whole matrix, gathered on rank 0 and broadcast, so every rank can check it.
Ref gather_everywhere(const fl_mpi_matrix *m);

// Expects the same status on every rank and, when it is not FL_OK, the same message.
void expect_agreed(fl_status status, fl_status expected, const std::string &message_part = "");

// The matrix from single-process libfastlinalg: X = A^-1 B with the given kind.
Ref reference_solve(fl_factor_kind kind, const Ref &a, const Ref &b,
                    fl_transpose trans = FL_NO_TRANS);

// max |a - b| / max(1, max |b|).
double relative_difference(const Ref &a, const Ref &b);

}  // namespace fltest::mpi
