// Replaying a recorded trace against plugins: the example replays clean (in-process and
// isolated); crashing and hanging plugins are reported with the call they reached.
#include <gtest/gtest.h>

#include "aetrace/abi/error.h"
#include "aetrace/session/pipeline.h"
#include "aetrace/session/replay_runner.h"
#include "aetrace/test/temp_dir.h"

namespace aetrace::session {
namespace {

using namespace std::chrono_literals;

class PluginReplayTest : public ::testing::Test {
  protected:
    void SetUp() override {
        RunOptions options;
        options.out_dir = tmp_.path();
        options.write_wav = false;
        const RunOutcome run = run_scenario(
            test::source_dir() / "fixtures/scenarios/speech-48k-stereo-s16.toml", options);
        trace_ = load_trace(run.trace_path);
    }
    /// Index in trace.calls of the n-th (1-based) GetCurrentPadding call.
    std::uint64_t nth_padding_call(int n) const {
        for (std::size_t i = 0; i < trace_.trace.calls.size(); ++i)
            if (trace_.trace.calls[i].method == abi::MethodId::IAudioEndpointRT_GetCurrentPadding &&
                --n == 0)
                return i;
        return ~0ull;
    }
    test::TempDir tmp_;
    LoadedTrace trace_;
};

TEST_F(PluginReplayTest, ExamplePluginReplaysTheRecordedTraceWithNoDivergence) {
    Implementation impl = Implementation::open(std::string(AETRACE_EXAMPLE_PLUGIN));
    EXPECT_TRUE(impl.is_plugin());
    const replay::ReplayReport report = replay_loaded(trace_, impl);
    EXPECT_TRUE(report.ok()) << (report.divergences.empty()
                                     ? "audio"
                                     : replay::describe(report.divergences[0]));
    EXPECT_EQ(report.calls_replayed, trace_.trace.calls.size());
    ASSERT_FALSE(report.audio.empty());
    EXPECT_TRUE(report.audio[0].checked);
}

TEST_F(PluginReplayTest, IsolatedExamplePluginReplaysClean) {
    Implementation impl = Implementation::open(std::string(AETRACE_EXAMPLE_PLUGIN));
    const IsolatedReplay r = replay_isolated(trace_, impl, {}, 60s);
    ASSERT_EQ(r.status, ReplayStatus::kReplayed) << r.message;
    EXPECT_TRUE(r.report.ok());
    EXPECT_EQ(r.report.calls_replayed, trace_.trace.calls.size());
    EXPECT_EQ(r.calls_started, trace_.trace.calls.size());
    EXPECT_EQ(r.call_index, trace_.trace.calls.size() - 1);
}

TEST_F(PluginReplayTest, IsolatedMutantReportRoundTripsItsDivergences) {
    Implementation impl = Implementation::open(std::string("mutant-padding-off-by-one"));
    const IsolatedReplay r = replay_isolated(trace_, impl, {}, 60s);
    ASSERT_EQ(r.status, ReplayStatus::kReplayed) << r.message;
    const replay::ReplayReport direct = replay_loaded(trace_, impl);
    EXPECT_FALSE(r.report.ok());
    EXPECT_EQ(r.report.divergence_count, direct.divergence_count);
    ASSERT_FALSE(r.report.divergences.empty());
    EXPECT_EQ(replay::describe(r.report.divergences[0]), replay::describe(direct.divergences[0]));
    EXPECT_EQ(r.report.per_method, direct.per_method);
}

TEST_F(PluginReplayTest, CrashingPluginIsReportedAtItsFifthGetCurrentPadding) {
    Implementation impl = Implementation::open(std::string(AETRACE_CRASH_PLUGIN));
    const IsolatedReplay r = replay_isolated(trace_, impl, {}, 60s);
    EXPECT_EQ(r.status, ReplayStatus::kCrashed);
    EXPECT_EQ(r.message, "SIGSEGV");
    ASSERT_TRUE(r.call_index);
    EXPECT_EQ(*r.call_index, nth_padding_call(5));
}

TEST_F(PluginReplayTest, HangingPluginIsKilledAndReportedAtItsThirdGetCurrentPadding) {
    Implementation impl = Implementation::open(std::string(AETRACE_HANG_PLUGIN));
    const IsolatedReplay r = replay_isolated(trace_, impl, {}, 1s);
    EXPECT_EQ(r.status, ReplayStatus::kHung);
    ASSERT_TRUE(r.call_index);
    EXPECT_EQ(*r.call_index, nth_padding_call(3));
}

TEST_F(PluginReplayTest, UnknownBuiltinNameIsAnInputErrorListingTheNames) {
    try {
        Implementation::open(std::string("no-such-endpoint"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("reference"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace aetrace::session
