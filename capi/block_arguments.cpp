#include "capi/block_arguments.hpp"

#include <limits>
#include <string>

#include "core/error.hpp"

namespace fl::capi {
namespace {

std::string named(const char *name, int64_t value) {
    return std::string(name) + " = " + std::to_string(value);
}

}  // namespace

int64_t block_count(int64_t rows, const char *rows_name, int64_t n, const char *n_name) {
    if (n < 1)
        throw Error(ErrorCode::invalid_argument,
                    named(n_name, n) + " is not a block size (at least 1)");
    if (n > std::numeric_limits<int32_t>::max())
        throw Error(ErrorCode::too_large, named(n_name, n) +
                                              " exceeds 2147483647, the largest size "
                                              "LAPACK's 32-bit integers can hold");
    if (rows % n != 0)
        throw Error(ErrorCode::invalid_argument, named(n_name, n) + " does not divide " +
                                                     named(rows_name, rows) +
                                                     ": the blocks must tile the matrix");
    return rows / n;
}

void require_same_count(int64_t l1, const char *what1, int64_t l2, const char *what2) {
    if (l1 != l2)
        throw Error(ErrorCode::dimension_mismatch,
                    std::string(what1) + " = " + std::to_string(l1) + " blocks but " + what2 +
                        " = " + std::to_string(l2) + ": the sum pairs block i with block i");
}

MatrixRef output_arg(const MatrixNames &names, Dtype dtype, fl_layout layout, int64_t rows,
                     int64_t cols, void *data, int64_t ld,
                     std::initializer_list<std::pair<const MatrixRef *, const char *>> inputs) {
    const MatrixRef out = matrix_arg(names, dtype, layout, rows, cols, data, ld);
    for (const auto &[in, name] : inputs) require_disjoint(*in, name, out, names.matrix, dtype);
    return out;
}

}  // namespace fl::capi
