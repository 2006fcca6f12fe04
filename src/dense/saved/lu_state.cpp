// LU's saved state: the square storage (L and U) and getrf's n pivots.
#include "dense/lu_factor.hpp"
#include "dense/saved/square_state.hpp"

namespace fl {

template <class T>
LuFactor<T>::LuFactor(StateReader &in)
    : SquareFactor<T>(in, /*symmetric=*/false),
      pivots_(in.pivots<lapack_int>(this->n_, this->n_, "the LU pivots")) {
    for (const lapack_int p : pivots_)
        if (p < 0) StateReader::corrupted("an LU pivot is negative");
}

template <class T>
void LuFactor<T>::save(StateWriter &out) const {
    this->save_square(out);
    out.vector(pivots_);
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(LuFactor);
