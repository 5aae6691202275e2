// Temporary file names for atomic writes: every output file of aetrace is written to a temporary
// file next to its final path and renamed over it only when complete, so no half-written file is
// ever left under the final name.
#pragma once

#include <filesystem>
#include <optional>

namespace aetrace {

/// A fresh, not-yet-existing "<path>.tmp-XXXXXXXX" (8 random hex digits) in the same directory as
/// `path` (so the final rename stays on one file system). nullopt when 100 candidates all exist.
/// Not RT-safe.
std::optional<std::filesystem::path> fresh_temp_path(const std::filesystem::path& path);

}  // namespace aetrace
