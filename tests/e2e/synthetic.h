// Synthetic inputs for end-to-end tests: a WAV of deterministic, channel-distinct audio and a
// scenario file around it, written into a per-test temporary directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "aetrace/abi/wave_format.h"

namespace aetrace::test {

/// Writes `seconds` of audio in `format` to `path`: per channel a different sine (frequency and
/// phase from `seed`) over a little seeded noise, so channels never match and every second differs.
void write_synthetic_wav(const std::filesystem::path& path, const abi::StreamFormat& format,
                         double seconds, std::uint64_t seed);

/// Writes `dir`/NAME.toml for input `wav` (absolute path) with the given [engine] body and extra
/// TOML (actions), and returns its path.
std::filesystem::path write_scenario(const std::filesystem::path& dir, const std::string& name,
                                     const std::filesystem::path& wav, const std::string& engine,
                                     const std::string& extra = "");

}  // namespace aetrace::test
