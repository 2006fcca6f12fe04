// A factorization of one matrix, factored once and then asked for solves, determinants,
// condition estimates and inverses any number of times, from any number of threads: every
// query is const and keeps its workspace on its own stack or heap.
//
// Factor erases the element type so that the C layer holds one kind of object; the typed
// work happens in the templates behind make_factor.
#pragma once

#include <memory>

#include "core/types.hpp"

namespace fl {

enum class FactorKind { lu, cholesky };

// The core's copy of the caller's options (capi/ owns the public handle around it).
struct FactorOptions {
    bool check_finite = true;
    Triangle triangle = Triangle::lower;  // Cholesky: the triangle read, in the caller's layout
};

struct LogDet {
    double sign;
    double logabsdet;
};

class Factor {
public:
    virtual ~Factor() = default;

    virtual FactorKind kind() const = 0;
    virtual Dtype dtype() const = 0;
    virtual index_t order() const = 0;

    // X <- op(A)^-1 B. B and X are order()-by-k of this factor's dtype; x.data == b.data
    // (same layout and ld) means in place.
    virtual void solve(Transpose trans, const MatrixRef &b, const MatrixRef &x) const = 0;
    virtual LogDet logdet() const = 0;
    virtual double rcond() const = 0;
    // out <- A^-1, order()-by-order().
    virtual void inverse(const MatrixRef &out) const = 0;
};

// Factors the square matrix a (validated, of dtype `dtype`). Throws fl::Error.
std::unique_ptr<Factor> make_factor(FactorKind kind, Dtype dtype, const MatrixRef &a,
                                    const FactorOptions &options);

}  // namespace fl
