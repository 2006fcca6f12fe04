#include "mpi/capi/mpi_arguments.hpp"

#include <string>

#include "core/error.hpp"
#include "mpi/capi/mpi_handles.hpp"

namespace fl::mpi::capi {

void require_float64(fl_dtype dtype, const char *name) {
    if (fl::capi::to_dtype(dtype, name) != Dtype::float64)
        throw Error(ErrorCode::unsupported,
                    std::string(name) + " = FL_FLOAT32: libfastlinalg_mpi handles FL_FLOAT64 only");
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

FullMatrix full_matrix_arg(const fl::capi::MatrixNames &names, fl_layout layout, int64_t rows,
                           int64_t cols, const void *a, int64_t ld) {
    const MatrixRef ref = fl::capi::matrix_arg(names, Dtype::float64, layout, rows, cols, a, ld);
    double *data = static_cast<double *>(ref.data);
    return ref.layout == Layout::col_major ? FullMatrix{data, 1, ref.ld}
                                           : FullMatrix{data, ref.ld, 1};
}

void require_solve_operands(const DistMatrix &a, const DistMatrix &b, const DistMatrix &x) {
    for (const auto &[m, name] : {std::pair{&b, "b"}, std::pair{&x, "x"}})
        if (&m->context() != &a.context())
            throw Error(ErrorCode::invalid_argument,
                        std::string(name) + " lives on another context than the factor");
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
