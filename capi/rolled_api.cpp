// fl_rolled_matmul: argument checks, then the kernel (src/rolled/rolled_matmul.cpp).
#include <climits>
#include <string>
#include <utility>

#include "capi/arguments.hpp"
#include "capi/array_args.hpp"
#include "capi/errors.hpp"
#include "core/typed.hpp"
#include "rolled/rolled_matmul.hpp"

using namespace fl::capi;

namespace {

void require_blas_size(int64_t value, const char *name) {
    if (value > INT_MAX)
        throw fl::Error(fl::ErrorCode::too_large,
                        std::string(name) + " = " + std::to_string(value) +
                            " exceeds 2147483647, the largest size the BLAS's 32-bit "
                            "integers can hold");
}

template <class T>
void run(fl::Layout layout, const fl::rolled::RolledShape &s, const void *a, const void *b,
         void *out) {
    fl::rolled::rolled_matmul(layout, s, static_cast<const T *>(a), static_cast<const T *>(b),
                              static_cast<T *>(out));
}

}  // namespace

extern "C" {

FL_API fl_status fl_rolled_matmul(fl_dtype dtype, fl_layout layout, int64_t d, int64_t k, int64_t m,
                                  int64_t n, int64_t l, const void *a, const void *b, void *out) {
    return guarded(__func__, [&] {
        const fl::Dtype t = to_dtype(dtype, "dtype");
        const fl::Layout lay = to_layout(layout, "layout");
        for (auto [value, name] : {std::pair{d, "d"}, {k, "k"}, {m, "m"}, {n, "n"}, {l, "l"}})
            require_non_negative(value, name);
        if (d > 0 && k > d)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "k = " + std::to_string(k) + " is larger than d = " +
                                std::to_string(d) + " (each i has at most d distinct shifts)");
        for (auto [value, name] : {std::pair{m, "m"}, {n, "n"}, {l, "l"}})
            require_blas_size(value, name);
        const std::size_t size = element_size(t);
        const int64_t a_count = checked_elements({d, m, n}, size, "a (d*m*n elements)");
        const int64_t b_count = checked_elements({d, n, l}, size, "b (d*n*l elements)");
        const int64_t out_count = checked_elements({d, k, m, l}, size, "out (d*k*m*l elements)");
        require_array(a, a_count, "a");
        require_array(b, b_count, "b");
        require_array(out, out_count, "out");
        const auto bytes = [&](int64_t count) { return count * static_cast<int64_t>(size); };
        require_disjoint(out, bytes(out_count), "out", a, bytes(a_count), "a");
        require_disjoint(out, bytes(out_count), "out", b, bytes(b_count), "b");
        const fl::rolled::RolledShape shape{d, k, m, n, l};
        fl::typed_real(t, [&](auto e) { run<decltype(e)>(lay, shape, a, b, out); });
    });
}

}  // extern "C"
