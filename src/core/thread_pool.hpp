// The one set of worker threads behind every parallel loop of fastlinalg's own code (sparse
// products and solves, kernel tiles, rolled products): started lazily, kept for the life of
// the process, grown on demand up to the thread count a call asks for. docs/design.md,
// "Threads", says why it is ours and not OpenMP's.
//
// The calling thread always works on its own job, claiming items like any helper, and
// waits only for items a helper has already started. So a job completes with no helper at
// all (a thread that cannot be started, a forked child whose pool threads did not come
// along), and a job started from inside another job's item, or from many application
// threads at once, cannot deadlock: every item waited for is being run by a thread that is
// itself making progress.
#pragma once

#include <exception>
#include <utility>

#include "core/types.hpp"

namespace fl::pool {

// The item runner a job hands to its participants, type-erased so that the pool is one
// compiled object: call(context, participant, item).
struct Task {
    void (*call)(const void *context, int participant, index_t item);
    const void *context;
};

// Runs task for every item in [0, items), on the calling thread (participant 0) and at
// most participants - 1 pool threads (1, 2, ... in the order they join). Items are handed
// out one at a time. After the first exception no new item starts, and it is rethrown
// here once every started item has finished. If the pool cannot grow (thread creation
// fails), fewer threads, down to the caller alone, do all the items.
void run_task(index_t items, int participants, const Task &task);

// run_task for a callable body(participant, item).
template <class Body>
void run(index_t items, int participants, const Body &body) {
    const Task task{[](const void *context, int participant, index_t item) {
                        (*static_cast<const Body *>(context))(participant, item);
                    },
                    &body};
    run_task(items, participants, task);
}

// Pool threads started so far (for tests and benchmarks).
int started_threads();

}  // namespace fl::pool
