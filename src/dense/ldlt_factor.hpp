// LDL^T with Bunch-Kaufman diagonal pivoting, P A P^T = L D L^T (LAPACK sytrf), of a
// symmetric, possibly indefinite A read from one triangle in either layout. D is block
// diagonal with 1-by-1 and 2-by-2 blocks, so the determinant's sign and the inertia are
// read from D (Sylvester's law of inertia).
#pragma once

#include <vector>

#include "dense/square_factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T> class LdltFactor final : public SquareFactor<T> {
public:
    LdltFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/ldlt_state.cpp).
    explicit LdltFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::ldlt; }
    LogDet logdet() const override;
    double rcond() const override;
    Inertia inertia() const override;
    // L, D and the permutation of P A P^T = L D L^T (ldlt_parts.cpp).
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void get_indices(Part part, std::int64_t *out) const override;

private:
    void solve_left(Transpose op, const ColMajorView<T> &x) const override;
    void solve_right(Transpose op, const ColMajorView<T> &y) const override;
    void invert_in_place(const ColMajorView<T> &a) const override;

    // Calls f(a) for each 1-by-1 block [a] of D and f(a, b, c) for each 2-by-2 block
    // [a b; b c], in order.
    template <class One, class Two> void for_each_block(One one, Two two) const;
    struct Unpacked;
    // sytrf's product form unpacked into P A P^T = L D L^T, L unit lower triangular.
    Unpacked unpack() const;

    // The caller's triangle as it lies in the column-major storage: a row-major lower
    // triangle is the stored upper one (A is symmetric, so the storage holds A itself).
    const Triangle triangle_;
    std::vector<lapack_int> pivots_;  // sytrf's ipiv: > 0 a 1-by-1 block, < 0 (twice) a 2-by-2
};

}  // namespace fl
