// QR's saved state: geqrf's m-by-n storage (R and the reflectors) and the n scalars tau.
// The lazily formed thin Q_1 is not saved: the restored factor forms it again if its
// solves pay for it.
#include "dense/qr_factor.hpp"
#include "dense/saved/state.hpp"

namespace fl {

template <class T>
QrFactor<T>::QrFactor(StateReader &in)
    : m_(in.rows()),
      n_(in.cols()),
      storage_(in.array<T>(ld() * n_, "R and the reflectors")),
      tau_(in.vector<T>(n_, "the reflector scalars")) {
    if (m_ < n_) StateReader::corrupted("a QR factor of a wide A");
}

template <class T>
void QrFactor<T>::save(StateWriter &out) const {
    out.array(storage_.get(), ld() * n_);
    out.vector(tau_);
}

}  // namespace fl

FL_SAVED_STATE_OF(QrFactor);
