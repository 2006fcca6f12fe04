// The saved state of SquareFactor: the order n, whether the storage holds A^T, the norm
// rcond needs, and the n-by-n factored storage. Included by the square kinds' state files.
#pragma once

#include "dense/saved/state.hpp"
#include "dense/square_factor.hpp"

namespace fl {

template <class T>
SquareFactor<T>::SquareFactor(StateReader &in, bool symmetric)
    : n_(in.rows()),
      transposed_(in.flag("transposed")),
      symmetric_(symmetric),
      storage_(in.array<T>(n_ * n_, "the factored matrix")) {
    if (in.rows() != in.cols())
        StateReader::corrupted("a square kind with a " + std::to_string(in.rows()) + "-by-" +
                               std::to_string(in.cols()) + " A");
    if (symmetric && transposed_)
        StateReader::corrupted("a symmetric kind whose storage is transposed");
    anorm_ = in.value<double>("the norm of A");
}

template <class T>
void SquareFactor<T>::save_square(StateWriter &out) const {
    out.flag(transposed_);
    out.array(storage_.get(), n_ * n_);
    out.value(anorm_);
}

}  // namespace fl
