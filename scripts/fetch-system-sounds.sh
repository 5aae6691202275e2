#!/usr/bin/env bash
# Converts real recordings shipped by Debian packages into fixtures/system/ (not committed):
#   alsa-utils              /usr/share/sounds/alsa/*.wav            (recorded speech, 48 kHz mono s16)
#   sound-theme-freedesktop /usr/share/sounds/freedesktop/stereo/*.oga (Ogg Vorbis, 44.1 kHz stereo)
# Each output is rewritten only when missing, so re-running is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/system
mkdir -p "$out"

convert() {  # convert SRC DST [sox output options...]
  local src=$1 dst=$2; shift 2
  [ -s "$dst" ] && return 0
  if [ ! -r "$src" ]; then
    echo "fetch-system-sounds: $src is missing (install alsa-utils and sound-theme-freedesktop)" >&2
    exit 2
  fi
  sox -q -R -D "$src" "$@" "$dst.tmp.wav"
  mv "$dst.tmp.wav" "$dst"
}

# Speech: the ALSA speaker-test voice, 48 kHz mono 16-bit, left as recorded.
convert /usr/share/sounds/alsa/Front_Center.wav "$out/alsa-front-center.wav"
# Two ALSA recordings joined into a stereo pair (left voice, right voice), 48 kHz s16.
if [ ! -s "$out/alsa-stereo-pair.wav" ]; then
  sox -q -R -D -M /usr/share/sounds/alsa/Front_Left.wav /usr/share/sounds/alsa/Front_Right.wav \
    "$out/alsa-stereo-pair.tmp.wav" trim 0 1.3
  mv "$out/alsa-stereo-pair.tmp.wav" "$out/alsa-stereo-pair.wav"
fi
# Freedesktop stereo sounds, decoded from Ogg Vorbis to 44.1 kHz stereo 32-bit float WAV.
convert /usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga \
  "$out/freedesktop-phone-incoming-call.wav" -e floating-point -b 32
convert /usr/share/sounds/freedesktop/stereo/complete.oga "$out/freedesktop-complete.wav" -b 16
