// Engine passes through recording proxies at paced rates, with the default RecorderOptions (ring
// sizes): does the writer keep up (no record dropped), and how fast does it write?
//
// Passes are paced by bench::Pacer (sleeping between passes, or between ~200 us bursts of passes
// at high rates). A pass is bench::run_pass(): one capture and one render endpoint, 8 API calls,
// 480 frames (10 ms at 48 kHz) moved on each side, payloads stored. Counters:
//   passes, calls      passes made, calls the recorder captured
//   pass_rate          passes per second achieved (wall clock)
//   dropped, written   RecorderStats after finish()
//   trace_MB           size of the trace file (10^6 bytes)
//   write_MBps         trace_MB / seconds from the first pass to finish() returning (writer done)
//   audio_MBps         audio bytes moved by the passes (capture + render) per second
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_registry.h"
#include "bench_rig.h"

namespace aetrace::bench {
namespace {

using steady = std::chrono::steady_clock;

struct PassRun {
    std::uint64_t passes = 0;
    double seconds_passes = 0;  ///< first pass to last pass
    double seconds_total = 0;   ///< first pass to finish() returning
    record::RecorderStats stats;
    std::uintmax_t trace_bytes = 0;
    std::uint64_t audio_bytes = 0;
};

/// Makes passes for `seconds` at `rate` passes/s (0 = as fast as possible), each advancing the
/// virtual clock by 10 ms, through a fresh recorder around two `kind` endpoints in `format`.
PassRun run_passes(EndpointKind kind, const abi::StreamFormat& format, double rate,
                   double seconds) {
    const double source_seconds = rate > 0 ? rate * seconds * 0.01 + 1.0 : 1.0;
    BenchRecorder rec("passes", format);
    auto capture = rec.wrap(make_endpoint(kind, TrivialRole::kCapture, format, rec.clock(),
                                          kind == EndpointKind::kReference ? source_seconds : 0),
                            0, TrivialRole::kCapture, kind_name(kind));
    auto render = rec.wrap(make_endpoint(kind, TrivialRole::kRender, format, rec.clock()), 1,
                           TrivialRole::kRender, kind_name(kind));
    start_endpoint(capture);
    start_endpoint(render);
    const RtInterfaces cap = rt_interfaces(capture);
    const RtInterfaces ren = rt_interfaces(render);
    const std::uint32_t bpf = format.bytes_per_frame();
    std::vector<std::uint8_t> staging(static_cast<std::size_t>(kPacketFrames) * bpf);

    PassRun run;
    const auto start = steady::now();
    const auto end = start + std::chrono::duration_cast<steady::duration>(
                                 std::chrono::duration<double>(seconds));
    Pacer pacer(rate);
    while (steady::now() < end) {
        rec.clock().advance(kPeriod);
        const std::uint32_t frames = run_pass(cap, ren, kPacketFrames, bpf, staging.data());
        run.audio_bytes += 2ull * frames * bpf;
        ++run.passes;
        pacer.tick();
    }
    const auto passes_done = steady::now();
    run.stats = rec.finish();
    const auto finished = steady::now();
    run.seconds_passes = std::chrono::duration<double>(passes_done - start).count();
    run.seconds_total = std::chrono::duration<double>(finished - start).count();
    run.trace_bytes = rec.trace_bytes();
    return run;
}

void set_counters(benchmark::State& state, const PassRun& run) {
    state.counters["passes"] = static_cast<double>(run.passes);
    state.counters["calls"] = static_cast<double>(run.stats.calls);
    state.counters["pass_rate"] = static_cast<double>(run.passes) / run.seconds_passes;
    state.counters["dropped"] = static_cast<double>(run.stats.dropped);
    state.counters["written"] = static_cast<double>(run.stats.written);
    state.counters["trace_MB"] = static_cast<double>(run.trace_bytes) / 1e6;
    state.counters["write_MBps"] = static_cast<double>(run.trace_bytes) / 1e6 / run.seconds_total;
    state.counters["audio_MBps"] = static_cast<double>(run.audio_bytes) / 1e6 / run.seconds_passes;
}

/// 100 passes/s for 2 s, reference endpoints, stereo float.
void passes_100hz(benchmark::State& state) {
    for (auto _ : state) {
        const PassRun run = run_passes(EndpointKind::kReference, float_format(2), 100.0, 2.0);
        set_counters(state, run);
        report_target({"100 passes/s (stereo float, reference endpoints, default rings): dropped",
                       static_cast<double>(run.stats.dropped), 0.0, "records", true});
    }
}

/// Paced rates, 0.5 s each, rising until records are dropped (last: unpaced); trivial endpoints,
/// stereo float.
void max_pass_rate(benchmark::State& state) {
    const double rates[] = {1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 0};
    for (auto _ : state) {
        double best = 0;
        double first_drop_rate = 0;
        for (const double rate : rates) {
            const PassRun run = run_passes(EndpointKind::kTrivial, float_format(2), rate, 0.5);
            const double achieved = static_cast<double>(run.passes) / run.seconds_passes;
            char line[200];
            std::snprintf(
                line, sizeof line,
                "max-rate search: asked %s passes/s, achieved %.0f, dropped %llu of "
                "%llu calls, trace written at %.0f MB/s",
                rate > 0 ? std::to_string(static_cast<long long>(rate)).c_str() : "unpaced",
                achieved, static_cast<unsigned long long>(run.stats.dropped),
                static_cast<unsigned long long>(run.stats.calls),
                static_cast<double>(run.trace_bytes) / 1e6 / run.seconds_total);
            report_note(line);
            if (run.stats.dropped > 0) {
                first_drop_rate = achieved;
                break;
            }
            best = std::max(best, achieved);
        }
        state.counters["max_rate_no_drops"] = best;
        state.counters["first_drop_rate"] = first_drop_rate;
        char line[160];
        std::snprintf(line, sizeof line,
                      "max pass rate sustained without drops (0.5 s steps, trivial endpoints, "
                      "stereo float): %.0f passes/s",
                      best);
        report_note(line);
    }
}

/// 1000 passes/s for 2 s, reference endpoints, 8-channel float: 480 frames a side a pass.
void passes_1000hz_8ch(benchmark::State& state) {
    for (auto _ : state) {
        const PassRun run = run_passes(EndpointKind::kReference, float_format(8), 1000.0, 2.0);
        set_counters(state, run);
        report_target({"1000 passes/s (8-ch float, 480 frames a side a pass): dropped",
                       static_cast<double>(run.stats.dropped), 0.0, "records", true});
        report_target({"1000 passes/s (8-ch float): pass rate achieved",
                       static_cast<double>(run.passes) / run.seconds_passes, 990.0, "passes/s",
                       false});
    }
}

}  // namespace

void register_pass_benchmarks() {
    benchmark::RegisterBenchmark("Passes/100Hz/stereo/reference", passes_100hz)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("Passes/MaxRateWithoutDrops/stereo/trivial", max_pass_rate)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("Passes/1000Hz/8ch/reference", passes_1000hz_8ch)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
}

}  // namespace aetrace::bench
