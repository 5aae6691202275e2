// Golden checks and updates over the scenario pipeline: what `aetrace run`, `golden check` and
// `golden update` do for one scenario, as results the caller prints.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "aetrace/session/pipeline.h"
#include "aetrace/session/replay_runner.h"

namespace aetrace::session {

/// How a scenario check ended.
enum class CheckVerdict : std::uint8_t {
    kPass,            ///< ran; the golden matched (or was not checked); the replay was clean
    kRunFailed,       ///< the run itself failed (run.engine.ok false); nothing else was checked
    kGoldenDiffers,   ///< the golden differs (golden_differences); no replay was made
    kReplayDiverged,  ///< the golden matched (or was not checked) but the replay diverged
};

/// The result of check_scenario().
struct ScenarioCheck {
    RunOutcome run;
    CheckVerdict verdict = CheckVerdict::kPass;
    bool golden_checked = false;           ///< the golden was read and compared
    std::filesystem::path golden_path;     ///< set when golden_checked
    std::vector<std::string> differences;  ///< kGoldenDiffers: what differs, one item each
    std::optional<ReplayOutcome> replay;   ///< set when a replay was made
};

/// Runs the scenario at `scenario_path` (in) with `options` (in; out_dir receives the outputs),
/// then, unless the run failed: when `check_golden`, reads its golden (golden_path_for() with
/// `golden_dir`) and compares; when `replay` and the golden matched (or was not checked), replays
/// the trace against the recorded implementation (replay_trace_file()). Throws aetrace::InputError
/// for a bad scenario or input, and for a missing or malformed golden file. Not RT;
/// single-threaded.
ScenarioCheck check_scenario(const std::filesystem::path& scenario_path, const RunOptions& options,
                             const std::optional<std::filesystem::path>& golden_dir,
                             bool check_golden, bool replay);

/// What update_golden() did.
enum class GoldenUpdateStatus : std::uint8_t {
    kRunFailed,  ///< the run failed (run.engine.ok false): the golden was not touched
    kUnchanged,  ///< the golden already matched
    kUpdated,    ///< the golden differed and was rewritten (differences says how)
    kCreated,    ///< there was no golden; it was written (its directory created)
};

/// The result of update_golden().
struct GoldenUpdate {
    RunOutcome run;
    GoldenUpdateStatus status = GoldenUpdateStatus::kUnchanged;
    std::filesystem::path golden_path;
    std::vector<std::string> differences;  ///< kUpdated: old versus new, one item each
};

/// Runs the scenario at `scenario_path` (in) with default options into `out_dir` (in) and writes
/// its golden (golden_path_for() with `golden_dir`) when it is missing or differs. Throws
/// aetrace::InputError for a bad scenario or input, a malformed existing golden and a golden that
/// cannot be written. Not RT; single-threaded.
GoldenUpdate update_golden(const std::filesystem::path& scenario_path,
                           const std::filesystem::path& out_dir,
                           const std::optional<std::filesystem::path>& golden_dir);

/// Every *.toml file directly in `dir` (in), sorted by path. Throws aetrace::InputError
/// "<dir>: cannot list scenarios: <reason>" or "<dir>: no *.toml scenario files". Not RT.
std::vector<std::filesystem::path> scenario_files(const std::filesystem::path& dir);

}  // namespace aetrace::session
