// LDL^T's saved state: the square storage, the triangles, and sytrf's pivots, checked to
// describe D's 1-by-1 and 2-by-2 blocks (a negative pivot comes as an equal pair), since
// every query walks those blocks. The triangles are one byte: bit 0 says the stored
// triangle is the upper one, bit 1 that the parts are given in the upper form. A factor in
// the lower form writes 0 or 1, as the libraries before the upper form did (they read it
// back the same); one in the upper form writes 2 or 3, which they refuse rather than give
// its parts in the wrong form.
#include "dense/ldlt_factor.hpp"
#include "dense/saved/square_state.hpp"

namespace fl {

template <class T>
LdltFactor<T>::LdltFactor(StateReader &in) : LdltFactor(in, std::uint8_t{0}) {}

// `triangles` carries the one saved byte from the member it is read for to the next.
template <class T>
LdltFactor<T>::LdltFactor(StateReader &in, std::uint8_t &&triangles)
    : SquareFactor<T>(in, /*symmetric=*/true),
      triangle_((triangles = in.flags("the LDL^T triangles", 2)) & 1 ? Triangle::upper
                                                                     : Triangle::lower),
      form_(triangles & 2 ? Triangle::upper : Triangle::lower),
      hermitian_(false),  // a complex factor has no serialized form yet
      pivots_(in.pivots<lapack_int>(this->n_, this->n_, "the LDL^T pivots")) {
    for (size_t i = 0; i < pivots_.size(); ++i) {
        if (pivots_[i] > 0) continue;
        if (i + 1 == pivots_.size() || pivots_[i + 1] != pivots_[i])
            StateReader::corrupted("LDL^T pivot " + std::to_string(i) +
                                   " opens a 2-by-2 block that the next does not close");
        ++i;
    }
    zero_pivot_ = first_zero_pivot();  // a factor kept under FL_OPT_ALLOW_SINGULAR
}

template <class T>
void LdltFactor<T>::save(StateWriter &out) const {
    this->save_square(out);
    out.value<std::uint8_t>((triangle_ == Triangle::upper ? 1 : 0) |
                            (form_ == Triangle::upper ? 2 : 0));
    out.vector(pivots_);
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(LdltFactor);
