// The NaN/Inf check that factorizations run on their input unless the caller switches it
// off (FL_OPT_CHECK_FINITE = 0, scipy's check_finite=False).
#pragma once

#include <optional>

#include "core/types.hpp"

namespace fl {

// Whether the caller could have switched a check off. Routines that iterate until
// convergence (gesdd, gesvd, syevd) may never return on NaN/Inf, so their input is checked
// whatever FL_OPT_CHECK_FINITE says (O(m n) against their O(m n min(m, n))).
enum class FiniteCheck {
    optional,
    always
};

// Throws Error(non_finite) naming the first NaN or Inf element of `m`, in the caller's
// (row, column) terms, e.g. "a[2, 7] is nan". With `only` set, just that triangle (in the
// caller's layout, diagonal included) is looked at: the other one is never read.
template <class T>
void require_finite(const MatrixRef &m, const char *name, std::optional<Triangle> only = {},
                    FiniteCheck check = FiniteCheck::optional);

}  // namespace fl
