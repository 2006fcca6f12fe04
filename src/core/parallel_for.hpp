// Splitting a loop over independent pieces (columns of a product, right-hand sides of a
// solve) across threads, for the code of ours that is not BLAS and so gets no threads
// from it. The thread count follows the BLAS's (fl_set_num_threads), so one knob governs
// every thread the library starts.
#pragma once

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

#include "core/types.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

// Runs body(begin, end) over contiguous chunks of [0, count): on the calling thread alone
// when `work` (a rough count of memory touches or flops) is below `min_work_per_thread`
// for two threads, else on up to blas::num_threads() threads. The first exception thrown
// by any chunk is rethrown once all have finished.
template <class Body>
void parallel_for(index_t count, double work, double min_work_per_thread, Body &&body) {
    const index_t wanted = static_cast<index_t>(work / min_work_per_thread);
    const index_t threads =
        std::min<index_t>({count, wanted, static_cast<index_t>(blas::num_threads())});
    if (threads <= 1) {
        if (count > 0) body(index_t{0}, count);
        return;
    }
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(static_cast<size_t>(threads));
    const index_t chunk = (count + threads - 1) / threads;
    for (index_t t = 1; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                body(t * chunk, std::min(count, (t + 1) * chunk));
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    try {
        body(index_t{0}, std::min(count, chunk));
    } catch (...) {
        errors[0] = std::current_exception();
    }
    for (std::thread &th : pool) th.join();
    for (const std::exception_ptr &e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace fl
