#include "capi/factor_enums.hpp"

#include <string>

#include "core/error.hpp"
#include "core/typed.hpp"

namespace fl::capi {
namespace {

struct KindName {
    fl_factor_kind public_kind;
    FactorKind kind;
};

constexpr KindName kinds[] = {
    {FL_FACTOR_LU, FactorKind::lu},     {FL_FACTOR_CHOLESKY, FactorKind::cholesky},
    {FL_FACTOR_LDLT, FactorKind::ldlt}, {FL_FACTOR_QR, FactorKind::qr},
    {FL_FACTOR_COD, FactorKind::cod},   {FL_FACTOR_SVD, FactorKind::svd},
    {FL_FACTOR_EIGH, FactorKind::eigh},
    {FL_FACTOR_SPARSE_CHOLESKY, FactorKind::sparse_cholesky},
    {FL_FACTOR_SPARSE_LU, FactorKind::sparse_lu},
    {FL_FACTOR_SPARSE_QR, FactorKind::sparse_qr},
    // Reported as EIGH; to_kind finds FactorKind::eigh first, so no code makes it.
    {FL_FACTOR_EIGH, FactorKind::generalized_eigh},
};

// The public enumerator of each element type, and its name in messages.
template <class T>
struct PublicDtype;
template <>
struct PublicDtype<float> {
    static constexpr fl_dtype value = FL_FLOAT32;
    static constexpr const char *name = "FL_FLOAT32";
};
template <>
struct PublicDtype<double> {
    static constexpr fl_dtype value = FL_FLOAT64;
    static constexpr const char *name = "FL_FLOAT64";
};
template <>
struct PublicDtype<std::complex<float>> {
    static constexpr fl_dtype value = FL_COMPLEX64;
    static constexpr const char *name = "FL_COMPLEX64";
};
template <>
struct PublicDtype<std::complex<double>> {
    static constexpr fl_dtype value = FL_COMPLEX128;
    static constexpr const char *name = "FL_COMPLEX128";
};

}  // namespace

FactorKind to_kind(fl_factor_kind kind) {
    for (const KindName &k : kinds)
        if (k.public_kind == kind) return k.kind;
    throw Error(ErrorCode::invalid_argument,
                "kind = " + std::to_string(kind) + " is not an fl_factor_kind");
}

fl_factor_kind to_public(FactorKind kind) {
    for (const KindName &k : kinds)
        if (k.kind == kind) return k.public_kind;
    return static_cast<fl_factor_kind>(0);
}

fl_dtype to_public(Dtype dtype) {
    return typed(dtype, [](auto t) { return PublicDtype<decltype(t)>::value; });
}

const char *dtype_name(Dtype dtype) {
    return typed(dtype, [](auto t) { return PublicDtype<decltype(t)>::name; });
}

Part to_part(fl_factor_part part) {
    switch (part) {
    case FL_PART_SINGULAR_VALUES: return Part::singular_values;
    case FL_PART_U: return Part::u;
    case FL_PART_VT: return Part::vt;
    case FL_PART_EIGENVALUES: return Part::eigenvalues;
    case FL_PART_EIGENVECTORS: return Part::eigenvectors;
    case FL_PART_Q: return Part::q;
    case FL_PART_R: return Part::r;
    case FL_PART_LOWER:
        return Part::lower;
    case FL_PART_UPPER:
        return Part::upper;
    case FL_PART_ROW_PERMUTATION:
        return Part::row_permutation;
    case FL_PART_LU_PACKED:
        return Part::packed_lu;
    case FL_PART_PIVOTS:
        return Part::pivots;
    case FL_PART_BLOCK_DIAGONAL:
        return Part::block_diagonal;
    case FL_PART_REFLECTORS:
        return Part::reflectors;
    case FL_PART_TAU:
        return Part::tau;
    case FL_PART_COLUMN_PERMUTATION:
        return Part::column_permutation;
    }
    throw Error(ErrorCode::invalid_argument,
                "part = " + std::to_string(part) + " is not an fl_factor_part");
}

}  // namespace fl::capi
