#include "mpi/capi/mpi_arguments.hpp"

#include <string>
#include <type_traits>

#include "capi/factor_enums.hpp"
#include "core/error.hpp"
#include "core/typed.hpp"
#include "mpi/capi/mpi_handles.hpp"

namespace fl::mpi::capi {

Dtype real_dtype(fl_dtype dtype, const char *name) {
    const Dtype d = fl::capi::to_dtype(dtype, name);
    if (!fl::typed(d, [](auto t) { return std::is_floating_point_v<decltype(t)>; }))
        throw Error(ErrorCode::unsupported,
                    std::string(name) + " = " + fl::capi::dtype_name(d) +
                        ": libfastlinalg_mpi handles FL_FLOAT32 and FL_FLOAT64 only");
    return d;
}

void require_dtype(fl_dtype dtype, const char *name, Dtype held, const char *holder) {
    const Dtype d = real_dtype(dtype, name);
    if (d != held)
        throw Error(ErrorCode::dtype_mismatch, std::string(name) + " = " + fl::capi::dtype_name(d) +
                                                   " but " + holder + " holds " +
                                                   fl::capi::dtype_name(held));
}

DistMatrix &live_matrix(fl_mpi_matrix *matrix, const char *name) {
    fl::capi::require_not_null(matrix, name);
    if (matrix->matrix->consumed())
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " was consumed by fl_mpi_factor_create");
    return *matrix->matrix;
}

const DistMatrix &live_matrix(const fl_mpi_matrix *matrix, const char *name) {
    return live_matrix(const_cast<fl_mpi_matrix *>(matrix), name);
}

int rank_arg(const Context &context, int64_t root, const char *name) {
    if (root < 0 || root >= context.size())
        throw Error(ErrorCode::invalid_argument, std::string(name) + " = " + std::to_string(root) +
                                                     " is not a rank of the communicator (size " +
                                                     std::to_string(context.size()) + ")");
    return static_cast<int>(root);
}

FullMatrix full_matrix_arg(const fl::capi::MatrixNames &names, Dtype dtype, fl_layout layout,
                           int64_t rows, int64_t cols, const void *a, int64_t ld) {
    const MatrixRef ref = fl::capi::matrix_arg(names, dtype, layout, rows, cols, a, ld);
    return ref.layout == Layout::col_major ? FullMatrix{ref.data, 1, ref.ld}
                                           : FullMatrix{ref.data, ref.ld, 1};
}

void require_solve_operands(const DistMatrix &a, const DistMatrix &b, const DistMatrix &x) {
    for (const auto &[m, name] : {std::pair{&b, "b"}, std::pair{&x, "x"}})
        if (&m->context() != &a.context())
            throw Error(ErrorCode::invalid_argument,
                        std::string(name) + " lives on another context than the factor");
    for (const auto &[m, name] : {std::pair{&b, "b"}, std::pair{&x, "x"}})
        if (m->dtype() != a.dtype())
            throw Error(ErrorCode::dtype_mismatch,
                        std::string(name) + " holds " + fl::capi::dtype_name(m->dtype()) +
                            ", the factor " + fl::capi::dtype_name(a.dtype()));
    if (b.rows() != a.rows())
        throw Error(ErrorCode::dimension_mismatch, "b has " + std::to_string(b.rows()) +
                                                       " rows, A has " + std::to_string(a.rows()));
    if (x.rows() != a.cols() || x.cols() != b.cols())
        throw Error(ErrorCode::dimension_mismatch,
                    "x is " + std::to_string(x.rows()) + "x" + std::to_string(x.cols()) +
                        ", the solution is " + std::to_string(a.cols()) + "x" +
                        std::to_string(b.cols()));
}

}  // namespace fl::mpi::capi
