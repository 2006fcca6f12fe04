#!/usr/bin/env python3
"""Seed 000's binning questions, the masked way against the grouped way:

  layered field  x = linspace(-2, 2, 1000), z = linspace(-1, 3, 2000) on a meshgrid, N
                 layers with boundaries d_cum; the seed adds every layer's field times its
                 mask over the whole grid (N full-grid exponentials). Grouped: digitize z
                 into layers, group_by_bin, and evaluate each layer's field on its own
                 points only (one exponential per grid point in all).
  binomial count 10^6 binomial(55, 0.05) samples counted for m = 0..7: the seed's
                 per-value comparison loop (np.sum(samples == m)) against one bincount.

Medians of interleaved samples; each variant is checked against the masked one first.

    chrt -f 10 python3 bench/python/bench_binning.py [--repeat 7] [--layers 10,50]
"""
import argparse
import sys

from bench_common import fmt_time, interleaved_medians, print_environment  # noqa: E402

import numpy as np  # noqa: E402

import fastlinalg  # noqa: E402


def layered_problem(N, seed=0):
    rng = np.random.default_rng(seed)
    x, z = np.linspace(-2, 2, 1000), np.linspace(-1, 3, 2000)
    X, Z = np.meshgrid(x, z)
    # d_cum[n] .. d_cum[n+1] is layer n; the last boundary just past z's end.
    d_cum = np.concatenate([[-1.0], np.sort(rng.uniform(-1, 3, N - 1)), [3.0 + 1e-9]])
    kz, amp = rng.uniform(1, 5, N), rng.standard_normal(N) + 1j * rng.standard_normal(N)
    return X, Z, d_cum, kz, amp, 2.5


def masked(X, Z, d_cum, kz, amp, kx):
    E = np.zeros(Z.shape, complex)
    for n in range(len(kz)):
        idx = np.logical_and(Z < d_cum[n + 1], Z >= d_cum[n])
        E += amp[n] * np.exp(1j * kz[n] * (Z - d_cum[n]) + 1j * kx * X) * idx
    return E


def grouped(X, Z, d_cum, kz, amp, kx):
    N = len(kz)
    Xf, Zf = X.ravel(), Z.ravel()
    layer = fastlinalg.digitize(Zf, d_cum) - 1          # d_cum[n] <= z < d_cum[n + 1]
    offsets, perm = fastlinalg.group_by_bin(layer, N)
    E = np.zeros(Zf.size, complex)
    for n in range(N):
        p = perm[offsets[n]:offsets[n + 1]]
        E[p] = amp[n] * np.exp(1j * kz[n] * (Zf[p] - d_cum[n]) + 1j * kx * Xf[p])
    return E.reshape(Z.shape)


def count_loop(samples, M):
    return np.array([np.sum(samples == m) for m in range(M + 1)]) / samples.size


def count_bincount(samples, M):
    return fastlinalg.bincount(samples, minlength=M + 1)[:M + 1] / samples.size


def report(title, t, base):
    print(f"\n{title}")
    for name in t:
        print(f"  {name:<28} {fmt_time(t[name]):>12} {t[base] / t[name]:8.2f}x")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--layers", default="10,50")
    args = p.parse_args()
    print_environment()
    for N in (int(v) for v in args.layers.split(",")):
        prob = layered_problem(N)
        ref, got = masked(*prob), grouped(*prob)
        assert np.abs(got - ref).max() <= 1e-12 * np.abs(ref).max(), "grouped != masked"
        t = interleaved_medians([("masked (seed)", lambda: masked(*prob)),
                                 ("digitize + group_by_bin", lambda: grouped(*prob))],
                                args.repeat, min_sample_s=0)
        report(f"layered field, 2000 x 1000 grid, N = {N} layers (speedup vs masked)", t,
               "masked (seed)")
    rng = np.random.default_rng(1)
    M, samples = 7, rng.binomial(55, 0.05, 10**6)
    assert np.array_equal(count_loop(samples, M), count_bincount(samples, M))
    t = interleaved_medians([("comparison loop (seed)", lambda: count_loop(samples, M)),
                             ("fastlinalg.bincount", lambda: count_bincount(samples, M)),
                             ("numpy.bincount", lambda: np.bincount(samples, minlength=M + 1))],
                            args.repeat)
    report("binomial counts, 10^6 samples, m = 0..7 (speedup vs the loop)", t,
           "comparison loop (seed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
