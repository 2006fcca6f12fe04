// Lemma 1: sum_i A_i B_i^T (see abt_sum.hpp).
#include "blocks/abt_sum.hpp"
#include "blocks/block_sums.hpp"
#include "core/typed.hpp"

namespace fl::blocks {
namespace {

template <class T>
void run(const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2, bool symmetric,
         const MatrixRef &out) {
    add_abt<T>(a, n1, b, n2, T(0), out, symmetric);
    if (symmetric) finish_symmetric<T>(out);
}

}  // namespace

void sum_abt(Dtype dtype, const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2,
             bool symmetric, const MatrixRef &out) {
    typed_real(dtype, [&](auto t) { run<decltype(t)>(a, n1, b, n2, symmetric, out); });
}

}  // namespace fl::blocks
