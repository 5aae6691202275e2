// Golden files: small TOML text in golden/<scenario>.golden, written only by `aetrace golden
// update`.
//
// Layout (top-level keys, then a [format] table):
//   # header comment: written by `aetrace golden update`, do not edit by hand
//   scenario = "name"
//   frames = 144000
//   audio_xxh3_128 = "<32 hex digits>"
//   calls_xxh3_128 = "<32 hex digits>"
//   calls = 1234
//   peak = 0.5            (shortest text that reads back to the same double)
//   rms = 0.125
//   seconds = ["<32 hex>", ...]   one per second of audio, ceil(frames / rate) entries
//   [format]
//   text = "48000 Hz, 2 ch, s16"  (abi::describe(); informative, not read back)
//   sample_type = "int" | "float"
//   bits = 16
//   channels = 2
//   rate = 48000
#pragma once

#include <filesystem>
#include <string>

#include "aetrace/golden/values.h"

namespace aetrace::golden {

/// Reads the golden file at `path` (in). Throws aetrace::InputError with one line
/// "<path>: <problem>" when the file is missing or unreadable, is not valid TOML (with line and
/// column), lacks a key, has a key of the wrong type or range, a hash that is not 32 hex digits, an
/// unsupported format, or a `seconds` count that does not match frames and rate. Not RT-safe.
Golden read_golden(const std::filesystem::path& path);

/// The text write_golden() writes for `golden` (in): deterministic (same Golden, same bytes).
std::string golden_text(const Golden& golden);

/// Writes `golden` (in) to `path` (in) atomically: to "<path>.tmp-XXXXXXXX" in the same folder
/// (created exclusively, io::AtomicFile), fsynced, then renamed over `path`; the folder must exist.
/// Throws aetrace::InputError naming `path` if it cannot write or rename (the temp file is removed
/// first). Not RT-safe.
void write_golden(const std::filesystem::path& path, const Golden& golden);

}  // namespace aetrace::golden
