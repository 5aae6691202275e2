// Comparison of two PCM buffers: where they first differ, by how much, and in which seconds.
#pragma once

#include <cstdint>
#include <vector>

#include "aetrace/audio/pcm_buffer.h"

namespace aetrace::audio {

/// The result of compare_audio(). All amplitudes are normalized (integer full scale = 1.0).
struct AudioComparison {
    /// True when both buffers have the same frame count and every sample is equal (bit-equal when
    /// the sample formats match, equal in normalized value otherwise).
    bool identical = true;
    /// First differing frame and channel; when only the lengths differ, the shorter length and
    /// channel 0. Both 0 (meaningless) when `identical`.
    std::uint64_t first_diff_frame = 0;
    std::uint16_t first_diff_channel = 0;
    /// Largest |expected - actual| over all samples; frames present in only one buffer compare
    /// against 0. NaN differences count as +infinity.
    double max_abs_diff = 0.0;
    /// Largest distance between two samples present in both buffers, in units in the last place:
    /// for two f32 buffers the number of representable floats between the values (0 for equal
    /// values, +0 vs -0 counts 1, a NaN on either side counts UINT32_MAX); for two buffers of the
    /// same integer encoding the difference in integer steps of that encoding (LSBs). 0 when the
    /// sample formats differ (see max_abs_diff instead).
    std::uint64_t max_ulp_diff = 0;
    /// 10 * log10(sum(expected^2) / sum((expected - actual)^2)) over the longer length (a missing
    /// sample counts as 0); +infinity when the difference energy is 0 (always when `identical`).
    double snr_db = 0.0;
    /// Seconds (frame / sample_rate, counted from 0) holding at least one differing sample,
    /// ascending; frames present in only one buffer differ.
    std::vector<std::uint64_t> differing_seconds;
    std::uint64_t frames_a = 0;  ///< frames in `expected`
    std::uint64_t frames_b = 0;  ///< frames in `actual`
};

/// Compares `actual` (in) against the reference `expected` (in). The sample formats may differ
/// (values are compared normalized), but channels and sample rate must match, else
/// aetrace::InputError ("compare_audio: ...") is thrown; so is an unsupported format. Not RT-safe.
AudioComparison compare_audio(const PcmBuffer& expected, const PcmBuffer& actual);

}  // namespace aetrace::audio
