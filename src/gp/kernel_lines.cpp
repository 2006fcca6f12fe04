#include "gp/kernel_lines.hpp"

#include "core/instruction_set.hpp"

// Each entry point is compiled three times, for AVX-512, AVX2+FMA and baseline x86-64, and
// the first call picks the best the CPU has: the library is built for any x86-64, yet the
// loops below run with the widest vectors available. (GCC's target_clones("arch=...") was
// tried first: it dispatches on the CPU model, and a model it does not know, such as this
// machine's, silently gets the baseline clone.) The loops are `omp simd` (-fopenmp-simd:
// the pragma only, no OpenMP run-time) so that the reductions vectorise without
// -ffast-math.
namespace fl::kernels {
namespace {

// r2[j] for the line's points, into a buffer that stays in L1. The direct route runs one
// vector loop per dimension, adding that coordinate's squared differences.
template <bool Direct, class T>
[[gnu::always_inline]] inline void squared_distances(const LineOperands<T> &o, const T *line,
                                                     double *r2) {
    if constexpr (Direct) {
        const T *along = o.along;
        const double f0 = static_cast<double>(o.fixed[0]);
#pragma omp simd
        for (index_t j = 0; j < o.n; ++j) {
            const double t = f0 - static_cast<double>(along[j]);
            r2[j] = t * t;
        }
        for (index_t d = 1; d < o.dim; ++d) {
            const double f = static_cast<double>(o.fixed[d]);
            along += o.stride;
#pragma omp simd
            for (index_t j = 0; j < o.n; ++j) {
                const double t = f - static_cast<double>(along[j]);
                r2[j] += t * t;
            }
        }
    } else {
#pragma omp simd
        for (index_t j = 0; j < o.n; ++j) {
            const double s = o.a + static_cast<double>(o.b[j]) + static_cast<double>(line[j]);
            r2[j] = s > 0 ? s : 0.0;  // negative round-off is clamped
        }
    }
    if (o.zero_at >= 0 && o.zero_at < o.n) r2[o.zero_at] = 0.0;
}

template <KernelKind K, bool Direct, class T>
[[gnu::always_inline]] inline void kernel_line_of(double sigma_f2, const LineOperands<T> &o,
                                                  T *line) {
    double r2[max_line_length];
    squared_distances<Direct>(o, line, r2);
#pragma omp simd
    for (index_t j = 0; j < o.n; ++j) line[j] = static_cast<T>(sigma_f2 * kappa<K>(r2[j]));
}

template <KernelKind K, bool Direct, class T>
[[gnu::always_inline]] inline GradientSums gradient_line_of(double sigma_f2,
                                                            const LineOperands<T> &o, const T *w,
                                                            T *line, double *column_sums) {
    double r2[max_line_length];
    squared_distances<Direct>(o, line, r2);
    double weighted = 0, total = 0;
#pragma omp simd reduction(+ : weighted, total)
    for (index_t j = 0; j < o.n; ++j) {
        const ValueSlope v = kappa_and_slope<K>(r2[j]);
        const double wj = static_cast<double>(w[j]);
        // The diagonal of a symmetric matrix has x = y: it adds to sigma_f's derivative only.
        const T g = static_cast<T>(j != o.zero_at ? wj * sigma_f2 * v.slope : 0.0);
        weighted += wj * v.value;
        line[j] = g;
        column_sums[j] += static_cast<double>(g);
        total += static_cast<double>(g);
    }
    return {weighted, total};
}

// The kind is switched on once per line, outside the loop, and everything above is inlined
// into each instruction-set version (a call out of one would run baseline code).
#define FL_FOR_KIND(kind, fn, direct, args)                       \
    switch (kind) {                                               \
        case KernelKind::squared_distance:                        \
            return fn<KernelKind::squared_distance, direct> args; \
        case KernelKind::gaussian:                                \
            return fn<KernelKind::gaussian, direct> args;         \
        case KernelKind::matern12:                                \
            return fn<KernelKind::matern12, direct> args;         \
        case KernelKind::matern32:                                \
            return fn<KernelKind::matern32, direct> args;         \
        case KernelKind::matern52:                                \
            break;                                                \
    }                                                             \
    return fn<KernelKind::matern52, direct> args

// The two entry points, for one instruction set.
#define FL_DEFINE_LINES(isa, target)                                                          \
    namespace isa {                                                                           \
    template <class T>                                                                        \
    target void kernel(KernelKind kind, double sigma_f2, const LineOperands<T> &o, T *line) { \
        if (o.fixed != nullptr) {                                                             \
            FL_FOR_KIND(kind, kernel_line_of, true, (sigma_f2, o, line));                     \
        }                                                                                     \
        FL_FOR_KIND(kind, kernel_line_of, false, (sigma_f2, o, line));                        \
    }                                                                                         \
    template <class T>                                                                        \
    target GradientSums gradient(KernelKind kind, double sigma_f2, const LineOperands<T> &o,  \
                                 const T *w, T *line, double *column_sums) {                  \
        if (o.fixed != nullptr) {                                                             \
            FL_FOR_KIND(kind, gradient_line_of, true, (sigma_f2, o, w, line, column_sums));   \
        }                                                                                     \
        FL_FOR_KIND(kind, gradient_line_of, false, (sigma_f2, o, w, line, column_sums));      \
    }                                                                                         \
    }

#if defined(__x86_64__) && defined(__GNUC__)
FL_DEFINE_LINES(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma"))))
FL_DEFINE_LINES(avx2, __attribute__((target("avx2,fma"))))
#endif
FL_DEFINE_LINES(baseline, )

template <class T>
struct LineFunctions {
    decltype(&baseline::kernel<T>) kernel;
    decltype(&baseline::gradient<T>) gradient;
};

// The widest instruction set this CPU runs, decided once.
template <class T>
const LineFunctions<T> &line_functions() {
    static const LineFunctions<T> chosen = [] {
#if defined(__x86_64__) && defined(__GNUC__)
        if (best_instruction_set() == InstructionSet::avx512)
            return LineFunctions<T>{&avx512::kernel<T>, &avx512::gradient<T>};
        if (best_instruction_set() == InstructionSet::avx2)
            return LineFunctions<T>{&avx2::kernel<T>, &avx2::gradient<T>};
#endif
        return LineFunctions<T>{&baseline::kernel<T>, &baseline::gradient<T>};
    }();
    return chosen;
}

}  // namespace

template <class T>
void kernel_line(KernelKind kind, double sigma_f2, const LineOperands<T> &o, T *line) {
    line_functions<T>().kernel(kind, sigma_f2, o, line);
}

template <class T>
GradientSums gradient_line(KernelKind kind, double sigma_f2, const LineOperands<T> &o, const T *w,
                           T *line, double *column_sums) {
    return line_functions<T>().gradient(kind, sigma_f2, o, w, line, column_sums);
}

template void kernel_line<float>(KernelKind, double, const LineOperands<float> &, float *);
template void kernel_line<double>(KernelKind, double, const LineOperands<double> &, double *);
template GradientSums gradient_line<float>(KernelKind, double, const LineOperands<float> &,
                                           const float *, float *, double *);
template GradientSums gradient_line<double>(KernelKind, double, const LineOperands<double> &,
                                            const double *, double *, double *);

}  // namespace fl::kernels
