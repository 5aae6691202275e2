// A trivial endpoint for the recorder benchmarks: it implements the API interfaces but does almost
// nothing (constant padding, one preallocated packet buffer), so that the difference between a
// recorded call and a direct call on it is the recorder's own cost.
#pragma once

#include <cstdint>

#include "aetrace/abi/unknown.h"
#include "aetrace/abi/wave_format.h"

namespace aetrace::bench {

enum class TrivialRole : std::uint8_t { kCapture, kRender };

/// A new trivial endpoint as its IUnknown. QueryInterface answers IUnknown, IAudioEndpoint,
/// IAudioEndpointRT, IAudioDeviceEndpoint, IAudioEndpointControl and, by `role`,
/// IAudioInputEndpointRT (capture) or IAudioOutputEndpointRT (render). Its packet buffer holds
/// `frames_per_packet` frames of `format` (allocated here, filled with a non-zero pattern; not RT).
/// Its RT methods neither allocate, lock nor make system calls: GetCurrentPadding reports a
/// constant padding (capture: one full packet available; render: 0 frames queued) and a counting
/// position; GetInputDataPointer hands out the packet
/// buffer as BUFFER_VALID; GetOutputDataPointer returns it; the Release methods do nothing. It is
/// defined in its own translation unit so that calls on it stay virtual calls.
abi::ComPtr<abi::IUnknown> make_trivial_endpoint(TrivialRole role, const abi::StreamFormat& format,
                                                 std::uint32_t frames_per_packet);

}  // namespace aetrace::bench
