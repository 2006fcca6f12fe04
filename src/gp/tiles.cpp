#include "gp/tiles.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

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
    // A thread costs tens of microseconds to start: worth it from about a million
    // element-operations of work each.
    const double work = double(n1) * double(n2) * double(dim + 16);
    const double per_thread = 1 << 20;
    const double wanted = std::min({double(blas::num_threads()), work / per_thread, double(tiles)});
    return std::max(1, static_cast<int>(wanted));
}

void run_tiles(index_t count, int workers, const std::function<void(int, index_t)> &body) {
    blas::SerialRegion serial(true);
    std::atomic<index_t> next{0};
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    const auto work = [&](int worker) {
        try {
            for (index_t t = next++; t < count && !failed; t = next++) body(worker, t);
        } catch (...) {
            if (!failed.exchange(true)) failure = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (int w = 1; w < workers; ++w) {
        try {
            threads.emplace_back(work, w);
        } catch (const std::exception &) {
            break;  // fewer threads: the others share the tiles
        }
    }
    work(0);
    for (std::thread &t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

MatrixRef submatrix(const MatrixRef &m, index_t i0, index_t j0, index_t rows, index_t cols,
                    std::size_t element_size) {
    const index_t offset = m.layout == Layout::row_major ? i0 * m.ld + j0 : i0 + j0 * m.ld;
    return {m.layout, rows, cols, m.ld,
            static_cast<char *>(m.data) + offset * static_cast<index_t>(element_size)};
}

}  // namespace fl::kernels
