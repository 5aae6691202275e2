#include "aetrace/session/pipeline.h"

#include <string>
#include <system_error>

#include "aetrace/abi/abi.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/audio/convert.h"
#include "aetrace/audio/wav_file.h"
#include "aetrace/clock/clock.h"
#include "aetrace/clock/frame_math.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/engine/realtime_driver.h"
#include "aetrace/format/trace.h"
#include "aetrace/golden/call_digest.h"
#include "aetrace/record/recorder.h"
#include "aetrace/session/expected_output.h"
#include "endpoint_options.h"
#include "trace_session.h"

namespace aetrace::session {
namespace fs = std::filesystem;

namespace {

endpoints::EndpointConfig endpoint_config(const engine::Scenario& sc, const abi::StreamFormat& fmt,
                                          std::uint64_t input_frames) {
    endpoints::EndpointConfig cfg;
    cfg.format = fmt;
    cfg.default_period = sc.engine.period;
    cfg.event_capable = true;
    cfg.padding_unit = sc.engine.padding_unit == engine::PaddingUnit::kHns
                           ? endpoints::EndpointConfig::PaddingUnit::kHns
                           : endpoints::EndpointConfig::PaddingUnit::kFrames;
    // Room for the input, the tail and every action's worth of delay, with a generous margin.
    const abi::HNSTIME tail = sc.engine.tail.value_or(0);
    cfg.max_render_frames =
        input_frames + clock::frames_at(tail, fmt.sample_rate) + 2ull * fmt.sample_rate * 60;
    return cfg;
}

/// Drives the recorded endpoints with the engine for `duration` (HNSTIME): on a real-time thread
/// against the real clock when options.realtime, else the virtual-time engine model. Fills
/// outcome.engine and, for a real-time run, outcome.realtime_summary (also written as metadata).
void drive_engine(const engine::Scenario& sc, const RunOptions& options,
                  clock::VirtualClock& vclock, record::Recorder& recorder,
                  const abi::ComPtr<abi::IUnknown>& capture_proxy,
                  const abi::ComPtr<abi::IUnknown>& render_proxy, std::uint64_t passes_per_flush,
                  abi::HNSTIME duration, RunOutcome& outcome) {
    if (options.realtime) {
        // Real time: the writer thread keeps up by itself; the RT thread never waits for it.
        EngineRecording listener(recorder, 0);
        engine::RealtimeRun rt =
            engine::run_realtime(sc, vclock, capture_proxy, render_proxy, &listener, duration);
        outcome.engine = std::move(rt.result);
        outcome.realtime_summary = rt.rt.how + "; pass lateness max " +
                                   std::to_string(rt.max_lateness / 10) + " us, mean " +
                                   std::to_string(rt.mean_lateness / 10) + " us";
        recorder.write_metadata("realtime", outcome.realtime_summary);
    } else {
        // The virtual-time engine outruns the writer thread: let it catch up every few passes.
        EngineRecording listener(recorder, passes_per_flush);
        engine::EngineModel model(sc, vclock, capture_proxy, render_proxy, &listener);
        outcome.engine = model.run(duration);
    }
}

/// What the render device `render` played, in `fmt` (empty when it does not say).
audio::PcmBuffer played_audio(const abi::ComPtr<abi::IUnknown>& render,
                              const abi::StreamFormat& fmt) {
    audio::PcmBuffer played{fmt, {}};
    if (auto inspect = render.as<abi::IAetraceEndpointInspect>()) {
        const std::uint8_t* data = nullptr;
        std::uint64_t frames = 0;
        if (abi::succeeded(inspect->GetRenderedAudio(&data, &frames)) && data)
            played.bytes.assign(data, data + frames * fmt.bytes_per_frame());
    }
    return played;
}

/// The golden values of a run of `sc` in `fmt` that played `out` and recorded `trace`.
golden::Golden golden_values(const engine::Scenario& sc, const abi::StreamFormat& fmt,
                             const audio::AudioDigest& out, const format::Trace& trace) {
    golden::Golden g;
    g.scenario = sc.name;
    g.format = fmt;
    g.frames = out.frames;
    g.audio_xxh3_128 = out.pcm;
    g.calls_xxh3_128 = golden::calls_digest(trace);
    g.calls = trace.calls.size();
    g.peak = out.peak;
    g.rms = out.rms;
    g.seconds = out.per_second;
    return g;
}

}  // namespace

fs::path golden_path_for(const fs::path& scenario_path, const std::string& name,
                         const std::optional<fs::path>& golden_dir) {
    const std::string file = name + ".golden";
    if (golden_dir) return *golden_dir / file;
    std::error_code ec;
    fs::path dir = fs::absolute(scenario_path, ec).parent_path();
    for (; !dir.empty(); dir = dir.parent_path()) {
        if (fs::is_directory(dir / "golden", ec)) return dir / "golden" / file;
        if (dir == dir.root_path()) break;
    }
    return fs::path("golden") / file;
}

fs::path default_out_dir(const fs::path& root, const fs::path& scenario_path) {
    return root / scenario_path.stem();
}

RunOutcome record_scenario(const fs::path& scenario_path, const fs::path& trace,
                           RunOptions options) {
    const fs::path dir = trace.has_parent_path() ? trace.parent_path() : fs::path(".");
    const fs::path scratch = dir / (".aetrace-record-" + trace.filename().string());
    options.out_dir = scratch;
    options.write_wav = false;
    RunOutcome o;
    try {
        o = run_scenario(scenario_path, options);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(scratch, ec);
        throw;
    }
    std::error_code ec;
    fs::rename(o.trace_path, trace, ec);
    fs::remove_all(scratch, ec);
    if (!fs::exists(trace)) throw InputError(trace.string() + ": cannot write trace");
    return o;
}

RunOutcome run_scenario(const fs::path& scenario_path, const RunOptions& options) {
    RunOutcome outcome;
    outcome.scenario = engine::load_scenario(scenario_path);
    const engine::Scenario& sc = outcome.scenario;

    const fs::path input =
        engine::resolve_input(sc, scenario_path.parent_path()).lexically_normal();
    audio::PcmBuffer source = audio::read_wav(input);
    if (sc.format)
        source = audio::convert_samples(source, sc.format->sample_type, sc.format->bits_per_sample);
    const abi::StreamFormat fmt = source.format;
    const audio::AudioDigest source_digest = audio::digest(source);
    const std::uint64_t input_frames = source.frames();

    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec)
        throw InputError(options.out_dir.string() +
                         ": cannot create output directory: " + ec.message());
    outcome.trace_path = options.out_dir / "trace.aetrace";

    clock::VirtualClock vclock;
    clock::SystemClock system_clock;
    const endpoints::EndpointConfig cfg = endpoint_config(sc, fmt, input_frames);
    auto capture = endpoints::create_builtin_endpoint(
        options.implementation, endpoints::Role::kCapture, cfg, vclock, &source);
    auto render = endpoints::create_builtin_endpoint(
        options.implementation, endpoints::Role::kRender, cfg, vclock, nullptr);

    record::RecorderOptions ropts;
    ropts.hash_only = options.hash_only;
    ropts.real_timestamps = options.real_timestamps || options.realtime;
    record::Recorder recorder(outcome.trace_path, make_trace_header(fmt, options.realtime), vclock,
                              ropts.real_timestamps ? &system_clock : nullptr, ropts);
    recorder.write_metadata("scenario", sc.name);
    recorder.write_metadata("scenario_file", scenario_path.generic_string());
    // Read back by snr_threshold(): replay and compare then apply the scenario's threshold.
    if (sc.compare.snr_db_min)
        recorder.write_metadata(kSnrMetadataKey, snr_metadata_value(*sc.compare.snr_db_min));
    auto capture_proxy = recorder.wrap(
        capture, 0,
        endpoint_info(0, format::EndpointRole::kCapture, options.implementation,
                      input.generic_string(), source_digest.pcm.hex(), fmt, to_options_text(cfg)));
    auto render_proxy =
        recorder.wrap(render, 1,
                      endpoint_info(1, format::EndpointRole::kRender, options.implementation, "",
                                    "", fmt, to_options_text(cfg)));

    const abi::HNSTIME duration = clock::time_of_frames(input_frames, fmt.sample_rate);
    drive_engine(sc, options, vclock, recorder, capture_proxy, render_proxy,
                 passes_per_quarter_ring(fmt, sc.engine.period, ropts.ring_bytes), duration,
                 outcome);

    const audio::PcmBuffer played = played_audio(render, fmt);
    const audio::AudioDigest out_digest = audio::digest(played);
    recorder.write_output_digest(output_digest(1, out_digest));
    const record::RecorderStats stats = recorder.finish();  // InputError if it could not be written
    outcome.calls = stats.calls;
    outcome.dropped = stats.dropped;
    if (options.write_wav) {
        outcome.output_path = options.out_dir / "output.wav";
        audio::write_wav(outcome.output_path, played);
    }

    const format::Trace trace = format::read_trace(outcome.trace_path, /*strict=*/true);
    outcome.actual = golden_values(sc, fmt, out_digest, trace);
    return outcome;
}

}  // namespace aetrace::session
