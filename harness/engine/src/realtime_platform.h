// The platform interface of the real-time driver: one implementation a platform
// (realtime_platform_linux.cpp: clock_nanosleep and pthread_setschedparam;
// realtime_platform_portable.cpp: std::this_thread::sleep_until and no real-time priority). A
// Windows implementation would use a high-resolution waitable timer and
// AvSetMmThreadCharacteristics / SetThreadPriority. make_thread_realtime (realtime_thread.h) is the
// other half of this interface.
#pragma once

#include "aetrace/abi/types.h"

namespace aetrace::engine::platform {

/// Blocks the calling thread until the monotonic clock (the time base of clock::SystemClock) reads
/// at least `deadline`, HNSTIME; returns at once if it already does. Retries when interrupted by a
/// signal. Never throws; does not allocate.
void sleep_until(abi::HNSTIME deadline) noexcept;

}  // namespace aetrace::engine::platform
