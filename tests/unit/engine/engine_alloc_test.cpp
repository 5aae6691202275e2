// The pass loop must not allocate: this executable links the counting operator new (tests/support)
// and counts the allocations made between on_pass_begin and on_pass_end, with fakes that record
// nothing.
#include <gtest/gtest.h>

#include "aetrace/test/alloc_counter.h"
#include "engine_rig.h"

namespace {
// Allocations made inside passes, summed.
std::uint64_t g_allocations = 0;
std::uint64_t g_pass_start = 0;
}  // namespace

using namespace aetrace::engine;
using namespace aetrace::engine::test;

namespace {

/// Counts allocations inside every pass.
struct CountingListener : EngineListener {
    std::uint64_t passes = 0;
    void on_pass_begin(std::uint64_t, HNSTIME) override {
        g_pass_start = aetrace::test::allocation_count();
    }
    void on_pass_end(std::uint64_t, HNSTIME) override {
        g_allocations += aetrace::test::allocation_count() - g_pass_start;
        ++passes;
    }
};

RunResult run_quietly(Rig& rig, CountingListener& listener, HNSTIME duration) {
    rig.capture_config.record = false;
    rig.render_config.record = false;
    rig.make();
    EngineModel engine(rig.scenario, rig.clock, rig.capture_ref, rig.render_ref, &listener);
    return engine.run(duration);
}

}  // namespace

TEST(EngineAllocationTest, TimerPassesWithActionsDoNotAllocate) {
    Rig rig;
    rig.scenario.engine.prefill = true;
    rig.scenario.engine.jitter = 30'000;
    rig.add_action(20 * kMs, ActionKind::kStop, ActionTarget::kCapture);
    rig.add_action(30 * kMs, ActionKind::kStart, ActionTarget::kCapture);
    rig.add_action(40 * kMs, ActionKind::kReset, ActionTarget::kRender);
    rig.add_action(50 * kMs, ActionKind::kPinInactive);
    rig.add_action(60 * kMs, ActionKind::kPinActive);
    rig.add_action(70 * kMs, ActionKind::kSilent, ActionTarget::kRender, 2);
    rig.add_action(90 * kMs, ActionKind::kPartial, ActionTarget::kRender, 2, 0.25);
    rig.add_action(110 * kMs, ActionKind::kQpcError);
    CountingListener listener;
    g_allocations = 0;
    const RunResult r = run_quietly(rig, listener, 200 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_GT(listener.passes, 20u);
    EXPECT_EQ(g_allocations, 0u);
}

TEST(EngineAllocationTest, EventDrivenPassesDoNotAllocate) {
    Rig rig;
    rig.capture_config.event_capable = kTrue;
    rig.render_config.event_capable = kTrue;
    rig.render_config.event_interval = 5 * kMs;
    rig.scenario.engine.driving = Driving::kEvent;
    CountingListener listener;
    g_allocations = 0;
    const RunResult r = run_quietly(rig, listener, 100 * kMs);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(listener.passes, 19u);  // 5, 10, ... 95 ms
    EXPECT_EQ(g_allocations, 0u);
}
