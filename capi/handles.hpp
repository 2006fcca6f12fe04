// The structs behind the public opaque handles. Callers only ever hold pointers to them,
// so their contents may change freely between versions.
#pragma once

#include <memory>

#include "dense/factor.hpp"
#include "fastlinalg/fastlinalg.h"
#include "sparse/sparse_matrix.hpp"

namespace fl::capi {

// Ends a handle's factor: deletes it, or only destroys it when it lies in its handle's own
// allocation (a small LU, fl_factor_create). Taken over from a make_*'s unique_ptr as the
// deleting kind.
struct FactorDeleter {
    bool in_handle = false;

    FactorDeleter() = default;
    explicit FactorDeleter(bool in_handle_block) : in_handle(in_handle_block) {}
    FactorDeleter(std::default_delete<Factor>) {}
    void operator()(const Factor *factor) const {
        if (in_handle)
            factor->~Factor();
        else
            delete factor;
    }
};

}  // namespace fl::capi

struct fl_options {
    fl::FactorOptions values;
};

struct fl_factor {
    std::unique_ptr<const fl::Factor, fl::capi::FactorDeleter> impl;
    // FL_OPT_CHECK_FINITE as the factor was made with it: it covers what the factor is
    // later applied to (B, C, Y, W) as well as A. Factors derived from this one inherit it.
    bool check_finite = true;

    // A handle may head a longer allocation that holds its factor too (factor_api.cpp):
    // deleting it frees that allocation, whatever its size.
    static void operator delete(void *handle) { ::operator delete(handle); }
};

struct fl_sparse {
    fl::SparseMatrix impl;
};
