// StreamFormat: the harness's plain description of an endpoint format, and its
// WAVEFORMATEX(TENSIBLE) form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "aetrace/abi/types.h"

namespace aetrace::abi {

enum class SampleType : std::uint8_t { kInt, kFloat };

/// Interleaved PCM: `channels` samples per frame, each `bits_per_sample` wide (container bits, one
/// of 16, 24, 32 for kInt; 32 for kFloat), little-endian.
struct StreamFormat {
    SampleType sample_type = SampleType::kInt;
    std::uint16_t bits_per_sample = 16;
    std::uint16_t channels = 2;
    std::uint32_t sample_rate = 48000;  ///< frames per second

    std::uint32_t bytes_per_sample() const noexcept { return bits_per_sample / 8u; }
    /// nBlockAlign: bytes of one frame (all channels).
    std::uint32_t bytes_per_frame() const noexcept { return bytes_per_sample() * channels; }
    friend bool operator==(const StreamFormat&, const StreamFormat&) = default;
};

/// True when the format is one the harness supports: 1-8 channels, rate 1 Hz..768 kHz, int 16/24/32
/// or float 32. Otherwise `why` (if given) says what is wrong.
bool is_supported(const StreamFormat& format, std::string* why = nullptr);

/// The WAVEFORMATEX(TENSIBLE) for `format` (POLICY #19): WAVEFORMATEXTENSIBLE when channels > 2 or
/// bits > 16, else a plain WAVEFORMATEX (tag PCM or IEEE_FLOAT, cbSize 0). Returns the number of
/// meaningful bytes: 18 or 40.
std::uint32_t to_wave_format(const StreamFormat& format, WAVEFORMATEXTENSIBLE* out) noexcept;

/// Reads a WAVEFORMATEX or WAVEFORMATEXTENSIBLE (`bytes` = 18 + cbSize available). Returns nullopt
/// for tags other than PCM, IEEE_FLOAT and EXTENSIBLE with a PCM/float subformat, or a truncated
/// struct.
std::optional<StreamFormat> from_wave_format(const WAVEFORMATEX* format,
                                             std::uint32_t bytes) noexcept;

/// Short text form, e.g. "48000 Hz, 2 ch, s16" / "44100 Hz, 2 ch, f32".
std::string describe(const StreamFormat& format);

}  // namespace aetrace::abi
