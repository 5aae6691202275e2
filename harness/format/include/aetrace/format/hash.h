// XXH3-64 hashing of audio buffers, as stored in BufferRef::xxh3 and in the record checksums.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aetrace::format {

/// XXH3-64 (seed 0) of `bytes` bytes at `data` (`data` may be null when `bytes` is 0).
/// RT-safe: no allocation, no lock, no system call. Thread-safe.
std::uint64_t xxh3_64(const void* data, std::size_t bytes) noexcept;

/// XXH3-64 of `bytes` zero bytes, equal to xxh3_64() over a zero-filled buffer of that size,
/// computed by streaming a static zero block through a stack XXH3 state (no allocation). Used for
/// BUFFER_SILENT buffers (POLICY #8). RT-safe, thread-safe.
std::uint64_t xxh3_64_zeros(std::size_t bytes) noexcept;

/// 16 lower-case hex digits, most significant first ("00000000deadbeef"). Allocates; not RT-safe.
std::string hex64(std::uint64_t value);

/// Inverse of hex64: exactly 1..16 hex digits (either case). nullopt on anything else.
std::optional<std::uint64_t> parse_hex64(std::string_view text) noexcept;

}  // namespace aetrace::format
