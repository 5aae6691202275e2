// Portable implementation of the real-time driver's platform interface, for platforms without
// their own (everything but Linux today): the standard library's sleep, normal priority.
#include <chrono>
#include <thread>

#include "aetrace/engine/realtime_thread.h"
#include "realtime_platform.h"

namespace aetrace::engine {

namespace platform {

void sleep_until(abi::HNSTIME deadline) noexcept {
    // clock::SystemClock is std::chrono::steady_clock counted in HNSTIME.
    using Hns = std::chrono::duration<abi::HNSTIME, std::ratio<1, 10'000'000>>;
    const std::chrono::steady_clock::time_point when(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(Hns(deadline)));
    std::this_thread::sleep_until(when);
}

}  // namespace platform

RealtimeInfo make_thread_realtime(int /*priority*/) {
    RealtimeInfo info;
    info.how = "normal priority (SCHED_FIFO not supported on this platform)";
    return info;
}

}  // namespace aetrace::engine
