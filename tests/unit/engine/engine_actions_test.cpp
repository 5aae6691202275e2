#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine_rig.h"

using namespace aetrace::engine;
using namespace aetrace::engine::test;

TEST(EngineModelTest, PartialActionProducesAFractionOfTheFrames) {
    Rig rig;
    rig.add_action(50 * kMs, ActionKind::kPartial, ActionTarget::kRender, 2, 0.5);
    const RunResult r = rig.run(100 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    std::vector<UINT32> frames;
    for (const Released& rel : rig.render->releases) frames.push_back(rel.frames);
    ASSERT_EQ(frames.size(), 10u);
    EXPECT_EQ(frames[4], 480u);
    EXPECT_EQ(frames[5], 240u);
    EXPECT_EQ(frames[6], 240u);
    EXPECT_EQ(frames[7], 480u);
    // Nothing is lost: the frames held back come later, in order.
    const auto samples = rig.rendered_samples();
    for (std::size_t i = 0; i < samples.size(); ++i)
        ASSERT_EQ(samples[i], static_cast<std::int16_t>(i)) << i;
}

TEST(EngineModelTest, SilentActionFlagsGarbageAndStillConsumesTheFifo) {
    Rig rig;
    rig.add_action(50 * kMs, ActionKind::kSilent, ActionTarget::kRender, 1);
    const RunResult r = rig.run(100 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    ASSERT_EQ(rig.render->releases.size(), 10u);
    const Released& silent = rig.render->releases[5];
    EXPECT_EQ(silent.flags, BUFFER_SILENT);
    EXPECT_EQ(silent.frames, 480u);
    ASSERT_EQ(silent.bytes.size(), 480u * 4);
    EXPECT_TRUE(std::all_of(silent.bytes.begin(), silent.bytes.end(),
                            [](std::uint8_t b) { return b != 0; }));
    EXPECT_EQ(rig.render->releases[6].flags, BUFFER_VALID);
    const auto* next = reinterpret_cast<const std::int16_t*>(rig.render->releases[6].bytes.data());
    EXPECT_EQ(next[0], 6 * 480);  // pass 5's frames were consumed, not delayed
}

TEST(EngineModelTest, ControlActionsReachTheTargetsAtTheRightPass) {
    Rig rig;
    rig.add_action(30 * kMs, ActionKind::kStop, ActionTarget::kCapture);
    rig.add_action(45 * kMs, ActionKind::kPinInactive, ActionTarget::kBoth);  // pass at 50 ms
    rig.add_action(60 * kMs, ActionKind::kStart, ActionTarget::kCapture);
    rig.add_action(70 * kMs, ActionKind::kReset, ActionTarget::kRender);
    rig.add_action(70 * kMs, ActionKind::kPinActive, ActionTarget::kRender);
    const RunResult r = rig.run(100 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    // Each lands at its pass, before that pass's first capture call.
    const auto pass_start = rig.find("capture:GetCurrentPadding", 30 * kMs);
    EXPECT_EQ(rig.find("capture:Stop", 30 * kMs), pass_start - 1);
    EXPECT_EQ(rig.count("render:Stop"), 1u);  // teardown only
    EXPECT_LT(rig.find("capture:SetPinInactive", 50 * kMs),
              rig.find("capture:GetCurrentPadding", 50 * kMs));
    EXPECT_GE(rig.find("render:SetPinInactive", 50 * kMs), 0);
    EXPECT_GE(rig.find("capture:Start", 60 * kMs), 0);
    EXPECT_EQ(rig.find("render:Start", 60 * kMs), -1);
    EXPECT_GE(rig.find("render:Reset", 70 * kMs), 0);
    EXPECT_EQ(rig.find("capture:Reset", 70 * kMs), -1);
    EXPECT_LT(rig.find("render:Reset", 70 * kMs), rig.find("render:SetPinActive", 70 * kMs));
}

TEST(EngineModelTest, QpcErrorActionMarksOnlyThatPass) {
    Rig rig;
    rig.add_action(20 * kMs, ActionKind::kQpcError);
    const RunResult r = rig.run(50 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    const auto& flags = rig.render->timestamp_flags;
    ASSERT_EQ(flags.size(), 5u);
    EXPECT_EQ(flags[1], POSITION_CONTINUOUS);
    EXPECT_EQ(flags[2], POSITION_CONTINUOUS | POSITION_QPC_ERROR);
    EXPECT_EQ(flags[3], POSITION_CONTINUOUS);
    EXPECT_FALSE(rig.clock.qpc_error());
}

TEST(EngineModelTest, NullOutputPointerIsReportedAndReleaseSkipped) {
    Rig rig;
    rig.scenario.engine.strict = false;
    rig.make();
    rig.render->null_pointer_calls = 1;
    const RunResult r = rig.run(20 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.violations, 1u);
    ASSERT_EQ(rig.listener.violations.size(), 1u);
    EXPECT_EQ(rig.listener.violations[0].rule, ContractRule::kNullOutputPointer);
    EXPECT_EQ(rig.listener.violations[0].method,
              MethodId::IAudioOutputEndpointRT_GetOutputDataPointer);
    EXPECT_EQ(rig.listener.violations[0].limit, 480u);
    const auto get = rig.find("render:GetOutputDataPointer", 0);
    ASSERT_GE(get, 0);
    EXPECT_EQ(rig.log.calls[static_cast<std::size_t>(get) + 1].what, "render:ProcessingComplete");
    EXPECT_EQ(rig.render->releases.size(), 1u);  // only the second pass released
}

TEST(EngineModelTest, NullOutputPointerFailsAStrictRun) {
    Rig rig;
    rig.make();
    rig.render->null_pointer_calls = 1;
    const RunResult r = rig.run(50 * kMs);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("null-output-pointer"), std::string::npos) << r.message;
    EXPECT_EQ(r.passes, 1u);
}

TEST(EngineModelTest, StrictModeFailsWithTheCallIndexOfAnEndpointViolation) {
    Rig rig;
    // Capture calls: 0-4 init, 5 SetPinActive, 6 Start, 7-10 pass 0, 11-14 pass 1.
    rig.capture_config.violation_at_call = 12;
    const RunResult r = rig.run(100 * kMs);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.message,
              "contract violation: frames-above-packet in "
              "IAudioInputEndpointRT::GetInputDataPointer at call 12 of the capture endpoint");
    EXPECT_EQ(r.passes, 2u);
    EXPECT_EQ(rig.count("capture:Stop"), 1u);  // still torn down
}

TEST(EngineModelTest, NonStrictModeCountsViolationsAndContinues) {
    Rig rig;
    rig.scenario.engine.strict = false;
    rig.capture_config.violation_at_call = 12;
    const RunResult r = rig.run(100 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.violations, 1u);
    EXPECT_EQ(r.passes, 10u);
}

TEST(EngineModelTest, PassesTheAcpsSignature) {
    Rig rig;
    rig.scenario.engine.prefill = true;
    ASSERT_TRUE(rig.run(50 * kMs).ok);
    ASSERT_FALSE(rig.capture->signatures.empty());
    for (UINT32 s : rig.capture->signatures) EXPECT_EQ(s, 0x41435053u);
    ASSERT_FALSE(rig.render->releases.empty());
    for (const Released& rel : rig.render->releases) EXPECT_EQ(rel.signature, 0x41435053u);
}

TEST(EngineModelTest, FailedInitCallEndsTheRunNamingTheCall) {
    Rig rig;
    rig.render_config.set_buffer_result = E_INVALIDARG;
    const RunResult r = rig.run(50 * kMs);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.message, "render IAudioDeviceEndpoint::SetBuffer failed: E_INVALIDARG");
    EXPECT_EQ(r.passes, 0u);
    EXPECT_EQ(rig.count("render:Start"), 0u);
}

TEST(EngineModelTest, MismatchedFormatsEndTheRun) {
    Rig rig;
    rig.render_config.format.sample_rate = 44100;
    const RunResult r = rig.run(50 * kMs);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.message.find("differs"), std::string::npos) << r.message;
}

TEST(EngineModelTest, SilentCaptureBuffersBecomeSilence) {
    Rig rig;
    rig.make();
    rig.capture->hand_silent = true;
    ASSERT_TRUE(rig.run(30 * kMs).ok);
    const auto samples = rig.rendered_samples();
    ASSERT_EQ(samples.size(), 3u * 480u);
    EXPECT_TRUE(std::all_of(samples.begin(), samples.end(), [](std::int16_t s) { return s == 0; }));
}

TEST(EngineModelTest, CaptureWithNothingAvailableStillIssuesGetAndReleaseWithZero) {
    Rig rig;
    rig.make();
    rig.capture->available = 0;
    const RunResult r = rig.run(30 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.frames_captured, 0u);
    EXPECT_EQ(rig.count("capture:GetInputDataPointer"), 3u);
    EXPECT_EQ(rig.count("capture:ReleaseInputDataPointer"), 3u);
    EXPECT_EQ(rig.capture->released, 0u);
    for (const Released& rel : rig.render->releases) EXPECT_EQ(rel.frames, 0u);  // underrun
}

TEST(EngineModelTest, RunsARenderEndpointAlone) {
    Rig rig;
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, nullptr, rig.render_ref, &rig.listener);
    const RunResult r = engine.run(30 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.passes, 3u);
    EXPECT_EQ(rig.log.names("capture:").size(), 0u);
    EXPECT_EQ(rig.count("render:ReleaseOutputDataPointer"), 3u);
}

TEST(EngineModelTest, RunsACaptureEndpointAloneAndCountsFifoOverruns) {
    Rig rig;
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, nullptr, &rig.listener);
    const RunResult r = engine.run(1000 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.frames_captured, 100u * 480u);
    EXPECT_GT(r.fifo_overrun_frames, 0u);
    EXPECT_EQ(rig.log.names("render:").size(), 0u);
}

TEST(EngineModelTest, RunsNothingWithoutEndpoints) {
    Rig rig;
    EngineModel engine(rig.scenario, rig.clock, nullptr, nullptr);
    EXPECT_FALSE(engine.run(10 * kMs).ok);
    EXPECT_THROW(engine.run(10 * kMs), std::logic_error);
}
