// Replay of traces recorded from the reference endpoints, against the reference and its mutants.
#include <gtest/gtest.h>

#include <sstream>

#include "aetrace/test/temp_dir.h"
#include "recorded_session.h"

namespace aetrace::replay {
namespace {

using abi::MethodId;
using test::Script;

const audio::PcmBuffer& source() {
    static const audio::PcmBuffer pcm = test::stereo_source(48000 * 3);
    return pcm;
}

std::string dump(const ReplayReport& report) {
    std::ostringstream out;
    print_report(report, out);
    return out.str();
}

/// Index in trace.calls of the first call of `method` at or after `from` satisfying `pred`.
template <class Pred>
std::uint64_t first_call(const format::Trace& trace, MethodId method, Pred pred,
                         std::uint64_t from = 0) {
    for (std::uint64_t i = from; i < trace.calls.size(); ++i)
        if (trace.calls[i].method == method && pred(trace.calls[i])) return i;
    ADD_FAILURE() << "no such call";
    return 0;
}
std::uint64_t first_call(const format::Trace& trace, MethodId method, std::uint64_t from = 0) {
    return first_call(
        trace, method, [](const format::CallRecord&) { return true; }, from);
}

Script capture_script() {
    return Script{};
}
Script render_script() {
    Script s;
    s.role = endpoints::Role::kRender;
    s.passes = 250;  // 2.5 s: three seconds of played audio
    return s;
}

TEST(ReplayRecordedTest, ReferenceReplaysWithoutDivergence) {
    for (const Script& script : {capture_script(), render_script()}) {
        const format::Trace trace = test::record_session(script, source());
        ASSERT_GT(trace.calls.size(), 500u);
        const ReplayReport report = replay(trace, test::builtin_factory("reference", source()));
        EXPECT_TRUE(report.ok()) << dump(report);
        EXPECT_EQ(report.calls_replayed, trace.calls.size());
        EXPECT_TRUE(report.notes.empty()) << dump(report);
        if (script.role == endpoints::Role::kRender) {
            ASSERT_EQ(report.audio.size(), 1u);
            EXPECT_TRUE(report.audio[0].checked) << report.audio[0].note;
            EXPECT_TRUE(report.audio[0].matches);
            EXPECT_EQ(report.audio[0].frames_actual, trace.digests.at(0).frames);
        }
    }
}

TEST(ReplayRecordedTest, TraceSurvivesTheFileRoundTrip) {
    aetrace::test::TempDir dir;
    const format::Trace recorded = test::record_session(render_script(), source());
    format::write_trace(dir / "render.aetrace", recorded);
    const format::Trace trace = format::read_trace(dir / "render.aetrace", /*strict=*/true);
    const ReplayReport report = replay(trace, test::builtin_factory("reference", source()));
    EXPECT_TRUE(report.ok()) << dump(report);
    EXPECT_TRUE(report.notes.empty()) << dump(report);
}

TEST(ReplayRecordedTest, PaddingOffByOneIsCaughtAtTheFirstGetCurrentPadding) {
    for (const Script& script : {capture_script(), render_script()}) {
        const format::Trace trace = test::record_session(script, source());
        const ReplayReport report =
            replay(trace, test::builtin_factory("mutant-padding-off-by-one", source()));
        ASSERT_FALSE(report.ok());
        ASSERT_FALSE(report.divergences.empty());
        const Divergence& d = report.divergences.front();
        EXPECT_EQ(d.call_index, first_call(trace, MethodId::IAudioEndpointRT_GetCurrentPadding))
            << dump(report);
        EXPECT_EQ(d.field, "padding");
        EXPECT_EQ(std::stoll(d.actual), std::stoll(d.expected) + 1);
    }
}

TEST(ReplayRecordedTest, SwapChannelsOnCaptureIsCaughtAtTheFirstRealBuffer) {
    const format::Trace trace = test::record_session(capture_script(), source());
    const ReplayReport report =
        replay(trace, test::builtin_factory("mutant-swap-channels", source()));
    ASSERT_FALSE(report.divergences.empty());
    const Divergence& d = report.divergences.front();
    EXPECT_EQ(d.call_index, first_call(trace, MethodId::IAudioInputEndpointRT_GetInputDataPointer,
                                       [](const format::CallRecord& c) {
                                           return c.connection_out.buffer_flags ==
                                                      abi::BUFFER_VALID &&
                                                  c.buffer.frames > 0;
                                       }))
        << dump(report);
    EXPECT_EQ(d.field, "buffer.xxh3");
    EXPECT_EQ(d.expected.size(), 16u);
}

TEST(ReplayRecordedTest, SwapChannelsOnRenderIsCaughtInTheAudio) {
    const format::Trace trace = test::record_session(render_script(), source());
    const ReplayReport report =
        replay(trace, test::builtin_factory("mutant-swap-channels", source()));
    EXPECT_EQ(report.divergence_count, 0u) << dump(report);
    EXPECT_FALSE(report.ok());
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_TRUE(report.audio[0].checked);
    EXPECT_FALSE(report.audio[0].matches);
    EXPECT_EQ(report.audio[0].differing_seconds, (std::vector<std::uint64_t>{0, 1, 2}))
        << dump(report);
    EXPECT_NE(dump(report).find("render endpoint 0: audio differs in seconds 0, 1, 2 of 3"),
              std::string::npos)
        << dump(report);
}

TEST(ReplayRecordedTest, IgnoreSilentFlagIsCaughtInTheSecondOfTheSilentBuffers) {
    Script script = render_script();
    script.silent_from = 100;  // stream frames 48000..95999: second 1
    script.silent_to = 200;
    const format::Trace trace = test::record_session(script, source());
    const ReplayReport reference = replay(trace, test::builtin_factory("reference", source()));
    EXPECT_TRUE(reference.ok()) << dump(reference);
    const ReplayReport report =
        replay(trace, test::builtin_factory("mutant-ignore-silent-flag", source()));
    EXPECT_EQ(report.divergence_count, 0u) << dump(report);
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_FALSE(report.audio[0].matches);
    EXPECT_EQ(report.audio[0].differing_seconds, std::vector<std::uint64_t>{1}) << dump(report);
}

TEST(ReplayRecordedTest, PositionNotResetIsCaughtAtTheFirstGetCurrentPaddingAfterReset) {
    for (endpoints::Role role : {endpoints::Role::kCapture, endpoints::Role::kRender}) {
        Script script = role == endpoints::Role::kCapture ? capture_script() : render_script();
        script.reset_before = 60;
        const format::Trace trace = test::record_session(script, source());
        EXPECT_TRUE(replay(trace, test::builtin_factory("reference", source())).ok());
        const ReplayReport report =
            replay(trace, test::builtin_factory("mutant-position-not-reset", source()));
        ASSERT_FALSE(report.divergences.empty());
        const std::uint64_t reset = first_call(trace, MethodId::IAudioEndpointControl_Reset);
        const Divergence& d = report.divergences.front();
        EXPECT_EQ(d.call_index,
                  first_call(trace, MethodId::IAudioEndpointRT_GetCurrentPadding, reset))
            << dump(report);
        EXPECT_EQ(d.field, "position.u64StreamPosition");
    }
}

TEST(ReplayRecordedTest, HashOnlyRecordingGivesTheNoteAndChecksHashes) {
    Script script = render_script();
    script.hash_only = true;
    const format::Trace trace = test::record_session(script, source());
    EXPECT_TRUE(trace.payloads.empty());
    const ReplayReport report = replay(trace, test::builtin_factory("reference", source()));
    EXPECT_TRUE(report.ok()) << dump(report);
    ASSERT_EQ(report.notes.size(), 1u) << dump(report);
    EXPECT_EQ(report.notes[0].rfind("hash-only trace:", 0), 0u);
    ASSERT_EQ(report.audio.size(), 1u);
    EXPECT_FALSE(report.audio[0].checked);
    // Hashes are still compared: a capture recorded hash-only still catches swapped channels.
    Script capture = capture_script();
    capture.hash_only = true;
    const format::Trace capture_trace = test::record_session(capture, source());
    EXPECT_FALSE(
        replay(capture_trace, test::builtin_factory("mutant-swap-channels", source())).ok());
}

}  // namespace
}  // namespace aetrace::replay
