// RealtimePacer: paces the engine model against the real monotonic clock.
//
// Part of the real-time driver, the only code in the engine layer that reads the system clock or
// sleeps. It sleeps until each scheduled time (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) on
// Linux; a std::this_thread::sleep_until fallback elsewhere; Windows waitable timers can be added
// behind the same platform interface, src/realtime_platform.h) and returns when it really woke up.
#pragma once

#include "aetrace/clock/clock.h"
#include "aetrace/engine/pacer.h"

namespace aetrace::engine {

/// Sleeps until origin + t and returns the real time elapsed since origin.
///
/// Not thread-safe: use it from one thread (the engine's driving thread). wait_until() makes a
/// system call (it is meant to block), does not allocate or lock, and never throws.
class RealtimePacer final : public Pacer {
  public:
    /// `clock` is borrowed and must outlive the pacer; it must be the real monotonic clock (the
    /// platform sleep uses the same time base). The origin is clock.now() at construction: make
    /// the pacer just before EngineModel::run().
    explicit RealtimePacer(const clock::SystemClock& clock) noexcept;

    /// Sleeps until origin + `t` (HNSTIME since the origin; at once if that is already past) and
    /// returns now - origin, HNSTIME, which is >= t: the scheduled time plus this pass's real
    /// lateness (wake-up latency, preemption, a late previous pass).
    HNSTIME wait_until(HNSTIME t) noexcept override;

    /// clock.now() at construction, HNSTIME on the SystemClock's time base.
    HNSTIME origin() const noexcept { return origin_; }

  private:
    const clock::SystemClock& clock_;
    HNSTIME origin_;
};

}  // namespace aetrace::engine
