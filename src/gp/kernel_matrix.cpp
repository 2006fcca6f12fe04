// K = sigma_f^2 kappa(r) (+ noise on a symmetric matrix's diagonal), tile by tile: one GEMM
// writes -2 Z1 Z2^T straight into the caller's K (above direct_max_dim dimensions; below,
// the fused pass sums the differences itself), a fused pass turns it into the kernel while
// the tile is in cache, and a symmetric matrix's lower tiles are mirrored from the upper
// ones. No temporary of the size of K exists, nor of n1 * n2 * dim.

#include "gp/kernel.hpp"
#include "gp/kernel_lines.hpp"
#include "gp/points.hpp"
#include "gp/tiles.hpp"
#include "lapack/layout_gemm.hpp"

namespace fl::kernels {
namespace {

template <class T>
struct Elements {
    const MatrixRef &m;
    T &operator()(index_t i, index_t j) const {
        T *d = static_cast<T *>(m.data);
        return m.layout == Layout::row_major ? d[i * m.ld + j] : d[i + j * m.ld];
    }
};

// Completes a symmetric tile: the transposed copy of an off-diagonal one, or the lower half
// of a diagonal one from its upper half, plus the noise on the diagonal.
template <class T>
void mirror(const Tile &t, const MatrixRef &k, double noise) {
    const Elements<T> e{k};
    if (!t.diagonal) {
        for (index_t j = t.j0; j < t.j1; ++j)
            for (index_t i = t.i0; i < t.i1; ++i) e(j, i) = e(i, j);
        return;
    }
    for (index_t i = t.i0; i < t.i1; ++i) {
        for (index_t j = t.i0; j < i; ++j) e(i, j) = e(j, i);
        e(i, i) += static_cast<T>(noise);
    }
}

}  // namespace

template <class T>
void Kernel::matrix(const MatrixRef &x1, const MatrixRef *x2, const MatrixRef &k) const {
    const std::vector<double> centre = mean_row<T>(x1);
    const Points<T> p1 = transform_points<T>(metric_, x1, "x1", centre);
    const Points<T> p2 =
        x2 != nullptr ? transform_points<T>(metric_, *x2, "x2", centre) : Points<T>{};
    const Points<T> &q2 = x2 != nullptr ? p2 : p1;
    if (k.rows == 0 || k.cols == 0) return;

    const bool symmetric = x2 == nullptr;
    const std::vector<Tile> tiles = make_tiles(k.rows, k.cols, symmetric);
    const double sigma_f2 = sigma_f_ * sigma_f_;
    const auto count = static_cast<index_t>(tiles.size());
    run_tiles(count, worker_count(k.rows, k.cols, dim(), count), [&](int, index_t index) {
        const Tile &t = tiles[index];
        const MatrixRef block = submatrix(k, t.i0, t.j0, t.i1 - t.i0, t.j1 - t.j0, sizeof(T));
        if (!p1.direct())
            lapack::gemm<T>(T(-2), p1.rows(t.i0, t.i1 - t.i0), q2.columns(t.j0, t.j1 - t.j0), dim(),
                            T(0), block);
        const TileLines lines(t, k.layout);
        const ColMajorView<T> stored = stored_view<T>(block);
        for (index_t l = 0; l < lines.count; ++l)
            kernel_line(kind_, sigma_f2,
                        line_operands(lines, l, lines.of_lines(p1, q2), lines.along(p1, q2)),
                        stored.column(l));
        if (symmetric) mirror<T>(t, k, noise_);
    });
}

template void Kernel::matrix<float>(const MatrixRef &, const MatrixRef *, const MatrixRef &) const;
template void Kernel::matrix<double>(const MatrixRef &, const MatrixRef *, const MatrixRef &) const;

}  // namespace fl::kernels
