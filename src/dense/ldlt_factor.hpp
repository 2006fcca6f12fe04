// LDL^T with Bunch-Kaufman diagonal pivoting, P A P^T = L D L^T (LAPACK sytrf), of a
// symmetric, possibly indefinite A read from one triangle in either layout; for a complex
// A, P A P^T = L D L^H of a Hermitian A (hetrf), or L D L^T of a complex symmetric one
// (sytrf, FL_OPT_COMPLEX_SYMMETRIC). D is block diagonal with 1-by-1 and 2-by-2 blocks, so
// the determinant and the inertia are read from D (Sylvester's law of inertia).
#pragma once

#include <cstdint>
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
    // L (or U), D and the permutation of P A P^T = L D L^T (ldlt_parts.cpp).
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void get_indices(Part part, std::int64_t *out) const override;

private:
    LdltFactor(StateReader &in, std::uint8_t &&triangles);  // ldlt_state.cpp
    void solve_left(Transpose op, const ColMajorView<T> &x) const override;
    void solve_right(Transpose op, const ColMajorView<T> &y) const override;
    void invert_in_place(const ColMajorView<T> &a) const override;

    // Calls one(a) for each 1-by-1 block [a] of the stored D and two(a, b, c) for each
    // 2-by-2 block [a b; b' c] (b' = conj(b) for a Hermitian D, else b), in order.
    template <class One, class Two> void for_each_block(One one, Two two) const;
    // As for_each_block, for a D that is real symmetric or Hermitian: real a and c, and
    // |b| (all the determinant and the inertia need).
    template <class One, class Two>
    void for_each_real_block(One one, Two two) const;
    LogDet complex_symmetric_logdet() const;
    // Error(singular) naming D[k, k] unless zero_pivot_ is 0.
    void require_nonsingular() const;
    // sytrf's info, read back off D: the first 1-by-1 block that is exactly zero in the
    // order sytrf eliminates (from the top for lower, from the bottom for upper), 1-based.
    lapack_int first_zero_pivot() const;
    struct Unpacked;
    // sytrf's product form unpacked into the parts of the caller's A in the form of form_.
    Unpacked unpack() const;
    // Whether the storage holds conj(A): a Hermitian A that came row-major.
    bool conjugated() const { return this->transposed_ && hermitian_; }

    // The caller's triangle as it lies in the column-major storage: a row-major lower
    // triangle is the stored upper one (A is symmetric, so the storage holds A itself).
    const Triangle triangle_;
    // The caller's triangle, which names the parts' form: lower P A P^T = L D L^T, upper
    // P A P^T = U D U^T (scipy.linalg.ldl's lower=False).
    const Triangle form_;
    // A complex A factored as Hermitian (hetrf), not complex symmetric (sytrf); false for a
    // real A, which is both.
    const bool hermitian_;
    std::vector<lapack_int> pivots_;  // sytrf's ipiv: > 0 a 1-by-1 block, < 0 (twice) a 2-by-2
    // sytrf's info: the 1-based exactly zero D[k, k] kept under FL_OPT_ALLOW_SINGULAR; 0 if none.
    lapack_int zero_pivot_ = 0;
};

}  // namespace fl
