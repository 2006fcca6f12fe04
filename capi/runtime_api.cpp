#include <string>

#include "capi/errors.hpp"
#include "core/memory_pool.hpp"
#include "lapack/blas_runtime.hpp"

using namespace fl::capi;

extern "C" {

FL_API const char *fl_blas_info(void) {
    const char *s = fl::blas::config();
    return s != nullptr ? s : "";
}

FL_API const char *fl_blas_core(void) {
    const char *s = fl::blas::core_name();
    return s != nullptr ? s : "";
}

FL_API int fl_get_num_threads(void) { return fl::blas::num_threads(); }

FL_API fl_status fl_set_num_threads(int num_threads) {
    return guarded(__func__, [&] {
        if (num_threads < 1)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "num_threads = " + std::to_string(num_threads) + " is smaller than 1");
        const int most = fl::blas::max_threads();
        if (num_threads > most)
            throw fl::Error(fl::ErrorCode::invalid_argument,
                            "num_threads = " + std::to_string(num_threads) + " exceeds " +
                                std::to_string(most) + ", the BLAS's MAX_THREADS");
        fl::blas::set_num_threads(num_threads);
    });
}

FL_API int64_t fl_release_memory(void) { return static_cast<int64_t>(fl::pool::release_all()); }

}  // extern "C"
