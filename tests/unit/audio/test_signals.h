// Deterministic test signals for the audio tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "aetrace/audio/pcm_buffer.h"

namespace aetrace::audio::testing {

/// A buffer of `frames` frames in `format` filled with a deterministic pattern that differs in
/// every channel and uses the full range (including the extreme values) of integer formats.
inline PcmBuffer make_signal(const abi::StreamFormat& format, std::uint64_t frames) {
    PcmBuffer pcm;
    pcm.format = format;
    const std::size_t size = format.bytes_per_sample();
    pcm.bytes.resize(static_cast<std::size_t>(frames) * format.bytes_per_frame());
    std::uint32_t state = 0x12345678u;
    std::uint8_t* p = pcm.bytes.data();
    for (std::uint64_t f = 0; f < frames; ++f) {
        for (std::uint16_t ch = 0; ch < format.channels; ++ch, p += size) {
            state = state * 1664525u + 1013904223u;  // LCG
            if (format.sample_type == abi::SampleType::kFloat) {
                const double phase = static_cast<double>(f) * (ch + 1) * 0.01;
                float x = static_cast<float>(0.8 * std::sin(phase)) +
                          static_cast<float>(state >> 8) / 16777216.0f * 0.1f;
                std::uint32_t w;
                std::memcpy(&w, &x, 4);
                for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(w >> (8 * i));
            } else {
                for (std::size_t i = 0; i < size; ++i)
                    p[i] = static_cast<std::uint8_t>(state >> (8 * (i % 4)));
                if (f == 0 && ch == 0) {  // the most negative value
                    for (std::size_t i = 0; i + 1 < size; ++i) p[i] = 0;
                    p[size - 1] = 0x80;
                }
            }
        }
    }
    return pcm;
}

inline abi::StreamFormat make_format(abi::SampleType type, std::uint16_t bits,
                                     std::uint16_t channels, std::uint32_t rate) {
    abi::StreamFormat f;
    f.sample_type = type;
    f.bits_per_sample = bits;
    f.channels = channels;
    f.sample_rate = rate;
    return f;
}

}  // namespace aetrace::audio::testing
