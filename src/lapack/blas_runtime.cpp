#include "lapack/blas_runtime.hpp"

#include <cstdlib>
#include <cstring>
#include <mutex>

// OpenBLAS's own run-time controls. Declared here rather than taken from its cblas.h so
// that this file alone names them.
extern "C" {
char *openblas_get_config(void);
char *openblas_get_corename(void);
int openblas_get_num_threads(void);
void openblas_set_num_threads(int num_threads);
}

namespace fl::blas {
namespace {

struct ThreadSwitch {
    std::mutex mutex;
    int open_regions = 0;  // serial regions open now, in any thread
    int requested = 0;     // the count to restore when the last one closes
};

ThreadSwitch &thread_switch() {
    static ThreadSwitch s;
    return s;
}

}  // namespace

const char *config() { return openblas_get_config(); }

int max_threads() {
    // A build that does not name its maximum gets a generous bound of our own.
    constexpr long unnamed = 1024;
    const char *c = config();
    const char *at = c != nullptr ? std::strstr(c, "MAX_THREADS=") : nullptr;
    if (at == nullptr) return unnamed;
    const long value = std::strtol(at + std::strlen("MAX_THREADS="), nullptr, 10);
    return value >= 1 && value <= unnamed ? static_cast<int>(value) : static_cast<int>(unnamed);
}
const char *core_name() { return openblas_get_corename(); }

int num_threads() {
    ThreadSwitch &s = thread_switch();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.open_regions > 0 ? s.requested : openblas_get_num_threads();
}

void set_num_threads(int n) {
    ThreadSwitch &s = thread_switch();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.open_regions > 0) {
        s.requested = n;  // applied when the last serial region closes
    } else {
        openblas_set_num_threads(n);
    }
}

SerialRegion::SerialRegion(bool small) : active_(small) {
    if (!active_) return;
    ThreadSwitch &s = thread_switch();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.open_regions++ == 0) {
        s.requested = openblas_get_num_threads();
        if (s.requested > 1) openblas_set_num_threads(1);
    }
}

SerialRegion::~SerialRegion() {
    if (!active_) return;
    ThreadSwitch &s = thread_switch();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (--s.open_regions == 0 && s.requested > 1) openblas_set_num_threads(s.requested);
}

}  // namespace fl::blas
