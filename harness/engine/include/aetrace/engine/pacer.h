// Pacer: the seam between the engine model's schedule and the time it actually runs at.
//
// EngineModel computes when each pass is due (t0 + k * period + jitter, or an event due time) and
// asks its Pacer to get there before it sets the clock::VirtualClock. The default VirtualPacer
// gets there at once (a deterministic, instant run). RealtimePacer (realtime_pacer.h) sleeps until
// that time on the real monotonic clock and reports when it actually woke up, so the endpoints see
// real, jittered time.
#pragma once

#include "aetrace/abi/types.h"

namespace aetrace::engine {

using abi::HNSTIME;

/// Decides the time the engine model reaches for each scheduled time.
///
/// EngineModel::run() calls wait_until() on the thread that called run(): once before the render
/// prefill, once before every pass (prefill passes included), and once before teardown, with
/// non-decreasing arguments except that a pass scheduled before a late predecessor may be asked
/// for an earlier time. It then sets the VirtualClock to t0 + max(returned, t) (and never earlier
/// than the previous pass), so a Pacer cannot move time backwards.
class Pacer {
  public:
    virtual ~Pacer() = default;

    /// Waits (or not) until the scheduled time `t` and returns the time actually reached.
    /// `t` (in): HNSTIME since the run's start t0 (>= 0). Returns HNSTIME since t0; should be
    /// >= t (a smaller value is treated as t). Must not throw. Whether it blocks, reads the system
    /// clock or may be called on a real-time thread depends on the implementation.
    virtual HNSTIME wait_until(HNSTIME t) = 0;
};

/// Today's behaviour: returns `t` at once. Never sleeps, reads no clock, allocates nothing;
/// RT-safe. Stateless, so one instance may be shared by any number of runs.
class VirtualPacer final : public Pacer {
  public:
    HNSTIME wait_until(HNSTIME t) noexcept override { return t; }
};

}  // namespace aetrace::engine
