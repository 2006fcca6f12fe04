// SVD's saved state: the singular values, LAPACK's two orthogonal factors of W (the tall one
// of A and A^T) and which W it factored, and the rank decision made at factor time.
#include "dense/saved/state.hpp"
#include "dense/svd_factor.hpp"

#include <algorithm>
#include <cmath>

namespace fl {

template <class T>
SvdFactor<T>::SvdFactor(StateReader &in)
    : m_(in.rows()),
      n_(in.cols()),
      k_(std::min(m_, n_)),
      s_(in.vector<real_t<T>>(k_, "the singular values")) {
    const bool factored_a = in.flag("LAPACK factored A itself");
    in.require_left(std::max(m_, n_) * k_ + k_ * k_, sizeof(T), "the singular vectors");
    allocate_parts(factored_a);
    in.into(left_.get(), std::max(m_, n_) * k_, "the left singular vectors");
    in.into(right_.get(), k_ * k_, "the right singular vectors");
    threshold_ = in.value<double>("the rank threshold");
    rank_ = in.index("the rank", 0, k_);
    if (!(threshold_ >= 0)) StateReader::corrupted("the rank threshold is negative or NaN");
}

template <class T>
void SvdFactor<T>::save(StateWriter &out) const {
    if constexpr (is_complex_v<T>)
        throw Error(ErrorCode::unsupported, "a complex factor has no serialized form yet");
    out.vector(s_);
    out.flag(u_.layout == Layout::col_major);
    out.array(left_.get(), std::max(m_, n_) * k_);
    out.array(right_.get(), k_ * k_);
    out.value(threshold_);
    out.value<std::int64_t>(rank_);
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(SvdFactor);
