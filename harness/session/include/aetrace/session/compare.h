// `aetrace compare` without the printing: replay traces against several implementations, each
// replay in its own child process, into a matrix of results (the CLI prints it as text, JSON or
// JUnit).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "aetrace/replay/replayer.h"
#include "aetrace/session/replay_runner.h"

namespace aetrace::session {

/// One implementation replayed against one trace.
struct CompareCell {
    std::string implementation;  ///< the --impl value
    IsolatedReplay result;
};

/// One trace and its row per implementation.
struct CompareTrace {
    std::filesystem::path path;
    const format::Trace* trace = nullptr;  ///< not owned; names the calls of crash/hang reports
    std::vector<CompareCell> cells;
};

/// The whole matrix.
struct CompareResult {
    std::vector<CompareTrace> traces;  ///< in the order of the loaded traces
    bool refused = false;              ///< some implementation was refused (input error)
    bool clean = true;                 ///< every replay was clean (is_clean)
};

/// True for a clean replay (no divergence, audio passes).
bool is_clean(const IsolatedReplay& result);

/// `inputs` (in: trace files or directories) as trace files: a directory stands for its
/// *.aetrace files, sorted by name; a path that is not a directory is kept as it is (load_trace
/// reports a missing file). Throws aetrace::InputError "<dir>: cannot list directory: <reason>" or
/// "<dir>: no *.aetrace files". Not RT.
std::vector<std::filesystem::path> expand_trace_inputs(
    const std::vector<std::filesystem::path>& inputs);

/// Replays every trace of `traces` (in; must outlive the result, which points into it) against
/// every implementation of `implementations` (in/out: plugins create objects), named in the result
/// by `names` (in, one per implementation), each replay in a child process (replay_isolated) with
/// `options` (in) and `time_limit`. With `time_tolerance_hns` (HNSTIME, >= 0), apply_time_tolerance
/// judges each finished replay's hnsQPCPosition divergences. Throws std::runtime_error only when a
/// child process cannot be created. Not RT; single-threaded.
CompareResult compare_traces(const std::vector<LoadedTrace>& traces,
                             std::vector<Implementation>& implementations,
                             const std::vector<std::string>& names,
                             const replay::ReplayOptions& options,
                             std::chrono::milliseconds time_limit,
                             std::optional<std::int64_t> time_tolerance_hns);

}  // namespace aetrace::session
