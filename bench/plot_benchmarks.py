#!/usr/bin/env python3
"""Draws the benchmark plots of README.md and docs/benchmarks.md from the CSV files that the
benchmarks write (docs/img/data/, commands in docs/benchmarks.md), into docs/img/:

  seed000_time_vs_size.png  seed 000 from Python: time against n for the seed's loop,
                            scipy's best route, numpy.linalg.solve and fastlinalg
  factor_solve_vs_lapacke.png  the C benchmark: factor + solve time against n, fastlinalg
                            (column- and row-major) against raw LAPACKE, LU and Cholesky,
                            and below, fastlinalg's time over LAPACKE's (1 = the same)
  seed_speedups.png         fastlinalg's speedup over the seeds' own code and over the best
                            numpy/scipy route, per seed workload

    python3 bench/plot_benchmarks.py [--data docs/img/data] [--out docs/img]

Needs matplotlib (Debian: python3-matplotlib). Every figure says which CSV it came from and
the BLAS core the benchmark ran on (the CSV's first line).
"""
import argparse
import csv
import os
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
COLORS = {"fastlinalg": "#1b7837", "fl_col": "#1b7837", "fl_row": "#5aae61",
          "scipy best": "#2166ac", "numpy.linalg.solve": "#9970ab", "loop (seed)": "#b2182b",
          "raw": "#2166ac"}


def read_csv(path):
    """(comment line or "", rows as dicts)."""
    with open(path, newline="") as f:
        first = f.readline()
        comment = first[1:].strip() if first.startswith("#") else ""
        if not comment:
            f.seek(0)
        return comment, list(csv.DictReader(f))


def caption(fig, path, comment):
    note = os.path.relpath(path, REPO) + (f"  ({comment})" if comment else "")
    fig.text(0.01, 0.005, note, fontsize=7, color="#555555", ha="left", va="bottom")


def seed000_time_vs_size(data, out):
    path = os.path.join(data, "seed000_sizes.csv")
    comment, rows = read_csv(path)
    series = defaultdict(list)
    for r in rows:
        series[r["variant"]].append((int(r["n"]), float(r["median_s"])))
    nrhs = rows[0]["nrhs"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, pts in series.items():
        pts.sort()
        ax.plot([p[0] for p in pts], [p[1] * 1e3 for p in pts], "o-", label=name,
                color=COLORS.get(name), linewidth=2.5 if name == "fastlinalg" else 1.5)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n (A is n x n)")
    ax.set_ylabel("time, ms (median; factor + all solves)")
    ax.set_title(f"Seed 000 from Python: factor A once, solve {nrhs} right-hand sides")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    caption(fig, path, comment)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(os.path.join(out, "seed000_time_vs_size.png"), dpi=100)


def factor_solve_vs_lapacke(data, out):
    path = os.path.join(data, "factor_solve_c.csv")
    comment, rows = read_csv(path)
    fig, grid = plt.subplots(2, 2, figsize=(10, 6.4), sharex=True,
                             gridspec_kw={"height_ratios": (2, 1)})
    for column, op, title in ((0, "lu_f64", "LU (getrf + getrs)"),
                              (1, "chol_f64", "Cholesky (potrf + potrs)")):
        ax, ratio_ax = grid[0][column], grid[1][column]
        series = defaultdict(list)
        for r in rows:
            if r["op"] == op and r["variant"] in ("raw", "fl_col", "fl_row") and r["nrhs"] == "10":
                series[r["variant"]].append((int(r["n"]), float(r["median_us"])))
        labels = {"raw": "LAPACKE (copy A, factor, solve)", "fl_col": "fastlinalg, column-major",
                  "fl_row": "fastlinalg, row-major"}
        raw = dict(series["raw"])
        for name in ("raw", "fl_col", "fl_row"):
            pts = sorted(series[name])
            ax.plot([p[0] for p in pts], [p[1] / 1e3 for p in pts], "o-", label=labels[name],
                    color=COLORS[name])
            if name != "raw":
                ratio_ax.plot([p[0] for p in pts], [p[1] / raw[p[0]] for p in pts], "o-",
                              color=COLORS[name])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
        ratio_ax.axhline(1.0, color=COLORS["raw"], linewidth=1)
        ratio_ax.set_xlabel("n (10 right-hand sides)")
        ratio_ax.grid(True, which="both", alpha=0.3)
    grid[0][0].set_ylabel("time, ms (median)")
    grid[1][0].set_ylabel("fastlinalg / LAPACKE")
    grid[0][0].legend()
    fig.suptitle("C: fastlinalg against raw LAPACKE on the same OpenBLAS, double")
    caption(fig, path, comment)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(os.path.join(out, "factor_solve_vs_lapacke.png"), dpi=100)


def seed_speedups(data, out):
    bars, sources = [], []
    path = os.path.join(data, "seed000_cases.csv")
    comment0, rows = read_csv(path)
    sources.append(path)
    by = defaultdict(dict)
    for r in rows:
        by[(r["n"], r["nrhs"])][r["variant"]] = float(r["median_s"])
    for (n, nrhs), t in sorted(by.items(), key=lambda kv: int(kv[0][0])):
        fl = t["fastlinalg"]
        best = min(t["scipy best"], t["numpy.linalg.solve"])
        bars.append((f"seed 000: n = {n}, {nrhs} b's", t["loop (seed)"] / fl, best / fl))
    path = os.path.join(data, "seed002.csv")
    _, rows = read_csv(path)
    sources.append(path)
    by = defaultdict(dict)
    for r in rows:
        by[r["n"]][r["route"]] = float(r["median_s"])
    for n, t in sorted(by.items(), key=lambda kv: int(kv[0])):
        fl = t["fastlinalg"]
        seed_best = min(v for k, v in t.items() if k != "fastlinalg")
        bars.append((f"seed 002: Y^T X^-1 Y, n = {n}", t["inverse (seed)"] / fl, seed_best / fl))
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(bars) + 1.6))
    ys = range(len(bars))
    h = 0.38
    ax.barh([y + h / 2 for y in ys], [b[1] for b in bars], h, color="#b2182b",
            label="vs the seed's code (loop / inverse)")
    ax.barh([y - h / 2 for y in ys], [b[2] for b in bars], h, color="#2166ac",
            label="vs the best numpy/scipy route")
    for y, b in zip(ys, bars):
        ax.text(b[1], y + h / 2, f" {b[1]:.1f}x", va="center", fontsize=8)
        ax.text(b[2], y - h / 2, f" {b[2]:.2f}x", va="center", fontsize=8)
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlim(0, max(max(b[1], b[2]) for b in bars) * 1.15)
    ax.set_yticks(list(ys))
    ax.set_yticklabels([b[0] for b in bars])
    ax.invert_yaxis()
    ax.set_xlabel("speedup of fastlinalg (time of the other / fastlinalg's; > 1 is faster)")
    ax.set_title("fastlinalg on the seed workloads, from Python")
    ax.legend(loc="upper right", fontsize=8)
    caption(fig, sources[0], comment0)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(os.path.join(out, "seed_speedups.png"), dpi=100)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.path.join(REPO, "docs", "img", "data"))
    p.add_argument("--out", default=os.path.join(REPO, "docs", "img"))
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for draw in (seed000_time_vs_size, factor_solve_vs_lapacke, seed_speedups):
        draw(args.data, args.out)
        print(f"drew {draw.__name__}")


if __name__ == "__main__":
    main()
