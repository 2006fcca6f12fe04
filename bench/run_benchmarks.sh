#!/usr/bin/env bash
# Runs fastlinalg-bench with repetitions and prints the fastlinalg/raw ratio tables.
#
#   bench/run_benchmarks.sh [BUILD_DIR] [extra Google Benchmark flags...]
#
# BUILD_DIR defaults to build-bench (relative to the repository root). The JSON and
# the markdown tables land in BUILD_DIR/bench-results/, named after the OpenBLAS kernel
# set in use: set OPENBLAS_CORETYPE=Haswell (or SkylakeX, ...) to pick one.
#
# Each op (dgemm_f64, lu_f64, chol_f64, lu_f32, solve_lu_f64, solve_chol_f64, and the
# least-squares / symmetric ones qr_ls_f64, cod_ls_f64, svd_ls_f64, ldlt_f64, eigh_f64,
# geneig_f64) runs
# as its own chunk, its repetitions randomly interleaved, so that raw and fastlinalg of one case
# are measured close together in time; a --benchmark_filter among the flags replaces
# the chunks with that one filter. The console output goes to bench_<tag>_<chunk>.log,
# the tables to stdout and bench_<tag>.md. About 3 minutes for the LU/Cholesky chunks on
# 2 cores, about 4 more for the others. CHUNKS="qr_ls_f64 ldlt_f64" runs only the chunks
# named (older JSON of other chunks is kept and tabled too); the least-squares and
# symmetric chunks run 7 repetitions (REPS_SLOW) instead of 9 (REPS) to keep them short.
# bench_<tag>.csv gets every case's median, min and cv for bench/plot_benchmarks.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
shift || true
bin=$build/bench/fastlinalg-bench
out=$build/bench-results
tag=${OPENBLAS_CORETYPE:-default}
mkdir -p "$out"
all_chunks=(dgemm_f64 lu_f64 chol_f64 lu_f32 solve_lu_f64 solve_chol_f64 qr_ls_f64 cod_ls_f64 svd_ls_f64 ldlt_f64 eigh_f64 geneig_f64 quadform_f64 lu_c128 chol_c128 eigh_c128 svd_c128)
if [ -n "${CHUNKS:-}" ]; then
  read -r -a chunks <<< "$CHUNKS"
  for c in "${chunks[@]}"; do rm -f "$out/bench_${tag}_$c.json" "$out/bench_${tag}_$c.log"; done
else
  chunks=("${all_chunks[@]}")
  rm -f "$out/bench_${tag}"_*.json "$out/bench_${tag}"_*.log
fi
case " $* " in *" --benchmark_filter="*) chunks=(custom) ;; esac

for chunk in "${chunks[@]}"; do
  filter=()
  [ "$chunk" = custom ] || filter=(--benchmark_filter="^$chunk/")
  # The numbers mean little if something else runs meanwhile: say what the load was.
  echo "== $chunk, load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  reps=${REPS:-9}
  case $chunk in qr_ls_f64|cod_ls_f64|svd_ls_f64|ldlt_f64|eigh_f64|geneig_f64|eigh_c128|svd_c128) reps=${REPS_SLOW:-7} ;; esac
  "$bin" --benchmark_repetitions=$reps --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true --benchmark_min_time=0.1 \
    --benchmark_out="$out/bench_${tag}_$chunk.json" --benchmark_out_format=json "${filter[@]}" "$@" \
    > "$out/bench_${tag}_$chunk.log"
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$root/bench/bench_ratios.py" --csv "$out/bench_$tag.csv" "$out/bench_${tag}"_*.json |
  tee "$out/bench_$tag.md"
