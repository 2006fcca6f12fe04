// The members of a complex CholeskyFactor that the real one has and the complex one does
// not yet: the products with A^-1 through L (they are written with transposes where a
// Hermitian A needs conjugate ones) and rank updates (real Givens rotations). Each answers
// Error(unsupported); estimated_anorm serves only updated factors, which a complex factor
// never is.
#include "core/error.hpp"
#include "dense/cholesky_factor.hpp"

namespace fl {

#define FL_CHOLESKY_REAL_ONLY(T)                                                               \
    template <>                                                                                \
    void CholeskyFactor<T>::do_quadratic_form(const MatrixRef &, const MatrixRef &) const {    \
        this->unsupported("quadratic form for a complex matrix");                              \
    }                                                                                          \
    template <>                                                                                \
    double CholeskyFactor<T>::do_trace_solve(const MatrixRef &) const {                        \
        this->unsupported("trace of A^-1 Y for a complex matrix");                             \
    }                                                                                          \
    template <>                                                                                \
    void CholeskyFactor<T>::do_inverse_diagonal(void *) const {                                \
        this->unsupported("diagonal of A^-1 for a complex matrix");                            \
    }                                                                                          \
    template <>                                                                                \
    void CholeskyFactor<T>::do_mahalanobis(const MatrixRef &, void *) const {                  \
        this->unsupported("Mahalanobis distances for a complex matrix");                       \
    }                                                                                          \
    template <>                                                                                \
    std::unique_ptr<Factor> CholeskyFactor<T>::rank_update(int, const MatrixRef &) const {     \
        this->unsupported("rank update for a complex matrix");                                 \
    }                                                                                          \
    template <>                                                                                \
    double CholeskyFactor<T>::estimated_anorm() const {                                        \
        throw Error(ErrorCode::internal, "a complex Cholesky factor is never an updated one"); \
    }
FL_CHOLESKY_REAL_ONLY(std::complex<float>)
FL_CHOLESKY_REAL_ONLY(std::complex<double>)
#undef FL_CHOLESKY_REAL_ONLY

}  // namespace fl
