// Scenario: what the engine model runs, read from a TOML file (schema in docs/SCENARIOS.md).
//
// A scenario names its input WAV, optionally the endpoint sample format, the engine settings
// (period, latency coefficient, timer or event driving, padding unit, jitter seed, prefill, tail,
// strict mode) and a list of timed actions (fault injection). It does not open the WAV: the audio
// layer does, through the path it holds.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aetrace/abi/types.h"
#include "aetrace/abi/wave_format.h"

namespace aetrace::engine {

using abi::HNSTIME;

/// How the engine schedules its passes.
enum class Driving : std::uint8_t {
    kTimer,  ///< pass k at t0 + k * period (+ jitter)
    kEvent,  ///< next pass at the earliest due time the endpoints announce on their VirtualEvents
};

/// Unit in which the engine reads GetCurrentPadding (POLICY #1).
enum class PaddingUnit : std::uint8_t { kFrames, kHns };

/// What a timed action does.
enum class ActionKind : std::uint8_t {
    kStop,         ///< IAudioEndpointControl::Stop on the target(s)
    kStart,        ///< IAudioEndpointControl::Start on the target(s)
    kReset,        ///< IAudioEndpointControl::Reset on the target(s)
    kPinInactive,  ///< IAudioEndpointRT::SetPinInactive on the target(s)
    kPinActive,    ///< IAudioEndpointRT::SetPinActive on the target(s)
    kSilent,       ///< render: the next `passes` render passes are flagged BUFFER_SILENT
    kPartial,      ///< render: the next `passes` render passes produce floor(n * fraction) frames
    kQpcError,     ///< the clock reports a QPC error during that pass
};

/// Which endpoint(s) an action addresses.
enum class ActionTarget : std::uint8_t { kCapture, kRender, kBoth };

/// One timed action. Applied at the first pass whose time is at or after `at`.
struct Action {
    HNSTIME at = 0;  ///< HNSTIME after the run's start (at_ms * 10'000)
    ActionKind kind = ActionKind::kStop;
    ActionTarget target = ActionTarget::kBoth;
    std::uint32_t passes = 1;  ///< silent / partial: number of render passes affected (>= 1)
    double fraction = 0.5;     ///< partial: produced = floor(n * fraction), 0 <= fraction <= 1
};

/// The optional [format] table: the endpoint sample format (channels and rate come from the input).
struct FormatOverride {
    abi::SampleType sample_type = abi::SampleType::kInt;
    std::uint16_t bits_per_sample = 16;
};

/// The [engine] table.
struct EngineSettings {
    HNSTIME period = 100'000;               ///< engine period = SetBuffer MaxPeriod, HNSTIME (> 0)
    std::uint32_t latency_coefficient = 2;  ///< SetBuffer u32LatencyCoefficient
    Driving driving = Driving::kTimer;
    PaddingUnit padding_unit = PaddingUnit::kFrames;
    std::uint64_t seed = 1;       ///< jitter PRNG seed (splitmix64)
    HNSTIME jitter = 0;           ///< max lateness of a pass, HNSTIME (jitter_us * 10)
    bool prefill = true;          ///< render: fill the buffer with silence before Start
    std::optional<HNSTIME> tail;  ///< run time after the input; unset = 2 periods + latency
    bool strict = true;           ///< a contract violation fails the run (POLICY #6)
};

/// The optional [compare] table: how replay judges this scenario's audio.
struct CompareSettings {
    /// snr_db_min: an audio mismatch of equal length with an SNR at or above this (dB) passes
    /// (aetrace replay --snr-db-min); unset = audio must match exactly.
    std::optional<double> snr_db_min;
};

/// A parsed scenario.
struct Scenario {
    std::string name;                      ///< [a-z0-9-]+; also names golden/<name>.golden
    std::string description;               ///< free text, may be empty
    std::filesystem::path input;           ///< as written in the file; see resolve_input()
    std::optional<FormatOverride> format;  ///< unset = the input's own format
    EngineSettings engine;
    std::vector<Action> actions;  ///< sorted by `at` (stable: equal times keep file order)
    CompareSettings compare;      ///< [compare]; all unset when absent
    std::string source;           ///< the file path (or name_for_errors) it was read from
};

/// Reads and validates the scenario file at `path`.
/// Throws aetrace::InputError with one line "<path>: <key>: <problem>" for an unreadable file, a
/// TOML syntax error, an unknown key, a wrong type or a bad value. Not RT-safe.
Scenario load_scenario(const std::filesystem::path& path);

/// Parses and validates scenario text. `name_for_errors` stands for the file path in error
/// messages and is stored in Scenario::source. Throws aetrace::InputError like load_scenario.
Scenario parse_scenario(std::string_view toml_text, const std::string& name_for_errors);

/// The input WAV path: Scenario::input if absolute, else `base_dir` / input (the caller chooses
/// the base: for example the scenario file's directory, or the repository root).
std::filesystem::path resolve_input(const Scenario& scenario,
                                    const std::filesystem::path& base_dir);

/// Stable lower-case names used in the TOML file ("stop", "pin-inactive", "capture", "event", ...).
const char* action_kind_name(ActionKind kind) noexcept;
const char* action_target_name(ActionTarget target) noexcept;
const char* driving_name(Driving driving) noexcept;
const char* padding_unit_name(PaddingUnit unit) noexcept;

}  // namespace aetrace::engine
