#!/usr/bin/env bash
# README main-job command: sets up (packages, system fixtures, build), then runs every scenario in
# fixtures/scenarios/ on the real fixtures, checks each against its golden and replays its trace
# against the same implementation. One verdict line per scenario; exit 0 only when all pass.
# Outputs land in out/<scenario>/ (output.wav, trace.aetrace).
# Usage: scripts/run-fixtures.sh [--build-dir DIR] [extra `aetrace golden check` options]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${AETRACE_BUILD_DIR:-build}
if [ "${1:-}" = "--build-dir" ]; then build_dir=$2; shift 2; fi
scripts/setup.sh --build-dir "$build_dir"
echo "== aetrace: every scenario in fixtures/scenarios, checked against golden/ and replayed =="
exec "$build_dir/harness/cli/aetrace" golden check --replay "$@"
