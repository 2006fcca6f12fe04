#!/usr/bin/env python3
"""Sparse matrices: the seed's sparse-times-every-vector product and sparse solves.

1. Seed 000's last question: W[i, j, :] = A V[i, j, :] for an (I, J, N) array V and an
   N-by-N sparse A of density 1/N, at (N, I, J) = (100, 500, 500) and (1000, 200, 200):
     seed reshape+dot   the seed's best version: (A @ V.reshape(-1, N).T).T.reshape(I, J, N)
     scipy V @ A.T      the reshaped dense array times the sparse transpose
     fastlinalg         SparseMatrix(A).apply_last_axis(V) (a new output array)
     fastlinalg, out=   the same into a preallocated output
   and the memory-bandwidth time: a copy of V (it reads |V| bytes and writes |W| = |V|
   bytes, exactly the traffic the product cannot avoid), on 1 and on all threads, fastest.
2. The 5-point Laplacian of a 300 x 300 grid (order 90000) with 500 right-hand sides:
   scipy splu, splu's solve, spsolve, factorized (one b at a time, as its solve takes them)
   against fastlinalg's sparse Cholesky (CHOLMOD) and sparse LU (UMFPACK).
3. Five new sets of values for the same pattern: five fresh splu factorizations, against
   fastlinalg's refactorization (the analysis reused) and five fresh fastlinalg factors.
4. Complex sparse LU (UMFPACK zl): the Laplacian of a 200 x 200 grid with a complex shift,
   L + (1 + 1j) I, against the real L + I of the same pattern, factor and solve with 1 and
   32 right-hand sides each, and scipy's splu of the complex matrix. Information, no goal.

    chrt -f 10 python3 bench/python/bench_sparse.py [--repeat 5] [--quick]
"""
import argparse
import statistics
import sys
import threading
import time

from bench_common import fmt_time, print_environment  # noqa: E402  (sets up the paths)

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import scipy.sparse.linalg as spla  # noqa: E402

import fastlinalg  # noqa: E402

# The goals.
PRODUCT_SPEEDUP = 10.0      # vs the seed's reshape+dot
PRODUCT_BANDWIDTH = 2.0     # at most this many times the bandwidth time
SOLVE_SPEEDUP = 5.0         # factor + 500 solves vs splu's
REFACTOR_SPEEDUP = 3.0      # refactor loop vs fresh factorizations


def median_time(fn, repeat):
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def interleaved(variants, repeat):
    """Median seconds of each variant, sampled round by round so all see the same load."""
    samples = {name: [] for name, _ in variants}
    for name, fn in variants:
        fn()  # warm-up
    for _ in range(repeat):
        for name, fn in variants:
            t = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - t)
    return {name: statistics.median(s) for name, s in samples.items()}


def threaded_copy(dst, src, nthreads):
    """np.copyto over nthreads slices at once (numpy releases the GIL while copying)."""
    d, s = dst.reshape(-1), src.reshape(-1)
    step = -(-d.size // nthreads)
    threads = [threading.Thread(target=np.copyto, args=(d[k:k + step], s[k:k + step]))
               for k in range(0, d.size, step)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def seed_reshape_dot(A, V):
    N = A.shape[1]
    return (A @ V.reshape(-1, N).T).T.reshape(V.shape[:-1] + (A.shape[0],))


def product_case(N, I, J, repeat, report):
    rng = np.random.default_rng(0)
    A = sp.random(N, N, density=1 / N, format="csc", random_state=1)
    V = rng.random((I, J, N))
    S = fastlinalg.SparseMatrix(A)
    W = np.empty((I, J, N))
    ref = seed_reshape_dot(A, V)
    assert np.allclose(S.apply_last_axis(V), ref, rtol=1e-12, atol=1e-12)
    copy_dst = np.empty_like(V)
    nthreads = fastlinalg.get_num_threads()
    times = interleaved([
        ("seed reshape+dot", lambda: seed_reshape_dot(A, V)),
        ("scipy V @ A.T", lambda: V.reshape(-1, N) @ A.T),
        ("fastlinalg", lambda: S.apply_last_axis(V)),
        ("fastlinalg, out=", lambda: S.apply_last_axis(V, out=W)),
        ("copy of V, 1 thread", lambda: np.copyto(copy_dst, V)),
        (f"copy of V, {nthreads} threads", lambda: threaded_copy(copy_dst, V, nthreads)),
    ], repeat)
    bw_time = min(times["copy of V, 1 thread"], times[f"copy of V, {nthreads} threads"])
    gbytes = 2 * V.nbytes / 1e9
    print(f"\n(N, I, J) = ({N}, {I}, {J}): A has {A.nnz} entries; V and W {V.nbytes / 1e6:.0f} MB "
          f"each; medians of {repeat}")
    t_fl = times["fastlinalg, out="]
    for name, t in times.items():
        print(f"  {name:<22} {fmt_time(t):>12}  {times['seed reshape+dot'] / t:7.1f}x of seed"
              f"  {t / bw_time:5.2f}x bandwidth time")
    print(f"  bandwidth: {gbytes / bw_time:.1f} GB/s (read + write), so {fmt_time(bw_time).strip()} "
          "to read V and write W")
    speed = times["seed reshape+dot"] / t_fl
    report.append((f"product ({N}, {I}, {J}) >= {PRODUCT_SPEEDUP:g}x seed", speed >= PRODUCT_SPEEDUP,
                   f"{speed:.1f}x"))
    report.append((f"product ({N}, {I}, {J}) <= {PRODUCT_BANDWIDTH:g}x bandwidth time",
                   t_fl / bw_time <= PRODUCT_BANDWIDTH, f"{t_fl / bw_time:.2f}x"))


def laplacian(m):
    T = sp.diags([-1.0, 2.0, -1.0], [-1, 0, 1], shape=(m, m))
    E = sp.eye(m)
    return (sp.kron(E, T) + sp.kron(T, E)).tocsc()


def solve_case(m, nrhs, repeat, report, quick):
    A = laplacian(m)
    n = A.shape[0]
    B = np.random.default_rng(2).random((n, nrhs))
    S = fastlinalg.SparseMatrix(A)
    print(f"\n2-D Laplacian, {m} x {m} grid (n = {n}, {A.nnz} entries), {nrhs} right-hand sides; "
          f"medians of {repeat}")
    lu = spla.splu(A)
    chol = fastlinalg.sparse_cholesky(S)
    flu = fastlinalg.sparse_lu(S)
    for name, X in [("splu", lu.solve(B)), ("cholesky", chol.solve(B)), ("lu", flu.solve(B))]:
        res = np.abs(A @ X - B).max() / np.abs(B).max()
        assert res < 1e-8, f"{name}: residual {res:.1e}"
    t = {}
    t["splu(A)"] = median_time(lambda: spla.splu(A), repeat)
    t["splu solve(B)"] = median_time(lambda: lu.solve(B), repeat)
    if not quick:
        t["spsolve(A, B)"] = median_time(lambda: spla.spsolve(A, B), 1)
        f = spla.factorized(A)
        t["factorized(A) + 500 b's"] = median_time(
            lambda: [f(B[:, j]) for j in range(nrhs)], 1)
    t["fl sparse_cholesky(S)"] = median_time(lambda: fastlinalg.sparse_cholesky(S), repeat)
    t["fl cholesky solve(B)"] = median_time(lambda: chol.solve(B), repeat)
    t["fl sparse_lu(S)"] = median_time(lambda: fastlinalg.sparse_lu(S), repeat)
    t["fl lu solve(B)"] = median_time(lambda: flu.solve(B), repeat)
    for name, v in t.items():
        print(f"  {name:<26} {fmt_time(v):>12}")
    scipy_total = t["splu(A)"] + t["splu solve(B)"]
    for kind in ("cholesky", "lu"):
        fl_total = t[f"fl sparse_{kind}(S)"] + t[f"fl {kind} solve(B)"]
        print(f"  factor + solve: splu {fmt_time(scipy_total).strip()}, fastlinalg {kind} "
              f"{fmt_time(fl_total).strip()}: {scipy_total / fl_total:.1f}x")
        report.append((f"{kind} factor+solve >= {SOLVE_SPEEDUP:g}x splu",
                       scipy_total / fl_total >= SOLVE_SPEEDUP, f"{scipy_total / fl_total:.1f}x"))
    return A


def refactor_case(A, repeat, report):
    rng = np.random.default_rng(3)
    # Five new value sets of the same pattern: A + diag(d) D with random positive d keeps it
    # symmetric positive definite.
    values = []
    for _ in range(5):
        B = A.copy()
        B.setdiag(B.diagonal() + rng.random(A.shape[0]))
        values.append(B)
    S = fastlinalg.SparseMatrix(A)
    chol0 = fastlinalg.sparse_cholesky(S)
    lu0 = fastlinalg.sparse_lu(S)

    def fresh_splu():
        for B in values:
            spla.splu(B)

    def loop(first, make):
        def run():
            for B in values:
                S.set_values(B.data)
                make(first, S)
        return run

    t = {
        "5 fresh splu": median_time(fresh_splu, repeat),
        "5 fresh fl cholesky": median_time(loop(None, lambda f, s: fastlinalg.sparse_cholesky(s)), repeat),
        "5 fl cholesky refactors": median_time(loop(chol0, fastlinalg.refactor), repeat),
        "5 fresh fl lu": median_time(loop(None, lambda f, s: fastlinalg.sparse_lu(s)), repeat),
        "5 fl lu refactors": median_time(loop(lu0, fastlinalg.refactor), repeat),
    }
    print(f"\nRefactor loop: 5 new value sets of the same pattern (set_values included); "
          f"medians of {repeat}")
    for name, v in t.items():
        print(f"  {name:<26} {fmt_time(v):>12}  {t['5 fresh splu'] / v:6.1f}x of splu")
    for kind in ("cholesky", "lu"):
        vs_splu = t["5 fresh splu"] / t[f"5 fl {kind} refactors"]
        vs_fresh = t[f"5 fresh fl {kind}"] / t[f"5 fl {kind} refactors"]
        print(f"  {kind}: refactor loop {vs_splu:.1f}x faster than fresh splu, "
              f"{vs_fresh:.2f}x than fresh fastlinalg factors")
        report.append((f"{kind} refactor loop >= {REFACTOR_SPEEDUP:g}x fresh splu",
                       vs_splu >= REFACTOR_SPEEDUP, f"{vs_splu:.1f}x"))


def complex_case(m, repeat):
    L = laplacian(m)
    n = L.shape[0]
    rng = np.random.default_rng(4)
    real = (L + sp.eye(n)).tocsc()
    cplx = (L + (1 + 1j) * sp.eye(n)).tocsc()
    Sr, Sc = fastlinalg.SparseMatrix(real), fastlinalg.SparseMatrix(cplx)
    print(f"\nComplex sparse LU: {m} x {m} grid Laplacian + (1 + 1j) I (n = {n}) against "
          f"+ I, same pattern; medians of {repeat}")
    fr, fc = fastlinalg.sparse_lu(Sr), fastlinalg.sparse_lu(Sc)
    lu = spla.splu(cplx)
    t = {"fl real sparse_lu(S)": median_time(lambda: fastlinalg.sparse_lu(Sr), repeat),
         "fl complex sparse_lu(S)": median_time(lambda: fastlinalg.sparse_lu(Sc), repeat),
         "splu complex(A)": median_time(lambda: spla.splu(cplx), repeat)}
    for k in (1, 32):
        Br = rng.random((n, k))
        Bc = Br + 1j * rng.random((n, k))
        for name, f, B, A in (("fl real", fr, Br, real), ("fl complex", fc, Bc, cplx),
                              ("splu complex", lu, Bc, cplx)):
            X = f.solve(B)
            res = np.abs(A @ X - B).max() / np.abs(B).max()
            assert res < 1e-8, f"{name}: residual {res:.1e}"
            t[f"{name} solve, {k} rhs"] = median_time(lambda f=f, B=B: f.solve(B), repeat)
    for name, v in t.items():
        print(f"  {name:<30} {fmt_time(v):>12}")
    print(f"  complex / real: factor {t['fl complex sparse_lu(S)'] / t['fl real sparse_lu(S)']:.2f}x, "
          f"solve 1 rhs {t['fl complex solve, 1 rhs'] / t['fl real solve, 1 rhs']:.2f}x, "
          f"32 rhs {t['fl complex solve, 32 rhs'] / t['fl real solve, 32 rhs']:.2f}x; "
          f"fl complex vs splu: factor {t['splu complex(A)'] / t['fl complex sparse_lu(S)']:.2f}x, "
          f"32 rhs {t['splu complex solve, 32 rhs'] / t['fl complex solve, 32 rhs']:.2f}x")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--quick", action="store_true", help="skip spsolve and factorized")
    p.add_argument("--only", choices=["product", "solve", "complex"], help="run one part")
    args = p.parse_args()
    print_environment()
    report = []
    if args.only in (None, "product"):
        product_case(100, 500, 500, args.repeat, report)
        product_case(1000, 200, 200, args.repeat, report)
    if args.only in (None, "solve"):
        A = solve_case(300, 500, args.repeat, report, args.quick)
        refactor_case(A, args.repeat, report)
    if args.only in (None, "complex"):
        complex_case(200, args.repeat)
    print("\nGoals:")
    for name, ok, value in report:
        print(f"  {name:<48} {'met' if ok else 'MISSED'} ({value})")
    return 0 if all(ok for _, ok, _ in report) else 1


if __name__ == "__main__":
    sys.exit(main())
