// The structs behind the public opaque handles. Callers only ever hold pointers to them,
// so their contents may change freely between versions.
#pragma once

#include <memory>

#include "dense/factor.hpp"
#include "fastlinalg/fastlinalg.h"
#include "sparse/sparse_matrix.hpp"

struct fl_options {
    fl::FactorOptions values;
};

struct fl_factor {
    std::unique_ptr<const fl::Factor> impl;
    // FL_OPT_CHECK_FINITE as the factor was made with it: it covers what the factor is
    // later applied to (B, C, Y, W) as well as A. Factors derived from this one inherit it.
    bool check_finite = true;
};

struct fl_sparse {
    fl::SparseMatrix impl;
};
