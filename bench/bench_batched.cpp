// Stacks of small matrices (docs/batched.md): fl_stack_* against what users run today on
// the same matrices in the same run -- one LAPACKE call per matrix (what numpy's stacked
// linalg does underneath, here without Python's overhead), Eigen 3.4's fixed-size and
// dynamic PartialPivLU per matrix, and copying A and B once (the memory-traffic floor).
// Every case reports items/s = matrices per second; fl_* cases run with 1 thread ("/t1")
// and with all of fl_get_num_threads() ("/tall").
//
//   build/bench/fastlinalg-batched-bench --benchmark_min_time=0.2 --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <fastlinalg/fastlinalg.h>
#include <lapacke.h>

#include <Eigen/Dense>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

template <class T>
constexpr fl_dtype dtype_of() {
    return sizeof(T) == 4 ? FL_FLOAT32 : FL_FLOAT64;
}

// count row-major n-by-n matrices with a dominant diagonal (well conditioned, pivoting still
// happens off it), or symmetric positive definite ones.
template <class T>
std::vector<T> stack(int64_t count, int64_t n, int64_t cols, bool spd, unsigned seed) {
    std::mt19937_64 gen(seed);
    std::uniform_real_distribution<double> u(-1, 1);
    std::vector<T> a(static_cast<size_t>(count * n * cols));
    for (int64_t l = 0; l < count; ++l) {
        T *m = a.data() + l * n * cols;
        for (int64_t e = 0; e < n * cols; ++e) m[e] = static_cast<T>(u(gen));
        if (cols != n) continue;
        if (spd)
            for (int64_t i = 0; i < n; ++i)
                for (int64_t j = 0; j < i; ++j) m[j * n + i] = m[i * n + j];
        for (int64_t i = 0; i < n; ++i) m[i * n + i] += static_cast<T>(spd ? n + 1 : 0.5 * n);
    }
    return a;
}

void set_threads(benchmark::State &st, int threads) {
    static const int all = fl_get_num_threads();
    fl_set_num_threads(threads == 0 ? all : threads);
    st.counters["threads"] = threads == 0 ? all : threads;
}

void finish(benchmark::State &st, int64_t count) {
    st.SetItemsProcessed(st.iterations() * count);
    st.counters["ns_per_matrix"] = benchmark::Counter(
        static_cast<double>(count),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

enum class Op {
    solve,
    inverse,
    slogdet,
    cholesky_solve,
    cholesky,
    eigh
};

template <class T>
void fl_stack(benchmark::State &st, Op op, int64_t count, int64_t n, int threads) {
    const bool spd = op == Op::cholesky_solve || op == Op::cholesky || op == Op::eigh;
    const std::vector<T> a = stack<T>(count, n, n, spd, 1), b = stack<T>(count, n, 1, false, 2);
    std::vector<T> x(static_cast<size_t>(count * n * n));
    std::vector<double> s(static_cast<size_t>(count)), d(static_cast<size_t>(count));
    std::vector<T> w(static_cast<size_t>(count * n));
    std::vector<int32_t> info(static_cast<size_t>(count));
    set_threads(st, threads);
    const fl_dtype t = dtype_of<T>();
    for (auto _ : st) {
        fl_status r = FL_OK;
        switch (op) {
            case Op::solve:
                r = fl_stack_solve(t, FL_ROW_MAJOR, count, n, a.data(), n, n * n, 1, b.data(), 1, n,
                                   x.data(), 1, n, info.data());
                break;
            case Op::inverse:
                r = fl_stack_inverse(t, FL_ROW_MAJOR, count, n, a.data(), n, n * n, x.data(), n,
                                     n * n, info.data());
                break;
            case Op::slogdet:
                r = fl_stack_slogdet(t, FL_ROW_MAJOR, count, n, a.data(), n, n * n, s.data(),
                                     d.data(), info.data());
                break;
            case Op::cholesky_solve:
                r = fl_stack_cholesky_solve(t, FL_ROW_MAJOR, count, n, a.data(), n, n * n, FL_LOWER,
                                            1, b.data(), 1, n, x.data(), 1, n, info.data());
                break;
            case Op::cholesky:
                r = fl_stack_cholesky(t, FL_ROW_MAJOR, count, n, a.data(), n, n * n, FL_LOWER,
                                      x.data(), n, n * n, info.data());
                break;
            case Op::eigh:
                r = fl_stack_eigh(t, FL_ROW_MAJOR, count, n, a.data(), n, n * n, FL_LOWER,
                                  w.data(), n, x.data(), n, n * n, info.data());
                break;
        }
        if (r != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    fl_set_num_threads(0);
    finish(st, count);
}

// One LAPACKE call (or two) per matrix on a column-major copy, as numpy's stacked linalg
// does underneath, on one thread.
void lapacke_loop(benchmark::State &st, Op op, int64_t count, int64_t n) {
    const bool spd = op == Op::cholesky_solve || op == Op::cholesky || op == Op::eigh;
    const std::vector<double> a = stack<double>(count, n, n, spd, 1),
                              b = stack<double>(count, n, 1, false, 2);
    std::vector<double> f(static_cast<size_t>(n * n)), x(static_cast<size_t>(count * n * n)),
        w(static_cast<size_t>(n));
    std::vector<double> work(static_cast<size_t>(std::max<int64_t>(1 + 6 * n + 2 * n * n, 64 * n)));
    std::vector<lapack_int> ipiv(static_cast<size_t>(n)), iwork(static_cast<size_t>(3 + 5 * n));
    const auto N = static_cast<lapack_int>(n);
    fl_set_num_threads(1);
    for (auto _ : st) {
        for (int64_t l = 0; l < count; ++l) {
            std::memcpy(f.data(), a.data() + l * n * n,
                        f.size() * sizeof(double));  // A^T: fine for the cost
            double *xl = x.data() + l * n;
            switch (op) {
                case Op::solve:
                    std::memcpy(xl, b.data() + l * n, static_cast<size_t>(n) * sizeof(double));
                    LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, N, N, f.data(), N, ipiv.data());
                    LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, 'N', N, 1, f.data(), N, ipiv.data(), xl,
                                        N);
                    break;
                case Op::inverse:
                    LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, N, N, f.data(), N, ipiv.data());
                    LAPACKE_dgetri_work(LAPACK_COL_MAJOR, N, f.data(), N, ipiv.data(), work.data(),
                                        static_cast<lapack_int>(work.size()));
                    std::memcpy(x.data() + l * n * n, f.data(), f.size() * sizeof(double));
                    break;
                case Op::slogdet:
                    LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, N, N, f.data(), N, ipiv.data());
                    x[static_cast<size_t>(l)] = f[0];
                    break;
                case Op::cholesky_solve:
                    std::memcpy(xl, b.data() + l * n, static_cast<size_t>(n) * sizeof(double));
                    LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', N, f.data(), N);
                    LAPACKE_dpotrs_work(LAPACK_COL_MAJOR, 'L', N, 1, f.data(), N, xl, N);
                    break;
                case Op::cholesky:
                    LAPACKE_dpotrf_work(LAPACK_COL_MAJOR, 'L', N, f.data(), N);
                    std::memcpy(x.data() + l * n * n, f.data(), f.size() * sizeof(double));
                    break;
                case Op::eigh:
                    LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, 'V', 'L', N, f.data(), N, w.data(),
                                        work.data(), static_cast<lapack_int>(work.size()),
                                        iwork.data(), static_cast<lapack_int>(iwork.size()));
                    std::memcpy(x.data() + l * n * n, f.data(), f.size() * sizeof(double));
                    break;
            }
        }
        benchmark::ClobberMemory();
    }
    fl_set_num_threads(0);
    finish(st, count);
}

// Eigen 3.4 PartialPivLU per matrix: fixed-size (N > 0) or dynamic (N = 0).
template <int N>
void eigen_solve(benchmark::State &st, int64_t count, int64_t n) {
    const std::vector<double> a = stack<double>(count, n, n, false, 1),
                              b = stack<double>(count, n, 1, false, 2);
    std::vector<double> x(static_cast<size_t>(count * n));
    constexpr int R = N > 0 ? N : Eigen::Dynamic;
    using M = Eigen::Matrix<double, R, R, N == 1 ? Eigen::ColMajor : Eigen::RowMajor>;
    using V = Eigen::Matrix<double, R, 1>;
    for (auto _ : st) {
        for (int64_t l = 0; l < count; ++l) {
            const Eigen::Map<const M> al(a.data() + l * n * n, n, n);
            const Eigen::Map<const V> bl(b.data() + l * n, n);
            Eigen::Map<V> xl(x.data() + l * n, n);
            xl = Eigen::PartialPivLU<M>(al).solve(bl);
        }
        benchmark::ClobberMemory();
    }
    finish(st, count);
}

// Copying A and b once: the floor any stack solve that reads and writes memory pays.
void copy_once(benchmark::State &st, int64_t count, int64_t n) {
    const std::vector<double> a = stack<double>(count, n, n, false, 1),
                              b = stack<double>(count, n, 1, false, 2);
    std::vector<double> ca(a.size()), cb(b.size());
    for (auto _ : st) {
        std::memcpy(ca.data(), a.data(), a.size() * sizeof(double));
        std::memcpy(cb.data(), b.data(), b.size() * sizeof(double));
        benchmark::ClobberMemory();
    }
    finish(st, count);
}

// One small matrix through the fl_factor API: create + solve one b + destroy.
void fl_factor_one(benchmark::State &st, int64_t n) {
    const std::vector<double> a = stack<double>(1, n, n, false, 1),
                              b = stack<double>(1, n, 1, false, 2);
    std::vector<double> x(static_cast<size_t>(n));
    fl_set_num_threads(1);
    for (auto _ : st) {
        fl_factor *f = nullptr;
        fl_status s = fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_ROW_MAJOR, n, n, a.data(),
                                       n, nullptr);
        if (s == FL_OK)
            s = fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, 1, FL_ROW_MAJOR, b.data(), 1,
                                FL_ROW_MAJOR, x.data(), 1);
        fl_factor_destroy(f);
        if (s != FL_OK) {
            st.SkipWithError(fl_last_error());
            break;
        }
        benchmark::ClobberMemory();
    }
    fl_set_num_threads(0);
    finish(st, 1);
}

const char *op_name(Op op) {
    switch (op) {
        case Op::solve:
            return "solve";
        case Op::inverse:
            return "inv";
        case Op::slogdet:
            return "slogdet";
        case Op::cholesky_solve:
            return "cholesky_solve";
        case Op::cholesky:
            return "cholesky";
        case Op::eigh:
            return "eigh";
    }
    return "?";
}

void add(const std::string &name, std::function<void(benchmark::State &)> f) {
    benchmark::RegisterBenchmark(name.c_str(), [f](benchmark::State &st) { f(st); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
}

void register_all() {
    struct Case {
        int64_t count, n;
    };
    const Case solve_cases[] = {{1000000, 3}, {100000, 8}, {10000, 16},
                                {1000, 32},   {1000, 64},  {1000, 128}};
    for (Op op : {Op::solve, Op::inverse, Op::slogdet, Op::cholesky_solve, Op::cholesky, Op::eigh})
        for (const Case c : solve_cases) {
            if (op == Op::eigh && c.n > 16) continue;
            const int64_t count = op == Op::eigh || op == Op::inverse ? c.count / 10 : c.count;
            const std::string tag =
                std::string(op_name(op)) + "/" + std::to_string(count) + "x" + std::to_string(c.n);
            add("fl_f64/" + tag + "/t1",
                [=](benchmark::State &st) { fl_stack<double>(st, op, count, c.n, 1); });
            add("fl_f64/" + tag + "/tall",
                [=](benchmark::State &st) { fl_stack<double>(st, op, count, c.n, 0); });
            if (op != Op::eigh && op != Op::inverse && c.n <= 16)
                add("fl_f32/" + tag + "/t1",
                    [=](benchmark::State &st) { fl_stack<float>(st, op, count, c.n, 1); });
            add("lapacke/" + tag, [=](benchmark::State &st) { lapacke_loop(st, op, count, c.n); });
        }
    for (const Case c : solve_cases) {
        const std::string tag = "solve/" + std::to_string(c.count) + "x" + std::to_string(c.n);
        add("copy_once/" + tag, [=](benchmark::State &st) { copy_once(st, c.count, c.n); });
        add("eigen_dynamic/" + tag,
            [=](benchmark::State &st) { eigen_solve<0>(st, c.count, c.n); });
    }
    add("eigen_fixed/solve/1000000x3",
        [](benchmark::State &st) { eigen_solve<3>(st, 1000000, 3); });
    add("eigen_fixed/solve/100000x8", [](benchmark::State &st) { eigen_solve<8>(st, 100000, 8); });
    // One matrix at a time, each n next to its peers (run these with
    // --benchmark_enable_random_interleaving=true on a loaded machine).
    for (int64_t n : {2, 3, 4, 8, 16, 32, 64, 100, 128, 256}) {
        const std::string tag = std::to_string(n);
        add("fl_factor_one/lu/" + tag, [=](benchmark::State &st) { fl_factor_one(st, n); });
        add("lapacke_one/lu/" + tag,
            [=](benchmark::State &st) { lapacke_loop(st, Op::solve, 1, n); });
        add("eigen_dynamic_one/lu/" + tag,
            [=](benchmark::State &st) { eigen_solve<0>(st, 1, n); });
    }
    add("eigen_fixed_one/lu/2", [](benchmark::State &st) { eigen_solve<2>(st, 1, 2); });
    add("eigen_fixed_one/lu/3", [](benchmark::State &st) { eigen_solve<3>(st, 1, 3); });
    add("eigen_fixed_one/lu/4", [](benchmark::State &st) { eigen_solve<4>(st, 1, 4); });
    add("eigen_fixed_one/lu/8", [](benchmark::State &st) { eigen_solve<8>(st, 1, 8); });
}

}  // namespace

int main(int argc, char **argv) {
    register_all();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
