// Moving a matrix between one rank's full copy and the block-cyclic pieces, and adding
// entries that any rank contributes. Collective over the matrix's context; the callers
// have checked the arguments on every rank first.
#pragma once

#include <cstdint>

#include "mpi/src/dist_matrix.hpp"

namespace fl::mpi {

// A full matrix on the root rank, element (i, j) at a[i * row_stride + j * col_stride].
struct FullMatrix {
    double *a;
    int64_t row_stride, col_stride;
    double &at(int64_t i, int64_t j) const { return a[i * row_stride + j * col_stride]; }
};

void scatter(DistMatrix &matrix, int root, FullMatrix full);
void gather(const DistMatrix &matrix, int root, FullMatrix full);

// matrix(rows[k], cols[k]) += values[k]; every index already checked to be in range.
void add_entries(DistMatrix &matrix, int64_t count, const int64_t *rows, const int64_t *cols,
                 const double *values);

// to = from, for two matrices of one shape on one context whatever their blocks (pdgemr2d).
void copy_between_distributions(const DistMatrix &from, DistMatrix &to);

}  // namespace fl::mpi
