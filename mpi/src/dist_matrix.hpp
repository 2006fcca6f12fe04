// A matrix in ScaLAPACK's 2-D block-cyclic layout (RSRC = CSRC = 0): Distribution maps global
// indices to owners and local indices; DistMatrix holds this rank's column-major piece and
// its descriptor. fastlinalg_mpi.h states the same layout for users.
#pragma once

#include <cstdint>
#include <vector>

#include "mpi/src/context.hpp"

namespace fl::mpi {

// One dimension cut into blocks of `block`, dealt round-robin to `procs` processes.
struct BlockCyclic {
    int64_t size = 0;
    int block = 1;
    int procs = 1;

    int owner(int64_t i) const { return static_cast<int>((i / block) % procs); }
    int64_t local_index(int64_t i) const {
        return (i / (int64_t{block} * procs)) * block + i % block;
    }
    int64_t global_index(int64_t local, int proc) const {
        return ((local / block) * procs + proc) * int64_t{block} + local % block;
    }
    // How many of the indices process proc holds (ScaLAPACK's NUMROC).
    int64_t count(int proc) const;
};

struct Distribution {
    BlockCyclic rows, cols;
    int prow = 0, pcol = 0;  // this rank's grid coordinates
    int64_t local_rows() const { return rows.count(prow); }
    int64_t local_cols() const { return cols.count(pcol); }
    int64_t ld() const { return local_rows() > 0 ? local_rows() : 1; }
    bool same_distribution(const Distribution &other) const {
        return rows.block == other.rows.block && cols.block == other.cols.block &&
               rows.procs == other.rows.procs && cols.procs == other.cols.procs;
    }
};

// The block size used when the caller passes 0: 64, or less so that every process still
// gets about four blocks of a small matrix.
int default_block(int64_t rows, int64_t cols, const Grid &grid);

class DistMatrix {
public:
    // Zeros. Throws fl::Error for sizes beyond ScaLAPACK's 32-bit descriptors.
    DistMatrix(const Context &context, int64_t rows, int64_t cols, int row_block, int col_block);

    const Context &context() const { return *context_; }
    const Distribution &distribution() const { return distribution_; }
    int64_t rows() const { return distribution_.rows.size; }
    int64_t cols() const { return distribution_.cols.size; }
    int64_t ld() const { return distribution_.ld(); }
    const int *desc() const { return desc_; }
    bool consumed() const { return consumed_; }

    // This rank's piece; throws fl::Error (invalid_argument) once consumed, naming `what`.
    double *data(const char *what);
    const double *data(const char *what) const;

    // A matrix that takes this one's memory; this one keeps its shape, marked consumed.
    DistMatrix take();

private:
    const Context *context_;
    Distribution distribution_;
    int desc_[9] = {};
    std::vector<double> local_;
    bool consumed_ = false;
};

}  // namespace fl::mpi
