// Replays a trace file against built-in implementations (internal to the CLI).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "aetrace/replay/replayer.h"

namespace aetrace::cli {

struct ReplayOutcome {
    bool ok = false;
    std::string summary;  ///< one line: "0 divergences in 2310 calls, audio matches"
    replay::ReplayReport report;
};

/// Reads `trace` (a damaged tail is replayed up to the damage and reported in the notes), builds
/// each recorded endpoint with `implementation` (default: the recorded name) and replays.
/// The capture source WAV is the recorded path (absolute, or relative to the working directory
/// or to the trace's directory) unless `source` overrides it; its canonical hash must match the
/// recorded one. Throws aetrace::InputError for an unreadable trace or source, an unknown
/// implementation or a source whose audio differs from the recorded one.
ReplayOutcome replay_trace_file(const std::filesystem::path& trace,
                                const std::optional<std::string>& implementation,
                                const std::optional<std::filesystem::path>& source);

}  // namespace aetrace::cli
