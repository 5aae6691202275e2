// Proof that the harness catches real bugs: a trace recorded with the reference endpoints is
// replayed against endpoint variants that each carry one bug; each must be reported at the right
// call or second of audio.
#include <gtest/gtest.h>

#include <sstream>

#include "aetrace/format/trace.h"
#include "aetrace/session/pipeline.h"
#include "aetrace/session/replay_runner.h"
#include "aetrace/test/temp_dir.h"
#include "synthetic.h"

namespace fs = std::filesystem;
namespace aetrace::e2e {
using abi::MethodId;

namespace {

class BugCatchingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        // Distinct channels from the first frame, a burst of BUFFER_SILENT render buffers (full of
        // non-zero bytes) at 100 ms and a render Reset at 250 ms.
        const abi::StreamFormat f{abi::SampleType::kInt, 16, 2, 48000};
        test::write_synthetic_wav(tmp_ / "in.wav", f, 0.5, 42);
        const std::string actions =
            "[[actions]]\nat_ms = 100\ndo = \"silent\"\ntarget = \"render\"\npasses = 3\n"
            "[[actions]]\nat_ms = 250\ndo = \"reset\"\ntarget = \"render\"\n";
        const fs::path scenario = test::write_scenario(tmp_.path(), "bugs", tmp_ / "in.wav",
                                                       "period_ms = 10\nseed = 3", actions);
        session::RunOptions opts;
        opts.out_dir = tmp_ / "ref";
        const session::RunOutcome o = session::run_scenario(scenario, opts);
        ASSERT_TRUE(o.engine.ok) << o.engine.message;
        trace_path_ = o.trace_path;
        trace_ = format::read_trace(trace_path_, true);
    }

    session::ReplayOutcome replay_with(const std::string& impl) {
        auto r = session::replay_trace_file(trace_path_, impl, std::nullopt);
        std::ostringstream s;
        replay::print_report(r.report, s);
        report_ = s.str();
        return r;
    }

    // seq of the first call matching `pred`, in file order.
    template <class Pred>
    std::uint64_t first_seq(Pred pred) const {
        for (const auto& c : trace_.calls)
            if (pred(c)) return c.seq;
        ADD_FAILURE() << "no such call in the trace";
        return ~0ull;
    }

    test::TempDir tmp_;
    fs::path trace_path_;
    format::Trace trace_;
    std::string report_;
};

}  // namespace

TEST_F(BugCatchingTest, ReferenceReplaysClean) {
    const auto r = replay_with("reference");
    EXPECT_TRUE(r.ok) << report_;
}

TEST_F(BugCatchingTest, PaddingOffByOneIsReportedAtTheFirstGetCurrentPadding) {
    const auto r = replay_with("mutant-padding-off-by-one");
    ASSERT_FALSE(r.ok);
    ASSERT_FALSE(r.report.divergences.empty());
    const auto& d = r.report.divergences.front();
    EXPECT_EQ(d.method, MethodId::IAudioEndpointRT_GetCurrentPadding) << report_;
    EXPECT_EQ(d.seq, first_seq([](const format::CallRecord& c) {
                  return c.method == MethodId::IAudioEndpointRT_GetCurrentPadding;
              }))
        << report_;
    EXPECT_EQ(d.field, "padding") << report_;
}

TEST_F(BugCatchingTest, SwappedChannelsAreReportedAtTheFirstCapturedBufferAndInTheAudio) {
    const auto r = replay_with("mutant-swap-channels");
    ASSERT_FALSE(r.ok);
    ASSERT_FALSE(r.report.divergences.empty());
    const auto& d = r.report.divergences.front();
    EXPECT_EQ(d.method, MethodId::IAudioInputEndpointRT_GetInputDataPointer) << report_;
    EXPECT_EQ(d.seq, first_seq([](const format::CallRecord& c) {
                  return c.method == MethodId::IAudioInputEndpointRT_GetInputDataPointer &&
                         c.connection_out.buffer_flags == abi::BUFFER_VALID && c.buffer.frames > 0;
              }))
        << report_;
    EXPECT_EQ(d.field, "buffer.xxh3") << report_;
    bool audio_caught = false;
    for (const auto& a : r.report.audio)
        if (a.checked && !a.matches && !a.differing_seconds.empty() && a.differing_seconds[0] == 0)
            audio_caught = true;
    EXPECT_TRUE(audio_caught) << report_;
}

TEST_F(BugCatchingTest, IgnoredSilentFlagIsReportedInTheRightSecondOfAudio) {
    const auto r = replay_with("mutant-ignore-silent-flag");
    ASSERT_FALSE(r.ok) << report_;
    bool found = false;
    for (const auto& a : r.report.audio) {
        if (!a.checked || a.matches) continue;
        found = true;
        EXPECT_EQ(a.differing_seconds, (std::vector<std::uint64_t>{0})) << report_;
    }
    EXPECT_TRUE(found) << report_;
}

TEST_F(BugCatchingTest, PositionNotResetIsReportedAtTheFirstPositionAfterReset) {
    const auto r = replay_with("mutant-position-not-reset");
    ASSERT_FALSE(r.ok);
    ASSERT_FALSE(r.report.divergences.empty());
    const std::uint64_t reset_seq = first_seq([](const format::CallRecord& c) {
        return c.method == MethodId::IAudioEndpointControl_Reset && c.endpoint == 1 &&
               c.virtual_time > 0;
    });
    const std::uint64_t expected = first_seq([&](const format::CallRecord& c) {
        return c.seq > reset_seq && c.endpoint == 1 &&
               c.method == MethodId::IAudioEndpointRT_GetCurrentPadding;
    });
    const auto& d = r.report.divergences.front();
    EXPECT_EQ(d.seq, expected) << report_;
    EXPECT_EQ(d.method, MethodId::IAudioEndpointRT_GetCurrentPadding) << report_;
    EXPECT_EQ(d.field.rfind("position.", 0), 0u) << report_;
}

}  // namespace aetrace::e2e
