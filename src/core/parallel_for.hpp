// Splitting a loop over independent pieces (columns of a product, right-hand sides of a
// solve) across threads, for the code of ours that is not BLAS and so gets no threads
// from it. The thread count follows the BLAS's (fl_set_num_threads), so one knob governs
// every thread the library uses; the threads are the persistent pool's (thread_pool.hpp).
#pragma once

#include <algorithm>

#include "core/thread_pool.hpp"
#include "core/types.hpp"
#include "lapack/blas_runtime.hpp"

namespace fl {

// Runs body(begin, end) over contiguous chunks of [0, count): on the calling thread alone
// when `work` (a rough count of memory touches or flops) is below `min_work_per_thread`
// for two threads, else as up to blas::num_threads() chunks shared by the calling thread
// and the pool's. The first exception thrown by any chunk is rethrown once all started
// chunks have finished. Never fails for want of threads: the caller runs what no pool
// thread takes.
template <class Body>
void parallel_for(index_t count, double work, double min_work_per_thread, Body &&body) {
    const index_t wanted = static_cast<index_t>(work / min_work_per_thread);
    const index_t threads =
        std::min<index_t>({count, wanted, static_cast<index_t>(blas::num_threads())});
    if (threads <= 1) {
        if (count > 0) body(index_t{0}, count);
        return;
    }
    const index_t chunk = (count + threads - 1) / threads;
    const index_t chunks = (count + chunk - 1) / chunk;  // none of them empty
    pool::run(chunks, static_cast<int>(threads),
              [&](int, index_t t) { body(t * chunk, std::min(count, (t + 1) * chunk)); });
}

}  // namespace fl
