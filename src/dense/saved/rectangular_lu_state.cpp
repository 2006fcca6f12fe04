// A rectangular LU's saved state, an LU record whose rows != cols (format.cpp tells the two
// apart by the header's shape, so square LU records, older ones included, load as before):
// getrf's m-by-n output and its min(m, n) pivots.
#include <algorithm>

#include "dense/rectangular_lu_factor.hpp"
#include "dense/saved/state.hpp"

namespace fl {

template <class T>
RectangularLuFactor<T>::RectangularLuFactor(StateReader &in)
    : m_(in.rows()),
      n_(in.cols()),
      lu_(in.array<T>(m_ * n_, "L and U")),
      pivots_(in.pivots<lapack_int>(std::min(m_, n_), m_, "the LU pivots")) {
    for (const lapack_int p : pivots_)
        if (p < 0) StateReader::corrupted("an LU pivot is negative");
}

template <class T>
void RectangularLuFactor<T>::save(StateWriter &out) const {
    if constexpr (is_complex_v<T>)
        throw Error(ErrorCode::unsupported, "a complex factor has no serialized form yet");
    out.array(lu_.get(), m_ * n_);
    out.vector(pivots_);
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(RectangularLuFactor);
