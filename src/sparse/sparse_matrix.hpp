// A sparse matrix in the one canonical form everything sparse works from: compressed
// sparse columns (CSC) with 64-bit indices, rows sorted within each column, no duplicates,
// double values. That is exactly what SuiteSparse's long-integer interface (cholmod_l_*,
// umfpack_dl_*, SPQR) reads, so factorizations view it without copying.
//
// The caller's arrays (CSC or CSR, 32- or 64-bit indices, float or double) are validated
// and brought into that form once. The pattern is immutable and shared (factors keep a
// reference to it); the values can be replaced for the same pattern, in the caller's
// original entry order, through a map from input entries to canonical positions that sums
// duplicates again every time.
//
// Complex values (complex64, complex128) are held as interleaved (re, im) doubles: the
// "packed complex" layout that CHOLMOD_COMPLEX and UMFPACK's zl routines (with Az = NULL)
// read, and std::complex<double>'s.
//
// Products need A stored by output row: A X reads A by rows (CSR), A^T X reads A by
// columns (CSC). The pattern therefore also holds A's CSR form and where each CSR entry's
// value lives in the CSC values, so both are rebuilt from new values in one pass.
#pragma once

#include <complex>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <vector>

#include "core/typed.hpp"
#include "core/types.hpp"

namespace fl {

// The type sparse code holds values and sums of elements of type T in: double, or
// std::complex<double> for a complex T (SuiteSparse 5 computes in double only).
template <class T>
using Wide = std::conditional_t<is_complex_v<T>, std::complex<double>, double>;

enum class SparseFormat {
    csc,
    csr
};
enum class IndexType {
    int32,
    int64
};

// The caller's arrays, as received through the C ABI (pointers checked for NULL only).
struct CompressedArrays {
    SparseFormat format;
    IndexType index_type;
    Dtype dtype;
    index_t rows;
    index_t cols;
    const void *ptr;     // outer + 1 offsets, outer = cols (CSC) or rows (CSR)
    const void *idx;     // ptr[outer] inner indices
    const void *values;  // ptr[outer] values
};

struct SparsePattern {
    index_t rows = 0;
    index_t cols = 0;
    index_t input_nnz = 0;              // entries the caller passed (duplicates included)
    std::vector<int64_t> col_ptr;       // CSC: cols + 1
    std::vector<int64_t> row_idx;       // CSC: nnz, sorted within each column
    std::vector<int64_t> row_ptr;       // CSR: rows + 1
    std::vector<int64_t> col_idx;       // CSR: nnz, sorted within each row
    std::vector<int64_t> csr_row;       // CSR: the row of each entry (the scatter product's)
    std::vector<int64_t> csc_col;       // CSC: the column of each entry
    std::vector<int64_t> csr_to_csc;    // CSR entry k holds CSC value csr_to_csc[k]
    std::vector<int64_t> input_to_csc;  // input entry k adds into CSC value input_to_csc[k]

    index_t nnz() const { return static_cast<index_t>(row_idx.size()); }
};

class SparseMatrix {
public:
    // Validates and canonicalises; throws Error(invalid_argument) naming the first bad
    // entry, or Error(non_finite) for a NaN/Inf value.
    explicit SparseMatrix(const CompressedArrays &a);

    // Replaces the values, given in the entry order of the arrays the matrix was made from
    // (values_dtype may differ from the original dtype in precision, not in being complex:
    // the C layer checks). Same checks as construction.
    void set_values(Dtype values_dtype, const void *values);

    Dtype dtype() const { return dtype_; }
    bool is_complex() const { return real_dtype(dtype_) != dtype_; }
    // Doubles per value: 2 for complex (re, im), 1 for real.
    int value_width() const { return is_complex() ? 2 : 1; }
    index_t rows() const { return pattern_->rows; }
    index_t cols() const { return pattern_->cols; }
    index_t nnz() const { return pattern_->nnz(); }
    const std::shared_ptr<const SparsePattern> &pattern() const { return pattern_; }
    const std::vector<double> &csc_values() const { return csc_values_; }
    const std::vector<double> &csr_values() const { return csr_values_; }

    // y <- op(A) x for a dense x of ncols columns; x and y of dtype T, any layouts (the C
    // layer has checked their shapes). op = conj only for complex T. sparse_multiply.cpp.
    template <class T>
    void multiply(Transpose op, const MatrixRef &x, const MatrixRef &y) const;

private:
    std::shared_ptr<const SparsePattern> pattern_;
    Dtype dtype_;
    std::vector<double> csc_values_;
    std::vector<double> csr_values_;
};

}  // namespace fl
