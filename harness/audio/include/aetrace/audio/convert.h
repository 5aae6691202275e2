// Sample-format conversion between PCM formats of the same rate and channel count.
#pragma once

#include <cstdint>
#include <vector>

#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/pcm_buffer.h"

namespace aetrace::audio {

/// Converts every sample of `pcm` (in) to `sample_type`/`bits` (16, 24 or 32 for kInt; 32 for
/// kFloat); rate, channels and frame count are kept. Returns a new buffer the caller owns.
///
/// Scaling (full scale is 2^(bits-1) for integers, 1.0 for float):
/// - int -> float: v / 2^(bits-1), rounded to the nearest float (exact for s16 and s24).
/// - float -> int: x * 2^(bits-1), rounded to nearest (ties away from zero), clamped to
///   [-2^(bits-1), 2^(bits-1) - 1]; NaN becomes 0.
/// - int -> wider int: left shift (exact); int -> narrower int: rounded to nearest (ties away from
///   zero) and clamped, the same as going through an exact real value.
/// - same format: a copy.
///
/// Throws aetrace::InputError ("convert_samples: ...") when the target or source format is not one
/// StreamFormat supports (abi::is_supported). Not real-time safe (allocates).
PcmBuffer convert_samples(const PcmBuffer& pcm, abi::SampleType sample_type, std::uint16_t bits);

/// Every sample of `pcm` (in), interleaved, normalized so that integer full scale is 1.0 (int v /
/// 2^(bits-1)); float samples as they are. `result.size()` is frames * channels. Intended for
/// metrics; s32 samples lose their low bits in float. Throws aetrace::InputError ("to_float: ...")
/// for a format abi::is_supported rejects. Not real-time safe (allocates).
std::vector<float> to_float(const PcmBuffer& pcm);

}  // namespace aetrace::audio
