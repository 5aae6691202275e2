#include "aetrace/golden/values.h"

#include <utility>

namespace aetrace::golden {

Golden make_golden(std::string scenario, const audio::AudioDigest& audio,
                   const audio::Hash128& calls_hash, std::uint64_t calls) {
    Golden g;
    g.scenario = std::move(scenario);
    g.format = audio.format;
    g.frames = audio.frames;
    g.audio_xxh3_128 = audio.pcm;
    g.calls_xxh3_128 = calls_hash;
    g.calls = calls;
    g.peak = audio.peak;
    g.rms = audio.rms;
    g.seconds = audio.per_second;
    return g;
}

}  // namespace aetrace::golden
