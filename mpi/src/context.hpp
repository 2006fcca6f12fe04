// A communicator of our own (a duplicate of the caller's) and the BLACS process grid over
// it. Rank r is grid process (r / npcol, r % npcol): BLACS's row-major order.
#pragma once

#include <mpi.h>

#include <cstdint>

namespace fl::mpi {

struct Grid {
    int nprow = 1, npcol = 1;
    int myrow = 0, mycol = 0;
    int rank_of(int prow, int pcol) const { return prow * npcol + pcol; }
};

// The most nearly square nprow-by-npcol grid with nprow <= npcol and nprow * npcol = size.
Grid default_grid(int size);

class Context {
public:
    // comm must be a valid communicator of nprow * npcol ranks; collective over it.
    Context(MPI_Comm comm, int nprow, int npcol);
    ~Context();
    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;

    MPI_Comm comm() const { return comm_; }
    int rank() const { return rank_; }
    int size() const { return size_; }
    int blacs() const { return blacs_; }
    const Grid &grid() const { return grid_; }

private:
    MPI_Comm comm_ = MPI_COMM_NULL;
    int rank_ = 0, size_ = 1;
    int system_ = -1, blacs_ = -1;
    Grid grid_;
};

}  // namespace fl::mpi
