#!/usr/bin/env python3
"""The rolled pairwise products out[i, j] = A[i] @ B[(i + j) % d], j < k (seed 000's third
question), three ways, with one large DGEMM's flop rate measured in the same run:

  loop        the seed's double loop of A[i] @ B[(i + j) % d]
  einsum      the seed's as_strided + einsum version
  fastlinalg  fastlinalg.rolled_matmul(A, B, k), a new result array each call
  fastlinalg out=   the same writing into one preallocated array
  DGEMM       np.dot of two 2000 x 2000 matrices on all BLAS threads (the reference rate)

float64, C order (numpy's default). Goals: fastlinalg at least 4x faster than the better of
loop and einsum, and its flop rate (2 d k m n l / time) at least 60% of the DGEMM's.
Medians of interleaved samples (the DGEMM's own samples follow the others'). numpy and
fastlinalg use the same OpenBLAS here.

    chrt -f 10 python3 bench/python/bench_rolled.py [--repeat 15]
    OPENBLAS_CORETYPE=Haswell chrt -f 10 python3 bench/python/bench_rolled.py
"""
import argparse
import sys

from bench_common import fmt_time, interleaved_medians, print_environment  # noqa: E402

import numpy as np  # noqa: E402
from numpy.lib.stride_tricks import as_strided  # noqa: E402

import fastlinalg  # noqa: E402


def loop(A, B, k):
    d, m, _ = A.shape
    out = np.empty((d, k, m, B.shape[2]), A.dtype)
    for i in range(d):
        for j in range(k):
            out[i, j] = A[i] @ B[(i + j) % d]
    return out


def einsum(A, B, k):
    BB = np.concatenate([B, B[:k - 1]], 0)
    BB = as_strided(BB, (A.shape[0], k) + B.shape[1:], np.repeat(BB.strides, (2, 1, 1)))
    return np.einsum("ikl,ijln->ijkn", A, BB)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("--sizes", default="64,16,32;64,16,64", help="d,k,s;... with m = n = l = s")
    args = p.parse_args()
    print_environment()

    big = 2000
    X = np.random.default_rng(0).random((big, big))
    Y = np.random.default_rng(1).random((big, big))
    missed = 0
    for case in args.sizes.split(";"):
        d, k, s = (int(v) for v in case.split(","))
        rng = np.random.default_rng(d + k + s)
        A, B = rng.random((d, s, s)), rng.random((d, s, s))
        ref = loop(A, B, k)
        out = np.empty_like(ref)
        for name, fn in (("einsum", einsum), ("fastlinalg", fastlinalg.rolled_matmul)):
            err = np.abs(fn(A, B, k) - ref).max() / np.abs(ref).max()
            assert err < 1e-13, f"{name} disagrees with the loop: {err:.2e}"
        t = interleaved_medians([("loop", lambda: loop(A, B, k)),
                                 ("einsum", lambda: einsum(A, B, k)),
                                 ("fastlinalg", lambda: fastlinalg.rolled_matmul(A, B, k)),
                                 ("fastlinalg out=", lambda: fastlinalg.rolled_matmul(A, B, k,
                                                                                      out=out))],
                                args.repeat)
        # Not interleaved: after a threaded call OpenBLAS's worker threads spin for a while,
        # and on 2 cores they would take the core fastlinalg's second thread runs on.
        t.update(interleaved_medians([("DGEMM", lambda: np.dot(X, Y))], args.repeat))
        flops = 2.0 * d * k * s ** 3
        rate = {name: (2.0 * big ** 3 if name == "DGEMM" else flops) / t[name] / 1e9 for name in t}
        print(f"\nd = {d}, k = {k}, m = n = l = {s} ({flops / 1e6:.0f} Mflop), median of "
              f"{args.repeat} interleaved samples")
        for name in t:
            speed = "" if name == "DGEMM" else f"{t[name] / t['fastlinalg']:8.2f}x"
            label = f"DGEMM n = {big}" if name == "DGEMM" else name
            print(f"  {label:<16} {fmt_time(t[name]):>12} {rate[name]:8.1f} GFLOP/s {speed}")
        speedup = min(t["loop"], t["einsum"]) / t["fastlinalg"]
        share = rate["fastlinalg"] / rate["DGEMM"]
        ok = speedup >= 4 and share >= 0.6
        missed += not ok
        print(f"  goals: >= 4x the better of loop/einsum: {speedup:.1f}x; >= 60% of DGEMM's "
              f"rate: {100 * share:.0f}%  -> {'met' if ok else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
