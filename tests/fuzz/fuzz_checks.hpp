// What every harness asserts about every call, beyond "it returned": the status is a known one
// and never FL_ERR_INTERNAL; fl_last_error() is empty exactly when the call succeeded and
// otherwise names the function; a call given an argument known to be invalid fails; a failed
// call leaves its outputs as they were; inputs are never written. A violation is a finding:
// it is printed and the process aborts, which libFuzzer (and the replay driver) report.
#pragma once

#include "fuzz_matrix.hpp"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>

namespace flfuzz {

[[noreturn]] inline void finding(const char *format, ...) {
    va_list args;
    va_start(args, format);
    std::fputs("FUZZ FINDING: ", stderr);
    std::vfprintf(stderr, format, args);
    std::fputc('\n', stderr);
    va_end(args);
    std::abort();
}

// Checks the status of a call to `function` and returns whether it succeeded. `known_bad`:
// the harness passed an argument the header calls invalid, so the call must fail.
inline bool check_status(fl_status status, const char *function, bool known_bad = false) {
    const char *message = fl_last_error();
    if (message == nullptr) finding("%s: fl_last_error() is NULL", function);
    if (std::strcmp(fl_status_string(status), "unknown status") == 0)
        finding("%s returned the unknown status %d (%s)", function, static_cast<int>(status),
                message);
    if (status == FL_ERR_INTERNAL) finding("%s returned FL_ERR_INTERNAL: %s", function, message);
    if (status == FL_OK) {
        if (message[0] != '\0')
            finding("%s succeeded but fl_last_error() is \"%s\"", function, message);
        if (known_bad) finding("%s accepted an invalid argument", function);
        return true;
    }
    if (std::strstr(message, function) == nullptr)
        finding("%s returned %s with a message that does not name it: \"%s\"", function,
                fl_status_string(status), message);
    return false;
}

// Keeps a copy of a buffer's bytes to compare with later.
class Snapshot {
public:
    Snapshot(const void *p, size_t bytes)
        : p_(static_cast<const unsigned char *>(p)), bytes_(p_, p_ + bytes) {}
    explicit Snapshot(const Mat &m) : Snapshot(m.bytes().data(), m.bytes().size()) {}
    template <class T>
    explicit Snapshot(const std::vector<T> &v) : Snapshot(v.data(), v.size() * sizeof(T)) {}
    bool unchanged() const { return std::equal(bytes_.begin(), bytes_.end(), p_); }

private:
    const unsigned char *p_;
    std::vector<unsigned char> bytes_;
};

// After a call to `function` that returned `ok`: inputs must be unchanged, and outputs too
// when it failed.
inline void check_buffers(const char *function, bool ok,
                          std::initializer_list<const Snapshot *> inputs,
                          std::initializer_list<const Snapshot *> outputs) {
    for (const Snapshot *s : inputs)
        if (!s->unchanged()) finding("%s wrote into an input", function);
    if (!ok)
        for (const Snapshot *s : outputs)
            if (!s->unchanged())
                finding("%s failed (%s) but wrote its output", function, fl_last_error());
}

// |got - want| within tol * scale, for results checked against a naive loop.
inline void check_close(const char *function, const char *what, double got, double want, double tol,
                        double scale) {
    if (!(std::fabs(got - want) <= tol * scale))
        finding("%s: %s = %.17g but the naive loop gives %.17g (tolerance %g)", function, what, got,
                want, tol * scale);
}

}  // namespace flfuzz
