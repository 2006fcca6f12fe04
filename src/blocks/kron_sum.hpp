// Sums of Kronecker products over blocks, the core of Lemmas 4, 5 and 6:
//   S = sum_b X_b (x) Y_b,  X_b nx-by-kx, Y_b ny-by-ky, b running over a grid of blocks.
// Entry ((p, q), (c, d)) of S is sum_b X_b(p, c) Y_b(q, d): with each block flattened into a
// column, that is the GEMM M = Xt Yt^T over the blocks, M((p, c), (q, d)), and S is M with
// its four indices permuted (the notebook's I (x) P (x) I and reshape). See docs/blmm.md.
#pragma once

#include <vector>

#include "blocks/block_views.hpp"

namespace fl::blocks {

template <class T>
class KronSum {
public:
    // x_layout, y_layout: the layouts of the matrices later passed to add(); blocks are
    // flattened along them.
    KronSum(index_t nx, index_t kx, Layout x_layout, index_t ny, index_t ky, Layout y_layout)
        : nx_(nx),
          kx_(kx),
          ny_(ny),
          ky_(ky),
          fx_(flattening_for(x_layout, nx, kx)),
          fy_(flattening_for(y_layout, ny, ky)) {
        require_lapack_size(nx * kx, "the rows of one block times its columns");
        require_lapack_size(ny * ky, "the rows of one block times its columns");
        m_.resize(static_cast<size_t>(nx * kx * ny * ky));
    }

    // Adds the blocks of x (a grid of nx-by-kx blocks) paired with those of y (ny-by-ky
    // blocks, as many block rows and block columns), in x's and y's layouts as declared.
    void add(const MatrixRef &x, const MatrixRef &y) {
        if (kx_ == 0 || ky_ == 0) return;  // blocks without columns: an empty out
        const index_t rows = x.rows / nx_, per_row = x.cols / kx_;
        if (rows == 0 || per_row == 0) return;
        const index_t sx = nx_ * kx_, sy = ny_ * ky_;
        const MatrixRef m{Layout::col_major, sx, sy, sx, m_.data()};
        // Each block is one column of the GEMM: at least 512 of them per panel.
        const index_t per =
            blocks_per_panel(rows, per_row * std::max(sx, sy), (512 + per_row - 1) / per_row);
        const auto px = scratch<T>(per * per_row * sx), py = scratch<T>(per * per_row * sy);
        for (index_t i0 = 0; i0 < rows; i0 += per) {
            const index_t i1 = std::min(rows, i0 + per), count = (i1 - i0) * per_row;
            const MatrixRef bx = panel(x, nx_, kx_, i0, i1, px.get()),
                            by = panel(y, ny_, ky_, i0, i1, py.get());
            add_product<T>(bx, by, count, started_ ? T(1) : T(0), m, false);
            started_ = true;
        }
    }

    // out((p, q), (c, d)) = M((p, c), (q, d)): out is (nx ny)-by-(kx ky).
    void write(const MatrixRef &out) const {
        if (!started_) {
            set_zero<T>(out);
            return;
        }
        const Strides o = strides_of(out);
        const index_t ld = nx_ * kx_;
        strided_copy<T, 4>({{{nx_, fx_.p_stride, ny_ * o.row},
                             {ny_, fy_.p_stride * ld, o.row},
                             {kx_, fx_.r_stride, ky_ * o.col},
                             {ky_, fy_.r_stride * ld, o.col}}},
                           m_.data(), static_cast<T *>(out.data));
    }

private:
    // The blocks of block rows [i0, i1) of z as the columns of an (n k)-by-count matrix.
    // A contiguous row-major z with one block column already is that matrix (each block is
    // n whole rows, flattened row by row): no copy.
    static MatrixRef panel(const MatrixRef &z, index_t n, index_t k, index_t i0, index_t i1,
                           T *buf) {
        const index_t count = (i1 - i0) * (z.cols / k);
        if (z.layout == Layout::row_major && z.cols == k && z.ld == k)
            return {Layout::col_major, n * k, count, n * k, static_cast<T *>(z.data) + i0 * n * k};
        pack_block_columns<T>(z, n, k, i0, i1, buf);
        return {Layout::col_major, n * k, count, n * k, buf};
    }

    index_t nx_, kx_, ny_, ky_;
    Flattening fx_, fy_;
    std::vector<T> m_;
    bool started_ = false;
};

}  // namespace fl::blocks
