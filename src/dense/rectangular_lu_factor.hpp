// LU with partial pivoting of a rectangular m-by-n A (m != n; LAPACK getrf, as
// scipy.linalg.lu and lu_factor do): P A = L U with L m-by-k unit lower trapezoidal and U
// k-by-n upper trapezoidal, k = min(m, n). A square A keeps LuFactor (lu_factor.hpp), which
// solves; make_lu picks by shape, so one kind (FL_FACTOR_LU) covers both.
//
// A rectangular A has no inverse, determinant or condition number, so this factor answers
// only what it has: its parts (lu_parts.hpp: L, U, the row permutation, getrf's packed form
// and pivots, all of A in either layout), its shape and kind, and save/load (an LU record
// whose rows != cols, dense/saved/rectangular_lu_state.cpp). Everything else is
// Error(unsupported) naming "a rectangular LU (m x n)".
//
// An exactly zero pivot (getrf's info > 0) is not an error here, whatever
// FL_OPT_ALLOW_SINGULAR says: it would make solves fail, and this factor has none, while
// its parts are exact as they stand (scipy's lu returns them too). For a wide A it does not
// even mean rank deficiency ([0 1] has U[1, 1] = 0 and full row rank).
//
// Storage: one column-major m-by-n copy of A (a row-major A is transposed into it, so the
// factorization is of A itself) that getrf overwrites, and its k pivots. FL_OPT_OVERWRITE_A
// is not honoured (FL_INFO_OVERWRITES_A says 0): a row-major A cannot be transposed where
// it lies unless it is square.
#pragma once

#include <algorithm>
#include <memory>
#include <vector>

#include "core/large_buffer.hpp"
#include "dense/factor.hpp"
#include "lapack/lapack.hpp"

namespace fl {

template <class T>
class RectangularLuFactor final : public Factor {
public:
    RectangularLuFactor(const MatrixRef &a, const FactorOptions &options);
    // Rebuilds a saved factor, and saves one (dense/saved/rectangular_lu_state.cpp).
    explicit RectangularLuFactor(StateReader &in);
    void save(StateWriter &out) const override;

    FactorKind kind() const override { return FactorKind::lu; }
    Dtype dtype() const override { return dtype_of<T>(); }
    index_t rows() const override { return m_; }
    index_t cols() const override { return n_; }

    void solve(Transpose, const MatrixRef &, const MatrixRef &) const override;
    void inverse(const MatrixRef &) const override;
    double rcond() const override;
    LogDet logdet() const override;
    std::pair<index_t, index_t> part_shape(Part part) const override;
    void get_part(Part part, const MatrixRef &out) const override;
    void get_indices(Part part, std::int64_t *out) const override;

private:
    index_t ld() const { return std::max<index_t>(m_, 1); }

    const index_t m_;
    const index_t n_;
    LargeBuffer<T> lu_;               // getrf's output: U on and above the diagonal, L below
    std::vector<lapack_int> pivots_;  // getrf's min(m, n) 1-based row interchanges
};

}  // namespace fl
