// Private helpers: load and store one sample of a StreamFormat as little-endian bytes.
#pragma once

#include <cstdint>
#include <cstring>

#include "aetrace/abi/wave_format.h"

namespace aetrace::audio::detail {

/// The sample at `p` as a left-justified 32-bit integer (s16 v -> v << 16, s24 v -> v << 8,
/// s32 as is). For float formats, the IEEE-754 bit pattern. Reads bytes_per_sample bytes.
inline std::uint32_t load_canonical(const std::uint8_t* p, std::uint16_t bits) noexcept {
    switch (bits) {
        case 16:
            return (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 24);
        case 24:
            return (std::uint32_t{p[0]} << 8) | (std::uint32_t{p[1]} << 16) |
                   (std::uint32_t{p[2]} << 24);
        default:
            return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
                   (std::uint32_t{p[3]} << 24);
    }
}

/// Stores a left-justified 32-bit word (or float bit pattern when bits == 32 and float) at `p`
/// in `bits`-bit little-endian form; the low bits that do not fit are dropped.
inline void store_canonical(std::uint8_t* p, std::uint16_t bits, std::uint32_t word) noexcept {
    const unsigned skip = (32u - bits) / 8u;
    for (unsigned i = 0; i < bits / 8u; ++i)
        p[i] = static_cast<std::uint8_t>(word >> (8u * (i + skip)));
}

/// Reinterprets a 32-bit pattern as a signed integer (two's complement).
inline std::int32_t as_signed(std::uint32_t word) noexcept {
    std::int32_t v;
    std::memcpy(&v, &word, sizeof v);
    return v;
}

inline std::uint32_t as_unsigned(std::int32_t v) noexcept {
    std::uint32_t w;
    std::memcpy(&w, &v, sizeof w);
    return w;
}

inline float as_float(std::uint32_t word) noexcept {
    float f;
    std::memcpy(&f, &word, sizeof f);
    return f;
}

inline std::uint32_t float_bits(float f) noexcept {
    std::uint32_t w;
    std::memcpy(&w, &f, sizeof w);
    return w;
}

/// The sample at `p` normalized so that integer full scale is 1.0: int v / 2^(bits-1) (computed on
/// the left-justified word / 2^31, which is the same value), float as is.
inline double load_normalized(const std::uint8_t* p, const abi::StreamFormat& f) noexcept {
    const std::uint32_t w = load_canonical(p, f.bits_per_sample);
    if (f.sample_type == abi::SampleType::kFloat) return static_cast<double>(as_float(w));
    return static_cast<double>(as_signed(w)) / 2147483648.0;
}

}  // namespace aetrace::audio::detail
