// Linux implementation of the real-time driver's platform interface.
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "aetrace/engine/realtime_thread.h"
#include "realtime_platform.h"

namespace aetrace::engine {

namespace platform {

void sleep_until(abi::HNSTIME deadline) noexcept {
    // clock::SystemClock is std::chrono::steady_clock, which libstdc++ and libc++ implement with
    // CLOCK_MONOTONIC, so `deadline` is on CLOCK_MONOTONIC's time base.
    if (deadline < 0) return;
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(deadline / abi::kHnsPerSecond);
    ts.tv_nsec = static_cast<long>((deadline % abi::kHnsPerSecond) * 100);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}

}  // namespace platform

RealtimeInfo make_thread_realtime(int priority) {
    RealtimeInfo info;
    const int lo = sched_get_priority_min(SCHED_FIFO), hi = sched_get_priority_max(SCHED_FIFO);
    sched_param param{};
    param.sched_priority = std::clamp(priority, lo, hi);
    const int rc = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
    if (rc == 0) {
        info.fifo = true;
        info.priority = param.sched_priority;
        info.how = "SCHED_FIFO priority " + std::to_string(info.priority);
    } else {
        info.how =
            "normal priority (SCHED_FIFO not permitted: " + std::generic_category().message(rc) +
            ")";
    }
    return info;
}

}  // namespace aetrace::engine
