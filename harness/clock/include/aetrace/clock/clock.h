// Clock interface and its two implementations.
//
// Everything under endpoints/ and the engine model reads time only through a Clock passed in; only
// SystemClock (used by the real-time driver and the recorder's timestamp source) reads the real
// monotonic clock.
#pragma once

#include <atomic>

#include "aetrace/abi/types.h"

namespace aetrace::clock {

using abi::HNSTIME;

/// A source of HNSTIME. Implementations are RT-safe to read (no lock, allocation or blocking).
class Clock {
  public:
    virtual ~Clock() = default;
    /// Current time, HNSTIME. Monotonic (never decreases between two calls on one thread).
    virtual HNSTIME now() const noexcept = 0;
    /// True when the last reading is known to be inaccurate (reported as POSITION_QPC_ERROR).
    virtual bool qpc_error() const noexcept { return false; }
};

/// Time set by its owner (the engine model or the replayer). Reads are RT-safe (one atomic load);
/// set()/advance() are called from the driving thread only. Starts at 0.
class VirtualClock final : public Clock {
  public:
    HNSTIME now() const noexcept override { return now_.load(std::memory_order_acquire); }
    bool qpc_error() const noexcept override { return qpc_error_.load(std::memory_order_acquire); }

    /// Sets the time. A time earlier than now() is allowed (replay of a recorded trace may need it)
    /// but endpoints treat time as monotonic: callers should only move forward.
    void set(HNSTIME t) noexcept { now_.store(t, std::memory_order_release); }
    /// Moves forward by `delta` HNSTIME (>= 0).
    void advance(HNSTIME delta) noexcept { set(now() + delta); }
    /// Marks the following readings as inaccurate (scenario fault injection).
    void set_qpc_error(bool on) noexcept { qpc_error_.store(on, std::memory_order_release); }

  private:
    std::atomic<HNSTIME> now_{0};
    std::atomic<bool> qpc_error_{false};
};

/// The real monotonic clock (CLOCK_MONOTONIC on Linux via the vDSO, QueryPerformanceCounter on
/// Windows), in HNSTIME since an arbitrary origin.
class SystemClock final : public Clock {
  public:
    HNSTIME now() const noexcept override;
};

}  // namespace aetrace::clock
