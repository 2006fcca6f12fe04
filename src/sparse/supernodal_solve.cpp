#include "sparse/supernodal_solve.hpp"

#include <algorithm>
#include <vector>

#include "lapack/lapack.hpp"
#include "sparse/row_blocks.hpp"

namespace fl::suitesparse {
namespace {

// One supernode: columns first .. first + ncols - 1 of L, stored as the dense nrows-by-ncols
// column-major block at x (its first ncols rows are the diagonal block L11, the others L21),
// with row indices rows[0 .. nrows).
struct Supernode {
    int64_t first;
    int64_t ncols;
    int64_t nrows;
    const int64_t *rows;
    const double *x;
};

Supernode supernode(const cholmod_factor &l, size_t s) {
    const auto *super = static_cast<const int64_t *>(l.super);
    const auto *pi = static_cast<const int64_t *>(l.pi);
    const auto *px = static_cast<const int64_t *>(l.px);
    return {super[s], super[s + 1] - super[s], pi[s + 1] - pi[s],
            static_cast<const int64_t *>(l.s) + pi[s], static_cast<const double *>(l.x) + px[s]};
}

// Y^T (k-by-n, column-major: the rows of Y, k values each) <- Y^T L^-T L^-1 in place,
// that is Y <- (L L^T)^-1 Y, with `work` holding k * (largest nrows - ncols) values.
void solve_rows(const cholmod_factor &l, double *yt, index_t k, double *work) {
    const size_t nsuper = l.nsuper;
    // L y = b: y1 = L11^-1 b1, then b2 -= L21 y1, i.e. on rows y1^T <- y1^T L11^-T and
    // (b2^T)[:, i] -= (y1^T L21^T)[:, i] scattered to rows[ncols + i].
    for (size_t s = 0; s < nsuper; ++s) {
        const Supernode sn = supernode(l, s);
        double *y1 = yt + sn.first * k;
        lapack::trsm_right(Triangle::lower, Transpose::yes, false, k, sn.ncols, sn.x, sn.nrows, y1,
                           k);
        const index_t below = sn.nrows - sn.ncols;
        if (below == 0) continue;
        lapack::gemm(Transpose::no, Transpose::yes, k, below, sn.ncols, 1.0, y1, k, sn.x + sn.ncols,
                     sn.nrows, 0.0, work, k);
        for (index_t i = 0; i < below; ++i) {
            double *row = yt + sn.rows[sn.ncols + i] * k;
            const double *update = work + i * k;
            for (index_t j = 0; j < k; ++j) row[j] -= update[j];
        }
    }
    // L^T x = y, supernodes in reverse: x1^T = (y1^T - x2^T L21) L11^-1, x2's rows gathered.
    for (size_t s = nsuper; s-- > 0;) {
        const Supernode sn = supernode(l, s);
        double *x1 = yt + sn.first * k;
        const index_t below = sn.nrows - sn.ncols;
        if (below > 0) {
            for (index_t i = 0; i < below; ++i)
                std::copy(yt + sn.rows[sn.ncols + i] * k, yt + sn.rows[sn.ncols + i] * k + k,
                          work + i * k);
            lapack::gemm(Transpose::no, Transpose::no, k, sn.ncols, below, -1.0, work, k,
                         sn.x + sn.ncols, sn.nrows, 1.0, x1, k);
        }
        lapack::trsm_right(Triangle::lower, Transpose::no, false, k, sn.ncols, sn.x, sn.nrows, x1,
                           k);
    }
}

}  // namespace

template <class T>
void supernodal_solve(const cholmod_factor &l, const MatrixRef &b, const MatrixRef &x) {
    index_t widest = 0;  // the most rows below a diagonal block: the GEMMs' scratch
    for (size_t s = 0; s < l.nsuper; ++s) {
        const Supernode sn = supernode(l, s);
        widest = std::max(widest, sn.nrows - sn.ncols);
    }
    // Y = P B, row i of Y being row perm[i] of B; X = P^T Y. Perm is never NULL for a
    // supernodal factor.
    const auto *perm = static_cast<const int64_t *>(l.Perm);
    solve_by_row_blocks<T>(
        b, x, {perm, nullptr}, {perm, nullptr}, widest,
        [&](double *yt, index_t kb, double *scratch) { solve_rows(l, yt, kb, scratch); });
}

template void supernodal_solve<float>(const cholmod_factor &, const MatrixRef &, const MatrixRef &);
template void supernodal_solve<double>(const cholmod_factor &, const MatrixRef &,
                                       const MatrixRef &);

}  // namespace fl::suitesparse
