// The packet-ring implementation is a second opinion on the reference model: every committed
// scenario recorded with "reference" replays against "packet-ring" without divergence, and running
// the scenario with "packet-ring" plays exactly the reference's audio.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "aetrace/audio/metrics.h"
#include "aetrace/audio/wav_file.h"
#include "aetrace/format/trace.h"
#include "aetrace/session/pipeline.h"
#include "aetrace/session/replay_runner.h"
#include "aetrace/test/temp_dir.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::endpoints::test {
namespace {

std::vector<std::string> scenario_names() {
    std::vector<std::string> names;
    for (const auto& e :
         fs::directory_iterator(aetrace::test::source_dir() / "fixtures" / "scenarios"))
        if (e.path().extension() == ".toml") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

session::RunOutcome run(const std::string& name, const std::string& impl, const fs::path& dir) {
    session::RunOptions opts;
    opts.out_dir = dir;
    opts.implementation = impl;
    return session::run_scenario(
        aetrace::test::source_dir() / "fixtures" / "scenarios" / (name + ".toml"), opts);
}

class PacketRingAgreementTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PacketRingAgreementTest, ReplaysTheReferenceTraceCleanAndPlaysTheSameAudio) {
    aetrace::test::TempDir tmp;
    const session::RunOutcome ref = run(GetParam(), "reference", tmp / "reference");
    ASSERT_TRUE(ref.engine.ok) << ref.engine.message;

    // First the trace against its own implementation: a failure here is the recorder's or the
    // replayer's, not the packet ring's.
    const session::ReplayOutcome self =
        session::replay_trace_file(ref.trace_path, std::nullopt, std::nullopt);
    ASSERT_TRUE(self.ok) << "the reference trace does not replay against the reference: "
                         << self.summary;

    // The reference's trace, replayed against the packet ring: no divergence at all.
    const session::ReplayOutcome r =
        session::replay_trace_file(ref.trace_path, "packet-ring", std::nullopt);
    std::ostringstream report;
    replay::print_report(r.report, report);
    EXPECT_TRUE(r.ok) << report.str();
    EXPECT_EQ(r.report.divergence_count, 0u) << report.str();
    EXPECT_EQ(r.report.calls_replayed, ref.calls);
    ASSERT_FALSE(r.report.audio.empty());
    for (const auto& a : r.report.audio) EXPECT_TRUE(a.checked && a.matches) << report.str();

    // The scenario run with the packet ring: the same calls, results and output audio.
    const session::RunOutcome ring = run(GetParam(), "packet-ring", tmp / "packet-ring");
    ASSERT_TRUE(ring.engine.ok) << ring.engine.message;
    EXPECT_EQ(ring.engine.passes, ref.engine.passes);
    const audio::AudioComparison cmp =
        audio::compare_audio(audio::read_wav(ref.output_path), audio::read_wav(ring.output_path));
    EXPECT_TRUE(cmp.identical) << "first difference at frame " << cmp.first_diff_frame
                               << " channel " << cmp.first_diff_channel << ", SNR " << cmp.snr_db
                               << " dB";
    EXPECT_EQ(cmp.frames_a, cmp.frames_b);
    EXPECT_EQ(ring.actual.calls, ref.actual.calls);
    EXPECT_EQ(ring.actual.calls_xxh3_128, ref.actual.calls_xxh3_128);
    EXPECT_EQ(ring.actual.audio_xxh3_128, ref.actual.audio_xxh3_128);
}

// What no committed scenario triggers: capture overruns and render underruns (passes up to 35 ms
// late against a 20 ms buffer), a capture Stop/Reset/Start (DISCONTINUOUS after Start-after-Reset),
// event-driven passes at 22.05 kHz (220.5-frame packets) with padding in HNSTIME.
TEST(PacketRingAgreementTest, AgreesOnGlitchesRestartsAndOddRates) {
    aetrace::test::TempDir tmp;
    const abi::StreamFormat f48{abi::SampleType::kInt, 16, 2, 48000};
    const abi::StreamFormat f22{abi::SampleType::kFloat, 32, 1, 22050};
    aetrace::test::write_synthetic_wav(tmp / "a.wav", f48, 0.6, 11);
    aetrace::test::write_synthetic_wav(tmp / "b.wav", f22, 0.6, 12);
    const std::string restart =
        "[[actions]]\nat_ms = 200\ndo = \"stop\"\ntarget = \"capture\"\n"
        "[[actions]]\nat_ms = 250\ndo = \"reset\"\ntarget = \"capture\"\n"
        "[[actions]]\nat_ms = 300\ndo = \"start\"\ntarget = \"capture\"\n";
    const fs::path scenarios[] = {
        aetrace::test::write_scenario(tmp.path(), "glitches", tmp / "a.wav",
                                      "period_ms = 10\nseed = 4\njitter_us = 35000", restart),
        aetrace::test::write_scenario(
            tmp.path(), "odd-rate", tmp / "b.wav",
            "period_ms = 10\nlatency_coefficient = 3\ndriving = \"event\"\n"
            "padding_unit = \"hns\"\nseed = 8\njitter_us = 700")};
    for (const fs::path& scenario : scenarios) {
        const std::string name = scenario.stem().string();
        session::RunOptions opts;
        opts.out_dir = tmp / (name + "-reference");
        const session::RunOutcome ref = session::run_scenario(scenario, opts);
        ASSERT_TRUE(ref.engine.ok) << name << ": " << ref.engine.message;
        const session::ReplayOutcome r =
            session::replay_trace_file(ref.trace_path, "packet-ring", std::nullopt);
        std::ostringstream report;
        replay::print_report(r.report, report);
        EXPECT_TRUE(r.ok) << name << ": " << report.str();

        opts.out_dir = tmp / (name + "-packet-ring");
        opts.implementation = "packet-ring";
        const session::RunOutcome ring = session::run_scenario(scenario, opts);
        ASSERT_TRUE(ring.engine.ok) << name << ": " << ring.engine.message;
        EXPECT_TRUE(audio::compare_audio(audio::read_wav(ref.output_path),
                                         audio::read_wav(ring.output_path))
                        .identical)
            << name;
        EXPECT_EQ(ring.actual.calls_xxh3_128, ref.actual.calls_xxh3_128) << name;
    }
    // The first scenario really glitched: DISCONTINUOUS positions on both endpoints.
    const format::Trace t =
        format::read_trace(tmp / "glitches-reference" / "trace.aetrace", /*strict=*/true);
    bool discontinuous[2] = {false, false};
    for (const auto& c : t.calls)
        if (c.method == abi::MethodId::IAudioEndpointRT_GetCurrentPadding && c.endpoint < 2 &&
            (c.position.Flag & abi::POSITION_DISCONTINUOUS))
            discontinuous[c.endpoint] = true;
    EXPECT_TRUE(discontinuous[0]);
    EXPECT_TRUE(discontinuous[1]);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, PacketRingAgreementTest, ::testing::ValuesIn(scenario_names()),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

}  // namespace
}  // namespace aetrace::endpoints::test
