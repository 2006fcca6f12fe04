"""What the Python benchmarks share: finding the package and the library, formatting
times, and saying what ran underneath.

Importing this module puts bindings/python on sys.path and, unless FASTLINALG_LIBRARY is
set, points it at the newest build*/src/libfastlinalg.so of the repository.
"""
import glob
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "bindings", "python"))
if not os.environ.get("FASTLINALG_LIBRARY"):
    _builds = sorted(glob.glob(os.path.join(REPO, "build*", "src", "libfastlinalg.so")),
                     key=os.path.getmtime, reverse=True)
    if _builds:
        os.environ["FASTLINALG_LIBRARY"] = _builds[0]


def write_csv(path, header, rows):
    """Writes rows (sequences matching header) to path as CSV, for bench/plot_benchmarks.py;
    the environment (BLAS core, versions) goes into a leading comment line."""
    import csv

    import fastlinalg
    with open(path, "w", newline="") as f:
        f.write(f"# fastlinalg {fastlinalg.__version__}, BLAS core {fastlinalg.blas_core()}, "
                f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
                f"BLAS threads {fastlinalg.get_num_threads()}, CPUs {os.cpu_count()}, "
                f"load {os.getloadavg()[0]:.1f}\n")
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    print(f"wrote {path}")


def fmt_time(t):
    if t < 1e-3:
        return f"{t * 1e6:9.1f} us"
    if t < 1:
        return f"{t * 1e3:9.2f} ms"
    return f"{t:9.3f} s "


def print_environment():
    """The versions, the BLAS, its kernel set and threads, and the machine's load."""
    import numpy as np
    import scipy

    import fastlinalg

    print(f"fastlinalg {fastlinalg.__version__} (library {fastlinalg.library_version()}, "
          f"{fastlinalg.library_path()})")
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, Python {platform.python_version()}")
    print(f"BLAS: {fastlinalg.blas_info()}")
    print(f"OpenBLAS core: {fastlinalg.blas_core()}   "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}   "
          f"BLAS threads: {fastlinalg.get_num_threads()}   CPUs: {os.cpu_count()}   "
          f"load average: {os.getloadavg()[0]:.1f}")


def interleaved_medians(named_calls, repeat, min_sample_s=2e-3):
    """{name: median seconds per call} for (name, zero-argument callable) pairs. Each sample
    times enough calls to last about min_sample_s; one sample of every call per round, so
    that all of them see the same machine load."""
    import statistics
    import timeit

    timers, numbers = {}, {}
    for name, fn in named_calls:
        timer = timeit.Timer(fn)
        number, t = 1, timer.timeit(1)  # also the warm-up
        while t * number < min_sample_s and number < 10**6:
            number *= 2 if t * number * 10 > min_sample_s else 10
        timers[name], numbers[name] = timer, number
    samples = {name: [] for name, _ in named_calls}
    for _ in range(repeat):
        for name, _ in named_calls:
            samples[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    return {name: statistics.median(s) for name, s in samples.items()}
