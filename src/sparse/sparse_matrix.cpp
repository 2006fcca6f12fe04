#include "sparse/sparse_matrix.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/typed.hpp"

namespace fl {
namespace {

[[noreturn]] void invalid(const std::string &message) {
    throw Error(ErrorCode::invalid_argument, message);
}

int64_t index_at(IndexType type, const void *array, index_t k) {
    if (type == IndexType::int32) return static_cast<const int32_t *>(array)[k];
    return static_cast<const int64_t *>(array)[k];
}

// Checks the pointer array: ptr[0] = 0 and non-decreasing. Returns nnz = ptr[outer].
index_t checked_pointers(const CompressedArrays &a, index_t outer) {
    const int64_t first = index_at(a.index_type, a.ptr, 0);
    if (first != 0) invalid("ptr[0] = " + std::to_string(first) + " must be 0 (0-based offsets)");
    for (index_t j = 0; j < outer; ++j) {
        const int64_t lo = index_at(a.index_type, a.ptr, j),
                      hi = index_at(a.index_type, a.ptr, j + 1);
        if (hi < lo)
            invalid("ptr[" + std::to_string(j + 1) + "] = " + std::to_string(hi) +
                    " is smaller than ptr[" + std::to_string(j) + "] = " + std::to_string(lo) +
                    " (offsets must not decrease)");
    }
    return index_at(a.index_type, a.ptr, outer);
}

// Stable counting sort of the entries `order` by key[entry] in [0, nkeys): the LSD radix
// step that canonicalises any entry order in O(nnz + nkeys).
std::vector<int64_t> sorted_by(const std::vector<int64_t> &order, const std::vector<int64_t> &key,
                               index_t nkeys) {
    std::vector<int64_t> start(static_cast<size_t>(nkeys) + 1, 0);
    for (int64_t e : order) ++start[key[e] + 1];
    for (index_t i = 0; i < nkeys; ++i) start[i + 1] += start[i];
    std::vector<int64_t> out(order.size());
    for (int64_t e : order) out[start[key[e]]++] = e;
    return out;
}

const char *major_name(SparseFormat f) { return f == SparseFormat::csc ? "column" : "row"; }

}  // namespace

SparseMatrix::SparseMatrix(const CompressedArrays &a) : dtype_(a.dtype) {
    const bool csc = a.format == SparseFormat::csc;
    const index_t outer = csc ? a.cols : a.rows, inner = csc ? a.rows : a.cols;
    const index_t nnz = checked_pointers(a, outer);

    auto p = std::make_shared<SparsePattern>();
    p->rows = a.rows;
    p->cols = a.cols;
    p->input_nnz = nnz;
    // Each input entry's row and column, with the inner index range-checked.
    std::vector<int64_t> row(nnz), col(nnz);
    for (index_t j = 0; j < outer; ++j) {
        const int64_t end = index_at(a.index_type, a.ptr, j + 1);
        for (int64_t k = index_at(a.index_type, a.ptr, j); k < end; ++k) {
            const int64_t i = index_at(a.index_type, a.idx, k);
            if (i < 0 || i >= inner)
                invalid("idx[" + std::to_string(k) + "] = " + std::to_string(i) + " (" +
                        major_name(a.format) + " " + std::to_string(j) + ") is outside [0, " +
                        std::to_string(inner) + ")");
            (csc ? row : col)[k] = i;
            (csc ? col : row)[k] = j;
        }
    }

    // Sort by (column, row): by row first, then stably by column.
    std::vector<int64_t> order(nnz);
    for (index_t k = 0; k < nnz; ++k) order[k] = k;
    order = sorted_by(sorted_by(order, row, a.rows), col, a.cols);

    // Merge duplicates while laying out the CSC arrays.
    p->col_ptr.assign(static_cast<size_t>(a.cols) + 1, 0);
    p->input_to_csc.resize(nnz);
    p->row_idx.reserve(nnz);
    for (index_t k = 0; k < nnz; ++k) {
        const int64_t e = order[k];
        const bool duplicate = k > 0 && row[e] == row[order[k - 1]] && col[e] == col[order[k - 1]];
        if (!duplicate) {
            p->row_idx.push_back(row[e]);
            ++p->col_ptr[col[e] + 1];
        }
        p->input_to_csc[e] = p->nnz() - 1;
    }
    for (index_t j = 0; j < a.cols; ++j) p->col_ptr[j + 1] += p->col_ptr[j];

    // The CSR form, walked column by column so that each row's columns come out sorted.
    p->row_ptr.assign(static_cast<size_t>(a.rows) + 1, 0);
    for (int64_t r : p->row_idx) ++p->row_ptr[r + 1];
    for (index_t i = 0; i < a.rows; ++i) p->row_ptr[i + 1] += p->row_ptr[i];
    std::vector<int64_t> next(p->row_ptr.begin(), p->row_ptr.end() - 1);
    p->col_idx.resize(p->row_idx.size());
    p->csr_to_csc.resize(p->row_idx.size());
    p->csr_row.resize(p->row_idx.size());
    p->csc_col.resize(p->row_idx.size());
    for (index_t j = 0; j < a.cols; ++j)
        for (int64_t k = p->col_ptr[j]; k < p->col_ptr[j + 1]; ++k) {
            const int64_t slot = next[p->row_idx[k]]++;
            p->col_idx[slot] = j;
            p->csr_row[slot] = p->row_idx[k];
            p->csc_col[k] = j;
            p->csr_to_csc[slot] = k;
        }

    pattern_ = std::move(p);
    set_values(a.dtype, a.values);
}

void SparseMatrix::set_values(Dtype values_dtype, const void *values) {
    const SparsePattern &p = *pattern_;
    const int width = value_width();
    std::vector<double> csc(p.row_idx.size() * width, 0.0);
    typed(values_dtype, [&](auto t) {
        const auto *v = static_cast<const decltype(t) *>(values);
        for (index_t k = 0; k < p.input_nnz; ++k) {
            const std::complex<double> c(v[k]);
            for (int part = 0; part < width; ++part) {
                const double x = part == 0 ? c.real() : c.imag();
                if (!std::isfinite(x))
                    throw Error(ErrorCode::non_finite,
                                std::string(width == 1  ? ""
                                            : part == 0 ? "the real part of "
                                                        : "the imaginary part of ") +
                                    "values[" + std::to_string(k) + "] is " +
                                    (std::isnan(x) ? "nan" : "inf"));
                csc[p.input_to_csc[k] * width + part] += x;
            }
        }
    });
    std::vector<double> csr(csc.size());
    for (size_t k = 0; k < p.csr_to_csc.size(); ++k)
        for (int part = 0; part < width; ++part)
            csr[k * width + part] = csc[p.csr_to_csc[k] * width + part];
    csc_values_ = std::move(csc);
    csr_values_ = std::move(csr);
}

}  // namespace fl
