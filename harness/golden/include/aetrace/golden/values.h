// Golden: the values a golden file records about one scenario run (hashes of canonical content).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/canonical.h"

namespace aetrace::golden {

/// The content of golden/<scenario>.golden. Hashes are XXH3-128 of canonical content
/// (audio/canonical.h for the audio; call_digest.h for the call results).
struct Golden {
    std::string scenario;                 ///< scenario name
    abi::StreamFormat format;             ///< endpoint format of the audio
    std::uint64_t frames = 0;             ///< audio frames
    audio::Hash128 audio_xxh3_128;        ///< canonical PCM hash
    audio::Hash128 calls_xxh3_128;        ///< canonical call-results hash (calls_digest())
    std::uint64_t calls = 0;              ///< number of calls the call-results hash covers
    double peak = 0.0;                    ///< informative: normalized peak
    double rms = 0.0;                     ///< informative: normalized RMS
    std::vector<audio::Hash128> seconds;  ///< one per second of audio (last may be partial)

    friend bool operator==(const Golden&, const Golden&) = default;
};

/// Builds a Golden from an audio digest (in) and the call-results hash and count computed by the
/// caller. Copies everything; no throw except std::bad_alloc.
Golden make_golden(std::string scenario, const audio::AudioDigest& audio,
                   const audio::Hash128& calls_hash, std::uint64_t calls);

}  // namespace aetrace::golden
