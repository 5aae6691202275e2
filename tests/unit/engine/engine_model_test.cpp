#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine_rig.h"

using namespace aetrace::engine;
using namespace aetrace::engine::test;

TEST(EngineModelTest, TimerRunFollowsTheInitPassAndTeardownOrder) {
    Rig rig;
    rig.scenario.engine.latency_coefficient = 3;
    const RunResult r = rig.run(5 * kMs);  // one pass at t = 0
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.passes, 1u);
    const auto expected = concat({
        init_calls("capture"),
        {"capture:SetPinActive"},
        init_calls("render"),
        {"render:SetPinActive", "capture:Start", "render:Start"},
        {"capture:GetCurrentPadding", "capture:GetInputDataPointer",
         "capture:ReleaseInputDataPointer", "capture:ProcessingComplete"},
        {"render:GetCurrentPadding", "render:GetOutputDataPointer",
         "render:ReleaseOutputDataPointer", "render:ProcessingComplete"},
        {"capture:Stop", "capture:SetPinInactive", "capture:Reset"},
        {"render:Stop", "render:SetPinInactive", "render:Reset"},
    });
    EXPECT_EQ(rig.log.names(), expected);
    EXPECT_EQ(rig.capture->set_buffer_period, 100'000);
    EXPECT_EQ(rig.render->set_buffer_coefficient, 3u);
    EXPECT_EQ(r.end_time, 5 * kMs);
    EXPECT_EQ(rig.listener.ends, 1u);
}

TEST(EngineModelTest, EventModeSetsFlagsAndHandleAndPulsesTheRenderEndpoint) {
    Rig rig;
    rig.capture_config.event_capable = kTrue;
    rig.render_config.event_capable = kTrue;
    rig.scenario.engine.driving = Driving::kEvent;
    const RunResult r = rig.run(5 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    const auto expected = concat({
        init_calls("capture"),
        {"capture:SetStreamFlags", "capture:SetEventHandle"},
        {"capture:SetPinActive"},
        init_calls("render"),
        {"render:SetStreamFlags", "render:SetEventHandle", "render:SetPinActive"},
        {"capture:Start", "render:Start"},
        {"capture:GetCurrentPadding", "capture:GetInputDataPointer",
         "capture:ReleaseInputDataPointer", "capture:ProcessingComplete"},
        {"render:GetCurrentPadding", "render:GetOutputDataPointer",
         "render:ReleaseOutputDataPointer", "render:ProcessingComplete", "render:PulseEndpoint"},
        {"capture:Stop", "capture:SetPinInactive", "capture:Reset"},
        {"render:Stop", "render:SetPinInactive", "render:Reset"},
    });
    EXPECT_EQ(rig.log.names(), expected);
    EXPECT_EQ(rig.render->stream_flags, AUDCLNT_STREAMFLAGS_EVENTCALLBACK);
    EXPECT_NE(rig.render->event, nullptr);
    EXPECT_NE(rig.capture->event, rig.render->event);
}

TEST(EngineModelTest, PrefillWritesSilentPacketsUntilTheBufferIsFullBeforeStart) {
    Rig rig;
    rig.scenario.engine.prefill = true;
    const RunResult r = rig.run(5 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.prefill_passes, 2u);  // 960-frame buffer, 480-frame packets
    ASSERT_GE(rig.render->releases.size(), 2u);
    for (int i = 0; i < 2; ++i) {
        EXPECT_EQ(rig.render->releases[i].flags, BUFFER_SILENT);
        EXPECT_EQ(rig.render->releases[i].frames, 480u);
    }
    const auto render_calls = rig.log.names("render:");
    const auto start = std::find(render_calls.begin(), render_calls.end(), "render:Start");
    EXPECT_EQ(std::count(render_calls.begin(), start, "render:ReleaseOutputDataPointer"), 2);
    EXPECT_EQ(std::count(render_calls.begin(), start, "render:GetCurrentPadding"), 2);
    // The buffer is full at the first steady pass: nothing to move, Get/Release with n = 0.
    EXPECT_EQ(rig.render->requested.at(2), 0u);
    EXPECT_EQ(rig.render->releases.at(2).frames, 0u);
}

TEST(EngineModelTest, LoopbackMovesFramesInOrderFromCaptureToRender) {
    Rig rig;
    const RunResult r = rig.run(100 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.passes, 10u);
    EXPECT_EQ(r.frames_captured, 4800u);
    EXPECT_EQ(r.frames_rendered, 4800u);
    const auto samples = rig.rendered_samples();
    ASSERT_EQ(samples.size(), 4800u);
    for (std::size_t i = 0; i < samples.size(); ++i)
        ASSERT_EQ(samples[i], static_cast<std::int16_t>(i)) << i;
}

TEST(EngineModelTest, PaddingInHnsIsConvertedToFrames) {
    Rig rig;
    rig.scenario.engine.padding_unit = PaddingUnit::kHns;
    rig.capture_config.latency = 0;
    rig.make();
    rig.capture->available = 50'000;  // 5 ms = 240 frames
    const RunResult r = rig.run(30 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.frames_captured, 3u * 240u);
}

TEST(EngineModelTest, JitterIsDeterministicForASeedAndDiffersBetweenSeeds) {
    auto times = [](std::uint64_t seed) {
        Rig rig;
        rig.scenario.engine.seed = seed;
        rig.scenario.engine.jitter = 20'000;  // 2 ms
        EXPECT_TRUE(rig.run(200 * kMs).ok);
        return rig.listener.pass_times;
    };
    const auto a = times(7), b = times(7), c = times(8);
    ASSERT_EQ(a.size(), 20u);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    bool any_late = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const HNSTIME late = a[k] - static_cast<HNSTIME>(k) * 10 * kMs;
        EXPECT_GE(late, 0);
        EXPECT_LE(late, 20'000);
        any_late |= late > 0;
    }
    EXPECT_TRUE(any_late);
}

TEST(EngineModelTest, EventDrivenWakesAtTheAnnouncedDueTime) {
    Rig rig;
    rig.render_config.event_capable = kTrue;
    rig.render_config.event_interval = 7 * kMs;  // not the 10 ms period
    rig.scenario.engine.driving = Driving::kEvent;
    const RunResult r = rig.run(50 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    const std::vector<HNSTIME> expected = {7 * kMs,  14 * kMs, 21 * kMs, 28 * kMs,
                                           35 * kMs, 42 * kMs, 49 * kMs};
    EXPECT_EQ(rig.listener.pass_times, expected);
    ASSERT_EQ(rig.listener.wakes.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(rig.listener.wakes[i].first, expected[i]);
        EXPECT_EQ(rig.listener.wakes[i].second, kRenderEndpoint);
    }
    EXPECT_EQ(rig.capture->event, nullptr);  // not event capable: no handle
}

TEST(EngineModelTest, EventDrivenFallsBackToTheTimerWhenNothingIsAnnounced) {
    Rig rig;
    rig.render_config.event_capable = kTrue;
    rig.scenario.engine.driving = Driving::kEvent;
    const RunResult r = rig.run(30 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(rig.listener.pass_times, (std::vector<HNSTIME>{0, 10 * kMs, 20 * kMs}));
    EXPECT_TRUE(rig.listener.wakes.empty());
    EXPECT_TRUE(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
        return n.find("timer schedule") != std::string::npos;
    }));
}
