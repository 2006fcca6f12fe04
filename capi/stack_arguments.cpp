#include "capi/stack_arguments.hpp"

#include <limits>
#include <string>

#include "capi/array_args.hpp"
#include "core/error.hpp"

namespace fl::capi {
namespace {

[[noreturn]] void invalid(const std::string &message) {
    throw Error(ErrorCode::invalid_argument, message);
}

// Elements from a matrix's first element to one past its last (0 when empty).
int64_t extent(const MatrixRef &m) {
    const int64_t lines = m.stored_cols(), line_length = m.stored_rows();
    return lines == 0 || line_length == 0 ? 0 : (lines - 1) * m.ld + line_length;
}

// Bytes spanned by count matrices of s.
int64_t span_bytes(const batched::Stack &s, int64_t count, Dtype dtype) {
    const int64_t e = extent(s.first);
    return count == 0 || e == 0
               ? 0
               : ((count - 1) * s.stride + e) * static_cast<int64_t>(element_size(dtype));
}

}  // namespace

batched::Stack stack_arg(const MatrixNames &names, const char *stride_name, Dtype dtype,
                         fl_layout layout, int64_t count, int64_t rows, int64_t cols,
                         const void *data, int64_t ld, int64_t stride) {
    require_non_negative(count, "count");
    if (stride < 0)
        invalid(std::string(stride_name) + " = " + std::to_string(stride) +
                " is negative (strides are element offsets >= 0)");
    // With no matrices there is nothing to read: a NULL pointer is then fine.
    static const double placeholder = 0;
    MatrixRef m =
        matrix_arg(names, dtype, layout, rows, cols, count == 0 ? &placeholder : data, ld);
    m.data = const_cast<void *>(data);
    const int64_t e = extent(m);
    if (count > 1 && e > 0) {
        const int64_t limit =
            std::numeric_limits<int64_t>::max() / static_cast<int64_t>(element_size(dtype));
        if (stride > (limit - e) / (count - 1))
            throw Error(ErrorCode::too_large,
                        std::string(names.matrix) + " with count = " + std::to_string(count) +
                            " and " + stride_name + " = " + std::to_string(stride) +
                            " spans more than 2^63 bytes");
    }
    return {m, stride};
}

batched::Stack output_stack_arg(const MatrixNames &names, const char *stride_name, Dtype dtype,
                                fl_layout layout, int64_t count, int64_t rows, int64_t cols,
                                void *data, int64_t ld, int64_t stride) {
    batched::Stack s =
        stack_arg(names, stride_name, dtype, layout, count, rows, cols, data, ld, stride);
    const int64_t e = extent(s.first);
    if (count > 1 && e > 0 && stride < e)
        invalid(std::string(stride_name) + " = " + std::to_string(stride) +
                " is smaller than the " + std::to_string(e) + " elements of one " + names.matrix +
                ", so consecutive outputs would overlap");
    return s;
}

void require_stacks_apart(const batched::Stack &in, const char *in_name, const batched::Stack &out,
                          const char *out_name, int64_t count, Dtype dtype, bool in_place_allowed) {
    if (in_place_allowed && in.first.data == out.first.data && span_bytes(out, count, dtype) > 0) {
        if (in.first.layout != out.first.layout || in.first.ld != out.first.ld ||
            in.stride != out.stride)
            invalid(std::string(out_name) + " == " + in_name +
                    " (in place) needs the same layout, leading dimension and stride");
        return;
    }
    require_disjoint(out.first.data, span_bytes(out, count, dtype), out_name, in.first.data,
                     span_bytes(in, count, dtype), in_name);
}

void require_info(const int32_t *info, int64_t count) {
    if (info == nullptr && count > 0)
        invalid("info is NULL but count = " + std::to_string(count) +
                ": the per-matrix statuses are the only report of which matrices failed");
}

void write_info(const std::vector<batched::Outcome> &outcomes, int32_t *info) {
    for (size_t l = 0; l < outcomes.size(); ++l) {
        switch (outcomes[l]) {
            case batched::Outcome::ok:
                info[l] = FL_OK;
                break;
            case batched::Outcome::singular:
                info[l] = FL_ERR_SINGULAR;
                break;
            case batched::Outcome::not_positive_definite:
                info[l] = FL_ERR_NOT_POSITIVE_DEFINITE;
                break;
            case batched::Outcome::non_finite:
                info[l] = FL_ERR_NON_FINITE;
                break;
            case batched::Outcome::no_convergence:
                info[l] = FL_ERR_NO_CONVERGENCE;
                break;
        }
    }
}

}  // namespace fl::capi
