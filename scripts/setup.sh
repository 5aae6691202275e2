#!/usr/bin/env bash
# Installs what aetrace needs (Debian 12 packages) when it is missing, converts the real recordings
# that Debian packages ship into fixtures/system/, and configures + builds aetrace.
#
# Usage: scripts/setup.sh [--build-dir DIR] [--sanitize] [--werror] [--no-build]
#   --sanitize  build with ASan+UBSan      --werror  warnings are errors (CI does both)
# Environment: AETRACE_BUILD_DIR (default: build), AETRACE_JOBS (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${AETRACE_BUILD_DIR:-build}
sanitize=OFF
werror=OFF
do_build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --sanitize) sanitize=ON; shift ;;
    --werror) werror=ON; shift ;;
    --no-build) do_build=0; shift ;;
    *) echo "setup.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

packages=(
  cmake ninja-build pkg-config g++ git
  libsndfile1-dev libxxhash-dev googletest libgtest-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libfmt-dev libzstd-dev librapidcheck-dev
  sox libsox-fmt-all alsa-utils sound-theme-freedesktop strace
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

scripts/fetch-system-sounds.sh

if [ "$do_build" -eq 1 ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DAETRACE_SANITIZE="$sanitize" -DAETRACE_WERROR="$werror" >/dev/null
  cmake --build "$build_dir" -j "${AETRACE_JOBS:-$(nproc)}"
fi
