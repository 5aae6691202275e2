// replay_bench: replay speed of issue 4 (docs/PERFORMANCE.md, "Replay speed").
//
// Usage: replay_bench [--seconds=N] [--small-pages] [Google Benchmark flags]
//   --seconds=N    length of the synthesised trace, seconds of audio (default 3600: one hour)
//   --small-pages  keep glibc's default 4 KiB pages (see below)
//
// The reference render endpoint allocates its device output (what it played: 1.4 GB for an hour)
// at SetBuffer, so every replay faults that buffer in; with 4 KiB pages the page faults cost more
// than the replay itself. On Linux the program therefore re-executes itself once with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (malloc asks for transparent huge pages) unless
// GLIBC_TUNABLES is already set or --small-pages is given; the first output line says which.
//
// Builds in memory a trace of N seconds of 48 kHz stereo float render audio by driving the
// reference render endpoint the way the engine model does (10-ms passes: GetCurrentPadding,
// GetOutputDataPointer, ReleaseOutputDataPointer with the audio stored as payload,
// ProcessingComplete) and writing down every call and result as the recorder would. It checks
// that replaying it against the reference endpoint gives no divergence and matching audio, then
// times, in the same run:
//   ReplayTrace    replay::replay against the reference endpoint (hash checks, no WAV output)
//   CopyHashLoop   a loop that only copies each pass's payload bytes and XXH3-64-hashes them
// and prints the real-time factor of both (audio seconds / wall seconds) and their ratio, against
// the targets (>= 5000x real time, >= 40% of the loop's speed). Exit status 1 only when the trace
// does not replay cleanly.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#ifdef __linux__
#include <unistd.h>
#endif

#include "aetrace/abi/abi.h"
#include "aetrace/audio/canonical.h"
#include "aetrace/clock/clock.h"
#include "aetrace/endpoints/factory.h"
#include "aetrace/format/hash.h"
#include "aetrace/format/trace.h"
#include "aetrace/replay/replayer.h"

namespace {

using namespace aetrace;
using abi::MethodId;

constexpr std::uint32_t kRate = 48000;
constexpr abi::HNSTIME kPeriod = 100000;  // 10 ms
constexpr std::uint32_t kPacket = 480;    // frames a pass
const abi::StreamFormat kFormat{abi::SampleType::kFloat, 32, 2, kRate};

std::uint64_t g_seconds = 3600;

endpoints::EndpointConfig config() {
    endpoints::EndpointConfig c;
    c.format = kFormat;
    c.max_render_frames = g_seconds * kRate + 4 * kPacket;
    return c;
}

/// The trace and what it holds.
struct BenchTrace {
    format::Trace trace;
    double audio_seconds = 0;
    std::uint64_t payload_bytes = 0;
};

/// Records a session of the reference render endpoint into a Trace, call by call.
class SessionWriter {
  public:
    explicit SessionWriter(format::Trace& trace) : trace_(trace) {}
    format::CallRecord& call(MethodId method, abi::HNSTIME t) {
        format::CallRecord c;
        c.seq = seq_++;
        c.method = method;
        c.virtual_time = t;
        trace_.calls.push_back(c);
        return trace_.calls.back();
    }

  private:
    format::Trace& trace_;
    std::uint64_t seq_ = 0;
};

BenchTrace build_trace() {
    BenchTrace b;
    format::Trace& t = b.trace;
    t.header.writer_version = "replay_bench";
    t.header.clock = "virtual";
    format::EndpointInfo info;
    info.endpoint = 0;
    info.role = format::EndpointRole::kRender;
    info.implementation = "reference";
    info.format = kFormat;
    t.endpoints.push_back(info);

    clock::VirtualClock clock;
    auto object = endpoints::create_builtin_endpoint("reference", endpoints::Role::kRender,
                                                     config(), clock, nullptr);
    auto endpoint = object.as<abi::IAudioEndpoint>();
    auto device = object.as<abi::IAudioDeviceEndpoint>();
    auto control = object.as<abi::IAudioEndpointControl>();
    auto rt = object.as<abi::IAudioEndpointRT>();
    auto output = object.as<abi::IAudioOutputEndpointRT>();
    auto inspect = object.as<abi::IAetraceEndpointInspect>();
    SessionWriter w(t);

    abi::UINT32 fpp = 0;
    w.call(MethodId::IAudioEndpoint_GetFramesPerPacket, 0).result =
        endpoint->GetFramesPerPacket(&fpp);
    t.calls.back().out[0] = fpp;
    {
        auto& c = w.call(MethodId::IAudioDeviceEndpoint_SetBuffer, 0);
        c.arg[0] = kPeriod;
        c.arg[1] = 2;
        c.result = device->SetBuffer(kPeriod, 2);
    }
    abi::HNSTIME latency = 0;
    w.call(MethodId::IAudioEndpoint_GetLatency, 0).result = endpoint->GetLatency(&latency);
    t.calls.back().out[0] = static_cast<std::uint64_t>(latency);
    w.call(MethodId::IAudioEndpointControl_Start, 0).result = control->Start();

    const std::uint32_t block = kFormat.bytes_per_frame();
    const std::uint64_t passes = g_seconds * kRate / kPacket;
    t.calls.reserve(t.calls.size() + passes * 4);
    std::uint32_t lcg = 12345;
    for (std::uint64_t pass = 0; pass < passes; ++pass) {
        const abi::HNSTIME now = static_cast<abi::HNSTIME>(pass) * kPeriod;
        clock.set(now);
        abi::HNSTIME padding = 0;
        abi::AE_CURRENT_POSITION position{};
        rt->GetCurrentPadding(&padding, &position);
        {
            auto& c = w.call(MethodId::IAudioEndpointRT_GetCurrentPadding, now);
            c.out[0] = static_cast<std::uint64_t>(padding);
            c.flags = format::kHasPosition;
            c.position = position;
        }
        const std::uint32_t room = static_cast<std::uint32_t>(
            std::max<abi::HNSTIME>(0, 2 * static_cast<abi::HNSTIME>(kPacket) - padding));
        const std::uint32_t n = std::min(kPacket, room);
        const abi::UINT_PTR p = output->GetOutputDataPointer(n, nullptr);
        {
            auto& c = w.call(MethodId::IAudioOutputEndpointRT_GetOutputDataPointer, now);
            c.arg[0] = n;
            c.out[0] = p != 0;
        }
        format::AudioPayload payload;
        payload.endpoint = 0;
        payload.frames = n;
        payload.bytes.resize(std::size_t{n} * block);
        for (std::size_t i = 0; i < payload.bytes.size(); i += 4) {
            lcg = lcg * 1664525u + 1013904223u;
            const float v = static_cast<float>(lcg >> 8) / 16777216.0f - 0.5f;
            std::memcpy(&payload.bytes[i], &v, 4);
        }
        std::memcpy(reinterpret_cast<void*>(p), payload.bytes.data(), payload.bytes.size());
        abi::APO_CONNECTION_PROPERTY conn{p, n, abi::BUFFER_VALID,
                                          abi::APO_CONNECTION_PROPERTY_SIGNATURE};
        output->ReleaseOutputDataPointer(&conn);
        {
            auto& c = w.call(MethodId::IAudioOutputEndpointRT_ReleaseOutputDataPointer, now);
            c.arg[1] = 1;
            c.connection_in = {n, abi::BUFFER_VALID, abi::APO_CONNECTION_PROPERTY_SIGNATURE, 1};
            c.flags = format::kHasBuffer | format::kPayloadStored;
            c.buffer = {n, static_cast<std::uint32_t>(payload.bytes.size()),
                        format::xxh3_64(payload.bytes.data(), payload.bytes.size())};
            payload.seq = c.seq;
        }
        b.payload_bytes += payload.bytes.size();
        t.payloads.emplace_hint(t.payloads.end(), payload.seq, std::move(payload));
        rt->ProcessingComplete();
        w.call(MethodId::IAudioEndpointRT_ProcessingComplete, now);
    }
    // The digest of what the device played by the time of the last call.
    const std::uint8_t* data = nullptr;
    std::uint64_t frames = 0;
    inspect->GetRenderedAudio(&data, &frames);
    audio::CanonicalHasher hasher(kFormat);
    hasher.reserve(frames);
    hasher.update(data, static_cast<std::size_t>(frames) * block);
    format::OutputDigestRecord digest;
    digest.endpoint = 0;
    digest.frames = hasher.frames();
    digest.pcm = {hasher.pcm_hash().low, hasher.pcm_hash().high};
    for (const audio::Hash128& h : hasher.per_second())
        digest.per_second.push_back({h.low, h.high});
    t.digests.push_back(std::move(digest));
    if (inspect->GetViolationCount() != 0) {
        std::fprintf(stderr, "replay_bench: the recording session broke the contract\n");
        std::exit(1);
    }
    t.end = format::EndRecord{t.calls.size(), 0};
    b.audio_seconds = static_cast<double>(passes * kPacket) / kRate;
    return b;
}

const BenchTrace& bench_trace() {
    static const BenchTrace trace = build_trace();
    return trace;
}

replay::ImplementationFactory reference_factory() {
    return [](const format::EndpointInfo&, const clock::Clock& clock) {
        return endpoints::create_builtin_endpoint("reference", endpoints::Role::kRender, config(),
                                                  clock, nullptr);
    };
}

void ReplayTrace(benchmark::State& state) {
    const BenchTrace& b = bench_trace();
    const replay::ImplementationFactory factory = reference_factory();
    for (auto _ : state) {
        const replay::ReplayReport report = replay::replay(b.trace, factory);
        if (!report.ok()) state.SkipWithError("the trace does not replay cleanly");
        benchmark::DoNotOptimize(report.calls_replayed);
    }
    state.counters["audio_s"] = b.audio_seconds;
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(b.payload_bytes));
}

void CopyHashLoop(benchmark::State& state) {
    const BenchTrace& b = bench_trace();
    std::vector<std::uint8_t> buffer(std::size_t{kPacket} * kFormat.bytes_per_frame());
    for (auto _ : state) {
        std::uint64_t h = 0;
        for (const auto& [seq, payload] : b.trace.payloads) {
            std::memcpy(buffer.data(), payload.bytes.data(), payload.bytes.size());
            h ^= format::xxh3_64(buffer.data(), payload.bytes.size());
        }
        benchmark::DoNotOptimize(h);
    }
    state.counters["audio_s"] = b.audio_seconds;
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(b.payload_bytes));
}

BENCHMARK(ReplayTrace)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(CopyHashLoop)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

/// Keeps the wall and CPU time per iteration of each benchmark while the console reporter prints.
class Collector : public benchmark::ConsoleReporter {
  public:
    Collector() : ConsoleReporter(OO_Tabular) {}
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& r : runs) {
            if (r.run_type != Run::RT_Iteration || r.error_occurred || r.iterations <= 0) continue;
            const double n = static_cast<double>(r.iterations);
            wall[r.run_name.function_name] = r.real_accumulated_time / n;
            cpu[r.run_name.function_name] = r.cpu_accumulated_time / n;
        }
        ConsoleReporter::ReportRuns(runs);
    }
    std::map<std::string, double> wall;  ///< seconds per iteration
    std::map<std::string, double> cpu;   ///< seconds of this process's CPU time per iteration
};

/// The first three fields of /proc/loadavg ("?" elsewhere): the machine may be shared.
std::string load_average() {
    std::FILE* f = std::fopen("/proc/loadavg", "r");
    if (!f) return "?";
    char buf[64] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    std::string text(buf, n);
    std::size_t cut = 0;
    for (int fields = 0; fields < 3 && cut != std::string::npos; ++fields)
        cut = text.find(' ', cut ? cut + 1 : 0);
    return cut == std::string::npos ? text : text.substr(0, cut);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> args;
    bool small_pages = false;
    for (int i = 0; i < argc; ++i) {
        if (std::strncmp(argv[i], "--seconds=", 10) == 0)
            g_seconds = std::strtoull(argv[i] + 10, nullptr, 10);
        else if (std::strcmp(argv[i], "--small-pages") == 0)
            small_pages = true;
        else
            args.push_back(argv[i]);
    }
#ifdef __linux__
    if (!small_pages && !std::getenv("GLIBC_TUNABLES")) {
        setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1);
        execv("/proc/self/exe", argv);  // returns only on failure: go on with small pages
    }
#endif
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    std::printf("malloc: %s\n", tunables ? tunables : "glibc defaults (4 KiB pages)");
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());

    const BenchTrace& b = bench_trace();
    {  // Verify once, outside the timing: the trace must replay without any divergence.
        const replay::ReplayReport report = replay::replay(b.trace, reference_factory());
        if (!report.ok() || report.audio.size() != 1 || !report.audio[0].matches) {
            std::fprintf(stderr, "replay_bench: the synthesised trace does not replay cleanly:\n");
            replay::print_report(report, std::cerr);
            return 1;
        }
        std::printf(
            "trace: %.0f s of 48 kHz stereo f32, %zu calls, %llu payload bytes; replays "
            "with 0 divergences, audio matches\n",
            b.audio_seconds, b.trace.calls.size(),
            static_cast<unsigned long long>(b.payload_bytes));
    }

    Collector reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    if (reporter.wall.count("ReplayTrace") && reporter.wall.count("CopyHashLoop")) {
        const double audio_s = b.audio_seconds;
        const double replay_x = audio_s / reporter.wall["ReplayTrace"];
        const double loop_x = audio_s / reporter.wall["CopyHashLoop"];
        const double replay_cpu_x = audio_s / reporter.cpu["ReplayTrace"];
        const double loop_cpu_x = audio_s / reporter.cpu["CopyHashLoop"];
        std::printf(
            "replay: %.3f s wall (%.3f s CPU) for %.0f s of audio = %.0fx real time "
            "(%.0fx by CPU time); target >= 5000x: %s\n",
            reporter.wall["ReplayTrace"], reporter.cpu["ReplayTrace"], audio_s, replay_x,
            replay_cpu_x, replay_x >= 5000 ? "PASS" : "MISS");
        std::printf(
            "copy+XXH3 loop: %.3f s wall (%.3f s CPU) = %.0fx real time (%.0fx by CPU "
            "time)\n",
            reporter.wall["CopyHashLoop"], reporter.cpu["CopyHashLoop"], loop_x, loop_cpu_x);
        std::printf("replay / loop speed: %.1f%% (%.1f%% by CPU time); target >= 40%%: %s\n",
                    100.0 * replay_x / loop_x, 100.0 * replay_cpu_x / loop_cpu_x,
                    replay_x / loop_x >= 0.4 ? "PASS" : "MISS");
        std::printf("load average at the end: %s\n", load_average().c_str());
    }
    benchmark::Shutdown();
    return 0;
}
