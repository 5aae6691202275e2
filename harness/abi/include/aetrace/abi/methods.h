// One description of the API: every method of the six interfaces, with a stable numeric id.
//
// The recorder, the replayer, the trace dumper and the contract checks are all built from this
// table, so a method cannot be recorded but not replayed, or dumped under another name. Ids are
// part of the trace format: never renumber, only append.
//
// Each method's scalar arguments and results travel in a CallRecord (format layer) as arg[0..2] and
// out[0..1]; the table names them, gives their kind (how they are compared and printed), says which
// structured values a call carries, and holds the method's C++ signature.
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

/// How a scalar CallRecord field (arg[i] / out[i]) is read, compared and printed. Every kind is
/// stored as a u64 in the trace and dumped as a JSON number; the kind says what the number means.
enum class FieldKind : std::uint8_t {
    kNone,     ///< the slot is unused by this method
    kU64,      ///< an unsigned count or bit set (frames, flags, coefficient, bytes)
    kI64,      ///< a signed value, HNSTIME (100 ns) or padding; stored as its two's complement
    kBool,     ///< a Win32 BOOL the endpoint returned: compared as true/false
    kPresent,  ///< 1 when a pointer or handle was non-null, else 0
    kMatch,    ///< 1 when the engine passed back the pointer the endpoint returned, else 0
};

/// One scalar field of a method's call record.
struct FieldInfo {
    const char* name;  ///< JSONL and report name ("frames_per_packet"); nullptr when kNone
    FieldKind kind;
};

// The table. One row a method, grouped by interface in SDK declaration order:
//
//   X(id, Interface, Method, slot, realtime, ReturnKind, shape,
//     arg0, arg1, arg2, out0, out1,     fields: kNone or kU64(name), kI64(name), kBool(name), ...
//     Ret, (Params), (Args))            the C++ signature as declared in interfaces.h, and the
//                                       parameter names alone, for generated forwarding code
//
// Expanding a field column: AETRACE_FIELD(column) gives its FieldInfo initializer (it pastes
// AETRACE_FIELD_ onto the column's first token, so kNone, kU64, kI64, kBool, kPresent and kMatch
// must never be defined as macros).
//
// Generated from the table (grep AETRACE_METHODS): MethodId and MethodInfo (here), MethodTraits
// and the DispatchOf<Derived, Interface> bases (method_dispatch.h) from which the recording proxy,
// the plugin forwarder and test doubles implement every method, and the replayer's handler table.
// Adding a method is one row here plus its handler in record/ and replay/ (the build fails until
// both exist).
// clang-format off
#define AETRACE_METHODS_IAudioEndpoint(X) \
  X(1, IAudioEndpoint, GetFrameFormat, 3, false, kHresult, kFormatOut, kNone, kNone, kNone, kNone, kNone, HRESULT, (WAVEFORMATEX** ppFormat), (ppFormat)) \
  X(2, IAudioEndpoint, GetFramesPerPacket, 4, false, kHresult, kShapeNone, kNone, kNone, kNone, kU64(frames_per_packet), kNone, HRESULT, (UINT32* pFramesPerPacket), (pFramesPerPacket)) \
  X(3, IAudioEndpoint, GetLatency, 5, false, kHresult, kShapeNone, kNone, kNone, kNone, kI64(latency_hns), kNone, HRESULT, (HNSTIME* pLatency), (pLatency)) \
  X(4, IAudioEndpoint, SetStreamFlags, 6, false, kHresult, kShapeNone, kU64(stream_flags), kNone, kNone, kNone, kNone, HRESULT, (DWORD streamFlags), (streamFlags)) \
  X(5, IAudioEndpoint, SetEventHandle, 7, false, kHresult, kShapeNone, kPresent(handle_present), kNone, kNone, kNone, kNone, HRESULT, (HANDLE eventHandle), (eventHandle))

#define AETRACE_METHODS_IAudioEndpointRT(X) \
  X(6, IAudioEndpointRT, GetCurrentPadding, 3, true, kVoid, kPositionOut, kNone, kNone, kNone, kI64(padding), kNone, void, (HNSTIME* pPadding, AE_CURRENT_POSITION* pAeCurrentPosition), (pPadding, pAeCurrentPosition)) \
  X(7, IAudioEndpointRT, ProcessingComplete, 4, true, kVoid, kShapeNone, kNone, kNone, kNone, kNone, kNone, void, (), ()) \
  X(8, IAudioEndpointRT, SetPinInactive, 5, true, kHresult, kShapeNone, kNone, kNone, kNone, kNone, kNone, HRESULT, (), ()) \
  X(9, IAudioEndpointRT, SetPinActive, 6, true, kHresult, kShapeNone, kNone, kNone, kNone, kNone, kNone, HRESULT, (), ())

#define AETRACE_METHODS_IAudioInputEndpointRT(X) \
  X(10, IAudioInputEndpointRT, GetInputDataPointer, 3, true, kVoid, kConnectionIn | kConnectionOut | kPositionOut | kBufferOut, kNone, kNone, kNone, kNone, kNone, void, (APO_CONNECTION_PROPERTY* pConnectionProperty, AE_CURRENT_POSITION* pAeTimeStamp), (pConnectionProperty, pAeTimeStamp)) \
  X(11, IAudioInputEndpointRT, ReleaseInputDataPointer, 4, true, kVoid, kShapeNone, kU64(frame_count), kMatch(pointer_matches), kNone, kNone, kNone, void, (UINT32 u32FrameCount, UINT_PTR pDataPointer), (u32FrameCount, pDataPointer)) \
  X(12, IAudioInputEndpointRT, PulseEndpoint, 5, true, kVoid, kShapeNone, kNone, kNone, kNone, kNone, kNone, void, (), ())

#define AETRACE_METHODS_IAudioOutputEndpointRT(X) \
  X(13, IAudioOutputEndpointRT, GetOutputDataPointer, 3, true, kPointer, kPositionIn, kU64(frame_count), kNone, kNone, kPresent(pointer_present), kNone, UINT_PTR, (UINT32 u32FrameCount, AE_CURRENT_POSITION* pAeTimeStamp), (u32FrameCount, pAeTimeStamp)) \
  X(14, IAudioOutputEndpointRT, ReleaseOutputDataPointer, 4, true, kVoid, kConnectionIn | kBufferIn, kNone, kMatch(pointer_matches), kNone, kNone, kNone, void, (const APO_CONNECTION_PROPERTY* pConnectionProperty), (pConnectionProperty)) \
  X(15, IAudioOutputEndpointRT, PulseEndpoint, 5, true, kVoid, kShapeNone, kNone, kNone, kNone, kNone, kNone, void, (), ())

#define AETRACE_METHODS_IAudioDeviceEndpoint(X) \
  X(16, IAudioDeviceEndpoint, SetBuffer, 3, false, kHresult, kShapeNone, kI64(max_period_hns), kU64(latency_coefficient), kNone, kNone, kNone, HRESULT, (HNSTIME MaxPeriod, UINT32 u32LatencyCoefficient), (MaxPeriod, u32LatencyCoefficient)) \
  X(17, IAudioDeviceEndpoint, GetRTCaps, 4, false, kHresult, kShapeNone, kNone, kNone, kNone, kBool(is_rt_capable), kNone, HRESULT, (BOOL* pbIsRTCapable), (pbIsRTCapable)) \
  X(18, IAudioDeviceEndpoint, GetEventDrivenCapable, 5, false, kHresult, kShapeNone, kNone, kNone, kNone, kBool(is_event_capable), kNone, HRESULT, (BOOL* pbisEventCapable), (pbisEventCapable)) \
  X(19, IAudioDeviceEndpoint, WriteExclusiveModeParametersToSharedMemory, 6, false, kHresult, kShapeNone, kI64(period_hns), kI64(buffer_duration_hns), kU64(latency_coefficient), kU64(shared_memory_size), kPresent(shared_memory_present), HRESULT, (UINT_PTR hTargetProcess, HNSTIME hnsPeriod, HNSTIME hnsBufferDuration, UINT32 u32LatencyCoefficient, UINT32* pu32SharedMemorySize, UINT_PTR* phSharedMemory), (hTargetProcess, hnsPeriod, hnsBufferDuration, u32LatencyCoefficient, pu32SharedMemorySize, phSharedMemory))

#define AETRACE_METHODS_IAudioEndpointControl(X) \
  X(20, IAudioEndpointControl, Start, 3, false, kHresult, kShapeNone, kNone, kNone, kNone, kNone, kNone, HRESULT, (), ()) \
  X(21, IAudioEndpointControl, Reset, 4, false, kHresult, kShapeNone, kNone, kNone, kNone, kNone, kNone, HRESULT, (), ()) \
  X(22, IAudioEndpointControl, Stop, 5, false, kHresult, kShapeNone, kNone, kNone, kNone, kNone, kNone, HRESULT, (), ())

#define AETRACE_METHODS(X) \
  AETRACE_METHODS_IAudioEndpoint(X) \
  AETRACE_METHODS_IAudioEndpointRT(X) \
  AETRACE_METHODS_IAudioInputEndpointRT(X) \
  AETRACE_METHODS_IAudioOutputEndpointRT(X) \
  AETRACE_METHODS_IAudioDeviceEndpoint(X) \
  AETRACE_METHODS_IAudioEndpointControl(X)

/// The six interfaces, in the order of the table (Y(Interface)).
#define AETRACE_INTERFACES(Y) \
  Y(IAudioEndpoint) \
  Y(IAudioEndpointRT) \
  Y(IAudioInputEndpointRT) \
  Y(IAudioOutputEndpointRT) \
  Y(IAudioDeviceEndpoint) \
  Y(IAudioEndpointControl)
// clang-format on

// AETRACE_FIELD(kU64(frames_per_packet)) -> FieldInfo{"frames_per_packet", FieldKind::kU64}.
#define AETRACE_FIELD(column) AETRACE_FIELD_##column
#define AETRACE_FIELD_kNone (::aetrace::abi::FieldInfo{nullptr, ::aetrace::abi::FieldKind::kNone})
#define AETRACE_FIELD_kU64(n) (::aetrace::abi::FieldInfo{#n, ::aetrace::abi::FieldKind::kU64})
#define AETRACE_FIELD_kI64(n) (::aetrace::abi::FieldInfo{#n, ::aetrace::abi::FieldKind::kI64})
#define AETRACE_FIELD_kBool(n) (::aetrace::abi::FieldInfo{#n, ::aetrace::abi::FieldKind::kBool})
#define AETRACE_FIELD_kPresent(n) \
    (::aetrace::abi::FieldInfo{#n, ::aetrace::abi::FieldKind::kPresent})
#define AETRACE_FIELD_kMatch(n) (::aetrace::abi::FieldInfo{#n, ::aetrace::abi::FieldKind::kMatch})

/// Stable method ids (trace format). Names are Interface_Method.
enum class MethodId : std::uint16_t {
    kNone = 0,
#define AETRACE_X(id, iface, method, slot, rt, ret, shape, a0, a1, a2, o0, o1, R, P, A) \
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
    FieldKind arg_kinds[3];    ///< what CallRecord::arg[i] holds (kNone = unused)
    FieldKind out_kinds[2];    ///< what CallRecord::out[i] holds (kNone = unused)
};

/// The row for `id`, or nullptr for an unknown id (for example from a newer trace). RT-safe.
const MethodInfo* method_info(MethodId id) noexcept;
/// The row whose qualified_name is `qualified` ("IAudioEndpointRT::GetCurrentPadding"), or nullptr.
const MethodInfo* find_method(std::string_view qualified) noexcept;
/// All rows, in id order (ids 1..kMethodCount).
const MethodInfo* all_methods() noexcept;

}  // namespace aetrace::abi
