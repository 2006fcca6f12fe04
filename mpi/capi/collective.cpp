#include "mpi/capi/collective.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace fl::mpi::capi {

fl_status agree(MPI_Comm comm, const char *function, fl_status local) noexcept {
    int rank = 0, size = 1;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    int failing = local == FL_OK ? size : rank;
    MPI_Allreduce(MPI_IN_PLACE, &failing, 1, MPI_INT, MPI_MIN, comm);
    if (failing == size) return FL_OK;

    // The failing rank's status and the message after its "function: " prefix.
    struct {
        int status;
        char message[480];
    } report{};
    if (rank == failing) {
        report.status = local;
        const char *message = fl_last_error();
        const size_t prefix = std::strlen(function) + 2;
        if (std::strncmp(message, function, prefix - 2) == 0 && std::strlen(message) >= prefix)
            message += prefix;
        std::snprintf(report.message, sizeof report.message, "%s", message);
    }
    MPI_Bcast(&report, sizeof report, MPI_BYTE, failing, comm);
    char tagged[sizeof report.message + 16];
    std::snprintf(tagged, sizeof tagged, "%s [rank %d]", report.message, failing);
    return fl::capi::fail(function, static_cast<fl_status>(report.status), tagged);
}

void require_same_on_every_rank(MPI_Comm comm, std::initializer_list<int64_t> values,
                                const char *names) {
    std::vector<int64_t> low(values), high(values);
    MPI_Allreduce(MPI_IN_PLACE, low.data(), static_cast<int>(low.size()), MPI_INT64_T, MPI_MIN,
                  comm);
    MPI_Allreduce(MPI_IN_PLACE, high.data(), static_cast<int>(high.size()), MPI_INT64_T, MPI_MAX,
                  comm);
    if (low == high) return;
    std::string mine;
    for (int64_t v : values) mine += (mine.empty() ? "" : ", ") + std::to_string(v);
    throw Error(ErrorCode::dimension_mismatch, std::string("the ranks pass different ") + names +
                                                   " (" + mine + " on the reporting rank)");
}

fl_status require_handle(const void *handle, const char *function, const char *name) noexcept {
    if (handle != nullptr) return FL_OK;
    char message[128];
    std::snprintf(message, sizeof message, "%s is NULL", name);
    return fl::capi::fail(function, FL_ERR_INVALID_ARGUMENT, message);
}

}  // namespace fl::mpi::capi
