// The generalized symmetric-definite eigenproblem (LAPACK sygvd) for a symmetric A and a
// symmetric positive definite B, read from the same triangle in either layout (for complex
// ones, hegvd of a Hermitian A and a Hermitian positive definite B, with V^T read as V^H
// below and real eigenvalues):
//   itype 1: A v = w B v,  itype 2: A B v = w v,  itype 3: B A v = w v,
// with V B-normalised as LAPACK leaves it (V^T B V = I for itypes 1 and 2, V^T B^-1 V = I
// for 3). In every case A is congruent to diag(w):
//   itype 1: A = (B V) diag(w) (B V)^T, A^-1 = V diag(1/w) V^T
//   itype 2: A = V diag(w) V^T,         A^-1 = (B V) diag(1/w) (B V)^T
//   itype 3: A = (B^-1 V) diag(w) (..)^T, A^-1 = V diag(1/w) V^T
// so the factor is EighFactor with the basis of A^-1 (V, or B V for itype 2): solves,
// inverse and the products with A^-1 are EIGH's, and rank and inertia of A are those of w
// (Sylvester's law of inertia). log|det A| adds +-log det B; the shifted solves of itype 1
// are (A + s B)^-1 = V diag(1/(w + s)) V^T, the generalized ridge path.
#pragma once

#include <memory>

#include "dense/eigh_factor.hpp"

namespace fl {

template <class T>
class GeneralizedEighFactor final : public EighFactor<T> {
public:
    // a, b: validated n-by-n matrices of dtype T; options.triangle names the triangle of both.
    GeneralizedEighFactor(int itype, const MatrixRef &a, const MatrixRef &b,
                          const FactorOptions &options);

    FactorKind kind() const override { return FactorKind::generalized_eigh; }
    double rcond() const override;
    LogDet logdet() const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void solve_shifted(const double *shifts, index_t nshifts, const MatrixRef &b,
                       const MatrixRef &x, index_t x_stride) const override;
    void save(StateWriter &out) const override;

protected:
    const char *shifted_matrix() const override { return "A + shift B"; }

private:
    struct Decomposition;
    static Decomposition decompose(int itype, const MatrixRef &a, const MatrixRef &b,
                                   const FactorOptions &options);
    GeneralizedEighFactor(int itype, index_t n, const FactorOptions &options, Decomposition d);

    const int itype_;
    const double logdet_b_;         // log det B, from B's Cholesky factor
    LargeBuffer<T> vectors_;        // itype 2 only: V (the base holds B V); else null
};

// The factor of the problem `itype` (1, 2 or 3, checked by the caller) for dtype.
std::unique_ptr<Factor> make_generalized_eigh(int itype, Dtype dtype, const MatrixRef &a,
                                              const MatrixRef &b, const FactorOptions &options);

}  // namespace fl
