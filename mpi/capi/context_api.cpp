// fl_mpi_context_* and fl_mpi_last_error.
#include <climits>
#include <string>

#include "core/error.hpp"
#include "fastlinalg/fastlinalg_mpi.h"
#include "mpi/capi/collective.hpp"
#include "mpi/capi/mpi_handles.hpp"

using fl::Error;
using fl::ErrorCode;
namespace mpi = fl::mpi;

namespace {

// The communicator behind a Fortran handle, or an error naming the handle: checked
// locally, since there is no communicator to agree over yet.
MPI_Comm communicator(int64_t comm) {
    int initialized = 0, finalized = 0;
    MPI_Initialized(&initialized);
    MPI_Finalized(&finalized);
    if (!initialized || finalized)
        throw Error(ErrorCode::invalid_argument,
                    "MPI is not initialised (or already finalised): call MPI_Init first");
    if (comm < INT_MIN || comm > INT_MAX)
        throw Error(ErrorCode::invalid_argument,
                    "comm = " + std::to_string(comm) + " is not a Fortran communicator handle");
    const MPI_Comm c = MPI_Comm_f2c(static_cast<MPI_Fint>(comm));
    if (c == nullptr || c == MPI_COMM_NULL)  // Open MPI answers NULL for an unknown handle
        throw Error(ErrorCode::invalid_argument,
                    "comm = " + std::to_string(comm) + " is not a valid communicator");
    return c;
}

mpi::Grid requested_grid(int size, int64_t nprow, int64_t npcol) {
    if (nprow == 0 && npcol == 0) return mpi::default_grid(size);
    if (nprow < 1 || npcol < 1 || nprow * npcol != size)
        throw Error(ErrorCode::invalid_argument,
                    "nprow = " + std::to_string(nprow) + ", npcol = " + std::to_string(npcol) +
                        " do not make a grid of the communicator's " + std::to_string(size) +
                        " processes (0, 0 chooses one)");
    mpi::Grid grid;
    grid.nprow = static_cast<int>(nprow);
    grid.npcol = static_cast<int>(npcol);
    return grid;
}

}  // namespace

extern "C" {

FL_API const char *fl_mpi_last_error(void) { return fl_last_error(); }

FL_API fl_status fl_mpi_context_create(fl_mpi_context **context, int64_t comm, int64_t nprow,
                                       int64_t npcol) {
    static const char *const fn = "fl_mpi_context_create";
    if (fl_status s = mpi::capi::require_handle(context, fn, "context")) return s;
    *context = nullptr;
    MPI_Comm c = MPI_COMM_NULL;
    if (fl_status s = fl::capi::guarded(fn, [&] { c = communicator(comm); })) return s;
    mpi::Grid grid;
    int size = 1;
    MPI_Comm_size(c, &size);
    if (fl_status s =
            mpi::capi::collective(c, fn, [&] { grid = requested_grid(size, nprow, npcol); }))
        return s;
    return mpi::capi::collective(c, fn, [&] {
        mpi::capi::require_same_on_every_rank(c, {grid.nprow, grid.npcol}, "grids (nprow, npcol)");
        *context = new fl_mpi_context{std::make_unique<mpi::Context>(c, grid.nprow, grid.npcol)};
    });
}

FL_API void fl_mpi_context_destroy(fl_mpi_context *context) { delete context; }

FL_API fl_status fl_mpi_context_grid(const fl_mpi_context *context, int64_t *nprow, int64_t *npcol,
                                     int64_t *myrow, int64_t *mycol) {
    static const char *const fn = "fl_mpi_context_grid";
    if (fl_status s = mpi::capi::require_handle(context, fn, "context")) return s;
    const mpi::Grid &grid = context->context->grid();
    if (nprow) *nprow = grid.nprow;
    if (npcol) *npcol = grid.npcol;
    if (myrow) *myrow = grid.myrow;
    if (mycol) *mycol = grid.mycol;
    fl::capi::clear_last_error();
    return FL_OK;
}

}  // extern "C"
