// fl_factor_serialized_size, fl_factor_serialize, fl_factor_deserialize: a factor as bytes
// in the caller's buffer (the format: src/dense/saved/format.hpp).
#include <string>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/factor_access.hpp"
#include "capi/handles.hpp"
#include "dense/saved/format.hpp"

using namespace fl::capi;

extern "C" {

FL_API fl_status fl_factor_serialized_size(const fl_factor *factor, int64_t *size) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        require_not_null(size, "size");
        *size = fl::serialized_size(f);
    });
}

FL_API fl_status fl_factor_serialize(const fl_factor *factor, void *buffer, int64_t size) {
    return guarded(__func__, [&] {
        const fl::Factor &f = factor_of(factor);
        require_not_null(buffer, "buffer");
        const int64_t needed = fl::serialized_size(f);
        if (size < needed)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "size = " + std::to_string(size) + " is smaller than the " +
                                std::to_string(needed) +
                                " bytes this factor takes (fl_factor_serialized_size)");
        fl::serialize(f, FL_VERSION_NUMBER, static_cast<unsigned char *>(buffer));
    });
}

FL_API fl_status fl_factor_deserialize(fl_factor **factor, const void *buffer, int64_t size) {
    if (factor != nullptr) *factor = nullptr;
    return guarded(__func__, [&] {
        require_not_null(factor, "factor");
        require_not_null(buffer, "buffer");
        require_non_negative(size, "size");
        std::unique_ptr<fl::Factor> made =
            fl::deserialize(static_cast<const unsigned char *>(buffer), size, FL_VERSION_NUMBER);
        *factor = new fl_factor{std::move(made)};
    });
}

}  // extern "C"
