// Replays a trace file against an implementation: a built-in one (endpoints registry) or a plugin
// library (plugin ABI v1), in-process or isolated in a child process (used by `aetrace
// replay` and `aetrace compare`, and by tests).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "aetrace/audio/pcm_buffer.h"
#include "aetrace/format/trace.h"
#include "aetrace/replay/replayer.h"

namespace aetrace::plugin {
class PluginLibrary;
}

namespace aetrace::session {

struct ReplayOutcome {
    bool ok = false;
    std::string summary;  ///< one line: "0 divergences in 2310 calls, audio matches"
    replay::ReplayReport report;
};

/// A trace read into memory with the capture sources it needs, ready to replay any number of times.
struct LoadedTrace {
    std::filesystem::path path;
    format::Trace trace;
    std::map<std::uint32_t, audio::PcmBuffer> sources;  ///< capture endpoint -> source audio
};

/// Reads `trace` (a damaged tail is kept up to the damage and reported in the replay notes) and
/// loads the capture sources: the recorded path (absolute, or relative to the working directory or
/// to the trace's directory) unless `source` overrides it; a source's canonical hash must match the
/// recorded one. Throws aetrace::InputError for an unreadable trace (including one from a newer
/// major format), a missing or different source.
LoadedTrace load_trace(const std::filesystem::path& trace,
                       const std::optional<std::filesystem::path>& source = std::nullopt);

/// What `--impl` names: empty (the implementation recorded for each endpoint), a built-in name, or
/// a plugin library path (plugin::is_library_path). Move-only; holds the library loaded.
class Implementation {
  public:
    /// Resolves `spec` (nullopt or "" = the recorded implementation). Throws aetrace::InputError
    /// for an unknown built-in name (the message lists the known ones) and for a library that
    /// cannot be loaded, lacks the factory or has another ABI version (PluginLibrary::open).
    static Implementation open(const std::optional<std::string>& spec);

    Implementation(Implementation&&) noexcept;
    Implementation& operator=(Implementation&&) noexcept;
    ~Implementation();

    /// The --impl value as given ("" for the recorded implementation).
    const std::string& name() const noexcept { return name_; }
    /// A name for reports: the --impl value, or "recorded".
    std::string display_name() const { return name_.empty() ? "recorded" : name_; }
    /// True when the implementation was loaded from a plugin library, false for a built-in one.
    bool is_plugin() const noexcept { return library_ != nullptr; }

    /// Creates the object for one endpoint of `trace` under `clock` (which must outlive it). Throws
    /// what the endpoints factory or the plugin throws. Not RT.
    abi::ComPtr<abi::IUnknown> create(const format::EndpointInfo& info, const clock::Clock& clock,
                                      const LoadedTrace& trace);

  private:
    Implementation() = default;
    std::string name_;
    std::unique_ptr<plugin::PluginLibrary> library_;
};

/// Replays `trace` against `impl` in this process. Throws what replay::replay throws (InputError
/// for a format mismatch, the factory's exceptions).
replay::ReplayReport replay_loaded(const LoadedTrace& trace, Implementation& impl,
                                   replay::ReplayOptions options = {});

/// How an isolated replay ended.
enum class ReplayStatus : std::uint8_t {
    kReplayed,  ///< finished; `report` is valid
    kRefused,   ///< input error (format mismatch, ...): `message`
    kError,     ///< the implementation or the harness threw: `message`
    kCrashed,   ///< the child died: `message` says how ("SIGSEGV")
    kHung,      ///< the time limit passed: `message`
};

struct IsolatedReplay {
    ReplayStatus status = ReplayStatus::kReplayed;
    replay::ReplayReport report;  ///< kReplayed only
    std::string message;
    /// kCrashed / kHung / kError: index (into trace.calls) of the call the implementation was in
    /// or had reached last; nullopt when it had not reached the first call (creation).
    std::optional<std::uint64_t> call_index;
    std::uint64_t calls_started = 0;  ///< calls the implementation had received
};

/// Replays `trace` against `impl` in a child process (plugin::run_isolated): a crash, a hang past
/// `time_limit` or a corrupted heap ends only the child and is reported with the call it reached.
/// The child tracks calls through a forwarding wrapper around each object and checks the
/// implementation's frame format itself (options.check_format is applied there). On platforms
/// without fork the replay runs in-process (see plugin::isolation_supported()). Throws
/// std::runtime_error only when the child process cannot be created.
IsolatedReplay replay_isolated(const LoadedTrace& trace, Implementation& impl,
                               const replay::ReplayOptions& options,
                               std::chrono::milliseconds time_limit);

/// Reads `trace`, builds each recorded endpoint with `implementation` (default: the recorded name;
/// a library path loads a plugin) and replays in-process. The capture source is found as in
/// load_trace(). Throws aetrace::InputError for an unreadable trace or source, an unknown
/// implementation, a plugin that cannot be loaded or a source whose audio differs from the
/// recorded one.
ReplayOutcome replay_trace_file(const std::filesystem::path& trace,
                                const std::optional<std::string>& implementation,
                                const std::optional<std::filesystem::path>& source);

}  // namespace aetrace::session
