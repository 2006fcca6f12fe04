// LDL^T's parts: L, D and the permutation of P A P^T = L D L^T with L unit lower triangular,
// unpacked from sytrf's product form, A = P_1 L_1 P_2 L_2 ... D ... (each interchange P_k
// touches only the trailing matrix, so the columns of L computed before it are stored
// unswapped: replaying the interchanges on them, as getrf does on its own L, gives one
// triangular L); for an upper stored triangle, P A P^T = U D U^T with U unit upper
// triangular. The parts are given in the form of the caller's triangle, as
// scipy.linalg.ldl(a, lower=...) gives them: where the stored triangle is the other one (a
// row-major A), the order of rows and columns is reversed (J U J is unit lower, J L J unit
// upper, for the reversal J). (L D L^H and conj(A) for a Hermitian A, whose row-major
// storage holds conj(A): its parts are conjugated back.)
#include <numeric>
#include <utility>
#include <vector>

#include "dense/ldlt_factor.hpp"
#include "dense/part_writer.hpp"

namespace fl {

template <class T>
struct LdltFactor<T>::Unpacked {
    index_t n;
    std::vector<T> l, d;             // n-by-n, column-major; l is L or U, whichever the form
    std::vector<std::int64_t> perm;  // (P A P^T)[i, j] = A[perm[i], perm[j]]
    T &at(std::vector<T> &m, index_t i, index_t j) { return m[static_cast<size_t>(i + j * n)]; }
};

template <class T>
typename LdltFactor<T>::Unpacked LdltFactor<T>::unpack() const {
    const index_t n = this->n_;
    const ColMajorView<const T> s = this->stored();
    Unpacked u{n, std::vector<T>(static_cast<size_t>(n * n)),
               std::vector<T>(static_cast<size_t>(n * n)),
               std::vector<std::int64_t>(static_cast<size_t>(n))};
    std::iota(u.perm.begin(), u.perm.end(), std::int64_t{0});
    for (index_t i = 0; i < n; ++i) u.at(u.l, i, i) = T(1);
    // Interchange rows r and p of the factor's columns [c0, c1) and of the permutation.
    auto interchange = [&](index_t r, index_t p, index_t c0, index_t c1) {
        if (r == p) return;
        for (index_t j = c0; j < c1; ++j) std::swap(u.at(u.l, r, j), u.at(u.l, p, j));
        std::swap(u.perm[static_cast<size_t>(r)], u.perm[static_cast<size_t>(p)]);
    };
    const bool lower = triangle_ == Triangle::lower;
    // D's element (i, j) of a block, from the stored triangle; the mirrored one of a
    // Hermitian D is conjugated.
    auto d_at = [&](index_t i, index_t j) {
        const bool stored = lower ? i >= j : i <= j;
        const T v = stored ? s(i, j) : s(j, i);
        return stored || !hermitian_ ? v : conjugate(v);
    };
    // Lower: blocks from the top, rows below each block; upper: from the bottom, rows above.
    index_t k = lower ? 0 : n - 1;
    while (lower ? k < n : k >= 0) {
        const lapack_int ipiv = pivots_[static_cast<size_t>(k)];
        const index_t size = ipiv > 0 ? 1 : 2;
        const index_t first = lower ? k : k - size + 1, last = first + size - 1;  // the block
        const index_t swapped = ipiv > 0 ? k : (lower ? k + 1 : k - 1);
        const index_t with = (ipiv > 0 ? ipiv : -ipiv) - 1;
        if (lower)
            interchange(swapped, with, 0, first);
        else
            interchange(swapped, with, last + 1, n);
        for (index_t j = first; j <= last; ++j) {
            for (index_t i = first; i <= last; ++i) u.at(u.d, i, j) = d_at(i, j);
            if (lower)
                for (index_t i = last + 1; i < n; ++i) u.at(u.l, i, j) = s(i, j);
            else
                for (index_t i = 0; i < first; ++i) u.at(u.l, i, j) = s(i, j);
        }
        k = lower ? last + 1 : first - 1;
    }
    if (conjugated()) {
        for (T &v : u.l) v = conjugate(v);
        for (T &v : u.d) v = conjugate(v);
    }
    if (lower != (form_ == Triangle::lower)) {  // reverse rows and columns
        Unpacked r{n, u.l, u.d, u.perm};
        for (index_t j = 0; j < n; ++j)
            for (index_t i = 0; i < n; ++i) {
                r.at(r.l, i, j) = u.at(u.l, n - 1 - i, n - 1 - j);
                r.at(r.d, i, j) = u.at(u.d, n - 1 - i, n - 1 - j);
            }
        for (index_t i = 0; i < n; ++i)
            r.perm[static_cast<size_t>(i)] = u.perm[static_cast<size_t>(n - 1 - i)];
        return r;
    }
    return u;
}

template <class T>
std::pair<index_t, index_t> LdltFactor<T>::part_shape(Part part) const {
    switch (part) {
        case Part::lower:
        case Part::upper:
            // The factor of the other triangle than the one read is not in this form.
            if ((part == Part::upper) != (form_ == Triangle::upper))
                this->unsupported(part == Part::lower
                                      ? "L: it read the upper triangle, so its parts are U, D "
                                        "and P of P A P^T = U D U^T (FL_PART_UPPER)"
                                      : "U: it read the lower triangle, so its parts are L, D "
                                        "and P of P A P^T = L D L^T (FL_PART_LOWER)");
            return {this->n_, this->n_};
        case Part::block_diagonal:
            return {this->n_, this->n_};
        case Part::row_permutation:
            return {this->n_, 1};
        default:
            return Factor::part_shape(part);  // names what an LDL^T factor lacks
    }
}

template <class T>
void LdltFactor<T>::get_part(Part part, const MatrixRef &out) const {
    if (part != Part::lower && part != Part::upper && part != Part::block_diagonal)
        return Factor::get_part(part, out);
    Unpacked u = unpack();
    std::vector<T> &m = part == Part::block_diagonal ? u.d : u.l;
    write_part<T>(out, [&](index_t i, index_t j) { return u.at(m, i, j); });
}

template <class T>
void LdltFactor<T>::get_indices(Part part, std::int64_t *out) const {
    if (part != Part::row_permutation) return Factor::get_indices(part, out);
    const Unpacked u = unpack();
    std::copy(u.perm.begin(), u.perm.end(), out);
}

// The class itself is instantiated in ldlt_factor.cpp; these are its members defined here.
#define FL_LDLT_PARTS(T)                                                        \
    template std::pair<index_t, index_t> LdltFactor<T>::part_shape(Part) const; \
    template void LdltFactor<T>::get_part(Part, const MatrixRef &) const;       \
    template void LdltFactor<T>::get_indices(Part, std::int64_t *) const;
FL_LDLT_PARTS(float)
FL_LDLT_PARTS(double)
FL_LDLT_PARTS(std::complex<float>)
FL_LDLT_PARTS(std::complex<double>)
#undef FL_LDLT_PARTS

}  // namespace fl
