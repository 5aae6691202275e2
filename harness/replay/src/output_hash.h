// The canonical per-second hashes of the audio a render endpoint played (internal), computed while
// the replay runs so that each second is hashed while it is still in cache.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "aetrace/abi/inspect.h"
#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/canonical.h"

namespace aetrace::replay::detail {

/// Per-second hashes as audio::CanonicalHasher::per_second() gives them for the same frames.
struct OutputHashes {
    std::uint64_t frames = 0;
    std::vector<audio::Hash128> per_second;  ///< one per `format.sample_rate` frames
};

/// Hashes played audio second by second. For 32-bit samples (f32, s32) on a little-endian host the
/// canonical PCM is the bytes themselves and each second is hashed with one XXH3-128 call; other
/// formats go through audio::CanonicalHasher. Assumes played audio only grows (frames already
/// played do not change): when a poll sees fewer frames than before, finish() rehashes everything.
/// Not RT-safe; one thread.
class PlayedAudioHasher {
  public:
    /// `format` (in, copied): the endpoint's format. Throws aetrace::InputError when unsupported.
    explicit PlayedAudioHasher(const abi::StreamFormat& format);
    ~PlayedAudioHasher();
    PlayedAudioHasher(PlayedAudioHasher&&) noexcept;
    PlayedAudioHasher& operator=(PlayedAudioHasher&&) noexcept;

    /// Reserves room for `seconds` per-second hashes (so polls do not allocate until then).
    void reserve(std::size_t seconds) { per_second_.reserve(seconds); }

    /// Between two calls: asks `inspect` for the audio played so far and hashes the complete
    /// seconds not hashed yet. A failing GetRenderedAudio is ignored (finish() reports it).
    void poll(abi::IAetraceEndpointInspect& inspect);

    /// After the last call: `data`/`frames` (in) = GetRenderedAudio's result. Hashes what is left
    /// (the last second may be partial) and returns all the hashes.
    OutputHashes finish(const std::uint8_t* data, std::uint64_t frames);

  private:
    void hash_seconds(const std::uint8_t* data, std::uint64_t end_frame);

    abi::StreamFormat format_;
    std::size_t block_ = 0;
    bool raw_is_canonical_ = false;
    bool broken_ = false;       ///< played audio shrank: rehash all in finish()
    std::uint64_t hashed_ = 0;  ///< frames hashed so far (whole seconds until finish)
    std::uint64_t seen_ = 0;    ///< most frames any poll saw
    std::vector<audio::Hash128> per_second_;
    std::unique_ptr<audio::CanonicalHasher> canonical_;  ///< formats other than 32-bit
};

}  // namespace aetrace::replay::detail
