// The Pacer seam of EngineModel: the default VirtualPacer keeps today's instant, deterministic
// schedule; any other Pacer decides the times the engine puts into the VirtualClock.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "aetrace/engine/pacer.h"
#include "engine_rig.h"

using namespace aetrace::engine;
using namespace aetrace::engine::test;

namespace {

/// Returns t + lateness[i] for its i-th call (0 after the script ends) and records every t.
struct ScriptedPacer : Pacer {
    std::vector<HNSTIME> lateness;
    std::vector<HNSTIME> asked;
    HNSTIME wait_until(HNSTIME t) override {
        const std::size_t i = asked.size();
        asked.push_back(t);
        return t + (i < lateness.size() ? lateness[i] : 0);
    }
};

/// Returns a time before the one asked for.
struct EarlyPacer : Pacer {
    HNSTIME wait_until(HNSTIME t) override { return t - 5 * kMs; }
};

/// The times at which the capture fake saw GetCurrentPadding (one per pass).
std::vector<HNSTIME> capture_pass_times(const Rig& rig) {
    std::vector<HNSTIME> out;
    for (const Call& c : rig.log.calls)
        if (c.what == "capture:GetCurrentPadding") out.push_back(c.t);
    return out;
}

}  // namespace

TEST(EnginePacingTest, ExplicitVirtualPacerGivesTheSameCallsAndTimesAsTheDefault) {
    auto run = [](bool explicit_pacer, std::vector<Call>& calls, std::vector<HNSTIME>& times) {
        Rig rig;
        rig.scenario.engine.prefill = true;
        rig.scenario.engine.jitter = 30'000;
        rig.scenario.engine.seed = 11;
        rig.add_action(40 * kMs, ActionKind::kSilent, ActionTarget::kRender, 2);
        rig.make();
        VirtualPacer pacer;
        EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref, &rig.listener,
                           explicit_pacer ? &pacer : nullptr);
        const RunResult r = engine.run(100 * kMs);
        EXPECT_TRUE(r.ok) << r.message;
        EXPECT_EQ(r.max_lateness, 0);
        EXPECT_EQ(r.total_lateness, 0);
        calls = rig.log.calls;
        times = rig.listener.pass_times;
        return r.end_time;
    };
    std::vector<Call> calls_default, calls_explicit;
    std::vector<HNSTIME> times_default, times_explicit;
    const HNSTIME end_default = run(false, calls_default, times_default);
    const HNSTIME end_explicit = run(true, calls_explicit, times_explicit);
    EXPECT_EQ(end_default, end_explicit);
    EXPECT_EQ(times_default, times_explicit);
    ASSERT_EQ(calls_default.size(), calls_explicit.size());
    for (std::size_t i = 0; i < calls_default.size(); ++i) {
        EXPECT_EQ(calls_default[i].what, calls_explicit[i].what) << i;
        EXPECT_EQ(calls_default[i].t, calls_explicit[i].t) << i;
    }
}

TEST(EnginePacingTest, EndpointsSeeTheTimesThePacerReturns) {
    Rig rig;  // 10 ms timer, no prefill, no tail
    ScriptedPacer pacer;
    // Calls: before the prefill, passes at 0, 10, 20, 30, 40 ms, teardown at 50 ms.
    pacer.lateness = {300, 1'000, 500, 3'000, 0, 2'000, 700};
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref, &rig.listener,
                       &pacer);
    const RunResult r = engine.run(50 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(pacer.asked,
              (std::vector<HNSTIME>{0, 0, 10 * kMs, 20 * kMs, 30 * kMs, 40 * kMs, 50 * kMs}));
    const std::vector<HNSTIME> expected{1'000, 100'500, 203'000, 300'000, 402'000};
    EXPECT_EQ(rig.listener.pass_times, expected);
    EXPECT_EQ(capture_pass_times(rig), expected);
    EXPECT_GE(rig.find("render:GetOutputDataPointer", 203'000), 0);
    EXPECT_GE(rig.find("capture:Start", 300), 0);    // Start at the time reached before prefill
    EXPECT_GE(rig.find("render:Stop", 500'700), 0);  // teardown at the time reached for it
    EXPECT_EQ(r.end_time, 500'700);
    EXPECT_EQ(r.max_lateness, 3'000);
    EXPECT_EQ(r.total_lateness, 6'500);
    EXPECT_EQ(r.passes, 5u);
}

TEST(EnginePacingTest, PrefillPassesArePacedToo) {
    Rig rig;
    rig.scenario.engine.prefill = true;  // two prefill passes (960-frame buffer)
    ScriptedPacer pacer;
    pacer.lateness = {100, 200, 400};
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref, &rig.listener,
                       &pacer);
    const RunResult r = engine.run(10 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.prefill_passes, 2u);
    ASSERT_GE(rig.listener.pass_times.size(), 3u);
    EXPECT_EQ(rig.listener.pass_times[0], 200);
    EXPECT_EQ(rig.listener.pass_times[1], 400);
    EXPECT_EQ(rig.listener.pass_times[2], 400);  // pass 0 due at 0 never goes before the prefill
    ASSERT_GE(rig.render->releases.size(), 2u);
    EXPECT_EQ(rig.render->releases[0].t, 200);
    EXPECT_EQ(rig.render->releases[1].t, 400);
    EXPECT_EQ(r.max_lateness, 0);  // prefill passes run as soon as possible: no lateness
}

TEST(EnginePacingTest, ALatePassNeverLetsTimeGoBackwards) {
    Rig rig;
    ScriptedPacer pacer;
    pacer.lateness = {0, 250'000};  // pass 0 (due at 0) reached at 25 ms
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref, &rig.listener,
                       &pacer);
    const RunResult r = engine.run(50 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(rig.listener.pass_times,
              (std::vector<HNSTIME>{250'000, 250'000, 250'000, 300'000, 400'000}));
    EXPECT_EQ(r.end_time, 500'000);
}

TEST(EnginePacingTest, APacerReturningTooEarlyIsHeldAtTheSchedule) {
    Rig rig;
    EarlyPacer pacer;
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref, &rig.listener,
                       &pacer);
    const RunResult r = engine.run(30 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(rig.listener.pass_times, (std::vector<HNSTIME>{0, 10 * kMs, 20 * kMs}));
    EXPECT_EQ(r.end_time, 30 * kMs);
    EXPECT_EQ(r.max_lateness, 0);
}
