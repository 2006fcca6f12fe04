#include "sparse/suitesparse.hpp"

#include <complex>
#include <new>
#include <string>

#include "core/error.hpp"

namespace fl::suitesparse {

Common::Common() {
    cholmod_l_start(&c_);
    c_.print = 0;  // the library never prints: errors come back as statuses
    c_.error_handler = nullptr;
    check("cholmod_l_start");
}

Common::~Common() { cholmod_l_finish(&c_); }

void Common::check(const char *what) const {
    if (c_.status >= CHOLMOD_OK) return;
    if (c_.status == CHOLMOD_OUT_OF_MEMORY) throw std::bad_alloc();
    if (c_.status == CHOLMOD_TOO_LARGE)
        throw Error(ErrorCode::too_large,
                    std::string(what) + ": the problem is too large for CHOLMOD");
    throw Error(ErrorCode::internal,
                std::string(what) + " failed with CHOLMOD status " + std::to_string(c_.status));
}

int64_t *readable(const std::vector<int64_t> &v) {
    static const int64_t no_index = 0;
    return const_cast<int64_t *>(v.empty() ? &no_index : v.data());
}

double *readable(const std::vector<double> &v) {
    static const double no_value = 0;
    return const_cast<double *>(v.empty() ? &no_value : v.data());
}

cholmod_sparse view(const SparseMatrix &m, int stype) {
    const SparsePattern &p = *m.pattern();
    cholmod_sparse a{};
    a.nrow = static_cast<size_t>(p.rows);
    a.ncol = static_cast<size_t>(p.cols);
    a.nzmax = static_cast<size_t>(p.nnz());
    a.p = readable(p.col_ptr);
    a.i = readable(p.row_idx);
    a.x = readable(m.csc_values());
    a.stype = stype;
    a.itype = CHOLMOD_LONG;
    a.xtype = m.is_complex() ? CHOLMOD_COMPLEX : CHOLMOD_REAL;
    a.dtype = CHOLMOD_DOUBLE;
    a.sorted = 1;
    a.packed = 1;
    return a;
}

cholmod_dense DenseBuffer::view() {
    cholmod_dense d{};
    d.nrow = static_cast<size_t>(rows);
    d.ncol = static_cast<size_t>(cols);
    d.nzmax = static_cast<size_t>(rows * cols);
    d.d = static_cast<size_t>(rows);
    d.x = data.data();
    d.xtype = width == 2 ? CHOLMOD_COMPLEX : CHOLMOD_REAL;
    d.dtype = CHOLMOD_DOUBLE;
    return d;
}

template <class T>
DenseBuffer load(const MatrixRef &b) {
    DenseBuffer out(b.rows, b.cols, is_complex_v<T> ? 2 : 1);
    auto *dst = reinterpret_cast<Wide<T> *>(out.data.data());
    const T *src = static_cast<const T *>(b.data);
    const bool col = b.layout == Layout::col_major;
    for (index_t j = 0; j < b.cols; ++j)
        for (index_t i = 0; i < b.rows; ++i)
            dst[i + j * b.rows] = Wide<T>(col ? src[i + j * b.ld] : src[i * b.ld + j]);
    return out;
}

template <class T>
void store(const double *packed, index_t ld, const MatrixRef &out) {
    const auto *src = reinterpret_cast<const Wide<T> *>(packed);
    T *dst = static_cast<T *>(out.data);
    const bool col = out.layout == Layout::col_major;
    for (index_t j = 0; j < out.cols; ++j)
        for (index_t i = 0; i < out.rows; ++i)
            (col ? dst[i + j * out.ld] : dst[i * out.ld + j]) = static_cast<T>(src[i + j * ld]);
}

template DenseBuffer load<float>(const MatrixRef &);
template DenseBuffer load<double>(const MatrixRef &);
template DenseBuffer load<std::complex<float>>(const MatrixRef &);
template DenseBuffer load<std::complex<double>>(const MatrixRef &);
template void store<float>(const double *, index_t, const MatrixRef &);
template void store<double>(const double *, index_t, const MatrixRef &);
template void store<std::complex<float>>(const double *, index_t, const MatrixRef &);
template void store<std::complex<double>>(const double *, index_t, const MatrixRef &);

}  // namespace fl::suitesparse
