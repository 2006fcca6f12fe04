// The saved state of SquareFactor: the order n, whether the storage holds A^T, the norm
// rcond needs, and the n-by-n factored storage. Included by the square kinds' state files.
#pragma once

#include <algorithm>

#include "dense/saved/state.hpp"
#include "dense/square_factor.hpp"

namespace fl {

template <class T>
SquareFactor<T>::SquareFactor(StateReader &in, bool symmetric, double unknown_norm)
    : n_(in.rows()),
      transposed_(in.flag("transposed")),
      real_symmetric_(symmetric && !is_complex_v<T>),
      owned_(in.array<T>(n_ * n_, "the factored matrix")),
      data_(owned_.get()),
      ld_(std::max<index_t>(n_, 1)) {
    if (in.rows() != in.cols())
        StateReader::corrupted("a square kind with a " + std::to_string(in.rows()) + "-by-" +
                               std::to_string(in.cols()) + " A");
    if (symmetric && transposed_)
        StateReader::corrupted("a symmetric kind whose storage is transposed");
    anorm_ = in.value<double>("the norm of A");
    // What a factorization can leave here is >= 0, +Inf or NaN (unchecked NaN/Inf in A), or
    // the kind's marker of a norm to estimate; any other negative norm would reach the
    // condition estimators (gecon, pocon, sycon) as an invalid argument.
    if (anorm_ < 0 && anorm_ != unknown_norm) StateReader::corrupted("the norm of A is negative");
}

template <class T>
void SquareFactor<T>::save_square(StateWriter &out) const {
    if constexpr (is_complex_v<T>)
        throw Error(ErrorCode::unsupported, "a complex factor has no serialized form yet");
    out.flag(transposed_);
    // Column by column: a factor made in the caller's A (FL_OPT_OVERWRITE_A) has A's lda,
    // and the saved form is always the packed n-by-n matrix.
    for (index_t j = 0; j < n_; ++j) out.array(data_ + j * ld_, n_);
    out.value(anorm_);
}

}  // namespace fl
