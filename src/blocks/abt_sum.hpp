// Lemma 1, the workhorse of the row-block sums: S = sum_i A_i B_i^T over the row blocks A_i
// (n1-by-k) of A and B_i (n2-by-k) of B. Since sum_i A_i B_i^T = [A_1 ... A_l][B_1 ... B_l]^T,
// it is one GEMM with inner dimension l k once the blocks stand side by side; see
// docs/blmm.md for the index maps.
#pragma once

#include "blocks/block_views.hpp"
#include "core/matrix_copy.hpp"

namespace fl::blocks {

// Sums with outputs of at most kDirectOutput entries and at most kDirectLimit multiply-adds
// run as plain loops: below that a BLAS call, with its own packing, costs more than the
// arithmetic (the notebook's Lemma 1 example is 64 multiply-adds).
constexpr index_t kDirectOutput = 64;
constexpr index_t kDirectLimit = 4096;

// Blocks with at least this many rows and columns are multiplied one GEMM each, uncopied.
constexpr index_t kBigBlock = 64;

// out <- beta out + sum_i A_i B_i^T by the definition's loops, the n1 n2 sums kept in
// independent accumulators (the q loop vectorises).
template <class T>
void add_abt_direct(const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2, T beta,
                    const MatrixRef &out) {
    const Strides sa = strides_of(a), sb = strides_of(b), so = strides_of(out);
    const T *pa = static_cast<const T *>(a.data), *pb = static_cast<const T *>(b.data);
    T acc[kDirectOutput] = {};
    for (index_t i = 0; i < a.rows / n1; ++i)
        for (index_t c = 0; c < a.cols; ++c) {
            const T *ac = pa + i * n1 * sa.row + c * sa.col,
                    *bc = pb + i * n2 * sb.row + c * sb.col;
            for (index_t p = 0; p < n1; ++p) {
                const T x = ac[p * sa.row];
                for (index_t q = 0; q < n2; ++q) acc[p * n2 + q] += x * bc[q * sb.row];
            }
        }
    T *po = static_cast<T *>(out.data);
    for (index_t p = 0; p < n1; ++p)
        for (index_t q = 0; q < n2; ++q) {
            T &o = po[p * so.row + q * so.col];
            o = beta == T(0) ? acc[p * n2 + q] : beta * o + acc[p * n2 + q];
        }
}

// out <- beta out + sum_i A_i B_i^T (out n1-by-n2). With `symmetric` (B is A) only the lower
// triangle of out's stored view is written; finish with symmetrize(stored_view(out), lower).
template <class T>
void add_abt(const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2, T beta,
             const MatrixRef &out, bool symmetric) {
    const index_t l = a.rows / n1, k = a.cols;
    if (l == 0 || k == 0) {
        if (beta == T(0)) set_zero<T>(out);
        return;
    }
    if (n1 * n2 <= kDirectOutput &&
        double(n1 * n2) * double(l) * double(k) <= double(kDirectLimit)) {
        add_abt_direct<T>(a, n1, b, n2, beta, out);
        return;
    }
    if (l == 1) {  // one block: the product itself, no copy
        add_product<T>(a, b, k, beta, out, symmetric);
        return;
    }
    if (a.layout == Layout::col_major && a.ld == a.rows && b.layout == Layout::col_major &&
        b.ld == b.rows && std::min(n1, n2) >= kShortBlock) {
        // Contiguous column-major A is already side by side as the n1-by-(k l) matrix whose
        // column c l + i is column c of A_i (the notebook's (A')^{r(kl, n)}): no copy. Split
        // over A's columns only where k l exceeds LAPACK's 32-bit integers.
        const index_t per = std::min(k, std::numeric_limits<int32_t>::max() / l);
        for (index_t c0 = 0; c0 < k; c0 += per) {
            const index_t c1 = std::min(k, c0 + per), inner = (c1 - c0) * l;
            const MatrixRef pa{Layout::col_major, n1, inner, n1,
                               static_cast<T *>(a.data) + c0 * a.ld};
            const MatrixRef pb{Layout::col_major, n2, inner, n2,
                               static_cast<T *>(b.data) + c0 * b.ld};
            add_product<T>(pa, pb, inner, c0 == 0 ? beta : T(1), out, symmetric);
        }
        return;
    }
    if (std::min({n1, n2, k}) >= kBigBlock) {
        // Each block's product is a GEMM big enough to run at speed by itself: one call per
        // block on the caller's memory beats copying every block once more.
        for (index_t i = 0; i < l; ++i)
            add_product<T>(row_range<T>(a, i * n1, (i + 1) * n1),
                           row_range<T>(b, i * n2, (i + 1) * n2), k, i == 0 ? beta : T(1), out,
                           symmetric);
        return;
    }
    // Otherwise the blocks are copied side by side a panel at a time (cache-sized), each
    // panel followed by its GEMM (or SYRK) accumulating into out.
    // A panel's GEMM runs over at least 2048 columns, so that tall blocks keep GEMM busy.
    const index_t per = blocks_per_panel(l, k * std::max(n1, n2), (2048 + k - 1) / k);
    const auto panel_a = scratch<T>(per * n1 * k);
    const auto panel_b = scratch<T>(symmetric ? 0 : per * n2 * k);
    for (index_t i0 = 0; i0 < l; i0 += per) {
        const index_t i1 = std::min(l, i0 + per);
        const MatrixRef pa = block_row_panel<T>(a, n1, i0, i1, panel_a.get());
        const MatrixRef pb = symmetric ? pa : block_row_panel<T>(b, n2, i0, i1, panel_b.get());
        add_product<T>(pa, pb, (i1 - i0) * k, i0 == 0 ? beta : T(1), out, symmetric);
    }
}

// Mirrors the lower triangle that a symmetric add_abt wrote into the upper one.
template <class T>
void finish_symmetric(const MatrixRef &out) {
    symmetrize(stored_view<T>(out), Triangle::lower);
}

}  // namespace fl::blocks
