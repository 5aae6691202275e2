// Distribution of the recorder's added cost per call: every sample timed on its own with
// CycleTimer, over 10^6 calls (--samples), directly and through a recording proxy on the trivial
// endpoint, in the same run. A sample is one GetCurrentPadding call, or one Get + Release pair of
// the data call (two calls a sample: 5 x 10^5 samples). Counters (nanoseconds unless named):
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
#include "cycle_timer.h"

namespace aetrace::bench {
namespace {

std::size_t g_samples = 1'000'000;
constexpr std::size_t kBurst = 64;
constexpr std::size_t kWarmup = 20'000;

/// Paced rates, samples per second: a GetCurrentPadding record takes 160 ring bytes (32 KB per
/// ms at this rate); a Get + Release pair of 480 stereo-float frames (one sample, two calls)
/// takes 4160 (104 KB per ms).
constexpr double kPaddingRate = 200'000;
constexpr double kDataRate = 25'000;

struct Percentiles {
    double p50 = 0, p99 = 0, p999 = 0, max = 0;
};

/// Times `call` `ticks.size()` times (after kWarmup untimed calls), paced to `rate` calls per
/// second (0: unpaced); returns the percentiles in ns.
template <class Call>
Percentiles sample(std::vector<std::uint64_t>& ticks, std::vector<double>& ns, double rate,
                   Call&& call) {
    Pacer pacer(rate);
    for (std::size_t i = 0; i < kWarmup; ++i) {
        call();
        if ((i + 1) % kBurst == 0) pacer.tick(kBurst);
    }
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        const std::uint64_t t0 = CycleTimer::ticks();
        call();
        const std::uint64_t t1 = CycleTimer::ticks();
        ticks[i] = t1 - t0;
        if ((i + 1) % kBurst == 0) pacer.tick(kBurst);
    }
    const double scale = CycleTimer::ns_per_tick();
    for (std::size_t i = 0; i < ticks.size(); ++i) ns[i] = static_cast<double>(ticks[i]) * scale;
    Percentiles p;
    p.p50 = percentile(ns, 0.50);
    p.p99 = percentile(ns, 0.99);
    p.p999 = percentile(ns, 0.999);
    p.max = percentile(ns, 1.0);
    return p;
}

/// `make_call(ep, clock)` returns the callable timed for one endpoint's RT interfaces.
template <class MakeCall>
void distribution(benchmark::State& state, const std::string& name, double median_target,
                  double rate, std::size_t calls_per_sample, bool hash_only, MakeCall&& make_call) {
    const abi::StreamFormat format = float_format(2);
    const std::size_t samples = g_samples / calls_per_sample;
    std::vector<std::uint64_t> ticks(samples);
    std::vector<double> ns(samples);
    for (auto _ : state) {
        // Timer overhead alone.
        const Percentiles timer = sample(ticks, ns, 0, [] {});

        clock::VirtualClock direct_clock;
        auto direct_ep =
            make_endpoint(EndpointKind::kTrivial, TrivialRole::kRender, format, direct_clock);
        start_endpoint(direct_ep);
        const RtInterfaces direct = rt_interfaces(direct_ep);
        const Percentiles d = sample(ticks, ns, rate, make_call(direct, direct_clock));

        record::RecorderOptions options;
        options.hash_only = hash_only;
        BenchRecorder rec("distribution", format, options);
        auto proxy = rec.wrap(
            make_endpoint(EndpointKind::kTrivial, TrivialRole::kRender, format, rec.clock()), 0,
            TrivialRole::kRender, "trivial");
        start_endpoint(proxy);
        const RtInterfaces recorded = rt_interfaces(proxy);
        const Percentiles r = sample(ticks, ns, rate, make_call(recorded, rec.clock()));
        const record::RecorderStats stats = rec.finish();

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

        const std::string n = std::to_string(samples) + " samples";
        report_target(
            {name + ": added median (" + n + ")", r.p50 - d.p50, median_target, "ns", true});
        report_target({name + ": added p99.9 (" + n + ")", r.p999 - d.p50, 2000.0, "ns", true});
        report_target({name + ": records dropped during the distribution run",
                       static_cast<double>(stats.dropped), 0.0, "", true});
    }
}

void padding_distribution(benchmark::State& state) {
    distribution(state, "GetCurrentPadding", 50.0, kPaddingRate, 1, false,
                 [](const RtInterfaces& ep, clock::VirtualClock&) {
                     return [&ep] {
                         abi::HNSTIME padding = 0;
                         abi::AE_CURRENT_POSITION pos{};
                         ep.rt->GetCurrentPadding(&padding, &pos);
                         benchmark::DoNotOptimize(padding);
                         benchmark::DoNotOptimize(pos);
                     };
                 });
}

void data_distribution(benchmark::State& state) {
    distribution(
        state, "DataCall480f (Get+Release pair, stereo float)", 150.0, kDataRate, 2, true,
        [](const RtInterfaces& ep, clock::VirtualClock& clock) {
            return [&ep, &clock] {
                clock.advance(kPeriod);
                const abi::UINT_PTR p = ep.output->GetOutputDataPointer(kPacketFrames, nullptr);
                const abi::APO_CONNECTION_PROPERTY prop{p, kPacketFrames, abi::BUFFER_VALID,
                                                        abi::APO_CONNECTION_PROPERTY_SIGNATURE};
                ep.output->ReleaseOutputDataPointer(&prop);
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
