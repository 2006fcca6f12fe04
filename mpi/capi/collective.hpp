// How a collective fl_mpi_* call fails: on every rank at once, with one message. Each
// phase of such a call runs through guarded() on every rank, then agree() makes the
// outcome common: the lowest failing rank's status and message win everywhere. A call
// whose arguments fail on one rank thus never leaves the others waiting inside MPI.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <initializer_list>

#include "capi/errors.hpp"

namespace fl::mpi::capi {

// Collective over comm. Returns the agreed status and leaves its message, tagged with the
// rank it came from, as this thread's last error.
fl_status agree(MPI_Comm comm, const char *function, fl_status local) noexcept;

// guarded(body) on every rank, agreed.
template <class Body>
fl_status collective(MPI_Comm comm, const char *function, Body &&body) noexcept {
    return agree(comm, function, fl::capi::guarded(function, body));
}

// Throws fl::Error (dimension_mismatch) on every rank at once when some of values differ
// between the ranks, naming them. Collective: call it only where every rank gets to it.
void require_same_on_every_rank(MPI_Comm comm, std::initializer_list<int64_t> values,
                                const char *names);

// A local check of one handle argument (no communicator can be trusted without it).
fl_status require_handle(const void *handle, const char *function, const char *name) noexcept;

}  // namespace fl::mpi::capi
