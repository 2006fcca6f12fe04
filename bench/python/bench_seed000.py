#!/usr/bin/env python3
"""Seed 000's workload: one n-by-n matrix, many right-hand sides b.

Compares, per size (n, number of b's):
  loop        the seed's code: lu_factor(M) then lu_solve(M_LU, B[:, i]) for each b
  scipy best  lu_factor(M) then one lu_solve(M_LU, B) of all b's
  numpy       numpy.linalg.solve(M, B)
  fastlinalg  fastlinalg.lu(M).solve(B)
Every variant includes the factorization (the seed factors once per workload). Times are
medians of repeated runs (timeit-style: each sample times `number` calls), the variants
interleaved round by round so that they share whatever load the machine has. All four use the same
OpenBLAS in this process (numpy/scipy through Debian's libblas/liblapack alternatives).

    python3 bench/python/bench_seed000.py                      # default OpenBLAS core
    OPENBLAS_CORETYPE=Haswell python3 bench/python/bench_seed000.py
    python3 bench/python/bench_seed000.py --sizes 50,100,200,400,800,1600 --nrhs 100 \
        --repeat-small 15 --csv docs/img/data/seed000_sizes.csv     # the plot's sweep

FASTLINALG_LIBRARY selects the library (default: the newest build*/src/libfastlinalg.so).
"""
import argparse
import statistics
import sys
import timeit

from bench_common import fmt_time, print_environment, write_csv  # noqa: E402  (sets up the paths)

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.linalg import lu_factor, lu_solve  # noqa: E402

import fastlinalg  # noqa: E402

# The goals: fastlinalg's speedup over (loop, scipy best) per size.
GOALS = {(100, 10): (2.0, 1.3), (2000, 2000): (10.0, 1.0)}


def seed_loop(M, B):
    M_LU = lu_factor(M)
    return np.asarray([lu_solve(M_LU, B[:, i]) for i in range(B.shape[1])])


def scipy_best(M, B):
    return lu_solve(lu_factor(M), B)


def numpy_solve(M, B):
    return np.linalg.solve(M, B)


def fl_solve(M, B):
    return fastlinalg.lu(M).solve(B)


VARIANTS = [("loop (seed)", seed_loop), ("scipy best", scipy_best),
            ("numpy.linalg.solve", numpy_solve), ("fastlinalg", fl_solve)]


def calibrate(fn, min_sample_s):
    """Calls per sample so that one sample lasts about min_sample_s (at least one call)."""
    timer = timeit.Timer(fn)
    number, t = 1, timer.timeit(1)  # also a warm-up
    while t * number < min_sample_s and number < 10**6:
        number *= 2 if t * number * 10 > min_sample_s else 10
    return number



def run_case(n, nb, repeat, min_sample_s, loop_repeat, seed=0):
    """Median seconds per call of every variant. The samples are interleaved (one of each
    variant per round) so that all variants see the same machine load."""
    rng = np.random.default_rng(seed)
    M = rng.random((n, n))          # as in the seed: np.random.rand(n**2).reshape(n, n)
    B = rng.random((n, nb))
    ref = scipy_best(M, B)
    timers, numbers, samples = {}, {}, {}
    for name, fn in VARIANTS:
        out = fn(M, B)
        out = out.T if name.startswith("loop") else out
        err = np.abs(out - ref).max() / max(np.abs(ref).max(), 1e-300)
        assert err < 1e-8, f"{name} disagrees with scipy: relative error {err:.2e}"
        call = (lambda fn=fn: fn(M, B))
        timers[name] = timeit.Timer(call)
        numbers[name] = calibrate(call, min_sample_s)
        samples[name] = []
    for r in range(max(repeat, loop_repeat)):
        for name, _ in VARIANTS:
            reps = loop_repeat if name.startswith("loop") else repeat
            if r < reps:
                samples[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    return {name: (statistics.median(samples[name]), numbers[name], len(samples[name]))
            for name, _ in VARIANTS}


def components(n, nb, repeat, seed=0):
    """Where the time of the small case goes: each step alone, fastlinalg's steps also as
    bare ctypes calls (the binding's own overhead is the difference)."""
    import ctypes
    from fastlinalg import _lib
    rng = np.random.default_rng(seed)
    M = rng.random((n, n))
    B = rng.random((n, nb))
    f = fastlinalg.lu(M)
    lu = lu_factor(M)
    X = np.empty_like(B)
    L = _lib.lib
    h = ctypes.c_void_p()
    mp, bp, xp = M.ctypes.data, B.ctypes.data, X.ctypes.data

    def raw_create():
        L.fl_factor_create(ctypes.byref(h), 1, 2, 1, n, n, mp, n, None)
        L.fl_factor_destroy(h)

    steps = [
        ("fastlinalg.lu(M)", lambda: fastlinalg.lu(M)),
        ("  bare fl_factor_create+destroy", raw_create),
        ("f.solve(B)", lambda: f.solve(B)),
        ("  bare fl_factor_solve", lambda: L.fl_factor_solve(f._h, 1, 2, nb, 1, bp, nb, 1, xp, nb)),
        ("scipy lu_factor(M)", lambda: lu_factor(M)),
        ("scipy lu_solve(lu, B)", lambda: lu_solve(lu, B)),
        ("scipy lu_solve(lu, B[:, 0])", lambda: lu_solve(lu, B[:, 0])),
    ]
    numbers = {name: calibrate(fn, 2e-3) for name, fn in steps}
    samples = {name: [] for name, _ in steps}
    timers = {name: timeit.Timer(fn) for name, fn in steps}
    for _ in range(repeat):
        for name, _fn in steps:
            samples[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    print(f"\n  components at n = {n}, {nb} right-hand sides (medians):")
    for name, _ in steps:
        print(f"    {name:<34} {fmt_time(statistics.median(samples[name])):>12}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat-small", type=int, default=300, help="samples for n=100 (>= 200)")
    p.add_argument("--repeat-large", type=int, default=7, help="samples for n=2000")
    p.add_argument("--loop-repeat-large", type=int, default=3,
                   help="samples of the (slow) seed loop for n=2000")
    p.add_argument("--only-small", action="store_true", help="skip n=2000")
    p.add_argument("--no-components", action="store_true",
                   help="skip the per-step breakdown of the small case")
    p.add_argument("--sizes", help="a sweep instead of the seed's two cases: N1,N2,... with "
                   "--nrhs right-hand sides each (samples: --repeat-small)")
    p.add_argument("--nrhs", type=int, default=100, help="right-hand sides per size of --sizes")
    p.add_argument("--csv", help="also write n, nrhs, variant, median seconds to this CSV file")
    args = p.parse_args()

    print_environment()
    if args.sizes:
        cases = [(int(n), args.nrhs, args.repeat_small, 2e-3, args.repeat_small)
                 for n in args.sizes.split(",")]
    else:
        cases = [(100, 10, args.repeat_small, 2e-3, args.repeat_small)]
        if not args.only_small:
            cases.append((2000, 2000, args.repeat_large, 0.0, args.loop_repeat_large))
    missed, csv_rows = [], []
    for n, nb, repeat, min_sample, loop_repeat in cases:
        res = run_case(n, nb, repeat, min_sample, loop_repeat)
        t_fl = res["fastlinalg"][0]
        print(f"\nn = {n}, {nb} right-hand sides (median of samples; speedup = time / "
              "fastlinalg's time)")
        print(f"  {'variant':<20} {'median':>12} {'speedup':>9}  {'samples x calls':>16}")
        for name, _ in VARIANTS:
            t, number, reps = res[name]
            csv_rows.append((n, nb, name, f"{t:.6g}"))
            print(f"  {name:<20} {fmt_time(t):>12} {t / t_fl:8.2f}x  {reps:>7} x {number:<7}")
        goal_loop, goal_scipy = GOALS.get((n, nb), (None, None))
        if goal_loop:
            s_loop = res["loop (seed)"][0] / t_fl
            s_scipy = res["scipy best"][0] / t_fl
            ok_loop, ok_scipy = s_loop >= goal_loop, s_scipy >= goal_scipy
            print(f"  goals: >= {goal_loop:g}x vs loop: {'met' if ok_loop else 'MISSED'} "
                  f"({s_loop:.2f}x); >= {goal_scipy:g}x vs scipy best: "
                  f"{'met' if ok_scipy else 'MISSED'} ({s_scipy:.2f}x)")
            if not (ok_loop and ok_scipy):
                missed.append((n, nb))
        if n <= 500 and not args.no_components and not args.sizes:
            components(n, nb, min(repeat, 100))
    if args.csv:
        write_csv(args.csv, ["n", "nrhs", "variant", "median_s"], csv_rows)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
