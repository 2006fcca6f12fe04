// Building fl_sparse handles for the tests: from a dense long double reference (its
// nonzeros), in any format, index type and dtype, plus the sparse test matrices (random
// with a density, the 2-D Laplacian).
#ifndef FASTLINALG_TESTS_SPARSE_SUPPORT_HPP
#define FASTLINALG_TESTS_SPARSE_SUPPORT_HPP

#include "test_support.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace fltest {

using SparsePtr = HandlePtr<fl_sparse, fl_sparse_destroy>;

// The compressed arrays of a dense matrix's nonzeros, ready for fl_sparse_create.
template <class I, class T>
struct Compressed {
    fl_sparse_format format;
    int64_t rows, cols;
    std::vector<I> ptr, idx;
    std::vector<T> values;
};

template <class I, class T>
Compressed<I, T> compress(const Ref &a, fl_sparse_format format) {
    Compressed<I, T> c{format, a.rows, a.cols, {}, {}, {}};
    const bool csc = format == FL_SPARSE_CSC;
    const int64_t outer = csc ? a.cols : a.rows, inner = csc ? a.rows : a.cols;
    c.ptr.push_back(0);
    for (int64_t o = 0; o < outer; ++o) {
        for (int64_t i = 0; i < inner; ++i) {
            const long double v = csc ? a(i, o) : a(o, i);
            if (v != 0) {
                c.idx.push_back(static_cast<I>(i));
                c.values.push_back(static_cast<T>(v));
            }
        }
        c.ptr.push_back(static_cast<I>(c.idx.size()));
    }
    return c;
}

template <class I>
constexpr fl_index_type index_type_of() {
    return sizeof(I) == 4 ? FL_INDEX_INT32 : FL_INDEX_INT64;
}

template <class I, class T>
fl_status create(SparsePtr &out, const Compressed<I, T> &c) {
    fl_sparse *s = nullptr;
    const fl_status st = fl_sparse_create(&s, c.format, index_type_of<I>(), Dtype<T>::value, c.rows,
                                          c.cols, c.ptr.data(), c.idx.data(), c.values.data());
    out.reset(s);
    return st;
}

// A sparse handle of a's nonzeros (rounded to T), CSC with 64-bit indices unless asked.
template <class T, class I = int64_t>
SparsePtr make_sparse(const Ref &a, fl_sparse_format format = FL_SPARSE_CSC) {
    SparsePtr s;
    const fl_status st = create(s, compress<I, T>(a, format));
    EXPECT_EQ(st, FL_OK) << fl_last_error();
    return s;
}

// rows-by-cols with about density * rows * cols nonzeros in [-1, 1], seeded.
Ref sparse_random_ref(int64_t rows, int64_t cols, double density, uint64_t seed);
// The 5-point Laplacian of an m-by-m grid (order m^2), symmetric positive definite.
Ref laplacian_ref(int64_t m);
// The same Laplacian built straight into CSC arrays, for grids too large for a dense Ref.
Compressed<int64_t, double> laplacian_csc(int64_t m);
// max_j ||b_j - A x_j||_1 / (||A||_1 ||x_j||_1 n eps) for a CSC A, in long double.
double sparse_solve_residual(const Compressed<int64_t, double> &a, const Matrix<double> &x,
                             const Matrix<double> &b);
// S S^T + n I for a random sparse S: sparse, symmetric positive definite, well conditioned.
Ref sparse_spd_ref(int64_t n, double density, uint64_t seed);

}  // namespace fltest

#endif
