#!/usr/bin/env bash
# Regenerates the committed test fixtures fixtures/*.wav from real speech (espeak-ng) and real
# signals (sox synth). Deterministic: `sox -R` (repeatable random numbers), no dither (-D), fixed
# voices, texts and lengths, so running it twice gives byte-identical files (checked by md5sum in
# review). Each output is written to a temp file next to it and renamed into place.
#
#   speech-48k-stereo-s16.wav  48 kHz, 2 ch, s16, 3.0 s: two voices/sentences, right delayed 0.15 s
#   music-44k1-stereo-f32.wav  44.1 kHz, 2 ch, f32, 3.0 s: plucked chords/arpeggio, stereo-different
#   speech-16k-mono-s16.wav    16 kHz, 1 ch, s16, 3.0 s: one voice
#   surround-48k-8ch-s24.wav   48 kHz, 8 ch, s24, 2.0 s: speech on channel 1, a different tone or
#                              noise on each other channel (a channel swap changes the hash)
#
# Usage: scripts/make-fixtures.sh   (needs espeak-ng and sox; installs them with apt-get if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures
mkdir -p "$out"

need=()
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v sox >/dev/null 2>&1 || need+=(sox)
if [ ${#need[@]} -gt 0 ]; then
  echo "make-fixtures: installing ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"; rm -f "$out"/*.tmp.wav' EXIT

sx() { sox -q -V1 -R -D "$@"; }

say() {  # say VOICE SPEED TEXT OUT: espeak-ng speech (22.05 kHz mono s16) into OUT
  espeak-ng -v "$1" -s "$2" -w "$4" "$3"
}

publish() {  # publish TMP NAME: rename a finished temp file into fixtures/
  mv -f "$1" "$out/$2"
  echo "make-fixtures: wrote $out/$2"
}

# --- speech-48k-stereo-s16.wav -------------------------------------------------------------------
say en-us 165 "The quick brown fox jumps over the lazy dog, and then it runs away." "$work/left.wav"
say en-gb+f3 160 "Testing audio endpoints: one, two, three, four, five." "$work/right.wav"
sx "$work/left.wav" "$work/left48.wav" rate -v 48000 pad 0 3 trim 0 3
sx "$work/right.wav" "$work/right48.wav" rate -v 48000 pad 0.15 3 trim 0 3
sx -M "$work/left48.wav" "$work/right48.wav" -b 16 "$out/speech-48k-stereo-s16.tmp.wav"
publish "$out/speech-48k-stereo-s16.tmp.wav" speech-48k-stereo-s16.wav

# --- music-44k1-stereo-f32.wav -------------------------------------------------------------------
# Four plucked strings per side, each starting later (an arpeggio), different chords left and right;
# an A-minor chord answers at 1.5 s; a gentle fade-in and fade-out.
sx -n -r 44100 -c 4 "$work/chord1.wav" synth 1.5 pluck C4 pluck E4 pluck G4 pluck C5 \
  delay 0 0.12 0.24 0.36
sx -n -r 44100 -c 4 "$work/chord2.wav" synth 1.5 pluck A3 pluck C4 pluck E4 pluck A4 \
  delay 0 0.1 0.2 0.3
sx "$work/chord1.wav" "$work/chord2.wav" "$work/notes.wav"
sx "$work/notes.wav" -e floating-point -b 32 "$out/music-44k1-stereo-f32.tmp.wav" \
  remix 1v0.6,2v0.4 3v0.5,4v0.5 pad 0 3 trim 0 3 fade t 0.02 3 0.4 gain -3
publish "$out/music-44k1-stereo-f32.tmp.wav" music-44k1-stereo-f32.wav

# --- speech-16k-mono-s16.wav ---------------------------------------------------------------------
say en-us+m3 155 "Please record this call and replay it later, exactly as it happened." "$work/mono.wav"
sx "$work/mono.wav" -b 16 "$out/speech-16k-mono-s16.tmp.wav" rate -v 16000 pad 0 3 trim 0 3
publish "$out/speech-16k-mono-s16.tmp.wav" speech-16k-mono-s16.wav

# --- surround-48k-8ch-s24.wav --------------------------------------------------------------------
say en-us 170 "Channel one is speech. The others are tones and noise." "$work/front.wav"
sx "$work/front.wav" "$work/front48.wav" rate -v 48000 pad 0 2 trim 0 2
# Channels 2-8: 440 Hz sine, 660 Hz sine, 110 Hz square, white noise, pink noise, a 200-2000 Hz
# sweep, a 330 Hz sawtooth; each at its own level.
sx -n -r 48000 -c 7 "$work/others.wav" synth 2 sine 440 sine 660 square 110 whitenoise \
  pinknoise sine 200-2000 sawtooth 330 \
  remix 1v0.5 2v0.4 3v0.2 4v0.1 5v0.15 6v0.3 7v0.25
sx -M "$work/front48.wav" "$work/others.wav" -b 24 "$out/surround-48k-8ch-s24.tmp.wav" \
  fade t 0.01 2 0.05
publish "$out/surround-48k-8ch-s24.tmp.wav" surround-48k-8ch-s24.wav
