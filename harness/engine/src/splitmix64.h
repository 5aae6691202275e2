// SplitMix64: the jitter PRNG of the engine model. Internal to the engine layer.
#pragma once

#include <cstdint>

namespace aetrace::engine {

/// splitmix64 (Steele, Lea, Flood 2014): a fixed, portable PRNG, so jitter is the same on every
/// standard library. RT-safe.
class SplitMix64 {
  public:
    explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

  private:
    std::uint64_t state_;
};

}  // namespace aetrace::engine
