#include "aetrace/cli/replay_runner.h"

#include <map>
#include <memory>
#include <sstream>

#include "aetrace/abi/error.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/audio/convert.h"
#include "aetrace/audio/wav_file.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/trace.h"
#include "endpoint_options.h"

namespace aetrace::cli {
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

}  // namespace

ReplayOutcome replay_trace_file(const fs::path& trace_path, const std::optional<std::string>& impl,
                                const std::optional<fs::path>& source) {
    const format::Trace trace = format::read_trace(trace_path, /*strict=*/false);
    if (trace.calls.empty() && trace.status.damaged())
        throw InputError(trace_path.string() + ": " + trace.status.describe());

    // Sources are loaded before replay starts so a bad file fails cleanly.
    std::map<std::uint32_t, audio::PcmBuffer> sources;
    for (const format::EndpointInfo& info : trace.endpoints)
        if (info.role == format::EndpointRole::kCapture)
            sources.emplace(info.endpoint, load_source(info, trace_path, source));

    const replay::ImplementationFactory factory = [&](const format::EndpointInfo& info,
                                                      const clock::Clock& clock) {
        endpoints::EndpointConfig cfg;
        cfg.format = info.format;
        apply_options_text(info.options, cfg, trace_path.string());
        const std::string name = impl ? *impl : info.implementation;
        const bool capture = info.role == format::EndpointRole::kCapture;
        return endpoints::create_builtin_endpoint(
            name, capture ? endpoints::Role::kCapture : endpoints::Role::kRender, cfg, clock,
            capture ? &sources.at(info.endpoint) : nullptr);
    };

    ReplayOutcome out;
    out.report = replay::replay(trace, factory);
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

}  // namespace aetrace::cli
