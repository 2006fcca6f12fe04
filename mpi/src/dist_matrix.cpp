#include "mpi/src/dist_matrix.hpp"

#include <algorithm>
#include <climits>
#include <string>

#include "core/error.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {

int64_t BlockCyclic::count(int proc) const {
    const int64_t blocks = size / block;
    int64_t n = (blocks / procs) * block;
    const int64_t extra = blocks % procs;
    if (proc < extra)
        n += block;
    else if (proc == extra)
        n += size % block;
    return n;
}

int default_block(int64_t rows, int64_t cols, const Grid &grid) {
    const int64_t order = std::max(rows, cols);
    const int64_t per = 4 * int64_t{std::max(grid.nprow, grid.npcol)};
    return static_cast<int>(std::clamp<int64_t>((order + per - 1) / per, 1, 64));
}

DistMatrix::DistMatrix(const Context &context, int64_t rows, int64_t cols, int row_block,
                       int col_block)
    : context_(&context) {
    const Grid &grid = context.grid();
    distribution_.rows = {rows, row_block, grid.nprow};
    distribution_.cols = {cols, col_block, grid.npcol};
    distribution_.prow = grid.myrow;
    distribution_.pcol = grid.mycol;
    // ScaLAPACK indexes the local piece with 32-bit integers.
    if (rows > INT_MAX || cols > INT_MAX)
        throw Error(ErrorCode::too_large, "rows = " + std::to_string(rows) +
                                              ", cols = " + std::to_string(cols) +
                                              " exceed ScaLAPACK's 32-bit indices");
    const int64_t elements = distribution_.ld() * distribution_.local_cols();
    if (elements > INT_MAX)
        throw Error(ErrorCode::too_large,
                    "this rank's piece of " + std::to_string(elements) +
                        " elements exceeds ScaLAPACK's 32-bit indices: use more processes");
    local_.assign(static_cast<size_t>(elements), 0.0);
    const int m = static_cast<int>(rows), n = static_cast<int>(cols), zero = 0;
    const int lld = static_cast<int>(distribution_.ld()), blacs = context.blacs();
    int info = 0;
    descinit_(desc_, &m, &n, &row_block, &col_block, &zero, &zero, &blacs, &lld, &info);
    if (info != 0)
        throw Error(ErrorCode::internal, "descinit failed with info = " + std::to_string(info));
}

double *DistMatrix::data(const char *what) {
    if (consumed_)
        throw Error(ErrorCode::invalid_argument,
                    std::string(what) + " was consumed by fl_mpi_factor_create");
    return local_.data();
}

const double *DistMatrix::data(const char *what) const {
    return const_cast<DistMatrix *>(this)->data(what);
}

DistMatrix DistMatrix::take() {
    data("the matrix");
    DistMatrix taken(std::move(*this));  // moves the piece: never two copies at once
    local_ = std::vector<double>();
    consumed_ = true;
    return taken;
}

}  // namespace fl::mpi
