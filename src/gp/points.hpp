// A set of points after the metric's transform, z = U (x - c), with their squared norms:
// the operands of every tile's GEMM. Centring on c (the mean of X1) before the transform
// keeps |z|^2 close to the spread of the points, which is what the cancellation in
// |z_i|^2 + |z_j|^2 - 2 z_i^T z_j scales with (docs/kernels.md, "Accuracy").
#pragma once

#include <vector>

#include "core/types.hpp"
#include "gp/kernel_lines.hpp"
#include "gp/metric.hpp"
#include "gp/tiles.hpp"

namespace fl::kernels {

// Up to this many dimensions, squared distances are summed from the differences of the
// points (exact, no cancellation) in the fused pass, with no GEMM: at D = 6 this is both
// faster, as the GEMM's extra pass over each tile goes (docs/kernels.md, "Algorithm"), and
// more accurate. Above it, the GEMM's arithmetic intensity wins.
constexpr index_t direct_max_dim = 16;

template <class T>
struct Points {
    index_t n = 0, dim = 0;
    std::vector<T> z;   // n-by-dim, row-major: point i at z[i * dim]
    std::vector<T> sq;  // |z_i|^2 of the stored z_i, summed in double (GEMM route)
    std::vector<T> zt;  // dim-by-n, row-major: coordinate d of point i at zt[d * n + i] (direct)

    bool direct() const { return dim <= direct_max_dim; }

    // Points [first, first + count) as a row-major count-by-dim matrix, and the same
    // memory read as their dim-by-count transpose.
    MatrixRef rows(index_t first, index_t count) const {
        return {Layout::row_major, count, dim, dim, const_cast<T *>(z.data() + first * dim)};
    }
    MatrixRef columns(index_t first, index_t count) const {
        return {Layout::col_major, dim, count, dim, const_cast<T *>(z.data() + first * dim)};
    }
};

// The mean of the rows of X (n-by-dim), in double; zeros for n = 0.
template <class T>
std::vector<double> mean_row(const MatrixRef &x) {
    std::vector<double> c(static_cast<size_t>(x.cols), 0.0);
    if (x.rows == 0) return c;
    const ColMajorView<const T> s{static_cast<const T *>(x.data), x.stored_rows(), x.stored_cols(),
                                  x.ld};
    for (index_t i = 0; i < x.rows; ++i)
        for (index_t d = 0; d < x.cols; ++d)
            c[d] += static_cast<double>(x.layout == Layout::row_major ? s(d, i) : s(i, d));
    for (double &v : c) v /= static_cast<double>(x.rows);
    return c;
}

template <class T>
Points<T> transform_points(const Metric &metric, const MatrixRef &x, const char *name,
                           const std::vector<double> &centre) {
    Points<T> p;
    p.n = x.rows;
    p.dim = metric.dim();
    p.z.resize(static_cast<size_t>(p.n * p.dim));
    p.sq.resize(static_cast<size_t>(p.n));
    metric.transform<T>(x, name, centre, p.z.data());
    if (p.direct()) {
        p.zt.resize(p.z.size());
        for (index_t i = 0; i < p.n; ++i)
            for (index_t d = 0; d < p.dim; ++d) p.zt[d * p.n + i] = p.z[i * p.dim + d];
        return p;
    }
    for (index_t i = 0; i < p.n; ++i) {
        double s = 0;
        for (index_t d = 0; d < p.dim; ++d) {
            const double v = static_cast<double>(p.z[i * p.dim + d]);
            s += v * v;
        }
        p.sq[i] = static_cast<T>(s);
    }
    return p;
}

// The operands of line l of a tile, whose lines belong to `line_points` and run along
// `along_points`.
template <class T>
LineOperands<T> line_operands(const TileLines &lines, index_t l, const Points<T> &line_points,
                              const Points<T> &along_points) {
    LineOperands<T> o;
    o.n = lines.length;
    o.zero_at = lines.zero_at(l);
    const index_t i = lines.first + l;
    if (line_points.direct()) {
        o.fixed = line_points.z.data() + i * line_points.dim;
        o.along = along_points.zt.data() + lines.along_first;
        o.stride = along_points.n;
        o.dim = line_points.dim;
    } else {
        o.a = static_cast<double>(line_points.sq[i]);
        o.b = along_points.sq.data() + lines.along_first;
    }
    return o;
}

}  // namespace fl::kernels
