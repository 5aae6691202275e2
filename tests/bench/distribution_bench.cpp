// Distribution of the recorder's added cost per call: every sample timed on its own with
// CycleTimer, over 10^6 calls (--samples), directly and through a recording proxy on the trivial
// endpoint, in the same run. A sample is one GetCurrentPadding call, or one data call:
// ReleaseOutputDataPointer of 480 stereo-float frames, the call whose buffer the recorder copies
// (each is preceded by a GetOutputDataPointer, recorded too, and by the engine filling the
// buffer, untimed: 5 x 10^5 samples, 10^6 calls). The Get is timed on its own as well and
// reported beside the target (the recorded Get prefetches the ring lines its Release will fill,
// so its cost belongs with the data call's). The data distribution also times CopyFloor
// (copy_floor.h) in the same run: the copy into a drained ring that issue 3 requires of every data
// call, without the recorder's bookkeeping. Counters (nanoseconds unless named):
//   samples, calls, samples_per_s   the run's size and pace
//   direct_p50/p99/p999  percentiles of the direct call
//   rec_p50/p99/p999     percentiles of the recorded call
//   added_p50/p99/p999   recorded percentile minus the direct MEDIAN (the added cost of a call at
//                        that percentile; the direct call's own outliers are not subtracted)
//   p999_diff            recorded p99.9 minus direct p99.9 (outliers both sides share, such as
//                        preemption on a loaded machine, cancel out; for context only)
//   rec_max              slowest recorded call
//   timer_ns             median cost of an empty timed region (included in every sample, both
//                        sides, so it cancels out of added_*)
//   dropped              records dropped by the recorder (must be 0)
//   floor_p50/p99/p999   percentiles of CopyFloor::push of the same record + payload bytes (data
//                        only); floor_refused: pushes refused (ring full, must be 0)
//   over_floor_p50       rec_p50 - floor_p50 - direct_p50: the recorder's bookkeeping beyond the
//                        copy
//   side_direct_p50, side_rec_p50, side_added_p50, side_added_p999   the same for the Get before
//                        each data call (data only)
// Pacing: the calls are made in bursts of kBurst, paced by bench::Pacer to `rate` calls per second
// (sleeping, untimed, whenever the loop is 200 us ahead), the same for the direct and the recorded
// loop. The writer thread drains the rings concurrently, on the other core when one is free: it
// wakes every 10 ms (a quarter of the flush interval, at most 10 ms). The rates are chosen so that
// it keeps up with the default rings and no record is dropped (a dropped record is cheaper than a
// recorded one and would flatter the result; `dropped` shows it). Default RecorderOptions otherwise
// (TSC timestamps, no warm window). The data-call distribution records in hash-only mode: the
// real-time side is the same (the proxy copies the buffer into the ring in both modes; only the
// writer decides whether to store it), but the writer then writes 208-byte records instead of 4 KB
// payloads and keeps up with 10^6 calls in a reasonable time. The per-call benchmarks
// (percall_bench.cpp) store the payloads.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench_registry.h"
#include "bench_rig.h"
#include "copy_floor.h"
#include "cycle_timer.h"
#include "rt_call.h"

namespace aetrace::bench {
namespace {

std::size_t g_samples = 1'000'000;
constexpr std::size_t kBurst = 64;
constexpr std::size_t kWarmup = 20'000;

/// Paced rates, samples per second: a GetCurrentPadding record takes 160 ring bytes (32 KB per
/// ms at this rate); a Get + Release pair of 480 stereo-float frames (one data-call sample, two
/// calls) takes 4160 (104 KB per ms).
constexpr double kPaddingRate = 200'000;
constexpr double kDataRate = 25'000;

struct Percentiles {
    double p50 = 0, p99 = 0, p999 = 0, max = 0;
};

/// Percentiles in ns of `ticks` (CycleTimer ticks); `ns` is scratch of the same size.
Percentiles percentiles(const std::vector<std::uint64_t>& ticks, std::vector<double>& ns) {
    const double scale = CycleTimer::ns_per_tick();
    for (std::size_t i = 0; i < ticks.size(); ++i) ns[i] = static_cast<double>(ticks[i]) * scale;
    Percentiles p;
    p.p50 = percentile(ns, 0.50);
    p.p99 = percentile(ns, 0.99);
    p.p999 = percentile(ns, 0.999);
    p.max = percentile(ns, 1.0);
    return p;
}

/// Ticks of a second timed call inside each sample (the data call's Get): the sampler stores
/// call i at ticks[i % size], so after the warm-up and the timed run it holds the timed calls.
struct SideTimes {
    std::vector<std::uint64_t> ticks;
    std::size_t next = 0;
    void add(std::uint64_t t) noexcept {
        ticks[next] = t;
        next = next + 1 == ticks.size() ? 0 : next + 1;
    }
};

/// `call` as a sample: returns the CycleTimer ticks it took.
template <class Call>
auto timed(Call call) {
    return [call]() mutable {
        const std::uint64_t t0 = CycleTimer::ticks();
        call();
        const std::uint64_t t1 = CycleTimer::ticks();
        return t1 - t0;
    };
}

/// Runs `sample_once()` (which returns the ticks of its timed region) `ticks.size()` times
/// (after kWarmup untimed runs), paced to `rate` samples per second (0: unpaced); returns the
/// percentiles in ns.
template <class Sample>
Percentiles sample(std::vector<std::uint64_t>& ticks, std::vector<double>& ns, double rate,
                   Sample&& sample_once) {
    Pacer pacer(rate);
    for (std::size_t i = 0; i < kWarmup; ++i) {
        sample_once();
        if ((i + 1) % kBurst == 0) pacer.tick(kBurst);
    }
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        ticks[i] = sample_once();
        if ((i + 1) % kBurst == 0) pacer.tick(kBurst);
    }
    return percentiles(ticks, ns);
}

/// The engine's work between Get and Release: writes `samples` floats of a ramp into the
/// endpoint's buffer (untimed; the same for the direct and the recorded call).
void fill_packet(float* buffer, std::size_t samples) {
    static float level = 0.0f;
    level = level > 0.5f ? 0.0f : level + 0.001f;
    for (std::size_t i = 0; i < samples; ++i) buffer[i] = level + static_cast<float>(i) * 1e-6f;
    benchmark::ClobberMemory();
}

/// `make_sample(ep, clock, side)` returns the sample (see sample()) for one endpoint's RT
/// interfaces. `floor_payload` > 0: also times CopyFloor pushes of an RtCall-sized record + that
/// many bytes. `side_name` not null: make_sample's sampler also times a second call of each sample
/// into the SideTimes it is given, reported (direct and recorded, same run) under that name.
template <class MakeSample>
void distribution(benchmark::State& state, const std::string& name, double median_target,
                  double rate, std::size_t calls_per_sample, bool hash_only,
                  std::size_t floor_payload, const char* side_name, MakeSample&& make_sample) {
    const abi::StreamFormat format = float_format(2);
    const std::size_t samples = g_samples / calls_per_sample;
    std::vector<std::uint64_t> ticks(samples);
    std::vector<double> ns(samples);
    SideTimes side{std::vector<std::uint64_t>(samples)};
    Percentiles side_direct, side_recorded;
    for (auto _ : state) {
        // Timer overhead alone.
        const Percentiles timer = sample(ticks, ns, 0, timed([] {}));

        clock::VirtualClock direct_clock;
        auto direct_ep =
            make_endpoint(EndpointKind::kTrivial, TrivialRole::kRender, format, direct_clock);
        start_endpoint(direct_ep);
        const RtInterfaces direct = rt_interfaces(direct_ep);
        side.next = 0;
        const Percentiles d = sample(ticks, ns, rate, make_sample(direct, direct_clock, side));
        if (side_name) side_direct = percentiles(side.ticks, ns);

        record::RecorderOptions options;
        options.hash_only = hash_only;
        BenchRecorder rec("distribution", format, options);
        auto proxy = rec.wrap(
            make_endpoint(EndpointKind::kTrivial, TrivialRole::kRender, format, rec.clock()), 0,
            TrivialRole::kRender, "trivial");
        start_endpoint(proxy);
        const RtInterfaces recorded = rt_interfaces(proxy);
        side.next = 0;
        const Percentiles r = sample(ticks, ns, rate, make_sample(recorded, rec.clock(), side));
        if (side_name) side_recorded = percentiles(side.ticks, ns);
        const record::RecorderStats stats = rec.finish();

        Percentiles floor;
        std::uint64_t floor_refused = 0;
        if (floor_payload != 0) {
            // The recorder's default ring and the writer's idle poll (a quarter of the default
            // flush interval, at most 10 ms).
            CopyFloor ring(record::RecorderOptions{}.ring_bytes, std::chrono::milliseconds(10));
            const std::vector<unsigned char> call(sizeof(record::detail::RtCall), 1),
                payload(floor_payload, 2);
            floor = sample(ticks, ns, rate, timed([&] {
                               ring.push(call.data(), call.size(), payload.data(), payload.size());
                           }));
            floor_refused = ring.refused();
            benchmark::DoNotOptimize(ring.digest());
        }

        state.counters["samples"] = static_cast<double>(samples);
        state.counters["calls"] = static_cast<double>(samples * calls_per_sample);
        state.counters["samples_per_s"] = rate;
        state.counters["timer_ns"] = timer.p50;
        state.counters["direct_p50"] = d.p50;
        state.counters["direct_p99"] = d.p99;
        state.counters["direct_p999"] = d.p999;
        state.counters["rec_p50"] = r.p50;
        state.counters["rec_p99"] = r.p99;
        state.counters["rec_p999"] = r.p999;
        state.counters["rec_max"] = r.max;
        state.counters["added_p50"] = r.p50 - d.p50;
        state.counters["added_p99"] = r.p99 - d.p50;
        state.counters["added_p999"] = r.p999 - d.p50;
        state.counters["p999_diff"] = r.p999 - d.p999;
        state.counters["dropped"] = static_cast<double>(stats.dropped);
        if (floor_payload != 0) {
            state.counters["floor_p50"] = floor.p50;
            state.counters["floor_p99"] = floor.p99;
            state.counters["floor_p999"] = floor.p999;
            state.counters["floor_refused"] = static_cast<double>(floor_refused);
            state.counters["over_floor_p50"] = r.p50 - floor.p50 - d.p50;
        }
        if (side_name) {
            state.counters["side_direct_p50"] = side_direct.p50;
            state.counters["side_rec_p50"] = side_recorded.p50;
            state.counters["side_added_p50"] = side_recorded.p50 - side_direct.p50;
            state.counters["side_added_p999"] = side_recorded.p999 - side_direct.p50;
        }

        const std::string n = std::to_string(samples) + " samples";
        report_target(
            {name + ": added median (" + n + ")", r.p50 - d.p50, median_target, "ns", true});
        report_target({name + ": added p99.9 (" + n + ")", r.p999 - d.p50, 2000.0, "ns", true});
        report_target({name + ": records dropped during the distribution run",
                       static_cast<double>(stats.dropped), 0.0, "", true});
        if (floor_payload != 0) {
            char line[400];
            std::snprintf(line, sizeof line,
                          "%s: copy floor in the same run (CopyFloor: the record and %zu payload "
                          "bytes copied into a drained 4 MiB ring, nothing else): median %.1f ns, "
                          "p99.9 %.1f ns (%llu refused); the recorder's added median is %.1f ns "
                          "over the floor's",
                          name.c_str(), floor_payload, floor.p50 - timer.p50,
                          floor.p999 - timer.p50, static_cast<unsigned long long>(floor_refused),
                          r.p50 - d.p50 - (floor.p50 - timer.p50));
            report_note(line);
        }
        if (side_name) {
            char line[400];
            std::snprintf(line, sizeof line,
                          "%s: added median %.1f ns, p99.9 %.1f ns (direct median %.1f ns); the "
                          "pair's added median (Get + Release medians) %.1f ns",
                          side_name, side_recorded.p50 - side_direct.p50,
                          side_recorded.p999 - side_direct.p50, side_direct.p50,
                          (side_recorded.p50 - side_direct.p50) + (r.p50 - d.p50));
            report_note(line);
        }
    }
}

void padding_distribution(benchmark::State& state) {
    distribution(state, "GetCurrentPadding", 50.0, kPaddingRate, 1, false, 0, nullptr,
                 [](const RtInterfaces& ep, clock::VirtualClock&, SideTimes&) {
                     return timed([&ep] {
                         abi::HNSTIME padding = 0;
                         abi::AE_CURRENT_POSITION pos{};
                         ep.rt->GetCurrentPadding(&padding, &pos);
                         benchmark::DoNotOptimize(padding);
                         benchmark::DoNotOptimize(pos);
                     });
                 });
}

void data_distribution(benchmark::State& state) {
    const std::size_t payload = std::size_t{kPacketFrames} * float_format(2).bytes_per_frame();
    distribution(
        state, "ReleaseOutputDataPointer 480f stereo float (data call)", 150.0, kDataRate, 2, true,
        payload,
        "GetOutputDataPointer before each data call (recorded; prefetches the ring lines the "
        "Release will fill)",
        [](const RtInterfaces& ep, clock::VirtualClock& clock, SideTimes& get_times) {
            return [&ep, &clock, &get_times] {
                clock.advance(kPeriod);
                const std::uint64_t g0 = CycleTimer::ticks();
                const abi::UINT_PTR p = ep.output->GetOutputDataPointer(kPacketFrames, nullptr);
                const std::uint64_t g1 = CycleTimer::ticks();
                get_times.add(g1 - g0);
                if (p) fill_packet(reinterpret_cast<float*>(p), 2 * kPacketFrames);
                const abi::APO_CONNECTION_PROPERTY prop{p, kPacketFrames, abi::BUFFER_VALID,
                                                        abi::APO_CONNECTION_PROPERTY_SIGNATURE};
                const std::uint64_t t0 = CycleTimer::ticks();
                ep.output->ReleaseOutputDataPointer(&prop);
                const std::uint64_t t1 = CycleTimer::ticks();
                return t1 - t0;
            };
        });
}

}  // namespace

void set_distribution_samples(std::size_t samples) {
    g_samples = samples;
}

void register_distribution_benchmarks() {
    benchmark::RegisterBenchmark("Distribution/GetCurrentPadding/trivial", padding_distribution)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("Distribution/DataCall480f/trivial/hash_only", data_distribution)
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
}

}  // namespace aetrace::bench
