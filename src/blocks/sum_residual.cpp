// Lemma 3: sum_i (A_i - B_i C)(A_i - B_i C)^T, computed as its definition reads: R = A - B C
// a chunk of blocks at a time (a copy of A's rows and one GEMM), then Lemma 1 of (R, R) as
// one SYRK per chunk. The notebook's closed form ((A')^{r})'(A')^{r} drops every term
// with C and is not used.
#include "blocks/abt_sum.hpp"
#include "blocks/block_sums.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run(const MatrixRef &a, const MatrixRef &b, const MatrixRef &c, index_t n,
         const MatrixRef &out) {
    const index_t l = a.rows / n, k1 = a.cols;
    const index_t per = blocks_per_panel(l, n * std::max(k1, index_t{1}), (256 + n - 1) / n);
    const auto r = scratch<T>(per * n * k1);
    for (index_t i0 = 0; i0 < l; i0 += per) {
        const index_t i1 = std::min(l, i0 + per), rows = (i1 - i0) * n;
        const MatrixRef part{Layout::col_major, rows, k1, std::max<index_t>(rows, 1), r.get()};
        copy_matrix<T>(row_range<T>(a, i0 * n, i1 * n), part);
        lapack::gemm<T>(T(-1), row_range<T>(b, i0 * n, i1 * n), c, b.cols, T(1), part);
        add_abt<T>(part, n, part, n, i0 == 0 ? T(0) : T(1), out, true);
    }
    if (l == 0) set_zero<T>(out);
    finish_symmetric<T>(out);
}

}  // namespace

void sum_residual(Dtype dtype, const MatrixRef &a, const MatrixRef &b, const MatrixRef &c,
                  index_t n, const MatrixRef &out) {
    typed_real(dtype, [&](auto t) { run<decltype(t)>(a, b, c, n, out); });
}

}  // namespace fl::blocks
