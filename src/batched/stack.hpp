// A stack: count matrices of one shape at a fixed element stride (numpy's (count, m, n)
// arrays, cuBLAS's strided batches), and the per-matrix outcome every batched call reports.
#pragma once

#include <cstdint>

#include "core/types.hpp"

namespace fl::batched {

struct Stack {
    MatrixRef first;  // matrix 0; the C layer has validated it and the stride
    index_t stride;   // elements from one matrix to the next (0: one matrix for all)

    template <class T>
    T *matrix(index_t l) const {
        return static_cast<T *>(first.data) + l * stride;
    }
    // Element (i, j) of matrix l.
    template <class T>
    T &at(index_t l, index_t i, index_t j) const {
        const index_t offset =
            first.layout == Layout::row_major ? i * first.ld + j : i + j * first.ld;
        return matrix<T>(l)[offset];
    }
    // The caller's matrix l, for code that takes one matrix.
    MatrixRef ref(index_t l, index_t element_bytes) const {
        MatrixRef m = first;
        m.data = static_cast<char *>(first.data) + l * stride * element_bytes;
        return m;
    }
};

// What happened to one matrix of a batch. The C layer turns these into fl_status values.
enum class Outcome : std::int8_t {
    ok,
    singular,
    not_positive_definite,
    non_finite,
    no_convergence
};

// The order up to which a kind runs on interleaved packs; above it, LAPACK per matrix.
// Measured with bench/bench_batched.cpp (docs/batched.md): LU solves and determinants on
// packs beat getrf + getrs per matrix up to n = 32 and tie at 64; inverses (n right-hand
// sides) lose from n = 32 on; Cholesky solves tie at 32; Jacobi eigh beats syevd up to 8.
constexpr index_t lu_pack_limit = 48;
constexpr index_t inverse_pack_limit = 16;
// Inverses up to this order try cofactors first (cofactors.hpp), and solves with at most n
// right-hand sides, determinants and Cholesky factors a pack in registers.
constexpr index_t cofactor_inverse_limit = 4;
constexpr index_t register_solve_limit = 4;
constexpr index_t register_logdet_limit = 4;
constexpr index_t register_cholesky_limit = 4;
constexpr index_t register_eigh_limit = 4;
constexpr index_t cholesky_pack_limit = 24;
constexpr index_t eigh_pack_limit = 8;

}  // namespace fl::batched
