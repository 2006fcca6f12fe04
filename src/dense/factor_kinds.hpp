// One constructor function per kind of factorization, each defined beside its class
// (lu_factor.cpp, ...), so that the kind table (factor_kind_table.cpp) needs to know no class.
#pragma once

#include <memory>

#include "core/typed.hpp"
#include "dense/factor.hpp"

namespace fl {

std::unique_ptr<Factor> make_lu(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_cholesky(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
// FL_OPT_STORAGE's packed Cholesky (the kind is cholesky; make_cholesky dispatches).
std::unique_ptr<Factor> make_rfp_cholesky(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_ldlt(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_qr(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_cod(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_svd(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_eigh(Dtype dtype, const MatrixRef &a, const FactorOptions &options);

// The typed factor behind make_<kind>: one line per kind instead of a switch on dtype.
template <template <class> class Kind>
std::unique_ptr<Factor> make_typed(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return typed_real(dtype, [&](auto t) -> std::unique_ptr<Factor> {
        return std::make_unique<Kind<decltype(t)>>(a, options);
    });
}

}  // namespace fl
