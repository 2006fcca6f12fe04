// COD's saved state: the storage (T, Z's and Q's reflectors), Q's scalars, the rank r, Z's
// r scalars and geqp3's column permutation, checked to be one (an empty A has none).
#include "dense/cod_factor.hpp"
#include "dense/saved/state.hpp"

#include <algorithm>
#include <string>

namespace fl {

template <class T>
CodFactor<T>::CodFactor(StateReader &in)
    : m_(in.rows()),
      n_(in.cols()),
      // m n elements, ld() n when m > 0; an m = 0 factor is never factored and reads none,
      // so a forged 0-by-2e9 record allocates nothing (a fuzz finding: 15 GB).
      storage_(in.array<T>(m_ * n_, "T and the reflectors")),
      tau_q_(in.vector<T>(std::min(m_, n_), "Q's reflector scalars")) {
    rank_ = in.index("the rank", 0, std::min(m_, n_));
    tau_z_ = in.vector<T>(rank_, "Z's reflector scalars");
    if (m_ == 0 || n_ == 0) {  // never factored: the permutation is all zeros, and unused
        jpvt_ = in.vector<lapack_int>(n_, "the column permutation");
        return;
    }
    jpvt_ = in.pivots<lapack_int>(n_, n_, "the column permutation");
    std::vector<bool> seen(static_cast<size_t>(n_), false);
    for (const lapack_int p : jpvt_) {
        if (p < 0 || seen[static_cast<size_t>(p - 1)])
            StateReader::corrupted("the column permutation repeats or negates column " +
                                   std::to_string(p));
        seen[static_cast<size_t>(p - 1)] = true;
    }
}

template <class T>
void CodFactor<T>::save(StateWriter &out) const {
    if constexpr (is_complex_v<T>)
        throw Error(ErrorCode::unsupported, "a complex factor has no serialized form yet");
    out.array(storage_.get(), m_ * n_);
    out.vector(tau_q_);
    out.value<std::int64_t>(rank_);
    out.vector(tau_z_);
    out.vector(jpvt_);
}

}  // namespace fl

FL_SAVED_STATE_OF_COMPLEX_READY(CodFactor);
