// Saving and loading a factor against making it again: fl_factor_create (the cost a saved
// factor avoids) next to fl_factor_serialize into a kept buffer and fl_factor_deserialize
// (+ destroy), for the kinds whose factorizations cost most. Ops save_<kind>_f64; variants
// factor, serialize, deserialize.
#include "bench_cases.h"
#include "bench_data.h"

#include <fastlinalg/fastlinalg.h>

#include <vector>

namespace flbench {
namespace {

fl_factor *made(benchmark::State &st, fl_factor_kind kind, int64_t n) {
    const std::vector<double> &a =
        kind == FL_FACTOR_LU ? general_matrix<double>(n, false) : spd_matrix<double>(n);
    fl_factor *f = nullptr;
    if (fl_factor_create(&f, kind, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, nullptr) != FL_OK)
        st.SkipWithError(fl_last_error());
    return f;
}

void factor(benchmark::State &st, fl_factor_kind kind, int64_t n) {
    for (auto _ : st) {
        fl_factor *f = made(st, kind, n);
        fl_factor_destroy(f);
        if (f == nullptr) break;
    }
}

void serialize(benchmark::State &st, fl_factor_kind kind, int64_t n) {
    fl_factor *f = made(st, kind, n);
    int64_t size = 0;
    if (f == nullptr || fl_factor_serialized_size(f, &size) != FL_OK) return;
    std::vector<unsigned char> bytes(static_cast<size_t>(size));
    for (auto _ : st) {
        if (fl_factor_serialize(f, bytes.data(), size) != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) * size);
    fl_factor_destroy(f);
}

void deserialize(benchmark::State &st, fl_factor_kind kind, int64_t n) {
    fl_factor *f = made(st, kind, n);
    int64_t size = 0;
    if (f == nullptr || fl_factor_serialized_size(f, &size) != FL_OK) return;
    std::vector<unsigned char> bytes(static_cast<size_t>(size));
    fl_factor_serialize(f, bytes.data(), size);
    fl_factor_destroy(f);
    for (auto _ : st) {
        fl_factor *g = nullptr;
        if (fl_factor_deserialize(&g, bytes.data(), size) != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        fl_factor_destroy(g);
    }
    st.SetBytesProcessed(static_cast<int64_t>(st.iterations()) * size);
}

}  // namespace

void register_save_load_benchmarks() {
    const struct {
        const char *op;
        fl_factor_kind kind;
    } kinds[] = {{"save_lu_f64", FL_FACTOR_LU},
                 {"save_chol_f64", FL_FACTOR_CHOLESKY},
                 {"save_svd_f64", FL_FACTOR_SVD}};
    for (const auto &k : kinds)
        for (int64_t n : {500, 2000}) {
            const auto add = [&](const char *variant,
                                 void (*fn)(benchmark::State &, fl_factor_kind, int64_t)) {
                const fl_factor_kind kind = k.kind;
                benchmark::RegisterBenchmark(case_name(k.op, variant, n, 0).c_str(),
                                             [=](benchmark::State &st) { fn(st, kind, n); })
                    ->UseRealTime()
                    ->Unit(benchmark::kMillisecond)
                    ->ComputeStatistics("min", min_of);
            };
            add("factor", factor);
            add("serialize", serialize);
            add("deserialize", deserialize);
        }
}

}  // namespace flbench
