#include "mpi/src/context.hpp"

#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {

Grid default_grid(int size) {
    Grid grid;
    for (int rows = 1; rows * rows <= size; ++rows)
        if (size % rows == 0) grid.nprow = rows;
    grid.npcol = size / grid.nprow;
    return grid;
}

Context::Context(MPI_Comm comm, int nprow, int npcol) {
    MPI_Comm_dup(comm, &comm_);
    MPI_Comm_rank(comm_, &rank_);
    MPI_Comm_size(comm_, &size_);
    system_ = Csys2blacs_handle(comm_);
    blacs_ = system_;
    Cblacs_gridinit(&blacs_, "Row", nprow, npcol);
    Cblacs_gridinfo(blacs_, &grid_.nprow, &grid_.npcol, &grid_.myrow, &grid_.mycol);
}

Context::~Context() {
    Cblacs_gridexit(blacs_);
    Cfree_blacs_system_handle(system_);
    MPI_Comm_free(&comm_);
}

}  // namespace fl::mpi
