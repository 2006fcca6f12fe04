// Cholesky's parts: L of A = L L^H and U = L^H (L^T for a real A), read from whichever
// triangle the storage holds (a stored upper U is L^H).
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
    // L(i, j) for i >= j of the stored S = L_S L_S^H: the stored L_S or the conjugate
    // transpose of the stored U_S = L_S^H.
    auto l_s = [&](index_t i, index_t j) {
        return triangle_ == Triangle::lower ? c(i, j) : conjugate(c(j, i));
    };
    // A complex row-major A is stored as S = conj(A), whose factor is conj(L).
    auto l = [&](index_t i, index_t j) {
        return this->transposed_ ? conjugate(l_s(i, j)) : l_s(i, j);
    };
    if (part == Part::lower)
        write_part<T>(out, [&](index_t i, index_t j) { return i >= j ? l(i, j) : T(0); });
    else  // U = L^H
        write_part<T>(out,
                      [&](index_t i, index_t j) { return i <= j ? conjugate(l(j, i)) : T(0); });
}

// The class itself is instantiated in cholesky_factor.cpp; these are its members defined here.
#define FL_CHOLESKY_PARTS(T)                                                        \
    template std::pair<index_t, index_t> CholeskyFactor<T>::part_shape(Part) const; \
    template void CholeskyFactor<T>::get_part(Part, const MatrixRef &) const;
FL_CHOLESKY_PARTS(float)
FL_CHOLESKY_PARTS(double)
FL_CHOLESKY_PARTS(std::complex<float>)
FL_CHOLESKY_PARTS(std::complex<double>)
#undef FL_CHOLESKY_PARTS

}  // namespace fl
