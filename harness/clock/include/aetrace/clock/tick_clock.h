// TickClock: the processor's time-stamp counter as the recorder's cheap real-time stamp.
//
// SystemClock::now() is a vDSO call (about 20-30 ns on x86-64 Linux: a sequence lock, RDTSC and a
// scale); the recorder would pay it on every recorded call on the real-time thread. With an
// invariant TSC the recorder instead stores the raw counter (read_ticks(), one instruction) and
// its writer thread converts it to SystemClock time with a TickConverter, off the real-time thread.
// The wording: "the real monotonic time ... read cheaply (vDSO, or TSC calibrated once)".
//
// Platform code stays in this header's one inline function and in tick_clock.cpp.
#pragma once

#include <cstdint>

#include "aetrace/clock/clock.h"

#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
#include <intrin.h>
#define AETRACE_HAS_TSC 1
#elif defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define AETRACE_HAS_TSC 1
#else
#define AETRACE_HAS_TSC 0
#endif

namespace aetrace::clock {

/// Raw time-stamp counter, in ticks of an unspecified constant rate (x86 RDTSC, not serialising:
/// it may be taken a few instructions early or late, far below HNSTIME resolution). On other
/// architectures, SystemClock::now() (HNSTIME) so that the same conversion applies.
/// RT-safe: no system call, lock or allocation.
inline std::uint64_t read_ticks() noexcept {
#if AETRACE_HAS_TSC
    return __rdtsc();
#else
    return static_cast<std::uint64_t>(SystemClock().now());
#endif
}

/// True when read_ticks() is a usable time base: on x86, the CPU reports an invariant TSC
/// (CPUID 0x80000007 EDX bit 8: constant rate across P-, C- and T-states) and, on Linux, the
/// kernel itself keeps time with it (current clocksource "tsc", so it found the counters of all
/// CPUs synchronised). Always true where read_ticks() is SystemClock. Computed once per process;
/// the first call reads CPUID and a sysfs file (not RT), later calls are one atomic load.
bool ticks_are_invariant() noexcept;

/// Converts read_ticks() values to SystemClock time (HNSTIME). Anchors are (ticks, SystemClock)
/// pairs taken with anchor(); a value converts from the latest anchor at the rate measured between
/// the first and the latest anchor. A value stamped between the two anchors is then off by at most
/// about the uncertainty of one anchor (a clock read, tens of ns), whatever the baseline: there is
/// no calibration wait. Not thread-safe: one owner (the recorder's writer thread) anchors and
/// converts.
class TickConverter {
  public:
    /// Takes the first anchor. Not RT (reads SystemClock).
    TickConverter() noexcept;
    /// Takes a new anchor now. Not RT (reads SystemClock).
    void anchor() noexcept;
    /// `ticks` (a read_ticks() value taken after construction) as SystemClock HNSTIME.
    HNSTIME to_hns(std::uint64_t ticks) const noexcept;
    /// SystemClock HNSTIME per tick between the first and the latest anchor (0 before a second
    /// anchor that is at least one tick later than the first).
    double hns_per_tick() const noexcept { return rate_; }

  private:
    struct Pair {
        std::uint64_t ticks;
        HNSTIME time;
    };
    static Pair take() noexcept;
    Pair first_;
    Pair latest_;
    double rate_ = 0;
};

}  // namespace aetrace::clock
