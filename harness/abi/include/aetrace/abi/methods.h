// One description of the API: every method of the six interfaces, with a stable numeric id.
//
// The recorder, the replayer, the trace dumper and the contract checks are all built from this
// table, so a method cannot be recorded but not replayed, or dumped under another name. Ids are
// part of the trace format: never renumber, only append.
//
// Each method's scalar arguments and results travel in a CallRecord (format layer) as arg[0..2] and
// out[0..1]; the table names them (nullptr = unused) and says which structured values a call
// carries.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace aetrace::abi {

/// Which structured values a method's call record carries (bit set).
enum CallShape : std::uint32_t {
    kShapeNone = 0,
    kPositionIn = 1u << 0,     ///< AE_CURRENT_POSITION passed in by the caller (optional pointer)
    kPositionOut = 1u << 1,    ///< AE_CURRENT_POSITION filled by the endpoint (optional pointer)
    kConnectionIn = 1u << 2,   ///< APO_CONNECTION_PROPERTY as passed in
    kConnectionOut = 1u << 3,  ///< APO_CONNECTION_PROPERTY as returned
    kFormatOut = 1u << 4,      ///< WAVEFORMATEX(TENSIBLE) returned
    kBufferIn = 1u << 5,       ///< audio written by the engine, handed to the endpoint (stored)
    kBufferOut = 1u << 6,      ///< audio produced by the endpoint, read by the engine (hashed)
};

/// What the method returns.
enum class ReturnKind : std::uint8_t { kVoid, kHresult, kPointer };

// X(id, Interface, Method, slot, realtime, ReturnKind, shape, arg0, arg1, arg2, out0, out1)
// clang-format off
#define AETRACE_METHODS(X) \
  X(1,  IAudioEndpoint, GetFrameFormat, 3, false, kHresult, kFormatOut, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(2,  IAudioEndpoint, GetFramesPerPacket, 4, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, "frames_per_packet", nullptr) \
  X(3,  IAudioEndpoint, GetLatency, 5, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, "latency_hns", nullptr) \
  X(4,  IAudioEndpoint, SetStreamFlags, 6, false, kHresult, kShapeNone, "stream_flags", nullptr, nullptr, nullptr, nullptr) \
  X(5,  IAudioEndpoint, SetEventHandle, 7, false, kHresult, kShapeNone, "handle_present", nullptr, nullptr, nullptr, nullptr) \
  X(6,  IAudioEndpointRT, GetCurrentPadding, 3, true, kVoid, kPositionOut, nullptr, nullptr, nullptr, "padding", nullptr) \
  X(7,  IAudioEndpointRT, ProcessingComplete, 4, true, kVoid, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(8,  IAudioEndpointRT, SetPinInactive, 5, true, kHresult, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(9,  IAudioEndpointRT, SetPinActive, 6, true, kHresult, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(10, IAudioInputEndpointRT, GetInputDataPointer, 3, true, kVoid, kConnectionIn | kConnectionOut | kPositionOut | kBufferOut, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(11, IAudioInputEndpointRT, ReleaseInputDataPointer, 4, true, kVoid, kShapeNone, "frame_count", "pointer_matches", nullptr, nullptr, nullptr) \
  X(12, IAudioInputEndpointRT, PulseEndpoint, 5, true, kVoid, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(13, IAudioOutputEndpointRT, GetOutputDataPointer, 3, true, kPointer, kPositionIn, "frame_count", nullptr, nullptr, "pointer_present", nullptr) \
  X(14, IAudioOutputEndpointRT, ReleaseOutputDataPointer, 4, true, kVoid, kConnectionIn | kBufferIn, nullptr, "pointer_matches", nullptr, nullptr, nullptr) \
  X(15, IAudioOutputEndpointRT, PulseEndpoint, 5, true, kVoid, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(16, IAudioDeviceEndpoint, SetBuffer, 3, false, kHresult, kShapeNone, "max_period_hns", "latency_coefficient", nullptr, nullptr, nullptr) \
  X(17, IAudioDeviceEndpoint, GetRTCaps, 4, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, "is_rt_capable", nullptr) \
  X(18, IAudioDeviceEndpoint, GetEventDrivenCapable, 5, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, "is_event_capable", nullptr) \
  X(19, IAudioDeviceEndpoint, WriteExclusiveModeParametersToSharedMemory, 6, false, kHresult, kShapeNone, "period_hns", "buffer_duration_hns", "latency_coefficient", "shared_memory_size", "shared_memory_present") \
  X(20, IAudioEndpointControl, Start, 3, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(21, IAudioEndpointControl, Reset, 4, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr) \
  X(22, IAudioEndpointControl, Stop, 5, false, kHresult, kShapeNone, nullptr, nullptr, nullptr, nullptr, nullptr)
// clang-format on

/// Stable method ids (trace format). Names are Interface_Method.
enum class MethodId : std::uint16_t {
    kNone = 0,
#define AETRACE_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1) \
    iface##_##method = id,
    AETRACE_METHODS(AETRACE_X)
#undef AETRACE_X
};

inline constexpr std::uint16_t kMethodCount = 22;  ///< highest id in the table

/// One row of the table.
struct MethodInfo {
    MethodId id;
    std::string_view interface_name;  ///< "IAudioEndpointRT"
    std::string_view method_name;     ///< "GetCurrentPadding"
    std::string_view qualified_name;  ///< "IAudioEndpointRT::GetCurrentPadding" (unique)
    int vtable_slot;                  ///< SDK slot, IUnknown counted (first own method = 3)
    bool realtime;                    ///< called on the engine's RT thread (POLICY #20-21)
    ReturnKind returns;
    std::uint32_t shape;       ///< CallShape bits
    const char* arg_names[3];  ///< names of CallRecord::arg[i]; nullptr = unused
    const char* out_names[2];  ///< names of CallRecord::out[i]; nullptr = unused
};

/// The row for `id`, or nullptr for an unknown id (for example from a newer trace). RT-safe.
const MethodInfo* method_info(MethodId id) noexcept;
/// The row whose qualified_name is `qualified` ("IAudioEndpointRT::GetCurrentPadding"), or nullptr.
const MethodInfo* find_method(std::string_view qualified) noexcept;
/// All rows, in id order (ids 1..kMethodCount).
const MethodInfo* all_methods() noexcept;

}  // namespace aetrace::abi
