// The real-time driver on the real clock. Timing bounds are not asserted (machines are noisy):
// only that real time never runs ahead of the schedule, never goes backwards, and reaches the
// endpoints through the VirtualClock.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "aetrace/engine/realtime_driver.h"
#include "aetrace/engine/realtime_pacer.h"
#include "aetrace/engine/realtime_thread.h"
#include "engine_rig.h"

using namespace aetrace::engine;
using namespace aetrace::engine::test;

namespace {

void expect_consistent(const RealtimeInfo& rt) {
    ASSERT_FALSE(rt.how.empty());
    if (rt.fifo) {
        EXPECT_GE(rt.priority, 1);
        EXPECT_EQ(rt.how, "SCHED_FIFO priority " + std::to_string(rt.priority));
    } else {
        EXPECT_EQ(rt.priority, 0);
        EXPECT_EQ(rt.how.rfind("normal priority (", 0), 0u) << rt.how;
    }
}

}  // namespace

TEST(RealtimeThreadTest, ReportsWhetherSchedFifoWasUsed) {
    RealtimeInfo rt;
    std::thread([&] { rt = make_thread_realtime(1000); }).join();  // clamped to the maximum
    expect_consistent(rt);
}

TEST(RealtimePacerTest, WaitUntilReturnsAtOrAfterTheScheduleAndNeverGoesBack) {
    const aetrace::clock::SystemClock system_clock;
    RealtimePacer pacer(system_clock);
    HNSTIME last = 0;
    for (HNSTIME t : {HNSTIME{0}, 1 * kMs, 2 * kMs, 1 * kMs, 3 * kMs}) {
        const HNSTIME reached = pacer.wait_until(t);
        EXPECT_GE(reached, t);
        EXPECT_GE(reached, last);
        last = reached;
    }
    EXPECT_GE(system_clock.now() - pacer.origin(), 3 * kMs);
}

TEST(RealtimeDriverTest, RunsPassesOnTheRealClockAtOrAfterTheirSchedule) {
    Rig rig;
    constexpr HNSTIME kPeriod = 5 * kMs;
    rig.scenario.engine.period = kPeriod;
    rig.scenario.engine.jitter = 20'000;  // not added in real time
    rig.capture_config.frames_per_packet = 240;
    rig.render_config.frames_per_packet = 240;
    rig.make();
    const RealtimeRun run = run_realtime(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref,
                                         &rig.listener, 20 * kPeriod);
    ASSERT_TRUE(run.result.ok) << run.result.message;
    // For the reader of the test report (--gtest_output=xml); not asserted.
    RecordProperty("scheduling", run.rt.how);
    RecordProperty("max_lateness_hns", std::to_string(run.max_lateness));
    RecordProperty("mean_lateness_hns", std::to_string(run.mean_lateness));
    expect_consistent(run.rt);
    ASSERT_EQ(run.result.passes, 20u);
    const std::vector<HNSTIME>& times = rig.listener.pass_times;
    ASSERT_EQ(times.size(), 20u);
    HNSTIME max_late = 0, total_late = 0;
    for (std::size_t k = 0; k < times.size(); ++k) {
        const HNSTIME scheduled = static_cast<HNSTIME>(k) * kPeriod;
        EXPECT_GE(times[k], scheduled) << k;
        if (k > 0) {
            EXPECT_GE(times[k], times[k - 1]) << k;
        }
        max_late = std::max(max_late, times[k] - scheduled);
        total_late += times[k] - scheduled;
    }
    // The endpoints read the same (real) times from the VirtualClock.
    std::vector<HNSTIME> seen;
    for (const Call& c : rig.log.calls)
        if (c.what == "capture:GetCurrentPadding") seen.push_back(c.t);
    EXPECT_EQ(seen, times);
    EXPECT_EQ(run.max_lateness, max_late);
    EXPECT_EQ(run.mean_lateness, total_late / 20);
    EXPECT_GE(run.result.end_time, 20 * kPeriod);
    EXPECT_GE(rig.find("render:Stop", run.result.end_time), 0);
    EXPECT_TRUE(std::any_of(run.result.notes.begin(), run.result.notes.end(),
                            [](const std::string& n) { return n.find("jitter") != n.npos; }));
}
