// COD's parts: the R and column permutation of its column-pivoted QR, A[:, p] = Q R (geqp3).
// tzrzf overwrote R's leading r rows [R11 R12] with T and Z's reflectors, so those rows are
// rebuilt as [T 0] Z (adjoint: Z^H [T^H; 0], one ormrz/unmrz on an n-by-r matrix, whose
// columns are conjugated back into rows); the rows below r are geqp3's own, which tzrzf does
// not touch.
#include <algorithm>
#include <vector>

#include "dense/cod_factor.hpp"
#include "dense/householder.hpp"

namespace fl {

namespace hh = householder;

template <class T>
std::pair<index_t, index_t> CodFactor<T>::part_shape(Part part) const {
    if (part == Part::r) return {std::min(m_, n_), n_};
    if (part == Part::column_permutation) return {n_, 1};
    return Factor::part_shape(part);  // names what a COD factor lacks
}

template <class T>
void CodFactor<T>::get_part(Part part, const MatrixRef &out) const {
    if (part != Part::r) return Factor::get_part(part, out);
    const index_t k = std::min(m_, n_), r = rank_;
    const ColMajorView<const T> s{storage_.get(), m_, n_, ld()};
    // w = Z^H [T^H; 0], n-by-r: its column i is row i of [T 0] Z, conjugated.
    std::vector<T> w(static_cast<size_t>(n_ * r), T(0));
    const ColMajorView<T> wv{w.data(), n_, r, std::max<index_t>(n_, 1)};
    for (index_t i = 0; i < r; ++i)
        for (index_t j = i; j < r; ++j) wv(j, i) = conjugate(s(i, j));
    if (r > 0) apply_z(lapack::adjoint<T>(), wv);
    for (index_t i = 0; i < k; ++i)
        for (index_t j = 0; j < n_; ++j)
            hh::element<T>(out, i, j) = i < r ? conjugate(wv(j, i)) : (j >= i ? s(i, j) : T(0));
}

template <class T>
void CodFactor<T>::get_indices(Part part, std::int64_t *out) const {
    if (part != Part::column_permutation) return Factor::get_indices(part, out);
    // An empty A is never factored (jpvt_ stays 0): its permutation is the identity, as
    // scipy's qr(a, pivoting=True) gives for an empty a.
    const bool factored = m_ > 0 && n_ > 0;
    for (index_t i = 0; i < n_; ++i) out[i] = factored ? jpvt_[static_cast<size_t>(i)] - 1 : i;
}

// The class itself is instantiated in cod_factor.cpp; these are its members defined here.
#define FL_COD_PARTS(T)                                                        \
    template std::pair<index_t, index_t> CodFactor<T>::part_shape(Part) const; \
    template void CodFactor<T>::get_part(Part, const MatrixRef &) const;       \
    template void CodFactor<T>::get_indices(Part, std::int64_t *) const;
FL_COD_PARTS(float)
FL_COD_PARTS(double)
FL_COD_PARTS(std::complex<float>)
FL_COD_PARTS(std::complex<double>)
#undef FL_COD_PARTS

}  // namespace fl
