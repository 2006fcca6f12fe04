// LU's parts: L, U, the row permutation, and LAPACK's packed form and pivots, all of A as
// the caller passed it (the storage holds A itself, see square_factor.hpp), for a square
// or a rectangular A (lu_parts.hpp).
#include "dense/lu_parts.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/error.hpp"
#include "dense/lu_factor.hpp"
#include "dense/part_writer.hpp"

namespace fl {
namespace lu_parts {

std::optional<std::pair<index_t, index_t>> shape(Part part, index_t m, index_t n) {
    const index_t k = std::min(m, n);
    switch (part) {
        case Part::lower:
            return std::pair{m, k};
        case Part::upper:
            return std::pair{k, n};
        case Part::packed_lu:
            return std::pair{m, n};
        case Part::row_permutation:
            return std::pair{m, index_t{1}};
        case Part::pivots:
            return std::pair{k, index_t{1}};
        default:
            return std::nullopt;
    }
}

template <class T>
bool write(Part part, const ColMajorView<const T> &lu, const MatrixRef &out) {
    switch (part) {
        case Part::lower:
            write_part<T>(out, [&](index_t i, index_t j) { return i > j ? lu(i, j) : T(i == j); });
            return true;
        case Part::upper:
            write_part<T>(out, [&](index_t i, index_t j) { return i <= j ? lu(i, j) : T(0); });
            return true;
        case Part::packed_lu:
            write_part<T>(out, [&](index_t i, index_t j) { return lu(i, j); });
            return true;
        default:
            return false;
    }
}

// getrf swapped row i with row pivots[i] - 1 for i = 0, 1, ... in turn; replaying those
// swaps on 0..m-1 gives which row of A ended up as row i of L U.
bool write_indices(Part part, const lapack_int *pivots, index_t k, index_t m, std::int64_t *out) {
    if (part == Part::pivots) {
        std::copy(pivots, pivots + k, out);
    } else if (part == Part::row_permutation) {
        std::iota(out, out + m, std::int64_t{0});
        for (index_t i = 0; i < k; ++i) std::swap(out[i], out[pivots[i] - 1]);
    } else {
        return false;
    }
    return true;
}

template bool write<float>(Part, const ColMajorView<const float> &, const MatrixRef &);
template bool write<double>(Part, const ColMajorView<const double> &, const MatrixRef &);
template bool write<std::complex<float>>(Part, const ColMajorView<const std::complex<float>> &,
                                         const MatrixRef &);
template bool write<std::complex<double>>(Part, const ColMajorView<const std::complex<double>> &,
                                          const MatrixRef &);

}  // namespace lu_parts

template <class T>
std::pair<index_t, index_t> LuFactor<T>::part_shape(Part part) const {
    if (const auto s = lu_parts::shape(part, this->n_, this->n_)) return *s;
    return Factor::part_shape(part);  // names what an LU factor lacks
}

template <class T>
void LuFactor<T>::require_parts_of_a() const {
    if (this->transposed_)
        throw Error(ErrorCode::unsupported,
                    "this LU was saved by a library that factored a row-major A as A^T; its "
                    "parts would be those of A^T: factor A again for its parts");
}

template <class T>
void LuFactor<T>::get_part(Part part, const MatrixRef &out) const {
    require_parts_of_a();
    if (!lu_parts::write<T>(part, this->stored(), out)) Factor::get_part(part, out);
}

template <class T>
void LuFactor<T>::get_indices(Part part, std::int64_t *out) const {
    require_parts_of_a();
    if (!lu_parts::write_indices(part, pivots_, this->n_, this->n_, out)) Factor::get_indices(part, out);
}

// The class itself is instantiated in lu_factor.cpp; these are its members defined here.
#define FL_LU_PARTS(T)                                                        \
    template std::pair<index_t, index_t> LuFactor<T>::part_shape(Part) const; \
    template void LuFactor<T>::get_part(Part, const MatrixRef &) const;       \
    template void LuFactor<T>::get_indices(Part, std::int64_t *) const;
FL_LU_PARTS(float)
FL_LU_PARTS(double)
FL_LU_PARTS(std::complex<float>)
FL_LU_PARTS(std::complex<double>)
#undef FL_LU_PARTS

}  // namespace fl
