// sum_ij W_ij dK_ij/dtheta for every hyperparameter, in O(n1 n2 dim) work and memory
// O(n1 + n2 + dim^2) per thread (docs/kernels.md, "Gradients"). With G_ij = W_ij dK_ij/d(r^2)
// and z = U (x - c), every metric parameter's contraction follows from
//   Sz = sum_ij G_ij (z_i - z_j)(z_i - z_j)^T
//      = Z1^T diag(G 1) Z1 + Z2^T diag(G^T 1) Z2 - Z1^T G Z2 - (Z1^T G Z2)^T,
// so each tile makes G once (a GEMM and a fused pass, as for K) and adds Z1_I^T (G Z2_J)
// (two small GEMMs) to its thread's dim-by-dim sum; G's row and column sums are kept per
// point.
#include <string>

#include "core/error.hpp"
#include "core/finite_check.hpp"
#include "gp/kernel.hpp"
#include "gp/kernel_lines.hpp"
#include "gp/points.hpp"
#include "gp/tiles.hpp"
#include "lapack/layout_gemm.hpp"

namespace fl::kernels {
namespace {

// What one thread accumulates over its tiles.
template <class T>
struct Partial {
    std::vector<T> g, g_z2, cross_tile;  // a tile of G, G Z2_J, Z1_I^T G Z2_J
    std::vector<double> cross;           // sum over tiles of Z1_I^T G Z2_J, dim-by-dim
    std::vector<double> sums1, sums2;    // G 1 and G^T 1
    double weighted_kappa = 0;           // sum_ij W_ij kappa(r_ij)

    Partial(index_t n1, index_t n2, index_t dim)
        : g(static_cast<size_t>(tile_size * tile_size)),
          g_z2(static_cast<size_t>(tile_size * dim)),
          cross_tile(static_cast<size_t>(dim * dim)),
          cross(static_cast<size_t>(dim * dim), 0.0),
          sums1(static_cast<size_t>(n1), 0.0),
          sums2(static_cast<size_t>(n2), 0.0) {}
};

// Adds sum_i weight_i z_i z_i^T to s (dim-by-dim, column-major).
template <class T>
void add_weighted_outer(const Points<T> &p, const std::vector<double> &weight,
                        std::vector<double> &s) {
    for (index_t i = 0; i < p.n; ++i) {
        const T *z = p.z.data() + i * p.dim;
        for (index_t b = 0; b < p.dim; ++b) {
            const double wb = weight[i] * static_cast<double>(z[b]);
            for (index_t a = 0; a < p.dim; ++a) s[a + b * p.dim] += wb * static_cast<double>(z[a]);
        }
    }
}

template <class T>
void require_finite_weights(const MatrixRef &w) {
    try {
        require_finite<T>(w, "w");
    } catch (const Error &e) {
        // The factor's message suggests an option kernels do not have: keep what it found.
        const std::string message = e.what();
        throw Error(e.code(), message.substr(0, message.find(" (pass")));
    }
}

}  // namespace

template <class T>
void Kernel::gradient(const MatrixRef &x1, const MatrixRef *x2, const MatrixRef &w,
                      double *grad) const {
    const std::vector<double> centre = mean_row<T>(x1);
    const Points<T> p1 = transform_points<T>(metric_, x1, "x1", centre);
    const Points<T> p2 =
        x2 != nullptr ? transform_points<T>(metric_, *x2, "x2", centre) : Points<T>{};
    const Points<T> &q2 = x2 != nullptr ? p2 : p1;
    require_finite_weights<T>(w);
    const bool symmetric = x2 == nullptr;
    const index_t n1 = w.rows, n2 = w.cols, p = dim();

    // Every tile, also in the symmetric case: W need not be symmetric.
    const std::vector<Tile> tiles = make_tiles(n1, n2, false);
    const auto count = static_cast<index_t>(tiles.size());
    const int workers = worker_count(n1, n2, 2 * p, count);
    std::vector<Partial<T>> partials;
    partials.reserve(static_cast<size_t>(workers));
    for (int k = 0; k < workers; ++k) partials.emplace_back(n1, n2, p);

    const double sigma_f2 = sigma_f_ * sigma_f_;
    run_tiles(count, workers, [&](int worker, index_t index) {
        Tile t = tiles[index];
        t.diagonal = symmetric && t.i0 == t.j0;  // where r = 0 exactly
        Partial<T> &part = partials[static_cast<size_t>(worker)];
        const index_t rows = t.i1 - t.i0, cols = t.j1 - t.j0;
        // G's tile in W's layout, so that both are read line by line.
        const MatrixRef g{w.layout, rows, cols, w.layout == Layout::row_major ? cols : rows,
                          part.g.data()};
        if (!p1.direct())
            lapack::gemm<T>(T(-2), p1.rows(t.i0, rows), q2.columns(t.j0, cols), p, T(0), g);

        const TileLines lines(t, w.layout);
        double *line_sums = lines.of_lines(part.sums1, part.sums2).data();
        double *along_sums = lines.along(part.sums1, part.sums2).data() + lines.along_first;
        const ColMajorView<T> g_lines = stored_view<T>(g);
        const ColMajorView<const T> w_lines =
            stored_view<const T>(submatrix(w, t.i0, t.j0, rows, cols, sizeof(T)));
        for (index_t l = 0; l < lines.count; ++l) {
            const GradientSums s =
                gradient_line(kind_, sigma_f2,
                              line_operands(lines, l, lines.of_lines(p1, q2), lines.along(p1, q2)),
                              w_lines.column(l), g_lines.column(l), along_sums);
            line_sums[lines.first + l] += s.g;
            part.weighted_kappa += s.weighted_kappa;
        }

        const MatrixRef g_z2{Layout::row_major, rows, p, p, part.g_z2.data()};
        lapack::gemm<T>(T(1), g, q2.rows(t.j0, cols), cols, T(0), g_z2);
        const MatrixRef cross{Layout::col_major, p, p, p, part.cross_tile.data()};
        lapack::gemm<T>(T(1), p1.columns(t.i0, rows), g_z2, rows, T(0), cross);
        for (size_t e = 0; e < part.cross.size(); ++e)
            part.cross[e] += static_cast<double>(part.cross_tile[e]);
    });

    Partial<T> &total = partials[0];
    for (size_t k = 1; k < partials.size(); ++k) {
        for (size_t e = 0; e < total.cross.size(); ++e) total.cross[e] += partials[k].cross[e];
        for (index_t i = 0; i < n1; ++i) total.sums1[i] += partials[k].sums1[i];
        for (index_t j = 0; j < n2; ++j) total.sums2[j] += partials[k].sums2[j];
        total.weighted_kappa += partials[k].weighted_kappa;
    }
    std::vector<double> sz(static_cast<size_t>(p * p), 0.0);
    add_weighted_outer(p1, total.sums1, sz);
    add_weighted_outer(q2, total.sums2, sz);
    for (index_t b = 0; b < p; ++b)
        for (index_t a = 0; a < p; ++a)
            sz[a + b * p] -= total.cross[a + b * p] + total.cross[b + a * p];

    grad[0] = 2.0 * sigma_f_ * total.weighted_kappa;
    double trace = 0;
    if (symmetric)
        for (index_t i = 0; i < n1; ++i)
            trace += static_cast<double>(stored_view<const T>(w)(i, i));
    grad[1] = trace;
    metric_.chain_rule(sz, grad + 2);
}

template void Kernel::gradient<float>(const MatrixRef &, const MatrixRef *, const MatrixRef &,
                                      double *) const;
template void Kernel::gradient<double>(const MatrixRef &, const MatrixRef *, const MatrixRef &,
                                       double *) const;

}  // namespace fl::kernels
