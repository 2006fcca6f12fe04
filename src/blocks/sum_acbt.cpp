// Lemma 2: sum_i A_i C B_i^T. Both association orders are Lemma 1 after one GEMM:
//   sum_i (A_i C) B_i^T   = Lemma 1 of (A C, B),    inner width k2,
//   sum_i A_i (B_i C^T)^T = Lemma 1 of (A, B C^T),  inner width k1.
// The first GEMM costs 2 m k1 k2 either way; Lemma 1 then costs 2 n m k, so the narrower
// product wins. It is formed a chunk of blocks at a time, so the extra memory is bounded.
#include "blocks/abt_sum.hpp"
#include "blocks/block_sums.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run(const MatrixRef &a, index_t n1, const MatrixRef &c, const MatrixRef &b, index_t n2,
         const MatrixRef &out) {
    const index_t l = a.rows / n1, k1 = c.rows, k2 = c.cols;
    // Multiply the wider operand: W = A C (then Lemma 1 of W, B) or W = B C^T (Lemma 1 of A, W).
    const bool left = k2 <= k1;
    const MatrixRef &wide = left ? a : b;
    const index_t n_wide = left ? n1 : n2, width = left ? k2 : k1;
    const MatrixRef factor = left ? c : transposed(c);
    // Chunks of at least 256 rows: the product W is a GEMM of its own.
    const index_t per =
        blocks_per_panel(l, n_wide * std::max(width, index_t{1}), (256 + n_wide - 1) / n_wide);
    const auto w = scratch<T>(per * n_wide * width);
    for (index_t i0 = 0; i0 < l; i0 += per) {
        const index_t i1 = std::min(l, i0 + per);
        // W in the wide operand's layout: for a row-major one the GEMM is C^T A^T (or C B^T),
        // NN with the long dimension across, the orientation OpenBLAS runs fastest.
        const index_t rows = (i1 - i0) * n_wide;
        const MatrixRef part =
            wide.layout == Layout::row_major
                ? MatrixRef{Layout::row_major, rows, width, std::max<index_t>(width, 1), w.get()}
                : MatrixRef{Layout::col_major, rows, width, rows, w.get()};
        lapack::gemm<T>(T(1), row_range<T>(wide, i0 * n_wide, i1 * n_wide), factor, wide.cols, T(0),
                        part);
        const MatrixRef ra = left ? part : row_range<T>(a, i0 * n1, i1 * n1);
        const MatrixRef rb = left ? row_range<T>(b, i0 * n2, i1 * n2) : part;
        add_abt<T>(ra, n1, rb, n2, i0 == 0 ? T(0) : T(1), out, false);
    }
    if (l == 0) set_zero<T>(out);
}

}  // namespace

void sum_acbt(Dtype dtype, const MatrixRef &a, index_t n1, const MatrixRef &c, const MatrixRef &b,
              index_t n2, const MatrixRef &out) {
    typed_real(dtype, [&](auto t) { run<decltype(t)>(a, n1, c, b, n2, out); });
}

}  // namespace fl::blocks
