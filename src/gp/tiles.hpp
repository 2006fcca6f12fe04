// How the n1-by-n2 pair space of a kernel matrix is cut into cache-sized tiles, and how the
// tiles are shared among threads. A tile's GEMM result, fused pass and (for symmetric
// matrices) mirror all happen while it is in the core's L2 cache.
#pragma once

#include <functional>
#include <vector>

#include "core/types.hpp"
#include "gp/kernel_lines.hpp"

namespace fl::kernels {

// Rows [i0, i1) of X1 against rows [j0, j1) of X2.
struct Tile {
    index_t i0, i1, j0, j1;
    bool diagonal;  // symmetric case, i0 == j0: holds the matrix's diagonal
};

// 256 x 256 doubles are 512 KiB: a tile and its operands stay in a 1-2 MiB L2 cache.
constexpr index_t tile_size = max_line_length;

// Every tile of the n1-by-n2 matrix, or with `upper_only` (symmetric, n1 == n2) only those
// on or above the diagonal.
std::vector<Tile> make_tiles(index_t n1, index_t n2, bool upper_only);

// The threads worth using: the BLAS's thread count (fl_set_num_threads), fewer for small
// matrices, never more than there are tiles.
int worker_count(index_t n1, index_t n2, index_t dim, index_t tiles);

// Runs body(worker, t) for every tile index t in [0, count), tiles handed out one at a
// time to up to `workers` threads of the pool (the caller's thread is worker 0, and every
// worker number is below `workers`). The BLAS is set to one thread meanwhile, so that
// GEMMs inside body do not oversubscribe the cores. If the pool has fewer threads (one
// could not be started), the ones there are (and the caller) do all the work.
void run_tiles(index_t count, int workers, const std::function<void(int, index_t)> &body);

// The rows-by-cols part of m starting at (i0, j0).
MatrixRef submatrix(const MatrixRef &m, index_t i0, index_t j0, index_t rows, index_t cols,
                    std::size_t element_size);

}  // namespace fl::kernels

namespace fl::kernels {

// A tile seen as the lines it is stored in: the rows of a row-major tile (each a point of
// X1 running along X2's), the columns of a column-major one (the other way round). The
// fused passes work line by line, on contiguous memory, in either layout.
struct TileLines {
    bool rows;                    // lines are rows (row-major storage)
    index_t first, count;         // the lines' points: indices into their own set
    index_t along_first, length;  // the points along each line: indices into the other set
    bool diagonal;

    TileLines(const Tile &t, Layout layout)
        : rows(layout == Layout::row_major),
          first(rows ? t.i0 : t.j0),
          count(rows ? t.i1 - t.i0 : t.j1 - t.j0),
          along_first(rows ? t.j0 : t.i0),
          length(rows ? t.j1 - t.j0 : t.i1 - t.i0),
          diagonal(t.diagonal) {}

    // The index along line l (0-based within the tile) where r = 0 exactly, or -1.
    index_t zero_at(index_t l) const { return diagonal ? first + l - along_first : -1; }
    // Of two per-point arrays (X1's, X2's): the lines' and the running points'.
    template <class P>
    P &of_lines(P &of_x1, P &of_x2) const {
        return rows ? of_x1 : of_x2;
    }
    template <class P>
    P &along(P &of_x1, P &of_x2) const {
        return rows ? of_x2 : of_x1;
    }
};

}  // namespace fl::kernels
