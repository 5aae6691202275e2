#include "aetrace/session/replay_runner.h"

#include <algorithm>
#include <sstream>

#include "aetrace/abi/cotaskmem.h"
#include "aetrace/abi/error.h"
#include "aetrace/abi/interfaces.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/audio/convert.h"
#include "aetrace/audio/wav_file.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/plugin/forwarding_endpoint.h"
#include "aetrace/plugin/isolation.h"
#include "aetrace/plugin/plugin_library.h"
#include "aetrace/session/report_json.h"
#include "endpoint_options.h"

namespace aetrace::session {
namespace fs = std::filesystem;

namespace {

fs::path find_source(const std::string& recorded, const fs::path& trace_path) {
    const fs::path p(recorded);
    std::error_code ec;
    if (p.is_absolute() || fs::exists(p, ec)) return p;
    const fs::path beside = trace_path.parent_path() / p;
    if (fs::exists(beside, ec)) return beside;
    return p;  // read_wav reports it missing, naming the recorded path
}

audio::PcmBuffer load_source(const format::EndpointInfo& info, const fs::path& trace_path,
                             const std::optional<fs::path>& override_path) {
    const fs::path path =
        override_path ? *override_path : find_source(info.source_path, trace_path);
    if (path.empty())
        throw InputError(trace_path.string() + ": capture endpoint " +
                         std::to_string(info.endpoint) + " has no recorded source; pass --source");
    audio::PcmBuffer pcm = audio::read_wav(path);
    if (pcm.format.sample_type != info.format.sample_type ||
        pcm.format.bits_per_sample != info.format.bits_per_sample)
        pcm = audio::convert_samples(pcm, info.format.sample_type, info.format.bits_per_sample);
    if (pcm.format != info.format)
        throw InputError(path.string() + ": format " + abi::describe(pcm.format) +
                         " does not match the trace's capture format " +
                         abi::describe(info.format));
    if (!info.source_hash.empty() && audio::digest(pcm).pcm.hex() != info.source_hash)
        throw InputError(path.string() + ": audio differs from the source recorded in " +
                         trace_path.string() + " (canonical hash " + info.source_hash + ")");
    return pcm;
}

/// Maps the calls an isolated implementation receives to trace call indexes and publishes them in
/// the shared progress page. The replayer issues the trace's calls in order and skips only whole
/// (endpoint, method) classes (unknown method, unknown endpoint, missing interface), so the call
/// received is the first one at or after the cursor with the same endpoint and method.
class CallTracker {
  public:
    CallTracker(const format::Trace& trace, plugin::IsolationProgress& progress)
        : trace_(trace), progress_(progress) {}
    void on_call(std::uint32_t endpoint, abi::MethodId method) noexcept {
        progress_.calls_started.fetch_add(1, std::memory_order_relaxed);
        for (std::size_t i = cursor_; i < trace_.calls.size(); ++i) {
            const format::CallRecord& c = trace_.calls[i];
            if (c.endpoint != endpoint || c.method != method) continue;
            cursor_ = i + 1;
            progress_.call_index.store(i, std::memory_order_relaxed);
            return;
        }
    }

  private:
    const format::Trace& trace_;
    plugin::IsolationProgress& progress_;
    std::size_t cursor_ = 0;
};

class TrackedEndpoint final : public plugin::ForwardingEndpoint {
  public:
    TrackedEndpoint(abi::ComPtr<abi::IUnknown> inner, CallTracker& tracker, std::uint32_t endpoint)
        : ForwardingEndpoint(std::move(inner)), tracker_(tracker), endpoint_(endpoint) {}

  private:
    ~TrackedEndpoint() override = default;
    void before_call(abi::MethodId method) noexcept override {
        tracker_.on_call(endpoint_, method);
    }
    CallTracker& tracker_;
    std::uint32_t endpoint_;
};

/// ReplayOptions::check_format, done on the unwrapped object so the tracker does not see it.
void check_format(const abi::ComPtr<abi::IUnknown>& object, const format::EndpointInfo& info,
                  const LoadedTrace& trace, const Implementation& impl) {
    const auto endpoint = object ? object.as<abi::IAudioEndpoint>() : nullptr;
    if (!endpoint) return;
    abi::WAVEFORMATEX* format = nullptr;
    const abi::HRESULT hr = endpoint->GetFrameFormat(&format);
    const abi::CoTaskMemPtr<abi::WAVEFORMATEX> owned(format);
    if (hr < 0 || !format) return;
    const auto actual = abi::from_wave_format(
        format, static_cast<std::uint32_t>(sizeof(abi::WAVEFORMATEX)) + format->cbSize);
    if (actual && *actual == info.format) return;
    const std::string name = impl.name().empty() ? info.implementation : impl.name();
    throw InputError(trace.path.string() + ": trace format " + abi::describe(info.format) +
                     " does not match implementation '" + name + "' format " +
                     (actual ? abi::describe(*actual) : std::string("unsupported")) +
                     " (endpoint " + std::to_string(info.endpoint) + ")");
}

replay::ReplayOptions named(replay::ReplayOptions options, const LoadedTrace& trace,
                            const Implementation& impl) {
    options.trace_name = trace.path.string();
    options.implementation_name = impl.name();
    return options;
}

}  // namespace

LoadedTrace load_trace(const fs::path& trace_path, const std::optional<fs::path>& source) {
    LoadedTrace t;
    t.path = trace_path;
    t.trace = format::read_trace(trace_path, /*strict=*/false);
    if (t.trace.calls.empty() && t.trace.status.damaged())
        throw InputError(trace_path.string() + ": " + t.trace.status.describe());
    // Sources are loaded before replay starts so a bad file fails cleanly.
    for (const format::EndpointInfo& info : t.trace.endpoints)
        if (info.role == format::EndpointRole::kCapture)
            t.sources.emplace(info.endpoint, load_source(info, trace_path, source));
    return t;
}

Implementation::Implementation(Implementation&&) noexcept = default;
Implementation& Implementation::operator=(Implementation&&) noexcept = default;
Implementation::~Implementation() = default;

Implementation Implementation::open(const std::optional<std::string>& spec) {
    Implementation impl;
    impl.name_ = spec.value_or("");
    if (impl.name_.empty()) return impl;
    if (plugin::is_library_path(impl.name_)) {
        impl.library_ =
            std::make_unique<plugin::PluginLibrary>(plugin::PluginLibrary::open(impl.name_));
        return impl;
    }
    const std::vector<std::string> names = endpoints::builtin_endpoint_names();
    if (std::find(names.begin(), names.end(), impl.name_) == names.end()) {
        std::string known;
        for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
        throw InputError("unknown implementation '" + impl.name_ + "' (built-in: " + known +
                         "; or a plugin library path such as ./libmine.so)");
    }
    return impl;
}

abi::ComPtr<abi::IUnknown> Implementation::create(const format::EndpointInfo& info,
                                                  const clock::Clock& clock,
                                                  const LoadedTrace& trace) {
    const bool capture = info.role == format::EndpointRole::kCapture;
    const auto source = trace.sources.find(info.endpoint);
    const audio::PcmBuffer* pcm = source == trace.sources.end() ? nullptr : &source->second;
    if (library_)
        return library_->create(
            capture ? plugin::PluginRole::kCapture : plugin::PluginRole::kRender, info.format,
            clock, info.options, capture ? pcm : nullptr);
    endpoints::EndpointConfig cfg;
    cfg.format = info.format;
    apply_options_text(info.options, cfg, trace.path.string());
    return endpoints::create_builtin_endpoint(
        name_.empty() ? info.implementation : name_,
        capture ? endpoints::Role::kCapture : endpoints::Role::kRender, cfg, clock,
        capture ? pcm : nullptr);
}

replay::ReplayReport replay_loaded(const LoadedTrace& trace, Implementation& impl,
                                   replay::ReplayOptions options) {
    const replay::ImplementationFactory factory = [&](const format::EndpointInfo& info,
                                                      const clock::Clock& clock) {
        return impl.create(info, clock, trace);
    };
    return replay::replay(trace.trace, factory, named(std::move(options), trace, impl));
}

IsolatedReplay replay_isolated(const LoadedTrace& trace, Implementation& impl,
                               const replay::ReplayOptions& options,
                               std::chrono::milliseconds time_limit) {
    const auto work = [&](plugin::IsolationProgress& progress) -> std::string {
        CallTracker tracker(trace.trace, progress);
        replay::ReplayOptions o = named(options, trace, impl);
        const bool check = o.check_format;
        o.check_format = false;  // done below, outside the tracker's view
        const replay::ImplementationFactory factory = [&](const format::EndpointInfo& info,
                                                          const clock::Clock& clock) {
            abi::ComPtr<abi::IUnknown> object = impl.create(info, clock, trace);
            if (check) check_format(object, info, trace, impl);
            auto* tracked = new TrackedEndpoint(std::move(object), tracker, info.endpoint);
            return abi::ComPtr<abi::IUnknown>::attach(tracked->unknown());
        };
        return report_to_json(replay::replay(trace.trace, factory, o)).dump();
    };
    const plugin::IsolationResult r = plugin::run_isolated(work, time_limit);

    IsolatedReplay out;
    out.message = r.message;
    out.calls_started = r.calls_started;
    if (r.call_index != plugin::IsolationProgress::kNoCall) out.call_index = r.call_index;
    switch (r.status) {
        case plugin::IsolationStatus::kCompleted:
            out.status = ReplayStatus::kReplayed;
            out.report = report_from_json(nlohmann::json::parse(r.output));
            break;
        case plugin::IsolationStatus::kFailed:
            out.status = r.input_error ? ReplayStatus::kRefused : ReplayStatus::kError;
            break;
        case plugin::IsolationStatus::kCrashed:
            out.status = ReplayStatus::kCrashed;
            break;
        case plugin::IsolationStatus::kTimedOut:
            out.status = ReplayStatus::kHung;
            break;
    }
    return out;
}

ReplayOutcome replay_trace_file(const fs::path& trace_path, const std::optional<std::string>& spec,
                                const std::optional<fs::path>& source) {
    Implementation impl = Implementation::open(spec);
    const LoadedTrace trace = load_trace(trace_path, source);

    ReplayOutcome out;
    out.report = replay_loaded(trace, impl);
    out.ok = out.report.ok();
    std::ostringstream s;
    s << out.report.divergence_count << " divergence"
      << (out.report.divergence_count == 1 ? "" : "s") << " in " << out.report.calls_replayed
      << " calls";
    for (const auto& a : out.report.audio) {
        if (!a.checked) continue;
        s << ", audio of endpoint " << a.endpoint << (a.matches ? " matches" : " differs");
    }
    out.summary = s.str();
    return out;
}

}  // namespace aetrace::session
