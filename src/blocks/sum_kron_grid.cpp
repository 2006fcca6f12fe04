// Lemma 6: sum_i sum_j A_ij (x) B_i C_j^T. B_i C_j^T is block (i, j) of B C^T, so this is the
// grid sum of A_ij (x) (B C^T)_ij, the product formed one band of block rows at a time.
#include "blocks/block_sums.hpp"
#include "blocks/grid_products.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run(const MatrixRef &a, const MatrixRef &b, const MatrixRef &c, index_t n1, index_t n2,
         const MatrixRef &out) {
    KronSum<T> sum(n1, n2, a.layout, n1, n2, Layout::col_major);
    const index_t l1 = a.rows / n1, per = bands_of(l1, n1, c.rows);
    std::vector<T> buf;
    for (index_t i0 = 0; i0 < l1; i0 += per) {
        const index_t r0 = i0 * n1, r1 = std::min(l1, i0 + per) * n1;
        sum.add(row_range<T>(a, r0, r1), band_product<T>(b, c, r0, r1, buf));
    }
    sum.write(out);
}

}  // namespace

void sum_kron_grid(Dtype dtype, const MatrixRef &a, const MatrixRef &b, const MatrixRef &c,
                   index_t n1, index_t n2, const MatrixRef &out) {
    typed_real(dtype, [&](auto t) { run<decltype(t)>(a, b, c, n1, n2, out); });
}

}  // namespace fl::blocks
