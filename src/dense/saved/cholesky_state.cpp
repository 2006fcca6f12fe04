// Cholesky's saved state: the square storage (L or U) and which triangle holds it. An
// updated factor's unknown norm of A is saved as it is, so rcond estimates it again.
#include "dense/cholesky_factor.hpp"
#include "dense/saved/square_state.hpp"

namespace fl {

template <class T>
CholeskyFactor<T>::CholeskyFactor(StateReader &in)
    : SquareFactor<T>(in, /*symmetric=*/true, unknown_anorm),
      triangle_(in.flag("the triangle is upper") ? Triangle::upper : Triangle::lower) {}

template <class T>
void CholeskyFactor<T>::save(StateWriter &out) const {
    this->save_square(out);
    out.flag(triangle_ == Triangle::upper);
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(CholeskyFactor);
