#!/usr/bin/env python3
"""Stacks of small matrices (issue 12's table): numpy.linalg's stacked solve, inv, cholesky,
eigh and slogdet against fastlinalg.linalg's on the same arrays, with the time of copying A
and b once (the memory floor) measured in the same run. float64, C order; one b per matrix.
fastlinalg runs on one thread and on all of fastlinalg.get_num_threads(); numpy's stacked
linalg calls LAPACK once per matrix and runs with one BLAS thread here (with the system
OpenBLAS numpy and fastlinalg share one thread setting; more threads only add overhead at
these sizes).

    python3 bench/python/bench_batched.py [--repeat 5] [--scale 10]

Prints a table of medians and the ratios numpy / fastlinalg.
"""
import argparse

from bench_common import fmt_time, interleaved_medians, print_environment  # noqa: E402

import numpy as np  # noqa: E402

import fastlinalg  # noqa: E402
from fastlinalg import linalg as fla  # noqa: E402

CASES = [(1_000_000, 3), (100_000, 8), (10_000, 16), (1_000, 32), (1_000, 64)]


def stacks(count, n, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((count, n, n)) + 0.5 * n * np.eye(n)
    s = a @ np.swapaxes(a, -1, -2) + n * np.eye(n)
    b = rng.standard_normal((count, n, 1))
    return a, s, b


def run_case(count, n, repeat, threads_all):
    a, s, b = stacks(count, n)
    ops = {
        "solve": (lambda: np.linalg.solve(a, b), lambda: fla.solve(a, b)),
        "inv": (lambda: np.linalg.inv(a), lambda: fla.inv(a)),
        "cholesky": (lambda: np.linalg.cholesky(s), lambda: fla.cholesky(s)),
        "eigh": (lambda: np.linalg.eigh(s), lambda: fla.eigh(s)),
        "slogdet": (lambda: np.linalg.slogdet(a), lambda: fla.slogdet(a)),
    }
    copy_a, copy_b = np.empty_like(a), np.empty_like(b)

    def copy_once():
        np.copyto(copy_a, a)
        np.copyto(copy_b, b)

    results = {}
    for name, (numpy_call, fl_call) in ops.items():
        def numpy_timed(numpy_call=numpy_call):
            fastlinalg.set_num_threads(1)  # numpy's stacks call LAPACK per matrix: 1 thread
            return numpy_call()
        calls = [("numpy", numpy_timed)]
        for threads in (1, threads_all):
            def timed(fl_call=fl_call, threads=threads):
                fastlinalg.set_num_threads(threads)
                return fl_call()
            calls.append((f"fl t{threads}", timed))
        calls.append(("copy", copy_once))
        med = interleaved_medians(calls, repeat, min_sample_s=0.02)
        results[name] = med
    fastlinalg.set_num_threads(threads_all)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1,
                        help="divide the issue's counts by this (10: a run of about two minutes)")
    args = parser.parse_args()
    print_environment()
    threads_all = fastlinalg.get_num_threads()
    print(f"\n{'stack':>14} {'op':>9} {'numpy':>12} {'fl 1 thread':>12} {'ratio':>7} "
          f"{'fl ' + str(threads_all) + ' threads':>13} {'ratio':>7} {'copy A, b':>12}")
    for count, n in CASES:
        count = max(count // args.scale, 10)
        for op, med in run_case(count, n, args.repeat, threads_all).items():
            t1, tall = med["fl t1"], med[f"fl t{threads_all}"]
            print(f"{count:>8} x {n:>2}x{n:<2} {op:>9} {fmt_time(med['numpy'])} {fmt_time(t1)} "
                  f"{med['numpy'] / t1:6.1f}x {fmt_time(tall)} {med['numpy'] / tall:6.1f}x "
                  f"{fmt_time(med['copy'])}")


if __name__ == "__main__":
    main()
