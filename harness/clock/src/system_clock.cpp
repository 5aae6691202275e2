#include <chrono>

#include "aetrace/clock/clock.h"

namespace aetrace::clock {

HNSTIME SystemClock::now() const noexcept {
    // steady_clock is CLOCK_MONOTONIC (vDSO, no syscall) with libstdc++ and QPC with MSVC's STL.
    using Hns = std::chrono::duration<HNSTIME, std::ratio<1, 10'000'000>>;
    return std::chrono::duration_cast<Hns>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace aetrace::clock
