#!/usr/bin/env python3
"""The ARD kernel matrix of seed 000 (GPML eq. 5.2's M3), from Python.

K = sigma_f^2 exp(-r^2 / 2), r^2 = (x - y)^T (Lambda Lambda^T + L_inv^2) (x - y), for X1 and
X2 of N = M = 4000 points in D = 6 dimensions, Lambda D x 1 (the seed's shapes):
  einsum (seed)        the seed's answer: the N x M x D differences, then einsum
  numpy chol + GEMM    numpy's best route: Cholesky of M3, transform both point sets,
                       |u|^2 + |v|^2 - 2 U V^T by one GEMM, clamp, np.exp (temporaries of N x M)
  write N x M          the floor: np.empty((N, M)).fill(0), a fresh output written once
                       (page faults included, as every variant allocates its result), and
                       out.fill(0) into an existing array
  fastlinalg           fastlinalg.Kernel("gaussian", Lambda=..., psi=L_inv)(X1, X2), the
                       symmetric k(X1) (half computed, mirrored), and k(X1, X2, out=K) into
                       an existing array (no page faults: compare with out.fill)
Every result is checked against the einsum's (max relative difference below 1e-12).
Times are medians of samples taken round by round, the variants interleaved so that they
share the machine's load. Goals (the issue's): fastlinalg >= 100x the einsum, >= 5x the
numpy GEMM route, and within 4x of writing the N x M output.

    python3 bench/python/bench_kernels.py
    chrt -f 10 python3 bench/python/bench_kernels.py

FASTLINALG_LIBRARY selects the library (default: the newest build*/src/libfastlinalg.so).
"""
import argparse
import statistics
import sys
import timeit

from bench_common import fmt_time, print_environment  # noqa: E402  (sets up the paths)

import numpy as np  # noqa: E402

import fastlinalg  # noqa: E402

GOAL_VS_EINSUM, GOAL_VS_NUMPY, GOAL_VS_WRITE = 100.0, 5.0, 4.0


def einsum_route(X1, X2, Lambda, L_inv, sigma_f):
    M3 = Lambda.squeeze() * Lambda + L_inv ** 2
    d = X1[:, None] - X2[None, ...]
    return sigma_f ** 2 * np.exp(-0.5 * np.einsum("ijk,kl,ijl->ij", d, M3, d, order="F"))


def numpy_route(X1, X2, Lambda, L_inv, sigma_f):
    U = np.linalg.cholesky(Lambda @ Lambda.T + L_inv ** 2).T  # M = U^T U
    A, B = X1 @ U.T, X2 @ U.T
    r2 = (A * A).sum(1)[:, None] + (B * B).sum(1)[None, :] - 2 * (A @ B.T)
    np.maximum(r2, 0, out=r2)
    r2 *= -0.5
    np.exp(r2, out=r2)
    r2 *= sigma_f ** 2
    return r2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=4000)
    p.add_argument("--d", type=int, default=6)
    p.add_argument("--repeat", type=int, default=15, help="samples per variant")
    p.add_argument("--einsum-repeat", type=int, default=3, help="samples of the einsum")
    args = p.parse_args()
    n, d = args.n, args.d

    print_environment()
    rng = np.random.default_rng(1)
    X1, X2 = rng.random((n, d)), rng.random((n, d))
    Lambda, L_inv, sigma_f = rng.random((d, 1)), np.diag(rng.random(d)), rng.random()
    kern = fastlinalg.Kernel("gaussian", Lambda=Lambda, psi=L_inv, sigma_f=sigma_f)
    out, out_k = np.empty((n, n)), np.empty((n, n))

    variants = {
        "einsum (seed)": lambda: einsum_route(X1, X2, Lambda, L_inv, sigma_f),
        "numpy chol + GEMM": lambda: numpy_route(X1, X2, Lambda, L_inv, sigma_f),
        "write N x M (new array)": lambda: np.empty((n, n)).fill(0),
        "write N x M (out.fill)": lambda: out.fill(0),
        "fastlinalg": lambda: kern(X1, X2),
        "fastlinalg symmetric": lambda: kern(X1),
        "fastlinalg, out= reused": lambda: kern(X1, X2, out=out_k),
    }
    ref = variants["einsum (seed)"]()
    for name in ("numpy chol + GEMM", "fastlinalg"):
        err = np.abs(variants[name]() - ref).max() / np.abs(ref).max()
        assert err < 1e-12, f"{name} differs from the einsum by {err:.2e}"
    ref_sym = einsum_route(X1, X1, Lambda, L_inv, sigma_f)
    err = np.abs(kern(X1) - ref_sym).max() / np.abs(ref_sym).max()
    assert err < 1e-12, f"fastlinalg symmetric differs from the einsum by {err:.2e}"

    samples = {name: [] for name in variants}
    for r in range(args.repeat):
        for name, fn in variants.items():
            if name == "einsum (seed)" and r >= args.einsum_repeat:
                continue
            samples[name].append(timeit.Timer(fn).timeit(1))
    med = {name: statistics.median(s) for name, s in samples.items()}

    t_fl = med["fastlinalg"]
    print(f"\nN = M = {n}, D = {d}, Lambda {d}x1 (median of samples; ratio = time / fastlinalg's)")
    print(f"  {'variant':<26} {'median':>12} {'ratio':>9}  samples")
    for name, t in med.items():
        print(f"  {name:<26} {fmt_time(t):>12} {t / t_fl:8.2f}x  {len(samples[name])}")
    s_einsum = med["einsum (seed)"] / t_fl
    s_numpy = med["numpy chol + GEMM"] / t_fl
    w_new = t_fl / med["write N x M (new array)"]
    w_fill = t_fl / med["write N x M (out.fill)"]
    ok = [s_einsum >= GOAL_VS_EINSUM, s_numpy >= GOAL_VS_NUMPY, w_new <= GOAL_VS_WRITE]
    word = ["met" if o else "MISSED" for o in ok]
    print(f"  goals: >= {GOAL_VS_EINSUM:g}x the einsum: {word[0]} ({s_einsum:.0f}x); "
          f">= {GOAL_VS_NUMPY:g}x numpy's GEMM route: {word[1]} ({s_numpy:.2f}x); "
          f"<= {GOAL_VS_WRITE:g}x writing N x M: {word[2]} ({w_new:.2f}x a new array, "
          f"{w_fill:.2f}x out.fill)")
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
