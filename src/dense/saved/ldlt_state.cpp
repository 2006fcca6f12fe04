// LDL^T's saved state: the square storage, the triangle that holds L, and sytrf's pivots,
// checked to describe D's 1-by-1 and 2-by-2 blocks (a negative pivot comes as an equal
// pair), since every query walks those blocks.
#include "dense/ldlt_factor.hpp"
#include "dense/saved/square_state.hpp"

namespace fl {

template <class T>
LdltFactor<T>::LdltFactor(StateReader &in)
    : SquareFactor<T>(in, /*symmetric=*/true),
      triangle_(in.flag("the triangle is upper") ? Triangle::upper : Triangle::lower),
      pivots_(in.pivots<lapack_int>(this->n_, this->n_, "the LDL^T pivots")) {
    for (size_t i = 0; i < pivots_.size(); ++i) {
        if (pivots_[i] > 0) continue;
        if (i + 1 == pivots_.size() || pivots_[i + 1] != pivots_[i])
            StateReader::corrupted("LDL^T pivot " + std::to_string(i) +
                                   " opens a 2-by-2 block that the next does not close");
        ++i;
    }
}

template <class T>
void LdltFactor<T>::save(StateWriter &out) const {
    this->save_square(out);
    out.flag(triangle_ == Triangle::upper);
    out.vector(pivots_);
}

}  // namespace fl

FL_SAVED_STATE_OF(LdltFactor);
