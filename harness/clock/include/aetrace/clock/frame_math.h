// Exact frame <-> time arithmetic (POLICY.md, "Time and frames").
//
// Frame positions are derived from time with a 128-bit intermediate, never by accumulating rounded
// per-pass counts, so 44.1 kHz or 22.05 kHz streams do not drift over an hour. All functions are
// constexpr, noexcept and RT-safe. Times are HNSTIME (100 ns); rates are frames per second (> 0).
#pragma once

#include <cstdint>

#include "aetrace/abi/types.h"

namespace aetrace::clock {

using abi::HNSTIME;
using abi::kHnsPerSecond;

/// floor(a * b / d) computed exactly as if with a 128-bit intermediate, for b and d at most 2^32
/// (sample rates and kHnsPerSecond always are) and a quotient that fits 64 bits. Standard C++ only
/// (no __int128), so it builds unchanged with MSVC.
constexpr std::uint64_t mul_div_floor(std::uint64_t a, std::uint64_t b, std::uint64_t d) noexcept {
    // a = q*d + r with r < d, so a*b/d = q*b + r*b/d exactly, and r*b < 2^64 when b, d <= 2^32.
    const std::uint64_t q = a / d, r = a % d;
    return q * b + (r * b) / d;
}

/// frames = floor(t * rate / 10^7): frames a device clocks in `t` (t < 0 counts as 0).
constexpr std::uint64_t frames_at(HNSTIME t, std::uint32_t rate) noexcept {
    return t <= 0 ? 0 : mul_div_floor(static_cast<std::uint64_t>(t), rate, kHnsPerSecond);
}

/// The earliest time t with frames_at(t, rate) >= frames: ceil(frames * 10^7 / rate).
constexpr HNSTIME time_of_frames(std::uint64_t frames, std::uint32_t rate) noexcept {
    std::uint64_t f = mul_div_floor(frames, kHnsPerSecond, rate);
    if (frames_at(static_cast<HNSTIME>(f), rate) < frames) ++f;
    return static_cast<HNSTIME>(f);
}

/// Frames per packet for an engine period (POLICY #15): round-half-up of period * rate / 10^7,
/// in integers.
constexpr std::uint32_t frames_per_packet(HNSTIME period, std::uint32_t rate) noexcept {
    if (period <= 0) return 0;
    // floor(x + 1/2) = (floor(2x) + 1) / 2 for x = period * rate / 10^7.
    const std::uint64_t twice =
        mul_div_floor(static_cast<std::uint64_t>(period) * 2, rate, kHnsPerSecond);
    return static_cast<std::uint32_t>((twice + 1) / 2);
}

}  // namespace aetrace::clock
