#!/usr/bin/env bash
# README test command: sets up (packages, system fixtures, build) and runs the whole test suite.
# Usage: scripts/test.sh [--sanitize] [--werror] [--build-dir DIR]   (CI passes --sanitize --werror)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${AETRACE_BUILD_DIR:-build}
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
scripts/setup.sh --build-dir "$build_dir" "${args[@]}"
ctest --test-dir "$build_dir" --output-on-failure -j "${AETRACE_JOBS:-$(nproc)}" --timeout 300
