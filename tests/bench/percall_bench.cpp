// Per-call cost: the same call made directly on an endpoint and through a recording proxy, in the
// same run. Each "direct" benchmark stores its time per call; the "recorded" benchmark that follows
// reports it again next to its own, with the difference (the recorder's added cost) and the ratio
// as user counters. Times per call are the benchmark thread's CPU time (CLOCK_THREAD_CPUTIME_ID)
// over the timed segments, so that time the thread spends preempted on a shared machine does not
// count (Google Benchmark's own "Time" column is wall time, its "CPU" column the whole process's
// CPU time, which includes the writer thread):
//   direct_ns     CPU time per call, direct (from the preceding direct benchmark)
//   recorded_ns   CPU time per call through the recording proxy
//   added_ns      recorded_ns - direct_ns
//   ratio         recorded_ns / direct_ns
//   added_wall_ns the same difference in wall-clock time
//   dropped       records the recorder dropped (must be 0, else the recorded time is too
//                 optimistic)
// "recorded" uses the default RecorderOptions. Three variants on the trivial endpoint:
//   recorded_warm          ring_warm_bytes = 256 KiB: while the writer keeps up, records cycle
//                          through the first 256 KiB of the ring (in cache) instead of sweeping
//                          the whole 4 MiB ring (off by default: see RecorderOptions)
//   recorded_clock         tsc_timestamps = false: the real time is read with SystemClock (a vDSO
//                          clock_gettime) on the real-time thread instead of one RDTSC
//   recorded_no_real_time  real_timestamps = false: no real-time stamp at all
//
// The recorder's writer thread drains the rings concurrently. Every kPaddingBatch / kDataBatch
// calls the timing is paused and the loop waits for the writer (Recorder::flush) so that no ring
// overflows: a dropped record costs less than a recorded one and would flatter the result. Both
// loops contain the same batch bookkeeping. A batch fills at most a quarter of recorded_warm's
// 256 KiB window (the writer lets a ring's producer wrap early only while its drains find no more
// than that), as the calls between two drains of the writer do on a live engine: at 100 passes
// per second of 8 calls (two moving a 480-frame stereo-float buffer), the writer's idle poll
// (every 10-25 ms) finds 9-22 KB per ring.
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "bench_registry.h"
#include "bench_rig.h"

namespace aetrace::bench {
namespace {

using steady = std::chrono::steady_clock;

/// Time per iteration of a timed_loop: wall clock and the calling thread's CPU time.
struct PerCall {
    double wall_ns = 0;
    double cpu_ns = 0;
};

/// Time per call of the direct benchmarks, by "<call>/<endpoint kind>".
std::map<std::string, PerCall>& direct_ns() {
    static std::map<std::string, PerCall> map;
    return map;
}

/// Runs `call` once per benchmark iteration; returns the time per iteration spent in the timed
/// segments. With `recorder`, waits for the writer every `batch` iterations (untimed).
template <class Call>
PerCall timed_loop(benchmark::State& state, BenchRecorder* recorder, std::uint32_t batch,
                   Call&& call) {
    std::chrono::nanoseconds wall{0};
    std::int64_t cpu = 0;
    std::uint32_t in_batch = 0;
    auto t0 = steady::now();
    std::int64_t c0 = thread_cpu_ns();
    for (auto _ : state) {
        call();
        if (++in_batch == batch) {
            in_batch = 0;
            if (recorder) {
                wall += steady::now() - t0;
                cpu += thread_cpu_ns() - c0;
                state.PauseTiming();
                recorder->recorder().flush();
                state.ResumeTiming();
                c0 = thread_cpu_ns();
                t0 = steady::now();
            }
        }
    }
    wall += steady::now() - t0;
    cpu += thread_cpu_ns() - c0;
    const auto n = static_cast<double>(state.iterations());
    if (n == 0) return {};
    return {static_cast<double>(wall.count()) / n, static_cast<double>(cpu) / n};
}

/// Sets the comparison counters of a recorded benchmark.
void compare(benchmark::State& state, const std::string& key, const PerCall& recorded,
             const record::RecorderStats& stats) {
    const PerCall direct = direct_ns()[key];
    state.counters["direct_ns"] = direct.cpu_ns;
    state.counters["recorded_ns"] = recorded.cpu_ns;
    state.counters["added_ns"] = recorded.cpu_ns - direct.cpu_ns;
    state.counters["ratio"] = direct.cpu_ns > 0 ? recorded.cpu_ns / direct.cpu_ns : 0.0;
    state.counters["added_wall_ns"] = recorded.wall_ns - direct.wall_ns;
    state.counters["dropped"] = static_cast<double>(stats.dropped);
}

/// Sets the counters of a direct benchmark and keeps its times for the recorded one.
void keep_direct(benchmark::State& state, const std::string& key, const PerCall& direct) {
    direct_ns()[key] = direct;
    state.counters["direct_ns"] = direct.cpu_ns;
    state.counters["direct_wall_ns"] = direct.wall_ns;
}

enum class Mode : std::uint8_t {
    kDirect,
    kRecorded,            ///< default RecorderOptions
    kRecordedWarm,        ///< ring_warm_bytes = 256 KiB
    kRecordedClock,       ///< tsc_timestamps = false: SystemClock read per call
    kRecordedNoRealTime,  ///< real_timestamps = false: no real-clock read per call
};

std::unique_ptr<BenchRecorder> make_recorder(Mode mode, const std::string& name,
                                             const abi::StreamFormat& format) {
    if (mode == Mode::kDirect) return nullptr;
    record::RecorderOptions options;
    options.real_timestamps = mode != Mode::kRecordedNoRealTime;
    options.tsc_timestamps = mode != Mode::kRecordedClock;
    if (mode == Mode::kRecordedWarm) options.ring_warm_bytes = 256u << 10;
    return std::make_unique<BenchRecorder>(name, format, options);
}

constexpr std::uint32_t kPaddingBatch = 384;  // 16 + 136 bytes a record: 61 KB
constexpr std::uint32_t kDataBatch = 15;      // Get + Release (3840-byte buffer): 62 KB

// --- GetCurrentPadding (non-data call) ---

void padding_calls(benchmark::State& state, EndpointKind kind, Mode mode) {
    const abi::StreamFormat format = float_format(2);
    clock::VirtualClock direct_clock;
    std::unique_ptr<BenchRecorder> rec = make_recorder(mode, "padding", format);
    const clock::Clock& clock = rec ? static_cast<const clock::Clock&>(rec->clock())
                                    : static_cast<const clock::Clock&>(direct_clock);
    auto endpoint = make_endpoint(kind, TrivialRole::kRender, format, clock);
    if (rec) endpoint = rec->wrap(endpoint, 0, TrivialRole::kRender, kind_name(kind));
    start_endpoint(endpoint);
    const RtInterfaces ep = rt_interfaces(endpoint);

    abi::HNSTIME padding = 0;
    abi::AE_CURRENT_POSITION pos{};
    const PerCall ns = timed_loop(state, rec.get(), kPaddingBatch, [&] {
        ep.rt->GetCurrentPadding(&padding, &pos);
        benchmark::DoNotOptimize(padding);
        benchmark::DoNotOptimize(pos);
    });
    const std::string key = std::string("padding/") + kind_name(kind);
    if (!rec) {
        keep_direct(state, key, ns);
        return;
    }
    compare(state, key, ns, rec->finish());
}

// --- GetOutputDataPointer + ReleaseOutputDataPointer, 480 frames stereo float (data call) ---

void data_calls(benchmark::State& state, EndpointKind kind, Mode mode) {
    const abi::StreamFormat format = float_format(2);
    clock::VirtualClock direct_clock;
    std::unique_ptr<BenchRecorder> rec = make_recorder(mode, "data", format);
    clock::VirtualClock& clock = rec ? rec->clock() : direct_clock;
    auto endpoint = make_endpoint(kind, TrivialRole::kRender, format, clock);
    if (rec) endpoint = rec->wrap(endpoint, 0, TrivialRole::kRender, kind_name(kind));
    start_endpoint(endpoint);
    const RtInterfaces ep = rt_interfaces(endpoint);

    const PerCall ns = timed_loop(state, rec.get(), kDataBatch, [&] {
        // The reference device consumes one packet per 10 ms of virtual time: advance it so
        // that every Release fits (the same in the direct and the recorded loop).
        clock.advance(kPeriod);
        const abi::UINT_PTR p = ep.output->GetOutputDataPointer(kPacketFrames, nullptr);
        benchmark::DoNotOptimize(p);
        const abi::APO_CONNECTION_PROPERTY prop{p, kPacketFrames, abi::BUFFER_VALID,
                                                abi::APO_CONNECTION_PROPERTY_SIGNATURE};
        ep.output->ReleaseOutputDataPointer(&prop);
    });
    const std::string key = std::string("data/") + kind_name(kind);
    if (!rec) {
        keep_direct(state, key, ns);
        return;
    }
    compare(state, key, ns, rec->finish());
}

}  // namespace

/// Seconds of timed calls per benchmark (the untimed waits for the writer come on top: about
/// 50 us a batch, several times the timed seconds for the data calls).
constexpr double kMinTime = 0.3;
constexpr double kDataMinTime = 0.1;

void register_percall_benchmarks() {
    const struct {
        Mode mode;
        const char* name;
    } modes[] = {{Mode::kDirect, "direct"},
                 {Mode::kRecorded, "recorded"},
                 {Mode::kRecordedWarm, "recorded_warm"},
                 {Mode::kRecordedClock, "recorded_clock"},
                 {Mode::kRecordedNoRealTime, "recorded_no_real_time"}};
    // The variants run on the trivial endpoint only.
    const auto variant = [](Mode mode) { return mode != Mode::kDirect && mode != Mode::kRecorded; };
    for (const EndpointKind kind : {EndpointKind::kTrivial, EndpointKind::kReference}) {
        const std::string k = kind_name(kind);
        for (const auto& m : modes) {
            if (variant(m.mode) && kind != EndpointKind::kTrivial) continue;
            const Mode mode = m.mode;
            benchmark::RegisterBenchmark(
                ("GetCurrentPadding/" + std::string(m.name) + "/" + k).c_str(),
                [kind, mode](benchmark::State& s) { padding_calls(s, kind, mode); })
                ->MinTime(kMinTime);
        }
        for (const auto& m : modes) {
            if (variant(m.mode) && kind != EndpointKind::kTrivial) continue;
            const Mode mode = m.mode;
            benchmark::RegisterBenchmark(
                ("DataCall480f/" + std::string(m.name) + "/" + k).c_str(),
                [kind, mode](benchmark::State& s) { data_calls(s, kind, mode); })
                ->MinTime(kDataMinTime);
        }
    }
}

}  // namespace aetrace::bench
