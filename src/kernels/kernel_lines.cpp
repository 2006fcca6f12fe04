#include "kernels/kernel_lines.hpp"

// Each entry point is compiled three times, for AVX-512, AVX2+FMA and baseline x86-64, and
// the first call picks the best the CPU has: the library is built for any x86-64, yet the
// loops below run with the widest vectors available. (GCC's target_clones("arch=...") was
// tried first: it dispatches on the CPU model, and a model it does not know, such as this
// machine's, silently gets the baseline clone.) The loops are `omp simd` (-fopenmp-simd:
// the pragma only, no OpenMP run-time) so that the reductions vectorise without
// -ffast-math.
namespace fl::kernels {
namespace {

template <KernelKind K, class T>
[[gnu::always_inline]] inline void kernel_line_of(double sigma_f2, double a, const T *b, T *line, index_t n, index_t zero_at) {
#pragma omp simd
    for (index_t j = 0; j < n; ++j) {
        double r2 = a + static_cast<double>(b[j]) + static_cast<double>(line[j]);
        r2 = r2 > 0 && j != zero_at ? r2 : 0.0;
        line[j] = static_cast<T>(sigma_f2 * kappa<K>(r2));
    }
}

template <KernelKind K, class T>
[[gnu::always_inline]] inline GradientSums gradient_line_of(double sigma_f2, double a, const T *b, const T *w, T *line,
                                     double *column_sums, index_t n, index_t zero_at) {
    double weighted = 0, total = 0;
#pragma omp simd reduction(+ : weighted, total)
    for (index_t j = 0; j < n; ++j) {
        double r2 = a + static_cast<double>(b[j]) + static_cast<double>(line[j]);
        r2 = r2 > 0 && j != zero_at ? r2 : 0.0;
        const ValueSlope v = kappa_and_slope<K>(r2);
        const double wj = static_cast<double>(w[j]);
        // The diagonal of a symmetric matrix has x = y: it adds to sigma_f's derivative only.
        const double g = j != zero_at ? wj * sigma_f2 * v.slope : 0.0;
        weighted += wj * v.value;
        const T gt = static_cast<T>(g);
        line[j] = gt;
        column_sums[j] += static_cast<double>(gt);
        total += static_cast<double>(gt);
    }
    return {weighted, total};
}


// The kind is switched on once per line, outside the loop, and everything above is inlined
// into each instruction-set version (a call out of one would run baseline code).
#define FL_FOR_KIND(kind, fn, args)                \
    switch (kind) {                                \
        case KernelKind::squared_distance:         \
            return fn<KernelKind::squared_distance> args; \
        case KernelKind::gaussian:                 \
            return fn<KernelKind::gaussian> args;  \
        case KernelKind::matern12:                 \
            return fn<KernelKind::matern12> args;  \
        case KernelKind::matern32:                 \
            return fn<KernelKind::matern32> args;  \
        case KernelKind::matern52:                 \
            break;                                 \
    }                                              \
    return fn<KernelKind::matern52> args

// The four entry points, for one instruction set.
#define FL_DEFINE_LINES(isa, target)                                                               \
    namespace isa {                                                                                \
    template <class T>                                                                             \
    target void kernel(KernelKind kind, double sigma_f2, double a, const T *b, T *line, index_t n, \
                       index_t zero_at) {                                                          \
        FL_FOR_KIND(kind, kernel_line_of, (sigma_f2, a, b, line, n, zero_at));                     \
    }                                                                                              \
    template <class T>                                                                             \
    target GradientSums gradient(KernelKind kind, double sigma_f2, double a, const T *b,           \
                                 const T *w, T *line, double *column_sums, index_t n,              \
                                 index_t zero_at) {                                                \
        FL_FOR_KIND(kind, gradient_line_of, (sigma_f2, a, b, w, line, column_sums, n, zero_at));   \
    }                                                                                              \
    }

#if defined(__x86_64__) && defined(__GNUC__)
FL_DEFINE_LINES(avx512, __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma"))))
FL_DEFINE_LINES(avx2, __attribute__((target("avx2,fma"))))
#endif
FL_DEFINE_LINES(baseline, )

template <class T> struct LineFunctions {
    decltype(&baseline::kernel<T>) kernel;
    decltype(&baseline::gradient<T>) gradient;
};

// The widest instruction set this CPU runs, decided once.
template <class T> const LineFunctions<T> &line_functions() {
    static const LineFunctions<T> chosen = [] {
#if defined(__x86_64__) && defined(__GNUC__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw"))
            return LineFunctions<T>{&avx512::kernel<T>, &avx512::gradient<T>};
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
            return LineFunctions<T>{&avx2::kernel<T>, &avx2::gradient<T>};
#endif
        return LineFunctions<T>{&baseline::kernel<T>, &baseline::gradient<T>};
    }();
    return chosen;
}

}  // namespace

template <class T>
void kernel_line(KernelKind kind, double sigma_f2, double a, const T *b, T *line, index_t n,
                 index_t zero_at) {
    line_functions<T>().kernel(kind, sigma_f2, a, b, line, n, zero_at);
}

template <class T>
GradientSums gradient_line(KernelKind kind, double sigma_f2, double a, const T *b, const T *w,
                           T *line, double *column_sums, index_t n, index_t zero_at) {
    return line_functions<T>().gradient(kind, sigma_f2, a, b, w, line, column_sums, n, zero_at);
}

template void kernel_line<float>(KernelKind, double, double, const float *, float *, index_t, index_t);
template void kernel_line<double>(KernelKind, double, double, const double *, double *, index_t, index_t);
template GradientSums gradient_line<float>(KernelKind, double, double, const float *, const float *,
                                           float *, double *, index_t, index_t);
template GradientSums gradient_line<double>(KernelKind, double, double, const double *, const double *,
                                            double *, double *, index_t, index_t);

}  // namespace fl::kernels
