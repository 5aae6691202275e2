// PluginClock: the harness clock as a plugin sees it, a clock::Clock over aetrace_clock_v1.
//
// A plugin written in C++ against aetrace's headers wraps the clock of its create params in one of
// these and hands it to its endpoint, so the endpoint reads the harness's (recorded, virtual) time
// instead of the system clock (docs/PLUGINS.md, "Time").
#pragma once

#include "aetrace/clock/clock.h"
#include "aetrace/plugin/plugin_abi.h"

namespace aetrace::plugin {

/// Reads time through the harness's aetrace_clock_v1. `clock` (not owned) must outlive this object;
/// the harness guarantees that for every object created with it. RT-safe (two indirect calls).
class PluginClock final : public clock::Clock {
  public:
    explicit PluginClock(const aetrace_clock_v1* clock) noexcept : clock_(clock) {}
    /// The harness time, HNSTIME.
    clock::HNSTIME now() const noexcept override { return clock_->now_hns(clock_->context); }
    /// True when the harness says the reading is inaccurate (POSITION_QPC_ERROR).
    bool qpc_error() const noexcept override {
        return clock_->qpc_error && clock_->qpc_error(clock_->context) != 0;
    }
    /// The wrapped C struct.
    const aetrace_clock_v1* c_clock() const noexcept { return clock_; }

  private:
    const aetrace_clock_v1* clock_;
};

}  // namespace aetrace::plugin
