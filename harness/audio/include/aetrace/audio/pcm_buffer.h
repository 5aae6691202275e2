// PcmBuffer: interleaved little-endian PCM in one StreamFormat, owned in memory.
#pragma once

#include <cstdint>
#include <vector>

#include "aetrace/abi/wave_format.h"

namespace aetrace::audio {

/// Audio frames in `format` (interleaved, little-endian, format.bytes_per_frame() bytes a frame).
/// `bytes.size()` is always a whole number of frames.
struct PcmBuffer {
    abi::StreamFormat format;
    std::vector<std::uint8_t> bytes;

    /// Number of frames held.
    std::uint64_t frames() const noexcept {
        return format.bytes_per_frame() ? bytes.size() / format.bytes_per_frame() : 0;
    }
};

}  // namespace aetrace::audio
