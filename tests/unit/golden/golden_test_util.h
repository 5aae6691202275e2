// A Golden with distinct, deterministic contents for the golden tests.
#pragma once

#include <cstdint>
#include <string>

#include "aetrace/golden/values.h"

namespace aetrace::golden::testing {

/// A golden of `seconds_count` seconds at 48 kHz stereo s16 (the last second partial).
inline Golden sample_golden(std::size_t seconds_count = 5) {
    Golden g;
    g.scenario = "render-speech";
    g.format.sample_type = abi::SampleType::kInt;
    g.format.bits_per_sample = 16;
    g.format.channels = 2;
    g.format.sample_rate = 48000;
    g.frames = seconds_count ? (seconds_count - 1) * 48000 + 12345 : 0;
    g.audio_xxh3_128 = {0x0123456789abcdefULL, 0x0fedcba987654321ULL};
    g.calls_xxh3_128 = {0xdeadbeefcafef00dULL, 0x1122334455667788ULL};
    g.calls = 1234;
    g.peak = 0.1 + 0.2;  // not exactly representable: checks the round trip
    g.rms = 1.0 / 3.0;
    for (std::size_t i = 0; i < seconds_count; ++i)
        g.seconds.push_back({0x1000 + i, 0x2000 * (i + 1)});
    return g;
}

}  // namespace aetrace::golden::testing
