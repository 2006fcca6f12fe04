// LU's saved state: the square storage (L and U) and getrf's n pivots; the first zero
// pivot of a singular factor is read off U's diagonal.
#include "dense/lu_factor.hpp"
#include "dense/saved/square_state.hpp"

namespace fl {

template <class T>
LuFactor<T>::LuFactor(StateReader &in)
    : SquareFactor<T>(in, /*symmetric=*/false),
      owned_pivots_(in.pivots<lapack_int>(this->n_, this->n_, "the LU pivots")),
      pivots_(owned_pivots_.data()) {
    for (const lapack_int p : owned_pivots_)
        if (p < 0) StateReader::corrupted("an LU pivot is negative");
    // A factor kept under FL_OPT_ALLOW_SINGULAR: getrf's info is its first zero U[k, k].
    const ColMajorView<const T> lu = this->stored();
    for (index_t k = 0; k < this->n_ && zero_pivot_ == 0; ++k)
        if (lu(k, k) == T(0)) zero_pivot_ = static_cast<lapack_int>(k + 1);
}

template <class T>
void LuFactor<T>::save(StateWriter &out) const {
    this->save_square(out);
    out.vector(std::vector<lapack_int>(pivots_, pivots_ + this->n_));
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(LuFactor);
