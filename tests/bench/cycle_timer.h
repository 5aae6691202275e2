// CycleTimer: a cheap timer for timing single calls in the benchmarks.
//
// On x86-64 it reads the time-stamp counter (RDTSC, fenced with LFENCE so the read is not moved
// across the timed call), converted to nanoseconds with a rate calibrated once against
// std::chrono::steady_clock. Elsewhere it falls back to steady_clock itself. The compiler-specific
// intrinsics are confined to this benchmark-only header.
#pragma once

#include <chrono>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <x86intrin.h>
#define AETRACE_BENCH_HAVE_TSC 1
#elif defined(_MSC_VER) && defined(_M_X64)
#include <intrin.h>
#define AETRACE_BENCH_HAVE_TSC 1
#else
#define AETRACE_BENCH_HAVE_TSC 0
#endif

namespace aetrace::bench {

class CycleTimer {
  public:
    /// Current tick count (TSC cycles, or steady_clock nanoseconds without a TSC). Thread-safe,
    /// RT-safe (no system call on x86-64; steady_clock is read through the vDSO on Linux).
    static std::uint64_t ticks() noexcept {
#if AETRACE_BENCH_HAVE_TSC
        _mm_lfence();
        const std::uint64_t t = __rdtsc();
        _mm_lfence();
        return t;
#else
        return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                              std::chrono::steady_clock::now().time_since_epoch())
                                              .count());
#endif
    }

    /// Nanoseconds per tick, calibrated on the first call (about 50 ms of busy waiting, not RT).
    static double ns_per_tick() {
        static const double value = calibrate();
        return value;
    }

    /// Name of the tick source, for the report.
    static const char* source() noexcept {
        return AETRACE_BENCH_HAVE_TSC ? "rdtsc (lfence-fenced)" : "std::chrono::steady_clock";
    }

  private:
    static double calibrate() {
#if AETRACE_BENCH_HAVE_TSC
        using clock = std::chrono::steady_clock;
        const auto c0 = clock::now();
        const std::uint64_t t0 = ticks();
        auto c1 = c0;
        while (c1 - c0 < std::chrono::milliseconds(50)) c1 = clock::now();
        const std::uint64_t t1 = ticks();
        const double ns = static_cast<double>(
            std::chrono::duration_cast<std::chrono::nanoseconds>(c1 - c0).count());
        return ns / static_cast<double>(t1 - t0);
#else
        return 1.0;
#endif
    }
};

}  // namespace aetrace::bench
