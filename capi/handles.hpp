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
};

struct fl_sparse {
    fl::SparseMatrix impl;
};
