// WAV file I/O through libsndfile: read a WAV into a PcmBuffer in the file's own sample format,
// write a PcmBuffer as a WAV atomically.
#pragma once

#include <filesystem>

#include "aetrace/audio/pcm_buffer.h"

namespace aetrace::audio {

/// Reads the whole WAV file at `path` (in). Accepts any WAV (RIFF/RIFX, WAVE_FORMAT_EXTENSIBLE,
/// RF64) that libsndfile reads with 16/24/32-bit integer or 32-bit float samples, 1-8 channels, any
/// rate, and keeps the file's own sample format: PCM_16 -> s16, PCM_24 -> s24 (packed 3 bytes),
/// PCM_32 -> s32, FLOAT -> f32, as interleaved little-endian bytes whatever the host or file
/// endianness. Returns a buffer the caller owns. A data chunk shorter than its header claims (a
/// truncated file, or a streaming writer's placeholder size) is read as far as it goes, as
/// libsndfile does.
///
/// Throws aetrace::InputError with one line "<path>: <problem>" for a missing or unreadable file,
/// a file that is not a WAV, an unsupported sample format (8-bit, double, ADPCM, ...), more than 8
/// channels, zero frames, or a read error. Not real-time safe (allocates, does I/O). Thread-safe
/// for distinct calls.
PcmBuffer read_wav(const std::filesystem::path& path);

/// Writes `pcm` (in) to `path` (in) as a WAV in the buffer's own format (16/24/32-bit PCM or 32-bit
/// float; WAVE_FORMAT_EXTENSIBLE when channels > 2 or bits > 16, as POLICY #19 does for
/// GetFrameFormat). Writes to "<path>.tmp-XXXXXXXX" in the same folder (created exclusively,
/// io::AtomicFile), fsyncs it and renames it over `path` when complete, so `path` is never left
/// half-written. A buffer with zero frames writes a valid, empty WAV (which read_wav then
/// rejects).
///
/// Throws aetrace::InputError naming `path` when the format is unsupported or the file cannot be
/// written or renamed; the temp file is removed first. Not real-time safe.
void write_wav(const std::filesystem::path& path, const PcmBuffer& pcm);

}  // namespace aetrace::audio
