#include "capi/array_args.hpp"

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>

#include "core/error.hpp"

namespace fl::capi {

int64_t checked_elements(std::initializer_list<int64_t> sizes, std::size_t element_bytes,
                         const char *what) {
    const int64_t limit = std::numeric_limits<int64_t>::max() / static_cast<int64_t>(element_bytes);
    for (int64_t s : sizes)
        if (s == 0) return 0;
    int64_t product = 1;
    for (int64_t s : sizes) {
        if (product > limit / s)
            throw Error(ErrorCode::too_large, std::string(what) + " spans more than 2^63 bytes");
        product *= s;
    }
    return product;
}

void require_array(const void *data, int64_t count, const char *name) {
    if (data == nullptr && count > 0)
        throw Error(ErrorCode::invalid_argument,
                    std::string(name) + " is NULL but has " + std::to_string(count) + " elements");
}

void require_disjoint(const void *a, int64_t a_bytes, const char *a_name, const void *b,
                      int64_t b_bytes, const char *b_name) {
    const auto a0 = reinterpret_cast<uintptr_t>(a), b0 = reinterpret_cast<uintptr_t>(b);
    if (a_bytes == 0 || b_bytes == 0) return;
    if (a0 < b0 + static_cast<uintptr_t>(b_bytes) && b0 < a0 + static_cast<uintptr_t>(a_bytes))
        throw Error(ErrorCode::invalid_argument,
                    std::string(a_name) + " and " + b_name + " overlap: pass separate buffers");
}

}  // namespace fl::capi
