// Lemma 5: S = sum_j sum_i A_i B_j^T (x) C_i D_j^T, by whichever of two routes costs fewer flops:
//  - Kronecker first (the notebook's): by the mixed-product rule
//    S = (sum_i A_i (x) C_i)(sum_j B_j (x) D_j)^T, two Lemma 4 sums (n1^2-by-k1 k2 and
//    n2^2-by-k1 k2) and one GEMM;
//  - products first: A_i B_j^T is block (i, j) of G = A B^T and C_i D_j^T of H = C D^T, so
//    S = sum_ij G_ij (x) H_ij, a grid sum with G and H formed a band of block rows at a time.
#include <vector>

#include "blocks/block_sums.hpp"
#include "blocks/grid_products.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void by_kron(const MatrixRef &a, const MatrixRef &b, const MatrixRef &c, const MatrixRef &d,
             index_t n1, index_t n2, const MatrixRef &out) {
    const index_t k = a.cols * c.cols;
    std::vector<T> left(static_cast<size_t>(n1 * n1 * k)), right(static_cast<size_t>(n2 * n2 * k));
    const MatrixRef l{Layout::row_major, n1 * n1, k, std::max<index_t>(k, 1), left.data()};
    const MatrixRef r{Layout::row_major, n2 * n2, k, std::max<index_t>(k, 1), right.data()};
    KronSum<T> ac(n1, a.cols, a.layout, n1, c.cols, c.layout);
    ac.add(a, c);
    ac.write(l);
    KronSum<T> bd(n2, b.cols, b.layout, n2, d.cols, d.layout);
    bd.add(b, d);
    bd.write(r);
    if (k == 0)
        set_zero<T>(out);
    else
        lapack::gemm<T>(T(1), l, transposed(r), k, T(0), out);
}

template <class T>
void by_grid(const MatrixRef &a, const MatrixRef &b, const MatrixRef &c, const MatrixRef &d,
             index_t n1, index_t n2, const MatrixRef &out) {
    KronSum<T> sum(n1, n2, Layout::col_major, n1, n2, Layout::col_major);
    const index_t l1 = a.rows / n1, per = bands_of(l1, n1, 2 * b.rows);
    std::vector<T> g, h;
    for (index_t i0 = 0; i0 < l1; i0 += per) {
        const index_t r0 = i0 * n1, r1 = std::min(l1, i0 + per) * n1;
        const MatrixRef gb = band_product<T>(a, b, r0, r1, g);
        sum.add(gb, band_product<T>(c, d, r0, r1, h));
    }
    sum.write(out);
}

// The flops of each route (leading terms).
double flops_kron_first(index_t m1, index_t m2, index_t k1, index_t k2, index_t n1, index_t n2) {
    const double kk = double(k1) * double(k2);
    return 2 * kk *
           (double(n1) * double(m1) + double(n2) * double(m2) + double(n1 * n1) * double(n2 * n2));
}

double flops_products_first(index_t m1, index_t m2, index_t k1, index_t k2, index_t n1,
                            index_t n2) {
    return 2 * double(m1) * double(m2) * (double(k1) + double(k2) + double(n1) * double(n2));
}

template <class T>
void run(const MatrixRef &a, const MatrixRef &b, const MatrixRef &c, const MatrixRef &d, index_t n1,
         index_t n2, const MatrixRef &out) {
    const index_t m1 = a.rows, m2 = b.rows, k1 = a.cols, k2 = c.cols;
    // Kronecker first needs k1 k2 and each flattened block (n k) within 32-bit GEMM sizes.
    constexpr index_t limit = std::numeric_limits<int32_t>::max();
    const bool kron_fits = k1 * k2 <= limit && std::max(n1, n2) * std::max(k1, k2) <= limit;
    if (kron_fits &&
        flops_kron_first(m1, m2, k1, k2, n1, n2) < flops_products_first(m1, m2, k1, k2, n1, n2))
        by_kron<T>(a, b, c, d, n1, n2, out);
    else
        by_grid<T>(a, b, c, d, n1, n2, out);
}

}  // namespace

void sum_kron_abt_cdt(Dtype dtype, const MatrixRef &a, const MatrixRef &b, const MatrixRef &c,
                      const MatrixRef &d, index_t n1, index_t n2, const MatrixRef &out) {
    typed_real(dtype, [&](auto t) { run<decltype(t)>(a, b, c, d, n1, n2, out); });
}

}  // namespace fl::blocks
