#!/usr/bin/env bash
# ThreadSanitizer run of the recorder's lock-free capture path (per-thread rings, writer thread,
# proxies outliving the recorder). Needs the packages of scripts/setup.sh. CI runs it after the
# README test command.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${AETRACE_TSAN_BUILD_DIR:-build-tsan}
scripts/setup.sh --no-build
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAETRACE_TSAN=ON \
  -DAETRACE_WERROR=ON -DAETRACE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build_dir" -j "${AETRACE_JOBS:-$(nproc)}" --target record_test record_rt_alloc_test
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
  ctest --test-dir "$build_dir" -R '^Recorder' --output-on-failure --timeout 300
