// What every SuiteSparse-backed factor shares: a cholmod_common that lives for one call,
// views of our canonical CSC and of dense buffers as CHOLMOD structs (no copies), and the
// translation of CHOLMOD's status into fl::Error.
//
// cholmod_common holds CHOLMOD's parameters, statistics and workspace, and is not
// thread-safe. A factor handle is shared between threads, so it owns no common: every
// call starts its own (cholmod_l_start only fills in defaults; measured in
// docs/sparse.md) and the factor objects themselves are only read by solves.
#pragma once

#include <cholmod.h>

#include <memory>
#include <vector>

#include "sparse/sparse_matrix.hpp"

namespace fl::suitesparse {

class Common {
public:
    Common();
    ~Common();
    Common(const Common &) = delete;
    Common &operator=(const Common &) = delete;
    cholmod_common *get() { return &c_; }
    cholmod_common *operator->() { return &c_; }

    // Throws the fl::Error matching c_.status when it is an error (< 0); `what` names the
    // routine that set it.
    void check(const char *what) const;

private:
    cholmod_common c_;
};

// Owns a SuiteSparse object that Free(&object, common) releases, in a common of its own
// (the object may outlive the call that made it; see above).
template <class T, int (*Free)(T **, cholmod_common *)>
struct FreeDeleter {
    void operator()(T *object) const {
        Common c;
        Free(&object, c.get());
    }
};
template <class T, int (*Free)(T **, cholmod_common *)>
using Owned = std::unique_ptr<T, FreeDeleter<T, Free>>;

// SuiteSparse rejects NULL arrays, which the data() of an empty vector may be: a matrix
// without entries passes a pointer to a dummy element instead, never read. SuiteSparse's
// structs hold non-const pointers to arrays it only reads.
int64_t *readable(const std::vector<int64_t> &v);
double *readable(const std::vector<double> &v);

// a's pattern and values as a packed, sorted cholmod_sparse (long indices, double, real or
// CHOLMOD_COMPLEX). stype: 0 unsymmetric, -1 symmetric (Hermitian for complex) with the
// lower triangle read, +1 the upper.
cholmod_sparse view(const SparseMatrix &a, int stype);

// A column-major buffer of rows-by-cols doubles, or of packed complex doubles (width 2:
// (re, im) pairs), viewable as a cholmod_dense.
struct DenseBuffer {
    index_t rows = 0;
    index_t cols = 0;
    int width = 1;  // doubles per element
    std::vector<double> data;

    DenseBuffer(index_t r, index_t c, int w = 1)
        : rows(r), cols(c), width(w), data(static_cast<size_t>(r * c * w)) {}
    double *column(index_t j) { return data.data() + j * rows * width; }
    cholmod_dense view();
};

// b (of dtype T, any layout) as a column-major buffer, complex for a complex T.
template <class T>
DenseBuffer load(const MatrixRef &b);
// out (of dtype T, any layout) <- the column-major double (packed complex for a complex T)
// matrix at src with leading dimension ld elements, out's shape.
template <class T>
void store(const double *src, index_t ld, const MatrixRef &out);

}  // namespace fl::suitesparse
