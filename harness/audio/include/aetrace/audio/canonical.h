// Canonical PCM and its hashes, the basis of golden files.
//
// Canonical PCM: every sample as one 32-bit little-endian word, frames interleaved. Integer samples
// are left-justified to 32 bits (s16 v -> v << 16, s24 v -> v << 8, s32 as is); float samples are
// their IEEE-754 binary32 bit pattern. The hash therefore depends on neither the container (WAV,
// trace payload, memory) nor the host's endianness, only on the sample values and the format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aetrace/abi/wave_format.h"
#include "aetrace/audio/pcm_buffer.h"

namespace aetrace::audio {

/// An XXH3-128 hash (seed 0).
struct Hash128 {
    std::uint64_t high = 0;
    std::uint64_t low = 0;

    /// 32 lower-case hex digits, `high` first (XXH3's canonical big-endian order). Allocates.
    std::string hex() const;
    /// Inverse of hex(): exactly 32 hex digits, either case. nullopt on anything else. No throw.
    static std::optional<Hash128> parse(std::string_view text) noexcept;
    friend bool operator==(const Hash128&, const Hash128&) = default;
};

/// XXH3-128 of `bytes` bytes at `data` (may be null when `bytes` is 0). Thread-safe, RT-safe.
Hash128 xxh3_128(const void* data, std::size_t bytes) noexcept;

/// Hashes endpoint-format audio as canonical PCM, fed in any chunking.
///
/// Keeps the XXH3-128 of all canonical bytes, the frame count, and one XXH3-128 per block of
/// `sample_rate` frames (one per second of audio; the last block may be partial). Feeding the same
/// frames in any split gives the same results. Not thread-safe (one object, one thread). update()
/// does not allocate except to append a per-second hash beyond the capacity set by reserve().
class CanonicalHasher {
  public:
    /// `format` (in): the format of the bytes update() receives. Throws aetrace::InputError when
    /// abi::is_supported rejects it. Allocates the hash states.
    explicit CanonicalHasher(const abi::StreamFormat& format);
    ~CanonicalHasher();
    /// Movable; a moved-from hasher may only be destroyed or assigned to.
    CanonicalHasher(CanonicalHasher&&) noexcept;
    CanonicalHasher& operator=(CanonicalHasher&&) noexcept;
    CanonicalHasher(const CanonicalHasher&) = delete;
    CanonicalHasher& operator=(const CanonicalHasher&) = delete;

    /// Reserves room for the per-second hashes of `frames` frames, so update() does not allocate
    /// until that many frames have been fed.
    void reserve(std::uint64_t frames);

    /// Feeds `bytes` bytes at `data` (in, not retained): interleaved little-endian frames in the
    /// constructor's format. `bytes` must be a whole number of frames, else std::invalid_argument
    /// is thrown and nothing is consumed. `data` may be null when `bytes` is 0.
    void update(const std::uint8_t* data, std::size_t bytes);

    const abi::StreamFormat& format() const noexcept;
    /// Frames fed so far.
    std::uint64_t frames() const noexcept;
    /// XXH3-128 of the canonical PCM of every frame fed so far (the hasher can keep going).
    Hash128 pcm_hash() const noexcept;
    /// One hash per started second so far: complete seconds, then the partial one if any.
    /// Allocates.
    std::vector<Hash128> per_second() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

/// What golden files record about a stream of audio.
struct AudioDigest {
    abi::StreamFormat format;
    std::uint64_t frames = 0;
    Hash128 pcm;                      ///< XXH3-128 of the canonical PCM
    std::vector<Hash128> per_second;  ///< one per `format.sample_rate` frames, last may be partial
    double peak = 0.0;                ///< max |sample|, normalized (integer full scale = 1.0)
    double rms = 0.0;                 ///< sqrt(mean(sample^2)) over all samples, normalized
};

/// The digest of `pcm` (in). NaN float samples are skipped for `peak` (and make `rms` NaN).
/// Throws aetrace::InputError when abi::is_supported rejects `pcm.format`. Not RT-safe.
AudioDigest digest(const PcmBuffer& pcm);

}  // namespace aetrace::audio
