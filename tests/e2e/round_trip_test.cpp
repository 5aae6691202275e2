// Record a scenario, replay the trace against the same endpoints: no divergence, identical hashes.
// A seeded loop over formats, periods, driving modes, padding units, jitter and actions.
#include <gtest/gtest.h>

#include <string>

#include "aetrace/session/pipeline.h"
#include "aetrace/session/replay_runner.h"
#include "aetrace/test/temp_dir.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::e2e {

namespace {

std::uint64_t next(std::uint64_t& s) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return s >> 33;
}

struct Case {
    abi::StreamFormat format;
    std::string engine;
    std::string actions;
};

Case make_case(std::uint64_t seed) {
    std::uint64_t s = seed * 7919 + 1;
    static constexpr std::uint32_t kRates[] = {8000, 16000, 22050, 44100, 48000, 96000};
    static constexpr std::uint16_t kChannels[] = {1, 2, 2, 4, 6, 8};
    Case c;
    c.format.sample_rate = kRates[next(s) % 6];
    c.format.channels = kChannels[next(s) % 6];
    switch (next(s) % 4) {
        case 0:
            c.format = {abi::SampleType::kInt, 16, c.format.channels, c.format.sample_rate};
            break;
        case 1:
            c.format = {abi::SampleType::kInt, 24, c.format.channels, c.format.sample_rate};
            break;
        case 2:
            c.format = {abi::SampleType::kInt, 32, c.format.channels, c.format.sample_rate};
            break;
        default:
            c.format = {abi::SampleType::kFloat, 32, c.format.channels, c.format.sample_rate};
    }
    static constexpr int kPeriodsMs[] = {3, 5, 10, 20};
    const int period = kPeriodsMs[next(s) % 4];
    c.engine = "period_ms = " + std::to_string(period) +
               "\nlatency_coefficient = " + std::to_string(2 + next(s) % 3) + "\ndriving = \"" +
               (next(s) % 2 ? "event" : "timer") + "\"" + "\npadding_unit = \"" +
               (next(s) % 2 ? "hns" : "frames") + "\"" + "\nseed = " + std::to_string(seed) +
               "\njitter_us = " + std::to_string(next(s) % (period * 500 + 1));
    auto action = [&](int at_ms, const std::string& body) {
        c.actions += "[[actions]]\nat_ms = " + std::to_string(at_ms) + "\n" + body + "\n";
    };
    if (next(s) % 2) action(100, "do = \"silent\"\ntarget = \"render\"\npasses = 2");
    if (next(s) % 2)
        action(150, "do = \"partial\"\ntarget = \"render\"\npasses = 3\nfraction = 0.25");
    if (next(s) % 3 == 0) {
        action(200, "do = \"stop\"\ntarget = \"both\"");
        action(230, "do = \"start\"\ntarget = \"both\"");
    }
    if (next(s) % 3 == 0) action(260, "do = \"reset\"\ntarget = \"render\"");
    if (next(s) % 3 == 0) {
        action(280, "do = \"pin-inactive\"\ntarget = \"capture\"");
        action(290, "do = \"pin-active\"\ntarget = \"capture\"");
    }
    return c;
}

}  // namespace

TEST(RoundTripTest, ReplayOfARecordingHasNoDivergenceOverSeedsAndFormats) {
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        test::TempDir tmp;
        const Case c = make_case(seed);
        SCOPED_TRACE(abi::describe(c.format) + "\n" + c.engine + "\n" + c.actions);
        test::write_synthetic_wav(tmp / "in.wav", c.format, 0.4, seed);
        const fs::path scenario =
            test::write_scenario(tmp.path(), "round-trip", tmp / "in.wav", c.engine, c.actions);

        session::RunOptions opts;
        opts.out_dir = tmp / "a";
        const session::RunOutcome first = session::run_scenario(scenario, opts);
        ASSERT_TRUE(first.engine.ok) << first.engine.message;
        EXPECT_GT(first.actual.frames, 0u);

        const session::ReplayOutcome r =
            session::replay_trace_file(first.trace_path, std::nullopt, std::nullopt);
        std::ostringstream report;
        replay::print_report(r.report, report);
        EXPECT_TRUE(r.ok) << report.str();
        EXPECT_EQ(r.report.divergence_count, 0u) << report.str();
        EXPECT_EQ(r.report.calls_replayed, first.calls);

        // The same scenario again gives identical hashes (determinism).
        opts.out_dir = tmp / "b";
        const session::RunOutcome second = session::run_scenario(scenario, opts);
        EXPECT_EQ(second.actual.audio_xxh3_128, first.actual.audio_xxh3_128);
        EXPECT_EQ(second.actual.calls_xxh3_128, first.actual.calls_xxh3_128);
    }
}

TEST(RoundTripTest, HashOnlyTraceReplaysAndSaysWhatItCouldNotCheck) {
    test::TempDir tmp;
    const abi::StreamFormat f{abi::SampleType::kInt, 16, 2, 48000};
    test::write_synthetic_wav(tmp / "in.wav", f, 0.3, 5);
    const fs::path scenario =
        test::write_scenario(tmp.path(), "hash-only", tmp / "in.wav", "period_ms = 10");
    session::RunOptions opts;
    opts.out_dir = tmp / "a";
    opts.hash_only = true;
    const session::RunOutcome o = session::run_scenario(scenario, opts);
    ASSERT_TRUE(o.engine.ok) << o.engine.message;
    const session::ReplayOutcome r =
        session::replay_trace_file(o.trace_path, std::nullopt, std::nullopt);
    bool noted = false;
    for (const auto& n : r.report.notes) noted |= n.find("hash-only") != std::string::npos;
    EXPECT_TRUE(noted);
}

}  // namespace aetrace::e2e
