#include "mpi/src/redistribute.hpp"

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "mpi/src/scalapack/scalapack.hpp"

namespace fl::mpi {
namespace {

// One block column of the root's matrix at a time: what each rank holds of columns
// [j0, j0 + width), its rows in local order, column after column. A rank's share is then
// exactly its local columns [local_index(j0), ... + width), contiguous in its piece.
struct Panel {
    std::vector<int> counts, displs;
    int64_t width;
    int owner_col;
};

Panel panel_of(const DistMatrix &matrix, int64_t j0) {
    const Distribution &dist = matrix.distribution();
    const Grid &grid = matrix.context().grid();
    Panel panel;
    panel.width = std::min<int64_t>(dist.cols.block, matrix.cols() - j0);
    panel.owner_col = dist.cols.owner(j0);
    const int size = matrix.context().size();
    panel.counts.assign(static_cast<size_t>(size), 0);
    panel.displs.assign(static_cast<size_t>(size), 0);
    int64_t offset = 0;
    for (int r = 0; r < size; ++r) {
        const int prow = r / grid.npcol, pcol = r % grid.npcol;
        const int64_t count = pcol == panel.owner_col ? panel.width * dist.rows.count(prow) : 0;
        if (offset + count > INT_MAX)
            throw Error(ErrorCode::too_large,
                        "a panel of " + std::to_string(offset + count) +
                            " elements exceeds MPI's int counts: use a smaller col_block");
        panel.counts[r] = static_cast<int>(count);
        panel.displs[r] = static_cast<int>(offset);
        offset += count;
    }
    return panel;
}

// Calls pack(r, prow, buffer) or nothing: the part of the panel that rank r holds, walked
// in its local order.
template <class Visit>
void for_each_panel_element(const DistMatrix &matrix, int64_t j0, const Panel &panel,
                            double *buffer, Visit visit) {
    const Distribution &dist = matrix.distribution();
    const Grid &grid = matrix.context().grid();
    for (int r = 0; r < matrix.context().size(); ++r) {
        if (r % grid.npcol != panel.owner_col) continue;
        const int prow = r / grid.npcol;
        const int64_t local_rows = dist.rows.count(prow);
        double *out = buffer + panel.displs[r];
        for (int64_t c = 0; c < panel.width; ++c)
            for (int64_t li = 0; li < local_rows; ++li)
                visit(out[c * local_rows + li], dist.rows.global_index(li, prow), j0 + c);
    }
}

bool is_root(const DistMatrix &matrix, int root) { return matrix.context().rank() == root; }

}  // namespace

void scatter(DistMatrix &matrix, int root, FullMatrix full) {
    double *local = matrix.data("the matrix");
    std::vector<double> buffer;
    for (int64_t j0 = 0; j0 < matrix.cols(); j0 += matrix.distribution().cols.block) {
        const Panel panel = panel_of(matrix, j0);
        if (is_root(matrix, root)) {
            buffer.resize(static_cast<size_t>(panel.displs.back() + panel.counts.back()));
            for_each_panel_element(
                matrix, j0, panel, buffer.data(),
                [&](double &slot, int64_t i, int64_t j) { slot = full.at(i, j); });
        }
        const int rank = matrix.context().rank();
        double *mine = local + matrix.distribution().cols.local_index(j0) * matrix.ld();
        MPI_Scatterv(buffer.data(), panel.counts.data(), panel.displs.data(), MPI_DOUBLE,
                     panel.counts[rank] > 0 ? mine : nullptr, panel.counts[rank], MPI_DOUBLE, root,
                     matrix.context().comm());
    }
}

void gather(const DistMatrix &matrix, int root, FullMatrix full) {
    const double *local = matrix.data("the matrix");
    std::vector<double> buffer;
    for (int64_t j0 = 0; j0 < matrix.cols(); j0 += matrix.distribution().cols.block) {
        const Panel panel = panel_of(matrix, j0);
        if (is_root(matrix, root))
            buffer.resize(static_cast<size_t>(panel.displs.back() + panel.counts.back()));
        const int rank = matrix.context().rank();
        const double *mine = local + matrix.distribution().cols.local_index(j0) * matrix.ld();
        MPI_Gatherv(panel.counts[rank] > 0 ? mine : nullptr, panel.counts[rank], MPI_DOUBLE,
                    buffer.data(), panel.counts.data(), panel.displs.data(), MPI_DOUBLE, root,
                    matrix.context().comm());
        if (is_root(matrix, root))
            for_each_panel_element(
                matrix, j0, panel, buffer.data(),
                [&](double &slot, int64_t i, int64_t j) { full.at(i, j) = slot; });
    }
}

namespace {

struct Entry {
    int64_t row, col;
    double value;
};

// MPI's counts and displacements are ints: bytes beyond INT_MAX cannot be sent in one call.
std::vector<int> byte_offsets(const std::vector<int64_t> &entries, const char *what) {
    std::vector<int> offsets(entries.size() + 1, 0);
    int64_t bytes = 0;
    for (size_t r = 0; r < entries.size(); ++r) {
        offsets[r] = static_cast<int>(bytes);
        bytes += entries[r] * int64_t{sizeof(Entry)};
        if (bytes > INT_MAX)
            throw Error(ErrorCode::too_large,
                        std::string(what) + " " + std::to_string(bytes) +
                            " bytes of entries in one call: pass them in several calls");
    }
    offsets.back() = static_cast<int>(bytes);
    return offsets;
}

}  // namespace

void add_entries(DistMatrix &matrix, int64_t count, const int64_t *rows, const int64_t *cols,
                 const double *values) {
    const Context &context = matrix.context();
    const Distribution &dist = matrix.distribution();
    const size_t size = static_cast<size_t>(context.size());
    std::vector<int64_t> send_entries(size, 0), receive_entries(size, 0);
    std::vector<int> owner(static_cast<size_t>(count));
    for (int64_t k = 0; k < count; ++k) {
        owner[k] = context.grid().rank_of(dist.rows.owner(rows[k]), dist.cols.owner(cols[k]));
        ++send_entries[owner[k]];
    }
    MPI_Alltoall(send_entries.data(), 1, MPI_INT64_T, receive_entries.data(), 1, MPI_INT64_T,
                 context.comm());
    // Both checks are agreed below, so that no rank enters the exchange alone.
    int too_large = 0;
    std::vector<int> send_offsets, receive_offsets;
    std::string message;
    try {
        send_offsets = byte_offsets(send_entries, "sending");
        receive_offsets = byte_offsets(receive_entries, "receiving");
    } catch (const Error &e) {
        too_large = 1;
        message = e.what();
    }
    MPI_Allreduce(MPI_IN_PLACE, &too_large, 1, MPI_INT, MPI_MAX, context.comm());
    if (too_large)
        throw Error(ErrorCode::too_large,
                    message.empty() ? "another rank has too many entries to exchange" : message);

    std::vector<Entry> outgoing(static_cast<size_t>(count));
    std::vector<int> next(send_offsets.begin(), send_offsets.end() - 1);
    for (int64_t k = 0; k < count; ++k) {
        outgoing[next[owner[k]] / sizeof(Entry)] = {rows[k], cols[k], values[k]};
        next[owner[k]] += static_cast<int>(sizeof(Entry));
    }
    std::vector<Entry> incoming(static_cast<size_t>(receive_offsets.back()) / sizeof(Entry));
    std::vector<int> send_bytes(size), receive_bytes(size);
    for (size_t r = 0; r < size; ++r) {
        send_bytes[r] = send_offsets[r + 1] - send_offsets[r];
        receive_bytes[r] = receive_offsets[r + 1] - receive_offsets[r];
    }
    MPI_Alltoallv(outgoing.data(), send_bytes.data(), send_offsets.data(), MPI_BYTE,
                  incoming.data(), receive_bytes.data(), receive_offsets.data(), MPI_BYTE,
                  context.comm());
    double *local = matrix.data("the matrix");
    for (const Entry &e : incoming)
        local[dist.rows.local_index(e.row) + dist.cols.local_index(e.col) * matrix.ld()] += e.value;
}

void copy_between_distributions(const DistMatrix &from, DistMatrix &to) {
    const int m = static_cast<int>(from.rows()), n = static_cast<int>(from.cols()), one = 1;
    const int context = from.context().blacs();
    if (m == 0 || n == 0) return;
    pdgemr2d_(&m, &n, from.data("the source"), &one, &one, from.desc(), to.data("the destination"),
              &one, &one, to.desc(), &context);
}

}  // namespace fl::mpi
