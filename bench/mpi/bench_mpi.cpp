// Benchmarks of libfastlinalg_mpi (docs/scale.md has the commands and the numbers):
//
//   mpirun -np 2 bench_mpi overhead N NRHS REPS  fastlinalg_mpi vs raw pdgetrf/pdgetrs and
//                                                pdpotrf/pdpotrs on the same distribution
//   mpirun -np P bench_mpi engine NMAX NRHS REPS [BLOCK]  distributed (BLOCK 0: default)
//                                                vs single-process fastlinalg (rank 0) for
//                                                n = NMAX/8 .. NMAX; crossover
//   mpirun -np 2 bench_mpi sparse M NRHS REPS    MUMPS vs single-process CHOLMOD on the 2-D
//                                                Laplacian of an M-by-M grid; refactor vs fresh
//   mpirun -np P bench_mpi memory N              peak memory per rank of an N-by-N LU
//
// Compared runs are interleaved (ours, theirs, ours, ...) and medians reported; times are
// the slowest rank's. The matrix is A(i, j) = u(min(i,j), max(i,j)) + n [i = j] with u
// uniform in [-1, 1): symmetric, diagonally dominant, so LU and Cholesky both apply.
#include <fastlinalg/fastlinalg.h>
#include <fastlinalg/fastlinalg_mpi.h>
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "mpi/src/scalapack/scalapack.hpp"

namespace {

int rank_ = 0, size_ = 1;

double element(int64_t i, int64_t j, int64_t n) {
    uint64_t h = static_cast<uint64_t>(std::min(i, j)) * 0x9E3779B97F4A7C15ull ^
                 static_cast<uint64_t>(std::max(i, j));
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    return static_cast<double>(h >> 11) / 9007199254740992.0 * 2 - 1 +
           (i == j ? static_cast<double>(n) : 0.0);
}

void die(const char *what) {
    std::fprintf(stderr, "[rank %d] %s: %s\n", rank_, what, fl_mpi_last_error());
    MPI_Abort(MPI_COMM_WORLD, 1);
}
void check(fl_status s, const char *what) {
    if (s != FL_OK) die(what);
}

// Seconds of body on the slowest rank, all ranks starting together.
double timed(const std::function<void()> &body) {
    MPI_Barrier(MPI_COMM_WORLD);
    const auto start = std::chrono::steady_clock::now();
    body();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MPI_Allreduce(MPI_IN_PLACE, &seconds, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    return seconds;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// This rank's block-cyclic piece of element() (rows x cols), column-major.
std::vector<double> local_piece(const fl_mpi_context *c, const fl_mpi_matrix *m, int64_t n,
                                bool rhs) {
    int64_t nprow, npcol, myrow, mycol, mb, nb, lr, lc;
    fl_mpi_context_grid(c, &nprow, &npcol, &myrow, &mycol);
    fl_mpi_matrix_shape(m, nullptr, nullptr, &mb, &nb, &lr, &lc);
    const int64_t ld = std::max<int64_t>(1, lr);
    std::vector<double> piece(static_cast<size_t>(ld * lc));
    for (int64_t lj = 0; lj < lc; ++lj) {
        const int64_t j = ((lj / nb) * npcol + mycol) * nb + lj % nb;
        for (int64_t li = 0; li < lr; ++li) {
            const int64_t i = ((li / mb) * nprow + myrow) * mb + li % mb;
            piece[li + lj * ld] = rhs ? element(i, j + n, n) : element(i, j, n);
        }
    }
    return piece;
}

struct Dist {
    fl_mpi_matrix *m = nullptr;
    std::vector<double> piece;
    int64_t ld = 1;
};

Dist make(const fl_mpi_context *c, int64_t rows, int64_t cols, int64_t block, int64_t n, bool rhs) {
    Dist d;
    check(fl_mpi_matrix_create(&d.m, c, FL_FLOAT64, rows, cols, block, block), "create");
    d.piece = local_piece(c, d.m, n, rhs);
    int64_t lr = 0;
    fl_mpi_matrix_shape(d.m, nullptr, nullptr, nullptr, nullptr, &lr, nullptr);
    d.ld = std::max<int64_t>(1, lr);
    check(fl_mpi_matrix_set_local(d.m, FL_FLOAT64, d.piece.data(), d.ld), "set_local");
    return d;
}

// fastlinalg_mpi: factor (consuming A) and solve into X.
double ours(const fl_mpi_context *c, fl_factor_kind kind, int64_t n, int64_t nrhs, int64_t block) {
    Dist a = make(c, n, n, block, n, false), b = make(c, n, nrhs, block, n, true);
    fl_mpi_matrix *x = nullptr;
    check(fl_mpi_matrix_create(&x, c, FL_FLOAT64, n, nrhs, block, block), "create x");
    fl_mpi_factor *f = nullptr;
    const double t = timed([&] {
        check(fl_mpi_factor_create(&f, kind, a.m, 1), "factor");
        check(fl_mpi_factor_solve(f, FL_NO_TRANS, b.m, x), "solve");
    });
    fl_mpi_factor_destroy(f);
    fl_mpi_matrix_destroy(x);
    fl_mpi_matrix_destroy(b.m);
    fl_mpi_matrix_destroy(a.m);
    return t;
}

// Raw ScaLAPACK on the same pieces and descriptors: pdgetrf + pdgetrs or pdpotrf + pdpotrs.
double raw(const fl_mpi_context *c, int blacs, fl_factor_kind kind, int64_t n, int64_t nrhs,
           int64_t block) {
    Dist a = make(c, n, n, block, n, false), b = make(c, n, nrhs, block, n, true);
    fl_mpi_matrix_destroy(a.m);
    fl_mpi_matrix_destroy(b.m);
    const int ni = static_cast<int>(n), ki = static_cast<int>(nrhs), nb = static_cast<int>(block),
              zero = 0, one = 1;
    const int lda = static_cast<int>(a.ld), ldb = static_cast<int>(b.ld);
    int desca[9], descb[9], info = 0;
    descinit_(desca, &ni, &ni, &nb, &nb, &zero, &zero, &blacs, &lda, &info);
    descinit_(descb, &ni, &ki, &nb, &nb, &zero, &zero, &blacs, &ldb, &info);
    std::vector<int> ipiv(static_cast<size_t>(a.ld + nb));
    return timed([&] {
        if (kind == FL_FACTOR_LU) {
            pdgetrf_(&ni, &ni, a.piece.data(), &one, &one, desca, ipiv.data(), &info);
            pdgetrs_("N", &ni, &ki, a.piece.data(), &one, &one, desca, ipiv.data(), b.piece.data(),
                     &one, &one, descb, &info);
        } else {
            pdpotrf_("L", &ni, a.piece.data(), &one, &one, desca, &info);
            pdpotrs_("L", &ni, &ki, a.piece.data(), &one, &one, desca, b.piece.data(), &one, &one,
                     descb, &info);
        }
        if (info != 0) MPI_Abort(MPI_COMM_WORLD, 2);
    });
}

void overhead(int64_t n, int64_t nrhs, int reps) {
    fl_mpi_context *c = nullptr;
    check(fl_mpi_context_create(&c, MPI_Comm_c2f(MPI_COMM_WORLD), 0, 0), "context");
    int64_t nprow, npcol;
    fl_mpi_context_grid(c, &nprow, &npcol, nullptr, nullptr);
    // The raw calls get a BLACS grid of their own, of the same shape.
    int blacs = Csys2blacs_handle(MPI_COMM_WORLD);
    Cblacs_gridinit(&blacs, "Row", static_cast<int>(nprow), static_cast<int>(npcol));
    const int64_t block = 64;
    if (rank_ == 0)
        std::printf("overhead: n = %lld, nrhs = %lld, %dx%d grid, block %lld, %d reps (median)\n",
                    (long long)n, (long long)nrhs, (int)nprow, (int)npcol, (long long)block, reps);
    for (fl_factor_kind kind : {FL_FACTOR_LU, FL_FACTOR_CHOLESKY}) {
        std::vector<double> t_ours, t_raw;
        for (int r = 0; r < reps; ++r) {
            t_ours.push_back(ours(c, kind, n, nrhs, block));
            t_raw.push_back(raw(c, blacs, kind, n, nrhs, block));
        }
        if (rank_ == 0)
            std::printf("  %-9s fastlinalg_mpi %8.3f s   raw ScaLAPACK %8.3f s   ratio %.3f\n",
                        kind == FL_FACTOR_LU ? "LU" : "Cholesky", median(t_ours), median(t_raw),
                        median(t_ours) / median(t_raw));
    }
    Cblacs_gridexit(blacs);
    fl_mpi_context_destroy(c);
}

// Rank 0 alone through libfastlinalg, on the same matrix held whole.
double single_process(int64_t n, int64_t nrhs) {
    std::vector<double> a(static_cast<size_t>(n * n)), b(static_cast<size_t>(n * nrhs)),
        x(b.size());
    for (int64_t j = 0; j < n; ++j)
        for (int64_t i = 0; i < n; ++i) a[i + j * n] = element(i, j, n);
    for (int64_t j = 0; j < nrhs; ++j)
        for (int64_t i = 0; i < n; ++i) b[i + j * n] = element(i, j + n, n);
    fl_factor *f = nullptr;
    const auto start = std::chrono::steady_clock::now();
    if (fl_factor_create(&f, FL_FACTOR_LU, FL_FLOAT64, FL_COL_MAJOR, n, n, a.data(), n, nullptr) !=
            FL_OK ||
        fl_factor_solve(f, FL_NO_TRANS, FL_FLOAT64, nrhs, FL_COL_MAJOR, b.data(), n, FL_COL_MAJOR,
                        x.data(), n) != FL_OK)
        MPI_Abort(MPI_COMM_WORLD, 3);
    const double t =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fl_factor_destroy(f);
    return t;
}

void engine(int64_t nmax, int64_t nrhs, int reps, int64_t block) {
    fl_mpi_context *c = nullptr;
    check(fl_mpi_context_create(&c, MPI_Comm_c2f(MPI_COMM_WORLD), 0, 0), "context");
    if (rank_ == 0)
        std::printf(
            "engine: LU factor + solve (%lld rhs), %d ranks vs single-process fastlinalg on rank 0 "
            "(BLAS %s), %d reps (median)\n",
            (long long)nrhs, size_, fl_blas_core(), reps);
    int64_t crossover = -1;
    for (int64_t n = nmax / 8; n <= nmax; n *= 2) {
        std::vector<double> t_dist, t_single;
        for (int r = 0; r < reps; ++r) {
            t_dist.push_back(ours(c, FL_FACTOR_LU, n, nrhs, block));
            double t = rank_ == 0 ? single_process(n, nrhs) : 0;
            MPI_Bcast(&t, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
            t_single.push_back(t);
        }
        const double d = median(t_dist), s = median(t_single);
        if (crossover < 0 && d < s) crossover = n;
        if (rank_ == 0)
            std::printf("  n = %6lld  distributed %8.3f s   single-process %8.3f s   ratio %.3f\n",
                        (long long)n, d, s, d / s);
    }
    if (rank_ == 0) {
        if (crossover > 0)
            std::printf("  crossover: distributed is faster from n = %lld\n", (long long)crossover);
        else
            std::printf("  crossover: none up to n = %lld on %d ranks\n", (long long)nmax, size_);
    }
    fl_mpi_context_destroy(c);
}

// The 5-point Laplacian of an m-by-m grid: the lower triangle (for MUMPS, distributed by
// rows over the ranks) and the full CSC (for CHOLMOD on rank 0).
void sparse(int64_t m, int64_t nrhs, int reps) {
    const int64_t n = m * m;
    std::vector<int64_t> rows, cols;
    std::vector<double> values;
    for (int64_t k = rank_; k < n; k += size_) {
        rows.push_back(k), cols.push_back(k), values.push_back(4);
        if (k % m > 0) rows.push_back(k), cols.push_back(k - 1), values.push_back(-1);
        if (k >= m) rows.push_back(k), cols.push_back(k - m), values.push_back(-1);
    }
    fl_mpi_context *c = nullptr;
    check(fl_mpi_context_create(&c, MPI_Comm_c2f(MPI_COMM_WORLD), 0, 0), "context");
    std::vector<double> bx(rank_ == 0 ? static_cast<size_t>(n * nrhs) : 1);
    const auto fill_rhs = [&] {
        for (size_t k = 0; rank_ == 0 && k < bx.size(); ++k) bx[k] = static_cast<double>(k % 7) - 3;
    };
    std::vector<double> t_fresh, t_refactor, t_solve, c_fresh, c_refactor, c_solve;
    std::vector<double> scaled(values);
    for (double &v : scaled) v *= 2;
    for (int r = 0; r < reps; ++r) {
        fl_mpi_sparse_factor *f = nullptr;
        t_fresh.push_back(timed([&] {
            check(fl_mpi_sparse_factor_create(&f, c, FL_MPI_SPARSE_SPD, n, 1,
                                              static_cast<int64_t>(values.size()), rows.data(),
                                              cols.data(), FL_FLOAT64, values.data()),
                  "mumps factor");
        }));
        t_refactor.push_back(timed([&] {
            check(fl_mpi_sparse_factor_refactor(f, FL_FLOAT64, scaled.data()), "refactor");
        }));
        fill_rhs();
        t_solve.push_back(timed([&] {
            check(fl_mpi_sparse_factor_solve(f, FL_FLOAT64, nrhs, FL_COL_MAJOR, bx.data(), n,
                                             bx.data(), n),
                  "solve");
        }));
        fl_mpi_sparse_factor_destroy(f);
        // CHOLMOD on rank 0 (the others wait at the next barrier).
        double t[3] = {0, 0, 0};
        if (rank_ == 0) {
            std::vector<int64_t> ptr{0}, idx;
            std::vector<double> val, val2;
            for (int64_t j = 0; j < n; ++j) {
                const int64_t neighbours[5] = {j - m, j - 1, j, j + 1, j + m};
                for (int64_t i : neighbours) {
                    if (i < 0 || i >= n || (i == j - 1 && j % m == 0) || (i == j + 1 && i % m == 0))
                        continue;
                    idx.push_back(i), val.push_back(i == j ? 4 : -1),
                        val2.push_back(i == j ? 8 : -2);
                }
                ptr.push_back(static_cast<int64_t>(idx.size()));
            }
            fl_sparse *s = nullptr, *s2 = nullptr;
            fl_sparse_create(&s, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n, ptr.data(),
                             idx.data(), val.data());
            fl_sparse_create(&s2, FL_SPARSE_CSC, FL_INDEX_INT64, FL_FLOAT64, n, n, ptr.data(),
                             idx.data(), val2.data());
            fl_factor *g = nullptr, *g2 = nullptr;
            auto clock = [] { return std::chrono::steady_clock::now(); };
            auto t0 = clock();
            if (fl_factor_create_sparse(&g, FL_FACTOR_SPARSE_CHOLESKY, s, nullptr) != FL_OK)
                MPI_Abort(MPI_COMM_WORLD, 4);
            auto t1 = clock();
            if (fl_factor_refactor(&g2, g, s2) != FL_OK) MPI_Abort(MPI_COMM_WORLD, 5);
            auto t2 = clock();
            fill_rhs();
            if (fl_factor_solve(g2, FL_NO_TRANS, FL_FLOAT64, nrhs, FL_COL_MAJOR, bx.data(), n,
                                FL_COL_MAJOR, bx.data(), n) != FL_OK)
                MPI_Abort(MPI_COMM_WORLD, 6);
            auto t3 = clock();
            t[0] = std::chrono::duration<double>(t1 - t0).count();
            t[1] = std::chrono::duration<double>(t2 - t1).count();
            t[2] = std::chrono::duration<double>(t3 - t2).count();
            fl_factor_destroy(g2), fl_factor_destroy(g), fl_sparse_destroy(s2),
                fl_sparse_destroy(s);
        }
        MPI_Bcast(t, 3, MPI_DOUBLE, 0, MPI_COMM_WORLD);
        c_fresh.push_back(t[0]), c_refactor.push_back(t[1]), c_solve.push_back(t[2]);
    }
    if (rank_ == 0) {
        std::printf(
            "sparse: 2-D Laplacian %lldx%lld (n = %lld), %lld rhs, MUMPS on %d ranks vs CHOLMOD on "
            "rank 0, "
            "%d reps (median)\n",
            (long long)m, (long long)m, (long long)n, (long long)nrhs, size_, reps);
        std::printf("  analysis + factorization  MUMPS %8.3f s   CHOLMOD %8.3f s\n",
                    median(t_fresh), median(c_fresh));
        std::printf(
            "  refactor (new values)     MUMPS %8.3f s   CHOLMOD %8.3f s   MUMPS fresh/refactor "
            "%.2fx\n",
            median(t_refactor), median(c_refactor), median(t_fresh) / median(t_refactor));
        std::printf("  solve %lld rhs            MUMPS %8.3f s   CHOLMOD %8.3f s\n",
                    (long long)nrhs, median(t_solve), median(c_solve));
    }
    fl_mpi_context_destroy(c);
}

int64_t status_kib(const char *field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field, 0) == 0) return std::atoll(line.c_str() + std::strlen(field));
    return -1;
}

void memory(int64_t n) {
    fl_mpi_context *c = nullptr;
    check(fl_mpi_context_create(&c, MPI_Comm_c2f(MPI_COMM_WORLD), 0, 0), "context");
    fl_mpi_matrix *a = nullptr;
    check(fl_mpi_matrix_create(&a, c, FL_FLOAT64, n, n, 64, 64), "create");
    {
        std::vector<double> piece = local_piece(c, a, n, false);
        int64_t lr = 0;
        fl_mpi_matrix_shape(a, nullptr, nullptr, nullptr, nullptr, &lr, nullptr);
        check(fl_mpi_matrix_set_local(a, FL_FLOAT64, piece.data(), std::max<int64_t>(1, lr)),
              "set_local");
    }
    // Peak resident memory from here on: reset the high-water mark (Linux >= 4.0).
    std::ofstream("/proc/self/clear_refs") << "5";
    const int64_t before = status_kib("VmRSS:");
    fl_mpi_factor *f = nullptr;
    check(fl_mpi_factor_create(&f, FL_FACTOR_LU, a, 1), "factor");
    int64_t kib[2] = {before, status_kib("VmHWM:")}, all[2] = {0, 0};
    MPI_Allreduce(kib, all, 2, MPI_INT64_T, MPI_MAX, MPI_COMM_WORLD);
    if (rank_ == 0) {
        const double share = static_cast<double>(n) * n * 8 / size_ / 1048576.0;
        std::printf("memory: LU n = %lld on %d ranks (block 64, A consumed): n^2*8/P = %.1f MiB\n",
                    (long long)n, size_, share);
        std::printf(
            "  resident before factoring %.1f MiB, peak while factoring %.1f MiB (largest rank): "
            "%.3f x n^2*8/P\n",
            all[0] / 1024.0, all[1] / 1024.0, all[1] / 1024.0 / share);
    }
    fl_mpi_factor_destroy(f);
    fl_mpi_matrix_destroy(a);
    fl_mpi_context_destroy(c);
}

}  // namespace

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    const std::string mode = argc > 1 ? argv[1] : "";
    const auto arg = [&](int i, int64_t fallback) {
        return argc > i ? std::atoll(argv[i]) : fallback;
    };
    if (mode == "overhead")
        overhead(arg(2, 4000), arg(3, 100), static_cast<int>(arg(4, 3)));
    else if (mode == "engine")
        engine(arg(2, 4000), arg(3, 100), static_cast<int>(arg(4, 3)), arg(5, 0));
    else if (mode == "sparse")
        sparse(arg(2, 300), arg(3, 500), static_cast<int>(arg(4, 3)));
    else if (mode == "memory")
        memory(arg(2, 8000));
    else if (rank_ == 0)
        std::fprintf(stderr,
                     "usage: bench_mpi overhead|engine|sparse|memory [sizes...] (see the top of "
                     "bench_mpi.cpp)\n");
    MPI_Finalize();
    return 0;
}
