// Rows of an n-row matrix held by the ranks of a communicator, each by exactly one: the
// map a distributed solve needs to bring MUMPS's solution rows (which MUMPS distributes its
// own way) back to the ranks that hold the same rows of B. Built from every rank's list in
// one MPI_Allgatherv, so it costs O(n) integers on every rank.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <vector>

namespace fl::mpi {

class RowOwners {
public:
    // Collective. rows: this rank's count global rows, each in [0, n) (checked by the
    // caller). Throws fl::Error (invalid_argument, the same on every rank) unless the
    // ranks' lists together name every row once.
    RowOwners(MPI_Comm comm, int64_t n, int64_t count, const int64_t *rows);

    // Collective. Sends row k of `values` (held rows held_rows[k], column-major, leading
    // dimension ld, nrhs columns) to the rank that owns it, which writes it into its `out`
    // (column-major, leading dimension out_ld) at the row's place in its own list.
    template <class T>
    void send_to_owners(int64_t nrhs, int64_t held, const int64_t *held_rows, const T *values,
                        int64_t ld, T *out, int64_t out_ld) const;

private:
    MPI_Comm comm_;
    std::vector<int> owner_;         // owner_[g]: the rank holding global row g
    std::vector<int64_t> position_;  // position_[g]: its index in that rank's list
};

}  // namespace fl::mpi
