// Translations between the public factor enums and the core's (what each kind is and
// accepts is the core's kind table, dense/factor_kind_table.hpp).
#pragma once

#include <cstdint>

#include "dense/factor.hpp"
#include "fastlinalg/fastlinalg.h"

namespace fl::capi {

FactorKind to_kind(fl_factor_kind kind);  // FL_FACTOR_AUTO is not a kind: the caller resolves it
fl_factor_kind to_public(FactorKind kind);
fl_dtype to_public(Dtype dtype);
const char *dtype_name(Dtype dtype);
Part to_part(fl_factor_part part);

}  // namespace fl::capi
