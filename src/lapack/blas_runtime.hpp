// What the BLAS underneath is, how many threads it uses, and the one place that decides
// when a computation is too small to be worth them.
#pragma once

#include "core/types.hpp"

namespace fl::blas {

const char *config();    // the BLAS library's description of its build
const char *core_name(); // the CPU kernel set it chose at run time
int num_threads();       // what the user asked for (not the temporary 1 of a serial region)
void set_num_threads(int n);
// The most threads the BLAS can use: OpenBLAS's MAX_THREADS build setting, which its
// configuration string names (it silently uses no more than that whatever it is asked).
int max_threads();

// Runs the enclosing scope's BLAS calls on one thread when `small` is true, and is a no-op
// otherwise. OpenBLAS's thread count is process-wide, so concurrent serial regions share
// one switch: the first to open sets one thread, the last to close restores the count the
// user asked for. Another thread's large call made meanwhile runs on one thread too: that
// costs it time, never correctness.
//
// Why: on 2 cores, OpenBLAS 0.3.21 threads getrf from n = 100 and potrf at every size,
// and below n ~ 400 the threads cost more than they give (getrf+getrs at n = 100 with 10
// right-hand sides: 53 us on one thread, 65 us on two; docs/design.md has the table).
class SerialRegion {
public:
    explicit SerialRegion(bool small);
    ~SerialRegion();
    SerialRegion(const SerialRegion &) = delete;
    SerialRegion &operator=(const SerialRegion &) = delete;

private:
    bool active_;
};

// Factorizations of order below this run in a SerialRegion (measured, see above).
constexpr index_t serial_factor_order = 400;
// Solves with n^2 * nrhs below this run in a SerialRegion: about where OpenBLAS's own
// GEMM starts to thread (64^3), and where waking the second thread for the triangular
// solves stops costing more than it gives (n = 100 with 10 right-hand sides: 12 us on
// one thread, 19 us on two, right after a serial factorization).
constexpr double serial_solve_work = 262144;  // 2^18

}  // namespace fl::blas
