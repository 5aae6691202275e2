#!/usr/bin/env bash
# Builds the recorder benchmarks (Release, no sanitizers) and runs them (docs/PERFORMANCE.md).
# The console output is shown and also written to a file, preceded by the machine and the commit.
#
# Usage: scripts/bench.sh [--build-dir DIR] [--out FILE] [-- RECORDER_BENCH_ARGS...]
#   --build-dir DIR  build directory (default: build-bench)
#   --out FILE       output file (default: out/bench/recorder_bench-<UTC time>.txt)
#   after --          passed to recorder_bench, e.g. -- --samples=200000 --benchmark_filter=Passes
# Environment: AETRACE_JOBS (default 2) parallel build jobs.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build-bench
out=""
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; bench_args=("$@"); break ;;
    *) echo "bench.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="out/bench/recorder_bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p "$(dirname "$out")"

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAETRACE_SANITIZE=OFF \
  -DAETRACE_BUILD_BENCHMARKS=ON >/dev/null
cmake --build "$build_dir" --target recorder_bench -j "${AETRACE_JOBS:-2}"

{
  echo "# recorder_bench run"
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (work tree modified)')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "kernel: $(uname -sr)"
  echo "clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null || echo unknown)"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: $build_dir/tests/bench/recorder_bench ${bench_args[*]:-}"
  echo
} | tee "$out"
"$build_dir/tests/bench/recorder_bench" "${bench_args[@]}" 2>&1 | tee -a "$out"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo "bench.sh: output written to $out"
