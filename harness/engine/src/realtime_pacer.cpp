#include "aetrace/engine/realtime_pacer.h"

#include "realtime_platform.h"

namespace aetrace::engine {

RealtimePacer::RealtimePacer(const clock::SystemClock& clock) noexcept
    : clock_(clock), origin_(clock.now()) {}

HNSTIME RealtimePacer::wait_until(HNSTIME t) noexcept {
    const HNSTIME deadline = origin_ + t;
    HNSTIME now = clock_.now();
    // The platform sleep wakes at or after the deadline; the loop guarantees the result >= t even
    // if the platform woke early.
    while (now < deadline) {
        platform::sleep_until(deadline);
        now = clock_.now();
    }
    return now - origin_;
}

}  // namespace aetrace::engine
