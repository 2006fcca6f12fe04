#include "core/thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace fl::pool {
namespace {

// One call of run_task, living on its caller's stack. Helpers attach to it under the pool's
// mutex and detach when they find no item left; the caller returns only once it has
// withdrawn the job (no new helper can attach) and every helper has detached.
struct Job {
    Task task;
    index_t items;
    int participants;
    std::atomic<index_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr failure;  // written once, by the thread that set `failed`
    int joined = 1;              // participant numbers handed out (the caller is 0)
    int attached = 0;            // helpers inside work() now

    bool wants_help() const { return joined < participants && next.load() < items; }

    void work(int participant) {
        for (index_t item = next++; item < items && !failed.load(); item = next++) {
            try {
                task.call(task.context, participant, item);
            } catch (...) {
                if (!failed.exchange(true)) failure = std::current_exception();
            }
        }
    }
};

class Pool {
public:
    void run(Job &job) {
        bool helped = false;
        if (job.participants > 1 && job.items > 1) {
            std::lock_guard<std::mutex> lock(mutex_);
            grow(job.participants - 1);
            helped = threads_started_ > 0;
            if (helped) {
                open_.push_back(&job);
                work_available_.notify_all();
            }
        }
        job.work(0);
        if (helped) {
            std::unique_lock<std::mutex> lock(mutex_);
            open_.erase(std::find(open_.begin(), open_.end(), &job));
            job_done_.wait(lock, [&] { return job.attached == 0; });
        }
        if (job.failure) std::rethrow_exception(job.failure);
    }

    int started() {
        std::lock_guard<std::mutex> lock(mutex_);
        return threads_started_;
    }

private:
    // Starts threads until `wanted` exist. A thread that cannot be started (EAGAIN under a
    // thread or process limit, no memory for its stack) ends the attempt: the jobs run on
    // the threads there are, and a later job tries again.
    void grow(int wanted) {
        while (threads_started_ < wanted) {
            try {
                std::thread(&Pool::serve, this).detach();
            } catch (...) {  // std::system_error, or std::bad_alloc for its state
                return;
            }
            ++threads_started_;
        }
    }

    // A pool thread: waits for an open job that wants help, joins it, works, detaches.
    [[noreturn]] void serve() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            Job *job = nullptr;
            work_available_.wait(lock, [&] {
                const auto it = std::find_if(open_.begin(), open_.end(),
                                             [](const Job *j) { return j->wants_help(); });
                job = it == open_.end() ? nullptr : *it;
                return job != nullptr;
            });
            const int participant = job->joined++;
            ++job->attached;
            lock.unlock();
            job->work(participant);
            lock.lock();
            if (--job->attached == 0) job_done_.notify_all();
        }
    }

    std::mutex mutex_;
    std::condition_variable work_available_;
    std::condition_variable job_done_;
    std::vector<Job *> open_;  // jobs whose callers have not withdrawn them yet
    int threads_started_ = 0;
};

// Never destroyed: its threads wait on its members until the process ends, and a
// destructor run at exit would pull those members from under them.
Pool &the_pool() {
    static Pool *pool = new Pool;
    return *pool;
}

}  // namespace

void run_task(index_t items, int participants, const Task &task) {
    if (items <= 0) return;
    Job job;
    job.task = task;
    job.items = items;
    job.participants = std::max(1, participants);
    the_pool().run(job);
}

int started_threads() { return the_pool().started(); }

}  // namespace fl::pool
