#!/usr/bin/env bash
# Runs fastlinalg-bench with repetitions and prints the fastlinalg/raw ratio tables.
#
#   bench/run_benchmarks.sh [BUILD_DIR] [extra Google Benchmark flags...]
#
# BUILD_DIR defaults to build-bench (relative to the repository root). The JSON and
# the markdown tables land in BUILD_DIR/bench-results/, named after the OpenBLAS kernel
# set in use: set OPENBLAS_CORETYPE=Haswell (or SkylakeX, ...) to pick one.
#
# Each op (dgemm_f64, lu_f64, chol_f64, lu_f32, solve_lu_f64, solve_chol_f64) runs as its own
# chunk, its repetitions randomly interleaved, so that raw and fastlinalg of one case
# are measured close together in time; a --benchmark_filter among the flags replaces
# the chunks with that one filter. The console output goes to bench_<tag>_<chunk>.log,
# the tables to stdout and bench_<tag>.md. About 3 minutes in all on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
shift || true
bin=$build/bench/fastlinalg-bench
out=$build/bench-results
tag=${OPENBLAS_CORETYPE:-default}
mkdir -p "$out"
rm -f "$out/bench_${tag}"_*.json "$out/bench_${tag}"_*.log

chunks=(dgemm_f64 lu_f64 chol_f64 lu_f32 solve_lu_f64 solve_chol_f64)
case " $* " in *" --benchmark_filter="*) chunks=(custom) ;; esac

for chunk in "${chunks[@]}"; do
  filter=()
  [ "$chunk" = custom ] || filter=(--benchmark_filter="^$chunk/")
  # The numbers mean little if something else runs meanwhile: say what the load was.
  echo "== $chunk, load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  "$bin" --benchmark_repetitions=9 --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true --benchmark_min_time=0.1 \
    --benchmark_out="$out/bench_${tag}_$chunk.json" --benchmark_out_format=json "${filter[@]}" "$@" \
    > "$out/bench_${tag}_$chunk.log"
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$root/bench/bench_ratios.py" "$out/bench_${tag}"_*.json | tee "$out/bench_$tag.md"
