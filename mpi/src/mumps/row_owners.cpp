#include "mpi/src/mumps/row_owners.hpp"

#include <climits>
#include <string>

#include "core/error.hpp"
#include "mpi/src/redistribute.hpp"

namespace fl::mpi {
namespace {

int int_count(int64_t count, const char *what) {
    if (count > INT_MAX)
        throw Error(ErrorCode::too_large, std::string(what) + " of " + std::to_string(count) +
                                              " elements exceeds MPI's int counts");
    return static_cast<int>(count);
}

// Displacements of counts, as MPI's v-collectives take them.
std::vector<int> offsets_of(const std::vector<int> &counts, const char *what) {
    std::vector<int> offsets(counts.size(), 0);
    int64_t total = 0;
    for (size_t r = 0; r < counts.size(); ++r) {
        offsets[r] = int_count(total, what);
        total += counts[r];
    }
    int_count(total, what);
    return offsets;
}

}  // namespace

RowOwners::RowOwners(MPI_Comm comm, int64_t n, int64_t count, const int64_t *rows) : comm_(comm) {
    int size = 1;
    MPI_Comm_size(comm, &size);
    int64_t total = count;
    MPI_Allreduce(MPI_IN_PLACE, &total, 1, MPI_INT64_T, MPI_SUM, comm);
    if (total != n)
        throw Error(ErrorCode::invalid_argument,
                    "the ranks hold " + std::to_string(total) + " rows of B together, not n = " +
                        std::to_string(n) + ": each row must be on exactly one rank");
    int mine = static_cast<int>(count);  // total == n <= INT32_MAX
    std::vector<int> counts(static_cast<size_t>(size));
    MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
    const std::vector<int> offsets = offsets_of(counts, "the row lists");
    std::vector<int64_t> all(static_cast<size_t>(n));
    MPI_Allgatherv(rows, mine, MPI_INT64_T, all.data(), counts.data(), offsets.data(), MPI_INT64_T,
                   comm);
    owner_.assign(static_cast<size_t>(n), -1);
    position_.assign(static_cast<size_t>(n), 0);
    for (int r = 0; r < size; ++r)
        for (int k = 0; k < counts[r]; ++k) {
            const int64_t g = all[static_cast<size_t>(offsets[r] + k)];
            if (owner_[g] >= 0)
                throw Error(ErrorCode::invalid_argument,
                            "row " + std::to_string(g) + " of B is on rank " +
                                std::to_string(owner_[g]) + " and on rank " + std::to_string(r) +
                                ": each row must be on exactly one rank");
            owner_[g] = r;
            position_[g] = k;
        }
}

template <class T>
void RowOwners::send_to_owners(int64_t nrhs, int64_t held, const int64_t *held_rows,
                               const T *values, int64_t ld, T *out, int64_t out_ld) const {
    int size = 1;
    MPI_Comm_size(comm_, &size);
    // Each row travels as its place at the owner followed by its nrhs values.
    std::vector<int> send_rows(static_cast<size_t>(size), 0), receive_rows(send_rows);
    for (int64_t k = 0; k < held; ++k) ++send_rows[owner_[held_rows[k]]];
    MPI_Alltoall(send_rows.data(), 1, MPI_INT, receive_rows.data(), 1, MPI_INT, comm_);
    const std::vector<int> send_at = offsets_of(send_rows, "the rows sent");
    const std::vector<int> receive_at = offsets_of(receive_rows, "the rows received");
    std::vector<int64_t> places(static_cast<size_t>(held));
    std::vector<T> packed(static_cast<size_t>(held * nrhs));
    std::vector<int> next(send_at);
    for (int64_t k = 0; k < held; ++k) {
        const int64_t g = held_rows[k];
        const int slot = next[owner_[g]]++;
        places[slot] = position_[g];
        for (int64_t j = 0; j < nrhs; ++j) packed[slot * nrhs + j] = values[k + j * ld];
    }
    const int64_t received = receive_at.back() + receive_rows.back();
    std::vector<int64_t> incoming_places(static_cast<size_t>(received));
    std::vector<T> incoming(static_cast<size_t>(received * nrhs));
    MPI_Alltoallv(places.data(), send_rows.data(), send_at.data(), MPI_INT64_T,
                  incoming_places.data(), receive_rows.data(), receive_at.data(), MPI_INT64_T,
                  comm_);
    std::vector<int> send_values(send_rows), receive_values(receive_rows);
    for (int &c : send_values) c = int_count(c * nrhs, "the values sent");
    for (int &c : receive_values) c = int_count(c * nrhs, "the values received");
    MPI_Alltoallv(packed.data(), send_values.data(), offsets_of(send_values, "the values").data(),
                  mpi_type<T>(), incoming.data(), receive_values.data(),
                  offsets_of(receive_values, "the values").data(), mpi_type<T>(), comm_);
    for (int64_t k = 0; k < received; ++k)
        for (int64_t j = 0; j < nrhs; ++j)
            out[incoming_places[k] + j * out_ld] = incoming[k * nrhs + j];
}

template void RowOwners::send_to_owners<float>(int64_t, int64_t, const int64_t *, const float *,
                                               int64_t, float *, int64_t) const;
template void RowOwners::send_to_owners<double>(int64_t, int64_t, const int64_t *, const double *,
                                                int64_t, double *, int64_t) const;

}  // namespace fl::mpi
