#!/usr/bin/env python3
"""Least squares with one tall matrix A and many right-hand sides b, from Python.

Full-rank case, A = 2000 x 200 uniform [0, 1) (C order, as numpy makes it), B = 500 b's:
  lstsq per column    the seed's code: scipy.linalg.lstsq(A, B[:, i]) for each b (scipy's
                      default driver, gelsd: a fresh SVD-based solve per b). Too slow to
                      repeat whole: a sample of --sample-columns b's is timed and the time
                      scaled to all 500 (printed as EXTRAPOLATED)
  scipy lstsq all     scipy.linalg.lstsq(A, B): all b's in one call (gelsd)
  scipy lstsq gelsy   the same with lapack_driver='gelsy' (pivoted QR, like fastlinalg.cod)
  numpy lstsq all     numpy.linalg.lstsq(A, B, rcond=None) (gelsd)
  pinv then dot       scipy.linalg.pinv(A) @ B
  fastlinalg qr/cod/svd   fastlinalg.<kind>(A).solve(B): factor once, one multi-RHS solve
Rank-deficient case, A = (2000 x 150) @ (150 x 200), rank 150, the same 500 b's: QR does
not apply (it refuses a rank-deficient A); cod and svd give the minimum-norm solution, as
scipy's lstsq does (scipy's and numpy's cutoff set to max(m, n) * eps, fastlinalg's
default, there). Every variant includes the factorization. The results are checked
against scipy's (relative difference below 1e-8 for full rank; for rank 150, equal
minimum-norm solutions within 1e-6).

Times are medians of repeated samples, the variants interleaved round by round so that
they share the machine's load; "speedup" is a variant's time over fastlinalg's (qr for
full rank, cod for rank 150). Goals (the issue's, full rank): fastlinalg >= 100x the
per-column code and >= 3x scipy's whole-matrix lstsq.

    python3 bench/python/bench_lstsq.py
    OPENBLAS_CORETYPE=Haswell python3 bench/python/bench_lstsq.py

FASTLINALG_LIBRARY selects the library (default: the newest build*/src/libfastlinalg.so).
"""
import argparse
import statistics
import sys
import timeit

from bench_common import fmt_time, print_environment  # noqa: E402  (sets up the paths)

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.linalg  # noqa: E402

import fastlinalg  # noqa: E402

GOAL_VS_LOOP, GOAL_VS_SCIPY = 100.0, 3.0



def per_column(A, B):
    return np.column_stack([scipy.linalg.lstsq(A, B[:, i])[0] for i in range(B.shape[1])])


def variants(full_rank, cond=None):
    """cond: scipy lstsq's cutoff. None (scipy's default, machine epsilon) for full rank, as
    the seed calls it; for the rank-deficient A, max(m, n) * eps, the tolerance numpy's
    lstsq, scipy's pinv and fastlinalg use by default, so that all find rank 150 and return
    the same minimum-norm solution (at eps, the product matrix's rounding-level singular
    values would count, and the solution would be huge and different)."""
    v = []
    if full_rank:
        v.append(("lstsq per column (seed)", per_column))
    v += [("scipy lstsq all (gelsd)", lambda A, B: scipy.linalg.lstsq(A, B, cond=cond)[0]),
          ("scipy lstsq all (gelsy)",
           lambda A, B: scipy.linalg.lstsq(A, B, cond=cond, lapack_driver="gelsy")[0]),
          ("numpy lstsq all", lambda A, B: np.linalg.lstsq(A, B, rcond=None)[0]),
          ("pinv then dot", lambda A, B: scipy.linalg.pinv(A) @ B)]
    if full_rank:
        v.append(("fastlinalg qr", lambda A, B: fastlinalg.qr(A).solve(B)))
    v += [("fastlinalg cod", lambda A, B: fastlinalg.cod(A).solve(B)),
          ("fastlinalg svd", lambda A, B: fastlinalg.svd(A).solve(B))]
    return v


def run_case(A, B, full_rank, repeat, loop_repeat, sample_cols):
    cond = None if full_rank else max(A.shape) * np.finfo(A.dtype).eps
    ref = scipy.linalg.lstsq(A, B, cond=cond)[0]
    timers, samples, scale = {}, {}, {}
    for name, fn in variants(full_rank, cond):
        is_loop = name.startswith("lstsq per column")
        Bs = B[:, :sample_cols] if is_loop else B
        out = fn(A, Bs)
        r = ref[:, :Bs.shape[1]]
        err = np.abs(out - r).max() / np.abs(r).max()
        tol = 1e-8 if full_rank else 1e-6
        assert err < tol, f"{name} disagrees with scipy's lstsq: relative difference {err:.2e}"
        timers[name] = timeit.Timer(lambda fn=fn, Bs=Bs: fn(A, Bs))
        scale[name] = B.shape[1] / Bs.shape[1]
        samples[name] = []
    for r in range(max(repeat, loop_repeat)):
        for name, _ in variants(full_rank, cond):
            reps = loop_repeat if name.startswith("lstsq per column") else repeat
            if r < reps:
                samples[name].append(timers[name].timeit(1) * scale[name])
    return {name: (statistics.median(s), len(s)) for name, s in samples.items()}


def report(title, res, ref_name, nb, sample_cols):
    t_ref = res[ref_name][0]
    print(f"\n{title} (median of samples; speedup = time / {ref_name}'s time)")
    print(f"  {'variant':<26} {'median':>12} {'speedup':>10}  samples")
    for name, (t, reps) in res.items():
        star = "*" if name.startswith("lstsq per column") and sample_cols < nb else " "
        print(f"  {name:<26} {fmt_time(t):>12}{star}{t / t_ref:9.2f}x  {reps}")
    if any(n.startswith("lstsq per column") for n in res) and sample_cols < nb:
        print(f"  * EXTRAPOLATED: {sample_cols} of {nb} b's timed per sample, scaled by "
              f"{nb / sample_cols:g}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--m", type=int, default=2000)
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--nb", type=int, default=500, help="number of right-hand sides")
    p.add_argument("--rank", type=int, default=150, help="rank of the rank-deficient A")
    p.add_argument("--repeat", type=int, default=21, help="samples per variant")
    p.add_argument("--loop-repeat", type=int, default=5, help="samples of the per-column loop")
    p.add_argument("--sample-columns", type=int, default=50,
                   help="b's timed per sample of the per-column loop (then scaled to all)")
    args = p.parse_args()
    m, n, nb = args.m, args.n, args.nb
    sample_cols = min(args.sample_columns, nb)

    print_environment()
    rng = np.random.default_rng(0)
    A = rng.random((m, n))
    B = rng.random((m, nb))
    res = run_case(A, B, True, args.repeat, args.loop_repeat, sample_cols)
    report(f"full rank: A {m}x{n}, {nb} b's", res, "fastlinalg qr", nb, sample_cols)
    t_fl = res["fastlinalg qr"][0]
    s_loop = res["lstsq per column (seed)"][0] / t_fl
    s_scipy = res["scipy lstsq all (gelsd)"][0] / t_fl
    ok_loop, ok_scipy = s_loop >= GOAL_VS_LOOP, s_scipy >= GOAL_VS_SCIPY
    print(f"  goals (fastlinalg qr): >= {GOAL_VS_LOOP:g}x vs per column: "
          f"{'met' if ok_loop else 'MISSED'} ({s_loop:.1f}x); >= {GOAL_VS_SCIPY:g}x vs scipy "
          f"lstsq all: {'met' if ok_scipy else 'MISSED'} ({s_scipy:.2f}x)")
    for kind in ("cod", "svd"):
        t = res[f"fastlinalg {kind}"][0]
        print(f"  fastlinalg {kind}: {res['lstsq per column (seed)'][0] / t:.1f}x per column, "
              f"{res['scipy lstsq all (gelsd)'][0] / t:.2f}x scipy lstsq all")

    X = rng.random((m, args.rank))
    Y = rng.random((args.rank, n))
    Ad = X @ Y
    rk = fastlinalg.cod(Ad).rank
    rk_svd = fastlinalg.svd(Ad).rank
    res_d = run_case(Ad, B, False, args.repeat, 0, nb)
    report(f"rank-deficient: A {m}x{n} of rank {args.rank} (cod finds {rk}, svd {rk_svd}), "
           f"{nb} b's", res_d, "fastlinalg cod", nb, nb)
    for kind in ("cod", "svd"):
        t = res_d[f"fastlinalg {kind}"][0]
        print(f"  fastlinalg {kind}: {res_d['scipy lstsq all (gelsd)'][0] / t:.2f}x scipy lstsq all "
              f"(gelsd), {res_d['scipy lstsq all (gelsy)'][0] / t:.2f}x (gelsy)")
    At = np.asfortranarray(A)
    print("\nthe same full-rank A in Fortran order (column-major, fastlinalg's LAPACK-native layout), "
          "B C-ordered:")
    res_f = {}
    for name, fn in (("scipy lstsq all (gelsd)", lambda: scipy.linalg.lstsq(At, B)[0]),
                     ("fastlinalg qr", lambda: fastlinalg.qr(At).solve(B)),
                     ("fastlinalg cod", lambda: fastlinalg.cod(At).solve(B)),
                     ("fastlinalg svd", lambda: fastlinalg.svd(At).solve(B))):
        fn()
        res_f[name] = (statistics.median(timeit.repeat(fn, number=1, repeat=args.repeat)), args.repeat)
    report(f"full rank, A in F order: A {m}x{n}, {nb} b's", res_f, "fastlinalg qr", nb, nb)
    return 0 if ok_loop and ok_scipy else 1


if __name__ == "__main__":
    sys.exit(main())
