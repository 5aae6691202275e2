// The scenario pipeline behind `aetrace run`, `record` and `golden check|update`, usable from
// tests (golden_check.h builds the golden check and update on it).
//
// run_scenario(): load the scenario, read its input WAV (converted to the scenario's sample
// format), create a capture and a render endpoint of the chosen implementation under a
// VirtualClock, wrap both in recording proxies, drive them with the engine model, then write
// DIR/output.wav (what the render device played) and DIR/trace.aetrace (every call), and compute
// the golden values: the canonical PCM digest of the output and the canonical digest of the call
// results.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "aetrace/engine/engine_model.h"
#include "aetrace/engine/scenario.h"
#include "aetrace/golden/golden.h"

namespace aetrace::session {

struct RunOptions {
    std::filesystem::path out_dir;             ///< receives output.wav and trace.aetrace (created)
    std::string implementation = "reference";  ///< built-in endpoint name (endpoints registry)
    bool hash_only = false;                    ///< trace stores buffer hashes, not audio
    bool real_timestamps =
        false;              ///< stamp calls with the monotonic clock as well (non-reproducible)
    bool write_wav = true;  ///< write DIR/output.wav
    /// Drive the engine model on a real-time thread against the real clock (engine::run_realtime:
    /// SCHED_FIFO when permitted, one pass per period, real jitter). Implies real timestamps. The
    /// trace replays deterministically; the output is not comparable with a golden.
    bool realtime = false;
};

struct RunOutcome {
    engine::Scenario scenario;
    engine::RunResult engine;      ///< ok == false: contract violation or failed call
    golden::Golden actual;         ///< golden values of this run
    std::string realtime_summary;  ///< realtime runs: scheduling used and pass lateness
    std::filesystem::path trace_path;
    std::filesystem::path output_path;  ///< empty when write_wav is false
    std::uint64_t calls = 0;            ///< calls recorded
    std::uint64_t dropped = 0;          ///< records the recorder could not stage
};

/// Runs the scenario at `scenario_path` (relative input paths resolve against its directory).
/// Throws aetrace::InputError (bad scenario, missing/unsupported WAV, unwritable DIR). Output
/// files are written atomically (temp + rename). Not RT; single-threaded.
RunOutcome run_scenario(const std::filesystem::path& scenario_path, const RunOptions& options);

/// Runs the scenario at `scenario_path` (in) for its trace only (`aetrace record`): the run goes to
/// a scratch directory ".aetrace-record-<file name of trace>" beside `trace` (in), without a WAV
/// (options.out_dir and options.write_wav are ignored), then the trace is moved to `trace` and the
/// scratch directory removed, also when the run throws. The outcome's trace_path is the scratch
/// path it was written to (gone once this returns). A failed run (engine.ok false) still writes
/// its trace. Throws what run_scenario() throws, and aetrace::InputError "<trace>: cannot write
/// trace" when the trace cannot be moved into place. Not RT; single-threaded.
RunOutcome record_scenario(const std::filesystem::path& scenario_path,
                           const std::filesystem::path& trace, RunOptions options);

/// The default output directory of a scenario: `root` / the scenario file's stem
/// ("out/speech-48k-stereo-s16").
std::filesystem::path default_out_dir(const std::filesystem::path& root,
                                      const std::filesystem::path& scenario_path);

/// golden/<name>.golden for a scenario: `golden_dir` when given, else the `golden/` directory of
/// the nearest ancestor of the scenario file that has one, else ./golden.
std::filesystem::path golden_path_for(const std::filesystem::path& scenario_path,
                                      const std::string& scenario_name,
                                      const std::optional<std::filesystem::path>& golden_dir);

}  // namespace aetrace::session
