// fl_factor_create_generalized_eigh: the argument checks, then the factor of
// dense/generalized_eigh_factor.hpp in a handle like fl_factor_create's.
#include <string>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/handles.hpp"
#include "dense/generalized_eigh_factor.hpp"

using namespace fl::capi;

extern "C" {

FL_API fl_status fl_factor_create_generalized_eigh(fl_factor **factor, int itype, fl_dtype dtype,
                                                   fl_layout layout, int64_t n, const void *a,
                                                   int64_t lda, const void *b, int64_t ldb,
                                                   const fl_options *options) {
    if (factor != nullptr) *factor = nullptr;
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        if (itype < 1 || itype > 3)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "itype = " + std::to_string(itype) +
                                " is not 1 (A v = w B v), 2 (A B v = w v) or 3 (B A v = w v)");
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::MatrixRef am = matrix_arg({"a", "lda", "n", "n"}, t, layout, n, n, a, lda);
        const fl::MatrixRef bm = matrix_arg({"b", "ldb", "n", "n"}, t, layout, n, n, b, ldb);
        const fl::FactorOptions o = options != nullptr ? options->values : fl::FactorOptions{};
        if (o.precision != fl::Precision::native)
            throw fl::Error(
                fl::ErrorCode::unsupported,
                "FL_OPT_PRECISION = FL_PRECISION_MIXED is for FL_FACTOR_LU and FL_FACTOR_CHOLESKY, "
                "not the generalized eigenproblem");
        if (o.storage != fl::Storage::full)
            throw fl::Error(
                fl::ErrorCode::unsupported,
                "FL_OPT_STORAGE (packed storage) is for FL_FACTOR_CHOLESKY, not the generalized "
                "eigenproblem");
        *factor = new fl_factor{fl::make_generalized_eigh(itype, t, am, bm, o), o.check_finite};
    });
}

}  // extern "C"
