// LU's parts: L, U, the row permutation, and LAPACK's packed form and pivots, all of A as
// the caller passed it (the storage holds A itself, see square_factor.hpp).
#include <numeric>
#include <string>

#include "core/error.hpp"
#include "dense/lu_factor.hpp"
#include "dense/part_writer.hpp"

namespace fl {

template <class T>
std::pair<index_t, index_t> LuFactor<T>::part_shape(Part part) const {
    const index_t n = this->n_;
    switch (part) {
        case Part::lower:
        case Part::upper:
        case Part::packed_lu:
            return {n, n};
        case Part::row_permutation:
        case Part::pivots:
            return {n, 1};
        default:
            return Factor::part_shape(part);  // names what an LU factor lacks
    }
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
    const ColMajorView<const T> lu = this->stored();
    switch (part) {
        case Part::lower:
            write_part<T>(out, [&](index_t i, index_t j) { return i > j ? lu(i, j) : T(i == j); });
            return;
        case Part::upper:
            write_part<T>(out, [&](index_t i, index_t j) { return i <= j ? lu(i, j) : T(0); });
            return;
        case Part::packed_lu:
            write_part<T>(out, [&](index_t i, index_t j) { return lu(i, j); });
            return;
        default:
            Factor::get_part(part, out);
    }
}

// getrf swapped row i with row pivots_[i] - 1 for i = 0, 1, ... in turn; replaying those
// swaps on 0..n-1 gives which row of A ended up as row i of L U.
template <class T>
void LuFactor<T>::get_indices(Part part, std::int64_t *out) const {
    require_parts_of_a();
    const index_t n = this->n_;
    if (part == Part::pivots) {
        for (index_t i = 0; i < n; ++i) out[i] = pivots_[static_cast<size_t>(i)];
    } else if (part == Part::row_permutation) {
        std::iota(out, out + n, std::int64_t{0});
        for (index_t i = 0; i < n; ++i) std::swap(out[i], out[pivots_[static_cast<size_t>(i)] - 1]);
    } else {
        Factor::get_indices(part, out);
    }
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
