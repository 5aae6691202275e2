// The event HANDLE given to IAudioEndpoint::SetEventHandle, portably.
//
// On Windows an endpoint calls SetEvent on a real event handle. In the harness the handle points to
// a VirtualEvent: the endpoint calls signal_event() (the SetEvent stand-in) when it completes a
// packet, and, because the device is simulated in virtual time, announces with schedule_event() the
// virtual time at which its device will complete the next packet; the engine model "waits" by
// advancing the virtual clock to that time (POLICY #10). Both functions are RT-safe: two atomic
// stores, no syscall.
#pragma once

#include <atomic>
#include <cstdint>
#include <limits>

#include "aetrace/abi/types.h"

namespace aetrace::abi {

inline constexpr HNSTIME kNeverDue = std::numeric_limits<HNSTIME>::max();

/// A virtual-time event. Owned by whoever creates it (the engine model); must outlive every
/// endpoint it is handed to.
struct VirtualEvent {
    std::atomic<std::uint64_t> signal_count{0};  ///< SetEvent calls so far
    std::atomic<HNSTIME> due{kNeverDue};         ///< next announced completion, HNSTIME
};

/// SetEvent stand-in: counts one signal on the VirtualEvent behind `event` (null is ignored).
inline void signal_event(HANDLE event) noexcept {
    if (event)
        static_cast<VirtualEvent*>(event)->signal_count.fetch_add(1, std::memory_order_release);
}

/// Announces that the device completes its next packet at virtual time `due` (HNSTIME).
inline void schedule_event(HANDLE event, HNSTIME due) noexcept {
    if (event) static_cast<VirtualEvent*>(event)->due.store(due, std::memory_order_release);
}

}  // namespace aetrace::abi
