// One constructor function per kind of factorization, each defined beside its class
// (lu_factor.cpp, ...), so that the kind table (factor_kind_table.cpp) needs to know no class.
#pragma once

#include <memory>

#include "core/error.hpp"
#include "core/typed.hpp"
#include "dense/factor.hpp"

namespace fl {

std::unique_ptr<Factor> make_lu(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
// The LU of a non-square A, which has parts and no solves (the kind is lu; make_lu dispatches).
std::unique_ptr<Factor> make_rectangular_lu(Dtype dtype, const MatrixRef &a,
                                            const FactorOptions &options);
std::unique_ptr<Factor> make_cholesky(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
// FL_OPT_STORAGE's packed Cholesky (the kind is cholesky; make_cholesky dispatches).
std::unique_ptr<Factor> make_rfp_cholesky(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_ldlt(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_qr(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_cod(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_svd(Dtype dtype, const MatrixRef &a, const FactorOptions &options);
std::unique_ptr<Factor> make_eigh(Dtype dtype, const MatrixRef &a, const FactorOptions &options);

// Whether a kind's class is written for complex element types too (docs/complex.md);
// one that is not refuses a complex A with ErrorCode::unsupported.
enum class ComplexReady {
    no,
    yes
};

// The typed factor behind make_<kind>: one line per kind instead of a switch on dtype.
template <template <class> class Kind, ComplexReady complex = ComplexReady::no>
std::unique_ptr<Factor> make_typed(Dtype dtype, const MatrixRef &a, const FactorOptions &options) {
    return typed(dtype, [&](auto t) -> std::unique_ptr<Factor> {
        using T = decltype(t);
        if constexpr (complex == ComplexReady::no && is_complex_v<T>)
            throw Error(ErrorCode::unsupported,
                        "this kind of factor takes real matrices only; LU, Cholesky, LDL^T, "
                        "EIGH, QR, COD and SVD take complex ones");
        else
            return std::make_unique<Kind<T>>(a, options);
    });
}

}  // namespace fl
