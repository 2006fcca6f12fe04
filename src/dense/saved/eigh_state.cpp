// EIGH's saved state: the rank tolerances its queries apply, the eigenvalues and the
// eigenvectors.
#include "dense/eigh_factor.hpp"
#include "dense/saved/state.hpp"

namespace fl {
namespace {

FactorOptions saved_tolerances(StateReader &in) {
    FactorOptions o;
    o.rtol = in.value<double>("FL_OPT_RTOL");
    o.atol = in.value<double>("FL_OPT_ATOL");
    if (!(o.rtol < 1) || !(o.atol >= 0))
        StateReader::corrupted("a rank tolerance is out of range or NaN");
    if (in.rows() != in.cols())
        StateReader::corrupted("a symmetric eigendecomposition of a non-square A");
    return o;
}

}  // namespace

template <class T>
EighFactor<T>::EighFactor(StateReader &in)
    : n_(in.rows()),
      options_(saved_tolerances(in)),
      w_(in.vector<T>(n_, "the eigenvalues")),
      v_(in.array<T>(n_ * n_, "the eigenvectors")) {}

template <class T>
void EighFactor<T>::save(StateWriter &out) const {
    out.value(options_.rtol);
    out.value(options_.atol);
    out.vector(w_);
    out.array(v_.get(), n_ * n_);
}

}  // namespace fl

FL_SAVED_STATE_OF(EighFactor);
