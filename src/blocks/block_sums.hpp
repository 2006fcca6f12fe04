// Seed 001's block-partitioned sums (the BLMM lemmas), for caller matrices validated by the
// C layer: every block size is >= 1 and divides its matrix, the block counts agree, out has
// the shape stated and does not overlap an input. Each writes out in out's layout.
#pragma once

#include "core/types.hpp"

namespace fl::blocks {

// Lemma 1 (and the notebook's sumAijBijt): sum_i A_i B_i^T, A_i n1-by-k, B_i n2-by-k.
// `symmetric`: B is A (one SYRK, exactly symmetric result).
void sum_abt(Dtype dtype, const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2,
             bool symmetric, const MatrixRef &out);
// Lemma 2: sum_i A_i C B_i^T, A_i n1-by-k1, C k1-by-k2, B_i n2-by-k2.
void sum_acbt(Dtype dtype, const MatrixRef &a, index_t n1, const MatrixRef &c, const MatrixRef &b,
              index_t n2, const MatrixRef &out);
// Lemma 3: sum_i (A_i - B_i C)(A_i - B_i C)^T, A_i n-by-k1, B_i n-by-k2, C k2-by-k1.
void sum_residual(Dtype dtype, const MatrixRef &a, const MatrixRef &b, const MatrixRef &c,
                  index_t n, const MatrixRef &out);
// Lemma 4: sum_i A_i (x) B_i, A_i n1-by-k1, B_i n2-by-k2.
void sum_kron(Dtype dtype, const MatrixRef &a, index_t n1, const MatrixRef &b, index_t n2,
              const MatrixRef &out);
// Lemma 5: sum_j sum_i A_i B_j^T (x) C_i D_j^T, A_i n1-by-k1, B_j n2-by-k1, C_i n1-by-k2,
// D_j n2-by-k2.
void sum_kron_abt_cdt(Dtype dtype, const MatrixRef &a, const MatrixRef &b, const MatrixRef &c,
                      const MatrixRef &d, index_t n1, index_t n2, const MatrixRef &out);
// Lemma 6: sum_i sum_j A_ij (x) B_i C_j^T, A_ij n1-by-n2, B_i n1-by-k, C_j n2-by-k.
void sum_kron_grid(Dtype dtype, const MatrixRef &a, const MatrixRef &b, const MatrixRef &c,
                   index_t n1, index_t n2, const MatrixRef &out);

}  // namespace fl::blocks
