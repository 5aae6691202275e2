// Real-time scheduling of the calling thread, for the real-time driver.
#pragma once

#include <string>

namespace aetrace::engine {

/// What make_thread_realtime() obtained.
struct RealtimeInfo {
    bool fifo = false;  ///< true: the thread runs under SCHED_FIFO
    int priority = 0;   ///< the SCHED_FIFO priority when fifo, else 0
    /// One line for the user: "SCHED_FIFO priority 80" or
    /// "normal priority (SCHED_FIFO not permitted: Operation not permitted)".
    std::string how;
};

/// Tries to switch the calling thread to SCHED_FIFO at `priority` (clamped to the range the system
/// allows, 1..99 on Linux) with pthread_setschedparam. When that is not permitted (no
/// CAP_SYS_NICE, RLIMIT_RTPRIO 0, a container) or not supported on this platform, the thread stays
/// at normal priority and `how` says why. Never throws except std::bad_alloc (building `how`).
/// Affects only the calling thread; call it on a thread made for the purpose, not on a thread
/// pool's. Not RT-safe (a system call and an allocation).
RealtimeInfo make_thread_realtime(int priority);

}  // namespace aetrace::engine
