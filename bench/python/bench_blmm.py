#!/usr/bin/env python3
"""Seed 001 (BLMM): the notebook's block sums three ways, at the notebook's sizes.

  loop        the notebook's left-hand sides: a Python loop over the blocks
  reshape     the notebook's right-hand sides: reshapes, matb2vecb, one product, and the
              I (x) K (x) I permutation (built once, as scipy.sparse, outside the timing, as
              the notebook says it "only needs be calculated once"; its Lemma 4 builds it
              dense, 16000x16000 = 2 GB, which the sparse form beats)
  fastlinalg  one library call
Times are medians of interleaved samples. Loops that take seconds are timed on a prefix of
their blocks and scaled to all of them (marked *). Then large cases, with the GFLOP/s of
fastlinalg against a DGEMM of the same flop count measured in the same run.

    chrt -f 10 python3 bench/python/bench_blmm.py            # default OpenBLAS core
    OPENBLAS_CORETYPE=Haswell chrt -f 10 python3 bench/python/bench_blmm.py

FASTLINALG_LIBRARY selects the library (default: the newest build*/src/libfastlinalg.so).
"""
import argparse
import os
import statistics
import sys
import timeit

from bench_common import REPO, fmt_time, print_environment  # noqa: E402  (sets up the paths)

import numpy as np  # noqa: E402
import scipy.sparse  # noqa: E402

import fastlinalg as fl  # noqa: E402

sys.path.insert(0, os.path.join(REPO, "bindings", "python", "tests"))
from notebook_forms import comMat, mat2vec, matb2vecb  # noqa: E402


# ---- the notebook's forms (its helpers are shared with the tests) ---------------------------
def ipi(k, a, b, n):
    """I_k (x) comMat(a, b) (x) I_n, sparse (built once, outside the timings)."""
    return scipy.sparse.kron(scipy.sparse.kron(scipy.sparse.identity(k),
                                               scipy.sparse.csr_matrix(comMat(a, b))),
                             scipy.sparse.identity(n)).tocsr()


def lemma1(rng):
    m, n, k = 8, 2, 4
    A, B = rng.standard_normal((m, k)), rng.standard_normal((m, k))

    def loop(blocks=m // n):
        s = np.zeros((n, n))
        for i in range(blocks):
            s = s + A[n * i:n * (i + 1), :] @ B[n * i:n * (i + 1), :].transpose()
        return s

    def reshape():
        return A.transpose().reshape((m * k // n, n)).transpose() @ B.transpose().reshape((m * k // n, n))

    return "Lemma 1  sum A_i B_i'        m=8 n=2 k=4", loop, m // n, reshape, \
        lambda: fl.block_sum_abt(A, B, n), None, 2 * n * m * k


def lemma2(rng):
    m, n, k1, k2 = 1000, 2, 100, 3
    A, B, C = rng.standard_normal((m, k1)), rng.standard_normal((m, k2)), rng.standard_normal((k1, k2))

    def loop(blocks=m // n):
        s = np.zeros((n, n))
        for i in range(blocks):
            s = s + A[n * i:n * (i + 1), :] @ C @ B[n * i:n * (i + 1), :].transpose()
        return s

    def reshape():  # the notebook's faster ("RHS") association
        return (C.transpose() @ A.transpose()).reshape((m * k2 // n, n)).transpose() @ \
            B.transpose().reshape((m * k2 // n, n))

    return "Lemma 2  sum A_i C B_i'      m=1000 n=2 k1=100 k2=3", loop, m // n, reshape, \
        lambda: fl.block_sum_acbt(A, C, B, n), None, 2 * m * k1 * k2 + 2 * n * m * k2


def lemma4(rng):
    m, n, k1, k2 = 4000, 2, 4000, 1
    A, B = rng.standard_normal((m, k1)), rng.standard_normal((m, k2))
    IPI = ipi(k1, n, k2, n)

    def loop(blocks=m // n):
        s = np.zeros((n ** 2, k1 * k2))
        for i in range(blocks):
            s = s + np.kron(A[n * i:n * (i + 1), :], B[n * i:n * (i + 1), :])
        return s

    def reshape():
        vecba = mat2vec(matb2vecb(B, n).transpose() @ matb2vecb(A, n))
        return (IPI @ vecba).reshape(k1 * k2, n ** 2).transpose()

    def part(blocks):  # the same sum over the first blocks, to check the sampled loop
        return fl.block_sum_kron(A[:blocks * n], B[:blocks * n], n)

    return "Lemma 4  sum A_i (x) B_i     m=4000 n=2 k1=4000 k2=1", loop, 200, reshape, \
        lambda: fl.block_sum_kron(A, B, n), part, 2 * n * n * k1 * k2 * (m // n)


def lemma5(rng):
    n1 = n2 = 2
    m1, m2, k1, k2 = 1000, 1200, 1000, 1000
    A, B = rng.standard_normal((m1, k1)), rng.standard_normal((m2, k1))
    C, D = rng.standard_normal((m1, k2)), rng.standard_normal((m2, k2))
    IPI1, IPI2 = ipi(k1, n1, k2, n1), ipi(k1, n2, k2, n2)

    def loop(blocks=m2 // n2):
        s = np.zeros((n1 ** 2, n2 ** 2))
        for j in range(blocks):
            Bj, Dj = B[n2 * j:n2 * (j + 1), :], D[n2 * j:n2 * (j + 1), :]
            for i in range(m1 // n1):
                Ai, Ci = A[n1 * i:n1 * (i + 1), :], C[n1 * i:n1 * (i + 1), :]
                s = s + np.kron(Ai @ Bj.transpose(), Ci @ Dj.transpose())
        return s

    def reshape():
        vecca = mat2vec(matb2vecb(C, n1).transpose() @ matb2vecb(A, n1))
        vecdb = mat2vec(matb2vecb(D, n2).transpose() @ matb2vecb(B, n2))
        return (IPI1 @ vecca).reshape(k1 * k2, n1 ** 2).transpose() @ \
            (IPI2 @ vecdb).reshape(k1 * k2, n2 ** 2)

    def part(blocks):
        return fl.block_sum_kron_abt_cdt(A, B[:blocks * n2], C, D[:blocks * n2], n1, n2)

    flops = 2 * m1 * m2 * (k1 + k2 + n1 * n2)  # the products-first route's count
    return "Lemma 5  sum_ij A_iB_j'(x)C_iD_j'  m1=1000 m2=1200 k1=k2=1000 n=2", loop, 12, reshape, \
        lambda: fl.block_sum_kron_abt_cdt(A, B, C, D, n1, n2), part, flops


def lemma6(rng):
    n1 = n2 = 2
    m1, m2, k = 400, 800, 100
    A, B, C = rng.standard_normal((m1, m2)), rng.standard_normal((m1, k)), rng.standard_normal((m2, k))
    IPI = ipi(n2, n1, n2, n1)

    def loop(blocks=m1 // n1):
        s = np.zeros((n1 ** 2, n2 ** 2))
        for i in range(blocks):
            for j in range(m2 // n2):
                s = s + np.kron(A[n1 * i:n1 * (i + 1), n2 * j:n2 * (j + 1)],
                                B[n1 * i:n1 * (i + 1), :] @ C[n2 * j:n2 * (j + 1), :].transpose())
        return s

    def reshape():
        As = A.reshape((m1 // n1, n1, m2 // n2, n2)).transpose(0, 2, 1, 3).reshape(m1 * m2 // n2, n2)
        BCt = B @ C.transpose()
        BCts = BCt.reshape((m1 // n1, n1, m2 // n2, n2)).transpose(0, 2, 1, 3).reshape(m1 * m2 // n2, n2)
        vecbca = mat2vec(matb2vecb(BCts, n1).transpose() @ matb2vecb(As, n1))
        return (IPI @ vecbca).reshape(n1 ** 2, n2 ** 2).transpose()

    def part(blocks):
        return fl.block_sum_kron_grid(A[:blocks * n1], B[:blocks * n1], C, n1, n2)

    return "Lemma 6  sum_ij A_ij (x) B_iC_j'   m1=400 m2=800 k=100 n=2", loop, 10, reshape, \
        lambda: fl.block_sum_kron_grid(A, B, C, n1, n2), part, 2 * m1 * m2 * k + 2 * n1 * n2 * m1 * m2


def calibrate(fn, min_sample_s):
    timer = timeit.Timer(fn)
    number, t = 1, timer.timeit(1)
    while t * number < min_sample_s and number < 10 ** 6:
        number *= 2 if t * number * 10 > min_sample_s else 10
    return number


def medians(fns, repeat, min_sample_s):
    """Median seconds per call of each function, samples interleaved round by round."""
    numbers = [calibrate(f, min_sample_s) for f in fns]
    samples = [[] for _ in fns]
    for _ in range(repeat):
        for f, number, s in zip(fns, numbers, samples):
            s.append(timeit.timeit(f, number=number) / number)
    return [statistics.median(s) for s in samples]


def seed_sizes(repeat):
    rng = np.random.default_rng(1)
    print("\nThe notebook's sizes (median times; speedups of fastlinalg over each form):")
    print(f"  {'':58} {'loop':>12} {'reshape':>12} {'fastlinalg':>12}  {'vs loop':>8} "
          f"{'vs reshape':>10}  max|fl-reshape|  max|fl-loop|")
    for make in (lemma1, lemma2, lemma4, lemma5, lemma6):
        title, loop, sample, reshape, fast, part, _ = make(rng)
        blocks = loop.__defaults__[0]
        t_reshape, t_fast = medians([reshape, fast], repeat, 0.02)
        if sample < blocks:  # scaled from a prefix of the blocks
            t_loop = medians([lambda: loop(sample)], 1, 0.0)[0] * blocks / sample
            diff_loop = np.abs(part(sample) - loop(sample)).max()
        else:
            t_loop = medians([loop], max(3, repeat // 3), 0.02)[0]
            diff_loop = np.abs(fast() - loop()).max()
        diff = np.abs(fast() - reshape()).max()
        star = "*" if sample < blocks else " "
        print(f"  {title:58} {fmt_time(t_loop)}{star}{fmt_time(t_reshape)} {fmt_time(t_fast)} "
              f"{t_loop / t_fast:8.0f}x {t_reshape / t_fast:9.2f}x  {diff:15.2e}  {diff_loop:11.2e}")
    print("  * loop timed on a prefix of the blocks (Lemma 4: 200 of 2000; Lemma 5: 12 of 600 "
          "j's; Lemma 6: 10 of 200 i's) and scaled; max|fl-loop| there is over that prefix.")


def large_cases(repeat):
    rng = np.random.default_rng(2)
    n_sq = 2000
    X, Y = rng.standard_normal((n_sq, n_sq)), rng.standard_normal((n_sq, n_sq))
    cases = []
    m, n, k = 51200, 256, 256
    A, B = rng.standard_normal((m, k)), rng.standard_normal((m, k))
    P, Q = np.ascontiguousarray(A.T.reshape(m * k // n, n).T), np.ascontiguousarray(B.T.reshape(m * k // n, n).T)
    cases.append(("Lemma 1, A, B 51200x256 C-order, n=256", lambda: fl.block_sum_abt(A, B, n),
                  lambda: P @ Q.T, 2 * n * m * k))
    Af = np.asfortranarray(A)
    cases.append(("Lemma 1, A = B (SYRK), Fortran order", lambda: fl.block_sum_abt(Af, Af, n),
                  lambda: P @ P.T, n * m * k))  # numpy runs P @ P.T as a SYRK too
    m4, n4, k4 = 8000, 4, 128
    A4, B4 = rng.standard_normal((m4, k4)), rng.standard_normal((m4, k4))
    U, V = A4.reshape(m4 // n4, n4 * k4), B4.reshape(m4 // n4, n4 * k4)
    cases.append(("Lemma 4, 8000x128 each, n=4", lambda: fl.block_sum_kron(A4, B4, n4),
                  lambda: U.T @ V, 2 * (n4 * k4) ** 2 * (m4 // n4)))
    m6, k6 = 2000, 1000
    A6, B6, C6 = rng.standard_normal((m6, m6)), rng.standard_normal((m6, k6)), rng.standard_normal((m6, k6))
    cases.append(("Lemma 6, m1=m2=2000, k=1000, n=2", lambda: fl.block_sum_kron_grid(A6, B6, C6, 2, 2),
                  lambda: B6 @ C6.T, 2 * m6 * m6 * k6 + 8 * m6 * m6))
    print(f"\nLarge cases: GFLOP/s of fastlinalg vs a DGEMM of the same shape/flops (numpy, same "
          f"run) and vs a {n_sq}x{n_sq} DGEMM:")
    t_sq = medians([lambda: X @ Y], repeat, 0.05)[0]
    rate_sq = 2 * n_sq ** 3 / t_sq / 1e9
    print(f"  DGEMM {n_sq}x{n_sq}: {fmt_time(t_sq)}  {rate_sq:6.1f} GFLOP/s")
    for title, fast, ref, flops in cases:
        t_fast, t_ref = medians([fast, ref], repeat, 0.05)
        print(f"  {title:44} {fmt_time(t_fast)} {flops / t_fast / 1e9:6.1f} GFLOP/s   "
              f"same-flop DGEMM {flops / t_ref / 1e9:6.1f} GFLOP/s ({t_ref / t_fast:4.2f})   "
              f"vs {n_sq}^2 DGEMM {flops / t_fast / 1e9 / rate_sq:4.2f}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=9, help="samples per variant")
    p.add_argument("--only-seed", action="store_true", help="skip the large cases")
    args = p.parse_args()
    print_environment()
    seed_sizes(args.repeat)
    if not args.only_seed:
        large_cases(max(3, args.repeat // 2))


if __name__ == "__main__":
    main()
