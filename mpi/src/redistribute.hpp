// Moving a matrix between one rank's full copy and the block-cyclic pieces, and adding
// entries that any rank contributes. Collective over the matrix's context; the callers
// have checked the arguments on every rank first.
#pragma once

#include <cstdint>

#include "mpi/src/dist_matrix.hpp"

namespace fl::mpi {

// A full matrix on the root rank, element (i, j) at a[i * row_stride + j * col_stride],
// of the element type T its reader names (the distributed matrix's dtype).
struct FullMatrix {
    void *a;
    int64_t row_stride, col_stride;
    template <class T>
    T &at(int64_t i, int64_t j) const {
        return static_cast<T *>(a)[i * row_stride + j * col_stride];
    }
};

// MPI's name for the element type T.
template <class T>
MPI_Datatype mpi_type() {
    return sizeof(T) == sizeof(float) ? MPI_FLOAT : MPI_DOUBLE;
}

void scatter(DistMatrix &matrix, int root, FullMatrix full);
void gather(const DistMatrix &matrix, int root, FullMatrix full);

// matrix(rows[k], cols[k]) += values[k]; every index already checked to be in range, values
// of the matrix's dtype.
void add_entries(DistMatrix &matrix, int64_t count, const int64_t *rows, const int64_t *cols,
                 const void *values);

// to = from, for two matrices of one shape and dtype on one context whatever their blocks
// (pdgemr2d / psgemr2d).
void copy_between_distributions(const DistMatrix &from, DistMatrix &to);

}  // namespace fl::mpi
