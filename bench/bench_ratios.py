#!/usr/bin/env python3
"""Markdown tables of fastlinalg/raw ratios from fastlinalg-bench's JSON output.

Usage: python3 bench/bench_ratios.py [--csv OUT.csv] RESULTS.json [MORE.json ...]

--csv also writes every case's aggregates as one CSV row (op, variant, the case's size
parameters n, nrhs, m, rank, then median_us, min_us, cv), for bench/plot_benchmarks.py.

Reads the median (and cv) aggregates that --benchmark_repetitions writes, pairs the
variants of each "<op>/<variant>/n:<n>/nrhs:<nrhs>" case and prints one table per op:
the median times, fl_col/raw and fl_row/raw, and where raw_1t ran, fl_col against
the faster of raw and raw_1t. "cv" is the largest coefficient of variation among the
case's variants (how noisy the repetitions were); "fl_col/raw of mins" the same ratio
taken from the fastest repetitions instead of the medians.

The least-squares and symmetric ops (qr_ls_f64, cod_ls_f64, svd_ls_f64, ldlt_f64,
eigh_f64, geneig_f64, eigh_c128) get one table each with every variant's median, fl_col over each raw
reference (raw, and raw_gesdd / raw_sytrs2 where they ran), the same from the fastest
repetitions, fl_row/raw where fl_row ran, and cv; their names may carry more parameters ("m:2000/n:200/rank:150/nrhs:500").

The DGEMM reference ("dgemm_f64/<variant>/n:<n>", no nrhs) gets its own table: the
machine's GFLOPS (2 n^3 / time) from the median and from the fastest repetition.
"""
import csv
import json
import sys
from collections import OrderedDict

TO_US = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}
OP_ORDER = ["lu_f64", "chol_f64", "lu_f32", "solve_lu_f64", "solve_chol_f64"]
NEW_OPS = ["qr_ls_f64", "cod_ls_f64", "svd_ls_f64", "ldlt_f64", "eigh_f64", "geneig_f64", "eigh_c128"]
VARIANTS = ["raw", "raw_1t", "fl_col", "fl_row", "fl_nocheck"]


def fmt_time(us):
    if us is None:
        return "-"
    return f"{us / 1e3:.2f} ms" if us >= 1e3 else f"{us:.1f} us"


def fmt_ratio(a, b):
    return "-" if a is None or b is None else f"{a / b:.3f}"


def main(paths, csv_path=None):
    benchmarks, ctx = [], {}
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        ctx = ctx or data.get("context", {})
        benchmarks += data["benchmarks"]
    if csv_path:
        write_csv(benchmarks, ctx, csv_path)
    medians, cvs, mins = {}, {}, {}
    gemm = OrderedDict()  # (variant, n) -> {aggregate: microseconds or cv}
    new = OrderedDict()  # op -> params -> variant -> {aggregate: microseconds or cv}
    for b in benchmarks:
        if b.get("run_type") != "aggregate" or b.get("error_occurred"):
            continue
        parts = b["run_name"].split("/")
        op, variant = parts[0], parts[1]
        if op == "dgemm_f64":
            n = int(parts[2].split(":")[1])
            agg = b["aggregate_name"]
            val = b["real_time"] if agg == "cv" else b["real_time"] * TO_US[b["time_unit"]]
            gemm.setdefault((variant, n), {})[agg] = val
            continue
        if op in NEW_OPS:
            params = tuple((p.split(":")[0], int(p.split(":")[1])) for p in parts[2:] if ":" in p)
            agg = b["aggregate_name"]
            val = b["real_time"] if agg == "cv" else b["real_time"] * TO_US[b["time_unit"]]
            new.setdefault(op, OrderedDict()).setdefault(params, {}).setdefault(variant, {})[agg] = val
            continue
        n = int(parts[2].split(":")[1])
        nrhs = int(parts[3].split(":")[1])
        key = (op, n, nrhs)
        if b["aggregate_name"] == "median":
            medians.setdefault(key, {})[variant] = b["real_time"] * TO_US[b["time_unit"]]
        elif b["aggregate_name"] == "min":
            mins.setdefault(key, {})[variant] = b["real_time"] * TO_US[b["time_unit"]]
        elif b["aggregate_name"] == "cv":
            cvs.setdefault(key, {})[variant] = b["real_time"]
    print(f"core: {ctx.get('fl_blas_core', '?')}, OpenBLAS default threads: "
          f"{ctx.get('openblas_default_threads', '?')}, fastlinalg {ctx.get('fl_version', '?')}, "
          f"{ctx.get('date', '')}")
    if gemm:
        print("\n**dgemm_f64** (reference: cblas_dgemm, column-major, C = A B; "
              "GFLOPS = 2 n^3 / time)\n")
        print("| variant | n | median time | GFLOPS (median) | GFLOPS (fastest rep) | cv |")
        print("|---|---|---|---|---|---|")
        for (variant, n), a in sorted(gemm.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            flop = 2.0 * n ** 3
            med, mn, cv = a.get("median"), a.get("min"), a.get("cv")
            gf = lambda us: "-" if not us else f"{flop / (us * 1e-6) / 1e9:.1f}"
            print(f"| {variant} | {n} | {fmt_time(med)} | {gf(med)} | {gf(mn)} | "
                  f"{'-' if cv is None else f'{cv * 100:.1f}%'} |")
    ops = OrderedDict()
    for key in medians:
        ops.setdefault(key[0], []).append(key)
    rank = {op: i for i, op in enumerate(OP_ORDER)}
    for op, keys in sorted(ops.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])):
        keys.sort(key=lambda k: (k[1], k[2]))
        with_1t = any("raw_1t" in medians[k] for k in keys)
        with_nc = any("fl_nocheck" in medians[k] for k in keys)
        print(f"\n**{op}** (median real time of the repetitions)\n")
        head = ["n", "nrhs", "raw"] + (["raw_1t"] if with_1t else []) + [
            "fl_col", "fl_row", "fl_col/raw", "fl_row/raw"] + (["fl_col/best raw"] if with_1t else []) + (
            ["fl_nocheck/raw"] if with_nc else []) + ["fl_col/raw of mins", "cv"]
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for k in keys:
            m = medians[k]
            raw, raw1, col, row, nocheck = (m.get(v) for v in VARIANTS)
            cells = [str(k[1]), str(k[2]), fmt_time(raw)]
            if with_1t:
                cells.append(fmt_time(raw1))
            cells += [fmt_time(col), fmt_time(row), fmt_ratio(col, raw), fmt_ratio(row, raw)]
            if with_1t:
                best = min(t for t in (raw, raw1) if t is not None) if (raw or raw1) else None
                cells.append(fmt_ratio(col, best) if raw1 is not None else "-")
            if with_nc:
                cells.append(fmt_ratio(nocheck, raw))
            mn = mins.get(k, {})
            cells.append(fmt_ratio(mn.get("fl_col"), mn.get("raw")))
            cv = max(cvs.get(k, {}).values(), default=None)
            cells.append("-" if cv is None else f"{cv * 100:.1f}%")
            print("| " + " | ".join(cells) + " |")
    for op in NEW_OPS:
        if op in new:
            print_new_op(op, new[op])


CSV_SIZES = ["n", "nrhs", "m", "rank"]


def write_csv(benchmarks, ctx, path):
    """One row per (op, variant, size) with its median, min (microseconds) and cv, after a
    comment line saying what ran (the benchmark's context)."""
    rows = OrderedDict()
    for b in benchmarks:
        if b.get("run_type") != "aggregate" or b.get("error_occurred"):
            continue
        parts = b["run_name"].split("/")
        sizes = dict((p.split(":")[0], p.split(":")[1]) for p in parts[2:] if ":" in p)
        key = (parts[0], parts[1]) + tuple(sizes.get(k, "") for k in CSV_SIZES)
        agg = b["aggregate_name"]
        if agg in ("median", "min"):
            rows.setdefault(key, {})[agg + "_us"] = f"{b['real_time'] * TO_US[b['time_unit']]:.6g}"
        elif agg == "cv":
            rows.setdefault(key, {})["cv"] = f"{b['real_time']:.4f}"
    with open(path, "w", newline="") as f:
        f.write(f"# fastlinalg {ctx.get('fl_version', '?')}, BLAS core {ctx.get('fl_blas_core', '?')}, "
                f"OpenBLAS threads {ctx.get('openblas_default_threads', '?')}, "
                f"{ctx.get('num_cpus', '?')} CPUs, {ctx.get('date', '')}\n")
        out = csv.writer(f)
        out.writerow(["op", "variant"] + CSV_SIZES + ["median_us", "min_us", "cv"])
        for key, vals in rows.items():
            out.writerow(list(key) + [vals.get(k, "") for k in ("median_us", "min_us", "cv")])


def print_new_op(op, cases):
    seen = {v for per in cases.values() for v in per}
    raws = sorted((v for v in seen if v.startswith("raw")), key=lambda v: (v != "raw", v))
    variants = raws + sorted(v for v in seen if not v.startswith("raw"))
    names = [k for k, _ in next(iter(cases))]
    print(f"\n**{op}** (median real time of the repetitions)\n")
    row = ["fl_row/raw"] if "fl_row" in seen and "raw" in seen else []
    head = names + variants + [f"fl_col/{r}" for r in raws] + row + [f"fl_col/{r} of mins" for r in raws] + ["cv"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for params, per in sorted(cases.items(), key=lambda kv: tuple(-v if k == "m" else v for k, v in kv[0])):
        med = {v: per.get(v, {}).get("median") for v in variants}
        mn = {v: per.get(v, {}).get("min") for v in variants}
        cells = [str(val) for _, val in params] + [fmt_time(med[v]) for v in variants]
        cells += [fmt_ratio(med.get("fl_col"), med[r]) for r in raws]
        if row:
            cells.append(fmt_ratio(med.get("fl_row"), med.get("raw")))
        cells += [fmt_ratio(mn.get("fl_col"), mn[r]) for r in raws]
        cv = max((a.get("cv", 0) for a in per.values()), default=None)
        cells.append("-" if cv is None else f"{cv * 100:.1f}%")
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    args = sys.argv[1:]
    csv_out = None
    if args[:1] == ["--csv"] and len(args) >= 2:
        csv_out, args = args[1], args[2:]
    if not args:
        sys.exit(__doc__)
    main(args, csv_out)
