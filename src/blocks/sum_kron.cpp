// Lemma 4: sum_i A_i (x) B_i over row blocks, one KronSum (kron_sum.hpp) whose blocks are the
// row blocks themselves (one block column each).
#include "blocks/block_sums.hpp"
#include "blocks/kron_sum.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run(const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2, const MatrixRef &out) {
    KronSum<T> sum(n1, a.cols, a.layout, n2, b.cols, b.layout);
    sum.add(a, b);
    sum.write(out);
}

}  // namespace

void sum_kron(Dtype dtype, const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2,
              const MatrixRef &out) {
    typed_real(dtype, [&](auto t) { run<decltype(t)>(a, n1, b, n2, out); });
}

}  // namespace fl::blocks
