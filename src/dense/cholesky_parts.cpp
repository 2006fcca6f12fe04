// Cholesky's parts: L of A = L L^T and U = L^T, read from whichever triangle the storage
// holds (a stored upper U is L^T).
#include "dense/cholesky_factor.hpp"
#include "dense/part_writer.hpp"

namespace fl {

template <class T>
std::pair<index_t, index_t> CholeskyFactor<T>::part_shape(Part part) const {
    if (part == Part::lower || part == Part::upper) return {this->n_, this->n_};
    return Factor::part_shape(part);  // names what a Cholesky factor lacks
}

template <class T>
void CholeskyFactor<T>::get_part(Part part, const MatrixRef &out) const {
    if (part != Part::lower && part != Part::upper) return Factor::get_part(part, out);
    const ColMajorView<const T> c = this->stored();
    // L(i, j) for i >= j, from the stored L or from the stored U = L^T.
    auto l = [&](index_t i, index_t j) { return triangle_ == Triangle::lower ? c(i, j) : c(j, i); };
    if (part == Part::lower)
        write_part<T>(out, [&](index_t i, index_t j) { return i >= j ? l(i, j) : T(0); });
    else
        write_part<T>(out, [&](index_t i, index_t j) { return i <= j ? l(j, i) : T(0); });
}

// The class itself is instantiated in cholesky_factor.cpp; these are its members defined here.
#define FL_CHOLESKY_PARTS(T)                                                        \
    template std::pair<index_t, index_t> CholeskyFactor<T>::part_shape(Part) const; \
    template void CholeskyFactor<T>::get_part(Part, const MatrixRef &) const;
FL_CHOLESKY_PARTS(float)
FL_CHOLESKY_PARTS(double)
#undef FL_CHOLESKY_PARTS

}  // namespace fl
