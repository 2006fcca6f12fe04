#include "gp/tiles.hpp"

#include <algorithm>

#include "core/thread_pool.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl::kernels {

std::vector<Tile> make_tiles(index_t n1, index_t n2, bool upper_only) {
    std::vector<Tile> tiles;
    for (index_t i0 = 0; i0 < n1; i0 += tile_size)
        for (index_t j0 = upper_only ? i0 : 0; j0 < n2; j0 += tile_size)
            tiles.push_back({i0, std::min(n1, i0 + tile_size), j0, std::min(n2, j0 + tile_size),
                             upper_only && i0 == j0});
    return tiles;
}

int worker_count(index_t n1, index_t n2, index_t dim, index_t tiles) {
    // Waking pool threads and sharing tiles costs microseconds: worth it from about a million
    // element-operations of work each.
    const double work = double(n1) * double(n2) * double(dim + 16);
    const double per_thread = 1 << 20;
    const double wanted = std::min({double(blas::num_threads()), work / per_thread, double(tiles)});
    return std::max(1, static_cast<int>(wanted));
}

void run_tiles(index_t count, int workers, const std::function<void(int, index_t)> &body) {
    blas::SerialRegion serial(true);
    pool::run(count, workers, body);
}

MatrixRef submatrix(const MatrixRef &m, index_t i0, index_t j0, index_t rows, index_t cols,
                    std::size_t element_size) {
    const index_t offset = m.layout == Layout::row_major ? i0 * m.ld + j0 : i0 + j0 * m.ld;
    return {m.layout, rows, cols, m.ld,
            static_cast<char *>(m.data) + offset * static_cast<index_t>(element_size)};
}

}  // namespace fl::kernels
